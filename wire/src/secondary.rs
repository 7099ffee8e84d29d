//! Manage Secondary Logons: the logons a parent makes for the people who act on
//! its behalf, the security groups that say which customers each reaches, and
//! Customer Security, which puts each customer the parent reaches in one group.

use crate::{
    access::{AccessType, Level, TaxTypeLevel},
    email::Email,
    error::FieldErrors,
    password::{check_confirmation, NewPassword, PasswordContext, CONFIRM_FIELD},
    registration::{normalize_answer, parse_answer, parse_username, NAME_MAX, SECRET_QUESTIONS},
    tax::TaxType,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An invitation link lasts this long.
pub const INVITATION_DAYS: i64 = 7;
pub const GROUP_NAME_MAX: usize = 60;
pub const GROUP_DESCRIPTION_MAX: usize = 200;
/// The group every parent has, which cannot be renamed or deleted.
pub const DEFAULT_GROUP: &str = "Default";

/// A secondary logon's state as its parent sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondaryStatus {
    /// Invited; no password set yet.
    Pending,
    Active,
    Locked,
    /// Disabled by the parent; Activate brings it back.
    Disabled,
    /// Access deactivated (final) or cancelled with its parent.
    Cancelled,
}

impl SecondaryStatus {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "pending" => Some(Self::Pending),
            "active" => Some(Self::Active),
            "locked" => Some(Self::Locked),
            "disabled" => Some(Self::Disabled),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Waiting for password",
            Self::Active => "Active",
            Self::Locked => "Locked",
            Self::Disabled => "Disabled",
            Self::Cancelled => "Deactivated",
        }
    }
}

/// `GET /api/secondary-logons`: one row of the Secondary Logons tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondaryLogonRow {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub email: String,
    pub access_type: AccessType,
    pub status: SecondaryStatus,
}

/// A security group as a reference in other views.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRef {
    pub id: i64,
    pub name: String,
}

/// `GET /api/secondary-logons/{id}`: the logon's Settings tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondaryLogonView {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub email: String,
    pub access_type: AccessType,
    pub status: SecondaryStatus,
    pub groups: Vec<GroupRef>,
    /// Account Access: the tax types it may act on, with its own level on each
    /// (All Access for a Master Administrator). A type missing here is not allowed.
    pub tax_types: Vec<TaxTypeLevel>,
}

/// `GET /api/secondary-logons/defaults`: the access "Create a Logon for
/// Someone Else" starts from, the creator's own (seed 000: "By default,
/// Secondary Logons have the same access as the person creating the Secondary
/// Logon"); with the Default group, the four boxes and Save are enough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondaryDefaults {
    pub access_type: AccessType,
    /// Each tax type with the creator's highest level on an account of it.
    pub tax_types: Vec<TaxTypeLevel>,
}

/// `POST /api/secondary-logons`: Add ("Create a Logon for Someone Else").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSecondaryLogonRequest {
    pub username: String,
    pub name: String,
    pub email: String,
    pub confirm_email: String,
    /// `master_administrator` or `tax_administrator`; empty when not chosen.
    #[serde(default)]
    pub access_type: Option<AccessType>,
    /// Security groups; at least one.
    #[serde(default)]
    pub groups: Vec<i64>,
    /// Account types with a level; at least one.
    #[serde(default)]
    pub tax_types: Vec<TaxTypeLevel>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSecondaryLogon {
    pub username: String,
    pub name: String,
    pub email: Email,
    pub access: SecondaryAccess,
    pub groups: Vec<i64>,
}

/// A secondary logon's own access: its type and the tax types it may act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondaryAccess {
    pub access_type: AccessType,
    /// Deduplicated; a Master Administrator's levels are all All Access.
    pub tax_types: Vec<TaxTypeLevel>,
}

