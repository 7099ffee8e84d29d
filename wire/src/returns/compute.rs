//! Working a return out: every line in form order from the entries, the
//! rate rows for the period and the amounts the portal supplies.
//!
//! Rounding: the paper forms round every line to whole dollars; the portal
//! keeps cents, as the ledger does. Each amount a rate produces (a column's
//! tax, a fee total, a retention) is rounded to the cent, halves away from
//! zero; sums and differences of cents need no rounding.

use super::{
    definition::{CheckRule, Column, Expr, FormCode, FormDefinition, Input, LineKind, Supplied},
    draft::{ReturnDraft, ReturnEntries},
};
use crate::{
    error::FieldErrors,
    money::Money,
    period::FilingPeriod,
    rules::{RateValue, Rules},
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the portal knows about the filing that the person does not type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnContext {
    pub period: FilingPeriod,
    #[serde(default)]
    pub penalty: Money,
    #[serde(default)]
    pub interest: Money,
    /// For an amended return: the tax the return it replaces reported.
    #[serde(default)]
    pub tax_paid_on_prior_return: Money,
}

impl ReturnContext {
    /// An original return with nothing late yet.
    pub fn new(period: FilingPeriod) -> Self {
        Self {
            period,
            penalty: Money::ZERO,
            interest: Money::ZERO,
            tax_paid_on_prior_return: Money::ZERO,
        }
    }
}

/// A rate the return used, to show beside its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedRate {
    pub key: String,
    pub label: String,
    pub value: RateValue,
}

/// Every box of the return worked out, by field key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComputedReturn {
    pub form: FormCode,
    pub period: FilingPeriod,
    pub amounts: BTreeMap<String, Money>,
    pub counts: BTreeMap<String, u64>,
    pub rates: Vec<AppliedRate>,
}

impl ComputedReturn {
    pub fn definition(&self) -> &'static FormDefinition {
        self.form.definition()
    }

    /// The amount in a box (zero for a count or an unknown key).
    pub fn amount(&self, key: &str) -> Money {
        self.amounts.get(key).copied().unwrap_or(Money::ZERO)
    }

    /// The tax the return assesses, for the ledger.
    pub fn tax(&self) -> Money {
        self.amount(self.definition().tax_line)
    }

    pub fn total_due(&self) -> Money {
        self.amount(self.definition().total_due_line)
    }

    /// The form's checks across lines, keyed to the box each names.
    pub fn check(&self) -> FieldErrors {
        let definition = self.definition();
        let mut values: BTreeMap<String, Decimal> = self
            .amounts
            .iter()
            .map(|(k, v)| (k.clone(), v.decimal()))
            .collect();
        values.extend(
            self.counts
                .iter()
                .map(|(k, v)| (k.clone(), Decimal::from(*v))),
        );
        let mut errors = FieldErrors::new();
        for check in definition.checks {
            let mut evaluator = Evaluator::new(definition, None, self.period);
            evaluator.values = values.clone();
            let (value, bound) = match &check.rule {
                CheckRule::AtMost { value, limit } => (value, limit),
                CheckRule::Equal { value, expected } => (value, expected),
            };
            let (value, bound) = (evaluator.eval(value, None), evaluator.eval(bound, None));
            let fails = match (&check.rule, value, bound) {
                (CheckRule::AtMost { .. }, Ok(v), Ok(b)) => v > b,
                (CheckRule::Equal { .. }, Ok(v), Ok(b)) => v != b,
                _ => true,
            };
            if fails {
                errors.add(check.field, check.message);
            }
        }
        errors
    }
}

