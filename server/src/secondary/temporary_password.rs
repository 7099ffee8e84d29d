//! A temporary password for a secondary logon: shown to the parent once, it
//! lasts 72 hours and opens only Change Password at the next sign-in.

use super::{acting_on, record};
use crate::{
    access::guards::OwnSecondaryLogon,
    auth::{device, password},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    session::{self, SourceAddress},
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
    let new_hash = password::prepare(&state.db, Some(own.logon_id), &typed, "password").await?;
    let now = state.now();
    let expires_at = now + TEMPORARY_PASSWORD_SECONDS;
    let mut tx = state.begin().await?;
    password::set_password(&mut tx, own.logon_id, new_hash, now, Some(expires_at)).await?;
    sqlx::query(
        "UPDATE logons SET status = 'active', failed_sign_ins = 0, locked_at = NULL WHERE id = $1",
    )
    .bind(own.logon_id)
    .execute(&mut *tx)
    .await?;
    // A new password is a privilege change: sessions under the old one end,
    // and no browser that signed in with it is trusted any more.
    session::end_others_and_rotate(&mut tx, &state.settings, own.logon_id, None, now).await?;
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
