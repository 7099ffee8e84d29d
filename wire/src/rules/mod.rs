//! Rates, fees, due dates, penalties, interest, holidays and payment-date
//! rules as data with effective dates. The server keeps the rows in tables
//! (seeded from [`Rules::connecticut`]) and hands a [`Rules`] to the
//! computations; a test adds a row to see a new rate take effect.

pub mod connecticut;
pub mod holidays;
pub mod keys;
pub mod rows;

pub use rows::{
    DueDateRow, DueRule, InterestRow, LateFilingRow, LatePaymentRow, PaymentDateRow, RateRow,
    RateValue,
};

use crate::{
    calendar::{
        banking::{self, PaymentDateError},
        Calendar, CalendarKind, HartfordTime, HolidayRow,
    },
    date::CivilDate,
    period::FilingPeriod,
    tax::TaxType,
};
use rows::{applies_to, in_effect_on, Row};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Every rule row the computations read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub rates: Vec<RateRow>,
    pub due_dates: Vec<DueDateRow>,
    pub late_payment: Vec<LatePaymentRow>,
    pub late_filing: Vec<LateFilingRow>,
    pub interest: Vec<InterestRow>,
    pub holidays: Vec<HolidayRow>,
    pub payment_dates: Vec<PaymentDateRow>,
}

/// A period's due date: `nominal` as the rule states it (interest runs from
/// it), `effective` moved past weekends and Connecticut legal holidays (a
/// return or payment on it is on time, CGS 12-39a).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DueDate {
    pub nominal: CivilDate,
    pub effective: CivilDate,
}

impl DueDate {
    /// A due date with nothing to roll over (for callers holding one already).
    pub fn on(date: CivilDate) -> Self {
        Self {
            nominal: date,
            effective: date,
        }
    }
}

/// A rule the rows do not provide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    NoRate {
        key: String,
        on: CivilDate,
    },
    /// The rate changed inside the period; a return cannot use one rate for it.
    RateChangesInPeriod {
        label: String,
        changes_on: CivilDate,
    },
    NoDueDateRule {
        tax_type: TaxType,
        period_end: CivilDate,
    },
    NoPenaltyRule {
        tax_type: TaxType,
        on: CivilDate,
    },
    NoInterestRule {
        tax_type: TaxType,
        on: CivilDate,
    },
    NoPaymentDateRule {
        on: CivilDate,
    },
    /// A date beyond the last year the calendar covers (2199).
    BeyondCalendar,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleError::NoRate { key, on } => write!(f, "No rate {key} is in effect on {on}"),
            RuleError::RateChangesInPeriod { label, changes_on } => write!(
                f,
                "The {} rate changed on {changes_on}, during this period",
                label.to_lowercase()
            ),
            RuleError::NoDueDateRule {
                tax_type,
                period_end,
            } => write!(
                f,
                "No due-date rule for {} covers a period ending {period_end}",
                tax_type.label()
            ),
            RuleError::NoPenaltyRule { tax_type, on } => {
                write!(
                    f,
                    "No penalty rule for {} is in effect on {on}",
                    tax_type.label()
                )
            }
            RuleError::NoInterestRule { tax_type, on } => {
                write!(
                    f,
                    "No interest rule for {} is in effect on {on}",
                    tax_type.label()
                )
            }
            RuleError::NoPaymentDateRule { on } => {
                write!(f, "No payment-date rule is in effect on {on}")
            }
            RuleError::BeyondCalendar => f.write_str("The date is beyond the portal's calendar"),
        }
    }
}

impl std::error::Error for RuleError {}

impl Rules {
    /// Connecticut's rows as shipped.
    pub fn connecticut() -> Self {
        let mut holidays = holidays::connecticut_legal();
        holidays.extend(holidays::federal_reserve());
        Self {
            rates: connecticut::rates(),
            due_dates: connecticut::due_dates(),
            late_payment: connecticut::late_payment_penalties(),
            late_filing: connecticut::late_filing_penalties(),
            interest: connecticut::interest(),
            holidays,
            payment_dates: connecticut::payment_dates(),
        }
    }

    /// The rate row for `key` in effect on `on`.
    pub fn rate(&self, key: &str, on: CivilDate) -> Option<&RateRow> {
        in_effect_on(self.rates.iter().filter(|r| r.key == key), on)
    }

