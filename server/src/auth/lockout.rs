//! Limiting password and 2-step code guesses without handing a stranger a way
//! to lock the owner out (NIST SP 800-63B-4 asks for both).
//!
//! Every attempt is counted *before* its password or code is checked, in one
//! statement that also says whether it may be checked, so parallel attempts
//! cannot pass the limit. An attempt from a browser with a good device cookie
//! for the logon counts on that cookie ([`super::device`]); any other counts
//! with every untrusted browser's, and the fifth of those in a row locks the
//! logon for untrusted browsers for 30 minutes (status `locked`, as an
//! administrator sees it and can unlock) and mails its owner a single-use
//! unlock link. A lock stops new sign-ins from untrusted browsers only: the
//! owner's sessions and trusted browsers carry on.

use super::{device, device::Device, unlock};
use crate::{audit, http::error::ApiResult, mail::templates, state::AppState};
use axum::http::HeaderMap;

/// Failed attempts in a row from untrusted browsers that lock a logon, and how long for.
pub const LOCKOUT_THRESHOLD: i64 = 5;
pub const LOCKOUT_SECONDS: i64 = 30 * 60;

/// An attempt at a logon's password or code, counted and allowed to be checked.
#[derive(Debug, Clone, Copy)]
pub struct Attempt {
    pub logon_id: i64,
    /// The device cookie it counts on; `None` counts it as untrusted.
    pub device: Option<Device>,
}

/// What a failed attempt led to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Failure {
    /// This failure locked the logon for untrusted browsers.
    pub locked: bool,
    /// This failure used up the browser's device cookie.
    pub device_voided: bool,
}

/// Counts an attempt on `logon_id` and says whether it may be checked: `None`
/// while the logon is locked for untrusted browsers (or cannot sign in at all).
/// A lock whose time is up lifts here, and the attempt is the first of a new count.
pub async fn claim(
    state: &AppState,
    headers: &HeaderMap,
    logon_id: i64,
    now: i64,
) -> sqlx::Result<Option<Attempt>> {
    if let Some(device) = device::presented(state, headers, logon_id, now).await? {
        if device::claim(state, device, now).await? {
            return Ok(Some(Attempt {
                logon_id,
                device: Some(device),
            }));
        }
    }
    // Every SET expression reads the row's old values.
    let claimed = sqlx::query(
        "UPDATE logons SET \
           failed_sign_ins = CASE WHEN status = 'locked' THEN 1 ELSE failed_sign_ins + 1 END, \
           status = 'active', locked_at = NULL \
         WHERE id = $1 AND ((status = 'active' AND failed_sign_ins < $2) \
           OR (status = 'locked' AND locked_at IS NOT NULL AND locked_at <= $3))",
    )
    .bind(logon_id)
    .bind(LOCKOUT_THRESHOLD)
    .bind(now - LOCKOUT_SECONDS)
    .execute(&state.db)
    .await?;
    Ok((claimed.rows_affected() == 1).then_some(Attempt {
        logon_id,
        device: None,
    }))
}

/// Records an attempt that was not checked because the logon is locked for
/// untrusted browsers or cannot sign in.
pub async fn refused(
    state: &AppState,
    logon_id: i64,
    address: Option<&str>,
    action: &'static str,
) -> sqlx::Result<()> {
    let (status, failures): (String, i64) =
        sqlx::query_as("SELECT status, failed_sign_ins FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(&state.db)
            .await?;
    // At the limit with the lock still being written, it is locked all the same.
    let detail = if status == "locked" || (status == "active" && failures >= LOCKOUT_THRESHOLD) {
        "not checked: locked"
    } else {
        "not checked: logon not active"
    };
    let event = audit::Event {
        logon_id: Some(logon_id),
        action,
        success: false,
        detail: Some(detail),
        source_address: address,
        ..Default::default()
    };
    audit::record(&state.db, state.now(), event).await
}

impl Attempt {
    /// The password was right, and a 2-step code comes next: this attempt was
    /// not a failure, and the code is counted as an attempt of its own.
    pub async fn give_back(&self, state: &AppState) -> sqlx::Result<()> {
        match self.device {
            Some(device) => device::give_back(state, device).await,
            None => {
                sqlx::query(
                    "UPDATE logons SET failed_sign_ins = failed_sign_ins - 1 \
                     WHERE id = $1 AND failed_sign_ins > 0",
                )
                .bind(self.logon_id)
                .execute(&state.db)
                .await?;
                Ok(())
            }
        }
    }

    /// The sign-in is complete: the count it was made under starts again. A
    /// trusted browser's success leaves the untrusted count (and lock) alone.
    pub async fn succeeded(&self, tx: &mut sqlx::AnyConnection) -> sqlx::Result<()> {
        match self.device {
            Some(device) => {
                sqlx::query("UPDATE device_cookies SET failures = 0 WHERE id = $1")
                    .bind(device.id)
                    .execute(&mut *tx)
                    .await?;
            }
            None => {
                sqlx::query(
                    "UPDATE logons SET failed_sign_ins = 0, status = 'active', locked_at = NULL \
                     WHERE id = $1 AND status IN ('active', 'locked')",
                )
                .bind(self.logon_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        Ok(())
    }

    /// Records a wrong password or code. At the limit, the logon locks for
    /// untrusted browsers and its owner is mailed the notice with an unlock
    /// link; or the browser's device cookie is void.
    pub async fn failed(
        &self,
        state: &AppState,
        address: Option<&str>,
        action: &'static str,
        detail: &'static str,
    ) -> ApiResult<Failure> {
        let now = state.now();
        let mut tx = state.begin().await?;
        // A write first, so the transaction holds the write lock from its start.
        let failure = match self.device {
            Some(device) => Failure {
                device_voided: device::void_if_spent(&mut tx, device, now).await?,
                ..Failure::default()
            },
            None => {
                let locked = sqlx::query(
                    "UPDATE logons SET status = 'locked', locked_at = $2 \
                     WHERE id = $1 AND status = 'active' AND failed_sign_ins >= $3",
                )
                .bind(self.logon_id)
                .bind(now)
                .bind(LOCKOUT_THRESHOLD)
                .execute(&mut *tx)
                .await?;
                Failure {
                    locked: locked.rows_affected() == 1,
                    ..Failure::default()
                }
            }
        };
        let event = |action, success, detail| audit::Event {
            logon_id: Some(self.logon_id),
            action,
            success,
            detail: Some(detail),
            source_address: address,
            ..Default::default()
        };
        audit::record(&mut *tx, now, event(action, false, detail)).await?;
        if failure.device_voided {
            let detail = "5 failed log ins in a row from it";
            audit::record(&mut *tx, now, event("browser_untrusted", true, detail)).await?;
        }
        if failure.locked {
            let detail = "5 failed log ins in a row";
            audit::record(&mut *tx, now, event("lockout", true, detail)).await?;
            notify_owner(state, &mut tx, self.logon_id, now).await?;
        }
        tx.commit().await?;
        if failure.locked {
            state.mailer.notify();
        }
        Ok(failure)
    }
}

/// The lockout notice, with the newest single-use unlock link.
async fn notify_owner(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    logon_id: i64,
    now: i64,
) -> ApiResult<()> {
    let email: String = sqlx::query_scalar("SELECT email FROM logons WHERE id = $1")
        .bind(logon_id)
        .fetch_one(&mut *tx)
        .await?;
    let link = unlock::issue_link(tx, state, logon_id, now).await?;
    let mail = templates::lockout(&email, &link, logon_id);
    state.mailer.send(&mut *tx, mail).await?;
    Ok(())
}
