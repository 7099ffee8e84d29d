//! Who may act for a business: access types, levels, and the lists a logon sees
//! of the customers it reaches. The server decides every question; the browser
//! uses these only to label what it is shown and to hide what would be refused.

use crate::{error::FieldErrors, paging, tax::TaxType, CivilDate};
use serde::{Deserialize, Serialize};

/// Every grant of a logon to a customer is one of these two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessType {
    /// All access to all accounts, and the only one who manages logons.
    MasterAdministrator,
    /// A level per tax account.
    TaxAdministrator,
}

impl AccessType {
    pub const ALL: [AccessType; 2] = [
        AccessType::MasterAdministrator,
        AccessType::TaxAdministrator,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AccessType::MasterAdministrator => "master_administrator",
            AccessType::TaxAdministrator => "tax_administrator",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            AccessType::MasterAdministrator => "Master Administrator",
            AccessType::TaxAdministrator => "Tax Administrator",
        }
    }
}

/// A logon's status as the rules need it: `active` and `locked` act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogonState {
    /// Active, or locked: a lock stops new sign-ins from untrusted browsers
    /// (a stranger can cause one), not the owner's sessions.
    Active,
    /// pending, disabled or cancelled: none of them acts.
    Inactive,
}

impl LogonState {
    pub fn from_code(code: &str) -> Self {
        if matches!(code, "active" | "locked") {
            LogonState::Active
        } else {
            LogonState::Inactive
        }
    }
}

/// A Tax Administrator's level on one tax account: a set of rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    NoAccess,
    ViewOnly,
    FileOnly,
    PayOnly,
    FileAndPay,
    AllAccess,
}

/// What a level can allow. One predicate per right, so no right implies another
/// by accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Right {
    View,
    File,
    Pay,
    /// Banking, waivers, status letters.
    ManageAccountSettings,
}

impl Right {
    pub const ALL: [Right; 4] = [
        Right::View,
        Right::File,
        Right::Pay,
        Right::ManageAccountSettings,
    ];
}

impl Level {
    pub const ALL: [Level; 6] = [
        Level::NoAccess,
        Level::ViewOnly,
        Level::FileOnly,
        Level::PayOnly,
        Level::FileAndPay,
        Level::AllAccess,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Level::NoAccess => "no_access",
            Level::ViewOnly => "view_only",
            Level::FileOnly => "file_only",
            Level::PayOnly => "pay_only",
            Level::FileAndPay => "file_and_pay",
            Level::AllAccess => "all_access",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::NoAccess => "No Access",
            Level::ViewOnly => "View Only",
            Level::FileOnly => "File Only",
            Level::PayOnly => "Pay Only",
            Level::FileAndPay => "File and Pay",
            Level::AllAccess => "All Access",
        }
    }

    /// docs/domain.md's level table.
    pub fn allows(self, right: Right) -> bool {
        use Level::*;
        match right {
            Right::View => self != NoAccess,
            Right::File => matches!(self, FileOnly | FileAndPay | AllAccess),
            Right::Pay => matches!(self, PayOnly | FileAndPay | AllAccess),
            Right::ManageAccountSettings => self == AllAccess,
        }
    }

    /// The largest level whose rights are all in both: a secondary logon's own
    /// level met with its parent's ("File Only" ∩ "Pay Only" = "View Only").
    pub fn meet(self, other: Level) -> Level {
        let allowed = |right| self.allows(right) && other.allows(right);
        Level::ALL
            .into_iter()
            .rev()
            .find(|level| {
                Right::ALL
                    .into_iter()
                    .all(|r| level.allows(r) == allowed(r))
            })
            .unwrap_or(Level::NoAccess)
    }

    /// The smallest level with every right either has: what a secondary
    /// logon needs on a tax type to keep all its parent has on accounts of
    /// that type ("File Only" and "Pay Only" make "File and Pay").
    pub fn join(self, other: Level) -> Level {
        let wanted = |right| self.allows(right) || other.allows(right);
        Level::ALL
            .into_iter()
            .find(|level| {
                Right::ALL
                    .into_iter()
                    .all(|r| !wanted(r) || level.allows(r))
            })
            .unwrap_or(Level::AllAccess)
    }
}

/// How a logon came to reach a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// The customer's own logon.
    Own,
    /// Someone who works for the business, approved by its Master Administrator.
    Additional,
    /// A preparer firm the business granted.
    ThirdParty,
    /// Through the parent logon, as its secondary logon.
    Secondary,
}

