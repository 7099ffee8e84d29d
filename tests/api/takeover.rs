//! The takeover found in issue 8: lock out a business's only Master
//! Administrator, claim the business with a fact many people see, then revoke
//! the owner. A business is claimed at once only if it never had a Master
//! Administrator; a Master Administrator who is locked, disabled or waiting
//! still counts, is asked, and keeps her own grant.

use crate::access_requests::{dana_claims_harbor_view, natural_health_letter, HARBOR_VIEW_REG};
use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PASSWORD, DEMO_PREPARER, DEMO_TAXPAYER};
use portal_server::seed::NATURAL_HEALTH_REG;
use reqwest::StatusCode;
use serde_json::{json, Value};

const JANE_EMAIL: &str = "jane.smith@naturalhealth.example";

/// Jane's own grant on NATURAL HEALTH LLC: (id, access type, status).
async fn janes_grant(app: &TestApp) -> (i64, String, String) {
    sqlx::query_as(
        "SELECT g.id, g.access_type, g.status FROM access_grants g JOIN logons l ON l.id = g.logon_id \
         JOIN customers c ON c.id = g.customer_id WHERE l.username = $1 AND c.reg_number = $2",
    )
    .bind(DEMO_TAXPAYER)
    .bind(NATURAL_HEALTH_REG)
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

/// Revokes grant `grant` of NATURAL HEALTH LLC from `who`'s session, confirmed.
async fn revoke(app: &TestApp, who: &Browser, grant: i64) -> StatusCode {
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    who.post(
        &format!("/api/customers/{nh}/grants/{grant}/revoke"),
        &json!({ "confirm": true }),
    )
    .await
    .status()
}

/// Asks for NATURAL HEALTH LLC with its printed Letter ID, as its own business.
async fn stranger_asks(app: &TestApp) -> Value {
    app.new_logon("Mallory", "Mallory Stranger", None).await;
    let mallory = app.session("Mallory").await;
    let ask = natural_health_letter("additional");
    let response = mallory.post("/api/access-requests", &ask).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    // Whatever happened, the stranger cannot act for the business.
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let (jane_grant, _, _) = janes_grant(app).await;
    let revoked = revoke(app, &mallory, jane_grant).await;
    assert_ne!(revoked, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(
        mallory
            .get(&format!("/api/customers/{nh}/summary"))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "{body}"
    );
    body
}

/// The request waits for Jane, she still holds her grant, and she hears of it
/// by email whatever her logon's status.
async fn assert_jane_is_asked(app: &TestApp, outcome: &Value) {
    assert_eq!(outcome["outcome"], "pending");
    let status: String = sqlx::query_scalar("SELECT status FROM access_requests")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(status, "pending");
    let (_, access_type, grant_status) = janes_grant(app).await;
    assert_eq!(
        (access_type.as_str(), grant_status.as_str()),
        ("master_administrator", "active")
    );
    assert!(app.outbox().await.iter().any(|m| m.recipient == JANE_EMAIL
        && m.subject == "Mallory Stranger (Mallory) asks for access to NATURAL HEALTH LLC"));
}

#[tokio::test]
async fn locking_out_the_only_master_administrator_does_not_hand_the_business_to_a_stranger() {
    let app = spawn_app().await;
    app.new_browser(None).fail_sign_ins(DEMO_TAXPAYER, 5).await;
    assert_eq!(app.status_of(DEMO_TAXPAYER).await, "locked");

    let outcome = stranger_asks(&app).await;
    assert_jane_is_asked(&app, &outcome).await;
    // Once she is back, she sees the request and decides it.
    app.clock.advance(30 * 60);
    let jane = app.session(DEMO_TAXPAYER).await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let pending = jane
        .json(&format!("/api/customers/{nh}/access-requests"))
        .await;
    assert_eq!(pending[0]["requester_username"], "Mallory");
}

#[tokio::test]
async fn a_disabled_or_waiting_master_administrator_still_counts_and_is_asked() {
    for status in ["disabled", "pending", "locked"] {
        let app = spawn_app().await;
        sqlx::query("UPDATE logons SET status = $1 WHERE username = $2")
            .bind(status)
            .bind(DEMO_TAXPAYER)
            .execute(&app.state.db)
            .await
            .unwrap();
        let outcome = stranger_asks(&app).await;
        assert_jane_is_asked(&app, &outcome).await;
    }
    // A temporary password she has not changed, or 2-step verification on,
    // leaves her logon active: she counts as ever.
    let app = spawn_app().await;
    sqlx::query(
        "UPDATE logons SET temporary_password_expires_at = $1, two_step_enabled_at = $1 \
         WHERE username = $2",
    )
    .bind(app.state.now() - 1)
    .bind(DEMO_TAXPAYER)
    .execute(&app.state.db)
    .await
    .unwrap();
    let outcome = stranger_asks(&app).await;
    assert_jane_is_asked(&app, &outcome).await;
}

#[tokio::test]
async fn a_business_that_never_had_a_master_administrator_is_still_claimed_at_once_and_it_is_announced(
) {
    let app = spawn_app().await;
    let dana = dana_claims_harbor_view(&app).await;
    let bakery = app.customer_id(HARBOR_VIEW_REG).await;
    let messages = dana
        .json(&format!("/api/customers/{bakery}/messages"))
        .await;
    assert!(
        messages.as_array().unwrap().iter().any(|m| m["subject"]
            == "Dana Baker (BakerOwner) is now a Master Administrator of HARBOR VIEW BAKERY LLC"),
        "{messages}"
    );
}

#[tokio::test]
async fn a_business_whose_every_master_administrator_was_cancelled_can_be_claimed_again() {
    let app = spawn_app().await;
    sqlx::query("UPDATE logons SET status = 'cancelled' WHERE username = $1")
        .bind(DEMO_TAXPAYER)
        .execute(&app.state.db)
        .await
        .unwrap();
    app.new_logon("NewOwner", "Robin Lee", None).await;
    let robin = app.session("NewOwner").await;
    let claim = natural_health_letter("additional");
    let response = robin.post("/api/access-requests", &claim).await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["outcome"], "granted", "{body}");
}

/// Jane approves Lee as a Master Administrator through a request; returns Lee's session.
async fn later_master(app: &TestApp) -> Browser {
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    app.new_logon("CoOwner", "Lee Partner", None).await;
    let lee = app.session("CoOwner").await;
    let ask = natural_health_letter("additional");
    let response = lee.post("/api/access-requests", &ask).await;
    let request_id = response.json::<Value>().await.unwrap()["request_id"].clone();
    let jane = app.session(DEMO_TAXPAYER).await;
    let approve = jane
        .post(
            &format!("/api/customers/{nh}/access-requests/{request_id}/approve"),
            &json!({ "access_type": "master_administrator" }),
        )
        .await;
    assert_eq!(approve.status(), StatusCode::OK);
    lee
}

/// A Tax Administrator on the tutorial's Sales & Use account only.
async fn view_only_on_sales(app: &TestApp, level: &str) -> Value {
    let sales: i64 =
        sqlx::query_scalar("SELECT id FROM tax_accounts WHERE account_number = '0108824360'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    json!({ "access_type": "tax_administrator",
            "levels": [{ "account_id": sales, "level": level }] })
}

