//! Outgoing mail. Every message goes into the `outbox` table first, written with
//! the caller's executor so that it commits (or rolls back) with the request that
//! caused it; a background task then delivers queued mail through an SMTP relay
//! when one is configured. Without a relay the mail stays queued in the outbox,
//! where the demo mailbox (`--demo` only) shows it.
//!
//! ```text
//! let mut tx = state.begin().await?;
//! // … create the logon …
//! state.mailer.send(&mut *tx, OutgoingMail { … }).await?;
//! tx.commit().await?;
//! state.mailer.notify(); // deliver now rather than at the next poll
//! ```
//!
//! Message bodies carry single-use links: they are never logged. Logs name the
//! outbox id, the kind and the recipient's domain only.

mod delivery;
mod routes;
pub mod templates;

pub use delivery::{backoff_seconds, Delivery, MAX_ATTEMPTS};
pub use routes::{routes, DemoMailbox, DemoMessage};

use crate::{clock::Clock, config::Config, db::Db};
use anyhow::Context;
use lettre::{message::Mailbox, AsyncSmtpTransport, Tokio1Executor};
use std::{sync::Arc, time::Duration};
use tokio::sync::{Mutex, Notify};

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// The recipient's address.
    pub to: String,
    pub subject: String,
    /// Plain text; may carry a single-use link.
    pub body_text: String,
    /// What the message is for: `verify_email`, `username_reminder`, `password_reset`, `lockout`, …
    pub kind: &'static str,
    /// The logon the message is about, when there is one.
    pub logon_id: Option<i64>,
}

/// Queues mail in the outbox and, with an SMTP relay, delivers it.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    clock: Arc<dyn Clock>,
    from: Mailbox,
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    /// Shows the outbox at `/api/demo/mailbox`: only when the portal runs with `--demo`.
    demo_mailbox: bool,
    /// Wakes the delivery task.
    wake: Notify,
    /// One delivery pass at a time in this process (the task and direct calls).
    pass: Mutex<()>,
}

/// How the mailer is set up.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://[user:pass@]host[:port]`, `smtp://…?tls=required` (STARTTLS),
    /// `smtp://…?tls=opportunistic` or `smtps://…`; `None` keeps mail in the outbox.
    pub smtp_url: Option<String>,
    /// The From address.
    pub from: String,
    pub demo_mailbox: bool,
}

impl MailSettings {
    pub fn from_config(config: &Config) -> Self {
        Self {
            smtp_url: config.smtp_url.clone().filter(|url| !url.trim().is_empty()),
            from: config.mail_from.clone(),
            demo_mailbox: config.demo,
        }
    }
}

/// How long one SMTP conversation may take before it counts as a failed attempt.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

impl Mailer {
    pub fn new(db: Db, clock: Arc<dyn Clock>, settings: &MailSettings) -> anyhow::Result<Self> {
        let from: Mailbox = settings
            .from
            .parse()
            .with_context(|| format!("the mail From address {:?} is not valid", settings.from))?;
        let transport = match &settings.smtp_url {
            // The URL may hold a password: the error says what is wrong, never the URL.
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|error| anyhow::anyhow!("the SMTP URL is not usable: {error}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
            None => None,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                db,
                clock,
                from,
                transport,
                demo_mailbox: settings.demo_mailbox,
                wake: Notify::new(),
                pass: Mutex::new(()),
            }),
        })
    }

    /// Writes the message to the outbox as `queued` and returns its id. Pass the
    /// request's transaction (`&mut *tx`) so the mail exists only if it commits,
    /// then call [`Mailer::notify`] after the commit; or pass `&state.db`.
    pub async fn send<'e, E>(&self, executor: E, message: OutgoingMail) -> sqlx::Result<i64>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let now = self.inner.clock.now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO outbox (created_at, recipient, subject, body, kind, logon_id, status, attempts, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $7) RETURNING id",
        )
        .bind(now)
        .bind(message.to.trim())
        .bind(&message.subject)
        .bind(&message.body_text)
        .bind(message.kind)
        .bind(message.logon_id)
        .bind(now)
        .fetch_one(executor)
        .await?;
        tracing::info!(
            outbox_id = id,
            kind = message.kind,
            to_domain = recipient_domain(&message.to),
            "mail queued"
        );
        self.notify();
        Ok(id)
    }

    /// Asks the delivery task to look at the outbox now (after a commit).
    pub fn notify(&self) {
        self.inner.wake.notify_one();
    }

    /// Whether an SMTP relay is configured (otherwise mail stays queued).
    pub fn delivers(&self) -> bool {
        self.inner.transport.is_some()
    }

    pub fn demo_mailbox(&self) -> bool {
        self.inner.demo_mailbox
    }

    fn now(&self) -> i64 {
        self.inner.clock.now()
    }
}

/// The part of an address after the last `@`, which is all that logs may show.
pub(crate) fn recipient_domain(address: &str) -> &str {
    address
        .trim()
        .trim_end_matches('>')
        .rsplit_once('@')
        .map(|(_, domain)| domain)
        .unwrap_or("-")
}

/// A short, secret-free description of an SMTP error, for logs.
pub(crate) fn error_class(error: &lettre::transport::smtp::Error) -> String {
    if let Some(code) = error.status() {
        format!("SMTP reply {code}")
    } else if error.is_timeout() {
        "timed out".into()
    } else if error.is_tls() {
        "TLS failure".into()
    } else if error.is_client() {
        "client error".into()
    } else if error.is_response() {
        "unreadable reply".into()
    } else {
        "connection failure".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_domain_of_a_recipient_is_shown() {
        assert_eq!(recipient_domain("jane@example.com"), "example.com");
        assert_eq!(
            recipient_domain(" Jane <jane@mail.example.org> "),
            "mail.example.org"
        );
        assert_eq!(recipient_domain("not an address"), "-");
    }
}
