//! Creating a logon, confirming its email address, and getting back in
//! ("Forgot username or password?"): the request bodies and their input rules.
//!
//! Usernames are 3 to 64 characters of ASCII letters, digits and `. _ - @`
//! (so an email address can be a username); they are chosen once, never
//! changed, and unique ignoring case.

use crate::{
    email::Email,
    error::FieldErrors,
    password::{check_confirmation, normalize, NewPassword, PasswordContext, CONFIRM_FIELD},
    session::{USERNAME_MAX, USERNAME_MIN},
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The questions offered, in the order shown.
pub const SECRET_QUESTIONS: [&str; 6] = [
    "What is the first name of your best friend from childhood?",
    "What was the name of your first pet?",
    "What is the name of the street you grew up on?",
    "What was the make of your first car?",
    "In what city did your parents meet?",
    "What was the name of your first school?",
];

pub const NAME_MAX: usize = 100;
pub use crate::email::EMAIL_MAX;
pub const ANSWER_MIN: usize = 3;
pub const ANSWER_MAX: usize = 100;

pub const USERNAME_TAKEN: &str = "That username is taken. Choose another";
pub const WRONG_ANSWER: &str = "The answer does not match the one on your logon";

/// The plain answer the server gives once a request is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub message: String,
}

/// The one answer to a registration that follows the rules, whether or not its
/// username is taken: the email says which.
pub const REGISTERED: &str = "Check your email. We have sent the next step to the address you \
gave: a link to confirm it, which works once and expires in 24 hours, or word that the username \
you chose is already in use. You can log in once your email address is confirmed.";
/// A correct password for a logon whose email address is not confirmed yet
/// (403). A wrong one still gets the one answer for every failed sign-in.
pub const EMAIL_NOT_CONFIRMED: &str = "Your email address is not confirmed yet";
pub const RESENT: &str = "We have sent a new link. It works once and expires in 24 hours. \
Links sent before it still work until they expire.";
pub const RESEND_TOO_SOON: &str =
    "We sent a link less than a minute ago. Wait a minute, then ask again.";
pub const RESEND_LIMIT: &str = "We have sent as many links as we can today. Check your spam or \
junk folder, or create your logon again tomorrow.";
pub const PENDING_GONE: &str =
    "This page has expired. Log in again to get a new link, or create your logon again.";

/// `GET /api/registrations/pending`: where the confirmation link went, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingConfirmation {
    pub email: String,
}

pub const VERIFIED: &str = "Your email address is confirmed. You can now log in.";
pub const VERIFY_LINK_GONE: &str =
    "This link has expired or has already been used. If you have not confirmed your email address, create your logon again.";
pub const USERNAMES_SENT: &str =
    "If that email address is on a logon, we have sent it the usernames registered to it. Check your email.";
pub const RESET_SENT: &str =
    "If that username belongs to a logon, we have sent a link to reset its password \
to the email address on the logon. The link works once and expires in 60 minutes.";
pub const RESET_LINK_GONE: &str =
    "This link has expired or has already been used. Ask for a new link to reset your password.";
pub const TOO_MANY_ANSWERS: &str =
    "Too many wrong answers. This link no longer works. Ask for a new link to reset your password.";
pub const PASSWORD_RESET: &str = "Your password has been changed. Log in with your new password.";
pub const UNLOCKED: &str = "Your logon is unlocked. Log in now: this browser can log in to it \
even if it is locked again.";
pub const UNLOCK_LINK_GONE: &str = "This link has expired or has already been used. A lock lifts \
by itself 30 minutes after it began, or reset your password with \"Forgot username or password?\".";

/// The answer as it is hashed and compared: trimmed, NFKC, lower-case, so
/// "  Sam " and "sam" are the same answer.
pub fn normalize_answer(answer: &str) -> String {
    normalize(answer.trim()).to_lowercase()
}

pub fn parse_username(typed: &str) -> Result<String, String> {
    let username = typed.trim();
    let len = username.chars().count();
    if len == 0 {
        return Err("Enter a username".into());
    }
    if !(USERNAME_MIN..=USERNAME_MAX).contains(&len) {
        return Err(format!(
            "Username must be between {USERNAME_MIN} and {USERNAME_MAX} characters"
        ));
    }
    if !username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
    {
        return Err(
            "Username can only contain letters, numbers, full stops, hyphens, underscores and @"
                .into(),
        );
    }
    Ok(username.to_owned())
}

fn parse_phone(typed: &str) -> Result<Option<String>, String> {
    let phone = typed.trim();
    if phone.is_empty() {
        return Ok(None);
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'));
    if !allowed || !(7..=15).contains(&digits) {
        return Err("Enter a phone number, like 860 555 0123 or +1 (860) 555-0123".into());
    }
    Ok(Some(phone.to_owned()))
}

pub fn parse_answer(typed: &str) -> Result<String, String> {
    let answer = normalize_answer(typed);
    let len = answer.chars().count();
    if len == 0 {
        Err("Enter the answer to your secret question".into())
    } else if len < ANSWER_MIN {
        Err(format!("Answer must be at least {ANSWER_MIN} characters"))
    } else if len > ANSWER_MAX {
        Err(format!("Answer must be {ANSWER_MAX} characters or fewer"))
    } else {
        Ok(answer)
    }
}

fn done<T>(errors: FieldErrors, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
    if errors.is_empty() {
        Ok(value())
    } else {
        Err(errors)
    }
}

/// `POST /api/registrations`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    pub username: String,
    pub name: String,
    pub email: String,
    pub confirm_email: String,
    #[serde(default)]
    pub phone: String,
    pub password: String,
    pub confirm_password: String,
    pub secret_question: String,
    pub secret_answer: String,
}

