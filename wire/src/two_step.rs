//! 2-step verification (an authentication app's 6-digit code, or a recovery
//! code) and the session's idle timeout as the browser sees them.

use crate::error::FieldErrors;
use serde::{Deserialize, Serialize};

/// Digits of an authentication app's code.
pub const TOTP_DIGITS: usize = 6;
/// How many recovery codes enrolment gives out.
pub const RECOVERY_CODE_COUNT: usize = 10;
/// Characters of a recovery code, without the hyphen.
pub const RECOVERY_CODE_LEN: usize = 10;
/// Wrong codes allowed at sign-in before the sign-in must start over.
pub const MAX_SIGN_IN_CODE_ATTEMPTS: i64 = 5;
/// The server records activity on a session at most this often, so its idle
/// clock may have started up to this long before the latest request.
pub const SESSION_TOUCH_INTERVAL_SECONDS: i64 = 60;

pub const ENTER_CODE: &str = "Enter the 6-digit code from your authentication app";
pub const ENTER_CODE_OR_RECOVERY: &str =
    "Enter the 6-digit code from your authentication app, or a recovery code";
pub const CODE_FORMAT: &str =
    "Enter the 6 digits from your authentication app, or a recovery code like abcde-fghjk";
pub const WRONG_CODE: &str = "The code is not correct. Enter the code your app shows now.";
pub const WRONG_PASSWORD: &str = "The password you entered is incorrect";
pub const ENTER_PASSWORD: &str = "Enter your password";
pub const TOO_MANY_CODES: &str =
    "You entered too many codes that were not correct. Log in again to get a new chance.";

/// What a typed code is, once spaces and hyphens are set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// Six digits from the authentication app.
    Totp(String),
    /// A single-use recovery code, lower-cased, without the hyphen.
    Recovery(String),
}

impl Code {
    /// Reads a typed code; `field` names the input for the error message.
    pub fn parse(typed: &str, recovery_allowed: bool) -> Result<Code, String> {
        let bare: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_lowercase)
            .collect();
        if bare.is_empty() {
            return Err(if recovery_allowed {
                ENTER_CODE_OR_RECOVERY
            } else {
                ENTER_CODE
            }
            .to_owned());
        }
        if bare.len() == TOTP_DIGITS && bare.chars().all(|c| c.is_ascii_digit()) {
            return Ok(Code::Totp(bare));
        }
        if recovery_allowed
            && bare.chars().count() == RECOVERY_CODE_LEN
            && bare.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Ok(Code::Recovery(bare));
        }
        Err(if recovery_allowed {
            CODE_FORMAT
        } else {
            "Enter the 6 digits from your authentication app"
        }
        .to_owned())
    }
}

/// `GET /api/two-step`: whether 2-step verification is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepStatus {
    /// When it was turned on (seconds since the Unix epoch); `None` when off.
    pub enabled_at: Option<i64>,
    /// Recovery codes not used yet.
    pub recovery_codes_left: i64,
}

/// `POST /api/two-step/setup`: the current password, again.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetupRequest {
    pub password: String,
}

crate::debug_without_secrets!(SetupRequest {});

impl SetupRequest {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.password.is_empty() {
            errors.add("password", ENTER_PASSWORD);
        }
        ok_or(errors)
    }
}

/// The new key, to be added to an authentication app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupView {
    /// `data:image/svg+xml;base64,…` of the QR code of `otpauth_uri`.
    pub qr_image: String,
    pub otpauth_uri: String,
    /// The base32 key in groups of four, for typing it in.
    pub key_groups: String,
    /// The name the app will show for the account.
    pub account_label: String,
}

/// `POST /api/two-step/confirm` and `POST /api/session/two-step`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    pub code: String,
}

crate::debug_without_secrets!(CodeRequest {});

/// Turned on: the recovery codes, shown this once.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmView {
    pub recovery_codes: Vec<String>,
}

crate::debug_without_secrets!(ConfirmView {});

/// `POST /api/two-step/disable`: the password and a code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisableRequest {
    pub password: String,
    pub code: String,
}

crate::debug_without_secrets!(DisableRequest {});

impl DisableRequest {
    pub fn parse(&self) -> Result<Code, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.password.is_empty() {
            errors.add("password", ENTER_PASSWORD);
        }
        let code = errors.take("code", Code::parse(&self.code, true));
        match code {
            Some(code) if errors.is_empty() => Ok(code),
            _ => Err(errors),
        }
    }
}

/// `POST /api/session/keep-alive`: when the session now ends if left idle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepAliveView {
    /// Seconds since the Unix epoch.
    pub idle_expires_at: i64,
    pub idle_timeout_seconds: i64,
}

/// A recovery code as shown: `abcde-fghjk`.
pub fn format_recovery_code(bare: &str) -> String {
    let (a, b) = bare.split_at(bare.len().min(RECOVERY_CODE_LEN / 2));
    format!("{a}-{b}")
}

fn ok_or(errors: FieldErrors) -> Result<(), FieldErrors> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digits_are_an_app_code_whatever_the_spacing() {
        assert_eq!(
            Code::parse(" 123 456 ", false),
            Ok(Code::Totp("123456".into()))
        );
        assert_eq!(
            Code::parse("123-456", true),
            Ok(Code::Totp("123456".into()))
        );
    }

    #[test]
    fn recovery_codes_are_read_without_hyphen_or_case() {
        assert_eq!(
            Code::parse("ABCDE-fghjk", true),
            Ok(Code::Recovery("abcdefghjk".into()))
        );
        assert!(Code::parse("abcdefghjk", false).is_err());
    }

    #[test]
    fn empty_and_malformed_codes_get_messages() {
        assert_eq!(Code::parse("  ", false), Err(ENTER_CODE.to_owned()));
        assert_eq!(Code::parse("12345", true), Err(CODE_FORMAT.to_owned()));
    }

    #[test]
    fn recovery_codes_are_shown_in_two_halves() {
        assert_eq!(format_recovery_code("abcdefghjk"), "abcde-fghjk");
    }
}
