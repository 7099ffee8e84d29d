//! The server's access rules agree with the naive reference model on every
//! question, in at least 100,000 random worlds per run. On a disagreement
//! proptest shrinks the world and prints the smallest one it can find.

mod world;

use portal_server::access::rules::Account;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use std::collections::BTreeSet;
use wire::access::Right;
use world::{account_id, facts, today, World, RIGHTS};

fn right_name(right: Right) -> &'static str {
    match right {
        Right::View => RIGHTS[0],
        Right::File => RIGHTS[1],
        Right::Pay => RIGHTS[2],
        Right::ManageAccountSettings => RIGHTS[3],
    }
}

/// Every question about the world, asked of both; the first disagreement, if any.
fn disagreement(world: &World) -> Option<String> {
    for logon in 0..world.logons.len() {
        for customer in 0..world.customers.len() {
            let expected = world.verdict(logon, customer);
            let facts = facts(world, logon, customer);
            if facts.reaches(today()) != expected.reaches {
                return Some(format!(
                    "logon {logon} customer {customer}: reaches {} but the model says {}",
                    facts.reaches(today()),
                    expected.reaches
                ));
            }
            let manages = facts.may_manage_logons(today());
            if manages != expected.manages_logons {
                return Some(format!(
                    "logon {logon} customer {customer}: manages logons {manages} but the model says {}",
                    expected.manages_logons
                ));
            }
            if facts.reaches(today()) && facts.access_type(today()).is_none() {
                return Some(format!("logon {logon} customer {customer}: no access type"));
            }
            for (index, tax_type) in world.customers[customer].accounts.iter().enumerate() {
                let account = Account {
                    id: account_id(customer, index),
                    tax_type: *tax_type,
                };
                let got: BTreeSet<&str> = Right::ALL
                    .into_iter()
                    .filter(|r| facts.allows(today(), account, *r))
                    .map(right_name)
                    .collect();
                if got != expected.rights[index] {
                    return Some(format!(
                        "logon {logon} customer {customer} account {index}: {got:?} but the model says {:?}",
                        expected.rights[index]
                    ));
                }
            }
        }
    }
    None
}

/// How many worlds a run checks; `ACCESS_MODEL_WORLDS` raises it for a longer hunt.
fn worlds() -> u32 {
    std::env::var("ACCESS_MODEL_WORLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
        .max(100_000)
}

#[test]
fn the_access_rules_agree_with_the_reference_model_in_a_hundred_thousand_random_worlds() {
    let mut runner = TestRunner::new(Config {
        cases: worlds(),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&world::world(), |world| {
        if let Some(problem) = disagreement(&world) {
            return Err(TestCaseError::fail(problem));
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("the rules and the model disagree; smallest world found:\n{error}");
    }
}

#[test]
fn random_worlds_cover_the_interesting_cases() {
    // A model check means little if the worlds never exercise the rules: count
    // how often each kind of answer comes up in a sample.
    let mut runner = TestRunner::deterministic();
    let strategy = world::world();
    let (mut secondary_reach, mut secondary_denied, mut meets, mut masters) = (0, 0, 0, 0);
    for _ in 0..5_000 {
        let world = strategy.new_tree(&mut runner).unwrap().current();
        for logon in 0..world.logons.len() {
            for customer in 0..world.customers.len() {
                let v = world.verdict(logon, customer);
                let secondary = world.logons[logon].parent.is_some();
                let has_parent_grant = world.logons[logon].parent.is_some_and(|p| {
                    world
                        .grants
                        .iter()
                        .any(|g| g.logon == p && g.customer == customer)
                });
                if secondary && v.reaches {
                    secondary_reach += 1;
                    if v.rights.iter().any(|r| !r.is_empty() && r.len() < 4) {
                        meets += 1;
                    }
                }
                if secondary && has_parent_grant && !v.reaches {
                    secondary_denied += 1;
                }
                if v.manages_logons {
                    masters += 1;
                }
            }
        }
    }
    assert!(
        secondary_reach > 200,
        "secondary logons reached {secondary_reach} times"
    );
    assert!(
        secondary_denied > 200,
        "secondary logons refused {secondary_denied} times"
    );
    assert!(meets > 100, "partial rights through a parent {meets} times");
    assert!(masters > 200, "Master Administrators {masters} times");
}