/// Works the return out; an error means a rate the entries need is not in
/// the rows for the period (keyed to the box that needs it).
pub fn compute(
    entries: &ReturnEntries,
    rules: &Rules,
    context: &ReturnContext,
) -> Result<ComputedReturn, FieldErrors> {
    let definition = entries.form().definition();
    let mut evaluator = Evaluator::new(definition, Some(rules), context.period);
    // Typed and supplied boxes first: a computed line may use a later typed
    // one (CT-941 line 9 uses the refund on line 10).
    for cell in definition.cells() {
        let key = cell.key();
        let value = match &cell.line.kind {
            LineKind::Entered(Input::Amount) => entries.amount(&key).decimal(),
            LineKind::Entered(Input::Count) => {
                evaluator.counts.insert(key.clone(), entries.count(&key));
                Decimal::from(entries.count(&key))
            }
            LineKind::Supplied(what) => supplied(*what, context).decimal(),
            LineKind::Computed(_) => continue,
        };
        evaluator.values.insert(key, value);
    }
    for cell in definition.cells() {
        let LineKind::Computed(expr) = &cell.line.kind else {
            continue;
        };
        let key = cell.key();
        let value = match evaluator.eval(expr, cell.column) {
            Ok(value) => value,
            Err(problem) => {
                let field = blame(entries, problem.field.as_deref().unwrap_or(&key));
                evaluator.errors.add(&field, problem.message);
                Decimal::ZERO
            }
        };
        evaluator.values.insert(key, value);
    }
    if !evaluator.errors.is_empty() {
        return Err(evaluator.errors);
    }
    let counts = evaluator.counts;
    let amounts = evaluator
        .values
        .into_iter()
        .filter(|(key, _)| !counts.contains_key(key))
        .map(|(key, value)| (key, Money::rounded(value)))
        .collect();
    Ok(ComputedReturn {
        form: definition.code,
        period: context.period,
        amounts,
        counts,
        rates: evaluator.rates,
    })
}

/// Parses, works out and checks a draft: what the server runs on submit and
/// the browser runs as the person types.
pub fn evaluate(
    draft: &ReturnDraft,
    rules: &Rules,
    context: &ReturnContext,
) -> Result<ComputedReturn, FieldErrors> {
    let entries = draft.parse()?;
    let computed = compute(&entries, rules, context)?;
    let problems = computed.check();
    if problems.is_empty() {
        Ok(computed)
    } else {
        Err(problems)
    }
}

/// The box to point at for a problem found on `key`: itself when typed,
/// else the first typed box with a value in the same column (or any column),
/// since a computed box cannot take focus.
fn blame(entries: &ReturnEntries, key: &str) -> String {
    let definition = entries.form().definition();
    let entered: Vec<String> = definition
        .entered_cells()
        .map(|(cell, _)| cell.key())
        .collect();
    if entered.iter().any(|k| k == key) {
        return key.to_owned();
    }
    let column = key.split_once('-').map(|(_, column)| column);
    let filled = |k: &&String| !entries.amount(k).is_zero() || entries.count(k) != 0;
    let same_column =
        |k: &&String| column.is_none_or(|c| k.split_once('-').is_some_and(|(_, kc)| kc == c));
    entered
        .iter()
        .filter(same_column)
        .find(filled)
        .or_else(|| entered.iter().find(filled))
        .or(entered.first())
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

fn supplied(what: Supplied, context: &ReturnContext) -> Money {
    match what {
        Supplied::Penalty => context.penalty,
        Supplied::Interest => context.interest,
        Supplied::PenaltyAndInterest => context.penalty + context.interest,
        Supplied::TaxPaidOnPriorReturn => context.tax_paid_on_prior_return,
    }
}

/// Why a formula could not be worked out, and which box to blame.
struct Problem {
    field: Option<String>,
    message: String,
}

impl Problem {
    fn definition(message: String) -> Self {
        Self {
            field: None,
            message: format!("This form is defined wrongly: {message}"),
        }
    }
}

struct Evaluator<'a> {
    definition: &'static FormDefinition,
    rules: Option<&'a Rules>,
    period: FilingPeriod,
    values: BTreeMap<String, Decimal>,
    counts: BTreeMap<String, u64>,
    rates: Vec<AppliedRate>,
    errors: FieldErrors,
}

impl<'a> Evaluator<'a> {
    fn new(
        definition: &'static FormDefinition,
        rules: Option<&'a Rules>,
        period: FilingPeriod,
    ) -> Self {
        Self {
            definition,
            rules,
            period,
            values: BTreeMap::new(),
            counts: BTreeMap::new(),
            rates: Vec::new(),
            errors: FieldErrors::new(),
        }
    }

