//! The rule rows as a table (`rule_rows`): rates, fees, due dates, penalties,
//! interest, holidays and payment-date rules, each with its dates and source.
//! The shipped Connecticut rows (`wire::rules::Rules::connecticut`) are loaded
//! on the first start of any database; from then on the table is the truth,
//! and a new rate is one more row ([`add`]).

use crate::db::Db;
use serde::{de::DeserializeOwned, Serialize};
use sqlx::AnyConnection;
use wire::{calendar::HolidayRow, effective::InEffect, rules::*};

/// One row of any family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleRow {
    Rate(RateRow),
    DueDate(DueDateRow),
    LatePayment(LatePaymentRow),
    LateFiling(LateFilingRow),
    Interest(InterestRow),
    Holiday(HolidayRow),
    PaymentDate(PaymentDateRow),
}

impl RuleRow {
    fn family(&self) -> &'static str {
        match self {
            RuleRow::Rate(_) => "rate",
            RuleRow::DueDate(_) => "due_date",
            RuleRow::LatePayment(_) => "late_payment",
            RuleRow::LateFiling(_) => "late_filing",
            RuleRow::Interest(_) => "interest",
            RuleRow::Holiday(_) => "holiday",
            RuleRow::PaymentDate(_) => "payment_date",
        }
    }

    fn in_effect(&self) -> &InEffect {
        match self {
            RuleRow::Rate(r) => &r.in_effect,
            RuleRow::DueDate(r) => &r.in_effect,
            RuleRow::LatePayment(r) => &r.in_effect,
            RuleRow::LateFiling(r) => &r.in_effect,
            RuleRow::Interest(r) => &r.in_effect,
            RuleRow::Holiday(r) => &r.in_effect,
            RuleRow::PaymentDate(r) => &r.in_effect,
        }
    }

    fn body(&self) -> serde_json::Result<String> {
        fn json<T: Serialize>(row: &T) -> serde_json::Result<String> {
            serde_json::to_string(row)
        }
        match self {
            RuleRow::Rate(r) => json(r),
            RuleRow::DueDate(r) => json(r),
            RuleRow::LatePayment(r) => json(r),
            RuleRow::LateFiling(r) => json(r),
            RuleRow::Interest(r) => json(r),
            RuleRow::Holiday(r) => json(r),
            RuleRow::PaymentDate(r) => json(r),
        }
    }
}

/// Every row of a rule set, in its families' order.
pub fn rows_of(rules: &Rules) -> Vec<RuleRow> {
    let mut rows = Vec::new();
    rows.extend(rules.rates.iter().cloned().map(RuleRow::Rate));
    rows.extend(rules.due_dates.iter().cloned().map(RuleRow::DueDate));
    rows.extend(rules.late_payment.iter().cloned().map(RuleRow::LatePayment));
    rows.extend(rules.late_filing.iter().cloned().map(RuleRow::LateFiling));
    rows.extend(rules.interest.iter().cloned().map(RuleRow::Interest));
    rows.extend(rules.holidays.iter().cloned().map(RuleRow::Holiday));
    rows.extend(
        rules
            .payment_dates
            .iter()
            .cloned()
            .map(RuleRow::PaymentDate),
    );
    rows
}

/// Adds one row; it takes effect for the next computation that reads the rules.
pub async fn add(tx: &mut AnyConnection, row: &RuleRow, now: i64) -> anyhow::Result<()> {
    let in_effect = row.in_effect();
    sqlx::query(
        "INSERT INTO rule_rows (family, effective_from, effective_to, source, confirmed, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(row.family())
    .bind(in_effect.effective_from.map(|d| d.to_iso()))
    .bind(in_effect.effective_to.map(|d| d.to_iso()))
    .bind(&in_effect.source)
    .bind(i64::from(in_effect.confirmed))
    .bind(row.body()?)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Loads the shipped Connecticut rows into an empty table, once, however
/// many servers start together.
pub async fn ensure_loaded(db: &Db, now: i64) -> anyhow::Result<()> {
    let mut tx = crate::db::begin(db).await?;
    let first = sqlx::query(
        "INSERT INTO rule_sets_loaded (id, loaded_at) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
    )
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if first {
        for row in rows_of(&Rules::connecticut()) {
            add(&mut tx, &row, now).await?;
        }
        tracing::info!("loaded the shipped Connecticut rule rows");
    }
    tx.commit().await?;
    Ok(())
}

fn parse<T: DeserializeOwned>(id: i64, body: &str) -> anyhow::Result<T> {
    serde_json::from_str(body).map_err(|e| anyhow::anyhow!("rule row {id} cannot be read: {e}"))
}

/// Every row in the table, as the computations take them.
pub async fn load(db: &Db) -> anyhow::Result<Rules> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, family, body FROM rule_rows ORDER BY id")
            .fetch_all(db)
            .await?;
    let mut rules = Rules::default();
    for (id, family, body) in rows {
        match family.as_str() {
            "rate" => rules.rates.push(parse(id, &body)?),
            "due_date" => rules.due_dates.push(parse(id, &body)?),
            "late_payment" => rules.late_payment.push(parse(id, &body)?),
            "late_filing" => rules.late_filing.push(parse(id, &body)?),
            "interest" => rules.interest.push(parse(id, &body)?),
            "holiday" => rules.holidays.push(parse(id, &body)?),
            "payment_date" => rules.payment_dates.push(parse(id, &body)?),
            other => anyhow::bail!("rule row {id} has an unknown family {other:?}"),
        }
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_row_reads_back_as_it_was_written() {
        let rules = Rules::connecticut();
        let mut back = Rules::default();
        for row in rows_of(&rules) {
            let body = row.body().unwrap();
            match row {
                RuleRow::Rate(_) => back.rates.push(parse(0, &body).unwrap()),
                RuleRow::DueDate(_) => back.due_dates.push(parse(0, &body).unwrap()),
                RuleRow::LatePayment(_) => back.late_payment.push(parse(0, &body).unwrap()),
                RuleRow::LateFiling(_) => back.late_filing.push(parse(0, &body).unwrap()),
                RuleRow::Interest(_) => back.interest.push(parse(0, &body).unwrap()),
                RuleRow::Holiday(_) => back.holidays.push(parse(0, &body).unwrap()),
                RuleRow::PaymentDate(_) => back.payment_dates.push(parse(0, &body).unwrap()),
            }
        }
        assert_eq!(back, rules);
    }
}
