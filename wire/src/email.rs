//! An email address, as every form takes one (registration, Change Email,
//! Forgot Username, a secondary logon's): parse, don't validate. Both sides run
//! [`Email::parse`]; the server's verdict is the one that counts.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest address SMTP carries (RFC 5321's path limit less the brackets).
pub const EMAIL_MAX: usize = 254;

/// Whose details a form asks for, so its messages address the right person:
/// the user's own (registration, Change Email, Forgot Username) or somebody
/// else's (adding a secondary logon, inviting). The one place the choice of
/// "your" or "their" is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    Yours,
    Theirs,
}

impl Whose {
    pub fn word(self) -> &'static str {
        match self {
            Self::Yours => "your",
            Self::Theirs => "their",
        }
    }

    /// "Enter your full name" / "Enter their full name": a box left empty.
    pub fn enter(self, what: &str) -> String {
        format!("Enter {} {what}", self.word())
    }

    pub fn enter_email(self) -> String {
        self.enter("email address")
    }

    /// The Confirm Email box left empty.
    pub fn enter_email_again(self) -> String {
        self.enter("email address again")
    }
}
pub const EMAIL_FORMAT: &str =
    "Enter an email address in the correct format, like name@example.com";

/// A plausible address: one `@`, something before it, a dotted domain after
/// it, no spaces or control characters, at most [`EMAIL_MAX`] characters.
/// Kept as typed (trimmed): the mailbox decides what its case means.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(typed: &str, whose: Whose) -> Result<Self, String> {
        let email = typed.trim();
        if email.is_empty() {
            return Err(whose.enter_email());
        }
        if email.chars().count() > EMAIL_MAX {
            return Err(format!(
                "Email address must be {EMAIL_MAX} characters or fewer"
            ));
        }
        let shape_ok = !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        if shape_ok {
            Ok(Self(email.to_owned()))
        } else {
            Err(EMAIL_FORMAT.into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The same address typed again, whatever its case (a Confirm Email box).
    pub fn is(&self, typed: &str) -> bool {
        self.0.eq_ignore_ascii_case(typed.trim())
    }

    /// The form addresses are looked up by: lower-cased.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// An address as a page may show it to someone who has not proved they own
/// it: the first character of the mailbox and the whole domain, so the owner
/// recognises it and a stranger learns little (`g***@example.com`).
pub fn mask_email(address: &str) -> String {
    match address.trim().split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

impl Email {
    /// This address masked with [`mask_email`].
    pub fn masked(&self) -> String {
        mask_email(&self.0)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({:?})", self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_address_keeps_the_first_letter_and_the_domain() {
        assert_eq!(mask_email("grace.hopper@example.com"), "g***@example.com");
        assert_eq!(mask_email(" a@b.co "), "a***@b.co");
        assert_eq!(mask_email("not an address"), "***");
        assert_eq!(
            Email::parse("Éva@example.org", Whose::Yours)
                .unwrap()
                .masked(),
            "É***@example.org"
        );
    }

    #[test]
    fn an_address_needs_a_local_part_and_a_dotted_domain() {
        assert_eq!(
            Email::parse("  jane@example.com ", Whose::Yours)
                .unwrap()
                .as_str(),
            "jane@example.com"
        );
        for bad in [
            "",
            "jane",
            "jane@",
            "@example.com",
            "jane@example",
            "jane@.example.com",
            "jane@example.com.",
            "ja ne@x.com",
            "a@b@c.com",
            "jane\u{7}@example.com",
        ] {
            assert!(Email::parse(bad, Whose::Yours).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_form_gets_the_same_messages() {
        assert_eq!(
            Email::parse(" ", Whose::Yours).unwrap_err(),
            "Enter your email address"
        );
        assert_eq!(
            Email::parse(" ", Whose::Theirs).unwrap_err(),
            "Enter their email address"
        );
        assert_eq!(
            Email::parse("jane", Whose::Theirs).unwrap_err(),
            EMAIL_FORMAT
        );
        assert_eq!(
            Email::parse("jane", Whose::Yours).unwrap_err(),
            EMAIL_FORMAT
        );
        let long = format!("{}@example.com", "a".repeat(EMAIL_MAX));
        assert!(Email::parse(&long, Whose::Yours)
            .unwrap_err()
            .contains("254 characters or fewer"));
    }

    #[test]
    fn a_confirmation_matches_whatever_its_case_and_lookups_are_lower_case() {
        let email = Email::parse("Jane.Smith@Example.com", Whose::Yours).unwrap();
        assert!(email.is(" jane.smith@example.COM "));
        assert!(!email.is("jane@example.com"));
        assert_eq!(email.key(), "jane.smith@example.com");
    }
}
