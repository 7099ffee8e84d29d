//! One information return: the payee, what was paid by amount code, and the
//! Connecticut tax withheld. [`PayeeInput`] is what the manual-entry form posts
//! and what a CSV row becomes; [`PayeeInput::parse`] is the one rule set both
//! sides run, with errors keyed by the same names the CSV columns use.

use super::{
    form::{AmountCode, FormType},
    text::{check_line, is_us_state, parse_zip, TextProblem, LINE_MAX},
    tin::{Tin, TinKind, TinProblem},
};
use crate::{error::FieldErrors, money::Money};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, fmt};

/// The manual-entry path takes at most this many forms; more go by file.
pub const MANUAL_ENTRY_MAX: usize = 50;

/// Whether one more form may be keyed by hand, given how many the draft holds.
pub fn check_manual_entry_room(forms_in_draft: usize) -> Result<(), String> {
    if forms_in_draft >= MANUAL_ENTRY_MAX {
        Err(format!(
            "You can enter at most {MANUAL_ENTRY_MAX} forms by hand. To file more, upload a file"
        ))
    } else {
        Ok(())
    }
}

/// The largest amount a 12-digit cents field holds: $9,999,999,999.99.
pub const AMOUNT_MAX_CENTS: i64 = 999_999_999_999;

/// Publication 1220's corrected-return indicator (B record position 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Correction {
    /// Blank: an original return.
    #[default]
    Original,
    /// `G`: a one-transaction correction, or the first of a two-transaction one.
    Corrected,
    /// `C`: the second transaction of a two-transaction correction.
    SecondOfTwo,
}

impl Correction {
    pub fn code(self) -> u8 {
        match self {
            Correction::Original => b' ',
            Correction::Corrected => b'G',
            Correction::SecondOfTwo => b'C',
        }
    }

    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            b' ' => Some(Correction::Original),
            b'G' => Some(Correction::Corrected),
            b'C' => Some(Correction::SecondOfTwo),
            _ => None,
        }
    }

    /// A form's checkbox or a spreadsheet cell: blank/N/No, Y/Yes/G, C.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_uppercase().as_str() {
            "" | "N" | "NO" | "FALSE" => Ok(Correction::Original),
            "Y" | "YES" | "TRUE" | "G" => Ok(Correction::Corrected),
            "C" => Ok(Correction::SecondOfTwo),
            _ => Err("Corrected must be Y or N".into()),
        }
    }
}

/// Payment amounts by amount code; codes a form does not use stay zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Amounts([Money; AmountCode::COUNT]);

impl Amounts {
    pub fn get(&self, code: AmountCode) -> Money {
        self.0.get(code.index()).copied().unwrap_or(Money::ZERO)
    }

    pub fn set(&mut self, code: AmountCode, amount: Money) {
        if let Some(slot) = self.0.get_mut(code.index()) {
            *slot = amount;
        }
    }

    /// The codes with a non-zero amount, with their amounts.
    pub fn non_zero(&self) -> impl Iterator<Item = (AmountCode, Money)> + '_ {
        AmountCode::all()
            .map(|code| (code, self.get(code)))
            .filter(|(_, amount)| !amount.is_zero())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    pub street: String,
    pub city: String,
    /// Two-letter code; blank for a foreign address.
    pub state: String,
    /// 5 or 9 digits; blank for a foreign address.
    pub zip: String,
    /// A foreign address keeps city, province, postal code and country in `city`.
    pub foreign: bool,
}

/// One accepted information return. `Debug` is safe to log: the TIN masks itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payee {
    pub form: FormType,
    pub tin: Tin,
    pub name: String,
    /// The optional second name line ("" when none), e.g. a DBA.
    pub name_2: String,
    pub address: Address,
    /// The payer's own account number for this payee (optional).
    pub account_number: String,
    pub amounts: Amounts,
    pub ct_tax_withheld: Money,
    pub correction: Correction,
}

