//! What a parent does to one of its secondary logons: Resend Logon Access
//! Email, Deactivate Access (final), Disable / Activate, unlock, a temporary
//! password, and its Activity tab.

use super::{acting_on, invitation, load_view, logons::record};
use crate::{
    access::guards::OwnSecondaryLogon,
    activity_routes,
    auth::{password, SourceAddress},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    state::AppState,
};
use axum::{
    extract::{rejection::QueryRejection, Query, State},
    http::StatusCode,
};
use rand::Rng;
use sqlx::AnyConnection;
use wire::{
    access::ConfirmRequest,
    activity::{ActivityPage, ActivityQuery},
    secondary::{SecondaryLogonView, TemporaryPasswordView},
};

/// A temporary password works this long, then sign-in with it fails.
pub const TEMPORARY_PASSWORD_SECONDS: i64 = 72 * 3600;

/// `POST .../invitation`: only while it waits for its password.
pub async fn resend(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<StatusCode> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status != "pending" {
        return Err(ApiError::Conflict(
            "This logon already has a password: the logon access email is only for a new logon"
                .into(),
        ));
    }
    let now = state.now();
    let mut tx = state.db.begin().await?;
    invitation::send(&state, &mut tx, own.logon_id, now).await?;
    let parent = own.parent.logon_id;
    record(
        &mut tx,
        now,
        parent,
        "invitation_resent",
        &username,
        address.as_deref(),
    )
    .await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok(StatusCode::NO_CONTENT)
}

/// Sets the status, ends the logon's sessions when it stops acting, and records it.
async fn set_status(
    state: &AppState,
    own: &OwnSecondaryLogon,
    status: &str,
    action: &str,
    username: &str,
    address: Option<&str>,
) -> ApiResult<Json<SecondaryLogonView>> {
    let now = state.now();
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE logons SET status = $1, failed_sign_ins = 0, locked_at = NULL WHERE id = $2",
    )
    .bind(status)
    .bind(own.logon_id)
    .execute(&mut *tx)
    .await?;
    if status != "active" {
        end_sessions(&mut tx, own.logon_id).await?;
    }
    record(&mut tx, now, own.parent.logon_id, action, username, address).await?;
    if status == "cancelled" {
        sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE logon_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(own.logon_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Json(load_view(&state.db, own.logon_id).await?))
}

async fn end_sessions(tx: &mut AnyConnection, logon_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE logon_id = $1")
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// `POST .../deactivate`: final; the logon keeps its record but never acts again.
pub async fn deactivate(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
    Json(request): Json<ConfirmRequest>,
) -> ApiResult<Json<SecondaryLogonView>> {
    let (_, username) = acting_on(&state.db, own.logon_id).await?;
    request.parse("Confirm that you want to deactivate this logon's access")?;
    let action = "secondary_deactivated";
    set_status(
        &state,
        &own,
        "cancelled",
        action,
        &username,
        address.as_deref(),
    )
    .await
}

/// `POST .../disable`: reversible with Activate; its sessions end at once.
pub async fn disable(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<Json<SecondaryLogonView>> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status == "disabled" {
        return Err(ApiError::Conflict("This logon is already disabled".into()));
    }
    let action = "secondary_disabled";
    set_status(
        &state,
        &own,
        "disabled",
        action,
        &username,
        address.as_deref(),
    )
    .await
}

/// `POST .../activate`: back to active, or to waiting if it never set a password.
pub async fn activate(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<Json<SecondaryLogonView>> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status != "disabled" {
        return Err(ApiError::Conflict("This logon is not disabled".into()));
    }
    let has_password: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM logons WHERE id = $1")
            .bind(own.logon_id)
            .fetch_one(&state.db)
            .await?;
    let next = if has_password.is_some() {
        "active"
    } else {
        "pending"
    };
    let action = "secondary_activated";
    set_status(&state, &own, next, action, &username, address.as_deref()).await
}

/// `POST .../unlock`: a locked logon may sign in again at once.
pub async fn unlock(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<Json<SecondaryLogonView>> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status != "locked" {
        return Err(ApiError::Conflict("This logon is not locked".into()));
    }
    let action = "secondary_unlocked";
    set_status(
        &state,
        &own,
        "active",
        action,
        &username,
        address.as_deref(),
    )
    .await
}

/// Letters and digits that cannot be mistaken for one another when read aloud
/// or copied by hand (no 0/O, 1/l/I).
const READABLE: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Four groups of five, e.g. `k7Qm2-...`: 23 characters, about 114 bits.
fn readable_password() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..4)
        .map(|_| {
            (0..5)
                .map(|_| READABLE[rng.gen_range(0..READABLE.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// `POST .../temporary-password`: shown once; the next sign-in must change it.
pub async fn temporary_password(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<Json<TemporaryPasswordView>> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status != "active" && status != "locked" {
        return Err(ApiError::Conflict(
            "A temporary password is only for an active or locked logon".into(),
        ));
    }
    let typed = readable_password();
    let for_hash = typed.clone();
    let new_hash = tokio::task::spawn_blocking(move || password::hash(&for_hash))
        .await
        .map_err(anyhow::Error::from)?;
    let now = state.now();
    let expires_at = now + TEMPORARY_PASSWORD_SECONDS;
    let mut tx = state.db.begin().await?;
    let old_hash: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM logons WHERE id = $1")
            .bind(own.logon_id)
            .fetch_one(&mut *tx)
            .await?;
    if let Some(old_hash) = old_hash {
        sqlx::query(
            "INSERT INTO password_history (logon_id, password_hash, set_at) VALUES ($1, $2, $3)",
        )
        .bind(own.logon_id)
        .bind(old_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE logons SET password_hash = $1, password_changed_at = $2, \
           temporary_password_expires_at = $3, status = 'active', failed_sign_ins = 0, \
           locked_at = NULL WHERE id = $4",
    )
    .bind(&new_hash)
    .bind(now)
    .bind(expires_at)
    .bind(own.logon_id)
    .execute(&mut *tx)
    .await?;
    // A new password is a privilege change: sessions under the old one end.
    end_sessions(&mut tx, own.logon_id).await?;
    let parent = own.parent.logon_id;
    let action = "temporary_password_issued";
    record(&mut tx, now, parent, action, &username, address.as_deref()).await?;
    tx.commit().await?;
    Ok(Json(TemporaryPasswordView {
        password: typed,
        expires_at,
    }))
}

/// `GET .../activity`: what the secondary logon itself did.
pub async fn activity(
    State(state): State<AppState>,
    own: OwnSecondaryLogon,
    query: Result<Query<ActivityQuery>, QueryRejection>,
) -> ApiResult<Json<ActivityPage>> {
    let search = activity_routes::read_query(query)?;
    Ok(Json(
        activity_routes::page_of(&state.db, own.logon_id, &search).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_password_is_long_and_has_no_look_alike_characters() {
        let typed = readable_password();
        assert_eq!(typed.chars().count(), 23);
        assert!(!typed.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(typed, readable_password());
    }
}
