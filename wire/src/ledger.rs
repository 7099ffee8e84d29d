//! The account ledger as the pages see it: the kinds of transaction, a
//! period's figures (tax, penalty, interest, payments and credits, balance),
//! the rows of View/File Returns and View Period Detail and of View Account
//! Period Details, the account's chart, and the history searches with their
//! rules (the last 3 years, by period end or by filing date).

use crate::{
    access::SortDirection,
    date::CivilDate,
    error::FieldErrors,
    money::Money,
    paging,
    summary::{FileNow, ReturnStatus},
    tax::{AccountStatus, FilingFrequency, TaxType},
};
use serde::{Deserialize, Serialize};

/// One kind of ledger transaction. What is owed is positive, what is paid or
/// credited negative; a period's balance is the sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Tax assessed by a return.
    Tax,
    /// The change an amended return makes to the tax.
    TaxAdjustment,
    Penalty,
    Interest,
    Payment,
    Credit,
    Refund,
    Transfer,
}

impl EntryKind {
    pub const ALL: [EntryKind; 8] = [
        EntryKind::Tax,
        EntryKind::TaxAdjustment,
        EntryKind::Penalty,
        EntryKind::Interest,
        EntryKind::Payment,
        EntryKind::Credit,
        EntryKind::Refund,
        EntryKind::Transfer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Tax => "tax",
            EntryKind::TaxAdjustment => "tax_adjustment",
            EntryKind::Penalty => "penalty",
            EntryKind::Interest => "interest",
            EntryKind::Payment => "payment",
            EntryKind::Credit => "credit",
            EntryKind::Refund => "refund",
            EntryKind::Transfer => "transfer",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Tax => "Tax assessed",
            EntryKind::TaxAdjustment => "Tax adjusted by an amended return",
            EntryKind::Penalty => "Penalty",
            EntryKind::Interest => "Interest",
            EntryKind::Payment => "Payment",
            EntryKind::Credit => "Credit",
            EntryKind::Refund => "Refund",
            EntryKind::Transfer => "Transfer",
        }
    }

    /// Payments and credits: what reduces the balance on the page's
    /// "Payments and credits" column (refunds and transfers give money back
    /// or move it, so they count there too, with their sign).
    pub fn is_payment_or_credit(self) -> bool {
        matches!(
            self,
            EntryKind::Payment | EntryKind::Credit | EntryKind::Refund | EntryKind::Transfer
        )
    }
}

/// A period's figures, summed from its ledger rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodFigures {
    /// Tax assessed, with any amendment's adjustment.
    pub tax: Money,
    pub penalty: Money,
    pub interest: Money,
    /// Payments and credits, as a positive amount.
    pub payments: Money,
    /// Tax + penalty + interest − payments; below zero is a credit.
    pub balance: Money,
}

impl Default for PeriodFigures {
    /// All zero, in cents (`0.00` on the wire).
    fn default() -> Self {
        let zero = Money::from_cents(0);
        Self {
            tax: zero,
            penalty: zero,
            interest: zero,
            payments: zero,
            balance: zero,
        }
    }
}

impl PeriodFigures {
    pub fn add(&mut self, kind: EntryKind, amount: Money) {
        match kind {
            EntryKind::Tax | EntryKind::TaxAdjustment => self.tax = self.tax + amount,
            EntryKind::Penalty => self.penalty = self.penalty + amount,
            EntryKind::Interest => self.interest = self.interest + amount,
            _ => self.payments = self.payments - amount,
        }
        self.balance = self.balance + amount;
    }

    pub fn from_entries(entries: impl IntoIterator<Item = (EntryKind, Money)>) -> Self {
        let mut figures = Self::default();
        for (kind, amount) in entries {
            figures.add(kind, amount);
        }
        figures
    }
}

/// Bills for periods before this date cannot be paid online (seed 001).
pub fn first_payable_period_end() -> CivilDate {
    CivilDate::new(2003, 1, 1).expect("a real date")
}

/// Where a bill for a period before 2003 is mailed, with a check (seed 001).
pub const PRE_2003_MAILING_ADDRESS: &str = "Department of Revenue Services, Accounts Receivable Unit, P.O. Box 5088, Hartford CT 06102-5088";

/// Seed 001's note, shown wherever a period is unfiled.
pub const BALANCE_DUE_NOTE: &str = "If a return for any of the periods listed below has not \
yet been filed, the balance due column may not be accurate. Once the return for the period has \
been filed and processed, the balance will be updated. If DRS mailed you a delinquency notice \
for a period you have not filed, the balance due column will not show the correct amount due \
because you have not yet reported what you owe; instead it will show $0.";

