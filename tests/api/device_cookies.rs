//! Lockout that a stranger cannot use as a weapon: a browser that signed in to
//! a logon before carries a device cookie (OWASP), and its failures count
//! apart from everyone else's; the lockout notice carries a single-use unlock
//! link. Strangers' browsers are locked out as before.

use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PASSWORD, DEMO_TAXPAYER};
use portal_server::seed::NATURAL_HEALTH_REG;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use std::sync::Arc;

const STRANGERS_ADDRESS: &str = "127.0.0.9";

async fn status_of_jane(app: &TestApp) -> String {
    app.status_of(DEMO_TAXPAYER).await
}

/// A browser Jane signed in with once (and logged out of): it holds her device cookie.
async fn janes_browser(app: &TestApp) -> Browser {
    let browser = app.new_browser(None);
    let response = browser.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        browser.delete("/api/session").await.status(),
        StatusCode::NO_CONTENT
    );
    browser
}

async fn fail(browser: &Browser, times: usize) {
    browser.fail_sign_ins(DEMO_TAXPAYER, times).await;
}

/// The token of every unlock link mailed so far, oldest first.
async fn unlock_tokens(app: &TestApp) -> Vec<String> {
    app.outbox()
        .await
        .iter()
        .filter(|m| m.kind == "lockout")
        .filter_map(|m| {
            let start = m.body.find("/unlock?token=")? + "/unlock?token=".len();
            let token: String = m.body[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            Some(token)
        })
        .collect()
}

#[tokio::test]
async fn a_strangers_fifty_failures_over_five_hours_never_stop_the_owners_browser() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let owner = janes_browser(&app).await;
    let stranger = app.new_browser(Some(STRANGERS_ADDRESS));
    for attempt in 1..=50 {
        fail(&stranger, 1).await;
        app.clock.advance(6 * 60);
        if attempt % 5 == 0 {
            let response = owner.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
            assert_eq!(
                response.status(),
                StatusCode::OK,
                "after {attempt} failures"
            );
            let summary = owner.get(&format!("/api/customers/{nh}/summary")).await;
            assert_eq!(summary.status(), StatusCode::OK);
            owner.delete("/api/session").await;
        }
    }
    // The stranger was locked out again and again, and told nothing.
    let lockouts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM activity WHERE action = 'lockout'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert!(lockouts >= 4, "{lockouts} lockouts");
    fail(&stranger, 5).await;
    assert_eq!(status_of_jane(&app).await, "locked");
    let right = stranger.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(right.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_strangers_lockout_does_not_end_the_owners_session() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let owner = app.session(DEMO_TAXPAYER).await;
    fail(&app.new_browser(Some(STRANGERS_ADDRESS)), 5).await;
    assert_eq!(status_of_jane(&app).await, "locked");
    let summary = owner.get(&format!("/api/customers/{nh}/summary")).await;
    assert_eq!(summary.status(), StatusCode::OK);
    let grants = owner.get(&format!("/api/customers/{nh}/grants")).await;
    assert_eq!(grants.status(), StatusCode::OK);
    // The scoped lists agree with the rules.
    let mine = owner.json("/api/access/mine").await;
    assert_eq!(mine["items"][0]["customer_id"], nh);
}

#[tokio::test]
async fn the_owners_own_five_failures_void_only_that_browsers_device_cookie() {
    let app = spawn_app().await;
    let laptop = janes_browser(&app).await;
    let phone = janes_browser(&app).await;
    fail(&laptop, 4).await;
    let fifth = laptop.sign_in(DEMO_TAXPAYER, "not Jane's password").await;
    assert_eq!(fifth.status(), StatusCode::UNAUTHORIZED);
    let cleared = fifth
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with("portal_device_") && v.contains("Max-Age=0"));
    assert!(
        cleared,
        "the fifth failure clears the laptop's device cookie"
    );
    // Her own mistakes did not lock her logon for anyone.
    assert_eq!(status_of_jane(&app).await, "active");

    // The laptop is now like any other browser: five more lock the logon for them.
    fail(&laptop, 5).await;
    assert_eq!(status_of_jane(&app).await, "locked");
    let from_laptop = laptop.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(from_laptop.status(), StatusCode::UNAUTHORIZED);
    let from_phone = phone.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(from_phone.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_forged_or_borrowed_device_cookie_counts_as_none() {
    let app = spawn_app().await;
    let jane = app.logon_id(DEMO_TAXPAYER).await;
    // A cookie of the right name whose signature does not check out.
    let forged = reqwest::Client::new();
    for _ in 0..5 {
        let response = forged
            .post(app.url("/api/session"))
            .header(
                header::COOKIE,
                format!("portal_device_{jane}=made-up.value"),
            )
            .json(&json!({ "username": DEMO_TAXPAYER, "password": "a guess" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(status_of_jane(&app).await, "locked");
}

#[tokio::test]
async fn the_lockout_email_carries_a_single_use_unlock_link_that_lets_the_owner_straight_back_in() {
    let app = spawn_app().await;
    let stranger = app.new_browser(Some(STRANGERS_ADDRESS));
    fail(&stranger, 5).await;
    let tokens = unlock_tokens(&app).await;
    assert_eq!(tokens.len(), 1, "one lockout notice with its link");

    let home = app.new_browser(None);
    let unlocked = home
        .post("/api/recovery/unlock", &json!({ "token": tokens[0] }))
        .await;
    assert_eq!(unlocked.status(), StatusCode::OK);
    let body: Value = unlocked.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("unlocked"));
    assert_eq!(status_of_jane(&app).await, "active");
    let again = home
        .post("/api/recovery/unlock", &json!({ "token": tokens[0] }))
        .await;
    assert_eq!(again.status(), StatusCode::GONE);

    // The browser that opened the link is trusted: a new lock does not stop it.
    fail(&stranger, 5).await;
    assert_eq!(status_of_jane(&app).await, "locked");
    let response = home.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);

    // Only the newest link works, and only for a day.
    app.clock.advance(30 * 60);
    fail(&stranger, 5).await;
    let tokens = unlock_tokens(&app).await;
    assert_eq!(tokens.len(), 3);
    let older = stranger
        .post("/api/recovery/unlock", &json!({ "token": tokens[1] }))
        .await;
    assert_eq!(older.status(), StatusCode::GONE);
    app.clock.advance(24 * 3600 + 1);
    let late = app
        .new_browser(None)
        .post("/api/recovery/unlock", &json!({ "token": tokens[2] }))
        .await;
    assert_eq!(late.status(), StatusCode::GONE);
    let unknown = app
        .new_browser(None)
        .post("/api/recovery/unlock", &json!({ "token": "not-a-token" }))
        .await;
    assert_eq!(unknown.status(), StatusCode::GONE);
}

#[tokio::test]
async fn twenty_five_parallel_wrong_passwords_get_exactly_five_checked() {
    let app = spawn_app().await;
    let barrier = Arc::new(tokio::sync::Barrier::new(25));
    let mut attempts = tokio::task::JoinSet::new();
    for n in 0..25 {
        let browser = app.new_browser(Some(STRANGERS_ADDRESS));
        let barrier = barrier.clone();
        attempts.spawn(async move {
            barrier.wait().await;
            browser
                .sign_in(DEMO_TAXPAYER, &format!("parallel guess {n}"))
                .await
                .status()
        });
    }
    while let Some(status) = attempts.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        app.failures_by_detail("sign_in").await,
        vec![
            (Some("not checked: locked".to_owned()), 20),
            (Some("wrong password".to_owned()), 5),
        ]
    );
    assert_eq!(status_of_jane(&app).await, "locked");
    assert_eq!(unlock_tokens(&app).await.len(), 1);
}
