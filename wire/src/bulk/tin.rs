//! Taxpayer identification numbers: parsed once into a value that cannot be
//! printed whole by accident. `Debug` and `Display` mask it the way the portal
//! shows FEINs (`**-***4567`) and SSNs (`***-**-4567`); only
//! [`Tin::expose_digits`] gives the number, for writing it to a file or
//! encrypting it at rest.

pub use crate::ids::TinKind;
use std::fmt;

/// Why a TIN was refused, as a predicate both the form and the file reader use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TinProblem {
    Missing,
    NotNineDigits,
    /// All zeros, all one digit, or 123456789: numbers never issued.
    Placeholder,
    /// An SSN whose area (first three digits) is 000 or 666, whose group is 00
    /// or whose serial is 0000.
    ImpossibleSsn,
    /// An EIN whose prefix (first two digits) is 00.
    ImpossibleEin,
}

impl TinProblem {
    pub fn predicate(self) -> &'static str {
        match self {
            TinProblem::Missing => "must not be blank",
            TinProblem::NotNineDigits => "must be 9 digits",
            TinProblem::Placeholder => {
                "must be a real number, not all zeros, one repeated digit or 123456789"
            }
            TinProblem::ImpossibleSsn => {
                "is not a possible SSN: it cannot start with 000 or 666, or have 00 in the middle or 0000 at the end"
            }
            TinProblem::ImpossibleEin => "is not a possible EIN: it cannot start with 00",
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Tin {
    /// `None` for payer and transmitter TINs, whose records carry no type.
    kind: Option<TinKind>,
    digits: [u8; 9],
}

impl Tin {
    /// A typed TIN as people type it: dashes and spaces between digits allowed.
    pub fn parse(kind: TinKind, text: &str) -> Result<Self, TinProblem> {
        Self::parse_with(Some(kind), text)
    }

    /// A TIN whose type is not known (payer and transmitter TINs).
    pub fn parse_untyped(text: &str) -> Result<Self, TinProblem> {
        Self::parse_with(None, text)
    }

    /// Nine bytes from a fixed-width field: digits only, nothing between them.
    pub fn from_field(kind: Option<TinKind>, field: &[u8]) -> Result<Self, TinProblem> {
        if field.iter().all(|b| *b == b' ') {
            return Err(TinProblem::Missing);
        }
        let digits: [u8; 9] = field.try_into().map_err(|_| TinProblem::NotNineDigits)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(TinProblem::NotNineDigits);
        }
        Self::checked(kind, digits)
    }

    fn parse_with(kind: Option<TinKind>, text: &str) -> Result<Self, TinProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TinProblem::Missing);
        }
        let mut digits = [0u8; 9];
        let mut n = 0;
        for b in text.bytes().filter(|b| !matches!(b, b'-' | b' ')) {
            if !b.is_ascii_digit() || n == 9 {
                return Err(TinProblem::NotNineDigits);
            }
            if let Some(slot) = digits.get_mut(n) {
                *slot = b;
            }
            n += 1;
        }
        if n != 9 {
            return Err(TinProblem::NotNineDigits);
        }
        Self::checked(kind, digits)
    }

    fn checked(kind: Option<TinKind>, digits: [u8; 9]) -> Result<Self, TinProblem> {
        let same = digits.iter().all(|d| *d == digits[0]);
        if same || &digits == b"123456789" {
            return Err(TinProblem::Placeholder);
        }
        match kind {
            Some(TinKind::Ssn) => {
                let (area, group, serial) = (&digits[..3], &digits[3..5], &digits[5..]);
                if area == b"000" || area == b"666" || group == b"00" || serial == b"0000" {
                    return Err(TinProblem::ImpossibleSsn);
                }
            }
            Some(TinKind::Fein) if &digits[..2] == b"00" => return Err(TinProblem::ImpossibleEin),
            _ => {}
        }
        Ok(Tin { kind, digits })
    }

    pub fn kind(&self) -> Option<TinKind> {
        self.kind
    }

    /// The whole number: only for writing a file or encrypting at rest.
    pub fn expose_digits(&self) -> &str {
        std::str::from_utf8(&self.digits).unwrap_or_default()
    }

    pub fn last_four(&self) -> &str {
        std::str::from_utf8(&self.digits[5..]).unwrap_or_default()
    }

    /// `**-***4567` for an EIN, `***-**-4567` for an SSN, `*****4567` untyped.
    pub fn masked(&self) -> String {
        let last = self.last_four();
        match self.kind {
            Some(kind) => crate::ids::mask_tin_as(kind, last),
            None => format!("*****{last}"),
        }
    }
}

