//! Identifiers people type: parsed once into newtypes so nothing downstream
//! handles an unchecked string.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Keeps digits only, so "214-2214-4000" and "21422144000" are the same number.
pub(crate) fn digits_of(text: &str) -> Option<String> {
    let kept: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    kept.chars().all(|c| c.is_ascii_digit()).then_some(kept)
}

/// Serde for a newtype over its text: written as the string, read back
/// through its `parse`, so what arrives is checked like what is typed.
macro_rules! parsed_string {
    ($name:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(d)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use parsed_string;

macro_rules! digit_id {
    ($name:ident, $len:expr, $what:expr) => {
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            pub const LEN: usize = $len;

            /// Accepts the digits with optional spaces or dashes between them.
            pub fn parse(text: &str) -> Result<Self, String> {
                let text = text.trim();
                if text.is_empty() {
                    return Err(format!("Enter the {}", $what));
                }
                match digits_of(text) {
                    Some(d) if d.len() == $len => Ok(Self(d)),
                    _ => Err(format!("{} must be {} digits", capitalise($what), $len)),
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        parsed_string!($name);
    };
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

digit_id!(CtRegNumber, 11, "CT Tax Registration Number");
digit_id!(AccountId, 10, "account ID");

/// Which kind of taxpayer number a customer has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TinKind {
    /// Federal Employer Identification Number, `12-3456789`.
    Fein,
    /// Social Security Number, `123-45-6789`.
    Ssn,
}

impl TinKind {
    /// Publication 1220's type of TIN (B record position 11).
    pub fn code(self) -> u8 {
        match self {
            TinKind::Fein => b'1',
            TinKind::Ssn => b'2',
        }
    }

    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            b'1' => Some(TinKind::Fein),
            b'2' => Some(TinKind::Ssn),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TinKind::Fein => "EIN",
            TinKind::Ssn => "SSN",
        }
    }

    /// What a form or spreadsheet holds: `EIN`, `FEIN`, `SSN`, `ITIN`, `ATIN`, `1`, `2`.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_uppercase().as_str() {
            "" => Err("Select the type of TIN: EIN or SSN".into()),
            "EIN" | "FEIN" | "1" => Ok(TinKind::Fein),
            "SSN" | "ITIN" | "ATIN" | "2" => Ok(TinKind::Ssn),
            _ => Err("Type of TIN must be EIN or SSN".into()),
        }
    }
}

/// The last four digits of a FEIN or SSN, the only part ever shown, in its
/// own pattern: a FEIN as `**-***4567`, an SSN as `***-**-4567`.
pub fn mask_tin_as(kind: TinKind, last_four: &str) -> String {
    match kind {
        TinKind::Fein => format!("**-***{last_four}"),
        TinKind::Ssn => format!("***-**-{last_four}"),
    }
}

/// The last four digits of a full FEIN or SSN as typed (dashes and spaces
/// ignored), the only part kept beside the encrypted number.
pub fn tin_last_four(text: &str) -> Option<String> {
    let digits = digits_of(text.trim())?;
    (digits.len() == 9).then(|| digits[5..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_numbers_are_eleven_digits() {
        assert_eq!(
            CtRegNumber::parse("21422144000").unwrap().as_str(),
            "21422144000"
        );
        assert_eq!(
            CtRegNumber::parse(" 214-2214-4000 ").unwrap().as_str(),
            "21422144000"
        );
        assert_eq!(
            CtRegNumber::parse("2142214400").unwrap_err(),
            "CT Tax Registration Number must be 11 digits"
        );
        assert_eq!(
            CtRegNumber::parse("2142214400a").unwrap_err(),
            "CT Tax Registration Number must be 11 digits"
        );
        assert_eq!(
            CtRegNumber::parse("").unwrap_err(),
            "Enter the CT Tax Registration Number"
        );
    }

    #[test]
    fn account_ids_are_ten_digits_and_keep_leading_zeros() {
        assert_eq!(
            AccountId::parse("0108824360").unwrap().as_str(),
            "0108824360"
        );
        assert_eq!(
            AccountId::parse("108824360").unwrap_err(),
            "Account ID must be 10 digits"
        );
    }

    #[test]
    fn a_fein_and_an_ssn_are_masked_in_their_own_patterns() {
        assert_eq!(mask_tin_as(TinKind::Fein, "4567"), "**-***4567");
        assert_eq!(mask_tin_as(TinKind::Ssn, "4567"), "***-**-4567");
        assert_eq!(tin_last_four("06-1234567").as_deref(), Some("4567"));
        assert_eq!(tin_last_four("123-45-6789").as_deref(), Some("6789"));
        assert_eq!(tin_last_four("12345"), None);
        assert_eq!(serde_json::to_string(&TinKind::Fein).unwrap(), "\"fein\"");
    }
}
