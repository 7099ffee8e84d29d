//! The grants feature, named alike in `server/src/grants/` and the browser's
//! `src/grants/`: Add Access to Another Business, and what a business's Master
//! Administrators do with the requests and grants (Manage Additional Logons and
//! Manage Third Party Access). The access vocabulary they use (access types,
//! levels) is `access`, beside the server's rule engine of that name.

use crate::{
    access::{AccessLevels, AccessType, AccountLevel, AccountLevelChoice},
    error::FieldErrors,
    ids::CtRegNumber,
    CivilDate, Money,
};
use serde::{Deserialize, Serialize};

/// A request lapses if nobody decides it in this many days.
pub const REQUEST_DAYS: i64 = 21;
pub const LEGAL_NAME_MAX: usize = 120;
pub const LETTER_ID_MAX: usize = 20;

/// Which shared fact the requester gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// The Letter ID printed on one of the business's messages.
    LetterId,
    /// The amount of one of its payments in the last 12 months.
    PaymentAmount,
}

/// What the requester says they are to the business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// "I work for this business": an additional logon.
    Additional,
    /// "I am its third-party preparer": the grant goes to the preparer firm.
    ThirdParty,
}

impl RequestKind {
    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Additional => "additional",
            RequestKind::ThirdParty => "third_party",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "additional" => Some(RequestKind::Additional),
            "third_party" => Some(RequestKind::ThirdParty),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Additional => "I work for this business",
            RequestKind::ThirdParty => "I am its third-party preparer",
        }
    }
}

/// `POST /api/access-requests`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessRequestForm {
    pub reg_number: String,
    pub legal_name: String,
    #[serde(default)]
    pub fact_kind: Option<FactKind>,
    #[serde(default)]
    pub letter_id: String,
    #[serde(default)]
    pub payment_amount: String,
    #[serde(default)]
    pub kind: Option<RequestKind>,
}

/// The one shared fact, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharedFact {
    LetterId(String),
    PaymentAmount(Money),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequestDetails {
    pub reg_number: CtRegNumber,
    /// Upper-cased and with runs of spaces made one, as legal names are kept.
    pub legal_name_key: String,
    pub fact: SharedFact,
    pub kind: RequestKind,
}

/// Legal names compare ignoring case and extra spaces.
pub fn legal_name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

impl AccessRequestForm {
    pub fn parse(&self) -> Result<AccessRequestDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reg_number = errors.take("reg_number", CtRegNumber::parse(&self.reg_number));
        let legal_name = legal_name_key(&self.legal_name);
        if legal_name.is_empty() {
            errors.add("legal_name", "Enter the business's legal name");
        } else if legal_name.chars().count() > LEGAL_NAME_MAX {
            errors.add(
                "legal_name",
                format!("Legal name must be {LEGAL_NAME_MAX} characters or fewer"),
            );
        }
        let fact = match self.fact_kind {
            None => {
                errors.add(
                    "fact_kind",
                    "Choose whether you will give a Letter ID or a payment amount",
                );
                None
            }
            Some(FactKind::LetterId) => {
                let id: String = self
                    .letter_id
                    .trim()
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .collect::<String>()
                    .to_uppercase();
                if id.is_empty() {
                    errors.add("letter_id", "Enter the Letter ID");
                    None
                } else if id.chars().count() > LETTER_ID_MAX
                    || !id.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    errors.add(
                        "letter_id",
                        "Letter ID must be letters and numbers, as printed on the letter",
                    );
                    None
                } else {
                    Some(SharedFact::LetterId(id))
                }
            }
            Some(FactKind::PaymentAmount) => match Money::parse_input(&self.payment_amount) {
                Ok(amount) if amount.cents() > 0 => Some(SharedFact::PaymentAmount(amount)),
                Ok(_) => {
                    errors.add("payment_amount", "Payment amount must be more than $0.00");
                    None
                }
                Err(message) => {
                    errors.add("payment_amount", message);
                    None
                }
            },
        };
        if self.kind.is_none() {
            errors.add(
                "kind",
                "Choose whether you work for this business or are its third-party preparer",
            );
        }
        match (reg_number, fact, self.kind) {
            (Some(reg_number), Some(fact), Some(kind)) if errors.is_empty() => {
                Ok(AccessRequestDetails {
                    reg_number,
                    legal_name_key: legal_name,
                    fact,
                    kind,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The one answer to every request whose details do not all match, so a guess
/// never learns which part was wrong.
pub const DETAILS_DO_NOT_MATCH: &str =
    "We could not match those details to a business. Check them and try again.";
pub const TOO_MANY_GUESSES: &str =
    "There have been too many attempts that did not match. Try again tomorrow.";
/// A business whose day's ceiling of wrong guesses was reached takes only Letter IDs.
pub const AMOUNTS_PAUSED: &str = "Too many requests for this business gave details that did not \
match, so until tomorrow it can be asked for only with a Letter ID. Give the Letter ID printed on \
one of its letters from us.";

/// What became of a request the moment it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestOutcome {
    /// The business had no Master Administrator: the requester is now one.
    Granted,
    /// Sent to the business's Master Administrators.
    Pending,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequestResult {
    pub outcome: RequestOutcome,
    pub request_id: i64,
    pub legal_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Pending,
    Approved,
    Denied,
    /// Nobody decided within 21 days.
    Expired,
    /// Granted at once: the business had no Master Administrator.
    Claimed,
}

impl RequestStatus {
    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Approved => "approved",
            RequestStatus::Denied => "denied",
            RequestStatus::Expired => "expired",
            RequestStatus::Claimed => "claimed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            RequestStatus::Pending,
            RequestStatus::Approved,
            RequestStatus::Denied,
            RequestStatus::Expired,
            RequestStatus::Claimed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Pending => "Waiting for the business",
            RequestStatus::Approved => "Approved",
            RequestStatus::Denied => "Denied",
            RequestStatus::Expired => "Expired",
            RequestStatus::Claimed => "Granted",
        }
    }
}

/// `GET /api/access-requests/mine`: the requests this logon made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequestRow {
    pub id: i64,
    pub legal_name: String,
    pub reg_number: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
    /// Seconds since the Unix epoch.
    pub requested_at: i64,
    pub decided_at: Option<i64>,
}

/// `GET /api/customers/{id}/access-requests?kind=`: a request waiting for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRequestRow {
    pub id: i64,
    pub kind: RequestKind,
    /// The person who asked.
    pub requester_name: String,
    pub requester_username: String,
    /// For a third party, the firm the grant would go to.
    pub firm_name: Option<String>,
    pub requested_at: i64,
    /// The last day it can be decided.
    pub expires_on: CivilDate,
}