impl Relationship {
    pub fn code(self) -> &'static str {
        match self {
            Relationship::Own => "own",
            Relationship::Additional => "additional",
            Relationship::ThirdParty => "third_party",
            Relationship::Secondary => "secondary",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Relationship::Own,
            Relationship::Additional,
            Relationship::ThirdParty,
            Relationship::Secondary,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Relationship::Own => "Your logon",
            Relationship::Additional => "Additional logon",
            Relationship::ThirdParty => "Third party",
            Relationship::Secondary => "Secondary logon",
        }
    }
}

/// A level on one tax account, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLevel {
    pub account_id: i64,
    /// The 10-digit Account ID.
    pub account_number: String,
    pub tax_type: TaxType,
    pub level: Level,
}

/// A level chosen for one tax account in a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountLevelChoice {
    pub account_id: i64,
    pub level: Level,
}

/// What a decision gives: Master Administrator, or a level per account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessLevels {
    Master,
    Tax(Vec<AccountLevelChoice>),
}

impl AccessLevels {
    pub fn access_type(&self) -> AccessType {
        match self {
            AccessLevels::Master => AccessType::MasterAdministrator,
            AccessLevels::Tax(_) => AccessType::TaxAdministrator,
        }
    }
}

/// A level chosen for one tax type (a secondary logon's Account Access).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxTypeLevel {
    pub tax_type: TaxType,
    pub level: Level,
}

pub use crate::paging::{Cursor, DEFAULT_PAGE_SIZE, PAGE_SIZES, SEARCH_MAX};

/// How the Customers list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    #[default]
    Name,
    RegNumber,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    #[default]
    Ascending,
    Descending,
}

/// `?q=&sort=&dir=&page=&page_size=` on every customer list (Customers,
/// Manage Your Access, Customer Security).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerQuery {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub sort: Option<CustomerSort>,
    #[serde(default)]
    pub dir: Option<SortDirection>,
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub page_size: Option<u32>,
    /// Where the page starts: the `next` or `previous` of the page before.
    #[serde(default)]
    pub cursor: Option<String>,
}

/// A customer list query that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerSearch {
    /// Upper-cased search text: any part of the legal name, of the CT Tax
    /// Registration Number or of an account number.
    pub text: Option<String>,
    pub sort: CustomerSort,
    pub dir: SortDirection,
    /// From 1 (the cursor's page when there is one).
    pub page: u32,
    pub page_size: u32,
    /// The row the page starts after (or ends before), in this order.
    pub cursor: Option<Cursor>,
}

impl CustomerSearch {
    /// The rows before the page, for a page asked for by number (no cursor).
    pub fn offset(&self) -> i64 {
        i64::from(self.page.saturating_sub(1)) * i64::from(self.page_size)
    }

    /// The name of the list's order, which its cursors carry.
    pub fn order(&self) -> String {
        order_name(self.sort, self.dir)
    }
}

fn order_name(sort: CustomerSort, dir: SortDirection) -> String {
    let sort = match sort {
        CustomerSort::Name => "name",
        CustomerSort::RegNumber => "reg_number",
    };
    let dir = match dir {
        SortDirection::Ascending => "ascending",
        SortDirection::Descending => "descending",
    };
    format!("{sort}.{dir}")
}

impl CustomerQuery {
    pub fn parse(&self) -> Result<CustomerSearch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let page_size = paging::page_size(self.page_size, &mut errors);
        let text = paging::search_text(self.q.as_deref(), &mut errors).map(|q| q.to_uppercase());
        let (sort, dir) = (self.sort.unwrap_or_default(), self.dir.unwrap_or_default());
        let cursor = self.cursor.as_deref().map(|text| {
            Cursor::decode(text).filter(|cursor| cursor.order == order_name(sort, dir))
        });
        if let Some(None) = cursor {
            errors.add("cursor", paging::CURSOR_INVALID);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let cursor = cursor.flatten();
        Ok(CustomerSearch {
            text,
            sort,
            dir,
            page: cursor
                .as_ref()
                .map_or(self.page.unwrap_or(1), |c| c.page)
                .clamp(1, 1_000_000),
            page_size,
            cursor,
        })
    }
}

/// One page of a list, with the total across all pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub page_size: u32,
    pub total: i64,
    /// The cursor of the next page (`?cursor=`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The cursor of the page before, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

impl<T> Paged<T> {
    pub fn page_count(&self) -> u32 {
        paging::page_count(self.total, self.page_size)
    }
}

