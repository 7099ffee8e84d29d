use crate::helpers::{
    new_client, spawn_app, TestApp, DEMO_PASSWORD, DEMO_PREPARER, DEMO_TAXPAYER, TEST_NOW,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn activity(app: &TestApp, query: &str) -> Value {
    let response = app.get(&format!("/api/activity{query}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn descriptions(page: &Value) -> Vec<String> {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["description"].as_str().unwrap().to_owned())
        .collect()
}

/// `count` events of `action` for a logon, one a minute back from an hour ago.
async fn add_events(app: &TestApp, username: &str, action: &str, count: i64) {
    let logon = app.logon_id(username).await;
    for i in 0..count {
        sqlx::query(
            "INSERT INTO activity (occurred_at, logon_id, action, outcome) VALUES ($1, $2, $3, 'success')",
        )
        .bind(TEST_NOW - 3600 - i * 60)
        .bind(logon)
        .bind(action)
        .execute(&app.state.db)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn view_activity_shows_only_the_callers_own_events_newest_first_in_plain_words() {
    let app = spawn_app().await;
    app.sign_in(DEMO_TAXPAYER, "a wrong password for jane")
        .await;
    app.clock.advance(60);
    app.sign_in_as_jane().await;
    let preparer = new_client();
    preparer
        .post(app.url("/api/session"))
        .json(&json!({ "username": DEMO_PREPARER, "password": DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    add_events(&app, DEMO_PREPARER, "password_changed", 3).await;

    let page = activity(&app, "").await;
    assert_eq!(descriptions(&page), ["Logged in", "Failed log in"]);
    assert_eq!(page["total"], 2);
    let newest = &page["rows"][0];
    assert_eq!(newest["business"], "NATURAL HEALTH LLC");
    assert_eq!(newest["outcome"], "Success");
    assert_eq!(newest["source_address"], "127.0.0.1");
    assert_eq!(newest["occurred_at"], TEST_NOW + 60);
    assert_eq!(page["rows"][1]["outcome"], "Failure");

    let theirs: Value = preparer
        .get(app.url("/api/activity"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(theirs["total"], 4);
    assert!(!descriptions(&theirs).contains(&"Failed log in".to_owned()));
}

#[tokio::test]
async fn view_activity_pages_through_the_record_25_50_or_100_at_a_time() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    add_events(&app, DEMO_TAXPAYER, "name_changed", 30).await;
    add_events(&app, DEMO_PREPARER, "name_changed", 40).await;

    let first = activity(&app, "?page=1&page_size=25").await;
    assert_eq!(first["rows"].as_array().unwrap().len(), 25);
    assert_eq!(first["total"], 31);
    assert_eq!(first["rows"][0]["description"], "Logged in");
    let second = activity(&app, "?page=2&page_size=25").await;
    assert_eq!(second["rows"].as_array().unwrap().len(), 6);
    assert_eq!(second["page"], 2);
    let all = activity(&app, "?page_size=50").await;
    assert_eq!(all["rows"].as_array().unwrap().len(), 31);
    let beyond = activity(&app, "?page=9&page_size=100").await;
    assert_eq!(beyond["rows"].as_array().unwrap().len(), 0);

    let odd = app.get("/api/activity?page_size=7").await;
    assert_eq!(odd.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let words = app.get("/api/activity?page=first").await;
    assert_eq!(words.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn view_activity_searches_by_the_action_in_words_and_by_dates() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    add_events(&app, DEMO_TAXPAYER, "password_changed", 2).await;
    add_events(&app, DEMO_PREPARER, "password_changed", 2).await;
    // Two days earlier: 11/21/2026.
    let jane = app.logon_id(DEMO_TAXPAYER).await;
    sqlx::query(
        "INSERT INTO activity (occurred_at, logon_id, action, outcome) VALUES ($1, $2, 'sign_out', 'success')",
    )
    .bind(TEST_NOW - 2 * 86_400)
    .bind(jane)
    .execute(&app.state.db)
    .await
    .unwrap();

    let changed = activity(&app, "?q=changed%20PASSWORD").await;
    assert_eq!(
        descriptions(&changed),
        ["Changed password", "Changed password"]
    );
    let logged = activity(&app, "?q=logged").await;
    assert_eq!(descriptions(&logged), ["Logged in", "Logged out"]);
    let business = activity(&app, "?q=natural%20health").await;
    assert_eq!(descriptions(&business), ["Logged in"]);

    let that_day = activity(&app, "?from=2026-11-21&to=2026-11-21").await;
    assert_eq!(descriptions(&that_day), ["Logged out"]);
    let since = activity(&app, "?from=2026-11-22").await;
    assert_eq!(since["total"], 3);
    let backwards = app.get("/api/activity?from=2026-11-23&to=2026-11-01").await;
    assert_eq!(backwards.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn view_activity_needs_a_full_session() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/api/activity").await.status(),
        StatusCode::UNAUTHORIZED
    );
}
