//! A temporary password for a secondary logon: shown to the parent once, it
//! lasts 72 hours and opens only Change Password at the next sign-in.

use super::{acting_on, actions::end_sessions, record};
use crate::{
    access::guards::OwnSecondaryLogon,
    auth::{device, password},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    session::SourceAddress,
    state::AppState,
};
use axum::extract::State;
use rand::Rng;
use wire::secondary::TemporaryPasswordView;

/// A temporary password works this long, then sign-in with it fails.
pub const TEMPORARY_PASSWORD_SECONDS: i64 = 72 * 3600;

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
pub async fn issue(
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
    // A new password is a privilege change: sessions under the old one end,
    // and no browser that signed in with it is trusted any more.
    end_sessions(&mut tx, own.logon_id).await?;
    device::void_all(&mut tx, own.logon_id, now).await?;
    let parent = own.parent.logon_id;
    let action = "temporary_password_issued";
    record(&mut tx, now, parent, action, &username, address.as_deref()).await?;
    tx.commit().await?;
    Ok(Json(TemporaryPasswordView {
        password: typed,
        expires_at,
    }))
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
