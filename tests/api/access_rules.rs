//! The access rules, proved three ways on the same worlds: the reference model
//! in `access_model/world.rs`, the server's pure rules, and the server's queries
//! on a real database (SQLite or PostgreSQL).
//!
//! 1. `ALLOW/DENY`: one row per rule of the seeds and docs/domain.md.
//! 2. Random worlds written to the database: `access::customer_access` and the
//!    scoped Customers list agree with the model on every question.

#[path = "../access_model/world.rs"]
mod world;

use crate::helpers::{spawn_app, TestApp};
use portal_server::access::{self, rules::Account, scope};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use std::collections::BTreeSet;
use wire::{
    access::{AccessType, CustomerQuery, Level, Right},
    tax::TaxType,
};
use world::{Customer, Ends, Grant, Group, Logon, Placement, World};

/// The ids a world got in the database.
struct Stored {
    customers: Vec<i64>,
    /// Account ids per customer, in the world's order.
    accounts: Vec<Vec<i64>>,
    logons: Vec<i64>,
}

/// Writes the world with names made unique by `tag`.
async fn store(app: &TestApp, world: &World, tag: usize) -> Stored {
    let db = &app.state.db;
    let today = app.state.clock.today();
    let mut tx = portal_server::db::begin(db).await.unwrap();
    let mut customers = Vec::new();
    let mut accounts = Vec::new();
    for (c, customer) in world.customers.iter().enumerate() {
        let reg = format!("9{:06}{:04}", tag, c);
        let name = format!("WORLD {tag} BUSINESS {c}");
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO customers (reg_number, legal_name, legal_name_key, kind, tin_kind, \
               tin_sealed, tin_last4, address_line1, city, state, zip, created_at) \
             VALUES ($1, $2, $2, 'business', 'fein', 'sealed', '0000', '1 MAIN ST', 'HARTFORD', \
               'CT', '06103', 0) RETURNING id",
        )
        .bind(&reg)
        .bind(&name)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        let mut ids = Vec::new();
        for (a, tax_type) in customer.accounts.iter().enumerate() {
            let account: i64 = sqlx::query_scalar(
                "INSERT INTO tax_accounts (customer_id, account_number, tax_type, frequency, \
                   status, opened_on) VALUES ($1, $2, $3, 'annual', 'active', '2020-01-01') \
                 RETURNING id",
            )
            .bind(id)
            .bind(format!("8{:06}{:01}{:02}", tag, c, a))
            .bind(tax_type.code())
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            ids.push(account);
        }
        customers.push(id);
        accounts.push(ids);
    }
    let mut logons = Vec::new();
    for (l, logon) in world.logons.iter().enumerate() {
        let username = format!("world{tag}logon{l}");
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO logons (username, username_key, name, email, status, created_at) \
             VALUES ($1, $1, $1, 'w@example.com', $2, 0) RETURNING id",
        )
        .bind(&username)
        .bind(if logon.active { "active" } else { "disabled" })
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        logons.push(id);
    }
    for (l, logon) in world.logons.iter().enumerate() {
        if let Some(parent) = logon.parent {
            sqlx::query(
                "UPDATE logons SET parent_logon_id = $1, secondary_access_type = $2 WHERE id = $3",
            )
            .bind(logons[parent])
            .bind(logon.own_type.code())
            .bind(logons[l])
            .execute(&mut *tx)
            .await
            .unwrap();
            for (tax_type, level) in &logon.own_types {
                sqlx::query(
                    "INSERT INTO secondary_tax_types (logon_id, tax_type, level) VALUES ($1, $2, $3)",
                )
                .bind(logons[l])
                .bind(tax_type.code())
                .bind(level.code())
                .execute(&mut *tx)
                .await
                .unwrap();
            }
        }
    }
    let mut groups = Vec::new();
    for (g, group) in world.groups.iter().enumerate() {
        let name = if group.is_default {
            "Default".to_owned()
        } else {
            format!("Group {g}")
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO security_groups (owner_logon_id, name, name_key, is_default, created_at) \
             VALUES ($1, $2, $3, $4, 0) RETURNING id",
        )
        .bind(logons[group.owner])
        .bind(&name)
        .bind(name.to_lowercase())
        .bind(i64::from(group.is_default))
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        groups.push(id);
    }
    for (l, logon) in world.logons.iter().enumerate() {
        for g in &logon.groups {
            sqlx::query("INSERT INTO secondary_logon_groups (logon_id, group_id) VALUES ($1, $2)")
                .bind(logons[l])
                .bind(groups[*g])
                .execute(&mut *tx)
                .await
                .unwrap();
        }
    }
    for p in &world.placements {
        sqlx::query(
            "INSERT INTO customer_security (owner_logon_id, customer_id, group_id) VALUES ($1, $2, $3)",
        )
        .bind(logons[p.owner])
        .bind(customers[p.customer])
        .bind(groups[p.group])
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    for grant in &world.grants {
        let ends_on = match grant.ends {
            Ends::Never => None,
            Ends::Yesterday => today.add_days(-1),
            Ends::Today => Some(today),
            Ends::Tomorrow => today.add_days(1),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, \
               ends_on, created_at) VALUES ($1, $2, $3, 'third_party', $4, $5, 0) RETURNING id",
        )
        .bind(logons[grant.logon])
        .bind(customers[grant.customer])
        .bind(grant.access_type.code())
        .bind(if grant.revoked { "revoked" } else { "active" })
        .bind(ends_on.map(|d| d.to_iso()))
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        for (a, level) in &grant.levels {
            sqlx::query(
                "INSERT INTO grant_account_levels (grant_id, account_id, level) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(accounts[grant.customer][*a])
            .bind(level.code())
            .execute(&mut *tx)
            .await
            .unwrap();
        }
    }
    tx.commit().await.unwrap();
    Stored {
        customers,
        accounts,
        logons,
    }
}