/// The account a page is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountHeader {
    /// The internal id the API's paths use.
    pub id: i64,
    /// The 10-digit Account ID printed on the Summary.
    pub account_number: String,
    pub tax_type: TaxType,
    pub frequency: FilingFrequency,
    pub status: AccountStatus,
    pub customer_id: i64,
    pub legal_name: String,
    pub reg_number: String,
}

/// A return as a list names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRef {
    pub return_id: i64,
    pub confirmation_number: String,
    pub amended: bool,
    /// The Hartford date it was filed.
    pub filed_on: CivilDate,
}

/// One period of an account, with its figures from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub period_id: i64,
    pub account_id: i64,
    pub account_number: String,
    pub tax_type: TaxType,
    pub period_end: CivilDate,
    pub due_date: CivilDate,
    pub status: ReturnStatus,
    /// The return that counts now: the latest amendment, else the original.
    pub latest_return: Option<ReturnRef>,
    /// How many returns the period has (original and amendments).
    pub return_count: u32,
    pub figures: PeriodFigures,
    /// "Balance if paid by" the page's date, for a period with a balance.
    #[serde(default)]
    pub balance_if_paid_by: Option<Money>,
    /// A return for this period can be filed online now (by a caller with the file right).
    pub may_file: bool,
    /// It has a return that a caller with the file right may amend.
    pub may_amend: bool,
}

impl PeriodRow {
    /// A bill for a period before 2003: it cannot be paid online.
    pub fn before_2003(&self) -> bool {
        self.period_end < first_payable_period_end()
    }
}

/// One point of an account's chart: at a month's end, what the account owed
/// and what was paid during that month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartPoint {
    pub month_end: CivilDate,
    pub balance: Money,
    pub payments: Money,
}

/// The account page ("View/File Returns and View Period Detail").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub account: AccountHeader,
    pub balance: Money,
    /// The caller has the file right on the account.
    pub may_file: bool,
    /// Why filing is not offered here, when the account's returns are not filed online.
    #[serde(default)]
    pub filing_note: Option<String>,
    pub file_now: Option<FileNow>,
    pub chart: Vec<ChartPoint>,
    /// When the processing step last finished (seconds since the epoch).
    pub information_current_as_of: i64,
}

/// Which date a history search goes by (seed 001: "by Period End or by Filing Date Range").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    #[default]
    PeriodEnd,
    Filed,
}

impl DateBasis {
    pub fn code(self) -> &'static str {
        match self {
            DateBasis::PeriodEnd => "period_end",
            DateBasis::Filed => "filed",
        }
    }
}

/// A place in a list ordered by a date, then by id: the keyset of the next
/// page. Travels as `2026-10-31.123`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub date: CivilDate,
    pub id: i64,
}

impl Cursor {
    pub fn encode(self) -> String {
        format!("{}.{}", self.date.to_iso(), self.id)
    }

    pub fn decode(text: &str) -> Option<Self> {
        let (date, id) = text.split_once('.')?;
        Some(Self {
            date: CivilDate::parse_iso(date)?,
            id: id.parse().ok().filter(|id: &i64| *id >= 0)?,
        })
    }
}

/// `?tax_type=&by=&from=&to=&dir=&after=&before=&page_size=&pay_by=` on the
/// history lists, as typed: dates are `YYYY-MM-DD` (the browser's date
/// boxes read mm/dd/yyyy and send this).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    #[serde(default)]
    pub tax_type: Option<String>,
    #[serde(default)]
    pub by: Option<DateBasis>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub dir: Option<SortDirection>,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub page_size: Option<u32>,
    #[serde(default)]
    pub pay_by: Option<String>,
}

/// Which way a keyset page runs from its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    First,
    After(Cursor),
    Before(Cursor),
}

/// A history search that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistorySearch {
    /// `None`: every tax type ("View All").
    pub tax_type: Option<TaxType>,
    pub basis: DateBasis,
    pub from: CivilDate,
    pub to: CivilDate,
    pub dir: SortDirection,
    pub page: Page,
    pub page_size: u32,
    /// The date of "Balance if paid by" (today unless asked).
    pub pay_by: CivilDate,
}

/// The earliest date a history search reaches: the same day 3 years ago.
pub fn window_start(today: CivilDate) -> CivilDate {
    today.add_months(-36).unwrap_or(today)
}

/// The latest period end a search by period end reaches: a year ahead.
fn period_end_limit(today: CivilDate) -> CivilDate {
    today.add_months(12).unwrap_or(today)
}

fn parse_date(text: &str, field: &str, label: &str, errors: &mut FieldErrors) -> Option<CivilDate> {
    match CivilDate::parse_iso(text.trim()) {
        Some(date) => Some(date),
        None => {
            errors.add(
                field,
                format!("{label} must be a real date, like 03/31/2026"),
            );
            None
        }
    }
}

