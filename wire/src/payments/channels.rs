//! Manage Payment Channels: a business's bank accounts. The request carries
//! the boxes as typed (strings), so every problem comes back keyed by its box;
//! the full account number travels only in the request that adds it, and
//! every answer shows it masked.

use super::bank::{parse_bank_account, BankAccountNumber, RoutingNumber};
use crate::error::FieldErrors;
use serde::{Deserialize, Serialize};

/// The longest nickname, in characters.
pub const NICKNAME_MAX: usize = 40;

/// Checking or savings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BankAccountKind {
    Checking,
    Savings,
}

impl BankAccountKind {
    pub const ALL: [BankAccountKind; 2] = [BankAccountKind::Checking, BankAccountKind::Savings];

    pub fn code(self) -> &'static str {
        match self {
            BankAccountKind::Checking => "checking",
            BankAccountKind::Savings => "savings",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            BankAccountKind::Checking => "Checking",
            BankAccountKind::Savings => "Savings",
        }
    }
}

/// `POST /api/customers/{customer_id}/bank-accounts`. `idempotency_key` is
/// made once per form by the browser: a double submit adds one account.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddBankAccountRequest {
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub routing_number: String,
    #[serde(default)]
    pub account_number: String,
    #[serde(default)]
    pub confirm_account_number: String,
    /// `checking` or `savings`; empty when nothing was chosen.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub idempotency_key: String,
}

crate::debug_without_secrets!(AddBankAccountRequest {
    nickname,
    routing_number,
    kind
});

/// What [`AddBankAccountRequest::parse`] gives when every box is right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBankAccount {
    pub nickname: String,
    pub routing_number: RoutingNumber,
    pub account_number: BankAccountNumber,
    pub kind: BankAccountKind,
    pub idempotency_key: String,
}

/// A nickname: trimmed, 1 to [`NICKNAME_MAX`] characters, no control characters.
pub fn parse_nickname(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter a nickname for the bank account".to_owned());
    }
    if text.chars().count() > NICKNAME_MAX {
        return Err(format!(
            "Nickname must be {NICKNAME_MAX} characters or fewer"
        ));
    }
    if text.chars().any(char::is_control) {
        return Err("Nickname must be letters, numbers, spaces and punctuation".to_owned());
    }
    Ok(text.to_owned())
}

impl AddBankAccountRequest {
    /// Every box's problem, in the form's order (nickname, routing number,
    /// account number, again, kind).
    pub fn parse(&self) -> Result<NewBankAccount, FieldErrors> {
        let mut errors = FieldErrors::new();
        let nickname = errors.take("nickname", parse_nickname(&self.nickname));
        let routing_number =
            errors.take("routing_number", RoutingNumber::parse(&self.routing_number));
        let account_number =
            match parse_bank_account(&self.account_number, &self.confirm_account_number) {
                Ok(number) => Some(number),
                Err(found) => {
                    errors.0.extend(found.0);
                    None
                }
            };
        let kind = BankAccountKind::from_code(self.kind.trim());
        if kind.is_none() {
            errors.add("kind", "Select checking or savings");
        }
        let key = self.idempotency_key.trim();
        if key.is_empty() || key.len() > 100 {
            errors.add(
                "idempotency_key",
                "Open the form again and add the bank account from there",
            );
        }
        match (nickname, routing_number, account_number, kind) {
            (Some(nickname), Some(routing_number), Some(account_number), Some(kind))
                if errors.is_empty() =>
            {
                Ok(NewBankAccount {
                    nickname,
                    routing_number,
                    account_number,
                    kind,
                    idempotency_key: key.to_owned(),
                })
            }
            _ => Err(errors),
        }
    }
}

/// `PUT /api/customers/{customer_id}/bank-accounts/{bank_account_id}`: Rename.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameBankAccountRequest {
    #[serde(default)]
    pub nickname: String,
}

impl RenameBankAccountRequest {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        match errors.take("nickname", parse_nickname(&self.nickname)) {
            Some(nickname) => Ok(nickname),
            None => Err(errors),
        }
    }
}

/// One row of the list: never more of the number than its last four.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAccountRow {
    pub id: i64,
    pub nickname: String,
    pub kind: BankAccountKind,
    pub routing_number: String,
    /// `****1234`.
    pub account_masked: String,
    /// Seconds since the Unix epoch (UTC).
    pub added_at: i64,
    /// The name of the logon that added it.
    pub added_by: String,
}

/// `GET /api/customers/{customer_id}/bank-accounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAccountList {
    pub accounts: Vec<BankAccountRow>,
    /// Whether the caller may add, rename and remove (the server refuses otherwise).
    pub may_manage: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> AddBankAccountRequest {
        AddBankAccountRequest {
            nickname: " Operating account ".into(),
            routing_number: "011000015".into(),
            account_number: "000123456789".into(),
            confirm_account_number: "0001 2345 6789".into(),
            kind: "checking".into(),
            idempotency_key: "k-1".into(),
        }
    }

    #[test]
    fn a_complete_form_gives_a_bank_account_with_a_trimmed_nickname() {
        let parsed = request().parse().unwrap();
        assert_eq!(parsed.nickname, "Operating account");
        assert_eq!(parsed.routing_number.as_str(), "011000015");
        assert_eq!(parsed.account_number.masked(), "****6789");
        assert_eq!(parsed.kind, BankAccountKind::Checking);
    }

    #[test]
    fn every_wrong_box_is_named_in_the_forms_order() {
        let wrong = AddBankAccountRequest {
            nickname: "  ".into(),
            routing_number: "021000022".into(),
            account_number: "12345678".into(),
            confirm_account_number: "12345679".into(),
            kind: String::new(),
            idempotency_key: "k".into(),
        };
        let errors = wrong.parse().unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "nickname",
                "routing_number",
                "confirm_account_number",
                "kind"
            ]
        );
        assert_eq!(
            errors.get("confirm_account_number"),
            Some("The account numbers do not match")
        );
    }

    #[test]
    fn a_nickname_is_one_to_forty_characters() {
        assert!(parse_nickname(&"a".repeat(40)).is_ok());
        assert_eq!(
            parse_nickname(&"a".repeat(41)).unwrap_err(),
            "Nickname must be 40 characters or fewer"
        );
        assert!(parse_nickname("tab\there").is_err());
        assert_eq!(
            RenameBankAccountRequest {
                nickname: "".into()
            }
            .parse()
            .unwrap_err()
            .get("nickname"),
            Some("Enter a nickname for the bank account")
        );
    }

    #[test]
    fn the_request_shows_no_account_number_in_debug() {
        let shown = format!("{:?}", request());
        assert!(shown.contains("Operating account"), "{shown}");
        assert!(!shown.contains("123456789"), "{shown}");
    }
}