fn right_name(right: Right) -> &'static str {
    match right {
        Right::View => "view",
        Right::File => "file",
        Right::Pay => "pay",
        Right::ManageAccountSettings => "manage settings",
    }
}

/// Every question about a stored world, asked of the database-backed module.
async fn disagreement(app: &TestApp, world: &World, stored: &Stored) -> Option<String> {
    let db = &app.state.db;
    let today = app.state.clock.today();
    let search = CustomerQuery {
        page_size: Some(100),
        ..Default::default()
    }
    .parse()
    .unwrap();
    // Read through what the server keeps, under the access epoch as a request
    // reads it: storing each world moved it, so nothing kept from the world
    // before may answer.
    let epoch: i64 = sqlx::query_scalar("SELECT n FROM access_epoch WHERE id = 1")
        .fetch_one(db)
        .await
        .unwrap();
    let stamp = portal_server::db::derived::Stamp { epoch, today };
    for (l, logon_id) in stored.logons.iter().enumerate() {
        let page = scope::customer_page(db, &app.state.derived, stamp, *logon_id, &search)
            .await
            .unwrap();
        let (rows, total) = (page.rows, page.total);
        let listed: BTreeSet<i64> = rows.iter().map(|r| r.id).collect();
        let mut expected_listed = BTreeSet::new();
        for (c, customer_id) in stored.customers.iter().enumerate() {
            let expected = world.verdict(l, c);
            if expected.reaches {
                expected_listed.insert(*customer_id);
            }
            let access = access::customer_access(db, *logon_id, *customer_id, today)
                .await
                .unwrap();
            if access.is_some() != expected.reaches {
                return Some(format!(
                    "logon {l} customer {c}: customer_access {} but the model says {}",
                    access.is_some(),
                    expected.reaches
                ));
            }
            let Some(access) = access else { continue };
            if access.may_manage_logons() != expected.manages_logons {
                return Some(format!("logon {l} customer {c}: manages logons differs"));
            }
            if let Some(row) = rows.iter().find(|r| r.id == *customer_id) {
                if row.access_type != access.access_type {
                    return Some(format!(
                        "logon {l} customer {c}: list shows another access type"
                    ));
                }
            }
            for (a, tax_type) in world.customers[c].accounts.iter().enumerate() {
                let account = Account {
                    id: stored.accounts[c][a],
                    tax_type: *tax_type,
                };
                let got: BTreeSet<&str> = Right::ALL
                    .into_iter()
                    .filter(|r| access.allows(account, *r))
                    .map(right_name)
                    .collect();
                if got != expected.rights[a] {
                    return Some(format!(
                        "logon {l} customer {c} account {a}: {got:?} but the model says {:?}",
                        expected.rights[a]
                    ));
                }
            }
        }
        if listed != expected_listed || total != expected_listed.len() as i64 {
            return Some(format!(
                "logon {l}: the Customers list holds {listed:?} ({total}) but the model says {expected_listed:?}"
            ));
        }
    }
    None
}