impl NewSecondaryLogonRequest {
    /// Errors in the order of the form. The server adds what only it knows:
    /// whether the username is taken and whether the groups are the parent's.
    pub fn parse(&self) -> Result<NewSecondaryLogon, FieldErrors> {
        let mut errors = FieldErrors::new();
        let username = errors.take("username", parse_username(&self.username));
        let name = errors.take("name", parse_name(&self.name));
        // The form asks for somebody else's details: "their", not "your".
        let whose = crate::email::Whose::Theirs;
        let email = errors.take("email", Email::parse(&self.email, whose));
        if self.confirm_email.trim().is_empty() {
            errors.add("confirm_email", whose.enter_email_again());
        } else if email.as_ref().is_some_and(|e| !e.is(&self.confirm_email)) {
            errors.add("confirm_email", "Email addresses do not match");
        }
        let access = errors.take(
            "access_type",
            parse_access(self.access_type, &self.tax_types),
        );
        let groups = errors.take("groups", parse_groups(&self.groups));
        match (username, name, email, access, groups) {
            (Some(username), Some(name), Some(email), Some(access), Some(groups))
                if errors.is_empty() =>
            {
                Ok(NewSecondaryLogon {
                    username,
                    name,
                    email,
                    access,
                    groups,
                })
            }
            _ => Err(errors),
        }
    }
}

fn parse_name(typed: &str) -> Result<String, String> {
    let name = typed.trim();
    if name.is_empty() {
        Err(crate::email::Whose::Theirs.enter("full name"))
    } else if name.chars().count() > NAME_MAX {
        Err(format!("Name must be {NAME_MAX} characters or fewer"))
    } else {
        Ok(name.to_owned())
    }
}

/// The first error of the access settings is reported under `access_type` when
/// no type is chosen, else under `tax_types`.
fn parse_access(
    access_type: Option<AccessType>,
    tax_types: &[TaxTypeLevel],
) -> Result<SecondaryAccess, String> {
    let access_type = access_type.ok_or("Choose Master Administrator or Tax Administrator")?;
    parse_tax_types(access_type, tax_types)
        .map(|tax_types| SecondaryAccess {
            access_type,
            tax_types,
        })
        .map_err(|e| e.to_owned())
}

fn parse_tax_types(
    access_type: AccessType,
    chosen: &[TaxTypeLevel],
) -> Result<Vec<TaxTypeLevel>, &'static str> {
    let mut out: Vec<TaxTypeLevel> = Vec::new();
    for choice in chosen {
        if out.iter().any(|c| c.tax_type == choice.tax_type) {
            return Err("Choose each account type once");
        }
        let level = match access_type {
            AccessType::MasterAdministrator => Level::AllAccess,
            AccessType::TaxAdministrator => choice.level,
        };
        if level != Level::NoAccess {
            out.push(TaxTypeLevel {
                tax_type: choice.tax_type,
                level,
            });
        }
    }
    if out.is_empty() {
        return Err("Choose at least one account type the logon may use");
    }
    out.sort_by_key(|c| TaxType::ALL.iter().position(|t| *t == c.tax_type));
    Ok(out)
}

fn parse_groups(groups: &[i64]) -> Result<Vec<i64>, String> {
    let mut out: Vec<i64> = groups.to_vec();
    out.sort_unstable();
    out.dedup();
    if out.is_empty() {
        Err("Choose at least one security group".into())
    } else {
        Ok(out)
    }
}

/// `PUT /api/secondary-logons/{id}/groups`: Security Groups → Change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeGroupsRequest {
    #[serde(default)]
    pub groups: Vec<i64>,
}

impl ChangeGroupsRequest {
    pub fn parse(&self) -> Result<Vec<i64>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let groups = errors.take("groups", parse_groups(&self.groups));
        groups.filter(|_| errors.is_empty()).ok_or(errors)
    }
}

/// `PUT /api/secondary-logons/{id}/access`: Change Access and Account Access → Change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeSecondaryAccessRequest {
    #[serde(default)]
    pub access_type: Option<AccessType>,
    #[serde(default)]
    pub tax_types: Vec<TaxTypeLevel>,
}

impl ChangeSecondaryAccessRequest {
    pub fn parse(&self) -> Result<SecondaryAccess, FieldErrors> {
        let mut errors = FieldErrors::new();
        let access = errors.take(
            "access_type",
            parse_access(self.access_type, &self.tax_types),
        );
        access.filter(|_| errors.is_empty()).ok_or(errors)
    }
}

