//! Penalty and interest on a period's tax, from the rule rows, in exact
//! decimals rounded to the cent where each rule produces an amount.
//!
//! - Payments count on their date and go to the tax first, so interest runs
//!   only on tax still unpaid.
//! - Late payment: the rule's percent of the tax unpaid on the (effective)
//!   due date, or its minimum, whichever is greater.
//! - Late filing: a flat amount when the return is filed after the
//!   effective due date (or is still missing) and no late-payment penalty
//!   applies — that is, no tax was unpaid at the due date.
//! - Interest: the rule's percent per month or fraction of a month, counted
//!   from the nominal due date, on each part of the tax for as long as it
//!   stayed unpaid; each part's interest is rounded to the cent.
//! - Nothing is late until the effective due date has passed (CGS 12-39a).
//!
//! The processing step calls [`assess`] for a period and posts the
//! difference from what the ledger already holds, so running it twice
//! changes nothing.

mod months;

pub use months::months_or_fractions;

use crate::{
    date::CivilDate,
    money::Money,
    rules::{DueDate, RuleError, Rules},
    tax::TaxType,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `percent` % of `amount`, rounded to the cent.
pub fn percent_of(amount: Money, percent: Decimal) -> Money {
    Money::rounded(amount.decimal() * percent / Decimal::ONE_HUNDRED)
}

/// An amount paid (or credited) on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedAmount {
    pub on: CivilDate,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessInput {
    pub tax_type: TaxType,
    /// The tax the return reports (after credits), before penalty and interest.
    pub tax_due: Money,
    pub due: DueDate,
    /// `None` while the return has not been filed.
    pub filed_on: Option<CivilDate>,
    /// Payments and credits on the period; ones dated after `as_of` are ignored.
    #[serde(default)]
    pub payments: Vec<DatedAmount>,
    pub as_of: CivilDate,
}

/// Which penalty applies and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyBasis {
    None,
    /// The percentage of the unpaid tax, being at least the minimum.
    LatePaymentPercent,
    /// The minimum, being more than the percentage.
    LatePaymentMinimum,
    LateFilingNoTaxDue,
}

/// Interest on one part of the tax: `amount` unpaid until `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestPart {
    pub amount: Money,
    pub until: CivilDate,
    pub months: u32,
    pub interest: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub tax: Money,
    pub penalty: Money,
    pub penalty_basis: PenaltyBasis,
    pub interest: Money,
    pub interest_parts: Vec<InterestPart>,
    /// Payments and credits counted (those dated on or before `as_of`).
    pub paid: Money,
    /// Tax + penalty + interest − paid; below zero is a credit.
    pub balance: Money,
}

/// Penalty and interest on the period as of `input.as_of`.
pub fn assess(input: &AssessInput, rules: &Rules) -> Result<Assessment, RuleError> {
    let mut payments: Vec<DatedAmount> = input
        .payments
        .iter()
        .copied()
        .filter(|p| p.on <= input.as_of)
        .collect();
    payments.sort_by_key(|p| p.on);
    let paid: Money = payments.iter().map(|p| p.amount).sum();
    let tax = input.tax_due;
    let late = input.as_of > input.due.effective;

    let paid_on_time: Money = payments
        .iter()
        .filter(|p| p.on <= input.due.effective)
        .map(|p| p.amount)
        .sum();
    let unpaid_at_due = (tax - paid_on_time).max(Money::ZERO);

    let (penalty, penalty_basis) = if !late {
        (Money::ZERO, PenaltyBasis::None)
    } else if unpaid_at_due > Money::ZERO {
        let rule = rules.late_payment(input.tax_type, input.due.nominal)?;
        let exact = unpaid_at_due.decimal() * rule.percent / Decimal::ONE_HUNDRED;
        if exact < rule.minimum.decimal() {
            (rule.minimum, PenaltyBasis::LatePaymentMinimum)
        } else {
            (Money::rounded(exact), PenaltyBasis::LatePaymentPercent)
        }
    } else if input
        .filed_on
        .is_none_or(|filed| filed > input.due.effective)
    {
        let rule = rules.late_filing(input.tax_type, input.due.nominal)?;
        (rule.amount, PenaltyBasis::LateFilingNoTaxDue)
    } else {
        (Money::ZERO, PenaltyBasis::None)
    };

    let interest_parts = if unpaid_at_due > Money::ZERO && late {
        let rule = rules.interest(input.tax_type, input.due.nominal)?;
        interest_parts(input, &payments, unpaid_at_due, rule.percent_per_month)
    } else {
        Vec::new()
    };
    let interest: Money = interest_parts.iter().map(|p| p.interest).sum();

    Ok(Assessment {
        tax,
        penalty,
        penalty_basis,
        interest,
        interest_parts,
        paid,
        balance: tax + penalty + interest - paid,
    })
}

/// The tax unpaid at the due date, split by when each part was paid (the
/// rest is unpaid at `as_of`), with its interest.
fn interest_parts(
    input: &AssessInput,
    payments: &[DatedAmount],
    unpaid_at_due: Money,
    percent_per_month: Decimal,
) -> Vec<InterestPart> {
    let mut owing = unpaid_at_due;
    let mut parts = Vec::new();
    let mut part = |amount: Money, until: CivilDate| {
        let months = months_or_fractions(input.due.nominal, until);
        let interest = Money::rounded(
            amount.decimal() * percent_per_month * Decimal::from(months) / Decimal::ONE_HUNDRED,
        );
        parts.push(InterestPart {
            amount,
            until,
            months,
            interest,
        });
    };
    for payment in payments.iter().filter(|p| p.on > input.due.effective) {
        if owing <= Money::ZERO {
            break;
        }
        let applied = payment.amount.min(owing);
        if applied > Money::ZERO {
            part(applied, payment.on);
            owing = owing - applied;
        }
    }
    if owing > Money::ZERO {
        part(owing, input.as_of);
    }
    parts
}

/// "Balance if paid by `pay_by`": the assessment on that date, as if the
/// balance were paid then (payments scheduled before it count).
pub fn balance_if_paid_by(
    input: &AssessInput,
    pay_by: CivilDate,
    rules: &Rules,
) -> Result<Assessment, RuleError> {
    assess(
        &AssessInput {
            as_of: pay_by,
            ..input.clone()
        },
        rules,
    )
}

#[cfg(test)]
mod tests;
