//! Fixed-window counters in the database, so a limit holds across every server
//! sharing it. Every limit counts an attempt *before* the attempt is made, in
//! one statement that also answers whether it is within the limit, so parallel
//! requests cannot all pass a check that none of them has counted yet. A limit
//! on failures gives the count back with [`refund`] when the attempt succeeds.

use crate::db::Db;
use std::net::IpAddr;

/// No limit counts over a longer window than this (a day); pruning drops the
/// rows of windows closed well before it.
pub const LONGEST_WINDOW_SECONDS: i64 = 86_400;

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
    Ok(count(db, bucket, subject, window_secs, now).await? <= limit)
}

/// Counts one hit and returns the window's hits so far, this one included.
pub async fn count(
    db: &Db,
    bucket: &str,
    subject: &str,
    window_secs: i64,
    now: i64,
) -> sqlx::Result<i64> {
    // Both SET expressions read the row's old values, on SQLite as on PostgreSQL.
    sqlx::query_scalar(
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
    .await
}

/// Takes back one hit counted in the current window, for an attempt that
/// turned out not to be a failure (a right guess).
pub async fn refund(
    db: &Db,
    bucket: &str,
    subject: &str,
    window_secs: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE rate_limits SET hits = hits - 1 \
         WHERE bucket = $1 AND subject = $2 AND window_start > $3 AND hits > 0",
    )
    .bind(bucket)
    .bind(subject)
    .bind(now - window_secs)
    .execute(db)
    .await?;
    Ok(())
}

/// The subject a source address is counted under: an IPv4 address as it is,
/// an IPv6 address by its /64, since one subscriber usually holds a whole /64.
pub fn address_key(address: Option<&str>) -> String {
    match address
        .and_then(|a| a.parse::<IpAddr>().ok())
        .map(|ip| ip.to_canonical())
    {
        Some(IpAddr::V6(v6)) => {
            let [a, b, c, d, ..] = v6.segments();
            format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
        }
        Some(v4) => v4.to_string(),
        None => "unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_address_counts_by_its_64_and_ipv4_as_it_is() {
        assert_eq!(
            address_key(Some("2001:db8:1:2:aaaa::1")),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            address_key(Some("2001:db8:1:2:bbbb::9")),
            address_key(Some("2001:db8:1:2::5"))
        );
        assert_eq!(address_key(Some("::ffff:192.0.2.7")), "192.0.2.7");
        assert_eq!(address_key(Some("192.0.2.7")), "192.0.2.7");
        assert_eq!(address_key(None), "unknown");
    }
}
