//! The Customer Security tab: every customer the parent reaches through its
//! own grants, in exactly one of its groups (Default unless moved). The list is
//! one scoped query and one count, however many customers there are.

use super::{ensure_default_group, owner_groups, MasterWatch};
use crate::{
    access::{
        self,
        guards::{ParentLogon, ParentReachedCustomer},
        scope::reached_page,
    },
    audit,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
        query::Query,
    },
    session::SourceAddress,
    state::AppState,
};
use axum::extract::State;
use std::collections::HashMap;
use wire::{
    access::{CustomerQuery, Paged},
    secondary::{
        CustomerSecurityRow, CustomersMoved, GroupRef, MoveCustomerRequest, MoveCustomersRequest,
        MoveSelection, MOVE_MATCHING_AT_MOST,
    },
    FieldErrors,
};

/// `GET /api/customer-security`: searched, sorted and paged like Customers.
pub async fn list(
    State(state): State<AppState>,
    ParentLogon { signed_in }: ParentLogon,
    Query(query): Query<CustomerQuery>,
) -> ApiResult<Json<Paged<CustomerSecurityRow>>> {
    let owner = signed_in.logon_id;
    let default_id = ensure_default_group(&state.db, owner, state.now()).await?;
    let search = query.parse()?;
    let groups: HashMap<i64, String> = owner_groups(&state.db, owner)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let page = reached_page(
        &state.db,
        &state.derived,
        signed_in.stamp(&state),
        owner,
        &search,
    )
    .await?;
    let items = page
        .rows
        .into_iter()
        .map(|row| {
            let id = row.holder_group.unwrap_or(default_id);
            CustomerSecurityRow {
                customer_id: row.customer_id,
                legal_name: row.legal_name,
                reg_number: row.reg_number,
                group: GroupRef {
                    id,
                    name: groups.get(&id).cloned().unwrap_or_default(),
                },
            }
        })
        .collect();
    Ok(Json(Paged {
        items,
        page: page.page,
        page_size: search.page_size,
        total: page.total,
        next: page.next,
        previous: page.previous,
    }))
}

/// `PUT /api/customer-security/{customer_id}`: Select Security Group → Save.
/// Secondary logons without the new group lose the customer at their next request.
pub async fn move_customer(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    ParentReachedCustomer {
        parent: signed_in,
        customer_id,
    }: ParentReachedCustomer,
    Json(request): Json<MoveCustomerRequest>,
) -> ApiResult<Json<CustomerSecurityRow>> {
    let owner = signed_in.logon_id;
    let now = state.now();
    let group_id = request.parse()?;
    let default_id = ensure_default_group(&state.db, owner, now).await?;
    let group = own_group(&state, owner, group_id).await?;

    let watch = MasterWatch::before(&state, owner, Some(customer_id)).await?;
    let mut tx = state.begin().await?;
    place(
        &mut tx,
        owner,
        customer_id,
        &group,
        default_id,
        address.as_deref(),
        now,
    )
    .await?;
    watch.announce(&mut tx, &state).await?;
    let (legal_name, reg_number): (String, String) =
        sqlx::query_as("SELECT legal_name, reg_number FROM customers WHERE id = $1")
            .bind(customer_id)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Json(CustomerSecurityRow {
        customer_id,
        legal_name,
        reg_number,
        group,
    }))
}

/// One of the caller's own groups, or a field error.
async fn own_group(state: &AppState, owner: i64, group_id: i64) -> ApiResult<GroupRef> {
    owner_groups(&state.db, owner)
        .await?
        .into_iter()
        .find(|g| g.id == group_id)
        .map(|g| GroupRef {
            id: g.id,
            name: g.name,
        })
        .ok_or_else(|| {
            let mut errors = FieldErrors::new();
            errors.add("group_id", "Choose one of your security groups");
            ApiError::from(errors)
        })
}

