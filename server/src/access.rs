//! The one place that decides who may do what. Every handler asks here; every
//! list is scoped in its query by the conditions written here.
//!
//! | right                   | Master Administrator | Tax Administrator, by account level            |
//! |-------------------------|----------------------|------------------------------------------------|
//! | reach the customer      | yes                  | yes (its accounts then filter by level)        |
//! | view an account         | yes                  | View Only, File Only, Pay Only, File and Pay, All Access |
//! | file a return           | yes                  | File Only, File and Pay, All Access            |
//! | pay                     | yes                  | Pay Only, File and Pay, All Access             |
//! | manage account settings | yes                  | All Access                                     |
//! | manage logons and access| yes                  | never                                          |
//!
//! A grant counts only while it is active, its end date (if any) has not passed,
//! and the logon itself is active; all three are checked on every request.

use crate::db::Db;
use wire::CivilDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessType {
    MasterAdministrator,
    TaxAdministrator,
}

impl AccessType {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "master_administrator" => Some(Self::MasterAdministrator),
            "tax_administrator" => Some(Self::TaxAdministrator),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    NoAccess,
    ViewOnly,
    FileOnly,
    PayOnly,
    FileAndPay,
    AllAccess,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    View,
    File,
    Pay,
    ManageAccountSettings,
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

    /// One predicate per right, so that no right implies another by accident.
    pub fn allows(self, right: Right) -> bool {
        use Level::*;
        match right {
            Right::View => self != NoAccess,
            Right::File => matches!(self, FileOnly | FileAndPay | AllAccess),
            Right::Pay => matches!(self, PayOnly | FileAndPay | AllAccess),
            Right::ManageAccountSettings => self == AllAccess,
        }
    }
}

/// What one logon holds on one customer, as read from its grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerAccess {
    pub customer_id: i64,
    pub grant_id: i64,
    pub access_type: AccessType,
}

impl CustomerAccess {
    /// The right on one account, given the Tax Administrator's level there (if any).
    pub fn allows(&self, level_on_account: Option<Level>, right: Right) -> bool {
        match self.access_type {
            AccessType::MasterAdministrator => true,
            AccessType::TaxAdministrator => {
                level_on_account.unwrap_or(Level::NoAccess).allows(right)
            }
        }
    }

    pub fn may_manage_logons(&self) -> bool {
        self.access_type == AccessType::MasterAdministrator
    }
}

/// The SQL condition that grant `g` of logon `l` is in force. `$1` is the logon id,
/// `$2` today's date; queries using it bind those two first.
pub const GRANT_IN_FORCE: &str = "g.logon_id = $1 AND l.id = g.logon_id AND l.status = 'active' \
     AND g.status = 'active' AND (g.ends_on IS NULL OR g.ends_on >= $2)";

/// The customer if this logon may reach it; `None` for no access and for no such
/// customer alike, so the caller answers 404 either way.
pub async fn customer_access(
    db: &Db,
    logon_id: i64,
    customer_id: i64,
    today: CivilDate,
) -> sqlx::Result<Option<CustomerAccess>> {
    let sql = format!(
        "SELECT g.id, g.access_type FROM access_grants g, logons l \
         WHERE {GRANT_IN_FORCE} AND g.customer_id = $3"
    );
    let row: Option<(i64, String)> = sqlx::query_as(&sql)
        .bind(logon_id)
        .bind(today.to_iso())
        .bind(customer_id)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|(grant_id, code)| {
        AccessType::from_code(&code).map(|access_type| CustomerAccess {
            customer_id,
            grant_id,
            access_type,
        })
    }))
}

/// How many customers this logon may reach now.
pub async fn reachable_customer_count(
    db: &Db,
    logon_id: i64,
    today: CivilDate,
) -> sqlx::Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM access_grants g, logons l WHERE {GRANT_IN_FORCE}");
    sqlx::query_scalar(&sql)
        .bind(logon_id)
        .bind(today.to_iso())
        .fetch_one(db)
        .await
}

/// The customer a fresh session starts on: the logon's own business first, then
/// the first by name.
pub async fn default_customer(
    db: &Db,
    logon_id: i64,
    today: CivilDate,
) -> sqlx::Result<Option<i64>> {
    let sql = format!(
        "SELECT g.customer_id FROM access_grants g, logons l, customers c \
         WHERE {GRANT_IN_FORCE} AND c.id = g.customer_id \
         ORDER BY CASE g.relationship WHEN 'own' THEN 0 ELSE 1 END, c.legal_name_key, c.id \
         LIMIT 1"
    );
    sqlx::query_scalar(&sql)
        .bind(logon_id)
        .bind(today.to_iso())
        .fetch_optional(db)
        .await
}

/// The accounts of a reachable customer that the caller may view, with the level
/// that applies (`None` for a Master Administrator, who needs none).
pub async fn viewable_accounts(
    db: &Db,
    access: &CustomerAccess,
) -> sqlx::Result<Vec<(i64, Option<Level>)>> {
    let rows: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT a.id, gl.level FROM tax_accounts a \
         LEFT JOIN grant_account_levels gl ON gl.account_id = a.id AND gl.grant_id = $1 \
         WHERE a.customer_id = $2 ORDER BY a.id",
    )
    .bind(access.grant_id)
    .bind(access.customer_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, level)| (id, level.as_deref().and_then(Level::from_code)))
        .filter(|(_, level)| access.allows(*level, Right::View))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DOMAIN.md's level table, one row per level: view, file, pay, manage settings.
    const LEVEL_TABLE: [(Level, [bool; 4]); 6] = [
        (Level::NoAccess, [false, false, false, false]),
        (Level::ViewOnly, [true, false, false, false]),
        (Level::FileOnly, [true, true, false, false]),
        (Level::PayOnly, [true, false, true, false]),
        (Level::FileAndPay, [true, true, true, false]),
        (Level::AllAccess, [true, true, true, true]),
    ];
    const RIGHTS: [Right; 4] = [
        Right::View,
        Right::File,
        Right::Pay,
        Right::ManageAccountSettings,
    ];

    #[test]
    fn every_level_grants_exactly_the_rights_in_the_domain_table() {
        for (level, expected) in LEVEL_TABLE {
            for (right, allowed) in RIGHTS.into_iter().zip(expected) {
                assert_eq!(level.allows(right), allowed, "{level:?} {right:?}");
            }
        }
    }

    #[test]
    fn a_master_administrator_has_every_right_on_every_account() {
        let access = CustomerAccess {
            customer_id: 1,
            grant_id: 1,
            access_type: AccessType::MasterAdministrator,
        };
        for right in RIGHTS {
            assert!(access.allows(None, right));
            assert!(access.allows(Some(Level::NoAccess), right));
        }
        assert!(access.may_manage_logons());
    }

    #[test]
    fn a_tax_administrator_without_a_level_has_no_access_and_never_manages_logons() {
        let access = CustomerAccess {
            customer_id: 1,
            grant_id: 1,
            access_type: AccessType::TaxAdministrator,
        };
        for right in RIGHTS {
            assert!(!access.allows(None, right));
        }
        assert!(access.allows(Some(Level::AllAccess), Right::ManageAccountSettings));
        assert!(!access.may_manage_logons());
    }

    #[test]
    fn level_codes_round_trip() {
        for level in Level::ALL {
            assert_eq!(Level::from_code(level.code()), Some(level));
        }
    }
}