impl HistoryQuery {
    /// The search, or every problem keyed to its field. `today` is Hartford's.
    pub fn parse(&self, today: CivilDate) -> Result<HistorySearch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let tax_type = match self.tax_type.as_deref().map(str::trim) {
            None | Some("") | Some("all") => None,
            Some(code) => match TaxType::from_code(code) {
                Some(tax_type) => Some(tax_type),
                None => {
                    errors.add("tax_type", "Choose a tax type from the list, or View All");
                    None
                }
            },
        };
        let basis = self.by.unwrap_or_default();
        let earliest = window_start(today);
        let latest = match basis {
            DateBasis::PeriodEnd => period_end_limit(today),
            DateBasis::Filed => today,
        };
        let from = match self.from.as_deref().filter(|t| !t.trim().is_empty()) {
            None => Some(earliest),
            Some(text) => parse_date(text, "from", "The start date", &mut errors),
        };
        let to = match self.to.as_deref().filter(|t| !t.trim().is_empty()) {
            None => Some(latest),
            Some(text) => parse_date(text, "to", "The end date", &mut errors),
        };
        if let Some(from) = from {
            if from < earliest {
                errors.add(
                    "from",
                    format!(
                        "The start date must be on or after {}: you can view up to 3 years",
                        earliest.to_us()
                    ),
                );
            }
        }
        if let Some(to) = to {
            if to > latest {
                let message = match basis {
                    DateBasis::Filed => "The end date cannot be in the future".to_owned(),
                    DateBasis::PeriodEnd => {
                        format!("The end date must be on or before {}", latest.to_us())
                    }
                };
                errors.add("to", message);
            }
        }
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.add(
                    "to",
                    "The end date must be the same as or after the start date",
                );
            }
        }
        let page = match (self.after.as_deref(), self.before.as_deref()) {
            (None, None) => Page::First,
            (Some(after), None) => match Cursor::decode(after) {
                Some(cursor) => Page::After(cursor),
                None => {
                    errors.add(
                        "after",
                        "That page link is not valid: start from the first page",
                    );
                    Page::First
                }
            },
            (None, Some(before)) => match Cursor::decode(before) {
                Some(cursor) => Page::Before(cursor),
                None => {
                    errors.add(
                        "before",
                        "That page link is not valid: start from the first page",
                    );
                    Page::First
                }
            },
            (Some(_), Some(_)) => {
                errors.add(
                    "after",
                    "Ask for the page after or the page before, not both",
                );
                Page::First
            }
        };
        let page_size = paging::page_size(self.page_size, &mut errors);
        let pay_by = match self.pay_by.as_deref().filter(|t| !t.trim().is_empty()) {
            None => Some(today),
            Some(text) => {
                parse_date(text, "pay_by", "The pay-by date", &mut errors).and_then(|date| {
                    let limit = today.add_months(12).unwrap_or(today);
                    if date < today {
                        errors.add("pay_by", "The pay-by date cannot be in the past");
                        None
                    } else if date > limit {
                        errors.add(
                            "pay_by",
                            format!("The pay-by date must be on or before {}", limit.to_us()),
                        );
                        None
                    } else {
                        Some(date)
                    }
                })
            }
        };
        match (from, to, pay_by) {
            (Some(from), Some(to), Some(pay_by)) if errors.is_empty() => Ok(HistorySearch {
                tax_type,
                basis,
                from,
                to,
                dir: self.dir.unwrap_or(SortDirection::Descending),
                page,
                page_size,
                pay_by,
            }),
            _ => Err(errors),
        }
    }
}

/// One page of a keyset list, with the cursors of its neighbours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeysetPage<T> {
    pub rows: Vec<T>,
    /// `after=` for the next page, when there is one.
    pub next: Option<String>,
    /// `before=` for the previous page, when there is one.
    pub previous: Option<String>,
}

impl<T> KeysetPage<T> {
    /// The page of `rows` (in the order shown) fetched from `page`, with
    /// `more` saying whether the fetch found rows beyond them (in the way it
    /// went: backwards for `Page::Before`). `cursor_of` is a row's place.
    pub fn of(rows: Vec<T>, page: Page, more: bool, cursor_of: impl Fn(&T) -> Cursor) -> Self {
        let first = rows.first().map(&cursor_of).map(Cursor::encode);
        let last = rows.last().map(&cursor_of).map(Cursor::encode);
        let (next, previous) = match page {
            Page::Before(_) => (last, first.filter(|_| more)),
            Page::After(_) => (last.filter(|_| more), first),
            Page::First => (last.filter(|_| more), None),
        };
        Self {
            rows,
            next,
            previous,
        }
    }
}

/// View Account Period Details: the rows, the pay-by date, and when the
/// figures were last brought up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodDetails {
    pub page: KeysetPage<PeriodRow>,
    pub pay_by: CivilDate,
    pub information_current_as_of: i64,
    /// Some period in the list has no return yet: the page shows the balance-due note.
    pub any_unfiled: bool,
}