    /// The one rate row for `key` in effect for the whole period.
    pub fn rate_for_period(&self, key: &str, period: FilingPeriod) -> Result<&RateRow, RuleError> {
        let start = period.start();
        let row = self.rate(key, start).ok_or_else(|| RuleError::NoRate {
            key: key.to_owned(),
            on: start,
        })?;
        let inside = |date: &CivilDate| *date > start && *date <= period.end();
        let ends_inside = row.in_effect.effective_to.filter(|to| *to < period.end());
        let changes_on = self
            .rates
            .iter()
            .filter(|r| r.key == key)
            .filter_map(|r| r.in_effect.effective_from.filter(inside))
            .chain(ends_inside.and_then(|to| to.add_days(1)))
            .min();
        match changes_on {
            Some(changes_on) => Err(RuleError::RateChangesInPeriod {
                label: row.label.clone(),
                changes_on,
            }),
            None => Ok(row),
        }
    }

    /// Connecticut business days: due dates roll over weekends and these holidays.
    pub fn business_days(&self) -> Calendar<'_> {
        Calendar::new(CalendarKind::ConnecticutLegal, &self.holidays)
    }

    /// Federal Reserve banking days: payments settle only on these.
    pub fn banking_days(&self) -> Calendar<'_> {
        Calendar::new(CalendarKind::FederalReserve, &self.holidays)
    }

    /// The period's due date by the most specific rule in effect on its last day.
    pub fn due_date(&self, tax_type: TaxType, period: FilingPeriod) -> Result<DueDate, RuleError> {
        let end = period.end();
        let rows = self.due_dates.iter().filter(|r| {
            applies_to(r.tax_type, tax_type) && r.frequency.is_none_or(|f| f == period.frequency())
        });
        let row = in_effect_on(rows, end).ok_or(RuleError::NoDueDateRule {
            tax_type,
            period_end: end,
        })?;
        let nominal = match row.rule {
            DueRule::LastDayOfMonthAfter { months } => end.end_of_month_after(u32::from(months)),
            DueRule::DayOfMonthAfter { months, day } => {
                end.day_of_month_after(i32::from(months), day)
            }
        }
        .ok_or(RuleError::BeyondCalendar)?;
        let effective = self
            .business_days()
            .on_or_after(nominal)
            .ok_or(RuleError::BeyondCalendar)?;
        Ok(DueDate { nominal, effective })
    }

    pub fn late_payment(
        &self,
        tax_type: TaxType,
        on: CivilDate,
    ) -> Result<&LatePaymentRow, RuleError> {
        pick(&self.late_payment, tax_type, on).ok_or(RuleError::NoPenaltyRule { tax_type, on })
    }

    pub fn late_filing(
        &self,
        tax_type: TaxType,
        on: CivilDate,
    ) -> Result<&LateFilingRow, RuleError> {
        pick(&self.late_filing, tax_type, on).ok_or(RuleError::NoPenaltyRule { tax_type, on })
    }

    pub fn interest(&self, tax_type: TaxType, on: CivilDate) -> Result<&InterestRow, RuleError> {
        pick(&self.interest, tax_type, on).ok_or(RuleError::NoInterestRule { tax_type, on })
    }

    pub fn payment_date_rule(&self, on: CivilDate) -> Result<&PaymentDateRow, RuleError> {
        in_effect_on(&self.payment_dates, on).ok_or(RuleError::NoPaymentDateRule { on })
    }

    /// The earliest payment date a person can choose at `now`.
    pub fn earliest_payment_date(&self, now: HartfordTime) -> Result<CivilDate, RuleError> {
        let rule = self.payment_date_rule(now.date)?;
        banking::earliest_payment_date(self.banking_days(), now, rule.cutoff)
            .ok_or(RuleError::BeyondCalendar)
    }

    /// The latest payment date a person can choose on `today`.
    pub fn latest_payment_date(&self, today: CivilDate) -> Result<CivilDate, RuleError> {
        let rule = self.payment_date_rule(today)?;
        banking::latest_payment_date(today, rule.months_ahead).ok_or(RuleError::BeyondCalendar)
    }

    /// Checks a requested payment date at `now`; the outer error is a missing rule.
    pub fn check_payment_date(
        &self,
        requested: CivilDate,
        now: HartfordTime,
    ) -> Result<Result<(), PaymentDateError>, RuleError> {
        let rule = self.payment_date_rule(now.date)?;
        Ok(banking::check_payment_date(
            self.banking_days(),
            requested,
            now,
            rule.cutoff,
            rule.months_ahead,
        ))
    }
}

/// The row for `tax_type` (or for all types) in effect on `on`.
fn pick<R: Row>(rows: &[R], tax_type: TaxType, on: CivilDate) -> Option<&R> {
    in_effect_on(
        rows.iter().filter(|r| applies_to(r.tax_type(), tax_type)),
        on,
    )
}

#[cfg(test)]
mod tests;