/// Everything a refused change or revocation must leave as it was.
async fn grants_fingerprint(app: &TestApp) -> Vec<(i64, String, String, String)> {
    sqlx::query_as("SELECT id, access_type, relationship, status FROM access_grants ORDER BY id")
        .fetch_all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_later_master_administrator_cannot_revoke_or_demote_the_owners_own_grant() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let lee = later_master(&app).await;
    let (jane_grant, _, _) = janes_grant(&app).await;
    let before = grants_fingerprint(&app).await;
    let mail_before = app.count("outbox").await;
    let messages_before = app.count("messages").await;

    let path = format!("/api/customers/{nh}/grants/{jane_grant}");
    assert_eq!(revoke(&app, &lee, jane_grant).await, StatusCode::NOT_FOUND);
    let demote = lee
        .put(&path, &view_only_on_sales(&app, "view_only").await)
        .await;
    assert_eq!(demote.status(), StatusCode::NOT_FOUND);

    assert_eq!(grants_fingerprint(&app).await, before);
    assert_eq!(app.count("outbox").await, mail_before);
    assert_eq!(app.count("messages").await, messages_before);
    // Jane still manages her business.
    let jane = app.session(DEMO_TAXPAYER).await;
    let grants = jane.get(&format!("/api/customers/{nh}/grants")).await;
    assert_eq!(grants.status(), StatusCode::OK);
}