/// `GET /api/customers/{id}/grants?kind=`: a logon or firm that holds access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantRow {
    pub id: i64,
    pub kind: RequestKind,
    pub logon_name: String,
    pub username: String,
    /// For a third party, the firm.
    pub firm_name: Option<String>,
    pub access_type: AccessType,
    pub ends_on: Option<CivilDate>,
    pub accounts: Vec<AccountLevel>,
}

/// The accounts a decision sets levels on, for the approve and change forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionContext {
    pub legal_name: String,
    pub accounts: Vec<AccountLevel>,
}

/// `POST /api/customers/{id}/access-requests/{rid}/approve` and
/// `PUT /api/customers/{id}/grants/{gid}`: access type, levels, optional end date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantDecisionForm {
    #[serde(default)]
    pub access_type: Option<AccessType>,
    /// One per account for a Tax Administrator; ignored for a Master Administrator.
    #[serde(default)]
    pub levels: Vec<AccountLevelChoice>,
    /// The end date's three boxes; all empty means no end date.
    #[serde(default)]
    pub end_month: String,
    #[serde(default)]
    pub end_day: String,
    #[serde(default)]
    pub end_year: String,
    /// Changing a grant only: the Master Administrator making this logon a
    /// Master Administrator steps down to Tax Administrator in the same
    /// change (seed 001, "assign Master Administrator to another user").
    #[serde(default)]
    pub step_down: bool,
}

pub const STEP_DOWN_FIELD: &str = "step_down";
pub const STEP_DOWN_NEEDS_MASTER: &str =
    "To step down, make them a Master Administrator with no end date";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantDecision {
    pub levels: AccessLevels,
    pub ends_on: Option<CivilDate>,
    /// The caller becomes a Tax Administrator with All Access on every account.
    pub step_down: bool,
}

