//! Filing a return for a period: what the portal knows that the person does
//! not type ([`FilingContext`]), and [`work_out`], which both sides run — the
//! browser as the person types, the server on submit (its result is filed).
//!
//! Penalty and interest depend on the tax the return reports, and the form
//! shows them on a line of their own, so the return is worked out twice: once
//! for its tax, then, with the penalty and interest `assess` finds for that
//! tax as of the filing date (less what the ledger already holds), for the
//! lines that use them.

use super::{
    compute::{compute, ComputedReturn, ReturnContext},
    definition::{FormCode, LineKind, Supplied},
    draft::{ReturnDraft, ReturnEntries},
};
use crate::{
    assessment::{assess, AssessInput, DatedAmount},
    date::CivilDate,
    error::FieldErrors,
    money::Money,
    period::FilingPeriod,
    rules::{DueDate, Rules},
    tax::TaxType,
};
use serde::{Deserialize, Serialize};

/// An original return, or an amended one that replaces the figures filed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnKind {
    #[default]
    Original,
    Amended,
}

impl ReturnKind {
    pub fn code(self) -> &'static str {
        match self {
            ReturnKind::Original => "original",
            ReturnKind::Amended => "amended",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "original" => Some(ReturnKind::Original),
            "amended" => Some(ReturnKind::Amended),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReturnKind::Original => "Original",
            ReturnKind::Amended => "Amended",
        }
    }
}

/// Everything besides the typed boxes that working a return out needs. The
/// server builds it from the ledger; the browser receives it with the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingContext {
    pub tax_type: TaxType,
    pub form: FormCode,
    pub period: FilingPeriod,
    pub due: DueDate,
    pub kind: ReturnKind,
    /// The filing date: Hartford's today.
    pub today: CivilDate,
    /// When the period's first return was filed (an amendment keeps it; an
    /// original is filed today).
    #[serde(default)]
    pub first_filed_on: Option<CivilDate>,
    /// Payments and credits on the period, with their dates.
    #[serde(default)]
    pub payments: Vec<DatedAmount>,
    /// Penalty and interest the ledger already holds for the period.
    #[serde(default)]
    pub penalty_assessed: Money,
    #[serde(default)]
    pub interest_assessed: Money,
    /// An amended return: the tax the return it replaces reported.
    #[serde(default)]
    pub prior_tax: Money,
    /// The rule rows the return reads: its rates, the tax type's penalty and
    /// interest rows.
    pub rules: Rules,
}

impl FilingContext {
    fn return_context(&self, penalty: Money, interest: Money) -> ReturnContext {
        ReturnContext {
            period: self.period,
            penalty,
            interest,
            tax_paid_on_prior_return: self.prior_tax,
        }
    }

    /// Penalty and interest to add to this return for `tax`: the assessment
    /// as of the filing date, less what is already assessed (never below zero
    /// on the form; a reduction is credited when the return is processed).
    pub fn penalty_and_interest(&self, tax: Money) -> Result<(Money, Money), String> {
        let assessment = assess(
            &AssessInput {
                tax_type: self.tax_type,
                tax_due: tax,
                due: self.due,
                filed_on: Some(self.first_filed_on.unwrap_or(self.today)),
                payments: self.payments.clone(),
                as_of: self.today,
            },
            &self.rules,
        )
        .map_err(|e| e.to_string())?;
        Ok((
            (assessment.penalty - self.penalty_assessed).max(Money::ZERO),
            (assessment.interest - self.interest_assessed).max(Money::ZERO),
        ))
    }
}

/// What to pay with the return: its total-due line, less — for an amended
/// return on a form with no line for the earlier return's tax (all but
/// OS-114) — the tax the replaced return reported, which that total counts again.
pub fn amount_due(computed: &ComputedReturn, context: &FilingContext) -> Money {
    let nets_prior = computed.definition().lines.iter().any(|line| {
        matches!(
            line.kind,
            LineKind::Supplied(Supplied::TaxPaidOnPriorReturn)
        )
    });
    match context.kind {
        ReturnKind::Amended if !nets_prior => computed.total_due() - context.prior_tax,
        _ => computed.total_due(),
    }
}

/// Works the entries out in full: the tax, then penalty and interest for it.
fn work_out_entries(
    entries: &ReturnEntries,
    context: &FilingContext,
) -> Result<ComputedReturn, FieldErrors> {
    let first = compute(
        entries,
        &context.rules,
        &context.return_context(Money::ZERO, Money::ZERO),
    )?;
    let (penalty, interest) = context
        .penalty_and_interest(first.tax())
        .map_err(|message| {
            let mut errors = FieldErrors::new();
            errors.add(first.definition().total_due_line, message);
            errors
        })?;
    if penalty.is_zero() && interest.is_zero() {
        return Ok(first);
    }
    compute(
        entries,
        &context.rules,
        &context.return_context(penalty, interest),
    )
}

/// Parses, works out and checks a draft: the return as it would be filed,
/// or every problem keyed to its box.
pub fn work_out(
    draft: &ReturnDraft,
    context: &FilingContext,
) -> Result<ComputedReturn, FieldErrors> {
    if draft.form != context.form {
        let mut errors = FieldErrors::new();
        errors.add(
            "form",
            format!(
                "This period is filed on form {}",
                context.form.definition().number
            ),
        );
        return Err(errors);
    }
    let entries = draft.parse()?;
    let computed = work_out_entries(&entries, context)?;
    let problems = computed.check();
    if problems.is_empty() {
        Ok(computed)
    } else {
        Err(problems)
    }
}

