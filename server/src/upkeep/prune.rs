//! Pruning what has expired: ended sessions, spent or expired email links and
//! unlock links, expired device cookies, rate-limit windows long closed, and
//! delivered mail that carried a single-use link (its body is the link).
//!
//! Several servers may share one database: each slot of [`PRUNE_EVERY`] is
//! taken by the one server whose insert into `upkeep_runs` succeeds, and the
//! deletes are idempotent anyway, so a pass that runs twice does no harm.

use crate::{rate_limit, state::AppState};
use std::time::Duration;
use tokio::task::JoinHandle;

/// How often a pass runs (in the clock's seconds).
pub const PRUNE_EVERY: i64 = 3600;
/// Kinds of mail whose body carries a single-use link.
pub const LINK_MAIL_KINDS: &[&str] = &[
    "verify_email",
    "password_reset",
    "change_email",
    "invitation",
    "lockout",
];
/// Rows deleted per statement, so a long backlog never holds a lock for long.
const BATCH: i64 = 1000;
const JOB: &str = "prune";

/// What one pass removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    pub sessions: u64,
    pub email_tokens: u64,
    pub unlock_links: u64,
    pub pending_confirmations: u64,
    pub device_cookies: u64,
    pub rate_limits: u64,
    pub outbox: u64,
}

impl Pruned {
    pub fn total(&self) -> u64 {
        self.sessions
            + self.email_tokens
            + self.unlock_links
            + self.pending_confirmations
            + self.device_cookies
            + self.rate_limits
            + self.outbox
    }
}

/// One pass, now. Returns `None` when another server already took this slot.
pub async fn prune(state: &AppState) -> sqlx::Result<Option<Pruned>> {
    let now = state.now();
    let slot = now.div_euclid(PRUNE_EVERY);
    let taken = sqlx::query(
        "INSERT INTO upkeep_runs (job, slot, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(JOB)
    .bind(slot)
    .bind(now)
    .execute(&state.db)
    .await?
    .rows_affected()
        == 1;
    if !taken {
        return Ok(None);
    }
    let pruned = prune_now(state, now).await?;
    sqlx::query(
        "UPDATE upkeep_runs SET finished_at = $1, removed = $2 WHERE job = $3 AND slot = $4",
    )
    .bind(state.now())
    .bind(pruned.total() as i64)
    .bind(JOB)
    .bind(slot)
    .execute(&state.db)
    .await?;
    Ok(Some(pruned))
}

async fn prune_now(state: &AppState, now: i64) -> sqlx::Result<Pruned> {
    let idle = state.settings.idle_timeout.as_secs() as i64;
    let links = LINK_MAIL_KINDS
        .iter()
        .map(|kind| format!("'{kind}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Pruned {
        // Past the absolute end, or idle longer than the limit: as find_live judges.
        sessions: in_batches(
            state,
            "sessions",
            "expires_at <= $1 OR last_seen_at <= $2",
            &[now, now - idle],
        )
        .await?,
        // A spent or expired link answers the same as one that never existed.
        email_tokens: in_batches(
            state,
            "email_tokens",
            "expires_at <= $1 OR used_at IS NOT NULL",
            &[now],
        )
        .await?,
        unlock_links: in_batches(
            state,
            "unlock_links",
            "expires_at <= $1 OR used_at IS NOT NULL",
            &[now],
        )
        .await?,
        device_cookies: in_batches(state, "device_cookies", "expires_at <= $1", &[now]).await?,
        pending_confirmations: in_batches(
            state,
            "pending_confirmations",
            "expires_at <= $1",
            &[now],
        )
        .await?,
        rate_limits: sqlx::query("DELETE FROM rate_limits WHERE window_start <= $1")
            .bind(now - 2 * rate_limit::LONGEST_WINDOW_SECONDS)
            .execute(&state.db)
            .await?
            .rows_affected(),
        // Delivered (or given up): the link has done its work or never will,
        // and must not wait in the database. Queued mail stays, for the demo
        // mailbox as for delivery.
        outbox: in_batches(
            state,
            "outbox",
            &format!("status <> 'queued' AND kind IN ({links})"),
            &[],
        )
        .await?,
    })
}

/// Deletes the rows of `table` matching `condition` (whose `$1`, `$2`… are
/// `binds`), a batch at a time; `table` and `condition` are fixed text, never input.
async fn in_batches(
    state: &AppState,
    table: &str,
    condition: &str,
    binds: &[i64],
) -> sqlx::Result<u64> {
    let sql = format!(
        "DELETE FROM {table} WHERE id IN (SELECT id FROM {table} WHERE {condition} LIMIT {BATCH})"
    );
    let mut removed = 0;
    loop {
        let mut query = sqlx::query(&sql);
        for value in binds {
            query = query.bind(*value);
        }
        let done = query.execute(&state.db).await?.rows_affected();
        removed += done;
        if done < BATCH as u64 {
            return Ok(removed);
        }
    }
}

/// Prunes every [`PRUNE_EVERY`] seconds, the first time one interval after start.
pub fn spawn_pruning(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let every = Duration::from_secs(PRUNE_EVERY as u64);
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        loop {
            ticks.tick().await;
            match prune(&state).await {
                Ok(Some(pruned)) => tracing::info!(?pruned, "pruned what expired"),
                Ok(None) => tracing::debug!("another server pruned this hour"),
                Err(error) => tracing::warn!(error = %format!("{error:#}"), "pruning failed"),
            }
        }
    })
}