/// A registration that passed every rule this side can check.
#[derive(Clone, PartialEq, Eq)]
pub struct Registration {
    pub username: String,
    pub name: String,
    pub email: Email,
    pub phone: Option<String>,
    pub password: NewPassword,
    pub secret_question: String,
    /// Already normalized with [`normalize_answer`].
    pub secret_answer: String,
}

impl fmt::Debug for Registration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Registration({:?}, ..)", self.username)
    }
}

impl RegistrationRequest {
    /// Errors come in the order of the form. The server adds one rule this side
    /// cannot check: whether the username is taken.
    pub fn parse(&self) -> Result<Registration, FieldErrors> {
        let mut errors = FieldErrors::new();
        let username = errors.take("username", parse_username(&self.username));
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", crate::email::Whose::Yours.enter("full name"));
        } else if name.chars().count() > NAME_MAX {
            errors.add(
                "name",
                format!("Name must be {NAME_MAX} characters or fewer"),
            );
        }
        let email = errors.take(
            "email",
            Email::parse(&self.email, crate::email::Whose::Yours),
        );
        if self.confirm_email.trim().is_empty() {
            errors.add(
                "confirm_email",
                crate::email::Whose::Yours.enter_email_again(),
            );
        } else if email.as_ref().is_some_and(|e| !e.is(&self.confirm_email)) {
            errors.add("confirm_email", "Email addresses do not match");
        }
        let phone = errors.take("phone", parse_phone(&self.phone));
        let context = PasswordContext {
            username: self.username.trim(),
            name,
            email: self.email.trim(),
            two_step_enabled: false,
        };
        let password = errors.take("password", NewPassword::parse(&self.password, &context));
        if password.is_some() {
            errors.take(
                CONFIRM_FIELD,
                check_confirmation(&self.password, &self.confirm_password),
            );
        }
        if !SECRET_QUESTIONS.contains(&self.secret_question.as_str()) {
            errors.add("secret_question", "Choose a secret question");
        }
        let answer = errors.take("secret_answer", parse_answer(&self.secret_answer));
        done(errors, || Registration {
            username: username.unwrap_or_default(),
            name: name.to_owned(),
            email: email.expect("no errors means an email address"),
            phone: phone.flatten(),
            password: password.expect("no errors means a password"),
            secret_question: self.secret_question.clone(),
            secret_answer: answer.unwrap_or_default(),
        })
    }
}

/// `POST /api/registrations/verify`: the token from the emailed link.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub token: String,
}

crate::debug_without_secrets!(TokenRequest {});

/// `POST /api/recovery/username`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForgotUsernameRequest {
    pub email: String,
}

impl ForgotUsernameRequest {
    pub fn parse(&self) -> Result<Email, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.take(
            "email",
            Email::parse(&self.email, crate::email::Whose::Yours),
        );
        done(errors, || email.expect("no errors means an email address"))
    }
}

/// `POST /api/recovery/password`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForgotPasswordRequest {
    pub username: String,
}

impl ForgotPasswordRequest {
    pub fn parse(&self) -> Result<String, FieldErrors> {
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
        done(errors, || username.to_owned())
    }
}

/// `GET /api/recovery/password/reset?token=…`: what the reset page asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetChallenge {
    pub secret_question: String,
    /// A reset never gets around 2-step verification: the code is asked too.
    pub two_step_required: bool,
}

/// `POST /api/recovery/password/reset`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    pub token: String,
    pub secret_answer: String,
    #[serde(default)]
    pub two_step_code: String,
    pub password: String,
    pub confirm_password: String,
}

#[derive(Clone, PartialEq, Eq)]
pub struct PasswordReset {
    /// Normalized with [`normalize_answer`].
    pub secret_answer: String,
    pub two_step_code: Option<String>,
    pub password: NewPassword,
}

impl fmt::Debug for PasswordReset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordReset(..)")
    }
}

