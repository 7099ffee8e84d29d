//! The records of a standard-format file as typed values. Every byte of a
//! valid record is held here (blank positions are checked blank), so writing a
//! parsed valid file gives back the same bytes.

use wire::{
    bulk::{Address, AmountCode, Amounts, FormType, Payee, Tin},
    CivilDate, Money,
};

/// T: the transmitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transmitter {
    pub payment_year: u16,
    pub prior_year: bool,
    pub tin: Tin,
    pub control_code: String,
    pub test_file: bool,
    pub name: String,
    pub name_2: String,
    pub company: String,
    pub company_2: String,
    /// `foreign` is the foreign entity indicator (position 29).
    pub address: Address,
    pub total_payees: u64,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    /// `V` (software from a vendor) or `I` (in-house).
    pub vendor_indicator: u8,
    pub vendor: Vendor,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Vendor {
    pub name: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub foreign: bool,
}

/// The A record's declared amount codes: ascending, each once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AmountCodes(u32);

impl AmountCodes {
    pub fn contains(self, code: AmountCode) -> bool {
        self.0 & (1 << code.index()) != 0
    }

    pub fn insert(&mut self, code: AmountCode) {
        self.0 |= 1 << code.index();
    }

    pub fn iter(self) -> impl Iterator<Item = AmountCode> {
        AmountCode::all().filter(move |c| self.contains(*c))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<AmountCode> for AmountCodes {
    fn from_iter<I: IntoIterator<Item = AmountCode>>(iter: I) -> Self {
        let mut codes = AmountCodes::default();
        iter.into_iter().for_each(|c| codes.insert(c));
        codes
    }
}

/// A: one payer and the form type of its B records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payer {
    pub payment_year: u16,
    pub combined_federal_state: bool,
    pub tin: Tin,
    pub name_control: String,
    pub last_filing: bool,
    pub form: FormType,
    pub amount_codes: AmountCodes,
    pub name: String,
    pub name_2: String,
    /// `None` when position 133 is blank; Publication 1220 asks for 0 or 1.
    pub transfer_agent: Option<bool>,
    /// `foreign` is the foreign entity indicator (position 52).
    pub address: Address,
    pub phone: String,
}

/// Positions 544–662, which differ by form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormFields {
    Misc {
        second_tin_notice: bool,
        direct_sales: bool,
        fatca: bool,
    },
    Nec {
        second_tin_notice: bool,
        direct_sales: bool,
    },
    W2g(W2gFields),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct W2gFields {
    /// `1`–`9`, Publication 1220's type of wager code.
    pub wager_type: u8,
    pub date_won: CivilDate,
    pub transaction: String,
    pub race: String,
    pub cashier: String,
    pub window: String,
    pub first_id: String,
    pub second_id: String,
}

/// B: one information return, with what the standard format adds to the
/// portal's [`Payee`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayeeRecord {
    pub payee: Payee,
    pub payment_year: u16,
    pub name_control: String,
    pub office_code: String,
    pub local_tax_withheld: Money,
    pub special_data: String,
    /// `08` (Connecticut) or blank; always blank on W-2G.
    pub combined_code: String,
    pub form_fields: FormFields,
}

/// C: end of payer, with its control totals by amount code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndOfPayer {
    pub payees: u64,
    pub totals: Amounts,
}

/// K: state totals for the payer just ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateTotals {
    pub payees: u64,
    pub totals: Amounts,
    pub state_tax_withheld: Money,
    pub local_tax_withheld: Money,
    pub state_code: String,
}

/// F: end of transmission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndOfTransmission {
    pub payers: u64,
    /// Blank when not given (the T record's total stands).
    pub total_payees: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Transmitter(Transmitter),
    Payer(Payer),
    Payee(Box<PayeeRecord>),
    EndOfPayer(EndOfPayer),
    StateTotals(StateTotals),
    EndOfTransmission(EndOfTransmission),
}
