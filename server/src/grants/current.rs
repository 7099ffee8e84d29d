//! Manage Additional Logons / Manage Third Party Access: the access a business
//! granted, changed or revoked by its Master Administrators. Revoking a firm's
//! grant ends its secondary logons' access too, since theirs derives from it.
//! The last Master Administrator can be neither demoted nor revoked.

use super::{
    access_words,
    decisions::record,
    hand_over, kind_words,
    notify::{self, Notice},
    path_id,
    rows::{self, Which},
    store, KindQuery,
};
use crate::{
    access::{guards::CustomerAdministrator, masters},
    db::Dialect,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
        query::Query,
    },
    session::SourceAddress,
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use sqlx::AnyConnection;
use std::collections::HashMap;
use wire::{
    access::{AccessType, ConfirmRequest, LAST_MASTER_ADMINISTRATOR},
    grants::{GrantDecisionForm, GrantRow, RequestKind},
};

pub const CONFIRM_REVOKE: &str = "Confirm that you want to revoke this access";

/// `GET /api/customers/{id}/grants?kind=`.
pub async fn list(
    State(state): State<AppState>,
    admin: CustomerAdministrator,
    Query(query): Query<KindQuery>,
) -> ApiResult<Json<Vec<GrantRow>>> {
    Ok(Json(
        rows::grant_rows(&state.db, admin.access.customer_id, Which::Kind(query.kind)).await?,
    ))
}

/// An active grant of this customer as the page lists it: its holder, kind
/// and access type. Only additional logons and third parties are listed, so
/// only they can be changed or revoked here: a business's own logon holds its
/// grant until it leaves or deletes its profile, whoever else became a Master
/// Administrator later. Any other grant answers 404.
async fn listed_grant(
    tx: &mut AnyConnection,
    customer_id: i64,
    grant_id: i64,
) -> ApiResult<(i64, RequestKind, String)> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT logon_id, relationship, access_type FROM access_grants \
         WHERE id = $1 AND customer_id = $2 AND status = 'active' \
           AND relationship IN ('additional', 'third_party')",
    )
    .bind(grant_id)
    .bind(customer_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (logon_id, relationship, access_type) = row.ok_or(ApiError::NotFound)?;
    let kind = if relationship == "third_party" {
        RequestKind::ThirdParty
    } else {
        RequestKind::Additional
    };
    Ok((logon_id, kind, access_type))
}

/// `PUT /api/customers/{id}/grants/{gid}`: new access type, levels, end date.
pub async fn change(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    admin: CustomerAdministrator,
    Path(params): Path<HashMap<String, String>>,
    Json(form): Json<GrantDecisionForm>,
) -> ApiResult<Json<GrantRow>> {
    let grant_id = path_id(&params, "grant_id")?;
    let (now, today) = (state.now(), state.clock.today());
    let customer_id = admin.access.customer_id;
    let mut tx = state.begin().await?;
    masters::serialize(&mut tx, Dialect::of(&state.db), &[customer_id]).await?;
    let (holder, kind, held_type) = listed_grant(&mut tx, customer_id, grant_id).await?;
    let decision = form.parse(today)?;
    let accounts = rows::customer_accounts(&state.db, customer_id).await?;
    store::check_accounts(&decision, &accounts)?;
    // An end date on the last Master Administrator would leave none after it.
    let steps_down = decision.levels.access_type() != AccessType::MasterAdministrator
        || decision.ends_on.is_some();
    if steps_down && masters::is_last_master_grant(&mut *tx, grant_id, today).await? {
        return Err(ApiError::Conflict(LAST_MASTER_ADMINISTRATOR.into()));
    }
    store::change_grant(&mut tx, grant_id, &decision.levels, decision.ends_on).await?;
    if decision.step_down {
        let address = address.as_deref();
        hand_over::step_down(&mut tx, &state, &admin, grant_id, &accounts, address).await?;
    }
    record(&mut tx, &admin, "grant_changed", address.as_deref(), now).await?;

    let legal_name = rows::legal_name(&state.db, customer_id).await?;
    let holder_label = rows::logon_label(&state.db, holder).await?;
    let decider = rows::logon_label(&state.db, admin.signed_in.logon_id).await?;
    let access = access_words(decision.levels.access_type(), decision.ends_on);
    let to_holder = Notice {
        subject: format!("Your access to {legal_name} was changed"),
        body: format!(
            "{legal_name} changed your access. Access type: {access}. \
             Manage Your Access shows your level on each account."
        ),
    };
    notify::to_logons(&mut tx, &state, &[holder], &to_holder).await?;
    let becomes_master = decision.levels.access_type() == AccessType::MasterAdministrator
        && held_type != AccessType::MasterAdministrator.code();
    if becomes_master {
        let (kind_words, screen) = kind_words(kind);
        let how = format!(
            "when {decider} changed the access of {holder_label} as {kind_words} \
             (change or revoke it under More..., {screen})"
        );
        notify::announce_masters(&mut tx, &state, customer_id, holder, &how).await?;
    } else {
        let to_business = Notice {
            subject: format!("Access of {holder_label} changed"),
            body: format!(
                "{decider} changed the access of {holder_label} to {legal_name}. \
                 Access type: {access}."
            ),
        };
        notify::to_business(&mut tx, &state, customer_id, &[holder], &to_business).await?;
    }
    tx.commit().await?;
    let row = rows::grant_rows(&state.db, customer_id, Which::One(grant_id))
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    Ok(Json(row))
}

/// `POST /api/customers/{id}/grants/{gid}/revoke`: confirmed, effective at once.
pub async fn revoke(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    admin: CustomerAdministrator,
    Path(params): Path<HashMap<String, String>>,
    Json(confirm): Json<ConfirmRequest>,
) -> ApiResult<StatusCode> {
    let grant_id = path_id(&params, "grant_id")?;
    let (now, today) = (state.now(), state.clock.today());
    let customer_id = admin.access.customer_id;
    let mut tx = state.begin().await?;
    masters::serialize(&mut tx, Dialect::of(&state.db), &[customer_id]).await?;
    let (holder, kind, _) = listed_grant(&mut tx, customer_id, grant_id).await?;
    confirm.parse(CONFIRM_REVOKE)?;
    if masters::is_last_master_grant(&mut *tx, grant_id, today).await? {
        return Err(ApiError::Conflict(LAST_MASTER_ADMINISTRATOR.into()));
    }
    revoke_grant(&mut tx, grant_id).await?;
    record(&mut tx, &admin, "grant_revoked", address.as_deref(), now).await?;

    let legal_name = rows::legal_name(&state.db, customer_id).await?;
    let holder_label = rows::logon_label(&state.db, holder).await?;
    let decider = rows::logon_label(&state.db, admin.signed_in.logon_id).await?;
    let (kind_words, _) = kind_words(kind);
    notify::both_sides(
        &mut tx,
        &state,
        customer_id,
        &[holder],
        Notice {
            subject: format!("Your access to {legal_name} was revoked"),
            body: format!(
                "{legal_name} revoked your access as {kind_words}. You, and any secondary \
                 logons acting through you, can no longer act for it."
            ),
        },
        Notice {
            subject: format!("Access of {holder_label} revoked"),
            body: format!(
                "{decider} revoked the access of {holder_label} to {legal_name} as {kind_words}."
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks the grant revoked; its history (levels, activity) stays.
pub(super) async fn revoke_grant(tx: &mut AnyConnection, grant_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE access_grants SET status = 'revoked' WHERE id = $1")
        .bind(grant_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}
