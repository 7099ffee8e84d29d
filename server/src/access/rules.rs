//! The rules themselves, as pure functions of the rows that bear on one logon
//! and one customer. `super` reads those rows; this file decides. Keeping the
//! decision free of I/O lets the property test ask it hundreds of thousands of
//! questions against an independent model.

// A logon's status as the rules read it; in `wire` so that the session store,
// which sits below this module, reads it the same way.
pub use wire::access::LogonState;
use wire::{
    access::{AccessType, Level, Relationship, Right},
    tax::TaxType,
    CivilDate,
};

/// The grant of the holder (the logon itself, or a secondary logon's parent) on
/// the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantFacts {
    pub id: i64,
    pub revoked: bool,
    /// Last day it is valid (inclusive).
    pub ends_on: Option<CivilDate>,
    pub access_type: AccessType,
    pub relationship: Relationship,
    /// A Tax Administrator's level per account; an account missing is No Access.
    pub levels: Vec<(i64, Level)>,
}

/// What makes a secondary logon's access: its parent and its own settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondaryFacts {
    pub parent_state: LogonState,
    /// A parent must be a logon of its own, never another secondary logon.
    pub parent_is_secondary: bool,
    pub access_type: AccessType,
    /// Its Account Access: allowed tax types with its own level on each.
    pub tax_types: Vec<(TaxType, Level)>,
    /// The security groups it has.
    pub groups: Vec<i64>,
    /// The parent's Customer Security row for this customer, if moved from Default.
    pub customer_group: Option<i64>,
    /// The parent's Default group.
    pub default_group: Option<i64>,
}

/// Every row that bears on what one logon may do for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub logon_state: LogonState,
    /// `Some` when the logon is a secondary logon.
    pub secondary: Option<SecondaryFacts>,
    /// The holder's grant on the customer, if there is one.
    pub grant: Option<GrantFacts>,
}

/// One tax account of the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub tax_type: TaxType,
}

/// The access type a logon acts with, given the grant's and, for a secondary
/// logon, its own: a secondary logon is a Master Administrator only where it
/// and its parent both are. Shared by the rules and the scoped lists.
pub fn access_type_in_effect(held: AccessType, secondary_own: Option<AccessType>) -> AccessType {
    match secondary_own {
        None => held,
        Some(AccessType::MasterAdministrator) if held == AccessType::MasterAdministrator => {
            AccessType::MasterAdministrator
        }
        Some(_) => AccessType::TaxAdministrator,
    }
}

impl GrantFacts {
    /// Active, and its end date (if any) not passed.
    pub fn in_force(&self, today: CivilDate) -> bool {
        !self.revoked && self.ends_on.is_none_or(|end| today <= end)
    }

    fn level_on(&self, account: Account) -> Level {
        match self.access_type {
            AccessType::MasterAdministrator => Level::AllAccess,
            AccessType::TaxAdministrator => self
                .levels
                .iter()
                .find(|(id, _)| *id == account.id)
                .map_or(Level::NoAccess, |(_, level)| *level),
        }
    }
}

impl SecondaryFacts {
    /// The customer's group (Default unless moved) is one of the logon's groups.
    fn reaches_group(&self) -> bool {
        self.customer_group
            .or(self.default_group)
            .is_some_and(|group| self.groups.contains(&group))
    }

    fn own_level(&self, tax_type: TaxType) -> Level {
        self.tax_types
            .iter()
            .find(|(t, _)| *t == tax_type)
            .map_or(Level::NoAccess, |(_, level)| *level)
    }
}

impl Facts {
    /// The grant that counts, when the logon may reach the customer today.
    fn grant_in_reach(&self, today: CivilDate) -> Option<&GrantFacts> {
        if self.logon_state != LogonState::Active {
            return None;
        }
        let grant = self.grant.as_ref().filter(|g| g.in_force(today))?;
        match &self.secondary {
            None => Some(grant),
            Some(s) => (s.parent_state == LogonState::Active
                && !s.parent_is_secondary
                && s.reaches_group())
            .then_some(grant),
        }
    }

    /// May the logon reach the customer at all (see it in lists, open it)?
    pub fn reaches(&self, today: CivilDate) -> bool {
        self.grant_in_reach(today).is_some()
    }

    /// The access type in effect: a secondary logon is a Master Administrator
    /// only where it is one and its parent is one too.
    pub fn access_type(&self, today: CivilDate) -> Option<AccessType> {
        let grant = self.grant_in_reach(today)?;
        Some(access_type_in_effect(
            grant.access_type,
            self.secondary.as_ref().map(|s| s.access_type),
        ))
    }

    pub fn relationship(&self, today: CivilDate) -> Option<Relationship> {
        let grant = self.grant_in_reach(today)?;
        Some(if self.secondary.is_some() {
            Relationship::Secondary
        } else {
            grant.relationship
        })
    }