/// The form's fields as typed, or one CSV row. Field names are the CSV column names.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PayeeInput {
    pub form_type: String,
    pub payee_tin_type: String,
    pub payee_tin: String,
    pub payee_name: String,
    pub payee_name_2: String,
    pub payee_address: String,
    pub payee_city: String,
    pub payee_state: String,
    pub payee_zip: String,
    /// `Y` for a foreign address.
    pub foreign_address: String,
    pub account_number: String,
    /// By amount code; a missing or blank amount is zero.
    pub amounts: BTreeMap<AmountCode, String>,
    pub ct_tax_withheld: String,
    /// Blank or `N` for an original, `Y` for a corrected return.
    pub corrected: String,
}

impl fmt::Debug for PayeeInput {
    /// Never the typed TIN: only whether one was typed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PayeeInput")
            .field("form_type", &self.form_type)
            .field(
                "payee_tin",
                &if self.payee_tin.is_empty() {
                    ""
                } else {
                    "<redacted>"
                },
            )
            .field("payee_name", &self.payee_name)
            .finish_non_exhaustive()
    }
}

pub mod fields {
    pub const FORM_TYPE: &str = "form_type";
    pub const TIN_TYPE: &str = "payee_tin_type";
    pub const TIN: &str = "payee_tin";
    pub const NAME: &str = "payee_name";
    pub const NAME_2: &str = "payee_name_2";
    pub const ADDRESS: &str = "payee_address";
    pub const CITY: &str = "payee_city";
    pub const STATE: &str = "payee_state";
    pub const ZIP: &str = "payee_zip";
    pub const FOREIGN: &str = "foreign_address";
    pub const ACCOUNT: &str = "account_number";
    pub const CT_TAX: &str = "ct_tax_withheld";
    pub const CORRECTED: &str = "corrected";
}

/// A form message from a shared predicate: "Payee name must not be blank".
fn sentence(label: &str, problem: TextProblem) -> String {
    match problem {
        TextProblem::Missing => format!("Enter the {}", label.to_lowercase()),
        other => format!("{label} {}", other.predicate()),
    }
}

/// "Payee TIN must be 9 digits" / "Enter the payee TIN".
pub fn tin_sentence(problem: TinProblem) -> String {
    match problem {
        TinProblem::Missing => "Enter the payee TIN".into(),
        other => format!("Payee TIN {}", other.predicate()),
    }
}

/// A money cell: blank is zero; at most 12 digits of cents, as the file holds.
pub fn parse_amount(text: &str) -> Result<Money, String> {
    if text.trim().is_empty() {
        return Ok(Money::ZERO);
    }
    let money = Money::parse_input(text)?;
    if money.cents() > AMOUNT_MAX_CENTS {
        return Err("Enter an amount less than $10,000,000,000.00".into());
    }
    Ok(money)
}

fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_uppercase().as_str() {
        "" | "N" | "NO" | "FALSE" => Ok(false),
        "Y" | "YES" | "TRUE" | "1" => Ok(true),
        _ => Err("Foreign address must be Y or N".into()),
    }
}

impl PayeeInput {
    /// Every field is checked (all errors, in form order), never the first only.
    pub fn parse(&self) -> Result<Payee, FieldErrors> {
        use fields::*;
        let mut errors = FieldErrors::new();
        let form = errors.take(FORM_TYPE, FormType::parse(&self.form_type));
        let kind = errors.take(TIN_TYPE, TinKind::parse(&self.payee_tin_type));
        let tin = match kind {
            Some(kind) => errors.take(TIN, Tin::parse(kind, &self.payee_tin).map_err(tin_sentence)),
            None => None,
        };
        let mut line = |field: &str, label: &str, text: &str, required: bool| {
            errors.take(
                field,
                check_line(text, required, LINE_MAX).map_err(|p| sentence(label, p)),
            )
        };
        let name = line(NAME, "Payee name", &self.payee_name, true);
        let name_2 = line(NAME_2, "Second name line", &self.payee_name_2, false);
        let street = line(ADDRESS, "Street address", &self.payee_address, true);
        let city = line(CITY, "City", &self.payee_city, true);
        let foreign = errors.take(FOREIGN, yes_no(&self.foreign_address));
        let (state, zip) = self.state_and_zip(foreign.unwrap_or(false), &mut errors);
        let account_number = errors.take(
            ACCOUNT,
            check_line(&self.account_number, false, 20).map_err(|p| sentence("Account number", p)),
        );
        let amounts = self.amounts(form, &mut errors);
        let ct_tax_withheld = errors.take(CT_TAX, parse_amount(&self.ct_tax_withheld));
        let correction = errors.take(CORRECTED, Correction::parse(&self.corrected));
        if let (Some(form), Some(amounts), Some(ct), Some(Correction::Original)) =
            (form, amounts, ct_tax_withheld, correction)
        {
            if amounts.non_zero().next().is_none() && ct.is_zero() {
                let first = form
                    .amount_boxes()
                    .first()
                    .map_or("amount_1", |b| b.code.field());
                errors.add(first, "Enter at least one amount");
            }
        }
        match (
            errors.is_empty(),
            form,
            tin,
            name,
            name_2,
            street,
            city,
            foreign,
            account_number,
            amounts,
            ct_tax_withheld,
            correction,
        ) {
            (
                true,
                Some(form),
                Some(tin),
                Some(name),
                Some(name_2),
                Some(street),
                Some(city),
                Some(foreign),
                Some(account_number),
                Some(amounts),
                Some(ct_tax_withheld),
                Some(correction),
            ) => Ok(Payee {
                form,
                tin,
                name,
                name_2,
                address: Address {
                    street,
                    city,
                    state,
                    zip,
                    foreign,
                },
                account_number,
                amounts,
                ct_tax_withheld,
                correction,
            }),
            _ => Err(errors),
        }
    }

