//! The text rules every way of filing shares, phrased once as predicates ("must
//! be 40 characters or fewer") so the form can say "Payee name must be…" and the
//! file reader can say "positions 288–327, payee name: must be…".

/// Names and address lines hold 40 characters, as the standard format's fields do.
pub const LINE_MAX: usize = 40;

/// The US state, territory and military codes a US address may use.
pub const US_STATE_CODES: [&str; 62] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "AS", "FM", "GU", "MH", "MP", "PW", "PR", "VI", "AA", "AE", "AP",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Missing,
    TooLong(usize),
    /// The standard format is ASCII; the portal keeps every path to the same
    /// characters so a keyed or CSV record can always be written to it.
    NotPlain,
}

impl TextProblem {
    pub fn predicate(self) -> String {
        match self {
            TextProblem::Missing => "must not be blank".into(),
            TextProblem::TooLong(max) => format!("must be {max} characters or fewer"),
            TextProblem::NotPlain => {
                "can only contain letters A to Z, numbers, spaces and punctuation such as & - , . ' #"
                    .into()
            }
        }
    }
}

/// Printable ASCII: what Publication 1220 text fields may hold.
pub fn is_plain(text: &str) -> bool {
    text.bytes().all(|b| (0x20..=0x7e).contains(&b))
}

/// A text field: trimmed, within `max` characters, plain; blank allowed unless `required`.
pub fn check_line(text: &str, required: bool, max: usize) -> Result<String, TextProblem> {
    let text = text.trim();
    if text.is_empty() {
        return if required {
            Err(TextProblem::Missing)
        } else {
            Ok(String::new())
        };
    }
    if !is_plain(text) {
        return Err(TextProblem::NotPlain);
    }
    if text.chars().count() > max {
        return Err(TextProblem::TooLong(max));
    }
    Ok(text.to_owned())
}

pub fn is_us_state(code: &str) -> bool {
    US_STATE_CODES.contains(&code)
}

/// A US ZIP code of 5 or 9 digits, kept as digits ("06114-2322" → "061142322").
pub fn parse_zip(text: &str) -> Result<String, &'static str> {
    let digits: String = text.trim().chars().filter(|c| *c != '-').collect();
    if digits.is_empty() {
        return Err("must not be blank");
    }
    if !(digits.len() == 5 || digits.len() == 9) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("must be 5 or 9 digits, like 06114 or 06114-2322");
    }
    Ok(digits)
}

/// `1,204`: record and row numbers as people read them.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_plain_and_at_most_forty_characters() {
        assert_eq!(check_line("  ACME LLC ", true, 40), Ok("ACME LLC".into()));
        assert_eq!(check_line(" ", true, 40), Err(TextProblem::Missing));
        assert_eq!(check_line("", false, 40), Ok(String::new()));
        assert_eq!(check_line("Peña", true, 40), Err(TextProblem::NotPlain));
        assert_eq!(
            check_line(&"x".repeat(41), true, 40),
            Err(TextProblem::TooLong(40))
        );
        assert_eq!(
            TextProblem::TooLong(40).predicate(),
            "must be 40 characters or fewer"
        );
    }

    #[test]
    fn zip_codes_are_five_or_nine_digits() {
        assert_eq!(parse_zip("06114-2322"), Ok("061142322".into()));
        assert_eq!(parse_zip("06114"), Ok("06114".into()));
        assert!(parse_zip("6114").is_err());
        assert!(parse_zip("0611A").is_err());
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group_thousands(7), "7");
        assert_eq!(group_thousands(1_204), "1,204");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn connecticut_and_the_territories_are_states() {
        assert!(is_us_state("CT") && is_us_state("PR") && is_us_state("AE"));
        assert!(!is_us_state("ct") && !is_us_state("XX"));
    }
}
