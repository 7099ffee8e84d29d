//! Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device
//! Cookies"): a browser that completed a sign-in to a logon gets a signed
//! cookie for that logon. Failed sign-ins from a browser holding a good one are
//! counted on the cookie, apart from everyone else's, so a stranger who locks
//! the logon out of untrusted browsers does not lock its owner out; the
//! owner's own mistakes, past [`DEVICE_FAILURE_LIMIT`], void only the cookie.
//!
//! The cookie is `nonce.signature`, signed over the logon id and the nonce;
//! the database keeps the nonce's SHA-256 and the count. It is sent only to
//! `/api/session…`, where sign-in happens, and proves nothing by itself: the
//! password (and code) are checked as ever.

use crate::session::cookie_value;
use crate::{crypto, state::AppState};
use axum::http::{HeaderMap, HeaderValue};
use sqlx::AnyConnection;

/// Failed sign-ins in a row a trusted browser may make before its cookie is void.
pub const DEVICE_FAILURE_LIMIT: i64 = 5;
/// A cookie lasts this long after the sign-in that gave it.
pub const DEVICE_COOKIE_SECONDS: i64 = 180 * 86_400;
/// Where the browser sends it: sign-in and its 2-step step only.
const COOKIE_PATH: &str = "/api/session";

/// A good device cookie the request carried, for one logon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Device {
    pub id: i64,
}

fn cookie_name(state: &AppState, logon_id: i64) -> String {
    if state.settings.secure_cookies {
        format!("__Secure-portal_device_{logon_id}")
    } else {
        format!("portal_device_{logon_id}")
    }
}

fn signed_text(logon_id: i64, nonce: &str) -> String {
    format!("device:{logon_id}:{nonce}")
}

/// The request's device cookie for `logon_id`, if its signature checks out and
/// it is neither void nor expired. A forged or foreign one counts as none.
pub async fn presented(
    state: &AppState,
    headers: &HeaderMap,
    logon_id: i64,
    now: i64,
) -> sqlx::Result<Option<Device>> {
    let Some(value) = cookie_value(headers, &cookie_name(state, logon_id)) else {
        return Ok(None);
    };
    let Some((nonce, signature)) = value.split_once('.') else {
        return Ok(None);
    };
    if !state
        .cipher
        .verify(&signed_text(logon_id, nonce), signature)
    {
        return Ok(None);
    }
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM device_cookies WHERE nonce_hash = $1 AND logon_id = $2 \
           AND voided_at IS NULL AND expires_at > $3",
    )
    .bind(crypto::token_hash(nonce))
    .bind(logon_id)
    .bind(now)
    .fetch_optional(&state.db)
    .await?;
    Ok(id.map(|id| Device { id }))
}

/// Counts an attempt on the cookie before the password or code is checked.
/// False when it has no attempts left (or went void or stale meanwhile), or
/// its logon cannot sign in at all: the attempt then counts as untrusted.
pub async fn claim(state: &AppState, device: Device, now: i64) -> sqlx::Result<bool> {
    let claimed = sqlx::query(
        "UPDATE device_cookies SET failures = failures + 1 \
         WHERE id = $1 AND voided_at IS NULL AND expires_at > $2 AND failures < $3 \
           AND EXISTS (SELECT 1 FROM logons l WHERE l.id = device_cookies.logon_id \
             AND l.status IN ('active', 'locked'))",
    )
    .bind(device.id)
    .bind(now)
    .bind(DEVICE_FAILURE_LIMIT)
    .execute(&state.db)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// Gives a counted attempt back: it was not a failure.
pub async fn give_back(state: &AppState, device: Device) -> sqlx::Result<()> {
    sqlx::query("UPDATE device_cookies SET failures = failures - 1 WHERE id = $1 AND failures > 0")
        .bind(device.id)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// After a failure: voids the cookie once its failures reached the limit.
/// True when this call voided it.
pub async fn void_if_spent(tx: &mut AnyConnection, device: Device, now: i64) -> sqlx::Result<bool> {
    let voided = sqlx::query(
        "UPDATE device_cookies SET voided_at = $2 \
         WHERE id = $1 AND voided_at IS NULL AND failures >= $3",
    )
    .bind(device.id)
    .bind(now)
    .bind(DEVICE_FAILURE_LIMIT)
    .execute(&mut *tx)
    .await?;
    Ok(voided.rows_affected() == 1)
}

/// After a completed sign-in (or an unlock link): a fresh cookie for this
/// browser and logon, replacing the one it carried. Returns the `Set-Cookie`.
pub async fn issue(
    tx: &mut AnyConnection,
    state: &AppState,
    logon_id: i64,
    replaces: Option<Device>,
    now: i64,
) -> sqlx::Result<HeaderValue> {
    // The one it replaces, and the logon's spent ones, are of no further use.
    sqlx::query(
        "DELETE FROM device_cookies WHERE logon_id = $1 \
           AND (id = $2 OR voided_at IS NOT NULL OR expires_at <= $3)",
    )
    .bind(logon_id)
    .bind(replaces.map(|d| d.id))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let nonce = crypto::random_token();
    sqlx::query(
        "INSERT INTO device_cookies (logon_id, nonce_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(logon_id)
    .bind(crypto::token_hash(&nonce))
    .bind(now)
    .bind(now + DEVICE_COOKIE_SECONDS)
    .execute(&mut *tx)
    .await?;
    let value = format!(
        "{nonce}.{}",
        state.cipher.sign(&signed_text(logon_id, &nonce))
    );
    Ok(cookie_header(
        state,
        logon_id,
        &value,
        DEVICE_COOKIE_SECONDS,
    ))
}

/// Tells the browser to drop its (now void) cookie for the logon.
pub fn clear(state: &AppState, logon_id: i64) -> HeaderValue {
    cookie_header(state, logon_id, "", 0)
}

fn cookie_header(state: &AppState, logon_id: i64, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={value}; Path={COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
        cookie_name(state, logon_id)
    ))
    .expect("a nonce and signature are URL-safe base64")
}

/// Voids every device cookie of the logon, e.g. when its password is reset:
/// whoever signed in with the old password is no longer trusted.
pub async fn void_all(tx: &mut AnyConnection, logon_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE device_cookies SET voided_at = $2 WHERE logon_id = $1 AND voided_at IS NULL",
    )
    .bind(logon_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
