//! Recent clients (issue 14 §4): the last customers this logon opened from
//! Customers, newest first, read from its own `switch_customer` activity. A
//! customer it no longer reaches is left out, so the list never shows more
//! than the rules allow (each one is asked of `access::customer_access`).

use crate::{
    access,
    http::{error::ApiResult, json::Json},
    session::SignedIn,
    state::AppState,
};
use axum::extract::State;
use wire::access::CustomerRow;

/// How many the list shows.
pub const RECENT_CLIENTS: usize = 10;

#[derive(sqlx::FromRow)]
struct Opened {
    customer_id: i64,
    legal_name: String,
    reg_number: String,
}

/// `GET /api/customers/recent`.
pub async fn recent(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<Vec<CustomerRow>>> {
    let today = state.clock.today();
    // A few more than shown, for those no longer reached.
    let opened: Vec<Opened> = sqlx::query_as(
        "SELECT a.customer_id AS customer_id, c.legal_name AS legal_name, c.reg_number AS reg_number \
         FROM (SELECT customer_id, MAX(id) AS last FROM activity \
               WHERE logon_id = $1 AND action = 'switch_customer' AND outcome = 'success' \
                 AND customer_id IS NOT NULL \
               GROUP BY customer_id) a \
         JOIN customers c ON c.id = a.customer_id \
         ORDER BY a.last DESC LIMIT $2",
    )
    .bind(signed_in.logon_id)
    .bind((RECENT_CLIENTS * 2) as i64)
    .fetch_all(&state.db)
    .await?;
    let mut rows = Vec::with_capacity(RECENT_CLIENTS);
    for opened in opened {
        if rows.len() == RECENT_CLIENTS {
            break;
        }
        let reached =
            access::customer_access(&state.db, signed_in.logon_id, opened.customer_id, today)
                .await?;
        if let Some(reached) = reached {
            rows.push(CustomerRow {
                id: opened.customer_id,
                legal_name: opened.legal_name,
                reg_number: opened.reg_number,
                access_type: reached.access_type,
                relationship: reached.relationship,
            });
        }
    }
    Ok(Json(rows))
}