/// What the form shows while the person is still typing: the lines worked
/// out from the boxes that parse (a box with a problem counts as blank), and
/// the problems of the others.
pub fn work_out_partial(
    draft: &ReturnDraft,
    context: &FilingContext,
) -> (Option<ComputedReturn>, FieldErrors) {
    let (entries, mut errors) = draft.parse_partial();
    match work_out_entries(&entries, context) {
        Ok(computed) => (Some(computed), errors),
        Err(problems) => {
            errors.0.extend(problems.0);
            (None, errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tax::FilingFrequency;

    fn date(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    /// December 2025, monthly: due Saturday 01/31/2026, on time through Monday 02/02/2026.
    fn context(today: CivilDate) -> FilingContext {
        FilingContext {
            tax_type: TaxType::SalesAndUse,
            form: FormCode::Os114,
            period: FilingPeriod::new(FilingFrequency::Monthly, date(2025, 12, 31)).unwrap(),
            due: DueDate {
                nominal: date(2026, 1, 31),
                effective: date(2026, 2, 2),
            },
            kind: ReturnKind::Original,
            today,
            first_filed_on: None,
            payments: Vec::new(),
            penalty_assessed: Money::ZERO,
            interest_assessed: Money::ZERO,
            prior_tax: Money::ZERO,
            rules: Rules::connecticut(),
        }
    }

    /// Receipts whose general-rate tax is exactly `tax` (6.35 % of `receipts`).
    fn taxed(receipts: &str) -> ReturnDraft {
        ReturnDraft::new(FormCode::Os114).with("line_1-general", receipts)
    }

    #[test]
    fn filed_and_worked_out_on_the_rolled_due_date_there_is_no_penalty() {
        let computed = work_out(&taxed("10000"), &context(date(2026, 2, 2))).unwrap();
        assert_eq!(computed.amount("line_10b").to_string(), "$635.00");
        assert_eq!(computed.amount("line_13"), Money::ZERO);
        assert_eq!(computed.total_due().to_string(), "$635.00");
    }

    #[test]
    fn a_day_late_the_form_adds_fifteen_percent_or_fifty_dollars_and_a_month_of_interest() {
        let late = context(date(2026, 2, 3));
        // $5,249.40 × 6.35 % = $333.34 of tax: 15 % is $50.001 → $50.00; interest $3.33.
        let computed = work_out(&taxed("5249.40"), &late).unwrap();
        assert_eq!(computed.tax().to_string(), "$333.34");
        assert_eq!(computed.amount("line_13").to_string(), "$53.33");
        // $1,000 of receipts: $63.50 tax, the $50 minimum and $0.64 of interest.
        let small = work_out(&taxed("1000"), &late).unwrap();
        assert_eq!(small.amount("line_13").to_string(), "$50.64");
        assert_eq!(small.total_due().to_string(), "$114.14");
    }

    #[test]
    fn an_amendment_adds_only_what_the_ledger_does_not_hold_yet() {
        let mut amended = context(date(2026, 3, 10));
        amended.kind = ReturnKind::Amended;
        amended.first_filed_on = Some(date(2026, 2, 20));
        amended.prior_tax = Money::from_cents(63_500);
        amended.payments = vec![DatedAmount {
            on: date(2026, 2, 20),
            amount: Money::from_cents(63_500),
        }];
        // Late on $635.00: 15 % = $95.25 and one month of interest, $6.35.
        amended.penalty_assessed = Money::from_cents(9_525);
        amended.interest_assessed = Money::from_cents(635);
        let computed = work_out(&taxed("20000"), &amended).unwrap();
        assert_eq!(computed.amount("line_10b").to_string(), "$1,270.00");
        assert_eq!(computed.amount("line_11").to_string(), "$635.00");
        assert_eq!(computed.amount("line_12").to_string(), "$635.00");
        // Nothing was paid by the due date: 15 % of $1,270.00 is $190.50, of
        // which $95.25 is assessed. Interest: $635.00 for 1 month (paid 02/20)
        // and $635.00 for 2 (to 03/10), $19.05, of which $6.35 is assessed.
        assert_eq!(computed.amount("line_13").to_string(), "$107.95");
        assert_eq!(computed.total_due().to_string(), "$742.95");
    }

    #[test]
    fn an_amended_return_is_due_only_for_what_it_adds() {
        let mut amended = context(date(2026, 1, 15));
        amended.kind = ReturnKind::Amended;
        amended.prior_tax = Money::from_cents(63_500);
        // OS-114 nets the earlier return's tax on Line 11 already.
        let os_114 = work_out(&taxed("20000"), &amended).unwrap();
        assert_eq!(amount_due(&os_114, &amended).to_string(), "$635.00");
        // O-372 has no such line: its total counts the earlier tax again.
        amended.form = FormCode::O372;
        amended.tax_type = TaxType::AdmissionsAndDues;
        let o_372 = ReturnDraft::new(FormCode::O372).with("line_1", "10000");
        let computed = work_out(&o_372, &amended).unwrap();
        assert_eq!(computed.total_due().to_string(), "$1,000.00");
        assert_eq!(amount_due(&computed, &amended).to_string(), "$365.00");
    }

    #[test]
    fn while_typing_the_lines_show_from_the_boxes_that_parse() {
        let draft = taxed("1000").with("line_2-general", "12.345");
        let (computed, errors) = work_out_partial(&draft, &context(date(2026, 1, 15)));
        assert_eq!(computed.unwrap().tax().to_string(), "$63.50");
        assert!(errors
            .get("line_2-general")
            .unwrap()
            .contains("2 decimal places"));
        assert!(work_out(&draft, &context(date(2026, 1, 15))).is_err());
    }

    #[test]
    fn a_draft_for_another_form_is_refused() {
        let draft = ReturnDraft::new(FormCode::Ct941).with("line_1", "10");
        let errors = work_out(&draft, &context(date(2026, 1, 15))).unwrap_err();
        assert!(errors.get("form").unwrap().contains("OS-114"));
    }
}
