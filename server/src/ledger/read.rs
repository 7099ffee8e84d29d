//! Reading periods with their ledgers: the facts `assess` needs (due dates,
//! the first filing, every dated row) and the figures the pages show.

use sqlx::AnyConnection;
use std::collections::HashMap;
use wire::{
    assessment::{assess, balance_if_paid_by, AssessInput, Assessment, DatedAmount},
    ledger::{EntryKind, PeriodFigures},
    rules::{DueDate, RuleError, Rules},
    tax::TaxType,
    CivilDate, Money,
};

/// One period and everything its assessment depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodLedger {
    pub period_id: i64,
    pub account_id: i64,
    pub tax_type: TaxType,
    pub period_end: CivilDate,
    pub due: DueDate,
    /// When its first return was filed; `None` while it has none.
    pub filed_on: Option<CivilDate>,
    /// Its rows: kind, amount, the day each counts from.
    pub entries: Vec<(EntryKind, Money, CivilDate)>,
}

impl PeriodLedger {
    pub fn figures(&self) -> PeriodFigures {
        PeriodFigures::from_entries(self.entries.iter().map(|(k, a, _)| (*k, *a)))
    }

    /// The ledger as `assess` takes it: the tax with its adjustments, the
    /// payments and credits with their dates.
    pub fn assess_input(&self, as_of: CivilDate) -> AssessInput {
        let payments = self
            .entries
            .iter()
            .filter(|(kind, amount, _)| {
                matches!(kind, EntryKind::Payment | EntryKind::Credit) && amount.is_negative()
            })
            .map(|(_, amount, on)| DatedAmount {
                on: *on,
                amount: -*amount,
            })
            .collect();
        AssessInput {
            tax_type: self.tax_type,
            tax_due: self.figures().tax,
            due: self.due,
            filed_on: self.filed_on,
            payments,
            as_of,
        }
    }

    pub fn assess(&self, rules: &Rules, as_of: CivilDate) -> Result<Assessment, RuleError> {
        assess(&self.assess_input(as_of), rules)
    }

    /// What the period would owe if paid on `pay_by`, for a filed period
    /// (an unfiled one shows what its ledger holds: seed 001's $0).
    pub fn balance_if_paid_by(&self, rules: &Rules, pay_by: CivilDate) -> Money {
        let figures = self.figures();
        if self.filed_on.is_none() {
            return figures.balance;
        }
        match balance_if_paid_by(&self.assess_input(pay_by), pay_by, rules) {
            // Never less than the ledger holds: an assessment posted stays posted.
            Ok(assessment) => {
                let penalty = assessment.penalty.max(figures.penalty);
                let interest = assessment.interest.max(figures.interest);
                figures.balance - figures.penalty - figures.interest + penalty + interest
            }
            Err(_) => figures.balance,
        }
    }

    /// The penalty and interest to post so the ledger holds the assessment
    /// as of `as_of`: the difference, so posting twice adds nothing.
    pub fn differences(
        &self,
        rules: &Rules,
        as_of: CivilDate,
    ) -> Result<Vec<(EntryKind, Money)>, RuleError> {
        if self.filed_on.is_none_or(|filed| filed > as_of) {
            return Ok(Vec::new());
        }
        let assessment = self.assess(rules, as_of)?;
        let figures = self.figures();
        Ok([
            (EntryKind::Penalty, assessment.penalty - figures.penalty),
            (EntryKind::Interest, assessment.interest - figures.interest),
        ]
        .into_iter()
        .filter(|(_, amount)| !amount.is_zero())
        .collect())
    }
}

fn date(text: &str, what: &str) -> sqlx::Result<CivilDate> {
    CivilDate::parse_iso(text)
        .ok_or_else(|| sqlx::Error::Decode(format!("stored {what} is not a date: {text:?}").into()))
}

