//! The account ledger: every transaction on a period, in integer cents, only
//! ever added. A period's balance is the sum of its rows; `period_totals`
//! keeps that sum per period for fast reads, written by [`post`] in the same
//! transaction as the row (and [`totals_that_disagree`] proves it).
//!
//! Signs: what is owed (tax, penalty, interest, a refund paid out) is
//! positive; payments and credits are negative.

pub mod account;
pub mod legacy;
pub mod periods;
pub mod read;

use crate::db::Db;
use sqlx::AnyConnection;
use std::collections::HashMap;
use wire::{ledger::EntryKind, CivilDate, Money};

/// A row to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub period_id: i64,
    pub account_id: i64,
    pub kind: EntryKind,
    pub amount: Money,
    /// The day it counts from (the filing, the payment).
    pub effective_on: CivilDate,
    /// The processing date that posts it.
    pub posted_on: CivilDate,
    pub return_id: Option<i64>,
    pub payment_id: Option<i64>,
    pub description: String,
}

/// Adds one row and its amount to the period's total. The only writer of
/// `ledger_entries` and `period_totals`: nothing updates or deletes a row.
pub async fn post(tx: &mut AnyConnection, entry: &NewEntry, now: i64) -> sqlx::Result<()> {
    let cents = entry.amount.cents();
    sqlx::query(
        "INSERT INTO ledger_entries (period_id, kind, amount_cents, effective_on, posted_on, \
           return_id, payment_id, description, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(entry.period_id)
    .bind(entry.kind.code())
    .bind(cents)
    .bind(entry.effective_on.to_iso())
    .bind(entry.posted_on.to_iso())
    .bind(entry.return_id)
    .bind(entry.payment_id)
    .bind(&entry.description)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO period_totals (period_id, account_id, balance_cents, entry_count) \
         VALUES ($1, $2, $3, 1) \
         ON CONFLICT (period_id) DO UPDATE SET \
           balance_cents = period_totals.balance_cents + excluded.balance_cents, \
           entry_count = period_totals.entry_count + 1",
    )
    .bind(entry.period_id)
    .bind(entry.account_id)
    .bind(cents)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Posts a payment or credit made outside this module (the payments work
/// posts its processed payments here): a negative entry on the period.
pub async fn post_payment(
    tx: &mut AnyConnection,
    (period_id, account_id): (i64, i64),
    payment_id: Option<i64>,
    amount: Money,
    (paid_on, posted_on): (CivilDate, CivilDate),
    now: i64,
) -> sqlx::Result<()> {
    post(
        tx,
        &NewEntry {
            period_id,
            account_id,
            kind: EntryKind::Payment,
            amount: -amount,
            effective_on: paid_on,
            posted_on,
            return_id: None,
            payment_id,
            description: "Payment".to_owned(),
        },
        now,
    )
    .await
}

/// Periods whose kept total differs from the sum of their rows (or that have
/// rows and no total): always empty. The tests call it after each kind of posting.
pub async fn totals_that_disagree(db: &Db) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    sqlx::query_as(
        "SELECT s.period_id, COALESCE(t.balance_cents, -1), s.total FROM \
           (SELECT period_id, CAST(SUM(amount_cents) AS BIGINT) AS total, COUNT(*) AS n \
              FROM ledger_entries GROUP BY period_id) s \
         LEFT JOIN period_totals t ON t.period_id = s.period_id \
         WHERE t.period_id IS NULL OR t.balance_cents <> s.total OR t.entry_count <> s.n \
         UNION ALL \
         SELECT t.period_id, t.balance_cents, 0 FROM period_totals t \
         WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.period_id = t.period_id)",
    )
    .fetch_all(db)
    .await
}

/// Each account's balance (the sum of its periods'), for the customer's accounts.
pub async fn account_balances(db: &Db, customer_id: i64) -> sqlx::Result<HashMap<i64, Money>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT a.id, CAST(COALESCE(SUM(t.balance_cents), 0) AS BIGINT) \
         FROM tax_accounts a LEFT JOIN period_totals t ON t.account_id = a.id \
         WHERE a.customer_id = $1 GROUP BY a.id",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, cents)| (id, Money::from_cents(cents)))
        .collect())
}

/// When the figures were last brought up to date ("Information is current
/// as of"): the end of the latest finished processing run, or `fallback`
/// before any.
pub async fn information_current_as_of(db: &Db, fallback: i64) -> sqlx::Result<i64> {
    let finished: Option<i64> =
        sqlx::query_scalar("SELECT MAX(finished_at) FROM processing_runs WHERE status = 'done'")
            .fetch_one(db)
            .await?;
    Ok(finished.unwrap_or(fallback))
}
