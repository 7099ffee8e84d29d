//! Signing in and the signed-in logon as the browser sees it.

use crate::error::FieldErrors;
use serde::{Deserialize, Serialize};

/// Usernames are 3 to 64 characters (chosen once, never changed).
pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 64;
/// Caps what reaches the password hash, so a huge input cannot tie up a core.
/// Counted after NFKC normalization, as the password rules count it.
pub const PASSWORD_MAX: usize = crate::password::MAX_LEN;

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub username: String,
    pub password: String,
}

crate::debug_without_secrets!(SignInRequest { username });

/// A sign-in form that passed the input rules. The password stays as typed:
/// spaces can be part of it.
#[derive(Clone, PartialEq, Eq)]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

crate::debug_without_secrets!(SignIn { username });

impl SignInRequest {
    /// Only the shape is checked here; whether the pair is right is the server's
    /// question, answered with one generic message.
    pub fn parse(&self) -> Result<SignIn, FieldErrors> {
        let mut errors = FieldErrors::new();
        let username = self.username.trim();
        if username.is_empty() {
            errors.add("username", "Enter your username");
        } else if username.chars().count() > USERNAME_MAX {
            errors.add(
                "username",
                format!("Username must be {USERNAME_MAX} characters or fewer"),
            );
        }
        if self.password.is_empty() {
            errors.add("password", "Enter your password");
        } else if crate::password::normalize(&self.password).chars().count() > PASSWORD_MAX {
            errors.add(
                "password",
                format!("Password must be {PASSWORD_MAX} characters or fewer"),
            );
        }
        if errors.is_empty() {
            Ok(SignIn {
                username: username.to_owned(),
                password: self.password.clone(),
            })
        } else {
            Err(errors)
        }
    }
}

/// The one message for every wrong username or password, so the answer never
/// tells whether a username exists.
pub const SIGN_IN_FAILED: &str = "The username or password you entered is incorrect";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRef {
    pub id: i64,
    pub legal_name: String,
    pub reg_number: String,
}

/// How far a sign-in has got. Only a `Full` session opens the portal; the
/// others open just the step they wait for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStage {
    #[default]
    Full,
    /// The password was right; a 2-step code (or a recovery code) is next.
    TwoStepRequired,
    /// A temporary password was used: a new password must be chosen first.
    PasswordChangeRequired,
}

impl SessionStage {
    pub fn code(self) -> &'static str {
        match self {
            SessionStage::Full => "full",
            SessionStage::TwoStepRequired => "two_step_required",
            SessionStage::PasswordChangeRequired => "password_change_required",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            SessionStage::Full,
            SessionStage::TwoStepRequired,
            SessionStage::PasswordChangeRequired,
        ]
        .into_iter()
        .find(|stage| stage.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// Until this is `Full`, the app shows only the step the sign-in waits for.
    #[serde(default)]
    pub stage: SessionStage,
    pub username: String,
    pub name: String,
    /// The sign-in before this one, in seconds since the Unix epoch (UTC).
    pub previous_sign_in_at: Option<i64>,
    /// The business the logon is working on now.
    pub current_customer: Option<CustomerRef>,
    /// How many customers this logon may reach (more than one: show a switcher).
    pub customer_count: i64,
    /// When the session ends if left idle (seconds since the Unix epoch).
    #[serde(default)]
    pub idle_expires_at: Option<i64>,
    /// The idle limit, so the app can restart its clock after each call.
    #[serde(default)]
    pub idle_timeout_seconds: Option<i64>,
    /// How long before the idle limit the app warns ("You're about to be signed out").
    #[serde(default)]
    pub warning_lead_seconds: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(username: &str, password: &str) -> SignInRequest {
        SignInRequest {
            username: username.into(),
            password: password.into(),
        }
    }

    #[test]
    fn a_complete_form_parses_with_the_username_trimmed() {
        let parsed = request("  JSmith ", " pass word ").parse().unwrap();
        assert_eq!(parsed.username, "JSmith");
        assert_eq!(parsed.password, " pass word ");
    }

    #[test]
    fn empty_fields_get_errors_in_form_order() {
        let errors = request(" ", "").parse().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["username", "password"]);
        assert_eq!(errors.get("username"), Some("Enter your username"));
        assert_eq!(errors.get("password"), Some("Enter your password"));
    }

    #[test]
    fn oversized_inputs_are_refused_before_hashing() {
        let errors = request(&"u".repeat(65), &"p".repeat(257))
            .parse()
            .unwrap_err();
        assert!(errors.get("username").is_some());
        assert!(errors.get("password").is_some());
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let parsed: Result<SignInRequest, _> =
            serde_json::from_str(r#"{"username":"a","password":"b","admin":true}"#);
        assert!(parsed.is_err());
    }
}
