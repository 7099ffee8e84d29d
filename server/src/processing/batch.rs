//! One batch of accounts, inside one transaction: open the periods that time
//! has reached, post the returns filed by the processing date, and bring
//! penalty and interest up to date on the periods that can owe them. Every
//! step is a difference from what the database already holds, so running a
//! batch again posts nothing.

use crate::{
    ledger::{
        self,
        read::{id_list, period_ledgers},
        NewEntry,
    },
    returns::store as returns_store,
};
use anyhow::Context;
use sqlx::AnyConnection;
use std::collections::{BTreeSet, HashSet};
use wire::{
    ledger::EntryKind,
    period::FilingPeriod,
    rules::Rules,
    tax::{AccountStatus, FilingFrequency, TaxType},
    CivilDate, Money,
};

/// An account as the batch needs it.
#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: i64,
    pub tax_type: TaxType,
    pub frequency: FilingFrequency,
    pub status: AccountStatus,
    pub opened_on: CivilDate,
    /// Its latest period's end, if it has any.
    pub latest_period_end: Option<CivilDate>,
}

/// What one batch (or run) did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub periods_opened: i64,
    pub returns_posted: i64,
    pub entries_posted: i64,
    pub notices_issued: i64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.periods_opened += other.periods_opened;
        self.returns_posted += other.returns_posted;
        self.entries_posted += other.entries_posted;
        self.notices_issued += other.notices_issued;
    }
}

/// The next `limit` accounts after `cursor`, in id order.
pub async fn accounts_after(
    tx: &mut AnyConnection,
    cursor: i64,
    limit: i64,
) -> anyhow::Result<Vec<AccountRow>> {
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT a.id, a.tax_type, a.frequency, a.status, a.opened_on, \
           (SELECT MAX(p.period_end) FROM periods p WHERE p.account_id = a.id) \
         FROM tax_accounts a WHERE a.id > $1 ORDER BY a.id LIMIT $2",
    )
    .bind(cursor)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    accounts_from(rows)
}

/// The given accounts (for the pass that posts new returns between runs).
pub async fn accounts_by_id(
    tx: &mut AnyConnection,
    ids: &[i64],
) -> anyhow::Result<Vec<AccountRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query_as(&format!(
        "SELECT a.id, a.tax_type, a.frequency, a.status, a.opened_on, \
           (SELECT MAX(p.period_end) FROM periods p WHERE p.account_id = a.id) \
         FROM tax_accounts a WHERE a.id IN ({}) ORDER BY a.id",
        id_list(ids)
    ))
    .fetch_all(&mut *tx)
    .await?;
    accounts_from(rows)
}

fn accounts_from(
    rows: Vec<(i64, String, String, String, String, Option<String>)>,
) -> anyhow::Result<Vec<AccountRow>> {
    rows.into_iter()
        .map(|(id, tax_type, frequency, status, opened_on, latest)| {
            Ok(AccountRow {
                id,
                tax_type: TaxType::from_code(&tax_type)
                    .with_context(|| format!("account {id}: tax type {tax_type:?}"))?,
                frequency: FilingFrequency::from_code(&frequency)
                    .with_context(|| format!("account {id}: frequency {frequency:?}"))?,
                status: AccountStatus::from_code(&status)
                    .with_context(|| format!("account {id}: status {status:?}"))?,
                opened_on: CivilDate::parse_iso(&opened_on)
                    .with_context(|| format!("account {id}: opened on {opened_on:?}"))?,
                latest_period_end: latest.as_deref().and_then(CivilDate::parse_iso),
            })
        })
        .collect()
}

/// The period of `frequency` that contains `date`.
pub fn period_containing(frequency: FilingFrequency, date: CivilDate) -> Option<FilingPeriod> {
    let months_to_end = match frequency {
        FilingFrequency::Monthly => 0,
        FilingFrequency::Quarterly => (3 - u32::from(date.month()) % 3) % 3,
        FilingFrequency::Annual => 12 - u32::from(date.month()),
    };
    FilingPeriod::new(frequency, date.end_of_month_after(months_to_end)?).ok()
}