impl ResetPasswordRequest {
    /// The browser knows only whether 2-step is on, so it passes an otherwise
    /// empty context; the server passes the logon's username, name and email.
    pub fn parse(&self, context: &PasswordContext) -> Result<PasswordReset, FieldErrors> {
        let mut errors = FieldErrors::new();
        let answer = normalize_answer(&self.secret_answer);
        if answer.is_empty() {
            errors.add("secret_answer", "Enter the answer to your secret question");
        } else if answer.chars().count() > ANSWER_MAX {
            errors.add(
                "secret_answer",
                format!("Answer must be {ANSWER_MAX} characters or fewer"),
            );
        }
        let code: String = self
            .two_step_code
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if context.two_step_enabled && code.is_empty() {
            errors.add(
                "two_step_code",
                "Enter the code from your authenticator app, or a recovery code",
            );
        }
        let password = errors.take("password", NewPassword::parse(&self.password, context));
        if password.is_some() {
            errors.take(
                CONFIRM_FIELD,
                check_confirmation(&self.password, &self.confirm_password),
            );
        }
        done(errors, || PasswordReset {
            secret_answer: answer,
            two_step_code: (!code.is_empty()).then_some(code),
            password: password.expect("no errors means a password"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::{CONTAINS_USERNAME, MISMATCH, TOO_COMMON};

    fn request() -> RegistrationRequest {
        RegistrationRequest {
            username: " Kite.Flyer_42 ".into(),
            name: "Ada Lovelace".into(),
            email: "ada@example.com".into(),
            confirm_email: "ADA@example.com".into(),
            phone: "+1 (860) 555-0123".into(),
            password: "orange kettle winter violin".into(),
            confirm_password: "orange kettle winter violin".into(),
            secret_question: SECRET_QUESTIONS[1].into(),
            secret_answer: "  Rex ".into(),
        }
    }

    fn fields(errors: &FieldErrors) -> Vec<&str> {
        errors.0.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_complete_registration_parses_trimmed_with_the_answer_normalized() {
        let parsed = request().parse().unwrap();
        assert_eq!(parsed.username, "Kite.Flyer_42");
        assert_eq!(parsed.phone.as_deref(), Some("+1 (860) 555-0123"));
        assert_eq!(parsed.secret_answer, "rex");
    }

    #[test]
    fn an_empty_form_gets_an_error_for_each_required_field_in_form_order() {
        let errors = RegistrationRequest::default().parse().unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                "username",
                "name",
                "email",
                "confirm_email",
                "password",
                "secret_question",
                "secret_answer"
            ]
        );
    }

    #[test]
    fn usernames_allow_letters_digits_and_four_symbols_only() {
        for ok in ["abc", "jane.smith@example.com", "a-b_c", &"x".repeat(64)] {
            assert!(parse_username(ok).is_ok(), "{ok}");
        }
        for bad in ["ab", "jane smith", "jane!", "zoë", &"x".repeat(65)] {
            assert!(parse_username(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_must_match_and_look_like_addresses() {
        let mut r = request();
        r.confirm_email = "ada@example.org".into();
        assert_eq!(
            r.parse().unwrap_err().get("confirm_email"),
            Some("Email addresses do not match")
        );
        for bad in [
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a da@example.com",
            "a@b@c.com",
        ] {
            assert!(
                Email::parse(bad, crate::email::Whose::Yours).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_phone_is_optional_but_must_be_a_number_when_given() {
        assert_eq!(parse_phone("  "), Ok(None));
        assert!(parse_phone("860-555-0123").is_ok());
        assert!(parse_phone("call me").is_err());
        assert!(parse_phone("123").is_err());
    }

    #[test]
    fn password_rules_apply_with_the_forms_details() {
        let mut r = request();
        r.password = "my kite.flyer_42 password".into();
        r.confirm_password = r.password.clone();
        assert_eq!(
            r.parse().unwrap_err().get("password"),
            Some(CONTAINS_USERNAME)
        );
        r.password = "passwordpassword".into();
        assert_eq!(r.parse().unwrap_err().get("password"), Some(TOO_COMMON));
        r.password = "orange kettle winter violin".into();
        r.confirm_password = "orange kettle winter viola".into();
        assert_eq!(r.parse().unwrap_err().get(CONFIRM_FIELD), Some(MISMATCH));
    }

    #[test]
    fn the_question_must_be_from_the_list_and_the_answer_three_characters() {
        let mut r = request();
        r.secret_question = "What is your favourite colour?".into();
        r.secret_answer = " ab ".into();
        let errors = r.parse().unwrap_err();
        assert_eq!(fields(&errors), ["secret_question", "secret_answer"]);
    }

    #[test]
    fn answers_compare_ignoring_case_spaces_around_and_compatibility_forms() {
        assert_eq!(normalize_answer("  ＳＡＭ "), "sam");
    }

    #[test]
    fn a_reset_asks_for_a_code_only_when_two_step_is_on() {
        let reset = ResetPasswordRequest {
            token: "t".into(),
            secret_answer: "Sam".into(),
            two_step_code: " ".into(),
            password: "tulip ferry oxen".into(),
            confirm_password: "tulip ferry oxen".into(),
        };
        assert!(reset.parse(&PasswordContext::default()).is_ok());
        let two_step = PasswordContext {
            two_step_enabled: true,
            ..PasswordContext::default()
        };
        assert_eq!(
            fields(&reset.parse(&two_step).unwrap_err()),
            ["two_step_code"]
        );
    }

    #[test]
    fn debug_output_never_shows_the_password_or_answer() {
        let text = format!("{:?}", request().parse().unwrap());
        assert!(!text.contains("violin") && !text.contains("rex"));
    }
}
