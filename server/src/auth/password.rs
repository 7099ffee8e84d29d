//! The password lifecycle, in one place: hashing with argon2id (passwords are
//! NFKC-normalized first, the shared rule in `wire::password`, so the same
//! password typed on different keyboards hashes the same), checking one,
//! and setting one — the one "last ten" check and the one `set_password` that
//! registration, recovery, Change Password, the logon access email and the
//! temporary password all use.
//!
//! **What the history holds.** `password_history` keeps the passwords a logon
//! had *before* its current one, at most [`HISTORY_LEN`] - 1 of them: with the
//! current one (`logons.password_hash`) they are the last ten. Setting a
//! password moves the current one into the history and drops the oldest, so a
//! logon's first password (registration, the logon access email) leaves the
//! history empty, and one set before the history was kept (an imported or
//! seeded logon) joins it when it is replaced.

use super::hashing;
use crate::{db::Db, http::error::ApiResult};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use secrecy::{ExposeSecret, SecretString};
use sqlx::AnyConnection;
use std::sync::OnceLock;
use wire::{
    password::{normalize, HISTORY_LEN, REUSED},
    session::SessionStage,
    FieldErrors,
};

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

/// The argon2id hash of a new password that passed the one "last ten" check:
/// only [`prepare`] makes one, and only [`set_password`] stores one.
pub struct NewHash(String);

/// The one "last ten" check: `typed` (already past the wire rules) may be
/// neither the logon's current password nor one of those the history keeps;
/// a reused one is refused on `field`. Then it is hashed. With no logon yet
/// (a registration) there is nothing to compare. Every comparison is an
/// argon2 verify, so all of it runs off the async workers, outside any
/// transaction.
pub async fn prepare(
    db: &Db,
    logon_id: Option<i64>,
    typed: &str,
    field: &str,
) -> ApiResult<NewHash> {
    let earlier = match logon_id {
        Some(logon_id) => last_hashes(db, logon_id).await?,
        None => Vec::new(),
    };
    let typed = SecretString::from(typed);
    let (reused, hashed) = hashing::run(move || {
        let typed = typed.expose_secret();
        let reused = earlier.iter().any(|stored| verify(typed, Some(stored)));
        (reused, (!reused).then(|| hash(typed)))
    })
    .await?;
    match hashed {
        Some(hashed) if !reused => Ok(NewHash(hashed)),
        _ => {
            let mut errors = FieldErrors::new();
            errors.add(field, REUSED);
            Err(errors.into())
        }
    }
}

/// The current password's hash and those the history keeps: the last ten.
async fn last_hashes(db: &Db, logon_id: i64) -> sqlx::Result<Vec<String>> {
    let current: Option<Option<String>> =
        sqlx::query_scalar("SELECT password_hash FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_optional(db)
            .await?;
    let earlier: Vec<String> = sqlx::query_scalar(
        "SELECT password_hash FROM password_history WHERE logon_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(logon_id)
    .bind(HISTORY_LEN as i64 - 1)
    .fetch_all(db)
    .await?;
    Ok(current.flatten().into_iter().chain(earlier).collect())
}

/// Makes `new` the logon's password, inside the caller's transaction: the
/// current one moves into the history (the oldest beyond the last ten is
/// dropped), the change time is now, and `temporary_until` says whether it is
/// a temporary password that must be replaced at the next sign-in. Whatever
/// else the path changes (status, lock, email confirmation, sessions) is the
/// caller's.
pub async fn set_password(
    tx: &mut AnyConnection,
    logon_id: i64,
    new: NewHash,
    now: i64,
    temporary_until: Option<i64>,
) -> sqlx::Result<()> {
    let (old, old_set_at): (Option<String>, Option<i64>) =
        sqlx::query_as("SELECT password_hash, password_changed_at FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(&mut *tx)
            .await?;
    if let Some(old) = old {
        sqlx::query(
            "INSERT INTO password_history (logon_id, password_hash, set_at) VALUES ($1, $2, $3)",
        )
        .bind(logon_id)
        .bind(old)
        .bind(old_set_at.unwrap_or(now))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM password_history WHERE logon_id = $1 AND id NOT IN \
               (SELECT id FROM password_history WHERE logon_id = $1 ORDER BY id DESC LIMIT $2)",
        )
        .bind(logon_id)
        .bind(HISTORY_LEN as i64 - 1)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE logons SET password_hash = $1, password_changed_at = $2, \
           temporary_password_expires_at = $3 WHERE id = $4",
    )
    .bind(new.0)
    .bind(now)
    .bind(temporary_until)
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// argon2id off the async workers (a secret answer, a recovery code).
pub async fn hash_blocking(secret: SecretString) -> ApiResult<String> {
    hashing::run(move || hash(secret.expose_secret())).await
}

/// Whether `typed` is the logon's password; argon2 runs off the async workers.
pub async fn password_matches(db: &Db, logon_id: i64, typed: &str) -> ApiResult<bool> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(db)
            .await?;
    let typed = SecretString::from(typed);
    hashing::run(move || verify(typed.expose_secret(), stored.as_deref())).await
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
