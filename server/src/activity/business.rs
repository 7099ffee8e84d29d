//! View Activity for a business: `GET /api/customers/{customer_id}/activity`,
//! everything recorded on the customer, each row naming who did it. Only its
//! Master Administrators see it.

use super::{page, read_query, Whose};
use crate::{
    access::guards::CustomerAdministrator,
    http::{error::ApiResult, json::Json, Routes},
    state::AppState,
};
use axum::extract::{rejection::QueryRejection, Query, State};
use wire::activity::{ActivityPage, ActivityQuery};

pub fn routes() -> Routes<AppState> {
    Routes::new().get("/customers/{customer_id}/activity", list)
}

async fn list(
    State(state): State<AppState>,
    admin: CustomerAdministrator,
    query: Result<Query<ActivityQuery>, QueryRejection>,
) -> ApiResult<Json<ActivityPage>> {
    let search = read_query(query)?;
    Ok(Json(
        page(
            &state.db,
            Whose::Customer(admin.access.customer_id),
            &search,
        )
        .await?,
    ))
}
