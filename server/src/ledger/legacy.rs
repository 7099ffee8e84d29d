//! The data step between migrations 0008 and 0009: the balances kept as
//! columns on `periods` (tax, penalty, interest, credits) become ledger rows,
//! so every balance the Summary showed stays what it was. It runs in Rust
//! because a filing's date is Hartford's date of its instant, which SQLite
//! cannot work out. It runs once (recorded in `data_migrations`, in the same
//! transaction), before 0009 drops the columns.

use super::{post, NewEntry};
use crate::db::Db;
use wire::{ledger::EntryKind, CivilDate, Money};

const STEP: &str = "periods_to_ledger";

/// A period as the old schema kept it.
type OldPeriod = (i64, i64, String, i64, i64, i64, i64);

/// Moves the old balance columns into the ledger, once.
pub async fn move_period_balances(db: &Db, now: i64) -> anyhow::Result<()> {
    // A database past the migration that drops the columns no longer has them
    // (a fresh one never had them: that migration ran before any data).
    let dropped: Option<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE version = $1")
            .bind(crate::db::BEFORE_LEDGER_MOVE + 1)
            .fetch_optional(db)
            .await?;
    if dropped.is_some() {
        return Ok(());
    }
    let mut tx = crate::db::begin(db).await?;
    let first = sqlx::query(
        "INSERT INTO data_migrations (name, ran_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(STEP)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !first {
        return Ok(());
    }
    let periods: Vec<OldPeriod> = sqlx::query_as(
        "SELECT id, account_id, due_date, tax_cents, penalty_cents, interest_cents, credits_cents \
         FROM periods ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("UPDATE periods SET due_nominal = due_date WHERE due_nominal IS NULL")
        .execute(&mut *tx)
        .await?;
    // Every return the old schema holds is reflected in its period's figures.
    let returns: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT id, period_id, kind, filed_at FROM tax_returns ORDER BY filed_at, id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut original_of = std::collections::HashMap::new();
    for (id, period_id, kind, filed_at) in &returns {
        let filed_on = wire::hartford::date_at(*filed_at)
            .ok_or_else(|| anyhow::anyhow!("return {id} has a filing time out of range"))?;
        sqlx::query(
            "UPDATE tax_returns SET filed_on = $1, processed_on = $1, filed_by_name = COALESCE( \
               (SELECT l.name FROM logons l WHERE l.id = tax_returns.filed_by_logon_id), 'Not recorded') \
             WHERE id = $2",
        )
        .bind(filed_on.to_iso())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if kind == "original" {
            original_of.insert(*period_id, (*id, filed_on));
        }
    }
    let mut moved = 0usize;
    for (period_id, account_id, due, tax, penalty, interest, credits) in periods {
        let due = CivilDate::parse_iso(&due)
            .ok_or_else(|| anyhow::anyhow!("period {period_id} has a bad due date {due:?}"))?;
        let original = original_of.get(&period_id).copied();
        let entry = |kind, cents: i64, on: CivilDate, return_id, payment_id, text: &str| NewEntry {
            period_id,
            account_id,
            kind,
            amount: Money::from_cents(cents),
            effective_on: on,
            posted_on: on,
            return_id,
            payment_id,
            description: text.to_owned(),
        };
        let mut entries = Vec::new();
        if tax != 0 || original.is_some() {
            let (return_id, on) = match original {
                Some((id, filed_on)) => (Some(id), filed_on),
                None => (None, due),
            };
            entries.push(entry(
                EntryKind::Tax,
                tax,
                on,
                return_id,
                None,
                "Tax assessed",
            ));
        }
        if penalty != 0 {
            entries.push(entry(
                EntryKind::Penalty,
                penalty,
                due,
                None,
                None,
                "Penalty",
            ));
        }
        if interest != 0 {
            entries.push(entry(
                EntryKind::Interest,
                interest,
                due,
                None,
                None,
                "Interest",
            ));
        }
        // Processed payments on the period carry the credits as far as they go.
        let payments: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, amount_cents, payment_date FROM payments \
             WHERE period_id = $1 AND status = 'processed' ORDER BY payment_date, id",
        )
        .bind(period_id)
        .fetch_all(&mut *tx)
        .await?;
        let mut left = credits;
        for (payment_id, cents, date) in payments {
            if cents > left {
                break;
            }
            let on = CivilDate::parse_iso(&date).unwrap_or(due);
            entries.push(entry(
                EntryKind::Payment,
                -cents,
                on,
                None,
                Some(payment_id),
                "Payment",
            ));
            left -= cents;
        }
        if left != 0 {
            entries.push(entry(
                EntryKind::Payment,
                -left,
                due,
                None,
                None,
                "Payments and credits before the ledger",
            ));
        }
        for entry in &entries {
            post(&mut tx, entry, now).await?;
        }
        moved += entries.len();
    }
    tx.commit().await?;
    if moved > 0 {
        tracing::info!(rows = moved, "moved the period balances into the ledger");
    }
    Ok(())
}
