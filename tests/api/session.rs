use crate::helpers::{
    header, spawn_app, spawn_app_with, Options, DEMO_PASSWORD, DEMO_TAXPAYER, TEST_NOW,
};
use reqwest::{header::SET_COOKIE, StatusCode};
use serde_json::{json, Value};

const GENERIC: &str = "The username or password you entered is incorrect";

#[tokio::test]
async fn signing_in_with_the_right_password_starts_a_session_on_the_business() {
    let app = spawn_app().await;
    let view = app.sign_in_as_jane().await;
    assert_eq!(view["name"], "Jane Smith");
    assert_eq!(view["current_customer"]["legal_name"], "NATURAL HEALTH LLC");
    assert_eq!(view["current_customer"]["reg_number"], "21422144000");
    assert_eq!(view["customer_count"], 1);

    let again: Value = app.get("/api/session").await.json().await.unwrap();
    assert_eq!(again["username"], DEMO_TAXPAYER);
}

#[tokio::test]
async fn the_username_is_matched_ignoring_case() {
    let app = spawn_app().await;
    let response = app.sign_in("janesmith", DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["username"], "JaneSmith");
}

#[tokio::test]
async fn a_wrong_password_gets_the_generic_message_and_no_session() {
    let app = spawn_app().await;
    let response = app
        .sign_in(DEMO_TAXPAYER, "Maple Avenue 800 Hartfort")
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().get(SET_COOKIE).is_none());
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], GENERIC);
    assert_eq!(app.count("sessions").await, 0);
    assert_eq!(
        app.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_unknown_username_gets_exactly_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;
    let wrong_password = app.sign_in(DEMO_TAXPAYER, "not the password").await;
    let unknown_user = app.sign_in("NoSuchLogon", "not the password").await;
    assert_eq!(wrong_password.status(), unknown_user.status());
    let a: Value = wrong_password.json().await.unwrap();
    let b: Value = unknown_user.json().await.unwrap();
    assert_eq!(a, b);
}

#[tokio::test]
async fn failed_sign_ins_are_counted_and_recorded_without_the_password() {
    let app = spawn_app().await;
    app.sign_in(DEMO_TAXPAYER, "a wrong guess here").await;
    let failures: i64 =
        sqlx::query_scalar("SELECT failed_sign_ins FROM logons WHERE username = $1")
            .bind(DEMO_TAXPAYER)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(failures, 1);
    let details: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT action, outcome, detail FROM activity")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    assert_eq!(
        details,
        vec![(
            "sign_in".into(),
            "failure".into(),
            Some("wrong password".into())
        )]
    );
}

