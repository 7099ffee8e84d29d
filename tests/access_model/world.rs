//! A small world of customers, logons, grants and security groups, random or
//! written by hand, and a deliberately naive reference model of who may do what
//! in it. The model shares no code with the server's access module: it walks
//! every grant in the world for every question and works with sets of right
//! names taken straight from docs/domain.md's table.

#![allow(dead_code)]

use portal_server::access::rules::{Facts, GrantFacts, LogonState, SecondaryFacts};
use proptest::prelude::*;
use std::collections::BTreeSet;
use wire::{
    access::{AccessType, Level, Relationship},
    tax::TaxType,
    CivilDate,
};

/// The date every world is judged on: a grant ending on `Today` still counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ends {
    Never,
    Yesterday,
    Today,
    Tomorrow,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    /// One account per tax type listed.
    pub accounts: Vec<TaxType>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logon {
    pub active: bool,
    /// Index of the parent logon, for a secondary logon.
    pub parent: Option<usize>,
    /// A secondary logon's own type, tax types and groups (ignored otherwise).
    pub own_type: AccessType,
    pub own_types: Vec<(TaxType, Level)>,
    pub groups: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub owner: usize,
    pub is_default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub logon: usize,
    pub customer: usize,
    pub access_type: AccessType,
    pub revoked: bool,
    pub ends: Ends,
    /// Level per account index of the customer; a missing one is No Access.
    pub levels: Vec<(usize, Level)>,
}

/// Customer Security: `owner` put `customer` in `group`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub owner: usize,
    pub customer: usize,
    pub group: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct World {
    pub customers: Vec<Customer>,
    pub logons: Vec<Logon>,
    pub groups: Vec<Group>,
    pub grants: Vec<Grant>,
    pub placements: Vec<Placement>,
}

pub const RIGHTS: [&str; 4] = ["view", "file", "pay", "manage settings"];

/// docs/domain.md's level table, written out again by hand.
pub fn rights_of_level(level: Level) -> BTreeSet<&'static str> {
    let names: &[&str] = match level {
        Level::NoAccess => &[],
        Level::ViewOnly => &["view"],
        Level::FileOnly => &["view", "file"],
        Level::PayOnly => &["view", "pay"],
        Level::FileAndPay => &["view", "file", "pay"],
        Level::AllAccess => &["view", "file", "pay", "manage settings"],
    };
    names.iter().copied().collect()
}

/// What the reference model says about one logon and one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub reaches: bool,
    /// Rights per account index.
    pub rights: Vec<BTreeSet<&'static str>>,
    pub manages_logons: bool,
}

impl World {
    fn in_force(grant: &Grant) -> bool {
        !grant.revoked && grant.ends != Ends::Yesterday
    }

    fn grant_rights(grant: &Grant, account: usize) -> BTreeSet<&'static str> {
        if grant.access_type == AccessType::MasterAdministrator {
            return RIGHTS.into_iter().collect();
        }
        grant
            .levels
            .iter()
            .filter(|(a, _)| *a == account)
            .flat_map(|(_, level)| rights_of_level(*level))
            .collect()
    }

    /// The group `customer` is in for `owner`: its placement, else the owner's Default.
    fn group_of(&self, owner: usize, customer: usize) -> Option<usize> {
        self.placements
            .iter()
            .find(|p| p.owner == owner && p.customer == customer)
            .map(|p| p.group)
            .or_else(|| {
                (0..self.groups.len())
                    .find(|g| self.groups[*g].owner == owner && self.groups[*g].is_default)
            })
    }

    /// Brute force: every grant in the world is a possible path from the logon
    /// to the customer, directly or through the logon's parent.
    pub fn verdict(&self, logon: usize, customer: usize) -> Verdict {
        let me = &self.logons[logon];
        let accounts = self.customers[customer].accounts.len();
        let mut verdict = Verdict {
            reaches: false,
            rights: vec![BTreeSet::new(); accounts],
            manages_logons: false,
        };
        if !me.active {
            return verdict;
        }
        for grant in &self.grants {
            if grant.customer != customer || !Self::in_force(grant) {
                continue;
            }
            let direct = grant.logon == logon && me.parent.is_none();
            let through_parent = me.parent == Some(grant.logon)
                && self.logons[grant.logon].active
                && self.logons[grant.logon].parent.is_none()
                && self
                    .group_of(grant.logon, customer)
                    .is_some_and(|g| me.groups.contains(&g));
            if direct {
                verdict.reaches = true;
                verdict.manages_logons |= grant.access_type == AccessType::MasterAdministrator;
                for (a, rights) in verdict.rights.iter_mut().enumerate() {
                    rights.extend(Self::grant_rights(grant, a));
                }
            }
            if through_parent {
                verdict.reaches = true;
                verdict.manages_logons |= grant.access_type == AccessType::MasterAdministrator
                    && me.own_type == AccessType::MasterAdministrator;
                for (a, rights) in verdict.rights.iter_mut().enumerate() {
                    let tax_type = self.customers[customer].accounts[a];
                    let own: BTreeSet<&str> = me
                        .own_types
                        .iter()
                        .filter(|(t, _)| *t == tax_type)
                        .flat_map(|(_, level)| rights_of_level(*level))
                        .collect();
                    rights.extend(Self::grant_rights(grant, a).intersection(&own));
                }
            }
        }
        verdict
    }
}

