//! Delivery: hands due `queued` outbox rows to the SMTP relay and records the
//! outcome. A failed attempt is retried with doubling backoff, up to
//! `MAX_ATTEMPTS`; a permanent refusal (5xx, a malformed address) is not retried.

use super::{error_class, recipient_domain, Mailer};
use lettre::{
    message::{header::ContentType, Mailbox},
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::time::{Duration, UNIX_EPOCH};
use tokio::task::JoinHandle;

/// Attempts before a message is given up as `failed`.
pub const MAX_ATTEMPTS: i64 = 5;
/// Wait before the second attempt; it doubles for each one after (1, 2, 4, 8 minutes).
pub const FIRST_RETRY_SECONDS: i64 = 60;
/// An attempt in progress holds its row this long, so a process that dies while
/// sending leaves the row to be tried again rather than stuck.
const LEASE_SECONDS: i64 = 10 * 60;
/// Rows read per query.
const BATCH: i64 = 20;
/// The task looks at the outbox this often even when nobody notifies it.
const POLL: Duration = Duration::from_secs(15);
/// Longest `last_error` kept.
const ERROR_CHARS: usize = 500;

/// What one delivery pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: u32,
    /// Failed this time; stays `queued` for a later attempt.
    pub retrying: u32,
    /// Given up: now `failed`.
    pub failed: u32,
}

impl Delivery {
    fn is_empty(&self) -> bool {
        *self == Delivery::default()
    }
}

struct Due {
    id: i64,
    created_at: i64,
    recipient: String,
    subject: String,
    body: String,
    kind: String,
    attempts: i64,
}

/// Why an attempt failed: the text kept in `last_error`, a log-safe class, and
/// whether trying again could help.
struct Failure {
    error: String,
    class: String,
    permanent: bool,
}

/// Seconds to wait after the given number of failed attempts.
pub fn backoff_seconds(attempts: i64) -> i64 {
    FIRST_RETRY_SECONDS << (attempts - 1).clamp(0, 16)
}

impl Mailer {
    /// Delivers every queued message that is due, and returns what happened.
    /// Does nothing without an SMTP relay. The background task calls it; tests may too.
    /// Errors are the database's; an SMTP failure is recorded on its row instead.
    pub async fn deliver_pending(&self) -> anyhow::Result<Delivery> {
        let Some(transport) = &self.inner.transport else {
            return Ok(Delivery::default());
        };
        let _one_pass_at_a_time = self.inner.pass.lock().await;
        let mut delivery = Delivery::default();
        loop {
            let rows: Vec<(i64, i64, String, String, String, String, i64)> = sqlx::query_as(
                "SELECT id, created_at, recipient, subject, body, kind, attempts FROM outbox \
                 WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
            )
            .bind(self.now())
            .bind(BATCH)
            .fetch_all(&self.inner.db)
            .await?;
            let count = rows.len();
            for (id, created_at, recipient, subject, body, kind, attempts) in rows {
                let due = Due {
                    id,
                    created_at,
                    recipient,
                    subject,
                    body,
                    kind,
                    attempts,
                };
                self.deliver_one(transport, due, &mut delivery).await?;
            }
            // Each row handled leaves the due set (sent, failed, or due later).
            if (count as i64) < BATCH {
                break;
            }
        }
        Ok(delivery)
    }

    async fn deliver_one(
        &self,
        transport: &AsyncSmtpTransport<Tokio1Executor>,
        due: Due,
        delivery: &mut Delivery,
    ) -> anyhow::Result<()> {
        // Claim the row: only the pass whose update lands sends it, even if
        // several processes share the database.
        let claimed = sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 \
             WHERE id = $2 AND status = 'queued' AND attempts = $3",
        )
        .bind(self.now() + LEASE_SECONDS)
        .bind(due.id)
        .bind(due.attempts)
        .execute(&self.inner.db)
        .await?
        .rows_affected();
        if claimed != 1 {
            return Ok(());
        }
        let attempt = due.attempts + 1;
        let to_domain = recipient_domain(&due.recipient);

        let outcome = match self.message(&due) {
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|error| Failure {
                    error: error.to_string(),
                    class: error_class(&error),
                    permanent: error.is_permanent(),
                }),
            Err(failure) => Err(failure),
        };

        let now = self.now();
        match outcome {
            Ok(()) => {
                sqlx::query(
                    "UPDATE outbox SET status = 'sent', sent_at = $1, last_error = NULL WHERE id = $2",
                )
                .bind(now)
                .bind(due.id)
                .execute(&self.inner.db)
                .await?;
                delivery.sent += 1;
                tracing::info!(outbox_id = due.id, kind = %due.kind, to_domain, attempt, "mail sent");
            }
            Err(failure) => {
                let last_error: String = failure.error.chars().take(ERROR_CHARS).collect();
                let give_up = failure.permanent || attempt >= MAX_ATTEMPTS;
                if give_up {
                    sqlx::query(
                        "UPDATE outbox SET status = 'failed', last_error = $1 WHERE id = $2",
                    )
                    .bind(&last_error)
                    .bind(due.id)
                    .execute(&self.inner.db)
                    .await?;
                    delivery.failed += 1;
                } else {
                    sqlx::query(
                        "UPDATE outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3",
                    )
                    .bind(now + backoff_seconds(attempt))
                    .bind(&last_error)
                    .bind(due.id)
                    .execute(&self.inner.db)
                    .await?;
                    delivery.retrying += 1;
                }
                tracing::warn!(
                    outbox_id = due.id,
                    kind = %due.kind,
                    to_domain,
                    attempt,
                    error = %failure.class,
                    given_up = give_up,
                    "mail not delivered"
                );
            }
        }
        Ok(())
    }

    fn message(&self, due: &Due) -> Result<Message, Failure> {
        let permanent = |error: String| Failure {
            class: error.clone(),
            error,
            permanent: true,
        };
        let to: Mailbox = due
            .recipient
            .parse()
            .map_err(|_| permanent("the recipient address is not valid".into()))?;
        let from = &self.inner.from;
        Message::builder()
            .from(from.clone())
            .to(to)
            .subject(due.subject.as_str())
            .date(UNIX_EPOCH + Duration::from_secs(due.created_at.max(0) as u64))
            // Stable across retries, so a receiver can drop a duplicate.
            .message_id(Some(format!(
                "<outbox.{}.{}@{}>",
                due.id,
                due.created_at,
                from.email.domain()
            )))
            .header(ContentType::TEXT_PLAIN)
            .body(due.body.clone())
            .map_err(|_| permanent("the message could not be built".into()))
    }

    /// Starts the background task that delivers queued mail: at once, whenever
    /// [`Mailer::notify`] is called, and every few seconds. Only with an SMTP relay.
    pub fn spawn_delivery(&self) -> Option<JoinHandle<()>> {
        self.inner.transport.as_ref()?;
        let mailer = self.clone();
        Some(tokio::spawn(async move {
            loop {
                match mailer.deliver_pending().await {
                    Ok(delivery) if !delivery.is_empty() => {
                        tracing::debug!(?delivery, "mail delivery pass")
                    }
                    Ok(_) => {}
                    Err(error) => {
                        tracing::warn!(error = %format!("{error:#}"), "mail delivery pass failed")
                    }
                }
                tokio::select! {
                    _ = mailer.inner.wake.notified() => {}
                    _ = tokio::time::sleep(POLL) => {}
                }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_doubling_from_a_minute() {
        let waits: Vec<i64> = (1..MAX_ATTEMPTS).map(backoff_seconds).collect();
        assert_eq!(waits, vec![60, 120, 240, 480]);
    }
}