/// `POST /api/secondary-logons/{id}/temporary-password` answers this, once.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryPasswordView {
    pub password: String,
    /// Seconds since the Unix epoch when it stops working.
    pub expires_at: i64,
}

impl fmt::Debug for TemporaryPasswordView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TemporaryPasswordView(..)")
    }
}

/// `GET /api/security-groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupView {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub is_default: bool,
    /// Customers in the group.
    pub customer_count: i64,
    /// Secondary logons that have the group.
    pub logon_count: i64,
}

/// `POST /api/security-groups`, `PUT /api/security-groups/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupForm {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityGroupFields {
    pub name: String,
    pub description: String,
}

impl SecurityGroupForm {
    /// The server adds: the name is not already one of the parent's groups.
    pub fn parse(&self) -> Result<SecurityGroupFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "Enter a name for the security group");
        } else if name.chars().count() > GROUP_NAME_MAX {
            errors.add(
                "name",
                format!("Name must be {GROUP_NAME_MAX} characters or fewer"),
            );
        } else if name.eq_ignore_ascii_case(DEFAULT_GROUP) {
            errors.add("name", "Default is already a group. Choose another name");
        }
        let description = self.description.trim();
        if description.chars().count() > GROUP_DESCRIPTION_MAX {
            errors.add(
                "description",
                format!("Description must be {GROUP_DESCRIPTION_MAX} characters or fewer"),
            );
        }
        if errors.is_empty() {
            Ok(SecurityGroupFields {
                name: name.to_owned(),
                description: description.to_owned(),
            })
        } else {
            Err(errors)
        }
    }
}

pub const GROUP_NAME_TAKEN: &str = "You already have a security group with that name";

/// `GET /api/customer-security`: one customer the parent reaches, with its group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSecurityRow {
    pub customer_id: i64,
    pub legal_name: String,
    pub reg_number: String,
    pub group: GroupRef,
}

/// `PUT /api/customer-security/{customer_id}`: Select Security Group → Save.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveCustomerRequest {
    #[serde(default)]
    pub group_id: Option<i64>,
}

impl MoveCustomerRequest {
    pub fn parse(&self) -> Result<i64, FieldErrors> {
        self.group_id.ok_or_else(|| {
            let mut errors = FieldErrors::new();
            errors.add("group_id", "Choose a security group");
            errors
        })
    }
}

/// `POST /api/customer-security/move`: many customers into one group in one
/// step (issue 14 §4: moving 55 clients is one action, not 55): the ticked
/// ones, or every one the list's search matches ("all matching this search").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveCustomersRequest {
    #[serde(default)]
    pub group_id: Option<i64>,
    #[serde(default)]
    pub customer_ids: Vec<i64>,
    #[serde(default)]
    pub matching: Option<MatchingSearch>,
}

/// Every customer a Customer Security search matches, and how many the list
/// said it matched when the user chose them: if that has changed since, the
/// move is refused rather than moving customers the user never saw counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchingSearch {
    /// The search text; none: every customer the logon reaches.
    #[serde(default)]
    pub q: Option<String>,
    pub expected: i64,
}

/// The most ticked customers one move takes (a page of the list holds at most 100).
pub const MOVE_AT_MOST: usize = 500;

/// The most customers "all matching this search" moves in one transaction.
pub const MOVE_MATCHING_AT_MOST: i64 = 10_000;

/// Which customers a move takes, once parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveSelection {
    /// These, each once.
    Ticked(Vec<i64>),
    /// Every one the search matches, expected to be this many.
    Matching { text: Option<String>, expected: i64 },
}