#[tokio::test]
async fn the_database_queries_agree_with_the_reference_model_in_random_worlds() {
    let app = spawn_app().await;
    // PostgreSQL answers each query over a socket, so it checks fewer worlds.
    let worlds = if std::env::var("PORTAL_TEST_POSTGRES_URL").is_ok() {
        150
    } else {
        400
    };
    let mut runner = TestRunner::deterministic();
    let strategy = world::world();
    for tag in 0..worlds {
        let world = strategy.new_tree(&mut runner).unwrap().current();
        let stored = store(&app, &world, tag).await;
        if let Some(problem) = disagreement(&app, &world, &stored).await {
            panic!("{problem}\nin world {world:#?}");
        }
    }
}

// ---- ALLOW / DENY, one row per rule ------------------------------------------------

/// Customer 0 and customer 1 each have Sales & Use (account 0) and Withholding (account 1).
fn two_businesses() -> World {
    let business = || Customer {
        accounts: vec![TaxType::SalesAndUse, TaxType::Withholding],
    };
    World {
        customers: vec![business(), business()],
        ..World::default()
    }
}

fn primary(active: bool) -> Logon {
    Logon {
        active,
        parent: None,
        own_type: AccessType::TaxAdministrator,
        own_types: Vec::new(),
        groups: Vec::new(),
    }
}

fn secondary(
    parent: usize,
    own_type: AccessType,
    own: &[(TaxType, Level)],
    groups: &[usize],
) -> Logon {
    Logon {
        active: true,
        parent: Some(parent),
        own_type,
        own_types: own.to_vec(),
        groups: groups.to_vec(),
    }
}

fn master(logon: usize, customer: usize) -> Grant {
    Grant {
        logon,
        customer,
        access_type: AccessType::MasterAdministrator,
        revoked: false,
        ends: Ends::Never,
        levels: Vec::new(),
    }
}

fn tax_admin(logon: usize, customer: usize, levels: &[(usize, Level)]) -> Grant {
    Grant {
        logon,
        customer,
        access_type: AccessType::TaxAdministrator,
        revoked: false,
        ends: Ends::Never,
        levels: levels.to_vec(),
    }
}

fn default_group(owner: usize) -> Group {
    Group {
        owner,
        is_default: true,
    }
}

#[derive(Debug, Clone, Copy)]
enum Ask {
    /// May logon reach customer?
    Reach(usize, usize),
    /// May logon use this right on account `.2` of customer `.1`?
    Use(usize, usize, usize, Right),
    /// May logon manage the customer's logons and access?
    ManageLogons(usize, usize),
}

const ALLOW: bool = true;
const DENY: bool = false;

struct Rule {
    says: &'static str,
    world: World,
    ask: Ask,
    expected: bool,
}

fn rule(says: &'static str, world: World, ask: Ask, expected: bool) -> Rule {
    Rule {
        says,
        world,
        ask,
        expected,
    }
}

/// A world where logon 0 has `grant` on customer 0 and logon 1 is the Master
/// Administrator of customer 1 (the other business).
fn with_grant(grant: Grant) -> World {
    let mut w = two_businesses();
    w.logons = vec![primary(true), primary(true)];
    w.grants = vec![grant, master(1, 1)];
    w
}