    /// The level in effect on one account: the grant's, and for a secondary
    /// logon also no more than its own level on the account's tax type.
    pub fn level_on(&self, today: CivilDate, account: Account) -> Level {
        let Some(grant) = self.grant_in_reach(today) else {
            return Level::NoAccess;
        };
        let held = grant.level_on(account);
        match &self.secondary {
            None => held,
            Some(s) => held.meet(s.own_level(account.tax_type)),
        }
    }

    pub fn allows(&self, today: CivilDate, account: Account, right: Right) -> bool {
        self.level_on(today, account).allows(right)
    }

    /// Manage logons and access for the customer: approve, change and revoke
    /// additional logons and third parties.
    pub fn may_manage_logons(&self, today: CivilDate) -> bool {
        self.access_type(today) == Some(AccessType::MasterAdministrator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CivilDate {
        CivilDate::new(2026, 11, 23).unwrap()
    }

    const SALES: Account = Account {
        id: 10,
        tax_type: TaxType::SalesAndUse,
    };
    const PAYROLL: Account = Account {
        id: 11,
        tax_type: TaxType::Withholding,
    };

    fn tax_grant(levels: Vec<(i64, Level)>) -> GrantFacts {
        GrantFacts {
            id: 1,
            revoked: false,
            ends_on: None,
            access_type: AccessType::TaxAdministrator,
            relationship: Relationship::ThirdParty,
            levels,
        }
    }

    fn secondary(tax_types: Vec<(TaxType, Level)>) -> SecondaryFacts {
        SecondaryFacts {
            parent_state: LogonState::Active,
            parent_is_secondary: false,
            access_type: AccessType::TaxAdministrator,
            tax_types,
            groups: vec![7],
            customer_group: None,
            default_group: Some(7),
        }
    }

    #[test]
    fn a_secondary_logon_gets_the_meet_of_its_own_level_and_its_parents() {
        let facts = Facts {
            logon_state: LogonState::Active,
            secondary: Some(secondary(vec![(TaxType::SalesAndUse, Level::PayOnly)])),
            grant: Some(tax_grant(vec![
                (10, Level::FileOnly),
                (11, Level::AllAccess),
            ])),
        };
        assert_eq!(facts.level_on(today(), SALES), Level::ViewOnly);
        // Withholding is not among its account types.
        assert_eq!(facts.level_on(today(), PAYROLL), Level::NoAccess);
        assert_eq!(facts.relationship(today()), Some(Relationship::Secondary));
    }

    #[test]
    fn a_lock_stops_new_sign_ins_not_access_while_pending_disabled_and_cancelled_do() {
        assert_eq!(LogonState::from_code("active"), LogonState::Active);
        assert_eq!(LogonState::from_code("locked"), LogonState::Active);
        for code in ["pending", "disabled", "cancelled", "unknown"] {
            assert_eq!(LogonState::from_code(code), LogonState::Inactive, "{code}");
        }
    }

    #[test]
    fn a_grant_ends_after_its_last_day() {
        let mut grant = tax_grant(vec![(10, Level::ViewOnly)]);
        grant.ends_on = Some(today());
        let mut facts = Facts {
            logon_state: LogonState::Active,
            secondary: None,
            grant: Some(grant),
        };
        assert!(facts.reaches(today()));
        assert!(!facts.reaches(today().add_days(1).unwrap()));
        facts.grant.as_mut().unwrap().revoked = true;
        assert!(!facts.reaches(today()));
    }

    #[test]
    fn a_customer_moved_out_of_the_secondarys_groups_is_out_of_reach() {
        let mut s = secondary(vec![(TaxType::SalesAndUse, Level::AllAccess)]);
        s.customer_group = Some(8);
        let facts = Facts {
            logon_state: LogonState::Active,
            secondary: Some(s),
            grant: Some(tax_grant(vec![(10, Level::AllAccess)])),
        };
        assert!(!facts.reaches(today()));
        assert_eq!(facts.level_on(today(), SALES), Level::NoAccess);
    }

    #[test]
    fn a_secondary_master_administrator_manages_logons_only_where_its_parent_does() {
        let mut s = secondary(vec![(TaxType::SalesAndUse, Level::AllAccess)]);
        s.access_type = AccessType::MasterAdministrator;
        let mut facts = Facts {
            logon_state: LogonState::Active,
            secondary: Some(s),
            grant: Some(tax_grant(vec![(10, Level::AllAccess)])),
        };
        assert!(!facts.may_manage_logons(today()));
        facts.grant.as_mut().unwrap().access_type = AccessType::MasterAdministrator;
        assert!(facts.may_manage_logons(today()));
        facts.secondary.as_mut().unwrap().parent_state = LogonState::Inactive;
        assert!(!facts.may_manage_logons(today()));
        assert!(!facts.reaches(today()));
    }
}