    fn state_and_zip(&self, foreign: bool, errors: &mut FieldErrors) -> (String, String) {
        use fields::*;
        let (state, zip) = (self.payee_state.trim(), self.payee_zip.trim());
        if foreign {
            if !state.is_empty() {
                errors.add(STATE, "Leave the state blank for a foreign address: put the province and country after the city");
            }
            if !zip.is_empty() {
                errors.add(ZIP, "Leave the ZIP code blank for a foreign address: put the postal code after the city");
            }
            return (String::new(), String::new());
        }
        let state = state.to_ascii_uppercase();
        if state.is_empty() {
            errors.add(STATE, "Enter the state");
        } else if !is_us_state(&state) {
            errors.add(STATE, "State must be a two-letter US state code, like CT");
        }
        let zip = errors
            .take(ZIP, parse_zip(zip).map_err(|p| format!("ZIP code {p}")))
            .unwrap_or_default();
        (state, zip)
    }

    /// Amounts for codes the form does not use must be blank or zero.
    fn amounts(&self, form: Option<FormType>, errors: &mut FieldErrors) -> Option<Amounts> {
        let mut amounts = Amounts::default();
        let mut ok = true;
        for (code, text) in &self.amounts {
            match parse_amount(text) {
                Ok(money) if money.is_zero() => {}
                Ok(money) => match form {
                    Some(form) if form.amount_box(*code).is_none() => {
                        ok = false;
                        errors.add(
                            code.field(),
                            format!("{form} has no amount code {code}: leave it blank"),
                        );
                    }
                    _ => amounts.set(*code, money),
                },
                Err(message) => {
                    ok = false;
                    errors.add(code.field(), message);
                }
            }
        }
        ok.then_some(amounts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nec() -> PayeeInput {
        PayeeInput {
            form_type: "1099-NEC".into(),
            payee_tin_type: "SSN".into(),
            payee_tin: "123-45-6780".into(),
            payee_name: "JOHN Q CONTRACTOR".into(),
            payee_address: "12 ELM ST".into(),
            payee_city: "HARTFORD".into(),
            payee_state: "ct".into(),
            payee_zip: "06114-2322".into(),
            amounts: [(AmountCode::from_char('1').unwrap(), "$1,250.00".into())].into(),
            ct_tax_withheld: "87.50".into(),
            ..PayeeInput::default()
        }
    }

    #[test]
    fn a_keyed_nec_becomes_a_payee_with_exact_cents() {
        let payee = nec().parse().unwrap();
        assert_eq!(payee.form, FormType::Nec);
        assert_eq!(payee.tin.masked(), "***-**-6780");
        assert_eq!(payee.address.state, "CT");
        assert_eq!(payee.address.zip, "061142322");
        assert_eq!(
            payee
                .amounts
                .get(AmountCode::from_char('1').unwrap())
                .cents(),
            125_000
        );
        assert_eq!(payee.ct_tax_withheld.cents(), 8_750);
        assert_eq!(payee.correction, Correction::Original);
    }

    #[test]
    fn every_bad_field_is_reported_under_its_own_name() {
        let input = PayeeInput {
            payee_tin: "12345".into(),
            payee_name: " ".into(),
            payee_state: "ZZ".into(),
            payee_zip: "123".into(),
            ct_tax_withheld: "1.234".into(),
            corrected: "maybe".into(),
            ..nec()
        };
        let errors = input.parse().unwrap_err();
        assert_eq!(errors.get("payee_tin"), Some("Payee TIN must be 9 digits"));
        assert_eq!(errors.get("payee_name"), Some("Enter the payee name"));
        assert_eq!(
            errors.get("payee_state"),
            Some("State must be a two-letter US state code, like CT")
        );
        assert_eq!(
            errors.get("payee_zip"),
            Some("ZIP code must be 5 or 9 digits, like 06114 or 06114-2322")
        );
        assert_eq!(
            errors.get("ct_tax_withheld"),
            Some("Enter the amount to no more than 2 decimal places")
        );
        assert_eq!(errors.get("corrected"), Some("Corrected must be Y or N"));
        assert_eq!(errors.0.len(), 6);
    }

    #[test]
    fn an_amount_the_form_does_not_have_is_refused() {
        let mut input = nec();
        input
            .amounts
            .insert(AmountCode::from_char('2').unwrap(), "10.00".into());
        let errors = input.parse().unwrap_err();
        assert_eq!(
            errors.get("amount_2"),
            Some("1099-NEC has no amount code 2: leave it blank")
        );
    }

    #[test]
    fn an_original_return_needs_at_least_one_amount() {
        let input = PayeeInput {
            amounts: BTreeMap::new(),
            ct_tax_withheld: String::new(),
            ..nec()
        };
        assert_eq!(
            input.parse().unwrap_err().get("amount_1"),
            Some("Enter at least one amount")
        );
        let correction = PayeeInput {
            corrected: "Y".into(),
            ..input
        };
        assert_eq!(
            correction.parse().unwrap().correction,
            Correction::Corrected
        );
    }

    #[test]
    fn manual_entry_stops_at_fifty_forms() {
        assert!(check_manual_entry_room(49).is_ok());
        assert_eq!(
            check_manual_entry_room(50).unwrap_err(),
            "You can enter at most 50 forms by hand. To file more, upload a file"
        );
    }

    #[test]
    fn amounts_over_twelve_digits_of_cents_are_refused() {
        assert_eq!(
            parse_amount("9999999999.99").unwrap().cents(),
            AMOUNT_MAX_CENTS
        );
        assert_eq!(
            parse_amount("10000000000").unwrap_err(),
            "Enter an amount less than $10,000,000,000.00"
        );
        assert_eq!(parse_amount(" ").unwrap(), Money::ZERO);
    }

    #[test]
    fn a_foreign_address_leaves_state_and_zip_blank() {
        let input = PayeeInput {
            foreign_address: "Y".into(),
            payee_city: "TORONTO ON M5V 2T6 CANADA".into(),
            ..nec()
        };
        let errors = input.parse().unwrap_err();
        assert!(errors.get("payee_state").is_some());
        assert!(errors.get("payee_zip").is_some());
        let fixed = PayeeInput {
            payee_state: String::new(),
            payee_zip: String::new(),
            ..input
        };
        assert!(fixed.parse().unwrap().address.foreign);
    }

    #[test]
    fn the_typed_tin_never_shows_in_debug_output() {
        let text = format!("{:?}", nec());
        assert!(!text.contains("6780"), "{text}");
        let payee = format!("{:?}", nec().parse().unwrap());
        assert!(
            !payee.contains("123456780") && !payee.contains("123-45"),
            "{payee}"
        );
    }

    #[test]
    fn the_form_travels_as_json_with_amounts_keyed_by_code() {
        let json = serde_json::to_string(&nec()).unwrap();
        assert!(json.contains("\"amounts\":{\"1\":\"$1,250.00\"}"), "{json}");
        let back: PayeeInput = serde_json::from_str(&json).unwrap();
        assert_eq!(back, nec());
    }
}