/// Parent 0 with `parent_grant` on customer 0, its Default group 0 and group 1,
/// and secondary logon 1 as given.
fn with_secondary(parent_grant: Grant, secondary_logon: Logon) -> World {
    let mut w = two_businesses();
    w.logons = vec![primary(true), secondary_logon];
    w.groups = vec![
        default_group(0),
        Group {
            owner: 0,
            is_default: false,
        },
    ];
    w.grants = vec![parent_grant, master(0, 1)];
    w
}

fn rules() -> Vec<Rule> {
    use Ask::*;
    use Level::*;
    use Right::*;
    let all_types = [
        (TaxType::SalesAndUse, AllAccess),
        (TaxType::Withholding, AllAccess),
    ];
    let full_secondary =
        |groups: &[usize]| secondary(0, AccessType::TaxAdministrator, &all_types, groups);
    let mut rules = vec![
        // docs/domain.md: Master Administrator — all access to all accounts, and the only one who manages logons.
        rule("A Master Administrator views every account", with_grant(master(0, 0)), Use(0, 0, 1, View), ALLOW),
        rule("A Master Administrator files", with_grant(master(0, 0)), Use(0, 0, 0, File), ALLOW),
        rule("A Master Administrator pays", with_grant(master(0, 0)), Use(0, 0, 0, Pay), ALLOW),
        rule("A Master Administrator manages account settings", with_grant(master(0, 0)), Use(0, 0, 0, ManageAccountSettings), ALLOW),
        rule("A Master Administrator manages logons", with_grant(master(0, 0)), ManageLogons(0, 0), ALLOW),
        rule("A Master Administrator of one business reaches no other", with_grant(master(0, 0)), Reach(0, 1), DENY),
        // docs/domain.md's level table, Tax Administrator.
        rule("View Only views", with_grant(tax_admin(0, 0, &[(0, ViewOnly)])), Use(0, 0, 0, View), ALLOW),
        rule("View Only does not file", with_grant(tax_admin(0, 0, &[(0, ViewOnly)])), Use(0, 0, 0, File), DENY),
        rule("View Only does not pay", with_grant(tax_admin(0, 0, &[(0, ViewOnly)])), Use(0, 0, 0, Pay), DENY),
        rule("File Only files", with_grant(tax_admin(0, 0, &[(0, FileOnly)])), Use(0, 0, 0, File), ALLOW),
        rule("File Only does not pay", with_grant(tax_admin(0, 0, &[(0, FileOnly)])), Use(0, 0, 0, Pay), DENY),
        rule("Pay Only pays", with_grant(tax_admin(0, 0, &[(0, PayOnly)])), Use(0, 0, 0, Pay), ALLOW),
        rule("Pay Only does not file", with_grant(tax_admin(0, 0, &[(0, PayOnly)])), Use(0, 0, 0, File), DENY),
        rule("File and Pay files", with_grant(tax_admin(0, 0, &[(0, FileAndPay)])), Use(0, 0, 0, File), ALLOW),
        rule("File and Pay pays", with_grant(tax_admin(0, 0, &[(0, FileAndPay)])), Use(0, 0, 0, Pay), ALLOW),
        rule("File and Pay does not manage account settings", with_grant(tax_admin(0, 0, &[(0, FileAndPay)])), Use(0, 0, 0, ManageAccountSettings), DENY),
        rule("All Access manages account settings", with_grant(tax_admin(0, 0, &[(0, AllAccess)])), Use(0, 0, 0, ManageAccountSettings), ALLOW),
        rule("No Access does not even view", with_grant(tax_admin(0, 0, &[(0, NoAccess)])), Use(0, 0, 0, View), DENY),
        rule("A level on one account gives nothing on another", with_grant(tax_admin(0, 0, &[(0, AllAccess)])), Use(0, 0, 1, View), DENY),
        rule("A Tax Administrator never manages logons, even with All Access", with_grant(tax_admin(0, 0, &[(0, AllAccess), (1, AllAccess)])), ManageLogons(0, 0), DENY),
        rule("A Tax Administrator still reaches the customer", with_grant(tax_admin(0, 0, &[(0, NoAccess)])), Reach(0, 0), ALLOW),
        // Grants: status and end date, checked on every request.
        rule("A revoked grant gives nothing", with_grant(Grant { revoked: true, ..master(0, 0) }), Reach(0, 0), DENY),
        rule("A grant counts through its last day", with_grant(Grant { ends: Ends::Today, ..master(0, 0) }), Reach(0, 0), ALLOW),
        rule("A grant past its end date gives nothing", with_grant(Grant { ends: Ends::Yesterday, ..master(0, 0) }), Reach(0, 0), DENY),
        // Logon status: only active logons act.
        rule("A logon that is not active reaches nothing", { let mut w = with_grant(master(0, 0)); w.logons[0].active = false; w }, Reach(0, 0), DENY),
        // Secondary logons (seeds 000, 002): right = own level ∩ allowed types ∩ parent's right; groups.
        rule("A secondary logon in the Default group reaches the parent's customers in Default", with_secondary(master(0, 0), full_secondary(&[0])), Reach(1, 0), ALLOW),
        rule("A secondary logon reaches no customer its parent does not", { let mut w = with_secondary(master(0, 0), full_secondary(&[0])); w.grants.retain(|g| g.customer == 0); w }, Reach(1, 1), DENY),
        rule("A secondary logon without the customer's group does not reach it", { let mut w = with_secondary(master(0, 0), full_secondary(&[0])); w.placements = vec![Placement { owner: 0, customer: 0, group: 1 }]; w }, Reach(1, 0), DENY),
        rule("A secondary logon with the customer's group reaches it", { let mut w = with_secondary(master(0, 0), full_secondary(&[1])); w.placements = vec![Placement { owner: 0, customer: 0, group: 1 }]; w }, Reach(1, 0), ALLOW),
        rule("A secondary logon with only another group does not reach Default's customers", with_secondary(master(0, 0), full_secondary(&[1])), Reach(1, 0), DENY),
        rule("A secondary logon's right is no more than its own level", with_secondary(master(0, 0), secondary(0, AccessType::TaxAdministrator, &[(TaxType::SalesAndUse, ViewOnly)], &[0])), Use(1, 0, 0, File), DENY),
        rule("A secondary logon's right is no more than its parent's", with_secondary(tax_admin(0, 0, &[(0, FileOnly)]), full_secondary(&[0])), Use(1, 0, 0, Pay), DENY),
        rule("File Only from the parent and Pay Only of its own leave View Only", with_secondary(tax_admin(0, 0, &[(0, FileOnly)]), secondary(0, AccessType::TaxAdministrator, &[(TaxType::SalesAndUse, PayOnly)], &[0])), Use(1, 0, 0, View), ALLOW),
        rule("File Only from the parent and Pay Only of its own do not file", with_secondary(tax_admin(0, 0, &[(0, FileOnly)]), secondary(0, AccessType::TaxAdministrator, &[(TaxType::SalesAndUse, PayOnly)], &[0])), Use(1, 0, 0, File), DENY),
        rule("A tax type outside its Account Access gives nothing", with_secondary(master(0, 0), secondary(0, AccessType::TaxAdministrator, &[(TaxType::SalesAndUse, AllAccess)], &[0])), Use(1, 0, 1, View), DENY),
        rule("A secondary logon loses access when its parent does", with_secondary(Grant { revoked: true, ..master(0, 0) }, full_secondary(&[0])), Reach(1, 0), DENY),
        rule("A secondary logon of a disabled parent reaches nothing", { let mut w = with_secondary(master(0, 0), full_secondary(&[0])); w.logons[0].active = false; w }, Reach(1, 0), DENY),
        rule("A disabled secondary logon reaches nothing", { let mut w = with_secondary(master(0, 0), full_secondary(&[0])); w.logons[1].active = false; w }, Reach(1, 0), DENY),
        rule("A Master Administrator secondary manages logons where its parent is Master Administrator", with_secondary(master(0, 0), secondary(0, AccessType::MasterAdministrator, &all_types, &[0])), ManageLogons(1, 0), ALLOW),
        rule("A Master Administrator secondary does not manage logons where its parent is Tax Administrator", with_secondary(tax_admin(0, 0, &[(0, AllAccess)]), secondary(0, AccessType::MasterAdministrator, &all_types, &[0])), ManageLogons(1, 0), DENY),
        rule("A Tax Administrator secondary never manages logons", with_secondary(master(0, 0), full_secondary(&[0])), ManageLogons(1, 0), DENY),
        rule("A secondary logon's groups must be its parent's: another owner's group gives nothing", { let mut w = with_secondary(master(0, 0), full_secondary(&[2])); w.groups.push(default_group(1)); w }, Reach(1, 0), DENY),
    ];
    // Seed 002: the taxpayer may revoke a third party at any time; the firm's secondary logons lose it too.
    let mut revoked_firm = with_secondary(
        Grant {
            revoked: true,
            ..tax_admin(0, 0, &[(0, FileAndPay)])
        },
        full_secondary(&[0]),
    );
    revoked_firm.logons.push(primary(true));
    revoked_firm.grants.push(master(2, 0));
    rules.push(rule(
        "A revoked third party's secondary logon reaches nothing",
        revoked_firm,
        Reach(1, 0),
        DENY,
    ));
    // A secondary logon of a secondary logon is not a way in.
    let mut chain = with_secondary(master(0, 0), full_secondary(&[0]));
    chain.logons.push(secondary(
        1,
        AccessType::MasterAdministrator,
        &all_types,
        &[0],
    ));
    rules.push(rule(
        "A secondary logon's own secondary logon reaches nothing",
        chain,
        Reach(2, 0),
        DENY,
    ));
    rules
}

