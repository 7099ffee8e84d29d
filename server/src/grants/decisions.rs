//! A Master Administrator decides the business's pending requests: approve
//! (choosing the access type, levels and an optional end date) or deny. A
//! request that lapsed or was already decided cannot be decided again.

use super::{
    access_words, kind_words,
    notify::{self, Notice},
    path_id, relationship_of,
    rows::{self, Which},
    store::{self, GrantValues},
};
use crate::{
    access::guards::CustomerAdministrator,
    audit,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
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
    access::AccessType,
    grants::{GrantDecisionForm, GrantRow, RequestKind, STEP_DOWN_FIELD},
    FieldErrors,
};

pub const ALREADY_DECIDED: &str = "This request has already been decided";
pub const LAPSED: &str =
    "This request lapsed: nobody decided it within 21 days. The person can ask again.";
pub const STEP_DOWN_ON_CHANGE_ONLY: &str =
    "You can step down when you change the access of a logon that already has access, not when you approve a request";
pub const GRANTEE_HAS_ACCESS: &str =
    "This logon already has access to this business. Change its access instead.";

/// A request of this customer that can still be decided.
struct OpenRequest {
    id: i64,
    requester: i64,
    grantee: i64,
    kind: RequestKind,
}

async fn open_request(
    tx: &mut AnyConnection,
    customer_id: i64,
    request_id: i64,
    now: i64,
) -> ApiResult<OpenRequest> {
    let row: Option<(i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT requester_logon_id, grantee_logon_id, kind, status, expires_at \
         FROM access_requests WHERE id = $1 AND customer_id = $2",
    )
    .bind(request_id)
    .bind(customer_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (requester, grantee, kind, status, expires_at) = row.ok_or(ApiError::NotFound)?;
    if status != "pending" {
        return Err(ApiError::Conflict(ALREADY_DECIDED.into()));
    }
    if expires_at <= now {
        return Err(ApiError::Conflict(LAPSED.into()));
    }
    Ok(OpenRequest {
        id: request_id,
        requester,
        grantee,
        kind: RequestKind::from_code(&kind).ok_or(ApiError::NotFound)?,
    })
}

/// Marks the request decided, unless another decision got there first.
async fn close_request(
    tx: &mut AnyConnection,
    request: &OpenRequest,
    status: &str,
    decided_by: i64,
    now: i64,
) -> ApiResult<()> {
    let closed = sqlx::query(
        "UPDATE access_requests SET status = $1, decided_at = $2, decided_by_logon_id = $3 \
         WHERE id = $4 AND status = 'pending' AND expires_at > $2",
    )
    .bind(status)
    .bind(now)
    .bind(decided_by)
    .bind(request.id)
    .execute(&mut *tx)
    .await?;
    if closed.rows_affected() != 1 {
        return Err(ApiError::Conflict(ALREADY_DECIDED.into()));
    }
    Ok(())
}

/// `POST /api/customers/{id}/access-requests/{rid}/approve`.
pub async fn approve(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    admin: CustomerAdministrator,
    Path(params): Path<HashMap<String, String>>,
    Json(form): Json<GrantDecisionForm>,
) -> ApiResult<Json<GrantRow>> {
    let request_id = path_id(&params, "request_id")?;
    let (now, today) = (state.now(), state.clock.today());
    let customer_id = admin.access.customer_id;
    let me = admin.signed_in.logon_id;
    let mut tx = state.begin().await?;
    let request = open_request(&mut tx, customer_id, request_id, now).await?;
    let decision = form.parse(today)?;
    if decision.step_down {
        let mut errors = FieldErrors::new();
        errors.add(STEP_DOWN_FIELD, STEP_DOWN_ON_CHANGE_ONLY);
        return Err(errors.into());
    }
    store::check_accounts(
        &decision,
        &rows::customer_accounts(&state.db, customer_id).await?,
    )?;
    if store::holds_grant(&mut tx, request.grantee, customer_id, today).await? {
        return Err(ApiError::Conflict(GRANTEE_HAS_ACCESS.into()));
    }
    let grant_id = store::upsert_grant(
        &mut tx,
        GrantValues {
            logon_id: request.grantee,
            customer_id,
            relationship: relationship_of(request.kind),
            levels: &decision.levels,
            ends_on: decision.ends_on,
            granted_by: me,
            now,
        },
    )
    .await?;
    close_request(&mut tx, &request, "approved", me, now).await?;
    record(
        &mut tx,
        &admin,
        "access_request_approved",
        address.as_deref(),
        now,
    )
    .await?;

    let legal_name = rows::legal_name(&state.db, customer_id).await?;
    let requester = rows::logon_label(&state.db, request.requester).await?;
    let decider = rows::logon_label(&state.db, me).await?;
    let (kind_words, screen) = kind_words(request.kind);
    let access = access_words(decision.levels.access_type(), decision.ends_on);
    let people = [request.requester, request.grantee];
    let to_person = Notice {
        subject: format!("Your request for access to {legal_name} was approved"),
        body: format!(
            "{legal_name} approved your request for access as {kind_words}. \
             Access type: {access}. Manage Your Access shows your level on each account."
        ),
    };
    notify::to_logons(&mut tx, &state, &people, &to_person).await?;
    if decision.levels.access_type() == AccessType::MasterAdministrator {
        let how = format!(
            "when {decider} approved the request of {requester} for access as {kind_words} \
             (change or revoke it under More..., {screen})"
        );
        notify::announce_masters(&mut tx, &state, customer_id, request.grantee, &how).await?;
    } else {
        let to_business = Notice {
            subject: format!("Access request from {requester} approved"),
            body: format!(
                "{decider} approved the request of {requester} for access to {legal_name} \
                 as {kind_words}. Access type: {access}. Change or revoke it under More..., {screen}."
            ),
        };
        notify::to_business(&mut tx, &state, customer_id, &people, &to_business).await?;
    }
    tx.commit().await?;
    let row = rows::grant_rows(&state.db, customer_id, Which::One(grant_id))
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    Ok(Json(row))
}

/// `POST /api/customers/{id}/access-requests/{rid}/deny`.
pub async fn deny(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    admin: CustomerAdministrator,
    Path(params): Path<HashMap<String, String>>,
) -> ApiResult<StatusCode> {
    let request_id = path_id(&params, "request_id")?;
    let now = state.now();
    let customer_id = admin.access.customer_id;
    let me = admin.signed_in.logon_id;
    let mut tx = state.begin().await?;
    let request = open_request(&mut tx, customer_id, request_id, now).await?;
    close_request(&mut tx, &request, "denied", me, now).await?;
    record(
        &mut tx,
        &admin,
        "access_request_denied",
        address.as_deref(),
        now,
    )
    .await?;

    let legal_name = rows::legal_name(&state.db, customer_id).await?;
    let requester = rows::logon_label(&state.db, request.requester).await?;
    let decider = rows::logon_label(&state.db, me).await?;
    let (kind_words, _) = kind_words(request.kind);
    notify::both_sides(
        &mut tx,
        &state,
        customer_id,
        &[request.requester, request.grantee],
        Notice {
            subject: format!("Your request for access to {legal_name} was denied"),
            body: format!(
                "{legal_name} denied your request for access as {kind_words}. \
                 If you think this is a mistake, contact the business."
            ),
        },
        Notice {
            subject: format!("Access request from {requester} denied"),
            body: format!(
                "{decider} denied the request of {requester} for access to {legal_name} \
                 as {kind_words}."
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records a decision on the caller, for the customer.
pub(super) async fn record(
    tx: &mut AnyConnection,
    admin: &CustomerAdministrator,
    action: &str,
    address: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    audit::record(
        &mut *tx,
        now,
        audit::Event {
            logon_id: Some(admin.signed_in.logon_id),
            customer_id: Some(admin.access.customer_id),
            action,
            success: true,
            source_address: address,
            ..Default::default()
        },
    )
    .await
}