// ---- the rows the server would read ---------------------------------------------

pub fn today() -> CivilDate {
    CivilDate::new(2026, 11, 23).unwrap()
}

/// Account ids as the rows would have them: unique across the world.
pub fn account_id(customer: usize, index: usize) -> i64 {
    (customer * 10 + index) as i64
}

/// The rows the server reads for one logon and one customer, taken from the world.
pub fn facts(world: &World, logon: usize, customer: usize) -> Facts {
    let me = &world.logons[logon];
    let holder = me.parent.unwrap_or(logon);
    let state = |i: usize| {
        if world.logons[i].active {
            LogonState::Active
        } else {
            LogonState::Inactive
        }
    };
    let grant = world
        .grants
        .iter()
        .find(|g| g.logon == holder && g.customer == customer)
        .map(|g| GrantFacts {
            id: 1,
            revoked: g.revoked,
            ends_on: match g.ends {
                Ends::Never => None,
                Ends::Yesterday => today().add_days(-1),
                Ends::Today => Some(today()),
                Ends::Tomorrow => today().add_days(1),
            },
            access_type: g.access_type,
            relationship: Relationship::ThirdParty,
            levels: g
                .levels
                .iter()
                .map(|(a, l)| (account_id(customer, *a), *l))
                .collect(),
        });
    let secondary = me.parent.map(|parent| SecondaryFacts {
        parent_state: state(parent),
        parent_is_secondary: world.logons[parent].parent.is_some(),
        access_type: me.own_type,
        tax_types: me.own_types.clone(),
        groups: me.groups.iter().map(|g| *g as i64).collect(),
        customer_group: world
            .placements
            .iter()
            .find(|p| p.owner == parent && p.customer == customer)
            .map(|p| p.group as i64),
        default_group: (0..world.groups.len())
            .find(|g| world.groups[*g].owner == parent && world.groups[*g].is_default)
            .map(|g| g as i64),
    });
    Facts {
        logon_state: state(logon),
        secondary,
        grant,
    }
}

// ---- random worlds -------------------------------------------------------------

const TYPES: [TaxType; 3] = [TaxType::SalesAndUse, TaxType::Withholding, TaxType::Tourism];

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn access_type() -> impl Strategy<Value = AccessType> {
    prop::sample::select(AccessType::ALL.to_vec())
}

fn ends() -> impl Strategy<Value = Ends> {
    prop::sample::select(vec![
        Ends::Never,
        Ends::Yesterday,
        Ends::Today,
        Ends::Tomorrow,
    ])
}

/// Up to 3 customers, 5 logons (some secondary, some of secondaries), their
/// groups, grants and placements, with the database's uniqueness rules kept.
pub fn world() -> impl Strategy<Value = World> {
    let customers = prop::collection::vec(prop::sample::subsequence(TYPES.to_vec(), 1..=3), 1..=3);
    let logons = prop::collection::vec(
        (
            prop::bool::weighted(0.85),
            prop::option::weighted(0.5, 0usize..5),
            access_type(),
            prop::collection::vec((prop::sample::select(TYPES.to_vec()), level()), 0..=3),
            prop::collection::vec(0usize..16, 0..=2),
        ),
        1..=5,
    );
    (customers, logons).prop_flat_map(|(customers, logons)| {
        let n_logons = logons.len();
        let n_customers = customers.len();
        // Most logons have a Default group and some another one.
        let groups = prop::collection::vec(
            (prop::bool::weighted(0.8), prop::bool::weighted(0.4)),
            n_logons..=n_logons,
        );
        let grants = prop::collection::vec(
            (
                0..n_logons,
                0..n_customers,
                access_type(),
                prop::bool::weighted(0.15),
                ends(),
                prop::collection::vec((0usize..3, level()), 0..=3),
            ),
            0..=8,
        );
        let placements = prop::collection::vec((0..n_logons, 0..n_customers, 0usize..16), 0..=4);
        (Just(customers), Just(logons), groups, grants, placements).prop_map(
            |(customers, logons, groups, grants, placements)| {
                build(customers, logons, groups, grants, placements)
            },
        )
    })
}