impl GrantDecisionForm {
    /// `today` keeps the end date from being in the past. The server adds: the
    /// levels name exactly the customer's accounts.
    pub fn parse(&self, today: CivilDate) -> Result<GrantDecision, FieldErrors> {
        let mut errors = FieldErrors::new();
        let levels = match self.access_type {
            None => {
                errors.add(
                    "access_type",
                    "Choose Master Administrator or Tax Administrator",
                );
                None
            }
            Some(AccessType::MasterAdministrator) => Some(AccessLevels::Master),
            Some(AccessType::TaxAdministrator) => {
                let mut seen = std::collections::HashSet::new();
                if self.levels.iter().any(|l| !seen.insert(l.account_id)) {
                    errors.add("levels", "Choose one level for each account");
                    None
                } else if self
                    .levels
                    .iter()
                    .all(|l| l.level == crate::access::Level::NoAccess)
                {
                    errors.add(
                        "levels",
                        "Give at least one account a level other than No Access",
                    );
                    None
                } else {
                    Some(AccessLevels::Tax(self.levels.clone()))
                }
            }
        };
        let ends_on = if [&self.end_month, &self.end_day, &self.end_year]
            .iter()
            .all(|p| p.trim().is_empty())
        {
            None
        } else {
            match CivilDate::parse_parts(&self.end_month, &self.end_day, &self.end_year) {
                Ok(date) if date < today => {
                    errors.add("ends_on", "End date must be today or in the future");
                    None
                }
                Ok(date) => Some(date),
                Err(e) => {
                    errors.add("ends_on", e.message("End date"));
                    None
                }
            }
        };
        // Someone must be left to manage the business for good.
        let hands_over = self.access_type == Some(AccessType::MasterAdministrator)
            && ends_on.is_none()
            && errors.get("ends_on").is_none();
        if self.step_down && !hands_over {
            errors.add(STEP_DOWN_FIELD, STEP_DOWN_NEEDS_MASTER);
        }
        match levels {
            Some(levels) if errors.is_empty() => Ok(GrantDecision {
                levels,
                ends_on,
                step_down: self.step_down,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Level;

    fn form() -> AccessRequestForm {
        AccessRequestForm {
            reg_number: "214-2214-4000".into(),
            legal_name: "  natural   health llc ".into(),
            fact_kind: Some(FactKind::PaymentAmount),
            letter_id: String::new(),
            payment_amount: "$1,250.00".into(),
            kind: Some(RequestKind::ThirdParty),
        }
    }

    #[test]
    fn a_request_parses_with_the_name_as_the_agency_keeps_it() {
        let details = form().parse().unwrap();
        assert_eq!(details.reg_number.as_str(), "21422144000");
        assert_eq!(details.legal_name_key, "NATURAL HEALTH LLC");
        assert_eq!(
            details.fact,
            SharedFact::PaymentAmount(Money::from_cents(125_000))
        );
    }

    #[test]
    fn an_empty_request_gets_an_error_per_field_in_form_order() {
        let errors = AccessRequestForm::default().parse().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["reg_number", "legal_name", "fact_kind", "kind"]);
    }

    #[test]
    fn a_letter_id_is_compared_without_dashes_or_case() {
        let mut f = form();
        f.fact_kind = Some(FactKind::LetterId);
        f.letter_id = " l-0012 3456 ".into();
        assert_eq!(
            f.parse().unwrap().fact,
            SharedFact::LetterId("L00123456".into())
        );
    }

    #[test]
    fn a_decision_needs_a_type_some_access_and_a_future_end_date() {
        let today = CivilDate::new(2026, 11, 23).unwrap();
        let errors = GrantDecisionForm {
            access_type: Some(AccessType::TaxAdministrator),
            levels: vec![AccountLevelChoice {
                account_id: 1,
                level: Level::NoAccess,
            }],
            end_month: "11".into(),
            end_day: "22".into(),
            end_year: "2026".into(),
            ..Default::default()
        }
        .parse(today)
        .unwrap_err();
        assert!(errors.get("levels").is_some());
        assert_eq!(
            errors.get("ends_on"),
            Some("End date must be today or in the future")
        );
        let ok = GrantDecisionForm {
            access_type: Some(AccessType::MasterAdministrator),
            ..Default::default()
        }
        .parse(today)
        .unwrap();
        assert_eq!(ok.levels, AccessLevels::Master);
        assert_eq!(ok.ends_on, None);
        assert!(!ok.step_down);
    }

    #[test]
    fn stepping_down_needs_a_master_administrator_with_no_end_date() {
        let today = CivilDate::new(2026, 11, 23).unwrap();
        let hand_over = GrantDecisionForm {
            access_type: Some(AccessType::MasterAdministrator),
            step_down: true,
            ..Default::default()
        };
        assert!(hand_over.parse(today).unwrap().step_down);
        let until = GrantDecisionForm {
            end_month: "12".into(),
            end_day: "31".into(),
            end_year: "2027".into(),
            ..hand_over.clone()
        };
        assert_eq!(
            until.parse(today).unwrap_err().get(STEP_DOWN_FIELD),
            Some(STEP_DOWN_NEEDS_MASTER)
        );
        let tax = GrantDecisionForm {
            access_type: Some(AccessType::TaxAdministrator),
            levels: vec![AccountLevelChoice {
                account_id: 1,
                level: Level::ViewOnly,
            }],
            ..hand_over
        };
        assert_eq!(
            tax.parse(today).unwrap_err().get(STEP_DOWN_FIELD),
            Some(STEP_DOWN_NEEDS_MASTER)
        );
    }
}
