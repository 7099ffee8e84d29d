//! Password hashing with argon2id. Passwords are NFKC-normalized first (the
//! shared rule in `wire::password`), so the same password typed on different
//! keyboards hashes the same.

use crate::{
    db::Db,
    http::error::{ApiError, ApiResult},
};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use std::sync::OnceLock;
use wire::{password::normalize, session::SessionStage};

/// argon2id with the crate's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum).
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(normalize(password).as_bytes(), &salt)
        .expect("argon2 hashing with default parameters cannot fail")
        .to_string()
}

/// Checks a password against a stored hash. With no stored hash it still spends
/// the same work on a fixed hash, so a missing username takes as long as a wrong password.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("a password no logon has"));
    let (candidate, real) = match stored {
        Some(stored) => (stored, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(candidate) else {
        return false;
    };
    let matches = Argon2::default()
        .verify_password(normalize(password).as_bytes(), &parsed)
        .is_ok();
    matches && real
}

/// argon2id off the async workers.
pub async fn hash_blocking(secret: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || hash(&secret))
        .await
        .map_err(|error| ApiError::Internal(error.into()))
}

/// Whether `typed` is the logon's password; argon2 runs off the async workers.
pub async fn password_matches(db: &Db, logon_id: i64, typed: &str) -> ApiResult<bool> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(db)
            .await?;
    let typed = typed.to_owned();
    tokio::task::spawn_blocking(move || verify(&typed, stored.as_deref()))
        .await
        .map_err(|error| ApiError::Internal(error.into()))
}

/// The stage a sign-in with the right password starts in, or `None` when the
/// password is a temporary one past its end (the sign-in then fails like any other).
pub async fn stage_after_password(
    db: &Db,
    logon_id: i64,
    now: i64,
) -> sqlx::Result<Option<SessionStage>> {
    let expires_at: Option<i64> =
        sqlx::query_scalar("SELECT temporary_password_expires_at FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(db)
            .await?;
    Ok(match expires_at {
        None => Some(SessionStage::Full),
        Some(end) if now > end => None,
        Some(_) => Some(SessionStage::PasswordChangeRequired),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let stored = hash("Maple Avenue 800 Hartford");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("Maple Avenue 800 Hartford", Some(&stored)));
        assert!(!verify("maple avenue 800 hartford", Some(&stored)));
    }

    #[test]
    fn compatibility_forms_of_a_character_verify_alike() {
        // U+FB01 (the "fi" ligature) normalizes to "fi" under NFKC.
        let stored = hash("ﬁve boxing wizards jump");
        assert!(verify("five boxing wizards jump", Some(&stored)));
    }

    #[test]
    fn no_stored_hash_never_verifies() {
        assert!(!verify("a password no logon has", None));
        assert!(!verify("anything", Some("not a hash")));
    }
}
