//! The Summary page: the business and a card per tax account.

use crate::{
    date::CivilDate,
    money::Money,
    tax::{AccountStatus, FilingFrequency, TaxType},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub line1: String,
    pub city: String,
    pub state: String,
    pub zip: String,
}

impl Address {
    /// One line, as the Summary header prints it: `800 MAPLE AVE HARTFORD CT 06114-2322`.
    pub fn one_line(&self) -> String {
        format!("{} {} {} {}", self.line1, self.city, self.state, self.zip)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerHeader {
    pub id: i64,
    pub legal_name: String,
    pub reg_number: String,
    pub address: Address,
    /// Which number the business has, for its label.
    pub tin_kind: crate::ids::TinKind,
    /// That number, already masked by the server: a FEIN `**-***4567`, an
    /// SSN `***-**-4567`.
    pub masked_tin: String,
}

/// Where a period's return stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnStatus {
    /// A return has been filed for the period.
    Filed,
    /// The period has not ended yet: nothing can be filed.
    PeriodOpen,
    /// The period has ended and the return is due, not yet late.
    Due,
    /// The due date has passed without a return.
    Overdue,
}

impl ReturnStatus {
    /// `today` is the agency's date; a return filed on its due date is on time.
    pub fn on(today: CivilDate, period_end: CivilDate, due_date: CivilDate, filed: bool) -> Self {
        if filed {
            ReturnStatus::Filed
        } else if today <= period_end {
            ReturnStatus::PeriodOpen
        } else if today <= due_date {
            ReturnStatus::Due
        } else {
            ReturnStatus::Overdue
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReturnStatus::Filed => "Return filed",
            ReturnStatus::PeriodOpen => "Period still open",
            ReturnStatus::Due => "Return due",
            ReturnStatus::Overdue => "Return overdue",
        }
    }
}

/// The period a card points at: the oldest one still needing a return, else the latest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodCard {
    pub period_end: CivilDate,
    pub due_date: CivilDate,
    pub return_status: ReturnStatus,
}

/// The period File Now opens: the earliest that has ended without a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileNow {
    pub period_id: i64,
    pub period_end: CivilDate,
    pub due_date: CivilDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountCard {
    /// The internal id the API's paths use (`/api/accounts/{id}`).
    pub id: i64,
    /// The 10-digit Account ID as printed.
    pub account_id: String,
    pub tax_type: TaxType,
    pub frequency: FilingFrequency,
    pub status: AccountStatus,
    pub current_period: Option<PeriodCard>,
    /// The sum of every period's balance: what the business owes on this account.
    pub balance: Money,
    /// Only for a caller who may file here, when a period has ended without its return.
    #[serde(default)]
    pub file_now: Option<FileNow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub customer: CustomerHeader,
    pub accounts: Vec<AccountCard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub database: String,
    /// The portal runs with `--demo`: the app links the demo mailbox.
    #[serde(default)]
    pub demo: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CivilDate {
        CivilDate::parse_iso(text).unwrap()
    }

    #[test]
    fn a_return_is_due_after_the_period_ends_and_overdue_after_the_due_date() {
        let (end, due) = (date("2026-09-30"), date("2026-10-31"));
        let status = |today| ReturnStatus::on(date(today), end, due, false);
        assert_eq!(status("2026-09-30"), ReturnStatus::PeriodOpen);
        assert_eq!(status("2026-10-01"), ReturnStatus::Due);
        assert_eq!(status("2026-10-31"), ReturnStatus::Due);
        assert_eq!(status("2026-11-01"), ReturnStatus::Overdue);
        assert_eq!(
            ReturnStatus::on(date("2027-01-01"), end, due, true),
            ReturnStatus::Filed
        );
    }
}
