//! Messages: a business's letters from the agency (any logon that reaches it
//! reads them), and the notices addressed to the signed-in logon itself.

use crate::{
    access::guards::ReachedCustomer,
    http::{error::ApiResult, json::Json, Routes},
    session::SignedIn,
    state::AppState,
};
use axum::extract::State;
use wire::messages::MessageRow;

/// The newest this many; older letters stay in the database.
const LIST_MAX: i64 = 500;

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/customers/{customer_id}/messages", for_customer)
        .get("/messages/mine", mine)
}

async fn for_customer(
    State(state): State<AppState>,
    reached: ReachedCustomer,
) -> ApiResult<Json<Vec<MessageRow>>> {
    Ok(Json(
        list(&state, "customer_id", reached.access.customer_id).await?,
    ))
}

async fn mine(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<Vec<MessageRow>>> {
    Ok(Json(list(&state, "logon_id", signed_in.logon_id).await?))
}

/// `column` is one of two fixed names, never input.
async fn list(state: &AppState, column: &str, id: i64) -> sqlx::Result<Vec<MessageRow>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        letter_id: String,
        subject: String,
        body: String,
        sent_at: i64,
        read_at: Option<i64>,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT id, letter_id, subject, body, sent_at, read_at FROM messages \
         WHERE {column} = $1 ORDER BY sent_at DESC, id DESC LIMIT $2"
    ))
    .bind(id)
    .bind(LIST_MAX)
    .fetch_all(&state.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| MessageRow {
            id: row.id,
            letter_id: row.letter_id,
            subject: row.subject,
            body: row.body,
            sent_at: row.sent_at,
            read: row.read_at.is_some(),
        })
        .collect())
}