impl fmt::Debug for Tin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.kind.map_or("TIN", TinKind::label);
        write!(f, "Tin({kind} {})", self.masked())
    }
}

impl fmt::Display for Tin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tins_parse_with_dashes_and_keep_their_type() {
        let ein = Tin::parse(TinKind::Fein, "06-1234567").unwrap();
        assert_eq!(ein.expose_digits(), "061234567");
        assert_eq!(ein.kind(), Some(TinKind::Fein));
        let ssn = Tin::parse(TinKind::Ssn, "123 45 6780").unwrap();
        assert_eq!(ssn.expose_digits(), "123456780");
    }

    #[test]
    fn tins_never_print_whole_in_debug_or_display() {
        let ein = Tin::parse(TinKind::Fein, "061234567").unwrap();
        let ssn = Tin::parse(TinKind::Ssn, "123456780").unwrap();
        assert_eq!(format!("{ein}"), "**-***4567");
        assert_eq!(format!("{ssn}"), "***-**-6780");
        assert_eq!(format!("{ein:?}"), "Tin(EIN **-***4567)");
        assert!(!format!("{:?}", Some(&ssn)).contains("123456780"));
        let payer = Tin::parse_untyped("061234567").unwrap();
        assert_eq!(payer.masked(), "*****4567");
    }

    #[test]
    fn impossible_and_placeholder_tins_are_refused() {
        assert_eq!(Tin::parse(TinKind::Ssn, ""), Err(TinProblem::Missing));
        assert_eq!(
            Tin::parse(TinKind::Ssn, "12345678"),
            Err(TinProblem::NotNineDigits)
        );
        assert_eq!(
            Tin::parse(TinKind::Ssn, "1234567890"),
            Err(TinProblem::NotNineDigits)
        );
        assert_eq!(
            Tin::parse(TinKind::Ssn, "12345678x"),
            Err(TinProblem::NotNineDigits)
        );
        assert_eq!(
            Tin::parse(TinKind::Ssn, "000000000"),
            Err(TinProblem::Placeholder)
        );
        assert_eq!(
            Tin::parse(TinKind::Fein, "123456789"),
            Err(TinProblem::Placeholder)
        );
        assert_eq!(
            Tin::parse(TinKind::Ssn, "666123456"),
            Err(TinProblem::ImpossibleSsn)
        );
        assert_eq!(
            Tin::parse(TinKind::Ssn, "123006789"),
            Err(TinProblem::ImpossibleSsn)
        );
        assert_eq!(
            Tin::parse(TinKind::Ssn, "123450000"),
            Err(TinProblem::ImpossibleSsn)
        );
        assert_eq!(
            Tin::parse(TinKind::Fein, "001234567"),
            Err(TinProblem::ImpossibleEin)
        );
        // ITINs start with 9 and are type 2.
        assert!(Tin::parse(TinKind::Ssn, "912701234").is_ok());
    }

    #[test]
    fn fixed_width_tins_allow_no_separators() {
        assert_eq!(
            Tin::from_field(Some(TinKind::Fein), b"06-123456"),
            Err(TinProblem::NotNineDigits)
        );
        assert_eq!(
            Tin::from_field(None, b"         "),
            Err(TinProblem::Missing)
        );
        assert!(Tin::from_field(None, b"061234567").is_ok());
    }

    #[test]
    fn tin_types_read_from_labels_and_codes() {
        assert_eq!(TinKind::parse("fein"), Ok(TinKind::Fein));
        assert_eq!(TinKind::parse("ITIN"), Ok(TinKind::Ssn));
        assert_eq!(TinKind::from_code(b'2'), Some(TinKind::Ssn));
        assert_eq!(TinKind::from_code(b' '), None);
    }
}
