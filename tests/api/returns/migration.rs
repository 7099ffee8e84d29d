//! The migration to the ledger: a demo database made by the portal before
//! the ledger (tests/data/ledger/legacy-demo.sql, 20 clients) is migrated,
//! and every balance the Summary showed is still what it was.

use crate::helpers::{fresh_database_url, DEMO_PASSWORD, DEMO_PREPARER, DEMO_TAXPAYER, TEST_NOW};
use portal_server::{clock::ManualClock, config::Config, db, ledger, startup::Application};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::{collections::BTreeMap, sync::Arc};

const LEGACY: &str = include_str!("../../data/ledger/legacy-demo.sql");

async fn legacy_database(url: &str) -> db::Db {
    let (pool, dialect) = db::connect(url).await.unwrap();
    db::migrate_through(&pool, dialect, 5).await.unwrap();
    for statement in LEGACY.split(";\n").filter(|s| !s.trim().is_empty()) {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    pool
}

/// What the Summary showed per account before: the old columns summed.
async fn old_balances(pool: &db::Db) -> BTreeMap<String, i64> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.account_number, CAST(COALESCE(SUM(p.tax_cents + p.penalty_cents + \
           p.interest_cents - p.credits_cents), 0) AS BIGINT) \
         FROM tax_accounts a LEFT JOIN periods p ON p.account_id = a.id GROUP BY a.account_number",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.into_iter().collect()
}

#[tokio::test]
async fn moving_the_old_balances_into_the_ledger_keeps_every_balance_the_summary_showed() {
    let dir = tempfile::tempdir().unwrap();
    let url = match fresh_database_url().await {
        Some(url) => url,
        None => format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display()),
    };
    let pool = legacy_database(&url).await;
    let before = old_balances(&pool).await;
    assert_eq!(before.len(), 43, "every account of the old demo");
    assert!(before.values().any(|cents| *cents != 0));
    pool.close().await;

    let mut config = Config::for_data_dir(dir.path().to_path_buf());
    config.database_url = Some(url);
    config.insecure_localhost_cookies = true;
    config.processing_interval_seconds = 0;
    let app = Application::build_with_clock(&config, Arc::new(ManualClock::at(TEST_NOW)))
        .await
        .expect("the old database migrates");
    let address = format!("http://{}", app.address());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());

    // Every account, from the ledger's kept totals and from its rows.
    let customers: Vec<i64> = sqlx::query_scalar("SELECT id FROM customers")
        .fetch_all(&state.db)
        .await
        .unwrap();
    let numbers: BTreeMap<i64, String> =
        sqlx::query_as::<_, (i64, String)>("SELECT id, account_number FROM tax_accounts")
            .fetch_all(&state.db)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let mut after = BTreeMap::new();
    for customer in customers {
        for (account, balance) in ledger::account_balances(&state.db, customer).await.unwrap() {
            after.insert(numbers[&account].clone(), balance.cents());
        }
    }
    assert_eq!(after, before);
    let summed: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.account_number, CAST(COALESCE(SUM(e.amount_cents), 0) AS BIGINT) \
         FROM tax_accounts a LEFT JOIN periods p ON p.account_id = a.id \
         LEFT JOIN ledger_entries e ON e.period_id = p.id GROUP BY a.account_number",
    )
    .fetch_all(&state.db)
    .await
    .unwrap();
    assert_eq!(summed.into_iter().collect::<BTreeMap<_, _>>(), before);
    assert!(ledger::totals_that_disagree(&state.db)
        .await
        .unwrap()
        .is_empty());

    // And on the Summary itself, for Jane and for the preparer's clients.
    for username in [DEMO_TAXPAYER, DEMO_PREPARER] {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let signed_in = client
            .post(format!("{address}/api/session"))
            .json(&json!({ "username": username, "password": DEMO_PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), StatusCode::OK);
        let reached: Vec<i64> = sqlx::query_scalar(
            "SELECT g.customer_id FROM access_grants g JOIN logons l ON l.id = g.logon_id \
             WHERE l.username = $1",
        )
        .bind(username)
        .fetch_all(&state.db)
        .await
        .unwrap();
        for customer in reached {
            let summary: Value = client
                .get(format!("{address}/api/customers/{customer}/summary"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            for card in summary["accounts"].as_array().unwrap() {
                let number = card["account_id"].as_str().unwrap();
                let shown = wire::Money::parse_input(card["balance"].as_str().unwrap())
                    .unwrap()
                    .cents();
                assert_eq!(shown, before[number], "account {number}");
            }
        }
    }

    // The old columns are gone; the returns were posted when they were filed.
    assert!(sqlx::query("SELECT tax_cents FROM periods")
        .fetch_all(&state.db)
        .await
        .is_err());
    let unposted: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM tax_returns WHERE processed_on IS NULL")
            .fetch_one(&state.db)
            .await
            .unwrap();
    assert_eq!(unposted, 0);
    let linked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE payment_id IS NOT NULL")
            .fetch_one(&state.db)
            .await
            .unwrap();
    assert!(
        linked > 0,
        "the processed payments are the ledger's payments"
    );
    state.db.close().await;
}
