//! What a return form is, as data: its rate columns, its lines in order (each
//! entered, computed or supplied by the portal) and the checks across lines.
//! The computation reads only this; no code branches per tax type.

use crate::tax::TaxType;
use serde::Serialize;

/// The form a draft is for (one per tax type the portal files).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub enum FormCode {
    #[serde(rename = "os_114")]
    Os114,
    #[serde(rename = "ct_941")]
    Ct941,
    #[serde(rename = "o_372")]
    O372,
    #[serde(rename = "op_374")]
    Op374,
    #[serde(rename = "op_153")]
    Op153,
    #[serde(rename = "op_383")]
    Op383,
    #[serde(rename = "op_210")]
    Op210,
    #[serde(rename = "op_337")]
    Op337,
}

/// A rate column: lines marked `per_column` hold one amount per column.
#[derive(Debug, Serialize)]
pub struct Column {
    /// Part of the cell's field key: `line_1-general`.
    pub code: &'static str,
    /// "A", "B", … as the paper form letters its columns.
    pub letter: &'static str,
    pub label: &'static str,
    /// The rate key its tax is computed with (see `rules::keys`).
    pub rate: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Line {
    /// As printed: "1", "10a".
    pub number: &'static str,
    /// The field key, `line_1`; a column's cell adds `-{column code}`.
    pub key: &'static str,
    pub label: &'static str,
    pub per_column: bool,
    pub kind: LineKind,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Entered(Input),
    Computed(Expr),
    /// Filled in by the portal, not typed: see [`Supplied`].
    Supplied(Supplied),
}

/// What a person types on an entered line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// Dollars and cents, not negative.
    Amount,
    /// A whole number of items, days…, not negative.
    Count,
}

/// Amounts the portal knows and fills in (the server's figures count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Supplied {
    Penalty,
    Interest,
    PenaltyAndInterest,
    /// On an amended return, the tax the earlier return for the period reported.
    TaxPaidOnPriorReturn,
}

/// A computed line's formula. A `Line` inside a per-column line means the
/// same column's cell of that line.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expr {
    Line(&'static str),
    Sum(&'static [Expr]),
    Minus(&'static Expr, &'static Expr),
    /// Never below zero.
    AtLeastZero(&'static Expr),
    Negate(&'static Expr),
    /// The line's value times the column's rate, rounded to the cent.
    TimesColumnRate(&'static str),
    /// The line's value times the named rate, rounded to the cent.
    TimesRate(&'static str, &'static str),
    /// The named per-unit fee itself, to show it on its line.
    Fee(&'static str),
    /// A per-column line added across its columns.
    ColumnTotal(&'static str),
}

/// A check across lines, reported under `field` when it fails.
#[derive(Debug, Serialize)]
pub struct Check {
    pub field: &'static str,
    pub rule: CheckRule,
    pub message: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckRule {
    AtMost { value: Expr, limit: Expr },
    Equal { value: Expr, expected: Expr },
}

#[derive(Debug, Serialize)]
pub struct FormDefinition {
    pub code: FormCode,
    /// The paper form's number, "OS-114".
    pub number: &'static str,
    pub title: &'static str,
    pub tax_type: TaxType,
    pub columns: &'static [Column],
    pub lines: &'static [Line],
    pub checks: &'static [Check],
    /// The line holding the tax the return assesses (for the ledger).
    pub tax_line: &'static str,
    /// The line holding the total amount due.
    pub total_due_line: &'static str,
}

/// One box on the form: a line, or a line's cell in one column.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    pub line: &'static Line,
    pub column: Option<&'static Column>,
}

impl Cell {
    /// The field key the browser gives the input: `line_1`, `line_1-general`.
    pub fn key(self) -> String {
        match self.column {
            Some(column) => format!("{}-{}", self.line.key, column.code),
            None => self.line.key.to_owned(),
        }
    }

    /// How messages name the box: "Line 1", "Line 1, column B", "Month 2".
    pub fn name(self) -> String {
        let line = if self.line.number.starts_with(|c: char| c.is_ascii_digit()) {
            format!("Line {}", self.line.number)
        } else {
            self.line.number.to_owned()
        };
        match self.column {
            Some(column) => format!("{line}, column {}", column.letter),
            None => line,
        }
    }
}

impl FormDefinition {
    pub fn line(&'static self, key: &str) -> Option<&'static Line> {
        self.lines.iter().find(|l| l.key == key)
    }

    /// Every box in form order (each per-column line column by column).
    pub fn cells(&'static self) -> impl Iterator<Item = Cell> {
        self.lines.iter().flat_map(move |line| {
            let columns: Vec<Option<&'static Column>> = if line.per_column {
                self.columns.iter().map(Some).collect()
            } else {
                vec![None]
            };
            columns.into_iter().map(move |column| Cell { line, column })
        })
    }

    /// The boxes a person types into.
    pub fn entered_cells(&'static self) -> impl Iterator<Item = (Cell, Input)> {
        self.cells().filter_map(|cell| match cell.line.kind {
            LineKind::Entered(input) => Some((cell, input)),
            _ => None,
        })
    }
}
