//! Seed 001: a Master Administrator assigns Master Administrator to another of
//! the business's logons and steps down in the same change, which is one
//! transaction: the business always keeps an active Master Administrator.

use crate::access_requests::{ask_for_natural_health, natural_health_letter, refusal};
use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PREPARER, DEMO_TAXPAYER};
use portal_server::seed::NATURAL_HEALTH_REG;
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::{
    access::LAST_MASTER_ADMINISTRATOR,
    grants::{STEP_DOWN_FIELD, STEP_DOWN_NEEDS_MASTER},
};

/// A colleague asks for NATURAL HEALTH LLC as an additional logon and Jane
/// approves it as a Tax Administrator with View Only on every account.
/// Returns NATURAL HEALTH's id, Jane, the colleague and the grant's path.
async fn colleague_with_view_only(app: &TestApp) -> (i64, Browser, Browser, String) {
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    app.new_logon("Colleague", "Casey Colleague", None).await;
    let (jane, colleague) = (
        app.session(DEMO_TAXPAYER).await,
        app.session("Colleague").await,
    );
    let asked = colleague
        .post("/api/access-requests", &natural_health_letter("additional"))
        .await;
    assert_eq!(asked.status(), StatusCode::CREATED);
    let request_id = asked.json::<Value>().await.unwrap()["request_id"].clone();
    let context = jane.json(&format!("/api/customers/{nh}/accounts")).await;
    let levels: Vec<Value> = context["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| json!({ "account_id": a["account_id"], "level": "view_only" }))
        .collect();
    let approved = jane
        .post(
            &format!("/api/customers/{nh}/access-requests/{request_id}/approve"),
            &json!({ "access_type": "tax_administrator", "levels": levels }),
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    let grant = approved.json::<Value>().await.unwrap()["id"].clone();
    (
        nh,
        jane,
        colleague,
        format!("/api/customers/{nh}/grants/{grant}"),
    )
}

fn hand_over() -> Value {
    json!({ "access_type": "master_administrator", "step_down": true })
}

/// The caller's row for the business on Manage Your Access.
async fn my_row(session: &Browser, reg: &str) -> Value {
    let page = session.json(&format!("/api/access/mine?q={reg}")).await;
    page["items"][0].clone()
}

#[tokio::test]
async fn a_master_administrator_makes_a_colleague_one_and_steps_down_in_the_same_change() {
    let app = spawn_app().await;
    let (nh, jane, colleague, grant_path) = colleague_with_view_only(&app).await;

    let response = jane.put(&grant_path, &hand_over()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.json::<Value>().await.unwrap()["access_type"],
        "master_administrator"
    );
    // The colleague manages the business now; Jane no longer does, but keeps
    // All Access to every account.
    let managed = colleague.get(&format!("/api/customers/{nh}/grants")).await;
    assert_eq!(managed.status(), StatusCode::OK);
    let refused = jane.get(&format!("/api/customers/{nh}/grants")).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let row = my_row(&jane, NATURAL_HEALTH_REG).await;
    assert_eq!(row["access_type"], "tax_administrator");
    let accounts = row["accounts"].as_array().unwrap();
    assert!(!accounts.is_empty());
    assert!(accounts.iter().all(|a| a["level"] == "all_access"), "{row}");
    let summary = jane.json(&format!("/api/customers/{nh}/summary")).await;
    assert_eq!(
        summary["accounts"].as_array().unwrap().len(),
        accounts.len()
    );
    // The business hears of it, and its record says who did it.
    let messages = colleague
        .json(&format!("/api/customers/{nh}/messages"))
        .await;
    assert!(messages
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["subject"].as_str().unwrap().contains("stepped down")));
    let stepped: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM activity WHERE action = 'master_stepped_down'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(stepped, 1);
}

#[tokio::test]
async fn stepping_down_is_refused_and_nothing_changes_when_the_new_master_cannot_act() {
    let app = spawn_app().await;
    let (nh, jane, _colleague, grant_path) = colleague_with_view_only(&app).await;
    // A locked logon is not an active Master Administrator: Jane would be
    // the last one still able to act.
    sqlx::query("UPDATE logons SET status = 'locked' WHERE username = 'Colleague'")
        .execute(&app.state.db)
        .await
        .unwrap();
    let response = jane.put(&grant_path, &hand_over()).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        response.json::<Value>().await.unwrap()["message"],
        LAST_MASTER_ADMINISTRATOR
    );
    // The whole change was undone: the colleague is still a Tax Administrator.
    let grants = jane.json(&format!("/api/customers/{nh}/grants")).await;
    assert_eq!(grants[0]["access_type"], "tax_administrator");
    let row = my_row(&jane, NATURAL_HEALTH_REG).await;
    assert_eq!(row["access_type"], "master_administrator");
}

#[tokio::test]
async fn stepping_down_needs_a_master_administrator_without_an_end_date_on_a_change() {
    let app = spawn_app().await;
    let (nh, jane, _colleague, grant_path) = colleague_with_view_only(&app).await;
    let until = json!({ "access_type": "master_administrator", "step_down": true,
                        "end_month": "12", "end_day": "31", "end_year": "2099" });
    let (field, message) = refusal(jane.put(&grant_path, &until).await).await;
    assert_eq!(
        (field.as_str(), message.as_str()),
        (STEP_DOWN_FIELD, STEP_DOWN_NEEDS_MASTER)
    );
    // Approving a request is not where one steps down.
    let pat = app.session(DEMO_PREPARER).await;
    let request_id = ask_for_natural_health(&pat).await;
    let approve = format!("/api/customers/{nh}/access-requests/{request_id}/approve");
    let (field, _) = refusal(jane.post(&approve, &hand_over()).await).await;
    assert_eq!(field, STEP_DOWN_FIELD);
    let row = my_row(&jane, NATURAL_HEALTH_REG).await;
    assert_eq!(row["access_type"], "master_administrator");
}

#[tokio::test]
async fn a_secondary_master_administrator_cannot_step_down_for_its_parent() {
    let app = spawn_app().await;
    let (_nh, _jane, _colleague, grant_path) = colleague_with_view_only(&app).await;
    let jane_id = app.logon_id(DEMO_TAXPAYER).await;
    let helper = app
        .new_logon("JaneHelper", "Jo Helper", Some(jane_id))
        .await;
    sqlx::query("UPDATE logons SET secondary_access_type = 'master_administrator' WHERE id = $1")
        .bind(helper)
        .execute(&app.state.db)
        .await
        .unwrap();
    let helper = app.session("JaneHelper").await;
    let response = helper.put(&grant_path, &hand_over()).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let jane = app.session(DEMO_TAXPAYER).await;
    let row = my_row(&jane, NATURAL_HEALTH_REG).await;
    assert_eq!(row["access_type"], "master_administrator");
}
