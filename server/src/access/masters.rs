//! Two rules about a customer's Master Administrators, kept apart on purpose:
//!
//! - **Who can still act.** A customer always keeps at least one *active*
//!   Master Administrator: an active logon (not a secondary logon) whose
//!   active, in-force grant is Master Administrator. Demoting, revoking,
//!   leaving, disabling, cancelling or deleting the last one is refused with
//!   [`wire::access::LAST_MASTER_ADMINISTRATOR`].
//! - **Who exists.** A customer *has* a Master Administrator while any logon
//!   holds an in-force Master Administrator grant on it and is not cancelled,
//!   whether it is locked, disabled or still waiting to set its password. Only
//!   a customer with none is claimed at once by a verified request (cancelling
//!   is final; a lock or a disable is not, and a stranger can cause a lock).
//!   Those same Master Administrators hear of everything about the business.

//!
//! **Under concurrency.** The check and the write are separate statements, so
//! every transaction that can remove a customer's Master Administrator (a
//! demotion, a revocation, leaving, Delete My Profile) — and a claim, which
//! adds the first — calls [`serialize`] before it reads anything: on
//! PostgreSQL a row lock on the customer, on SQLite the write lock every
//! transaction takes (`db::begin`). Two Master Administrators removing each
//! other at the same instant then go one after the other, and the second sees
//! the first's commit.

use crate::db::{self, Dialect};
use sqlx::{Any, AnyConnection, Executor};
use wire::CivilDate;

/// Makes changes to the Master Administrators of `customers` wait for each
/// other: the first thing in the transaction. Several customers are locked in
/// one order, so two transactions never wait on each other in a circle.
pub async fn serialize(
    tx: &mut AnyConnection,
    dialect: Dialect,
    customers: &[i64],
) -> sqlx::Result<()> {
    let mut ordered = customers.to_vec();
    ordered.sort_unstable();
    ordered.dedup();
    for customer_id in ordered {
        db::lock_customer(tx, dialect, customer_id).await?;
    }
    Ok(())
}

/// The customers whose Master Administrator grants `logon_id` holds (in force
/// or not): those Delete My Profile must serialize on.
pub async fn master_grant_customers(
    tx: &mut AnyConnection,
    logon_id: i64,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT customer_id FROM access_grants WHERE logon_id = $1 \
           AND access_type = 'master_administrator' AND status = 'active' ORDER BY customer_id",
    )
    .bind(logon_id)
    .fetch_all(&mut *tx)
    .await
}

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

/// The condition that grant `o` (of logon `l`) is a standing Master
/// Administrator: in force, of a logon of its own that is not cancelled.
const STANDING_MASTER: &str = "o.access_type = 'master_administrator' AND o.status = 'active' \
     AND (o.ends_on IS NULL OR o.ends_on >= $2) AND l.id = o.logon_id AND l.status <> 'cancelled' \
     AND l.parent_logon_id IS NULL";

/// Whether the customer has a Master Administrator, whatever its logon's
/// status short of cancelled. Without one, a verified request claims it at once.
pub async fn has_standing_master<'e, E>(
    db: E,
    customer_id: i64,
    today: CivilDate,
) -> sqlx::Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    Ok(!standing_masters(db, customer_id, today).await?.is_empty())
}

/// The customer's standing Master Administrators and their email addresses,
/// who hear of everything about the business.
pub async fn standing_masters<'e, E>(
    db: E,
    customer_id: i64,
    today: CivilDate,
) -> sqlx::Result<Vec<(i64, String)>>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT l.id, l.email FROM access_grants o, logons l \
         WHERE o.customer_id = $1 AND {STANDING_MASTER} ORDER BY l.id"
    ))
    .bind(customer_id)
    .bind(today.to_iso())
    .fetch_all(db)
    .await
}

/// The secondary logons of `parent` that are Master Administrators of
/// `customer` through it (their own type, and their groups reach it), leaving
/// out cancelled ones; with `customer` `None`, of every customer the parent
/// is a Master Administrator of. As (secondary logon, customer) pairs.
pub async fn secondary_masters<'e, E>(
    db: E,
    parent: i64,
    customer: Option<i64>,
    today: CivilDate,
) -> sqlx::Result<Vec<(i64, i64)>>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT s.id, g.customer_id FROM logons s JOIN access_grants g ON g.logon_id = s.parent_logon_id \
         WHERE s.parent_logon_id = $1 AND s.secondary_access_type = 'master_administrator' \
           AND s.status <> 'cancelled' AND g.access_type = 'master_administrator' \
           AND g.status = 'active' AND (g.ends_on IS NULL OR g.ends_on >= $2) \
           AND (CAST($3 AS BIGINT) IS NULL OR g.customer_id = $3) \
           AND EXISTS (SELECT 1 FROM secondary_logon_groups sg WHERE sg.logon_id = s.id \
             AND sg.group_id = COALESCE( \
               (SELECT cs.group_id FROM customer_security cs \
                 WHERE cs.owner_logon_id = $1 AND cs.customer_id = g.customer_id), \
               (SELECT dg.id FROM security_groups dg \
                 WHERE dg.owner_logon_id = $1 AND dg.is_default = 1))) \
         ORDER BY g.customer_id, s.id",
    )
    .bind(parent)
    .bind(today.to_iso())
    .bind(customer)
    .fetch_all(db)
    .await
}
