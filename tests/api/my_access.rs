//! Manage Your Access: the businesses a logon reaches, its level on each
//! account, and leaving one. Also the business's messages.

use crate::access_requests::refusal;
use crate::helpers::{spawn_app, spawn_app_configured, Options, DEMO_PREPARER, DEMO_TAXPAYER};
use portal_server::seed::{NATURAL_HEALTH_REG, PREPARER_FIRM_REG};
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::access::LAST_MASTER_ADMINISTRATOR;

fn levels(row: &Value) -> Vec<(String, String)> {
    row["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["tax_type"].as_str().unwrap().to_owned(),
                a["level"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn manage_your_access_pages_through_a_preparers_clients_with_each_level() {
    let app = spawn_app_configured(
        Options {
            secure_cookies: false,
        },
        |config| config.demo_clients = 30,
    )
    .await;
    let pat = app.session(DEMO_PREPARER).await;
    let first = pat.json("/api/access/mine").await;
    assert_eq!(first["total"], 31, "thirty clients and the firm itself");
    assert_eq!(first["items"].as_array().unwrap().len(), 25);
    let second = pat.json("/api/access/mine?page=2").await;
    assert_eq!(second["items"].as_array().unwrap().len(), 6);

    let firm = pat.json("/api/access/mine?q=LEDGERLINE").await["items"][0].clone();
    assert_eq!(firm["reg_number"], PREPARER_FIRM_REG);
    assert_eq!(firm["access_type"], "master_administrator");
    assert_eq!(firm["may_leave"], false, "its last Master Administrator");
    assert!(levels(&firm).iter().all(|(_, level)| level == "all_access"));

    let client = pat.json("/api/access/mine?q=30000000000").await["items"][0].clone();
    assert_eq!(client["relationship"], "third_party");
    assert_eq!(client["access_type"], "tax_administrator");
    assert_eq!(client["may_leave"], true);
    for (tax_type, level) in levels(&client) {
        let expected = if tax_type == "withholding" {
            "file_and_pay"
        } else {
            "file_only"
        };
        assert_eq!(level, expected, "{tax_type}");
    }
    let bad = pat.get("/api/access/mine?page_size=7").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn leaving_a_client_ends_the_access_and_is_recorded() {
    let app = spawn_app().await;
    let client = app.customer_id("30000000000").await;
    let pat = app.session(DEMO_PREPARER).await;
    let leave = format!("/api/access/mine/{client}/leave");
    let (field, _) = refusal(pat.post(&leave, &json!({})).await).await;
    assert_eq!(field, "confirm");
    let response = pat.post(&leave, &json!({ "confirm": true })).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let summary = pat.get(&format!("/api/customers/{client}/summary")).await;
    assert_eq!(summary.status(), StatusCode::NOT_FOUND);
    let mine = pat.json("/api/access/mine").await;
    assert_eq!(mine["total"], 4, "the firm and three clients left");
    let activity = pat.json("/api/activity").await;
    assert_eq!(activity["rows"][0]["action"], "access_left");
    // Leaving again: it no longer reaches the client at all.
    let again = pat.post(&leave, &json!({ "confirm": true })).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_last_master_administrator_cannot_leave_and_nothing_changes() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let mine = jane.json("/api/access/mine").await;
    assert_eq!(mine["items"][0]["may_leave"], false);
    let response = jane
        .post(
            &format!("/api/access/mine/{nh}/leave"),
            &json!({ "confirm": true }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], LAST_MASTER_ADMINISTRATOR);
    let summary = jane.json(&format!("/api/customers/{nh}/summary")).await;
    assert_eq!(summary["accounts"].as_array().unwrap().len(), 9);
}

#[tokio::test]
async fn a_secondary_logon_sees_its_access_but_cannot_leave() {
    let app = spawn_app().await;
    let client = app.customer_id("30000000000").await;
    let firm = app.logon_id(DEMO_PREPARER).await;
    app.new_logon("LedgerlineClerk", "Chris Clerk", Some(firm))
        .await;
    let clerk = app.session("LedgerlineClerk").await;
    let mine = clerk.json("/api/access/mine?q=30000000000").await;
    let row = &mine["items"][0];
    assert_eq!(row["relationship"], "secondary");
    assert_eq!(row["may_leave"], false);
    let response = clerk
        .post(
            &format!("/api/access/mine/{client}/leave"),
            &json!({ "confirm": true }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let summary = clerk.get(&format!("/api/customers/{client}/summary")).await;
    assert_eq!(summary.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_business_messages_are_read_only_by_those_who_reach_it() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let messages = jane.json(&format!("/api/customers/{nh}/messages")).await;
    let letter_ids: Vec<&str> = messages
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["letter_id"].as_str().unwrap())
        .collect();
    assert!(letter_ids.contains(&"L000000144"));
    let sent: Vec<i64> = messages
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["sent_at"].as_i64().unwrap())
        .collect();
    assert!(sent.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let pat = app.session(DEMO_PREPARER).await;
    let response = pat.get(&format!("/api/customers/{nh}/messages")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(jane.json("/api/messages/mine").await, json!([]));
}

#[tokio::test]
async fn manage_your_access_names_who_to_ask_for_more_access() {
    let app = spawn_app().await;
    let firm = app.logon_id(DEMO_PREPARER).await;
    let (firm_name, firm_email): (String, String) =
        sqlx::query_as("SELECT name, email FROM logons WHERE id = $1")
            .bind(firm)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    // A secondary logon asks its parent logon.
    app.new_logon("LedgerlineClerk", "Chris Clerk", Some(firm))
        .await;
    let clerk = app.session("LedgerlineClerk").await;
    let row = clerk.json("/api/access/mine?q=30000000000").await["items"][0].clone();
    assert_eq!(row["ask"].as_array().unwrap().len(), 1);
    assert_eq!(row["ask"][0]["name"], firm_name.as_str());
    assert_eq!(row["ask"][0]["email"], firm_email.as_str());

    // A Tax Administrator of NATURAL HEALTH LLC asks its Master Administrator, Jane.
    let helper = app.new_logon("NaturalHelper", "Nat Helper", None).await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    sqlx::query(
        "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, created_at) \
         VALUES ($1, $2, 'tax_administrator', 'additional', 'active', 0)",
    )
    .bind(helper)
    .bind(nh)
    .execute(&app.state.db)
    .await
    .unwrap();
    let nat = app.session("NaturalHelper").await;
    let row = nat.json("/api/access/mine").await["items"][0].clone();
    assert_eq!(row["legal_name"], "NATURAL HEALTH LLC");
    let names: Vec<&str> = row["ask"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Jane Smith"]);

    // A Master Administrator has all there is: nobody to ask.
    let jane = app.session(DEMO_TAXPAYER).await;
    let row = jane.json("/api/access/mine").await["items"][0].clone();
    assert_eq!(row["ask"], json!([]));
}