    /// A line's value: within a per-column line, the same column's cell.
    fn line_value(&self, key: &str, column: Option<&Column>) -> Result<(String, Decimal), Problem> {
        let line = self
            .definition
            .line(key)
            .ok_or_else(|| Problem::definition(format!("no line {key}")))?;
        let cell_key = match (line.per_column, column) {
            (true, Some(column)) => format!("{key}-{}", column.code),
            (true, None) => {
                return Err(Problem::definition(format!(
                    "{key} has columns; add them with ColumnTotal"
                )))
            }
            (false, _) => key.to_owned(),
        };
        let value = self.values.get(&cell_key).copied().ok_or_else(|| {
            Problem::definition(format!("{cell_key} is used before it is worked out"))
        })?;
        Ok((cell_key, value))
    }

    /// The rate row for `key` over the period, remembered for display.
    fn rate(&mut self, key: &str) -> Result<RateValue, String> {
        if let Some(applied) = self.rates.iter().find(|r| r.key == key) {
            return Ok(applied.value);
        }
        let rules = self.rules.ok_or("Rates are not available here")?;
        let row = rules
            .rate_for_period(key, self.period)
            .map_err(|e| e.to_string())?;
        self.rates.push(AppliedRate {
            key: row.key.clone(),
            label: row.label.clone(),
            value: row.value,
        });
        Ok(row.value)
    }

    /// `line` times the rate `key`, rounded to the cent; a blank base needs no rate.
    fn times_rate(
        &mut self,
        line: &str,
        key: &str,
        column: Option<&Column>,
    ) -> Result<Decimal, Problem> {
        let (cell_key, base) = self.line_value(line, column)?;
        let is_count = self.counts.contains_key(&cell_key);
        let rate = match self.rate(key) {
            Ok(rate) => rate,
            Err(_) if base.is_zero() => return Ok(Decimal::ZERO),
            Err(message) => {
                return Err(Problem {
                    field: Some(cell_key),
                    message,
                })
            }
        };
        match (rate, is_count) {
            (RateValue::Percent(percent), false) => {
                Ok(Money::rounded(base * percent / Decimal::ONE_HUNDRED).decimal())
            }
            (RateValue::PerUnit(fee), true) => Ok(Money::rounded(base * fee.decimal()).decimal()),
            _ => Err(Problem::definition(format!(
                "{key} does not fit {line} (a percentage needs an amount, a fee a count)"
            ))),
        }
    }

    fn eval(&mut self, expr: &Expr, column: Option<&Column>) -> Result<Decimal, Problem> {
        Ok(match expr {
            Expr::Line(key) => self.line_value(key, column)?.1,
            Expr::Sum(terms) => {
                let mut total = Decimal::ZERO;
                for term in terms.iter() {
                    total += self.eval(term, column)?;
                }
                total
            }
            Expr::Minus(a, b) => self.eval(a, column)? - self.eval(b, column)?,
            Expr::AtLeastZero(a) => self.eval(a, column)?.max(Decimal::ZERO),
            Expr::Negate(a) => -self.eval(a, column)?,
            Expr::TimesColumnRate(line) => {
                let column = column.ok_or_else(|| {
                    Problem::definition(format!("{line}: a column rate outside a column"))
                })?;
                self.times_rate(line, column.rate, Some(column))?
            }
            Expr::TimesRate(line, key) => self.times_rate(line, key, column)?,
            Expr::Fee(key) => match self.rate(key) {
                Ok(RateValue::PerUnit(fee)) => fee.decimal(),
                Ok(RateValue::Percent(_)) => {
                    return Err(Problem::definition(format!("{key} is not a fee")))
                }
                // The total line that multiplies by it reports the missing row.
                Err(_) => Decimal::ZERO,
            },
            Expr::ColumnTotal(line) => {
                let mut total = Decimal::ZERO;
                for column in self.definition.columns {
                    total += self.line_value(line, Some(column))?.1;
                }
                total
            }
        })
    }
}
