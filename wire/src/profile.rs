//! Manage My Profile: what the signed-in logon sees of itself, and the forms
//! that change it. Each form's `parse` runs in the browser and on the server.

use crate::{error::FieldErrors, Email};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub username: String,
    pub name: String,
    pub email: String,
    /// As entered, e.g. `+1 (555) 555-5555`; `None` when not given.
    pub phone: Option<String>,
    /// When the password was last set, in seconds since the Unix epoch (UTC).
    pub password_changed_at: i64,
    pub secret_question: String,
    /// Decides the new password's minimum length on Change Password.
    #[serde(default)]
    pub two_step_enabled: bool,
    /// A change of email waiting for its link to be used.
    #[serde(default)]
    pub pending_email: Option<String>,
}

pub const NAME_MAX: usize = 100;
pub use crate::email::EMAIL_MAX;
pub const PHONE_MAX: usize = 30;
pub const ANSWER_MAX: usize = 100;

/// Field names, shared so the server's errors land on the browser's inputs.
pub const NAME_FIELD: &str = "name";
pub const EMAIL_FIELD: &str = "new_email";
pub const PHONE_FIELD: &str = "phone";
pub const CURRENT_PASSWORD_FIELD: &str = "current_password";
pub const NEW_PASSWORD_FIELD: &str = "new_password";
pub const QUESTION_FIELD: &str = "question";
pub const ANSWER_FIELD: &str = "answer";
pub const PASSWORD_FIELD: &str = "password";
pub const CONFIRM_DELETE_FIELD: &str = "confirm";
pub const TOKEN_FIELD: &str = "token";

pub const ENTER_CURRENT_PASSWORD: &str = "Enter your current password";
pub const WRONG_CURRENT_PASSWORD: &str = "The password you entered is incorrect";
pub const LINK_NOT_VALID: &str =
    "This link has expired or has already been used. Change your email again to get a new link.";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateNameRequest {
    pub name: String,
}

impl UpdateNameRequest {
    /// The name, trimmed, 1 to 100 characters.
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add(NAME_FIELD, "Enter your name");
        } else if name.chars().count() > NAME_MAX {
            errors.add(
                NAME_FIELD,
                format!("Name must be {NAME_MAX} characters or fewer"),
            );
        } else if name.chars().any(char::is_control) {
            errors.add(NAME_FIELD, "Name must not contain control characters");
        }
        if errors.is_empty() {
            Ok(name.to_owned())
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdatePhoneRequest {
    /// Empty clears the number.
    pub phone: String,
}

impl UpdatePhoneRequest {
    /// `None` when cleared. Digits with the usual separators, 10 to 15 digits.
    pub fn parse(&self) -> Result<Option<String>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let phone = self.phone.trim();
        if phone.is_empty() {
            return Ok(None);
        }
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if phone.chars().count() > PHONE_MAX || !phone.chars().all(allowed) {
            errors.add(
                PHONE_FIELD,
                "Enter a phone number, like 01632 960 001 or +1 (555) 555-5555",
            );
        } else if !(10..=15).contains(&digits) {
            errors.add(PHONE_FIELD, "Phone number must have 10 to 15 digits");
        }
        if errors.is_empty() {
            Ok(Some(phone.to_owned()))
        } else {
            Err(errors)
        }
    }
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeEmailRequest {
    pub new_email: String,
    pub current_password: String,
}

crate::debug_without_secrets!(ChangeEmailRequest { new_email });

impl ChangeEmailRequest {
    pub fn parse(&self) -> Result<Email, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.take(
            EMAIL_FIELD,
            Email::parse(&self.new_email, crate::email::Whose::Yours),
        );
        check_current(&mut errors, &self.current_password);
        match email {
            Some(email) if errors.is_empty() => Ok(email),
            _ => Err(errors),
        }
    }
}

fn check_current(errors: &mut FieldErrors, password: &str) {
    if password.is_empty() {
        errors.add(CURRENT_PASSWORD_FIELD, ENTER_CURRENT_PASSWORD);
    } else if crate::password::normalize(password).chars().count() > crate::password::MAX_LEN {
        errors.add(CURRENT_PASSWORD_FIELD, WRONG_CURRENT_PASSWORD);
    }
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmEmailRequest {
    pub token: String,
}

crate::debug_without_secrets!(ConfirmEmailRequest {});

/// The answer to a used change-email link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailConfirmed {
    pub email: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    /// Not asked for when a temporary password was just used to sign in.
    #[serde(default)]
    pub current_password: Option<String>,
    pub new_password: String,
    pub confirm_password: String,
}

crate::debug_without_secrets!(ChangePasswordRequest {});

