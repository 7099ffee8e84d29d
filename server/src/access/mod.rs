//! The one place that decides who may do what. Every handler asks here (most
//! through the typed guards in [`guards`]); every list is scoped in its query by
//! [`scope`], which encodes the same rules as [`rules`].
//!
//! ## The rules, as a table a reviewer can check against docs/domain.md
//!
//! Rights on one tax account, by access type and level:
//!
//! | right                   | Master Administrator | Tax Administrator, by the account's level                |
//! |-------------------------|----------------------|----------------------------------------------------------|
//! | reach the customer      | yes                  | yes (its accounts then filter by level)                  |
//! | view an account         | yes                  | View Only, File Only, Pay Only, File and Pay, All Access |
//! | file a return           | yes                  | File Only, File and Pay, All Access                      |
//! | pay                     | yes                  | Pay Only, File and Pay, All Access                       |
//! | manage account settings | yes                  | All Access                                               |
//! | manage logons and access| yes                  | never                                                    |
//!
//! Who holds what:
//!
//! | logon                 | reaches customer C when                                         | level on account A                                  |
//! |-----------------------|-----------------------------------------------------------------|-----------------------------------------------------|
//! | own / additional / third party | it is active, its grant on C is active and not past its end date | the grant's (MA: All Access; TA: A's level, else No Access) |
//! | secondary logon S of parent P  | S and P are active, P is not itself secondary, P's grant on C is in force, and C's group in P's Customer Security (Default unless moved) is one of S's groups | P's level on A ∩ S's own level on A's tax type (No Access if the type is not in S's Account Access) |
//!
//! - A secondary logon is a Master Administrator on C only if it is one and P is one on C.
//! - Managing secondary logons, security groups and Customer Security: only the parent,
//!   only its own, and only a logon that is not itself secondary.
//! - A customer keeps at least one active Master Administrator (an active, in-force,
//!   direct grant of an active logon): see [`masters`].
//! - Everything is read on each request, or derived again whenever the access
//!   epoch read with the session has moved (`db::derived`), so a revocation
//!   counts from the next request.
//! - What a caller may not reach answers 404, as if it did not exist.

pub mod account_guards;
pub mod guards;
pub mod masters;
pub mod rules;
pub mod scope;

use crate::db::{
    self,
    derived::{Derived, Stamp},
    Db,
};
pub use rules::{Account, Facts};
use rules::{GrantFacts, LogonState, SecondaryFacts};
pub use wire::access::{AccessType, Level, Relationship, Right};
use wire::{tax::TaxType, CivilDate};

/// What one logon holds on one customer it reaches, read on this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerAccess {
    pub customer_id: i64,
    /// The grant it holds or derives from (its parent's, for a secondary logon).
    pub grant_id: i64,
    pub access_type: AccessType,
    pub relationship: Relationship,
    today: CivilDate,
    facts: Facts,
}

impl CustomerAccess {
    pub fn level_on(&self, account: Account) -> Level {
        self.facts.level_on(self.today, account)
    }

    pub fn allows(&self, account: Account, right: Right) -> bool {
        self.facts.allows(self.today, account, right)
    }

    pub fn may_manage_logons(&self) -> bool {
        self.facts.may_manage_logons(self.today)
    }

    pub fn is_secondary(&self) -> bool {
        self.facts.secondary.is_some()
    }
}

/// Reads every row that bears on `logon_id` acting for `customer_id`.
pub async fn load_facts(db: &Db, logon_id: i64, customer_id: i64) -> sqlx::Result<Option<Facts>> {
    let me: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT status, parent_logon_id, secondary_access_type FROM logons WHERE id = $1",
    )
    .bind(logon_id)
    .fetch_optional(db)
    .await?;
    let Some((status, parent_id, secondary_type)) = me else {
        return Ok(None);
    };
    let holder = parent_id.unwrap_or(logon_id);
    let secondary = match parent_id {
        Some(parent_id) => Some(
            load_secondary(
                db,
                logon_id,
                parent_id,
                customer_id,
                secondary_type.as_deref(),
            )
            .await?,
        ),
        None => None,
    };
    Ok(Some(Facts {
        logon_state: LogonState::from_code(&status),
        secondary,
        grant: load_grant(db, holder, customer_id).await?,
    }))
}