impl MoveCustomersRequest {
    /// The group and the customers, each once.
    pub fn parse(&self) -> Result<(i64, MoveSelection), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.group_id.is_none() {
            errors.add("group_id", "Choose a security group");
        }
        let mut ids = self.customer_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        let selection = match &self.matching {
            Some(_) if !ids.is_empty() => {
                errors.add(
                    "customer_ids",
                    "Select customers, or all matching the search, not both",
                );
                None
            }
            Some(matching) => {
                let text = crate::paging::search_text(matching.q.as_deref(), &mut errors);
                if matching.expected < 1 {
                    errors.add("customer_ids", "No customers match the search");
                } else if matching.expected > MOVE_MATCHING_AT_MOST {
                    errors.add(
                        "customer_ids",
                        format!(
                            "More than {} customers match: narrow the search to move them together",
                            crate::bulk::text::group_thousands(MOVE_MATCHING_AT_MOST as u64)
                        ),
                    );
                }
                Some(MoveSelection::Matching {
                    text,
                    expected: matching.expected,
                })
            }
            None if ids.is_empty() => {
                errors.add("customer_ids", "Select the customers to move");
                None
            }
            None if ids.len() > MOVE_AT_MOST => {
                errors.add(
                    "customer_ids",
                    format!("Select at most {MOVE_AT_MOST} customers at a time"),
                );
                None
            }
            None => Some(MoveSelection::Ticked(ids)),
        };
        match (self.group_id, selection) {
            (Some(group_id), Some(selection)) if errors.is_empty() => Ok((group_id, selection)),
            _ => Err(errors),
        }
    }
}

/// What a move did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomersMoved {
    pub moved: usize,
    pub group: GroupRef,
}

/// `GET /api/invitations?token=` answers who the link is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub username: String,
    pub name: String,
    /// Who made the logon ("Jane Smith").
    pub invited_by: String,
}

/// `POST /api/invitations/accept`: the invited person sets a password and a
/// secret question, and the logon becomes active.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    pub token: String,
    pub password: String,
    pub confirm_password: String,
    pub secret_question: String,
    pub secret_answer: String,
}

#[derive(Clone, PartialEq, Eq)]
pub struct AcceptedInvitation {
    pub password: NewPassword,
    pub secret_question: String,
    /// Normalized with [`normalize_answer`].
    pub secret_answer: String,
}

impl fmt::Debug for AcceptedInvitation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AcceptedInvitation(..)")
    }
}

impl fmt::Debug for AcceptInvitationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AcceptInvitationRequest(..)")
    }
}

impl AcceptInvitationRequest {
    /// The browser passes the username and name the link is for; the server
    /// passes the logon's username, name and email.
    pub fn parse(&self, context: &PasswordContext) -> Result<AcceptedInvitation, FieldErrors> {
        let mut errors = FieldErrors::new();
        let password = errors.take("password", NewPassword::parse(&self.password, context));
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
        match (password, answer) {
            (Some(password), Some(answer)) if errors.is_empty() => Ok(AcceptedInvitation {
                password,
                secret_question: self.secret_question.clone(),
                secret_answer: normalize_answer(&answer),
            }),
            _ => Err(errors),
        }
    }
}