#[tokio::test]
async fn only_the_grants_the_manage_pages_list_can_be_revoked() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let _lee = later_master(&app).await;
    let pat = app.session(DEMO_PREPARER).await;
    crate::access_requests::ask_for_natural_health(&pat).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let listed: Vec<i64> = jane
        .json(&format!("/api/customers/{nh}/grants"))
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_i64().unwrap())
        .collect();
    let all: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM access_grants WHERE customer_id = $1 AND status = 'active' ORDER BY id",
    )
    .bind(nh)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert!(all.len() > listed.len());
    for grant in all.iter().filter(|g| !listed.contains(g)) {
        let answer = revoke(&app, &jane, *grant).await;
        assert_eq!(answer, StatusCode::NOT_FOUND, "grant {grant}");
    }
    for grant in listed {
        let answer = revoke(&app, &jane, grant).await;
        assert_eq!(answer, StatusCode::NO_CONTENT, "grant {grant}");
    }
}

#[tokio::test]
async fn every_new_master_administrator_is_announced_to_the_other_master_administrators_even_a_locked_one(
) {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let lee = later_master(&app).await;
    // The approval announced Lee to Jane.
    let mail = app.outbox().await;
    assert!(mail.iter().any(|m| m.recipient == JANE_EMAIL
        && m.subject
            == "Lee Partner (CoOwner) is now a Master Administrator of NATURAL HEALTH LLC"));

    // Jane is locked out; Lee approves the preparer as a Tax Administrator, then
    // changes it to Master Administrator: Jane hears of it all the same.
    app.new_browser(None).fail_sign_ins(DEMO_TAXPAYER, 5).await;
    let pat = app.session(DEMO_PREPARER).await;
    let request_id = crate::access_requests::ask_for_natural_health(&pat).await;
    let approve = lee
        .post(
            &format!("/api/customers/{nh}/access-requests/{request_id}/approve"),
            &view_only_on_sales(&app, "file_only").await,
        )
        .await;
    assert_eq!(approve.status(), StatusCode::OK);
    let grant: Value = approve.json().await.unwrap();
    let announced =
        "Pat Morgan (LedgerlineAdmin) is now a Master Administrator of NATURAL HEALTH LLC";
    assert!(!app.outbox().await.iter().any(|m| m.subject == announced));
    let change = lee
        .put(
            &format!("/api/customers/{nh}/grants/{}", grant["id"]),
            &json!({ "access_type": "master_administrator" }),
        )
        .await;
    assert_eq!(change.status(), StatusCode::OK);
    let mail = app.outbox().await;
    let to: Vec<&str> = mail
        .iter()
        .filter(|m| m.subject == announced)
        .map(|m| m.recipient.as_str())
        .collect();
    assert!(to.contains(&JANE_EMAIL), "{to:?}");
    assert!(to.contains(&"coowner@example.com"), "{to:?}");
    let messages = lee.json(&format!("/api/customers/{nh}/messages")).await;
    assert!(messages
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["subject"] == announced));
    // Jane can still sign in once the lock lifts, and her own grant is untouched.
    app.clock.advance(30 * 60);
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
}