/// A comma-separated list of ids for an `IN (…)`: integers from the
/// database, never input, so they can be written into the query.
pub fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// The ledgers of the given periods, in the order asked.
pub async fn period_ledgers(
    conn: &mut AnyConnection,
    period_ids: &[i64],
) -> sqlx::Result<Vec<PeriodLedger>> {
    let mut out = Vec::with_capacity(period_ids.len());
    for chunk in period_ids.chunks(500) {
        let ids = id_list(chunk);
        let periods: Vec<(i64, i64, String, String, String, Option<String>)> =
            sqlx::query_as(&format!(
                "SELECT p.id, p.account_id, a.tax_type, p.period_end, p.due_date, p.due_nominal \
                 FROM periods p JOIN tax_accounts a ON a.id = p.account_id WHERE p.id IN ({ids})"
            ))
            .fetch_all(&mut *conn)
            .await?;
        let filed: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT period_id, MIN(filed_on) FROM tax_returns WHERE period_id IN ({ids}) \
             AND filed_on IS NOT NULL GROUP BY period_id"
        ))
        .fetch_all(&mut *conn)
        .await?;
        let entries: Vec<(i64, String, i64, String)> = sqlx::query_as(&format!(
            "SELECT period_id, kind, amount_cents, effective_on FROM ledger_entries \
             WHERE period_id IN ({ids}) ORDER BY period_id, effective_on, id"
        ))
        .fetch_all(&mut *conn)
        .await?;
        let mut filed_on: HashMap<i64, CivilDate> = HashMap::new();
        for (period_id, on) in filed {
            filed_on.insert(period_id, date(&on, "filing date")?);
        }
        let mut rows: HashMap<i64, Vec<(EntryKind, Money, CivilDate)>> = HashMap::new();
        for (period_id, kind, cents, on) in entries {
            let kind = EntryKind::from_code(&kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("unknown entry kind {kind}").into()))?;
            rows.entry(period_id).or_default().push((
                kind,
                Money::from_cents(cents),
                date(&on, "entry date")?,
            ));
        }
        let mut by_id: HashMap<i64, PeriodLedger> = HashMap::new();
        for (id, account_id, tax_type, end, due, nominal) in periods {
            let effective = date(&due, "due date")?;
            let nominal = match nominal {
                Some(text) => date(&text, "due date")?,
                None => effective,
            };
            by_id.insert(
                id,
                PeriodLedger {
                    period_id: id,
                    account_id,
                    tax_type: TaxType::from_code(&tax_type).ok_or_else(|| {
                        sqlx::Error::Decode(format!("unknown tax type {tax_type}").into())
                    })?,
                    period_end: date(&end, "period end")?,
                    due: DueDate { nominal, effective },
                    filed_on: filed_on.get(&id).copied(),
                    entries: rows.remove(&id).unwrap_or_default(),
                },
            );
        }
        out.extend(chunk.iter().filter_map(|id| by_id.remove(id)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    fn ledger(entries: Vec<(EntryKind, i64, CivilDate)>, filed: CivilDate) -> PeriodLedger {
        PeriodLedger {
            period_id: 1,
            account_id: 1,
            tax_type: TaxType::SalesAndUse,
            period_end: day(2025, 12, 31),
            due: DueDate {
                nominal: day(2026, 1, 31),
                effective: day(2026, 2, 2),
            },
            filed_on: Some(filed),
            entries: entries
                .into_iter()
                .map(|(k, c, d)| (k, Money::from_cents(c), d))
                .collect(),
        }
    }

    #[test]
    fn posting_the_differences_once_leaves_nothing_to_post_the_second_time() {
        let rules = Rules::connecticut();
        let mut period = ledger(
            vec![(EntryKind::Tax, 100_000, day(2026, 1, 20))],
            day(2026, 1, 20),
        );
        let as_of = day(2026, 3, 15);
        let first = period.differences(&rules, as_of).unwrap();
        // 15 % of $1,000 and two months of 1 % interest.
        assert_eq!(
            first,
            vec![
                (EntryKind::Penalty, Money::from_cents(15_000)),
                (EntryKind::Interest, Money::from_cents(2_000))
            ]
        );
        for (kind, amount) in first {
            period.entries.push((kind, amount, as_of));
        }
        assert!(period.differences(&rules, as_of).unwrap().is_empty());
        // A month later only the new month's interest is added.
        assert_eq!(
            period.differences(&rules, day(2026, 4, 15)).unwrap(),
            vec![(EntryKind::Interest, Money::from_cents(1_000))]
        );
    }

    #[test]
    fn paid_on_time_nothing_is_assessed_and_balance_if_paid_by_adds_interest_ahead() {
        let rules = Rules::connecticut();
        let paid = ledger(
            vec![
                (EntryKind::Tax, 100_000, day(2026, 1, 20)),
                (EntryKind::Payment, -100_000, day(2026, 2, 2)),
            ],
            day(2026, 1, 20),
        );
        assert!(paid
            .differences(&rules, day(2026, 6, 1))
            .unwrap()
            .is_empty());
        let unpaid = ledger(
            vec![(EntryKind::Tax, 100_000, day(2026, 1, 20))],
            day(2026, 1, 20),
        );
        // Paid on 03/01: $1,000 + $150 penalty + 2 months of interest ($20).
        assert_eq!(
            unpaid.balance_if_paid_by(&rules, day(2026, 3, 1)),
            Money::from_cents(117_000)
        );
    }

    #[test]
    fn an_unfiled_period_is_not_assessed() {
        let mut period = ledger(Vec::new(), day(2026, 1, 20));
        period.filed_on = None;
        assert!(period
            .differences(&Rules::connecticut(), day(2026, 6, 1))
            .unwrap()
            .is_empty());
        assert_eq!(
            period.balance_if_paid_by(&Rules::connecticut(), day(2026, 6, 1)),
            Money::ZERO
        );
    }
}