pub const INVITATION_GONE: &str =
    "This link has expired or has already been used. Ask the person who made your logon to send a new one.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_of_many_needs_a_group_and_some_customers_each_counted_once() {
        let none = MoveCustomersRequest::default().parse().unwrap_err();
        let fields: Vec<&str> = none.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["group_id", "customer_ids"]);
        let twice = MoveCustomersRequest {
            group_id: Some(3),
            customer_ids: vec![9, 4, 9],
            ..Default::default()
        };
        assert_eq!(
            twice.parse().unwrap(),
            (3, MoveSelection::Ticked(vec![4, 9]))
        );
        let too_many = MoveCustomersRequest {
            group_id: Some(3),
            customer_ids: (0..=MOVE_AT_MOST as i64).collect(),
            ..Default::default()
        };
        assert_eq!(
            too_many.parse().unwrap_err().0[0].message,
            "Select at most 500 customers at a time"
        );
    }

    #[test]
    fn all_matching_a_search_is_a_move_of_the_count_the_user_saw_and_never_beside_ticks() {
        let matching = |q: Option<&str>, expected: i64| MoveCustomersRequest {
            group_id: Some(3),
            matching: Some(MatchingSearch {
                q: q.map(str::to_owned),
                expected,
            }),
            ..Default::default()
        };
        assert_eq!(
            matching(Some("  maple "), 55).parse().unwrap(),
            (
                3,
                MoveSelection::Matching {
                    text: Some("maple".into()),
                    expected: 55
                }
            )
        );
        // No search text: every customer the logon reaches.
        assert_eq!(
            matching(None, 7).parse().unwrap().1,
            MoveSelection::Matching {
                text: None,
                expected: 7
            }
        );
        let message =
            |request: MoveCustomersRequest| request.parse().unwrap_err().0[0].message.clone();
        assert_eq!(
            message(matching(Some("x"), 0)),
            "No customers match the search"
        );
        assert_eq!(
            message(matching(None, MOVE_MATCHING_AT_MOST + 1)),
            "More than 10,000 customers match: narrow the search to move them together"
        );
        let both = MoveCustomersRequest {
            customer_ids: vec![4],
            ..matching(None, 7)
        };
        assert_eq!(
            message(both),
            "Select customers, or all matching the search, not both"
        );
    }

    fn request() -> NewSecondaryLogonRequest {
        NewSecondaryLogonRequest {
            username: "SecondaryNaturalHealth".into(),
            name: "Jim Smith".into(),
            email: "jim@example.com".into(),
            confirm_email: "JIM@example.com".into(),
            access_type: Some(AccessType::TaxAdministrator),
            groups: vec![3, 3],
            tax_types: vec![
                TaxTypeLevel {
                    tax_type: TaxType::Withholding,
                    level: Level::FileOnly,
                },
                TaxTypeLevel {
                    tax_type: TaxType::SalesAndUse,
                    level: Level::ViewOnly,
                },
                TaxTypeLevel {
                    tax_type: TaxType::Tourism,
                    level: Level::NoAccess,
                },
            ],
        }
    }

    #[test]
    fn a_missing_email_asks_for_their_address_not_yours() {
        let blank = NewSecondaryLogonRequest {
            email: " ".into(),
            confirm_email: String::new(),
            ..request()
        };
        let errors = blank.parse().unwrap_err();
        assert_eq!(errors.get("email"), Some("Enter their email address"));
        assert_eq!(
            errors.get("confirm_email"),
            Some("Enter their email address again")
        );
        let nameless = NewSecondaryLogonRequest {
            name: " ".into(),
            ..request()
        };
        assert_eq!(
            nameless.parse().unwrap_err().get("name"),
            Some("Enter their full name")
        );
    }

    #[test]
    fn the_tutorials_secondary_logon_parses_with_types_in_list_order() {
        let parsed = request().parse().unwrap();
        assert_eq!(parsed.username, "SecondaryNaturalHealth");
        assert_eq!(parsed.groups, vec![3]);
        let types: Vec<_> = parsed.access.tax_types.iter().map(|t| t.tax_type).collect();
        assert_eq!(types, vec![TaxType::SalesAndUse, TaxType::Withholding]);
    }

    #[test]
    fn a_master_administrator_secondary_gets_all_access_on_each_chosen_type() {
        let mut r = request();
        r.access_type = Some(AccessType::MasterAdministrator);
        let parsed = r.parse().unwrap();
        assert!(parsed
            .access
            .tax_types
            .iter()
            .all(|t| t.level == Level::AllAccess));
        assert_eq!(parsed.access.tax_types.len(), 3);
    }

    #[test]
    fn an_empty_form_gets_an_error_for_each_field_in_form_order() {
        let errors = NewSecondaryLogonRequest::default().parse().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "username",
                "name",
                "email",
                "confirm_email",
                "access_type",
                "groups"
            ]
        );
    }

    #[test]
    fn mismatched_emails_and_no_account_types_are_refused() {
        let mut r = request();
        r.confirm_email = "other@example.com".into();
        r.tax_types.clear();
        let errors = r.parse().unwrap_err();
        assert_eq!(
            errors.get("confirm_email"),
            Some("Email addresses do not match")
        );
        assert!(errors.get("access_type").is_some());
    }

    #[test]
    fn a_group_cannot_be_called_default() {
        let form = SecurityGroupForm {
            name: "default".into(),
            description: String::new(),
        };
        assert!(form.parse().unwrap_err().get("name").is_some());
    }
}
