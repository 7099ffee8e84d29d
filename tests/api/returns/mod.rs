//! Returns and the ledger: filing every form, drafts, exactly-once submits,
//! amendments, who may file, history and period details, the processing
//! step, and the migration that moved the old balances into the ledger.

mod access;
mod filing;
mod history;
mod migration;
mod processing;

use crate::helpers::{Browser, TestApp, DEMO_TAXPAYER};
use portal_server::processing::{Options, Processor, Report};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use wire::CivilDate;

pub use portal_server::seed::NATURAL_HEALTH_SALES;

/// The internal id of the account with this Account ID.
pub async fn account_id(app: &TestApp, number: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM tax_accounts WHERE account_number = $1")
        .bind(number)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// The account's period ending on `end`.
pub async fn period_id(app: &TestApp, account: i64, end: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM periods WHERE account_id = $1 AND period_end = $2")
        .bind(account)
        .bind(end)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// NATURAL HEALTH LLC's account of a tax type.
pub async fn natural_health_account(app: &TestApp, tax_type: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT a.id FROM tax_accounts a JOIN customers c ON c.id = a.customer_id \
         WHERE c.reg_number = $1 AND a.tax_type = $2",
    )
    .bind(portal_server::seed::NATURAL_HEALTH_REG)
    .bind(tax_type)
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

pub fn values(pairs: &[(&str, &str)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
            .collect(),
    )
}

fn draft_path(account: i64, period: i64) -> String {
    format!("/api/accounts/{account}/periods/{period}/draft")
}

pub async fn save_draft(
    browser: &Browser,
    (account, period): (i64, i64),
    kind: &str,
    boxes: &[(&str, &str)],
) -> Response {
    browser
        .put(
            &draft_path(account, period),
            &json!({ "kind": kind, "values": values(boxes) }),
        )
        .await
}

pub async fn submit(
    browser: &Browser,
    (account, period): (i64, i64),
    kind: &str,
    key: &str,
    boxes: &[(&str, &str)],
) -> Response {
    browser
        .post(
            &format!("/api/accounts/{account}/periods/{period}/returns"),
            &json!({ "kind": kind, "draft_key": key, "values": values(boxes) }),
        )
        .await
}

/// Saves a draft of `kind` with the boxes and submits it: the return as filed.
pub async fn file(
    browser: &Browser,
    target: (i64, i64),
    kind: &str,
    boxes: &[(&str, &str)],
) -> Value {
    let saved = save_draft(browser, target, kind, boxes).await;
    assert_eq!(saved.status(), StatusCode::OK, "the draft saves");
    let draft: Value = saved.json().await.unwrap();
    let key = draft["draft_key"].as_str().unwrap().to_owned();
    let filed = submit(browser, target, kind, &key, boxes).await;
    assert_eq!(filed.status(), StatusCode::CREATED, "the return is filed");
    filed.json().await.unwrap()
}

pub async fn jane(app: &TestApp) -> Browser {
    app.session(DEMO_TAXPAYER).await
}

pub fn processor(app: &TestApp) -> Processor {
    Processor::new(
        app.state.db.clone(),
        app.state.clock.clone(),
        Options::default(),
    )
}

/// Runs the processing step as of `as_of` (again, if it ran already).
pub async fn process(app: &TestApp, as_of: &str) -> Report {
    let as_of = CivilDate::parse_iso(as_of).unwrap();
    processor(app).run_when_free(as_of, true).await.unwrap()
}

/// Moves the test's clock to noon (UTC) of `date`.
pub fn move_clock_to(app: &TestApp, date: &str) {
    let target = CivilDate::parse_iso(date).unwrap().days_since_epoch() * 86_400 + 12 * 3600;
    app.clock.advance(target - app.state.now());
}

/// Every ledger row, by account, period, kind, amount and dates (not ids or
/// instants, which differ between databases built alike).
pub async fn ledger(app: &TestApp) -> Vec<(String, String, String, i64, String, String)> {
    sqlx::query_as(
        "SELECT a.account_number, p.period_end, e.kind, e.amount_cents, e.effective_on, e.posted_on \
         FROM ledger_entries e JOIN periods p ON p.id = e.period_id \
         JOIN tax_accounts a ON a.id = p.account_id \
         ORDER BY a.account_number, p.period_end, e.kind, e.amount_cents, e.effective_on, e.posted_on",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap()
}

/// The kept per-period totals equal the sums of their rows.
pub async fn assert_totals_agree(app: &TestApp) {
    let wrong = portal_server::ledger::totals_that_disagree(&app.state.db)
        .await
        .unwrap();
    assert!(wrong.is_empty(), "period totals that disagree: {wrong:?}");
}

/// The account's balance on the Summary, as a string of dollars.
pub async fn summary_balance(browser: &Browser, customer: i64, account: i64) -> String {
    let summary = browser
        .json(&format!("/api/customers/{customer}/summary"))
        .await;
    summary["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == account)
        .map(|a| a["balance"].as_str().unwrap().to_owned())
        .unwrap()
}

/// A grant of `logon` on `customer` with a level per account (the rest No Access).
pub async fn grant(
    app: &TestApp,
    logon: i64,
    customer: i64,
    relationship: &str,
    levels: &[(i64, &str)],
) {
    let grant: i64 = sqlx::query_scalar(
        "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, created_at) \
         VALUES ($1, $2, 'tax_administrator', $3, 'active', 0) RETURNING id",
    )
    .bind(logon)
    .bind(customer)
    .bind(relationship)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    for (account, level) in levels {
        sqlx::query(
            "INSERT INTO grant_account_levels (grant_id, account_id, level) VALUES ($1, $2, $3)",
        )
        .bind(grant)
        .bind(account)
        .bind(level)
        .execute(&app.state.db)
        .await
        .unwrap();
    }
}
