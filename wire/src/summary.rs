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
    /// FEIN or SSN, already masked by the server (`***-**-1234`).
    pub masked_tin: String,
}

/// The period a card points at: the oldest one still needing a return, else the latest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodCard {
    pub period_end: CivilDate,
    pub due_date: CivilDate,
    pub filed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountCard {
    pub account_id: String,
    pub tax_type: TaxType,
    pub frequency: FilingFrequency,
    pub status: AccountStatus,
    pub current_period: Option<PeriodCard>,
    /// The sum of every period's balance: what the business owes on this account.
    pub balance: Money,
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
}
