//! What every rule row carries: the dates it applies between and where it
//! comes from. Flattened into each row, so a table row holds these columns
//! beside its own.

use crate::date::CivilDate;
use serde::{Deserialize, Serialize};

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InEffect {
    /// From this date on; `None`: as far back as the portal goes.
    #[serde(default)]
    pub effective_from: Option<CivilDate>,
    /// Through this date; `None`: until a later row replaces it.
    #[serde(default)]
    pub effective_to: Option<CivilDate>,
    /// The statute, publication or decision the row comes from.
    #[serde(default)]
    pub source: String,
    /// `false` when the source could not be checked; the source says what.
    #[serde(default = "yes")]
    pub confirmed: bool,
}

impl InEffect {
    /// A row with no dates, from a checked source.
    pub fn sourced(source: &str) -> Self {
        Self {
            effective_from: None,
            effective_to: None,
            source: source.to_owned(),
            confirmed: true,
        }
    }

    pub fn from(mut self, date: CivilDate) -> Self {
        self.effective_from = Some(date);
        self
    }

    pub fn to(mut self, date: CivilDate) -> Self {
        self.effective_to = Some(date);
        self
    }

    /// Marks the source as not checked.
    pub fn unconfirmed(mut self) -> Self {
        self.confirmed = false;
        self
    }

    /// Whether the row applies on `date` (both ends included).
    pub fn includes(&self, date: CivilDate) -> bool {
        self.effective_from.is_none_or(|from| date >= from)
            && self.effective_to.is_none_or(|to| date <= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_applies_on_both_of_its_end_dates_and_between() {
        let day = |d| CivilDate::new(2026, 3, d).unwrap();
        let row = InEffect::sourced("test").from(day(10)).to(day(20));
        assert!(!row.includes(day(9)));
        assert!(row.includes(day(10)) && row.includes(day(15)) && row.includes(day(20)));
        assert!(!row.includes(day(21)));
        assert!(InEffect::sourced("test").includes(day(1)));
        assert!(!InEffect::sourced("test").unconfirmed().confirmed);
    }
}