/// The periods an account needs so that the one containing `as_of` exists.
fn periods_to_open(account: &AccountRow, as_of: CivilDate) -> Vec<FilingPeriod> {
    if account.status == AccountStatus::Closed {
        return Vec::new();
    }
    let mut next = match account.latest_period_end {
        Some(end) => FilingPeriod::new(account.frequency, end)
            .ok()
            .and_then(FilingPeriod::next),
        None => period_containing(account.frequency, account.opened_on),
    };
    let mut out = Vec::new();
    while let Some(period) = next.filter(|p| p.start() <= as_of) {
        out.push(period);
        next = period.next();
    }
    out
}

/// Inserts a period with its due date from the rules.
pub async fn open_period(
    tx: &mut AnyConnection,
    rules: &Rules,
    account_id: i64,
    tax_type: TaxType,
    period: FilingPeriod,
) -> anyhow::Result<i64> {
    let due = rules.due_date(tax_type, period).with_context(|| {
        format!(
            "the due date of account {account_id}'s period {}",
            period.end()
        )
    })?;
    let id = sqlx::query_scalar(
        "INSERT INTO periods (account_id, period_start, period_end, due_date, due_nominal) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(account_id)
    .bind(period.start().to_iso())
    .bind(period.end().to_iso())
    .bind(due.effective.to_iso())
    .bind(due.nominal.to_iso())
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

/// The accounts with returns filed on or before `as_of` not yet posted.
pub async fn accounts_with_new_returns(
    db: &crate::db::Db,
    as_of: CivilDate,
) -> sqlx::Result<BTreeSet<i64>> {
    // Driven from the partial index of unposted returns (CROSS JOIN keeps
    // SQLite's order): it holds only what is waiting.
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT p.account_id FROM tax_returns r CROSS JOIN periods p \
         WHERE p.id = r.period_id AND r.processed_on IS NULL AND r.filed_on <= $1",
    )
    .bind(as_of.to_iso())
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().collect())
}