/// A return in the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRow {
    pub return_id: i64,
    pub confirmation_number: String,
    pub amended: bool,
    pub account_id: i64,
    pub account_number: String,
    pub tax_type: TaxType,
    pub period_end: CivilDate,
    /// Seconds since the epoch.
    pub filed_at: i64,
    pub filed_on: CivilDate,
    pub filed_by: String,
    pub tax: Money,
    pub total_due: Money,
    /// Posted to the ledger by the processing step.
    pub processed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    #[test]
    fn a_keyset_page_links_its_neighbours_only_where_there_are_rows() {
        let at = |id| Cursor {
            date: date(2026, 3, 31),
            id,
        };
        let page = |rows: Vec<i64>, from, more| KeysetPage::of(rows, from, more, |id| at(*id));
        let first = page(vec![1, 2], Page::First, true);
        assert_eq!((first.next, first.previous), (Some(at(2).encode()), None));
        let last = page(vec![3, 4], Page::After(at(2)), false);
        assert_eq!((last.next, last.previous), (None, Some(at(3).encode())));
        let back = page(vec![1, 2], Page::Before(at(3)), false);
        assert_eq!((back.next, back.previous), (Some(at(2).encode()), None));
        let middle = page(vec![3, 4], Page::Before(at(5)), true);
        assert_eq!(
            (middle.next, middle.previous),
            (Some(at(4).encode()), Some(at(3).encode()))
        );
    }

    fn query(pairs: &[(&str, &str)]) -> HistoryQuery {
        let mut q = HistoryQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "from" => q.from = v,
                "to" => q.to = v,
                "tax_type" => q.tax_type = v,
                "after" => q.after = v,
                "pay_by" => q.pay_by = v,
                _ => unreachable!(),
            }
        }
        q
    }

    #[test]
    fn figures_sum_the_ledger_with_payments_shown_positive() {
        let figures = PeriodFigures::from_entries([
            (EntryKind::Tax, Money::from_cents(100_000)),
            (EntryKind::TaxAdjustment, Money::from_cents(-10_000)),
            (EntryKind::Penalty, Money::from_cents(5_000)),
            (EntryKind::Interest, Money::from_cents(900)),
            (EntryKind::Payment, Money::from_cents(-90_000)),
        ]);
        assert_eq!(figures.tax, Money::from_cents(90_000));
        assert_eq!(figures.payments, Money::from_cents(90_000));
        assert_eq!(figures.balance, Money::from_cents(5_900));
    }

    #[test]
    fn a_search_defaults_to_the_last_three_years_newest_first() {
        let today = date(2026, 11, 23);
        let search = HistoryQuery::default().parse(today).unwrap();
        assert_eq!(search.from, date(2023, 11, 23));
        assert_eq!(search.to, date(2027, 11, 23));
        assert_eq!(search.dir, SortDirection::Descending);
        assert_eq!(search.pay_by, today);
        assert_eq!(search.tax_type, None);
    }

    #[test]
    fn dates_outside_the_window_are_refused_under_their_field() {
        let today = date(2026, 11, 23);
        let errors = query(&[("from", "2023-11-22"), ("to", "2023-01-01")])
            .parse(today)
            .unwrap_err();
        assert!(errors.get("from").unwrap().contains("11/23/2023"));
        assert!(errors.get("to").unwrap().contains("after the start date"));
        let mut filed = query(&[("to", "2026-11-24")]);
        filed.by = Some(DateBasis::Filed);
        assert_eq!(
            filed.parse(today).unwrap_err().get("to"),
            Some("The end date cannot be in the future")
        );
        let errors = query(&[("from", "11/01/2026"), ("tax_type", "beer")])
            .parse(today)
            .unwrap_err();
        assert!(errors.get("from").unwrap().contains("real date"));
        assert!(errors.get("tax_type").is_some());
    }

    #[test]
    fn cursors_round_trip_and_bad_ones_are_field_errors() {
        let cursor = Cursor {
            date: date(2026, 10, 31),
            id: 123,
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("2026-10-31.-1"), None);
        assert_eq!(Cursor::decode("x"), None);
        let today = date(2026, 11, 23);
        assert!(query(&[("after", "junk")])
            .parse(today)
            .unwrap_err()
            .get("after")
            .is_some());
        assert!(query(&[("pay_by", "2026-11-01")])
            .parse(today)
            .unwrap_err()
            .get("pay_by")
            .is_some());
    }

    #[test]
    fn a_bill_before_2003_cannot_be_paid_online() {
        assert!(date(2002, 12, 31) < first_payable_period_end());
        assert!(date(2003, 1, 31) >= first_payable_period_end());
    }
}