fn model_answer(world: &World, ask: Ask) -> bool {
    match ask {
        Ask::Reach(l, c) => world.verdict(l, c).reaches,
        Ask::Use(l, c, a, right) => world.verdict(l, c).rights[a].contains(right_name(right)),
        Ask::ManageLogons(l, c) => world.verdict(l, c).manages_logons,
    }
}

fn rules_answer(world: &World, ask: Ask) -> bool {
    let today = world::today();
    match ask {
        Ask::Reach(l, c) => world::facts(world, l, c).reaches(today),
        Ask::Use(l, c, a, right) => {
            let account = Account {
                id: world::account_id(c, a),
                tax_type: world.customers[c].accounts[a],
            };
            world::facts(world, l, c).allows(today, account, right)
        }
        Ask::ManageLogons(l, c) => world::facts(world, l, c).may_manage_logons(today),
    }
}

async fn database_answer(app: &TestApp, world: &World, stored: &Stored, ask: Ask) -> bool {
    let db = &app.state.db;
    let today = app.state.clock.today();
    let (l, c) = match ask {
        Ask::Reach(l, c) | Ask::Use(l, c, _, _) | Ask::ManageLogons(l, c) => (l, c),
    };
    let access = access::customer_access(db, stored.logons[l], stored.customers[c], today)
        .await
        .unwrap();
    match (ask, access) {
        (_, None) => false,
        (Ask::Reach(..), Some(_)) => true,
        (Ask::ManageLogons(..), Some(access)) => access.may_manage_logons(),
        (Ask::Use(_, _, a, right), Some(access)) => access.allows(
            Account {
                id: stored.accounts[c][a],
                tax_type: world.customers[c].accounts[a],
            },
            right,
        ),
    }
}

#[tokio::test]
async fn every_allow_and_deny_rule_holds_in_the_model_the_rules_and_the_database() {
    let app = spawn_app().await;
    let mut failures = Vec::new();
    for (n, rule) in rules().into_iter().enumerate() {
        let stored = store(&app, &rule.world, 9000 + n).await;
        let answers = [
            ("model", model_answer(&rule.world, rule.ask)),
            ("rules", rules_answer(&rule.world, rule.ask)),
            (
                "database",
                database_answer(&app, &rule.world, &stored, rule.ask).await,
            ),
        ];
        for (who, answer) in answers {
            if answer != rule.expected {
                failures.push(format!(
                    "{}: {who} says {} ({:?})",
                    rule.says,
                    if answer { "ALLOW" } else { "DENY" },
                    rule.ask
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rules().len() >= 40, "the table keeps one row per rule");
}
