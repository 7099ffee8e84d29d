//! `/api/demo/mailbox`: the latest outbox messages, so a person trying the demo
//! portal can follow the links it mails. It exists only with `--demo`; otherwise
//! it answers 404 like any unknown API path.

use super::Mailer;
use crate::http::{
    error::{ApiError, ApiResult},
    json::Json,
    Routes,
};
use axum::extract::{FromRef, State};
use serde::Serialize;

/// How many messages the demo mailbox shows, newest first.
pub const DEMO_MAILBOX_SIZE: i64 = 50;

/// Over any state the mailer can be taken from, so mail needs nothing above it.
pub fn routes<S>() -> Routes<S>
where
    S: Clone + Send + Sync + 'static,
    Mailer: FromRef<S>,
{
    Routes::new().get_hidden("/demo/mailbox", mailbox)
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoMailbox {
    pub messages: Vec<DemoMessage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub kind: String,
    /// `queued`, `sent` or `failed`.
    pub status: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
}

async fn mailbox(State(mailer): State<Mailer>) -> ApiResult<Json<DemoMailbox>> {
    if !mailer.demo_mailbox() {
        return Err(ApiError::NotFound);
    }
    let rows: Vec<(i64, String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, recipient, subject, body, kind, status, created_at FROM outbox \
         ORDER BY id DESC LIMIT $1",
    )
    .bind(DEMO_MAILBOX_SIZE)
    .fetch_all(&mailer.inner.db)
    .await?;
    let messages = rows
        .into_iter()
        .map(
            |(id, to, subject, body, kind, status, created_at)| DemoMessage {
                id,
                to,
                subject,
                body,
                kind,
                status,
                created_at,
            },
        )
        .collect();
    Ok(Json(DemoMailbox { messages }))
}