/// Processes the accounts. `with_new_returns` says which of them have
/// returns waiting (from [`accounts_with_new_returns`]).
pub async fn process_accounts(
    tx: &mut AnyConnection,
    rules: &Rules,
    as_of: CivilDate,
    accounts: &[AccountRow],
    with_new_returns: &BTreeSet<i64>,
    now: i64,
) -> anyhow::Result<Counts> {
    let mut counts = Counts::default();
    for account in accounts {
        for period in periods_to_open(account, as_of) {
            open_period(tx, rules, account.id, account.tax_type, period).await?;
            counts.periods_opened += 1;
        }
    }

    // Returns, in the order they were filed, so an amendment follows its original.
    let waiting: Vec<i64> = accounts
        .iter()
        .map(|a| a.id)
        .filter(|id| with_new_returns.contains(id))
        .collect();
    let mut touched: HashSet<i64> = HashSet::new();
    if !waiting.is_empty() {
        for posted in returns_store::unposted(tx, &waiting, as_of).await? {
            let entry = NewEntry {
                period_id: posted.period_id,
                account_id: posted.account_id,
                kind: if posted.amends_tax.is_some() {
                    EntryKind::TaxAdjustment
                } else {
                    EntryKind::Tax
                },
                amount: posted.tax - posted.amends_tax.unwrap_or(Money::ZERO),
                effective_on: posted.filed_on,
                posted_on: as_of,
                return_id: Some(posted.return_id),
                payment_id: None,
                description: format!(
                    "{} return {}",
                    if posted.amends_tax.is_some() {
                        "Amended"
                    } else {
                        "Original"
                    },
                    posted.confirmation_number
                ),
            };
            ledger::post(tx, &entry, now).await?;
            returns_store::mark_processed(tx, posted.return_id, as_of).await?;
            touched.insert(posted.period_id);
            counts.returns_posted += 1;
            counts.entries_posted += 1;
        }
    }

    // Penalty and interest where something may be owed: a balance, or a return just posted.
    let (low, high) = match (accounts.first(), accounts.last()) {
        (Some(first), Some(last)) => (first.id, last.id),
        _ => return Ok(counts),
    };
    let open: Vec<i64> = sqlx::query_scalar(
        "SELECT period_id FROM period_totals \
         WHERE account_id >= $1 AND account_id <= $2 AND balance_cents <> 0",
    )
    .bind(low)
    .bind(high)
    .fetch_all(&mut *tx)
    .await?;
    let in_batch: HashSet<i64> = accounts.iter().map(|a| a.id).collect();
    let mut candidates: Vec<i64> = touched.into_iter().chain(open).collect();
    candidates.sort_unstable();
    candidates.dedup();
    for period in period_ledgers(tx, &candidates).await? {
        if !in_batch.contains(&period.account_id) {
            continue;
        }
        let differences = period
            .differences(rules, as_of)
            .with_context(|| format!("penalty and interest on period {}", period.period_id))?;
        for (kind, amount) in differences {
            let description = match (kind, amount.is_negative()) {
                (EntryKind::Penalty, false) => "Penalty assessed",
                (EntryKind::Penalty, true) => "Penalty reduced",
                (_, false) => "Interest assessed",
                (_, true) => "Interest reduced",
            };
            ledger::post(
                tx,
                &NewEntry {
                    period_id: period.period_id,
                    account_id: period.account_id,
                    kind,
                    amount,
                    effective_on: as_of,
                    posted_on: as_of,
                    return_id: None,
                    payment_id: None,
                    description: description.to_owned(),
                },
                now,
            )
            .await?;
            counts.entries_posted += 1;
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    fn account(frequency: FilingFrequency, latest: Option<CivilDate>) -> AccountRow {
        AccountRow {
            id: 1,
            tax_type: TaxType::SalesAndUse,
            frequency,
            status: AccountStatus::Active,
            opened_on: day(2024, 5, 17),
            latest_period_end: latest,
        }
    }

    #[test]
    fn a_period_contains_its_days() {
        let q = period_containing(FilingFrequency::Quarterly, day(2026, 11, 23)).unwrap();
        assert_eq!(q.end(), day(2026, 12, 31));
        let q = period_containing(FilingFrequency::Quarterly, day(2026, 9, 30)).unwrap();
        assert_eq!(q.end(), day(2026, 9, 30));
        let y = period_containing(FilingFrequency::Annual, day(2026, 2, 1)).unwrap();
        assert_eq!(y.end(), day(2026, 12, 31));
        let m = period_containing(FilingFrequency::Monthly, day(2024, 2, 10)).unwrap();
        assert_eq!(m.end(), day(2024, 2, 29));
    }

    #[test]
    fn time_opens_every_period_up_to_the_one_containing_the_date() {
        let monthly = account(FilingFrequency::Monthly, Some(day(2026, 10, 31)));
        let opened: Vec<_> = periods_to_open(&monthly, day(2026, 12, 31))
            .iter()
            .map(|p| p.end())
            .collect();
        assert_eq!(opened, vec![day(2026, 11, 30), day(2026, 12, 31)]);
        assert!(periods_to_open(&monthly, day(2026, 10, 31)).is_empty());
        // A new account starts with the period it opened in.
        let new = account(FilingFrequency::Quarterly, None);
        assert_eq!(
            periods_to_open(&new, day(2024, 5, 20))[0].end(),
            day(2024, 6, 30)
        );
        let mut closed = monthly;
        closed.status = AccountStatus::Closed;
        assert!(periods_to_open(&closed, day(2027, 6, 30)).is_empty());
    }
}
