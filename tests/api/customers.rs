//! The client switcher: the Customers list is scoped to what the logon reaches,
//! searchable, sortable and paged; switching asks the rules every time.

use crate::helpers::{spawn_app, DEMO_PASSWORD, DEMO_PREPARER};
use portal_server::seed::{NATURAL_HEALTH_REG, PREPARER_FIRM_REG};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["legal_name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_preparer_sees_its_own_firm_and_its_clients_and_never_another_business() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let page: Value = app.get("/api/customers").await.json().await.unwrap();
    // The firm itself and the 4 demo clients; NATURAL HEALTH LLC is not its client.
    assert_eq!(page["total"], 5);
    let listed = names(&page);
    assert!(listed.contains(&"LEDGERLINE TAX ADVISORS LLC".to_owned()));
    assert!(!listed.contains(&"NATURAL HEALTH LLC".to_owned()));
    let mut sorted = listed.clone();
    sorted.sort_by_key(|n| n.to_uppercase());
    assert_eq!(listed, sorted, "sorted by name by default");
    let firm = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reg_number"] == PREPARER_FIRM_REG)
        .unwrap();
    assert_eq!(firm["access_type"], "master_administrator");
    assert_eq!(firm["relationship"], "own");
    let client = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reg_number"] != PREPARER_FIRM_REG)
        .unwrap();
    assert_eq!(client["relationship"], "third_party");
}

#[tokio::test]
async fn the_customers_list_searches_by_name_or_number_sorts_and_pages() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let by_number: Value = app
        .get("/api/customers?q=2142219")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(names(&by_number), ["LEDGERLINE TAX ADVISORS LLC"]);
    let by_name: Value = app
        .get("/api/customers?q=ledgerline%20tax")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_name["total"], 1, "name search ignores case");

    let descending: Value = app
        .get("/api/customers?sort=reg_number&dir=descending&page_size=25")
        .await
        .json()
        .await
        .unwrap();
    let numbers: Vec<&str> = descending["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reg_number"].as_str().unwrap())
        .collect();
    let mut expected = numbers.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(numbers, expected);

    let second: Value = app
        .get("/api/customers?page=2&page_size=25")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["total"], 5);
    assert_eq!(second["items"].as_array().unwrap().len(), 0);

    let bad = app.get("/api/customers?page_size=7").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = bad.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "page_size");
    let unreadable = app.get("/api/customers?page=first").await;
    assert_eq!(unreadable.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn switching_to_a_client_makes_it_the_current_customer_of_the_session() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let client_reg = format!("{:011}", 30_000_000_000u64 + 7919);
    let client = app.customer_id(&client_reg).await;
    let response = app
        .post_json("/api/session/customer", &json!({ "customer_id": client }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["current_customer"]["id"], client);
    assert_eq!(view["customer_count"], 5);
    let session: Value = app.get("/api/session").await.json().await.unwrap();
    assert_eq!(
        session["current_customer"]["reg_number"],
        client_reg.as_str()
    );
}

#[tokio::test]
async fn switching_to_a_business_the_logon_does_not_reach_is_not_found_and_changes_nothing() {
    let app = spawn_app().await;
    let before: Value = {
        app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
        app.get("/api/session").await.json().await.unwrap()
    };
    let natural_health = app.customer_id(NATURAL_HEALTH_REG).await;
    for customer_id in [natural_health, 999_999] {
        let response = app
            .post_json(
                "/api/session/customer",
                &json!({ "customer_id": customer_id }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let after: Value = app.get("/api/session").await.json().await.unwrap();
    assert_eq!(after["current_customer"], before["current_customer"]);
    let summary = app
        .get(&format!("/api/customers/{natural_health}/summary"))
        .await;
    assert_eq!(summary.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_customers_list_needs_a_session() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/api/customers").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let response = app
        .post_json("/api/session/customer", &json!({ "customer_id": 1 }))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