type RawLogon = (
    bool,
    Option<usize>,
    AccessType,
    Vec<(TaxType, Level)>,
    Vec<usize>,
);
type RawGrant = (usize, usize, AccessType, bool, Ends, Vec<(usize, Level)>);

/// Makes the raw draws into a world the database could hold: parents point at
/// other logons, one Default group per owner, one grant per logon and
/// customer, one level per account, groups and placements that exist.
fn build(
    customers: Vec<Vec<TaxType>>,
    raw_logons: Vec<RawLogon>,
    raw_groups: Vec<(bool, bool)>,
    raw_grants: Vec<RawGrant>,
    raw_placements: Vec<(usize, usize, usize)>,
) -> World {
    let n = raw_logons.len();
    let mut groups: Vec<Group> = Vec::new();
    for (owner, (default, extra)) in raw_groups.into_iter().enumerate() {
        if default {
            groups.push(Group {
                owner,
                is_default: true,
            });
        }
        if extra {
            groups.push(Group {
                owner,
                is_default: false,
            });
        }
    }
    let n_groups = groups.len();
    let groups_owner: Vec<usize> = groups.iter().map(|g| g.owner).collect();
    let logons = raw_logons
        .into_iter()
        .enumerate()
        .map(|(i, (active, parent, own_type, types, group_draws))| {
            let mut own_types: Vec<(TaxType, Level)> = Vec::new();
            for (t, l) in types {
                if !own_types.iter().any(|(o, _)| *o == t) && l != Level::NoAccess {
                    own_types.push((t, l));
                }
            }
            // Mostly the parent's own groups; some are another owner's.
            let parent_groups: Vec<usize> = (0..n_groups)
                .filter(|g| Some(groups_owner[*g]) == parent)
                .collect();
            let mut groups: Vec<usize> = group_draws
                .into_iter()
                .filter(|_| n_groups > 0)
                .map(|g| {
                    if g < 11 && !parent_groups.is_empty() {
                        parent_groups[g % parent_groups.len()]
                    } else {
                        g % n_groups
                    }
                })
                .collect();
            groups.sort_unstable();
            groups.dedup();
            Logon {
                active,
                parent: parent.filter(|p| *p < n && *p != i),
                own_type,
                own_types,
                groups,
            }
        })
        .collect();
    let customers: Vec<Customer> = customers
        .into_iter()
        .map(|accounts| Customer { accounts })
        .collect();
    let mut grants: Vec<Grant> = Vec::new();
    for (logon, customer, access_type, revoked, ends, raw_levels) in raw_grants {
        if grants
            .iter()
            .any(|g| g.logon == logon && g.customer == customer)
        {
            continue;
        }
        let mut levels: Vec<(usize, Level)> = Vec::new();
        for (a, l) in raw_levels {
            if a < customers[customer].accounts.len() && !levels.iter().any(|(o, _)| *o == a) {
                levels.push((a, l));
            }
        }
        grants.push(Grant {
            logon,
            customer,
            access_type,
            revoked,
            ends,
            levels,
        });
    }
    let mut placements: Vec<Placement> = Vec::new();
    for (owner, customer, group) in raw_placements {
        // A placement names one of the owner's own groups, once per customer.
        let group = group % n_groups.max(1);
        if group < n_groups
            && groups[group].owner == owner
            && !placements
                .iter()
                .any(|p| p.owner == owner && p.customer == customer)
        {
            placements.push(Placement {
                owner,
                customer,
                group,
            });
        }
    }
    World {
        customers,
        logons,
        groups,
        grants,
        placements,
    }
}