async fn load_secondary(
    db: &Db,
    logon_id: i64,
    parent_id: i64,
    customer_id: i64,
    access_type: Option<&str>,
) -> sqlx::Result<SecondaryFacts> {
    let (parent_status, grandparent): (String, Option<i64>) =
        sqlx::query_as("SELECT status, parent_logon_id FROM logons WHERE id = $1")
            .bind(parent_id)
            .fetch_one(db)
            .await?;
    let tax_types: Vec<(String, String)> =
        sqlx::query_as("SELECT tax_type, level FROM secondary_tax_types WHERE logon_id = $1")
            .bind(logon_id)
            .fetch_all(db)
            .await?;
    let groups: Vec<i64> =
        sqlx::query_scalar("SELECT group_id FROM secondary_logon_groups WHERE logon_id = $1")
            .bind(logon_id)
            .fetch_all(db)
            .await?;
    let customer_group: Option<i64> = sqlx::query_scalar(
        "SELECT group_id FROM customer_security WHERE owner_logon_id = $1 AND customer_id = $2",
    )
    .bind(parent_id)
    .bind(customer_id)
    .fetch_optional(db)
    .await?;
    let default_group: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM security_groups WHERE owner_logon_id = $1 AND is_default = 1",
    )
    .bind(parent_id)
    .fetch_optional(db)
    .await?;
    Ok(SecondaryFacts {
        parent_state: LogonState::from_code(&parent_status),
        parent_is_secondary: grandparent.is_some(),
        // A secondary logon without a type set has the lesser one.
        access_type: access_type
            .and_then(AccessType::from_code)
            .unwrap_or(AccessType::TaxAdministrator),
        tax_types: tax_types
            .iter()
            .map(|(t, l)| {
                Ok((
                    db::decode("tax_type", t, TaxType::from_code)?,
                    db::decode("level", l, Level::from_code)?,
                ))
            })
            .collect::<sqlx::Result<_>>()?,
        groups,
        customer_group,
        default_group,
    })
}

async fn load_grant(db: &Db, holder: i64, customer_id: i64) -> sqlx::Result<Option<GrantFacts>> {
    let grant: Option<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, access_type, relationship, status, ends_on FROM access_grants \
         WHERE logon_id = $1 AND customer_id = $2",
    )
    .bind(holder)
    .bind(customer_id)
    .fetch_optional(db)
    .await?;
    let Some((id, access_type, relationship, status, ends_on)) = grant else {
        return Ok(None);
    };
    let levels: Vec<(i64, String)> =
        sqlx::query_as("SELECT account_id, level FROM grant_account_levels WHERE grant_id = $1")
            .bind(id)
            .fetch_all(db)
            .await?;
    // An unreadable row grants nothing rather than failing open.
    let (Some(access_type), Some(relationship)) = (
        AccessType::from_code(&access_type),
        Relationship::from_code(&relationship),
    ) else {
        return Ok(None);
    };
    Ok(Some(GrantFacts {
        id,
        revoked: status != "active",
        ends_on: match ends_on {
            Some(text) => match CivilDate::parse_iso(&text) {
                Some(date) => Some(date),
                None => return Ok(None),
            },
            None => None,
        },
        access_type,
        relationship,
        levels: levels
            .iter()
            .map(|(id, l)| Ok((*id, db::decode("level", l, Level::from_code)?)))
            .collect::<sqlx::Result<_>>()?,
    }))
}

/// The customer if this logon may reach it; `None` for no access and for no such
/// customer alike, so the caller answers 404 either way.
pub async fn customer_access(
    db: &Db,
    logon_id: i64,
    customer_id: i64,
    today: CivilDate,
) -> sqlx::Result<Option<CustomerAccess>> {
    let Some(facts) = load_facts(db, logon_id, customer_id).await? else {
        return Ok(None);
    };
    let (Some(access_type), Some(relationship), Some(grant_id)) = (
        facts.access_type(today),
        facts.relationship(today),
        facts.grant.as_ref().map(|g| g.id),
    ) else {
        return Ok(None);
    };
    Ok(Some(CustomerAccess {
        customer_id,
        grant_id,
        access_type,
        relationship,
        today,
        facts,
    }))
}

