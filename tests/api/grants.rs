//! Manage Additional Logons / Manage Third Party Access: a Master Administrator
//! approves, denies, changes and revokes; both sides are told each time.

use crate::access_requests::{
    ask_for_natural_health, by_letter, refusal, HARBOR_VIEW, HARBOR_VIEW_REG, NATURAL_HEALTH,
};
use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PREPARER, DEMO_TAXPAYER};
use portal_server::seed::{NATURAL_HEALTH_REG, PREPARER_FIRM_REG};
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::access::LAST_MASTER_ADMINISTRATOR;

/// The tutorial's Sales & Use account.
async fn sales_account(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM tax_accounts WHERE account_number = '0108824360'")
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

fn one_account(account_id: i64, level: &str) -> Value {
    json!({ "access_type": "tax_administrator",
            "levels": [{ "account_id": account_id, "level": level }] })
}

/// Pat asks for NATURAL HEALTH LLC and Jane approves File and Pay on Sales &
/// Use; returns the grant.
async fn preparer_granted_sales(app: &TestApp, jane: &Browser, pat: &Browser) -> Value {
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let request_id = ask_for_natural_health(pat).await;
    let response = jane
        .post(
            &format!("/api/customers/{nh}/access-requests/{request_id}/approve"),
            &one_account(sales_account(app).await, "file_and_pay"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn jane_approves_file_and_pay_on_one_account_and_the_preparer_sees_only_it() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let (jane, pat) = (
        app.session(DEMO_TAXPAYER).await,
        app.session(DEMO_PREPARER).await,
    );
    let grant = preparer_granted_sales(&app, &jane, &pat).await;
    assert_eq!(grant["kind"], "third_party");
    assert_eq!(grant["username"], DEMO_PREPARER);
    assert_eq!(grant["firm_name"], "LEDGERLINE TAX ADVISORS LLC");
    assert_eq!(grant["access_type"], "tax_administrator");
    let levels: Vec<&str> = grant["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels.len(), 9);
    assert_eq!(levels.iter().filter(|l| **l == "file_and_pay").count(), 1);
    assert_eq!(levels.iter().filter(|l| **l == "no_access").count(), 8);

    let summary = pat.json(&format!("/api/customers/{nh}/summary")).await;
    let cards = summary["accounts"].as_array().unwrap();
    assert_eq!(cards.len(), 1, "the preparer sees one card");
    assert_eq!(cards[0]["account_id"], "0108824360");
    let listed = jane
        .json(&format!("/api/customers/{nh}/grants?kind=third_party"))
        .await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], grant["id"]);
    let additional = jane
        .json(&format!("/api/customers/{nh}/grants?kind=additional"))
        .await;
    assert_eq!(additional, json!([]));
    assert_eq!(
        pat.json("/api/access-requests/mine").await[0]["status"],
        "approved"
    );
}

#[tokio::test]
async fn revoking_a_firm_ends_its_access_and_its_secondary_logons_at_once() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let firm = app.logon_id(DEMO_PREPARER).await;
    app.new_logon("LedgerlineClerk", "Chris Clerk", Some(firm))
        .await;
    let (jane, pat, clerk) = (
        app.session(DEMO_TAXPAYER).await,
        app.session(DEMO_PREPARER).await,
        app.session("LedgerlineClerk").await,
    );
    let grant = preparer_granted_sales(&app, &jane, &pat).await;
    let summary = format!("/api/customers/{nh}/summary");
    assert_eq!(clerk.get(&summary).await.status(), StatusCode::OK);

    let revoke = format!("/api/customers/{nh}/grants/{}/revoke", grant["id"]);
    let (field, _) = refusal(jane.post(&revoke, &json!({ "confirm": false })).await).await;
    assert_eq!(field, "confirm");
    assert_eq!(pat.get(&summary).await.status(), StatusCode::OK);

    let response = jane.post(&revoke, &json!({ "confirm": true })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(pat.get(&summary).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(clerk.get(&summary).await.status(), StatusCode::NOT_FOUND);
    let clients = clerk.json("/api/customers?q=NATURAL").await;
    assert_eq!(clients["total"], 0);
    // The history stays: the grant is marked revoked, not deleted.
    let status: String = sqlx::query_scalar("SELECT status FROM access_grants WHERE id = $1")
        .bind(grant["id"].as_i64().unwrap())
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(status, "revoked");
    let listed = jane.json(&format!("/api/customers/{nh}/grants")).await;
    assert_eq!(listed, json!([]));
    // Asked again, it can be approved again: the old grant comes back with new levels.
    let request_id = ask_for_natural_health(&pat).await;
    let again = jane
        .post(
            &format!("/api/customers/{nh}/access-requests/{request_id}/approve"),
            &json!({ "access_type": "master_administrator" }),
        )
        .await;
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["id"], grant["id"]);
    assert_eq!(again["access_type"], "master_administrator");
    assert_eq!(pat.get(&summary).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn every_decision_writes_a_message_and_an_email_to_both_sides() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let (jane, pat) = (
        app.session(DEMO_TAXPAYER).await,
        app.session(DEMO_PREPARER).await,
    );
    let grant = preparer_granted_sales(&app, &jane, &pat).await;
    let change = jane
        .put(
            &format!("/api/customers/{nh}/grants/{}", grant["id"]),
            &one_account(sales_account(&app).await, "view_only"),
        )
        .await;
    assert_eq!(change.status(), StatusCode::OK);
    let revoke = jane
        .post(
            &format!("/api/customers/{nh}/grants/{}/revoke", grant["id"]),
            &json!({ "confirm": true }),
        )
        .await;
    assert_eq!(revoke.status(), StatusCode::NO_CONTENT);
    let request_id = ask_for_natural_health(&pat).await;
    let deny = jane
        .post(
            &format!("/api/customers/{nh}/access-requests/{request_id}/deny"),
            &json!({}),
        )
        .await;
    assert_eq!(deny.status(), StatusCode::NO_CONTENT);

    let to_pat: Vec<String> = pat
        .json("/api/messages/mine")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        to_pat,
        [
            "Your request for access to NATURAL HEALTH LLC was denied",
            "Your access to NATURAL HEALTH LLC was revoked",
            "Your access to NATURAL HEALTH LLC was changed",
            "Your request for access to NATURAL HEALTH LLC was approved",
        ]
    );
    let to_business = jane.json(&format!("/api/customers/{nh}/messages")).await;
    let subjects: Vec<&str> = to_business
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    for expected in [
        "Access request from Pat Morgan (LedgerlineAdmin) denied",
        "Access of Pat Morgan (LedgerlineAdmin) revoked",
        "Access of Pat Morgan (LedgerlineAdmin) changed",
        "Access request from Pat Morgan (LedgerlineAdmin) approved",
    ] {
        assert!(subjects.contains(&expected), "{expected}");
    }
    let letter_ids: Vec<&str> = to_business
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["letter_id"].as_str().unwrap())
        .collect();
    assert!(letter_ids
        .iter()
        .all(|id| id.len() == 10 && id.starts_with('L')));

    let mail = app.outbox().await;
    let count_to = |address: &str| {
        mail.iter()
            .filter(|m| m.recipient == address && m.kind == "access_notice")
            .count()
    };
    // Four decisions each way; Jane also heard of the two requests.
    assert_eq!(count_to("pat.morgan@ledgerline.example"), 4);
    assert_eq!(count_to("jane.smith@naturalhealth.example"), 6);
}

#[tokio::test]
async fn the_last_master_administrator_cannot_be_demoted_or_revoked() {
    let app = spawn_app().await;
    // The preparer claims HARBOR VIEW BAKERY LLC as its third party: that grant,
    // listed under Manage Third Party Access, is its only Master Administrator.
    let pat = app.session(DEMO_PREPARER).await;
    let claim = by_letter(HARBOR_VIEW_REG, HARBOR_VIEW, "L000000155", "third_party");
    let response = pat.post("/api/access-requests", &claim).await;
    assert_eq!(
        response.json::<Value>().await.unwrap()["outcome"],
        "granted"
    );
    let bakery = app.customer_id(HARBOR_VIEW_REG).await;
    let grants = pat.json(&format!("/api/customers/{bakery}/grants")).await;
    let grant_path = format!("/api/customers/{bakery}/grants/{}", grants[0]["id"]);
    let account: i64 =
        sqlx::query_scalar("SELECT id FROM tax_accounts WHERE customer_id = $1 ORDER BY id")
            .bind(bakery)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    let demote = pat
        .put(&grant_path, &one_account(account, "view_only"))
        .await;
    assert_eq!(demote.status(), StatusCode::CONFLICT);
    let body: Value = demote.json().await.unwrap();
    assert_eq!(body["message"], LAST_MASTER_ADMINISTRATOR);
    let revoke = pat
        .post(&format!("{grant_path}/revoke"), &json!({ "confirm": true }))
        .await;
    assert_eq!(revoke.status(), StatusCode::CONFLICT);
    // Nothing changed: it still manages the business.
    let still = pat.get(&format!("/api/customers/{bakery}/grants")).await;
    assert_eq!(still.status(), StatusCode::OK);
    let changes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM activity WHERE action IN ('grant_changed', 'grant_revoked')",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(changes, 0);

    // With a second Master Administrator, it is no longer the last one.
    app.new_logon("CoOwner", "Lee Partner", None).await;
    let partner = app.session("CoOwner").await;
    let ask = by_letter(HARBOR_VIEW_REG, HARBOR_VIEW, "L000000155", "additional");
    let response = partner.post("/api/access-requests", &ask).await;
    let request_id = response.json::<Value>().await.unwrap()["request_id"].clone();
    let approve = pat
        .post(
            &format!("/api/customers/{bakery}/access-requests/{request_id}/approve"),
            &json!({ "access_type": "master_administrator" }),
        )
        .await;
    assert_eq!(approve.status(), StatusCode::OK);
    let demote = pat
        .put(&grant_path, &one_account(account, "view_only"))
        .await;
    assert_eq!(demote.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_tax_administrator_is_refused_and_another_business_learns_nothing() {
    let app = spawn_app().await;
    // The preparer is a Tax Administrator of its clients.
    let client = app.customer_id("30000000000").await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let pat = app.session(DEMO_PREPARER).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let admin_paths = [
        "accounts",
        "access-requests",
        "access-requests?kind=additional",
        "grants",
        "activity",
    ];
    for path in admin_paths {
        let url = format!("/api/customers/{client}/{path}");
        assert_eq!(
            pat.get(&url).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            jane.get(&url).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
        let own = format!("/api/customers/{nh}/{path}");
        assert_eq!(jane.get(&own).await.status(), StatusCode::OK, "{path}");
    }
    // A Tax Administrator still reads the business's messages.
    let messages = format!("/api/customers/{client}/messages");
    assert_eq!(pat.get(&messages).await.status(), StatusCode::OK);
    assert_eq!(jane.get(&messages).await.status(), StatusCode::NOT_FOUND);
    let pat_grant: i64 = sqlx::query_scalar(
        "SELECT g.id FROM access_grants g JOIN logons l ON l.id = g.logon_id \
         WHERE l.username = $1 AND g.customer_id = $2",
    )
    .bind(DEMO_PREPARER)
    .bind(client)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let revoke = pat
        .post(
            &format!("/api/customers/{client}/grants/{pat_grant}/revoke"),
            &json!({ "confirm": true }),
        )
        .await;
    assert_eq!(revoke.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn ids_of_another_customers_request_or_grant_answer_not_found() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let firm = app.customer_id(PREPARER_FIRM_REG).await;
    let client = app.customer_id("30000000000").await;
    let (jane, pat) = (
        app.session(DEMO_TAXPAYER).await,
        app.session(DEMO_PREPARER).await,
    );
    let request_id = ask_for_natural_health(&pat).await;
    // Pat manages his own firm, but NATURAL HEALTH's request is not the firm's.
    let approve = pat
        .post(
            &format!("/api/customers/{firm}/access-requests/{request_id}/approve"),
            &json!({ "access_type": "master_administrator" }),
        )
        .await;
    assert_eq!(approve.status(), StatusCode::NOT_FOUND);
    let deny = pat
        .post(
            &format!("/api/customers/{firm}/access-requests/{request_id}/deny"),
            &json!({}),
        )
        .await;
    assert_eq!(deny.status(), StatusCode::NOT_FOUND);
    // Jane manages NATURAL HEALTH, but Pat's grant on a client is not hers.
    let client_grant: i64 =
        sqlx::query_scalar("SELECT id FROM access_grants WHERE customer_id = $1")
            .bind(client)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    let change = jane
        .put(
            &format!("/api/customers/{nh}/grants/{client_grant}"),
            &json!({ "access_type": "master_administrator" }),
        )
        .await;
    assert_eq!(change.status(), StatusCode::NOT_FOUND);
    let revoke = jane
        .post(
            &format!("/api/customers/{nh}/grants/{client_grant}/revoke"),
            &json!({ "confirm": true }),
        )
        .await;
    assert_eq!(revoke.status(), StatusCode::NOT_FOUND);
    let pending = jane
        .json(&format!("/api/customers/{nh}/access-requests"))
        .await;
    assert_eq!(pending[0]["id"], request_id, "still pending, untouched");
}

#[tokio::test]
async fn approving_names_levels_only_for_this_business_accounts() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let (jane, pat) = (
        app.session(DEMO_TAXPAYER).await,
        app.session(DEMO_PREPARER).await,
    );
    let request_id = ask_for_natural_health(&pat).await;
    let foreign: i64 = sqlx::query_scalar(
        "SELECT a.id FROM tax_accounts a JOIN customers c ON c.id = a.customer_id \
         WHERE c.reg_number = '30000000000' LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let approve = format!("/api/customers/{nh}/access-requests/{request_id}/approve");
    let (field, _) = refusal(
        jane.post(&approve, &one_account(foreign, "all_access"))
            .await,
    )
    .await;
    assert_eq!(field, "levels");
    let (field, _) = refusal(jane.post(&approve, &json!({})).await).await;
    assert_eq!(field, "access_type");
    let grants = app
        .count(&format!("access_grants WHERE customer_id = {nh}"))
        .await;
    assert_eq!(grants, 1, "only Jane's");
    let pending = jane
        .json(&format!("/api/customers/{nh}/access-requests"))
        .await;
    assert_eq!(pending.as_array().unwrap().len(), 1, "still waiting");
    let context = jane.json(&format!("/api/customers/{nh}/accounts")).await;
    assert_eq!(context["legal_name"], NATURAL_HEALTH);
    assert_eq!(context["accounts"].as_array().unwrap().len(), 9);
    assert_eq!(context["accounts"][0]["level"], "view_only");
}

#[tokio::test]
async fn business_activity_names_who_did_each_access_change() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let (jane, pat) = (
        app.session(DEMO_TAXPAYER).await,
        app.session(DEMO_PREPARER).await,
    );
    preparer_granted_sales(&app, &jane, &pat).await;
    let page = jane.json(&format!("/api/customers/{nh}/activity")).await;
    let rows: Vec<(&str, &str)> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["action"].as_str().unwrap(), r["who"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows[..2],
        [
            ("access_request_approved", "Jane Smith (JaneSmith)"),
            ("access_requested", "Pat Morgan (LedgerlineAdmin)"),
        ]
    );
    let searched = jane
        .json(&format!("/api/customers/{nh}/activity?q=approved"))
        .await;
    assert_eq!(searched["total"], 1);
    // Pat's own View Activity shows his request, without a who column.
    let own = pat.json("/api/activity").await;
    assert_eq!(own["rows"][0]["action"], "access_requested");
    assert!(own["rows"][0].get("who").is_none());
}
