//! "A customer always keeps one active Master Administrator" holds when two
//! of them act at the same instant: each revokes or demotes the other, or
//! each deletes their own profile, in truly concurrent requests. Every round
//! ends with exactly one success and at least one active Master
//! Administrator, and nothing answers 500. Written for PostgreSQL (READ
//! COMMITTED, where the check and the write are separate statements); it runs
//! on SQLite too, where it shows that the writer lock waits instead of failing.

use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PASSWORD, TEST_NOW};
use reqwest::{Response, StatusCode};
use serde_json::json;

const ROUNDS: usize = 20;

/// What each of the two does to the other (or to itself).
#[derive(Debug, Clone, Copy)]
enum Move {
    Revoke,
    Demote,
    DeleteProfile,
}

/// A business of its own with one account and exactly two Master
/// Administrators, both additional logons (so each may change the other's grant).
struct Business {
    customer_id: i64,
    account_id: i64,
    masters: [Master; 2],
}

struct Master {
    grant_id: i64,
    browser: Browser,
}

async fn business(app: &TestApp, round: usize) -> Business {
    let db = &app.state.db;
    let customer_id: i64 = sqlx::query_scalar(
        "INSERT INTO customers (reg_number, legal_name, legal_name_key, kind, tin_kind, tin_sealed, \
           tin_last4, address_line1, city, state, zip, created_at) \
         VALUES ($1, $2, $3, 'business', 'fein', $4, '6789', '1 Main St', 'Hartford', 'CT', '06103', $5) \
         RETURNING id",
    )
    .bind(format!("77{round:08}"))
    .bind(format!("Race Round {round} LLC"))
    .bind(format!("RACE ROUND {round} LLC"))
    .bind(app.state.cipher.seal("123456789"))
    .bind(TEST_NOW)
    .fetch_one(db)
    .await
    .unwrap();
    let account_id: i64 = sqlx::query_scalar(
        "INSERT INTO tax_accounts (customer_id, account_number, tax_type, frequency, status, opened_on) \
         VALUES ($1, $2, 'sales_and_use', 'monthly', 'active', '2020-01-01') RETURNING id",
    )
    .bind(customer_id)
    .bind(format!("99{round:08}"))
    .fetch_one(db)
    .await
    .unwrap();
    let mut masters = Vec::new();
    for who in ["Avery", "Blake"] {
        let username = format!("{who}Round{round}");
        let logon_id = app.new_logon(&username, &format!("{who} Race"), None).await;
        let grant_id: i64 = sqlx::query_scalar(
            "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, created_at) \
             VALUES ($1, $2, 'master_administrator', 'additional', 'active', $3) RETURNING id",
        )
        .bind(logon_id)
        .bind(customer_id)
        .bind(TEST_NOW)
        .fetch_one(db)
        .await
        .unwrap();
        masters.push(Master {
            grant_id,
            browser: app.browser(&username, DEMO_PASSWORD).await,
        });
    }
    let [a, b]: [Master; 2] = masters.try_into().ok().unwrap();
    Business {
        customer_id,
        account_id,
        masters: [a, b],
    }
}

/// `me` does `what` to the other Master Administrator (or, deleting, to itself).
async fn act(business: &Business, me: usize, what: Move) -> Response {
    let (mine, other) = (&business.masters[me], &business.masters[1 - me]);
    let customer = business.customer_id;
    match what {
        Move::Revoke => {
            let path = format!("/api/customers/{customer}/grants/{}/revoke", other.grant_id);
            mine.browser.post(&path, &json!({ "confirm": true })).await
        }
        Move::Demote => {
            let path = format!("/api/customers/{customer}/grants/{}", other.grant_id);
            let tax_administrator = json!({
                "access_type": "tax_administrator",
                "levels": [{ "account_id": business.account_id, "level": "view_only" }],
            });
            mine.browser.put(&path, &tax_administrator).await
        }
        Move::DeleteProfile => {
            let body = json!({ "password": DEMO_PASSWORD, "confirm": true });
            mine.browser.post("/api/profile/delete", &body).await
        }
    }
}

/// Active, in-force Master Administrator grants of active logons.
async fn active_masters(app: &TestApp, customer_id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_grants g JOIN logons l ON l.id = g.logon_id \
         WHERE g.customer_id = $1 AND g.access_type = 'master_administrator' \
           AND g.status = 'active' AND l.status = 'active'",
    )
    .bind(customer_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

async fn race(moves: [Move; 2]) {
    let app = spawn_app().await;
    for round in 0..ROUNDS {
        let business = business(&app, round).await;
        // Both requests are in flight together: join! polls them side by side.
        let (first, second) =
            tokio::join!(act(&business, 0, moves[0]), act(&business, 1, moves[1]));
        let statuses = [first.status(), second.status()];
        for status in statuses {
            assert!(
                !status.is_server_error(),
                "round {round} {moves:?}: {statuses:?}"
            );
        }
        let successes = statuses.iter().filter(|s| s.is_success()).count();
        assert_eq!(successes, 1, "round {round} {moves:?}: {statuses:?}");
        assert!(
            active_masters(&app, business.customer_id).await >= 1,
            "round {round} {moves:?} left no active Master Administrator"
        );
    }
}

#[tokio::test]
async fn two_master_administrators_revoking_each_other_at_once_leave_one() {
    race([Move::Revoke, Move::Revoke]).await;
}

#[tokio::test]
async fn two_master_administrators_demoting_each_other_at_once_leave_one() {
    race([Move::Demote, Move::Demote]).await;
}

#[tokio::test]
async fn one_revoking_while_the_other_demotes_leaves_one() {
    race([Move::Revoke, Move::Demote]).await;
}

#[tokio::test]
async fn two_master_administrators_deleting_their_profiles_at_once_leave_one() {
    race([Move::DeleteProfile, Move::DeleteProfile]).await;
}

#[tokio::test]
async fn the_statuses_a_loser_gets_are_refusals_never_errors() {
    // One sequential round shows what the loser of a race is told.
    let app = spawn_app().await;
    let business = business(&app, 0).await;
    assert_eq!(
        act(&business, 0, Move::Revoke).await.status(),
        StatusCode::NO_CONTENT
    );
    let loser = act(&business, 1, Move::Revoke).await.status();
    assert!(
        matches!(loser, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{loser}"
    );
    assert_eq!(active_masters(&app, business.customer_id).await, 1);
}
