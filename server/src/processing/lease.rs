//! The one lease on processing: whoever holds it (and only they) posts. Each
//! batch renews it as the first statement of its transaction, which on
//! PostgreSQL also locks the lease row until the batch commits, so two
//! servers' batches can never interleave; a holder that dies simply lets it
//! expire, and the next run takes over where the last committed batch ended.

use crate::db::Db;
use sqlx::AnyConnection;

/// Takes the lease if it is free, expired, or already ours.
pub async fn acquire(db: &Db, owner: &str, now: i64, seconds: i64) -> sqlx::Result<bool> {
    let taken = sqlx::query(
        "UPDATE processing_lease SET owner = $1, expires_at = $2 \
         WHERE id = 1 AND (owner IS NULL OR owner = $1 OR expires_at < $3)",
    )
    .bind(owner)
    .bind(now + seconds)
    .bind(now)
    .execute(db)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Renews the lease inside a batch's transaction; false when it was lost
/// (expired and taken by another): the batch must roll back.
pub async fn renew(
    tx: &mut AnyConnection,
    owner: &str,
    now: i64,
    seconds: i64,
) -> sqlx::Result<bool> {
    let renewed =
        sqlx::query("UPDATE processing_lease SET expires_at = $1 WHERE id = 1 AND owner = $2")
            .bind(now + seconds)
            .bind(owner)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    Ok(renewed == 1)
}

pub async fn release(db: &Db, owner: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE processing_lease SET owner = NULL, expires_at = 0 WHERE id = 1 AND owner = $1",
    )
    .bind(owner)
    .execute(db)
    .await?;
    Ok(())
}