/// [`customer_access`] as derived under `stamp` (the access epoch read with
/// the session, and today), kept by this server until the epoch moves.
pub async fn customer_access_at(
    db: &Db,
    derived: &Derived,
    stamp: Stamp,
    logon_id: i64,
    customer_id: i64,
) -> sqlx::Result<Option<CustomerAccess>> {
    let key = ("customer_access", logon_id, customer_id);
    if let Some(kept) = derived.get(key, stamp) {
        return Ok(kept);
    }
    let access = customer_access(db, logon_id, customer_id, stamp.today).await?;
    derived.put(key, stamp, access.clone());
    Ok(access)
}

/// The customer's accounts with the level the caller has on each, leaving out
/// those it may not view.
pub async fn viewable_accounts(
    db: &Db,
    access: &CustomerAccess,
) -> sqlx::Result<Vec<(Account, Level)>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, tax_type FROM tax_accounts WHERE customer_id = $1 ORDER BY id")
            .bind(access.customer_id)
            .fetch_all(db)
            .await?;
    let mut viewable = Vec::with_capacity(rows.len());
    for (id, code) in rows {
        let account = Account {
            id,
            tax_type: db::decode("tax_type", &code, TaxType::from_code)?,
        };
        let level = access.level_on(account);
        if level.allows(Right::View) {
            viewable.push((account, level));
        }
    }
    Ok(viewable)
}

/// Manage the settings of the customer as a whole (its bank accounts): a
/// Master Administrator, or a logon with the manage-account-settings right
/// (All Access) on every one of its tax accounts. Every, not any: a bank
/// account serves the whole business, so a logon that may manage only some
/// accounts' settings must not change what the others pay from.
pub async fn may_manage_customer_settings(db: &Db, access: &CustomerAccess) -> sqlx::Result<bool> {
    if access.access_type == AccessType::MasterAdministrator {
        return Ok(true);
    }
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, tax_type FROM tax_accounts WHERE customer_id = $1")
            .bind(access.customer_id)
            .fetch_all(db)
            .await?;
    if rows.is_empty() {
        return Ok(false);
    }
    for (id, code) in rows {
        let account = Account {
            id,
            tax_type: db::decode("tax_type", &code, TaxType::from_code)?,
        };
        if !access.allows(account, Right::ManageAccountSettings) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The account, if the caller may at least view it (404 otherwise).
pub async fn account_access(
    db: &Db,
    logon_id: i64,
    account_id: i64,
    today: CivilDate,
) -> sqlx::Result<Option<(CustomerAccess, Account)>> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT customer_id, tax_type FROM tax_accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db)
            .await?;
    let Some((customer_id, code)) = row else {
        return Ok(None);
    };
    let Some(tax_type) = TaxType::from_code(&code) else {
        return Ok(None);
    };
    let account = Account {
        id: account_id,
        tax_type,
    };
    Ok(customer_access(db, logon_id, customer_id, today)
        .await?
        .filter(|access| access.allows(account, Right::View))
        .map(|access| (access, account)))
}

/// A logon may have secondary logons, security groups and Customer Security only
/// if it is not itself a secondary logon.
pub async fn may_have_secondaries(db: &Db, logon_id: i64) -> sqlx::Result<bool> {
    let parent: Option<Option<i64>> =
        sqlx::query_scalar("SELECT parent_logon_id FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_optional(db)
            .await?;
    Ok(matches!(parent, Some(None)))
}

/// `target` is one of `parent`'s secondary logons (whatever its status).
pub async fn is_secondary_of(db: &Db, parent: i64, target: i64) -> sqlx::Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM logons WHERE id = $1 AND parent_logon_id = $2")
            .bind(target)
            .bind(parent)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/domain.md's level table, one row per level: view, file, pay, manage settings.
    const LEVEL_TABLE: [(Level, [bool; 4]); 6] = [
        (Level::NoAccess, [false, false, false, false]),
        (Level::ViewOnly, [true, false, false, false]),
        (Level::FileOnly, [true, true, false, false]),
        (Level::PayOnly, [true, false, true, false]),
        (Level::FileAndPay, [true, true, true, false]),
        (Level::AllAccess, [true, true, true, true]),
    ];

    #[test]
    fn every_level_grants_exactly_the_rights_in_the_domain_table() {
        for (level, expected) in LEVEL_TABLE {
            for (right, allowed) in Right::ALL.into_iter().zip(expected) {
                assert_eq!(level.allows(right), allowed, "{level:?} {right:?}");
            }
        }
    }
}
