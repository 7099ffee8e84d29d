//! A customer always keeps at least one active Master Administrator: an active
//! logon (not a secondary logon) whose active, in-force grant is Master
//! Administrator. Demoting, revoking, leaving, disabling, cancelling or deleting
//! the last one is refused with [`wire::access::LAST_MASTER_ADMINISTRATOR`].

use sqlx::{Any, Executor};
use wire::CivilDate;

/// The condition that grant `o` (of logon `l`) is an active Master Administrator.
const ACTIVE_MASTER: &str = "o.access_type = 'master_administrator' AND o.status = 'active' \
     AND (o.ends_on IS NULL OR o.ends_on >= $2) AND l.id = o.logon_id AND l.status = 'active' \
     AND l.parent_logon_id IS NULL";

/// The legal names of the customers whose only active Master Administrator is
/// `logon_id`.
pub async fn sole_master_of<'e, E>(
    db: E,
    logon_id: i64,
    today: CivilDate,
) -> sqlx::Result<Vec<String>>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar(&format!(
        "SELECT c.legal_name FROM access_grants g JOIN customers c ON c.id = g.customer_id \
         WHERE g.logon_id = $1 AND g.access_type = 'master_administrator' AND g.status = 'active' \
           AND (g.ends_on IS NULL OR g.ends_on >= $2) \
           AND NOT EXISTS (SELECT 1 FROM access_grants o, logons l \
             WHERE o.customer_id = g.customer_id AND o.logon_id <> $1 AND {ACTIVE_MASTER}) \
         ORDER BY c.legal_name"
    ))
    .bind(logon_id)
    .bind(today.to_iso())
    .fetch_all(db)
    .await
}

/// Whether taking grant `grant_id` away (or making it Tax Administrator) would
/// leave its customer with no active Master Administrator.
pub async fn is_last_master_grant<'e, E>(
    db: E,
    grant_id: i64,
    today: CivilDate,
) -> sqlx::Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    let others: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM access_grants g \
         WHERE g.id = $1 AND g.access_type = 'master_administrator' AND g.status = 'active' \
           AND NOT EXISTS (SELECT 1 FROM access_grants o, logons l \
             WHERE o.customer_id = g.customer_id AND o.id <> g.id AND {ACTIVE_MASTER})"
    ))
    .bind(grant_id)
    .bind(today.to_iso())
    .fetch_optional(db)
    .await?;
    Ok(others.unwrap_or(0) > 0)
}

/// Whether the customer has any active Master Administrator (a request for a
/// customer without one is granted at once).
pub async fn has_master<'e, E>(db: E, customer_id: i64, today: CivilDate) -> sqlx::Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    let count: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM access_grants o, logons l WHERE o.customer_id = $1 AND {ACTIVE_MASTER}"
    ))
    .bind(customer_id)
    .bind(today.to_iso())
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}
