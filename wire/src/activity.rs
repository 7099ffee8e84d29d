//! View Activity: the logon's own activity record, paged and searchable.

use crate::{error::FieldErrors, paging, CivilDate};
use serde::{Deserialize, Serialize};

pub use crate::paging::{DEFAULT_PAGE_SIZE, PAGE_SIZES, SEARCH_MAX as QUERY_MAX};

/// `GET /api/activity?page=&page_size=&q=&from=&to=`; dates are ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityQuery {
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub page_size: Option<u32>,
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// A query that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivitySearch {
    /// From 1.
    pub page: u32,
    pub page_size: u32,
    /// Lower-cased search text, matched against the action in plain words.
    pub text: Option<String>,
    pub from: Option<CivilDate>,
    pub to: Option<CivilDate>,
}

impl ActivityQuery {
    pub fn parse(&self) -> Result<ActivitySearch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let page = self.page.unwrap_or(1).max(1);
        let page_size = paging::page_size(self.page_size, &mut errors);
        let text = paging::search_text(self.q.as_deref(), &mut errors).map(|q| q.to_lowercase());
        let mut date = |field: &str, value: &Option<String>| match value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => None,
            Some(iso) => {
                let parsed = CivilDate::parse_iso(iso);
                if parsed.is_none() {
                    errors.add(field, "Enter a real date, like 11/23/2026");
                }
                parsed
            }
        };
        let from = date("from", &self.from);
        let to = date("to", &self.to);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.add(
                    "to",
                    "The end date must be the same as or after the start date",
                );
            }
        }
        if errors.is_empty() {
            Ok(ActivitySearch {
                page,
                page_size,
                text,
                from,
                to,
            })
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRow {
    /// Seconds since the Unix epoch (UTC); the browser shows local time.
    pub occurred_at: i64,
    /// The stable code, e.g. `sign_in`.
    pub action: String,
    /// In plain words, e.g. "Logged in" or "Failed log in".
    pub description: String,
    pub business: Option<String>,
    /// Who did it ("Jim Smith (SecondaryNaturalHealth)"), on lists that show
    /// more than one logon's activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    pub source_address: Option<String>,
    /// "Success" or "Failure".
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub rows: Vec<ActivityRow>,
    pub page: u32,
    pub page_size: u32,
    /// Rows matching the search, across all pages.
    pub total: i64,
}

impl ActivityPage {
    pub fn page_count(&self) -> u32 {
        paging::page_count(self.total, self.page_size)
    }
}

/// Each action the server records, in plain words for a successful and a
/// failed attempt. A code missing here still shows, as its own words.
pub const ACTIONS: &[(&str, &str, &str)] = &[
    ("sign_in", "Logged in", "Failed log in"),
    (
        "bank_account_added",
        "Added a bank account",
        "Failed to add a bank account",
    ),
    (
        "bank_account_renamed",
        "Renamed a bank account",
        "Failed to rename a bank account",
    ),
    (
        "bank_account_removed",
        "Removed a bank account",
        "Failed to remove a bank account",
    ),
    ("return_filed", "Filed a return", "Failed to file a return"),
    (
        "return_amended",
        "Filed an amended return",
        "Failed to file an amended return",
    ),
    (
        "sign_in_password",
        "Entered password, 2-step code next",
        "Failed log in",
    ),
    (
        "sign_in_two_step",
        "Entered 2-step code",
        "Wrong 2-step code",
    ),
    ("sign_out", "Logged out", "Failed log out"),
    (
        "session_timeout",
        "Signed out after inactivity",
        "Signed out after inactivity",
    ),
    (
        "lockout",
        "Logon locked after failed log ins",
        "Logon locked after failed log ins",
    ),
    (
        "browser_untrusted",
        "Stopped trusting a browser after failed log ins from it",
        "Stopped trusting a browser after failed log ins from it",
    ),
    (
        "unlocked_by_link",
        "Unlocked logon with the emailed link",
        "Failed to unlock logon",
    ),
    (
        "access_guess_ceiling",
        "Too many requests for access did not match",
        "Too many requests for access did not match",
    ),
    ("register", "Created logon", "Failed to create logon"),
    (
        "verify_email",
        "Confirmed email address",
        "Failed to confirm email address",
    ),
    (
        "resend_verify_email",
        "Asked for a new email confirmation link",
        "Failed to ask for a new email confirmation link",
    ),
    (
        "recover_username",
        "Asked for a username reminder",
        "Failed username reminder",
    ),
    (
        "request_password_reset",
        "Asked for a password reset link",
        "Failed password reset request",
    ),
    ("reset_password", "Reset password", "Failed password reset"),
    ("name_changed", "Updated name", "Failed to update name"),
    (
        "phone_changed",
        "Edited phone number",
        "Failed to edit phone number",
    ),
    (
        "email_change_requested",
        "Requested email change",
        "Failed email change request",
    ),
    (
        "email_change_confirmed",
        "Changed email",
        "Failed to change email",
    ),
    (
        "password_changed",
        "Changed password",
        "Failed password change",
    ),
    (
        "secret_question_changed",
        "Updated secret question",
        "Failed to update secret question",
    ),
    (
        "other_sessions_ended",
        "Signed out of other sessions",
        "Failed to sign out of other sessions",
    ),
    (
        "profile_deleted",
        "Deleted profile",
        "Failed to delete profile",
    ),
    (
        "two_step_setup",
        "Started setting up 2-step verification",
        "Failed to start 2-step setup",
    ),
    (
        "two_step_enable",
        "Turned on 2-step verification",
        "Failed to turn on 2-step verification",
    ),
    (
        "two_step_disable",
        "Turned off 2-step verification",
        "Failed to turn off 2-step verification",
    ),
    // Who may act for a business (every access change is recorded).
    (
        "switch_customer",
        "Switched business",
        "Failed to switch business",
    ),
    (
        "secondary_logon_created",
        "Added a secondary logon",
        "Failed to add a secondary logon",
    ),
    (
        "secondary_groups_changed",
        "Changed a secondary logon's security groups",
        "Failed to change security groups",
    ),
    (
        "secondary_access_changed",
        "Changed a secondary logon's access",
        "Failed to change access",
    ),
    (
        "invitation_resent",
        "Resent logon access email",
        "Failed to resend logon access email",
    ),
    (
        "secondary_deactivated",
        "Deactivated a secondary logon's access",
        "Failed to deactivate access",
    ),
    (
        "secondary_disabled",
        "Disabled a secondary logon",
        "Failed to disable a secondary logon",
    ),
    (
        "secondary_activated",
        "Activated a secondary logon",
        "Failed to activate a secondary logon",
    ),
    (
        "secondary_unlocked",
        "Unlocked a secondary logon",
        "Failed to unlock a secondary logon",
    ),
    (
        "temporary_password_issued",
        "Generated a temporary password",
        "Failed to generate a temporary password",
    ),
    (
        "invitation_accepted",
        "Set password from logon access email",
        "Failed to set password from logon access email",
    ),
    (
        "security_group_created",
        "Added a security group",
        "Failed to add a security group",
    ),
    (
        "security_group_changed",
        "Changed a security group",
        "Failed to change a security group",
    ),
    (
        "security_group_deleted",
        "Deleted a security group",
        "Failed to delete a security group",
    ),
    (
        "customer_group_changed",
        "Moved a customer to another security group",
        "Failed to move a customer",
    ),
    (
        "access_requested",
        "Asked for access to a business",
        "Access request did not match a business",
    ),
    (
        "access_claimed",
        "Became Master Administrator of a business",
        "Failed to claim a business",
    ),
    (
        "access_request_approved",
        "Approved an access request",
        "Failed to approve an access request",
    ),
    (
        "access_request_denied",
        "Denied an access request",
        "Failed to deny an access request",
    ),
    (
        "grant_changed",
        "Changed a logon's access",
        "Failed to change a logon's access",
    ),
    (
        "grant_revoked",
        "Revoked a logon's access",
        "Failed to revoke access",
    ),
    (
        "access_left",
        "Left a business",
        "Failed to leave a business",
    ),
];

/// The plain words for an action; unknown codes read as themselves, spaced.
pub fn describe(action: &str, success: bool) -> String {
    match ACTIONS.iter().find(|(code, _, _)| *code == action) {
        Some((_, ok, failed)) => (if success { *ok } else { *failed }).to_owned(),
        None => {
            let words = action.replace('_', " ");
            let mut chars = words.chars();
            let spaced = match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            };
            if success {
                spaced
            } else {
                format!("{spaced} (failed)")
            }
        }
    }
}