/// `GET /api/customers`: one row of the client switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: i64,
    pub legal_name: String,
    pub reg_number: String,
    pub access_type: AccessType,
    pub relationship: Relationship,
}

/// `POST /api/session/customer`: work on another customer. Answers the new
/// `SessionView`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwitchCustomerRequest {
    pub customer_id: i64,
}

/// `GET /api/access/mine`: Manage Your Access, one row per customer reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccessRow {
    pub customer_id: i64,
    pub legal_name: String,
    pub reg_number: String,
    pub access_type: AccessType,
    pub relationship: Relationship,
    /// The last day the access lasts, when it has an end date.
    pub ends_on: Option<CivilDate>,
    /// The level on each account (All Access throughout for a Master Administrator).
    pub accounts: Vec<AccountLevel>,
    /// Whether leaving is possible: a secondary logon cannot leave (its parent
    /// decides), and a customer's last Master Administrator must transfer first.
    pub may_leave: bool,
    /// Who to ask for more access (seed 001 "Administrator Contact"): a
    /// secondary logon's parent logon; for a Tax Administrator, the
    /// business's Master Administrators. Empty for a Master Administrator.
    #[serde(default)]
    pub ask: Vec<Contact>,
}

/// Someone to ask about access: the agency cannot change a logon's rights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// `POST /api/access/mine/{customer_id}/leave`: confirmed, since it cannot be undone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmRequest {
    #[serde(default)]
    pub confirm: bool,
}

impl ConfirmRequest {
    pub fn parse(&self, message: &str) -> Result<(), FieldErrors> {
        if self.confirm {
            Ok(())
        } else {
            let mut errors = FieldErrors::new();
            errors.add("confirm", message);
            Err(errors)
        }
    }
}

/// Why the last Master Administrator cannot go.
pub const LAST_MASTER_ADMINISTRATOR: &str = "This business must keep at least one active Master Administrator. Make someone else a Master Administrator first.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_two_levels_keeps_only_the_rights_both_allow() {
        use Level::*;
        assert_eq!(FileOnly.meet(PayOnly), ViewOnly);
        assert_eq!(FileAndPay.meet(FileOnly), FileOnly);
        assert_eq!(AllAccess.meet(PayOnly), PayOnly);
        assert_eq!(ViewOnly.meet(NoAccess), NoAccess);
        for a in Level::ALL {
            assert_eq!(a.meet(AllAccess), a);
            for b in Level::ALL {
                assert_eq!(a.meet(b), b.meet(a));
                for right in Right::ALL {
                    assert_eq!(a.meet(b).allows(right), a.allows(right) && b.allows(right));
                }
            }
        }
    }

    #[test]
    fn joining_two_levels_keeps_every_right_either_allows() {
        use Level::*;
        assert_eq!(FileOnly.join(PayOnly), FileAndPay);
        assert_eq!(ViewOnly.join(NoAccess), ViewOnly);
        assert_eq!(NoAccess.join(NoAccess), NoAccess);
        assert_eq!(FileAndPay.join(AllAccess), AllAccess);
        for a in Level::ALL {
            for b in Level::ALL {
                assert_eq!(a.join(b), b.join(a));
                assert_eq!(a.join(b).meet(a), a);
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for level in Level::ALL {
            assert_eq!(Level::from_code(level.code()), Some(level));
        }
        for t in AccessType::ALL {
            assert_eq!(AccessType::from_code(t.code()), Some(t));
        }
    }

    #[test]
    fn a_customer_query_defaults_to_the_first_page_of_twenty_five_by_name() {
        let search = CustomerQuery::default().parse().unwrap();
        assert_eq!(search.page, 1);
        assert_eq!(search.page_size, 25);
        assert_eq!(search.sort, CustomerSort::Name);
        assert_eq!(search.offset(), 0);
    }

    #[test]
    fn a_customer_query_upper_cases_its_text_and_refuses_odd_page_sizes() {
        let query = CustomerQuery {
            q: Some("  natural ".into()),
            page: Some(3),
            page_size: Some(50),
            ..Default::default()
        };
        let search = query.parse().unwrap();
        assert_eq!(search.text.as_deref(), Some("NATURAL"));
        assert_eq!(search.offset(), 100);
        let bad = CustomerQuery {
            page_size: Some(7),
            ..Default::default()
        };
        assert!(bad.parse().unwrap_err().get("page_size").is_some());
    }
}