#[tokio::test]
async fn empty_fields_get_errors_keyed_by_field() {
    let app = spawn_app().await;
    let response = app
        .post_json("/api/session", &json!({"username": " ", "password": ""}))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], "There is a problem");
    assert_eq!(body["fields"][0]["field"], "username");
    assert_eq!(body["fields"][0]["message"], "Enter your username");
    assert_eq!(body["fields"][1]["field"], "password");
    assert_eq!(body["fields"][1]["message"], "Enter your password");
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let cookie = header(&response, SET_COOKIE)
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let signed_out = app.sign_out().await;
    assert_eq!(signed_out.status(), StatusCode::NO_CONTENT);
    assert!(header(&signed_out, SET_COOKIE).contains("Max-Age=0"));
    assert_eq!(app.count("sessions").await, 0);

    // Even a copy of the old cookie no longer opens anything.
    let replay = reqwest::Client::new()
        .get(app.url("/api/session"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_session_cookie_is_http_only_strict_and_secure() {
    let app = spawn_app_with(Options {
        secure_cookies: true,
    })
    .await;
    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = header(&response, SET_COOKIE);
    assert!(cookie.starts_with("__Host-portal_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
}

#[tokio::test]
async fn only_a_hash_of_the_session_token_is_stored() {
    let app = spawn_app().await;
    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let token = header(&response, SET_COOKIE)
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value.to_owned())
        .unwrap();
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_ne!(stored, token);
    assert_eq!(stored, portal_server::crypto::token_hash(&token));
}

#[tokio::test]
async fn a_session_ends_after_fifteen_idle_minutes() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    app.clock.advance(14 * 60);
    assert_eq!(app.get("/api/session").await.status(), StatusCode::OK);
    app.clock.advance(14 * 60);
    assert_eq!(
        app.get("/api/session").await.status(),
        StatusCode::OK,
        "activity keeps it alive"
    );
    app.clock.advance(15 * 60);
    assert_eq!(
        app.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_previous_sign_in_is_shown_at_the_next_sign_in() {
    let app = spawn_app().await;
    let first = app.sign_in_as_jane().await;
    // The demo logon last signed in before the test began.
    let seeded = first["previous_sign_in_at"].as_i64().unwrap();
    assert!(seeded < TEST_NOW);
    app.sign_out().await;
    app.clock.advance(3600);
    let second = app.sign_in_as_jane().await;
    assert_eq!(second["previous_sign_in_at"], TEST_NOW);
}

#[tokio::test]
async fn a_cross_site_sign_in_is_refused_and_writes_nothing() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/session"))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"username": DEMO_TAXPAYER, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let foreign_origin = app
        .client
        .post(app.url("/api/session"))
        .header("origin", "https://evil.example")
        .json(&json!({"username": DEMO_TAXPAYER, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign_origin.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("sessions").await, 0);
    assert_eq!(app.count("activity").await, 0);
}

#[tokio::test]
async fn a_same_origin_browser_sign_in_is_accepted() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/session"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.address.clone())
        .json(&json!({"username": DEMO_TAXPAYER, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_in_never_adopts_a_session_id_the_browser_already_had() {
    let app = spawn_app().await;
    // An attacker plants a cookie value in the victim's browser before sign-in.
    let planted = "portal_session=planted-by-someone-else";
    let response = reqwest::Client::new()
        .post(app.url("/api/session"))
        .header("cookie", planted)
        .json(&json!({"username": DEMO_TAXPAYER, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let issued = header(&response, SET_COOKIE).to_owned();
    assert!(!issued.contains("planted-by-someone-else"));
    let with_planted = reqwest::Client::new()
        .get(app.url("/api/session"))
        .header("cookie", planted)
        .send()
        .await
        .unwrap();
    assert_eq!(with_planted.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn each_sign_in_gets_a_new_session_id() {
    let app = spawn_app().await;
    let first = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let second = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_ne!(header(&first, SET_COOKIE), header(&second, SET_COOKIE));
}

#[tokio::test]
async fn an_idle_timeout_is_recorded_in_the_activity() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    app.clock.advance(16 * 60);
    assert_eq!(
        app.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let timeouts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM activity WHERE action = 'session_timeout'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(timeouts, 1);
}

/// Servers share the database, not their memory: what a server keeps of a
/// logon's access (its reach of each customer, how many it reaches) must not
/// outlive a revocation, whichever server or tool made it.
#[tokio::test]
async fn a_revocation_counts_at_the_next_request_on_every_server_sharing_the_database() {
    let app = spawn_app().await;
    app.sign_in(crate::helpers::DEMO_PREPARER, DEMO_PASSWORD)
        .await;
    let other = portal_server::startup::Application::build_with_clock(
        &app.config,
        std::sync::Arc::new(app.clock.clone()),
    )
    .await
    .unwrap();
    let servers = [app.address.clone(), format!("http://{}", other.address())];
    tokio::spawn(other.run_until_stopped());
    let client = app.customer_id("30000000000").await;
    let summary = format!("/api/customers/{client}/summary");
    // On one server: the Summary's status and the session's customer count.
    let read = |base: String| {
        let (app, summary) = (&app, &summary);
        async move {
            let get = |path: &str| app.client.get(format!("{base}{path}")).send();
            let status = get(summary).await.unwrap().status();
            let view: Value = get("/api/session").await.unwrap().json().await.unwrap();
            (status, view["customer_count"].as_i64().unwrap())
        }
    };
    let mut count = 0;
    for base in &servers {
        // Read twice on each server, so each has kept what it derived.
        for _ in 0..2 {
            let (status, reached) = read(base.clone()).await;
            assert_eq!(status, StatusCode::OK);
            count = reached;
        }
    }
    sqlx::query("UPDATE access_grants SET status = 'revoked' WHERE customer_id = $1")
        .bind(client)
        .execute(&app.state.db)
        .await
        .unwrap();
    for base in &servers {
        assert_eq!(
            read(base.clone()).await,
            (StatusCode::NOT_FOUND, count - 1),
            "{base}"
        );
    }
}