/// The action codes (with their outcome) whose plain words contain `text`,
/// so a search by words can be run as a query on codes.
pub fn matching_actions(text: &str) -> Vec<(&'static str, bool)> {
    let text = text.to_lowercase();
    ACTIONS
        .iter()
        .flat_map(|(code, ok, failed)| [(*code, true, *ok), (*code, false, *failed)])
        .filter(|(_, _, words)| words.to_lowercase().contains(&text))
        .map(|(code, success, _)| (code, success))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_in_plain_words() {
        assert_eq!(describe("sign_in", true), "Logged in");
        assert_eq!(describe("sign_in", false), "Failed log in");
        assert_eq!(describe("filed_return", true), "Filed return");
    }

    #[test]
    fn searching_by_words_finds_the_codes() {
        let found = matching_actions("log");
        assert!(found.contains(&("sign_in", true)));
        assert!(found.contains(&("sign_in", false)));
        assert!(found.contains(&("sign_out", true)));
        assert!(!found.contains(&("password_changed", true)));
    }

    #[test]
    fn queries_default_to_the_first_page_of_25_and_check_dates() {
        let search = ActivityQuery::default().parse().unwrap();
        assert_eq!((search.page, search.page_size), (1, 25));
        let bad = ActivityQuery {
            page_size: Some(7),
            from: Some("2026-02-30".into()),
            ..Default::default()
        };
        let errors = bad.parse().unwrap_err();
        assert!(errors.get("page_size").is_some() && errors.get("from").is_some());
    }
}
