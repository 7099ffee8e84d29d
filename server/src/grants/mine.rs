//! Manage Your Access: every business the caller reaches, with its level on
//! each account, and leaving one. Levels are worked out by the rules for the
//! page's rows only.

use super::{
    current::revoke_grant,
    notify::{self, Notice},
    rows,
};
use crate::{
    access::{self, guards::ReachedCustomer, masters, Account},
    audit,
    db::Dialect,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
        query::Query,
    },
    session::{SignedIn, SourceAddress},
    state::AppState,
};
use axum::{extract::State, http::StatusCode};
use wire::{
    access::{
        AccessType, ConfirmRequest, Contact, CustomerQuery, MyAccessRow, Paged,
        LAST_MASTER_ADMINISTRATOR,
    },
    CivilDate,
};

pub const SECONDARY_CANNOT_LEAVE: &str =
    "A secondary logon's access is decided by its parent logon, so it cannot leave a business";
pub const CONFIRM_LEAVE: &str = "Confirm that you want to give up your access to this business";

#[derive(sqlx::FromRow)]
struct ContactRow {
    name: String,
    email: String,
    phone: Option<String>,
}

/// Who may change the caller's access to a business (seed 001): a secondary
/// logon asks its parent logon; a Tax Administrator the business's Master
/// Administrators (`masters::standing_masters`, who hear of everything about
/// it anyway). A Master Administrator has all there is.
async fn who_to_ask(
    state: &AppState,
    me: i64,
    held: &access::CustomerAccess,
    today: CivilDate,
) -> ApiResult<Vec<Contact>> {
    let ids: Vec<i64> = if held.is_secondary() {
        sqlx::query_scalar("SELECT parent_logon_id FROM logons WHERE id = $1")
            .bind(me)
            .fetch_optional(&state.db)
            .await?
            .flatten()
            .into_iter()
            .collect()
    } else if held.access_type == AccessType::TaxAdministrator {
        masters::standing_masters(&state.db, held.customer_id, today)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .filter(|id| *id != me)
            .collect()
    } else {
        Vec::new()
    };
    let mut contacts = Vec::with_capacity(ids.len());
    for id in ids {
        let row: Option<ContactRow> =
            sqlx::query_as("SELECT name, email, phone FROM logons WHERE id = $1")
                .bind(id)
                .fetch_optional(&state.db)
                .await?;
        contacts.extend(row.map(|r| Contact {
            name: r.name,
            email: r.email,
            phone: r.phone.filter(|p| !p.trim().is_empty()),
        }));
    }
    Ok(contacts)
}

/// `GET /api/access/mine?q&sort&dir&page&page_size`.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<CustomerQuery>,
) -> ApiResult<Json<Paged<MyAccessRow>>> {
    let search = query.parse()?;
    let today = state.clock.today();
    let me = signed_in.logon_id;
    let page = access::scope::customer_page(
        &state.db,
        &state.derived,
        signed_in.stamp(&state),
        me,
        &search,
    )
    .await?;
    let mut items = Vec::with_capacity(page.rows.len());
    for customer in page.rows {
        // Reached a moment ago; gone now only if revoked in between.
        let Some(held) = access::customer_access(&state.db, me, customer.id, today).await? else {
            continue;
        };
        let ends_on: Option<String> =
            sqlx::query_scalar("SELECT ends_on FROM access_grants WHERE id = $1")
                .bind(held.grant_id)
                .fetch_one(&state.db)
                .await?;
        let may_leave = !held.is_secondary()
            && !masters::is_last_master_grant(&state.db, held.grant_id, today).await?;
        let accounts = rows::customer_accounts(&state.db, customer.id)
            .await?
            .iter()
            .map(|account| {
                account.with_level(held.level_on(Account {
                    id: account.id,
                    tax_type: account.tax_type,
                }))
            })
            .collect();
        let ask = who_to_ask(&state, me, &held, today).await?;
        items.push(MyAccessRow {
            customer_id: customer.id,
            legal_name: customer.legal_name,
            reg_number: customer.reg_number,
            access_type: customer.access_type,
            relationship: customer.relationship,
            ends_on: ends_on.as_deref().and_then(CivilDate::parse_iso),
            accounts,
            may_leave,
            ask,
        });
    }
    Ok(Json(Paged {
        items,
        page: page.page,
        page_size: search.page_size,
        total: page.total,
        next: page.next,
        previous: page.previous,
    }))
}

/// `POST /api/access/mine/{customer_id}/leave`: gives up the caller's own grant.
pub async fn leave(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    reached: ReachedCustomer,
    Json(confirm): Json<ConfirmRequest>,
) -> ApiResult<StatusCode> {
    if reached.access.is_secondary() {
        return Err(ApiError::Forbidden(SECONDARY_CANNOT_LEAVE));
    }
    confirm.parse(CONFIRM_LEAVE)?;
    let (now, today) = (state.now(), state.clock.today());
    let customer_id = reached.access.customer_id;
    let me = reached.signed_in.logon_id;
    let mut tx = state.begin().await?;
    masters::serialize(&mut tx, Dialect::of(&state.db), &[customer_id]).await?;
    if masters::is_last_master_grant(&mut *tx, reached.access.grant_id, today).await? {
        return Err(ApiError::Conflict(LAST_MASTER_ADMINISTRATOR.into()));
    }
    revoke_grant(&mut tx, reached.access.grant_id).await?;
    audit::record(
        &mut *tx,
        now,
        audit::Event {
            logon_id: Some(me),
            customer_id: Some(customer_id),
            action: "access_left",
            success: true,
            source_address: address.as_deref(),
            ..Default::default()
        },
    )
    .await?;
    let legal_name = rows::legal_name(&state.db, customer_id).await?;
    let who = rows::logon_label(&state.db, me).await?;
    notify::to_business(
        &mut tx,
        &state,
        customer_id,
        &[],
        &Notice {
            subject: format!("{who} gave up access to {legal_name}"),
            body: format!(
                "{who} gave up their access to {legal_name} under Manage Your Access. \
                 They can no longer act for the business."
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
