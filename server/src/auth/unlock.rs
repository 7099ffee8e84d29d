//! The single-use unlock link mailed with a lockout notice, so the owner gets
//! back in without the secret answer. The link opens the app's /unlock page,
//! which posts the token when the person asks it to (a plain GET changes
//! nothing, since mail scanners open links). Using it lifts the lock and gives
//! that browser a device cookie, so a stranger who locks the logon again does
//! not keep its owner out.

use super::{device, registration::gone, registration::limit_address};
use crate::session::SourceAddress;
use crate::{
    audit, crypto,
    http::{error::ApiResult, json::Json, Routes},
    state::AppState,
};
use axum::{
    extract::State,
    http::header,
    response::{AppendHeaders, IntoResponse},
};
use sqlx::AnyConnection;
use wire::registration::{Notice, TokenRequest, UNLOCKED, UNLOCK_LINK_GONE};

/// How long an unlock link works.
pub const UNLOCK_LINK_SECONDS: i64 = 24 * 3600;

pub fn routes() -> Routes<AppState> {
    Routes::new().post("/recovery/unlock", unlock)
}

/// A new link for the logon (older ones stop working); returns its address.
pub async fn issue_link(
    tx: &mut AnyConnection,
    state: &AppState,
    logon_id: i64,
    now: i64,
) -> sqlx::Result<String> {
    sqlx::query("UPDATE unlock_links SET used_at = $1 WHERE logon_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    let token = crypto::random_token();
    sqlx::query(
        "INSERT INTO unlock_links (token_hash, logon_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(crypto::token_hash(&token))
    .bind(logon_id)
    .bind(now)
    .bind(now + UNLOCK_LINK_SECONDS)
    .execute(&mut *tx)
    .await?;
    Ok(format!(
        "{}/unlock?token={token}",
        state.settings.public_url
    ))
}

/// `POST /api/recovery/unlock` with the link's token.
async fn unlock(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(request): Json<TokenRequest>,
) -> ApiResult<impl IntoResponse> {
    limit_address(&state, "unlock", address.as_deref()).await?;
    let now = state.now();
    // Only a logon that could sign in but for the lock: not a disabled or cancelled one.
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT u.id, u.logon_id FROM unlock_links u JOIN logons l ON l.id = u.logon_id \
         WHERE u.token_hash = $1 AND u.used_at IS NULL AND u.expires_at > $2 \
           AND l.status IN ('active', 'locked')",
    )
    .bind(crypto::token_hash(request.token.trim()))
    .bind(now)
    .fetch_optional(&state.db)
    .await?;
    let (link_id, logon_id) = row.ok_or_else(|| gone(UNLOCK_LINK_GONE))?;
    let mut tx = state.begin().await?;
    // Spent first (a write), so two clicks at once unlock once.
    let spent =
        sqlx::query("UPDATE unlock_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(link_id)
            .execute(&mut *tx)
            .await?;
    if spent.rows_affected() != 1 {
        return Err(gone(UNLOCK_LINK_GONE));
    }
    sqlx::query(
        "UPDATE logons SET status = 'active', failed_sign_ins = 0, locked_at = NULL \
         WHERE id = $1 AND status IN ('active', 'locked')",
    )
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    let cookie = device::issue(&mut tx, &state, logon_id, None, now).await?;
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "unlocked_by_link",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        Json(Notice {
            message: UNLOCKED.into(),
        }),
    ))
}