/// Puts one customer in `group`, inside the caller's transaction, and records it.
async fn place(
    tx: &mut sqlx::AnyConnection,
    owner: i64,
    customer_id: i64,
    group: &GroupRef,
    default_id: i64,
    address: Option<&str>,
    now: i64,
) -> ApiResult<()> {
    sqlx::query("DELETE FROM customer_security WHERE owner_logon_id = $1 AND customer_id = $2")
        .bind(owner)
        .bind(customer_id)
        .execute(&mut *tx)
        .await?;
    // Default needs no row: a customer without one is in it.
    if group.id != default_id {
        sqlx::query(
            "INSERT INTO customer_security (owner_logon_id, customer_id, group_id) VALUES ($1, $2, $3)",
        )
        .bind(owner)
        .bind(customer_id)
        .bind(group.id)
        .execute(&mut *tx)
        .await?;
    }
    let detail = format!("Moved to {}", group.name);
    let event = audit::Event {
        logon_id: Some(owner),
        customer_id: Some(customer_id),
        action: "customer_group_changed",
        success: true,
        detail: Some(&detail),
        source_address: address,
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    Ok(())
}

/// `POST /api/customer-security/move`: many customers into one group, in one
/// transaction: the ticked ones, each of which must be reached through the
/// caller's own grants (`access::customer_access`; one that is not refuses
/// the whole move, 404, and nothing changes), or every one the caller's
/// search matches, read through the same scoped list the page shows.
pub async fn move_many(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    ParentLogon { signed_in }: ParentLogon,
    Json(request): Json<MoveCustomersRequest>,
) -> ApiResult<Json<CustomersMoved>> {
    let owner = signed_in.logon_id;
    let now = state.now();
    let today = state.clock.today();
    let (group_id, selection) = request.parse()?;
    let default_id = ensure_default_group(&state.db, owner, now).await?;
    let group = own_group(&state, owner, group_id).await?;
    let customer_ids = match selection {
        MoveSelection::Ticked(ids) => {
            for customer_id in &ids {
                access::customer_access(&state.db, owner, *customer_id, today)
                    .await?
                    .ok_or(ApiError::NotFound)?;
            }
            ids
        }
        MoveSelection::Matching { text, expected } => {
            let ids = matching_ids(&state, &signed_in, text).await?;
            if ids.len() as i64 != expected {
                let noun = if ids.len() == 1 {
                    "customer"
                } else {
                    "customers"
                };
                return Err(ApiError::Conflict(format!(
                    "The search now matches {} {noun}, not {expected}. Nothing was moved: check the list and move them again.",
                    ids.len()
                )));
            }
            ids
        }
    };
    let watch = MasterWatch::before(&state, owner, None).await?;
    let mut tx = state.begin().await?;
    for customer_id in &customer_ids {
        place(
            &mut tx,
            owner,
            *customer_id,
            &group,
            default_id,
            address.as_deref(),
            now,
        )
        .await?;
    }
    watch.announce(&mut tx, &state).await?;
    tx.commit().await?;
    Ok(Json(CustomersMoved {
        moved: customer_ids.len(),
        group,
    }))
}

/// Every customer the list shows for `text`, page by page along its cursors,
/// stopping one past the most a move takes (the request's count then differs).
async fn matching_ids(
    state: &AppState,
    signed_in: &crate::session::SignedIn,
    text: Option<String>,
) -> ApiResult<Vec<i64>> {
    let mut query = CustomerQuery {
        q: text,
        page_size: Some(100),
        ..Default::default()
    };
    let mut ids = Vec::new();
    loop {
        let search = query.parse()?;
        let page = reached_page(
            &state.db,
            &state.derived,
            signed_in.stamp(state),
            signed_in.logon_id,
            &search,
        )
        .await?;
        ids.extend(page.rows.iter().map(|row| row.customer_id));
        match page.next {
            Some(next) if (ids.len() as i64) <= MOVE_MATCHING_AT_MOST => query.cursor = Some(next),
            _ => return Ok(ids),
        }
    }
}
