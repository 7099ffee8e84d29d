//! Single-use emailed links: the random token travels only in the link; the
//! database keeps its hash, so a copy of the database opens nothing.

use crate::crypto;

/// Stores a new token for `purpose` (and, for a change of email, the address it
/// confirms) and returns the token to put in the link.
pub async fn issue<'e, E>(
    executor: E,
    logon_id: i64,
    purpose: &str,
    new_email: Option<&str>,
    now: i64,
    lifetime_secs: i64,
) -> sqlx::Result<String>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let token = crypto::random_token();
    sqlx::query(
        "INSERT INTO email_tokens (token_hash, logon_id, purpose, new_email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(crypto::token_hash(&token))
    .bind(logon_id)
    .bind(purpose)
    .bind(new_email)
    .bind(now)
    .bind(now + lifetime_secs)
    .execute(executor)
    .await?;
    Ok(token)
}

/// Marks a link used, only if it still is unused, so two clicks at once count
/// once. False when another request spent it first.
pub async fn spend<'e, E>(executor: E, token_id: i64, now: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let spent =
        sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(token_id)
            .execute(executor)
            .await?;
    Ok(spent.rows_affected() == 1)
}
