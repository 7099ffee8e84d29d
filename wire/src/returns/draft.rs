//! A return as typed (the draft saved as the person goes) and as parsed (the
//! entries the computation takes). Parsing keys every problem to its box.

use super::definition::{FormCode, Input};
use crate::{error::FieldErrors, money::Money};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest amount a return box takes: 13 digits with the cents.
pub const MAX_LINE_CENTS: i64 = 9_999_999_999_999;
/// The largest count a return box takes: 13 digits.
pub const MAX_COUNT: u64 = 9_999_999_999_999;

/// What the person typed, box by box (field key → text). Saved as is, so a
/// half-typed amount survives a closed tab; blank boxes count as zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnDraft {
    pub form: FormCode,
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

/// The parsed boxes: amounts as `Money`, counts as whole numbers. Built only
/// by parsing a draft; on the wire it travels as the draft it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ReturnDraft", into = "ReturnDraft")]
pub struct ReturnEntries {
    form: FormCode,
    amounts: BTreeMap<String, Money>,
    counts: BTreeMap<String, u64>,
}

impl ReturnDraft {
    pub fn new(form: FormCode) -> Self {
        Self {
            form,
            values: BTreeMap::new(),
        }
    }

    /// Sets one box, as the browser does on each keystroke.
    pub fn with(mut self, key: &str, text: &str) -> Self {
        self.values.insert(key.to_owned(), text.to_owned());
        self
    }

    /// The entries, or every problem keyed to its box in form order.
    pub fn parse(&self) -> Result<ReturnEntries, FieldErrors> {
        let (entries, errors) = self.parse_partial();
        if errors.is_empty() {
            Ok(entries)
        } else {
            Err(errors)
        }
    }

    /// The boxes that parse, plus the errors of those that do not: enough to
    /// show computed lines while the person is still typing.
    pub fn parse_partial(&self) -> (ReturnEntries, FieldErrors) {
        let definition = self.form.definition();
        let mut entries = ReturnEntries {
            form: self.form,
            amounts: BTreeMap::new(),
            counts: BTreeMap::new(),
        };
        let mut errors = FieldErrors::new();
        let mut known = Vec::new();
        for (cell, input) in definition.entered_cells() {
            let key = cell.key();
            let text = self.values.get(&key).map(String::as_str).unwrap_or("");
            match input {
                Input::Amount => {
                    if let Some(amount) = errors.take(&key, parse_amount(text, &cell.name())) {
                        entries.amounts.insert(key.clone(), amount);
                    }
                }
                Input::Count => {
                    if let Some(count) = errors.take(&key, parse_count(text, &cell.name())) {
                        entries.counts.insert(key.clone(), count);
                    }
                }
            }
            known.push(key);
        }
        for key in self.values.keys().filter(|k| !known.contains(k)) {
            let message = match definition.cells().find(|cell| cell.key() == *key) {
                Some(cell) => format!("{} is worked out for you and cannot be typed", cell.name()),
                None => format!("Form {} has no box {key}", definition.number),
            };
            errors.add(key, message);
        }
        (entries, errors)
    }
}

/// An amount on a return line: blank is zero; `$` and thousands commas are
/// fine; not negative, at most 2 decimal places, at most 13 digits.
pub fn parse_amount(text: &str, name: &str) -> Result<Money, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(Money::ZERO);
    }
    if trimmed.starts_with('-') || trimmed.starts_with("$-") || trimmed.starts_with('(') {
        return Err(format!("{name} cannot be negative"));
    }
    let plain: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | ' '))
        .collect();
    let dollars = plain.split('.').next().unwrap_or("");
    if plain.chars().all(|c| c.is_ascii_digit() || c == '.')
        && dollars.trim_start_matches('0').len() > 11
    {
        return Err(too_many_digits(name));
    }
    let money = Money::parse_input(trimmed).map_err(|message| {
        if message.contains("2 decimal places") {
            format!("{name} must have no more than 2 decimal places")
        } else if message.contains("less than") {
            too_many_digits(name)
        } else {
            format!("{name} must be an amount in dollars and cents, like 1250.00")
        }
    })?;
    if money.cents() > MAX_LINE_CENTS {
        return Err(too_many_digits(name));
    }
    Ok(money)
}

fn too_many_digits(name: &str) -> String {
    format!("{name} must be no more than 13 digits, 99,999,999,999.99 at most")
}

/// A count on a return line: blank is zero; thousands commas are fine.
pub fn parse_count(text: &str, name: &str) -> Result<u64, String> {
    let plain: String = text.trim().chars().filter(|c| *c != ',').collect();
    if plain.is_empty() {
        return Ok(0);
    }
    if plain.starts_with('-') {
        return Err(format!("{name} cannot be negative"));
    }
    if !plain.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{name} must be a whole number, like 120"));
    }
    if plain.trim_start_matches('0').len() > 13 {
        return Err(format!("{name} must be no more than 13 digits"));
    }
    plain
        .parse()
        .map_err(|_| format!("{name} must be a whole number, like 120"))
}

impl ReturnEntries {
    pub fn form(&self) -> FormCode {
        self.form
    }

    /// The amount in a box (zero when blank).
    pub fn amount(&self, key: &str) -> Money {
        self.amounts.get(key).copied().unwrap_or(Money::ZERO)
    }

    /// The count in a box (zero when blank).
    pub fn count(&self, key: &str) -> u64 {
        self.counts.get(key).copied().unwrap_or(0)
    }
}

impl TryFrom<ReturnDraft> for ReturnEntries {
    type Error = String;
    fn try_from(draft: ReturnDraft) -> Result<Self, String> {
        draft.parse().map_err(|errors| {
            errors
                .0
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

impl From<ReturnEntries> for ReturnDraft {
    fn from(entries: ReturnEntries) -> Self {
        let amounts = entries
            .amounts
            .into_iter()
            .filter(|(_, amount)| !amount.is_zero())
            .map(|(key, amount)| (key, format!("{:.2}", amount.decimal())));
        let counts = entries
            .counts
            .into_iter()
            .filter(|(_, count)| *count != 0)
            .map(|(key, count)| (key, count.to_string()));
        ReturnDraft {
            form: entries.form,
            values: amounts.chain(counts).collect(),
        }
    }
}
