//! Fixed-window counters in the database, so a limit holds across every server
//! sharing it. Used per source address on sign-in, registration and recovery.

use crate::db::Db;

/// Counts one hit on `subject` in `bucket`; true while the window's hits are
/// within `limit`. A window starts at the first hit after the previous one ended.
pub async fn hit(
    db: &Db,
    bucket: &str,
    subject: &str,
    limit: i64,
    window_secs: i64,
    now: i64,
) -> sqlx::Result<bool> {
    // Both SET expressions read the row's old values, on SQLite as on PostgreSQL.
    let hits: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (bucket, subject, window_start, hits) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (bucket, subject) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start <= $4 THEN 1 ELSE rate_limits.hits + 1 END, \
           window_start = CASE WHEN rate_limits.window_start <= $4 THEN $3 ELSE rate_limits.window_start END \
         RETURNING hits",
    )
    .bind(bucket)
    .bind(subject)
    .bind(now)
    .bind(now - window_secs)
    .fetch_one(db)
    .await?;
    Ok(hits <= limit)
}

/// Whether `subject` has already had `limit` hits in its current window, without
/// counting one: for limits on failures, checked before the attempt (which then
/// calls [`hit`] only if it fails).
pub async fn exhausted(
    db: &Db,
    bucket: &str,
    subject: &str,
    limit: i64,
    window_secs: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let hits: Option<i64> = sqlx::query_scalar(
        "SELECT hits FROM rate_limits WHERE bucket = $1 AND subject = $2 AND window_start > $3",
    )
    .bind(bucket)
    .bind(subject)
    .bind(now - window_secs)
    .fetch_optional(db)
    .await?;
    Ok(hits.is_some_and(|hits| hits >= limit))
}
