//! The client switcher: a logon that reaches more than one customer picks the
//! one it works on. The list is scoped in its query; switching asks the rules.

use crate::{
    access, audit,
    auth::routes::session_view,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
        query::Query,
    },
    session::{SignedIn, SourceAddress},
    state::AppState,
};
use axum::extract::State;
use wire::{
    access::{CustomerQuery, CustomerRow, Paged, SwitchCustomerRequest},
    session::SessionView,
};

/// `GET /api/customers`: the customers this logon reaches, searched, sorted, paged.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<CustomerQuery>,
) -> ApiResult<Json<Paged<CustomerRow>>> {
    let search = query.parse()?;
    let page = access::scope::customer_page(
        &state.db,
        &state.derived,
        signed_in.stamp(&state),
        signed_in.logon_id,
        &search,
    )
    .await?;
    Ok(Json(Paged {
        items: page.rows,
        page: page.page,
        page_size: search.page_size,
        total: page.total,
        next: page.next,
        previous: page.previous,
    }))
}

/// `POST /api/session/customer`: work on another customer from the next page on.
pub async fn switch(
    State(state): State<AppState>,
    signed_in: SignedIn,
    SourceAddress(address): SourceAddress,
    Json(request): Json<SwitchCustomerRequest>,
) -> ApiResult<Json<SessionView>> {
    let today = state.clock.today();
    access::customer_access(&state.db, signed_in.logon_id, request.customer_id, today)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut tx = state.begin().await?;
    sqlx::query("UPDATE sessions SET current_customer_id = $1 WHERE id = $2")
        .bind(request.customer_id)
        .bind(signed_in.session_id)
        .execute(&mut *tx)
        .await?;
    let event = audit::Event {
        logon_id: Some(signed_in.logon_id),
        customer_id: Some(request.customer_id),
        action: "switch_customer",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, state.now(), event).await?;
    tx.commit().await?;
    Ok(Json(
        session_view(&state, signed_in.logon_id, Some(request.customer_id)).await?,
    ))
}
