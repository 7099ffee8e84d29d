//! Bank routing and account numbers, parsed once.

use crate::{
    error::FieldErrors,
    ids::{digits_of, parsed_string},
};
use std::fmt;

/// A nine-digit ABA routing transit number whose check digit holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RoutingNumber(String);

impl RoutingNumber {
    /// Digits with optional spaces or dashes; the weighted sum
    /// 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) must be a multiple of 10, and
    /// the first two digits a Federal Reserve routing symbol (01–12, 21–32,
    /// 61–72) or 80 (traveler's checks).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter the routing number".to_owned());
        }
        let digits = match digits_of(text) {
            Some(d) if d.len() == 9 => d,
            _ => return Err("Routing number must be 9 digits".to_owned()),
        };
        let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
        let prefix = d[0] * 10 + d[1];
        let known_prefix = matches!(prefix, 1..=12 | 21..=32 | 61..=72 | 80);
        if !sum.is_multiple_of(10) || !known_prefix {
            return Err(
                "Enter a valid routing number: check the 9 digits at the bottom left of a check"
                    .to_owned(),
            );
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RoutingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A bank account number: 4 to 17 digits. Secret: `Debug` and `Display`
/// show only the last four; the number itself is read with [`Self::expose`]
/// (to encrypt it) and travels in full only in the request that adds it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BankAccountNumber(String);

impl BankAccountNumber {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter the account number".to_owned());
        }
        match digits_of(text) {
            Some(d) if (4..=17).contains(&d.len()) => Ok(Self(d)),
            _ => Err("Account number must be 4 to 17 digits".to_owned()),
        }
    }

    /// The full number, for encryption at rest and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn last_four(&self) -> &str {
        &self.0[self.0.len() - 4..]
    }

    /// `****6789`, the only form shown on screen or written to a log.
    pub fn masked(&self) -> String {
        mask_account(self.last_four())
    }
}

/// `****6789` from the stored last four digits.
pub fn mask_account(last_four: &str) -> String {
    format!("****{last_four}")
}

impl fmt::Debug for BankAccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BankAccountNumber({})", self.masked())
    }
}

impl fmt::Display for BankAccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// The account number typed twice: both must parse and match. Errors are
/// keyed `account_number` and `confirm_account_number`.
pub fn parse_bank_account(number: &str, confirm: &str) -> Result<BankAccountNumber, FieldErrors> {
    let mut errors = FieldErrors::new();
    let parsed = errors.take("account_number", BankAccountNumber::parse(number));
    if confirm.trim().is_empty() {
        errors.add("confirm_account_number", "Enter the account number again");
    } else if let Some(parsed) = &parsed {
        if digits_of(confirm.trim()).as_deref() != Some(parsed.expose()) {
            errors.add("confirm_account_number", "The account numbers do not match");
        }
    }
    match parsed {
        Some(parsed) if errors.is_empty() => Ok(parsed),
        _ => Err(errors),
    }
}

parsed_string!(RoutingNumber);
parsed_string!(BankAccountNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_routing_numbers_pass_the_aba_check_digit() {
        for number in [
            "011000015",
            "021000021",
            "026009593",
            "011900571",
            "0110-0001-5",
        ] {
            assert!(RoutingNumber::parse(number).is_ok(), "{number}");
        }
        assert_eq!(
            RoutingNumber::parse(" 021 000 021 ").unwrap().as_str(),
            "021000021"
        );
    }

    #[test]
    fn a_wrong_check_digit_or_length_is_refused_with_a_clear_message() {
        assert_eq!(
            RoutingNumber::parse("021000022").unwrap_err(),
            "Enter a valid routing number: check the 9 digits at the bottom left of a check"
        );
        assert_eq!(
            RoutingNumber::parse("02100002").unwrap_err(),
            "Routing number must be 9 digits"
        );
        assert_eq!(
            RoutingNumber::parse("02100002a").unwrap_err(),
            "Routing number must be 9 digits"
        );
        assert_eq!(
            RoutingNumber::parse("").unwrap_err(),
            "Enter the routing number"
        );
        // The sum of 000000000 is a multiple of 10, but 00 is no routing symbol.
        assert!(RoutingNumber::parse("000000000").is_err());
        assert!(RoutingNumber::parse("990000009").is_err());
    }

    #[test]
    fn account_numbers_are_4_to_17_digits() {
        assert_eq!(BankAccountNumber::parse("1234").unwrap().expose(), "1234");
        assert_eq!(
            BankAccountNumber::parse("1234 5678 9012 34567")
                .unwrap()
                .expose(),
            "12345678901234567"
        );
        for bad in ["123", "123456789012345678", "12a45", "12.34"] {
            assert_eq!(
                BankAccountNumber::parse(bad).unwrap_err(),
                "Account number must be 4 to 17 digits",
                "{bad}"
            );
        }
    }

    #[test]
    fn an_account_number_never_shows_more_than_its_last_four() {
        let number = BankAccountNumber::parse("000123456789").unwrap();
        assert_eq!(number.masked(), "****6789");
        assert_eq!(number.to_string(), "****6789");
        assert_eq!(format!("{number:?}"), "BankAccountNumber(****6789)");
        assert_eq!(mask_account("0042"), "****0042");
    }

    #[test]
    fn the_account_number_must_be_typed_the_same_twice() {
        assert_eq!(
            parse_bank_account("12345678", "1234-5678")
                .unwrap()
                .expose(),
            "12345678"
        );
        let errors = parse_bank_account("12345678", "12345679").unwrap_err();
        assert_eq!(
            errors.get("confirm_account_number"),
            Some("The account numbers do not match")
        );
        let errors = parse_bank_account("12", "").unwrap_err();
        assert_eq!(
            errors.get("account_number"),
            Some("Account number must be 4 to 17 digits")
        );
        assert_eq!(
            errors.get("confirm_account_number"),
            Some("Enter the account number again")
        );
    }

    #[test]
    fn bank_numbers_are_checked_again_when_they_arrive() {
        let routing: RoutingNumber = serde_json::from_str("\"011000015\"").unwrap();
        assert_eq!(serde_json::to_string(&routing).unwrap(), "\"011000015\"");
        assert!(serde_json::from_str::<RoutingNumber>("\"011000016\"").is_err());
        assert!(serde_json::from_str::<BankAccountNumber>("\"12\"").is_err());
    }
}
