//! The rule rows: plain structs the server stores one per table row and a
//! test can add to. Each carries its dates and source ([`InEffect`],
//! flattened: the columns sit beside the row's own).

use crate::{
    calendar::TimeOfDay,
    date::CivilDate,
    effective::InEffect,
    money::Money,
    tax::{FilingFrequency, TaxType},
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A tax rate (a percentage of a base) or a fee per unit (per item sold, per
/// day rented).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateValue {
    /// Percent, e.g. `6.35` for 6.35 %.
    Percent(Decimal),
    /// An amount per unit counted on the return.
    PerUnit(Money),
}

impl RateValue {
    /// `6.35 %` or `$0.58 each`, for labels.
    pub fn to_us(self) -> String {
        match self {
            RateValue::Percent(percent) => format!("{} %", percent.normalize()),
            RateValue::PerUnit(fee) => format!("{fee} each"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRow {
    /// The key a form's rate column or line names, e.g. `sales_and_use.general`.
    pub key: String,
    pub label: String,
    pub value: RateValue,
    #[serde(flatten)]
    pub in_effect: InEffect,
}

/// When a return is due, counted from the period's last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DueRule {
    /// The last day of the month `months` after the period ends.
    LastDayOfMonthAfter { months: u8 },
    /// Day `day` of the month `months` after the period ends (clamped to the
    /// month's length): January 31 for an annual return is `{1, 31}`.
    DayOfMonthAfter { months: u8, day: u8 },
}

/// A due-date rule for a tax type and frequency (`None` matches any); the
/// most specific row in effect on the period's last day wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueDateRow {
    #[serde(default)]
    pub tax_type: Option<TaxType>,
    #[serde(default)]
    pub frequency: Option<FilingFrequency>,
    pub rule: DueRule,
    #[serde(flatten)]
    pub in_effect: InEffect,
}

/// Late payment: `percent` of the tax not paid by the due date, or
/// `minimum`, whichever is greater. Chosen by the due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatePaymentRow {
    #[serde(default)]
    pub tax_type: Option<TaxType>,
    pub percent: Decimal,
    #[serde(default)]
    pub minimum: Money,
    #[serde(flatten)]
    pub in_effect: InEffect,
}

/// Late filing when no late-payment penalty applies (no tax was unpaid at
/// the due date): a flat amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateFilingRow {
    #[serde(default)]
    pub tax_type: Option<TaxType>,
    pub amount: Money,
    #[serde(flatten)]
    pub in_effect: InEffect,
}

/// Interest on unpaid tax: `percent_per_month` for each month or fraction of
/// a month from the due date. Chosen by the due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestRow {
    #[serde(default)]
    pub tax_type: Option<TaxType>,
    pub percent_per_month: Decimal,
    #[serde(flatten)]
    pub in_effect: InEffect,
}

/// The payment-date rules: the cutoff in Hartford for sending a payment to
/// the bank today, and how many months ahead a payment may be dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentDateRow {
    pub cutoff: TimeOfDay,
    pub months_ahead: u8,
    #[serde(flatten)]
    pub in_effect: InEffect,
}

/// What every row offers the one lookup ("the row in effect on D").
pub(crate) trait Row {
    fn in_effect(&self) -> &InEffect;
    /// The one tax type the row is for; `None` for every type.
    fn tax_type(&self) -> Option<TaxType> {
        None
    }
    /// Higher wins: a row naming the tax type beats one for every type.
    fn specificity(&self) -> u8 {
        u8::from(self.tax_type().is_some())
    }
}

/// Of the rows in effect on `date`, the most specific, then the one that
/// started last: a row added later with a later start replaces an open-ended one.
pub(crate) fn in_effect_on<'a, R: Row>(
    rows: impl IntoIterator<Item = &'a R>,
    date: CivilDate,
) -> Option<&'a R> {
    rows.into_iter()
        .filter(|row| row.in_effect().includes(date))
        .max_by_key(|row| (row.specificity(), row.in_effect().effective_from))
}

/// A row for one tax type matches only that type; a row for none matches all.
pub(crate) fn applies_to(row_type: Option<TaxType>, tax_type: TaxType) -> bool {
    row_type.is_none_or(|t| t == tax_type)
}

macro_rules! row {
    ($($row:ty),* ; by tax type: $($typed:ty),*) => {
        $(impl Row for $row {
            fn in_effect(&self) -> &InEffect {
                &self.in_effect
            }
        })*
        $(impl Row for $typed {
            fn in_effect(&self) -> &InEffect {
                &self.in_effect
            }
            fn tax_type(&self) -> Option<TaxType> {
                self.tax_type
            }
        })*
    };
}

row!(RateRow, PaymentDateRow; by tax type: LatePaymentRow, LateFilingRow, InterestRow);

impl Row for DueDateRow {
    fn in_effect(&self) -> &InEffect {
        &self.in_effect
    }
    fn tax_type(&self) -> Option<TaxType> {
        self.tax_type
    }
    /// The tax type counts more than the frequency.
    fn specificity(&self) -> u8 {
        2 * u8::from(self.tax_type.is_some()) + u8::from(self.frequency.is_some())
    }
}