impl ChangePasswordRequest {
    /// The shape and the shared rules; the server adds the history rule.
    pub fn parse(
        &self,
        ctx: &crate::password::PasswordContext,
        current_needed: bool,
    ) -> Result<crate::password::NewPassword, FieldErrors> {
        let mut errors = FieldErrors::new();
        if current_needed {
            check_current(&mut errors, self.current_password.as_deref().unwrap_or(""));
        }
        let new = errors.take(
            NEW_PASSWORD_FIELD,
            crate::password::NewPassword::parse(&self.new_password, ctx),
        );
        errors.take(
            crate::password::CONFIRM_FIELD,
            crate::password::check_confirmation(&self.new_password, &self.confirm_password),
        );
        match new {
            Some(new) if errors.is_empty() => Ok(new),
            _ => Err(errors),
        }
    }
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretQuestionRequest {
    pub question: String,
    pub answer: String,
    pub current_password: String,
}

crate::debug_without_secrets!(SecretQuestionRequest { question });

/// A question from the list and its answer, normalized as it is hashed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretQuestion {
    pub question: String,
    pub answer: String,
}

impl std::fmt::Debug for SecretQuestion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretQuestion({:?}, ..)", self.question)
    }
}

/// Trimmed, lower-cased and NFKC, so "Rex " and "rex" are one answer.
pub fn normalize_answer(answer: &str) -> String {
    crate::password::normalize(answer.trim())
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl SecretQuestionRequest {
    pub fn parse(&self) -> Result<SecretQuestion, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !crate::registration::SECRET_QUESTIONS.contains(&self.question.as_str()) {
            errors.add(QUESTION_FIELD, "Select a secret question");
        }
        let answer = normalize_answer(&self.answer);
        if answer.is_empty() {
            errors.add(ANSWER_FIELD, "Enter an answer to your secret question");
        } else if answer.chars().count() > ANSWER_MAX {
            errors.add(
                ANSWER_FIELD,
                format!("Answer must be {ANSWER_MAX} characters or fewer"),
            );
        }
        check_current(&mut errors, &self.current_password);
        if errors.is_empty() {
            Ok(SecretQuestion {
                question: self.question.clone(),
                answer,
            })
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionEntry {
    /// In plain words, e.g. "Chrome on Linux".
    pub device: String,
    pub source_address: Option<String>,
    pub signed_in_at: i64,
    pub last_seen_at: i64,
    pub this_session: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionList {
    pub sessions: Vec<SessionEntry>,
}

/// How many sessions "Sign out of other sessions" ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsEnded {
    pub ended: i64,
}

/// A user agent in plain words: "Chrome on Linux", "Safari on iPhone".
pub fn describe_device(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|ua| !ua.trim().is_empty()) else {
        return "Unknown device".into();
    };
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") || ua.contains("Opera") {
        "Opera"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") || ua.contains("CriOS/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "Unknown browser"
    };
    let system = if ua.contains("iPhone") {
        "iPhone"
    } else if ua.contains("iPad") {
        "iPad"
    } else if ua.contains("Android") {
        "Android"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        "macOS"
    } else if ua.contains("CrOS") {
        "ChromeOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        return browser.to_owned();
    };
    format!("{browser} on {system}")
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteProfileRequest {
    pub password: String,
    /// The "I understand" checkbox.
    pub confirm: bool,
}

crate::debug_without_secrets!(DeleteProfileRequest { confirm });

impl DeleteProfileRequest {
    pub fn parse(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.password.is_empty() {
            errors.add(PASSWORD_FIELD, "Enter your password");
        }
        if !self.confirm {
            errors.add(
                CONFIRM_DELETE_FIELD,
                "Confirm that you want to delete your profile",
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_limited_to_a_hundred_characters() {
        let ok = UpdateNameRequest {
            name: "  Jane Q. Smith ".into(),
        };
        assert_eq!(ok.parse().unwrap(), "Jane Q. Smith");
        let long = UpdateNameRequest {
            name: "x".repeat(101),
        };
        assert!(long.parse().unwrap_err().get(NAME_FIELD).is_some());
        let empty = UpdateNameRequest { name: " ".into() };
        assert_eq!(
            empty.parse().unwrap_err().get(NAME_FIELD),
            Some("Enter your name")
        );
    }

    #[test]
    fn a_phone_number_may_be_cleared_but_not_be_letters() {
        let clear = UpdatePhoneRequest { phone: " ".into() };
        assert_eq!(clear.parse().unwrap(), None);
        let ok = UpdatePhoneRequest {
            phone: "+1 (860) 555-0100".into(),
        };
        assert_eq!(ok.parse().unwrap().as_deref(), Some("+1 (860) 555-0100"));
        let bad = UpdatePhoneRequest {
            phone: "call me".into(),
        };
        assert!(bad.parse().is_err());
    }

    #[test]
    fn answers_are_compared_trimmed_lower_cased_and_nfkc() {
        assert_eq!(normalize_answer("  Ｒex  the   Dog "), "rex the dog");
    }

    #[test]
    fn devices_are_named_in_plain_words() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(describe_device(Some(chrome)), "Chrome on Linux");
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_device(Some(safari)), "Safari on iPhone");
        assert_eq!(describe_device(None), "Unknown device");
    }
}
