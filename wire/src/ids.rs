//! Identifiers people type: parsed once into newtypes so nothing downstream
//! handles an unchecked string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Keeps digits only, so "214-2214-4000" and "21422144000" are the same number.
fn digits_of(text: &str) -> Option<String> {
    let kept: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    kept.chars().all(|c| c.is_ascii_digit()).then_some(kept)
}

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

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
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

/// The last four digits of a FEIN or SSN, the only part ever shown.
pub fn mask_tin(last_four: &str) -> String {
    format!("***-**-{last_four}")
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
    fn taxpayer_numbers_are_masked_to_their_last_four() {
        assert_eq!(mask_tin("1234"), "***-**-1234");
    }
}
