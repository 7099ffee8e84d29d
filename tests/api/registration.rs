//! Creating a logon and confirming its email address.

use crate::helpers::{spawn_app, TestApp};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

pub const NEW_PASSWORD: &str = "orange kettle winter violin";

pub fn registration(username: &str) -> Value {
    json!({
        "username": username,
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "confirm_email": "ada@example.com",
        "phone": "860 555 0123",
        "password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
        "secret_question": "What was the name of your first pet?",
        "secret_answer": "Rex",
    })
}

/// The token of the newest mailed link to `path` (`/verify-email`, `/reset-password`).
pub async fn mailed_token(app: &TestApp, path: &str) -> String {
    let marker = format!("{path}?token=");
    let outbox = app.outbox().await;
    let body = outbox
        .iter()
        .rev()
        .find_map(|row| {
            row.body
                .split_once(&marker)
                .map(|(_, rest)| rest.to_owned())
        })
        .unwrap_or_else(|| panic!("no mail with a {path} link: {outbox:?}"));
    body.split_whitespace().next().unwrap().to_owned()
}

async fn verify(app: &TestApp, token: &str) -> reqwest::Response {
    app.post_json("/api/registrations/verify", &json!({ "token": token }))
        .await
}

async fn status_of(app: &TestApp, username: &str) -> String {
    sqlx::query_scalar("SELECT status FROM logons WHERE username = $1")
        .bind(username)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

pub async fn field_errors(response: reqwest::Response) -> Vec<(String, String)> {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_new_logon_signs_in_only_after_its_emailed_link_is_opened() {
    let app = spawn_app().await;
    let response = app
        .post_json("/api/registrations", &registration("Ada.L"))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with("Check your email"));

    let mail = app.outbox().await.pop().unwrap();
    assert_eq!(mail.recipient, "ada@example.com");
    assert_eq!(mail.kind, "verify_email");
    assert!(mail
        .body
        .contains(&format!("{}/verify-email?token=", app.address)));
    assert_eq!(status_of(&app, "Ada.L").await, "pending");

    // Not yet: the right password hears the address is not confirmed (403).
    let refused = app.sign_in("Ada.L", NEW_PASSWORD).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    let token = mailed_token(&app, "/verify-email").await;
    let verified = verify(&app, &token).await;
    assert_eq!(verified.status(), StatusCode::OK);
    assert_eq!(status_of(&app, "Ada.L").await, "active");

    let signed_in = app.sign_in("ada.l", NEW_PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let view: Value = signed_in.json().await.unwrap();
    assert_eq!(view["username"], "Ada.L");
    assert_eq!(view["name"], "Ada Lovelace");
}

#[tokio::test]
async fn a_verification_link_works_only_once() {
    let app = spawn_app().await;
    app.post_json("/api/registrations", &registration("Ada.L"))
        .await;
    let token = mailed_token(&app, "/verify-email").await;
    assert_eq!(verify(&app, &token).await.status(), StatusCode::OK);
    let again = verify(&app, &token).await;
    assert_eq!(again.status(), StatusCode::GONE);
    let body: Value = again.json().await.unwrap();
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("expired or has already been used"));
}

#[tokio::test]
async fn a_verification_link_expires_after_24_hours_and_changes_nothing() {
    let app = spawn_app().await;
    app.post_json("/api/registrations", &registration("Ada.L"))
        .await;
    let token = mailed_token(&app, "/verify-email").await;
    app.clock.advance(25 * 3600);
    assert_eq!(verify(&app, &token).await.status(), StatusCode::GONE);
    assert_eq!(status_of(&app, "Ada.L").await, "pending");
    assert_eq!(verify(&app, "not-a-token").await.status(), StatusCode::GONE);
}

#[tokio::test]
async fn the_server_enforces_the_password_rules_with_field_keys() {
    let app = spawn_app().await;
    let cases = [
        (
            "tulip ferry ox",
            "password",
            "Password must be at least 15 characters",
        ),
        (
            "passwordpassword",
            "password",
            "This password is too common",
        ),
        (
            "my ada.l password here",
            "password",
            "Password must not contain your username",
        ),
    ];
    for (password, field, message) in cases {
        let mut form = registration("Ada.L");
        form["password"] = json!(password);
        form["confirm_password"] = json!(password);
        let errors = field_errors(app.post_json("/api/registrations", &form).await).await;
        assert_eq!(errors.len(), 1, "{password}: {errors:?}");
        assert_eq!(errors[0].0, field);
        assert!(errors[0].1.starts_with(message), "{password}: {errors:?}");
    }
    let mut mismatch = registration("Ada.L");
    mismatch["confirm_password"] = json!("orange kettle winter viola");
    let errors = field_errors(app.post_json("/api/registrations", &mismatch).await).await;
    assert_eq!(
        errors,
        vec![(
            "confirm_password".to_owned(),
            "Passwords do not match".to_owned()
        )]
    );
    assert_eq!(app.count("outbox").await, 0);
}

#[tokio::test]
async fn a_registration_without_an_email_address_asks_for_your_own() {
    let app = spawn_app().await;
    let mut form = registration("Ada.L");
    form["email"] = json!(" ");
    form["confirm_email"] = json!("");
    form["name"] = json!("");
    let errors = field_errors(app.post_json("/api/registrations", &form).await).await;
    let message = |field: &str| {
        errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    };
    assert_eq!(message("name"), Some("Enter your full name"));
    assert_eq!(message("email"), Some("Enter your email address"));
    assert_eq!(
        message("confirm_email"),
        Some("Enter your email address again")
    );
    assert_eq!(app.count("outbox").await, 0);
}

#[tokio::test]
async fn passwords_answers_and_links_are_stored_only_as_hashes() {
    let app = spawn_app().await;
    app.post_json("/api/registrations", &registration("Ada.L"))
        .await;
    let (password_hash, answer_hash, question): (String, String, String) = sqlx::query_as(
        "SELECT password_hash, secret_answer_hash, secret_question FROM logons WHERE username = 'Ada.L'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(password_hash.starts_with("$argon2id$"));
    assert!(answer_hash.starts_with("$argon2id$"));
    assert_eq!(question, "What was the name of your first pet?");
    // The history keeps the passwords a logon had before its current one
    // (auth/password.rs): a first password has none before it. That every
    // path's password counts among the last ten is in password_history.rs.
    let history: Vec<String> = sqlx::query_scalar("SELECT password_hash FROM password_history")
        .fetch_all(&app.state.db)
        .await
        .unwrap();
    assert!(history.is_empty(), "{history:?}");
    let token = mailed_token(&app, "/verify-email").await;
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM email_tokens")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_ne!(stored, token);
    assert_eq!(stored, portal_server::crypto::token_hash(&token));
}

#[tokio::test]
async fn a_registration_from_another_site_is_refused() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/registrations"))
        .header(header::ORIGIN, "https://evil.example")
        .json(&registration("Ada.L"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("outbox").await, 0);
}

#[tokio::test]
async fn one_address_gets_twenty_registration_attempts_an_hour() {
    let app = spawn_app().await;
    for _ in 0..20 {
        let response = app.post_json("/api/registrations", &json!({
            "username": "", "name": "", "email": "", "confirm_email": "",
            "password": "", "confirm_password": "", "secret_question": "", "secret_answer": "",
        })).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = app
        .post_json("/api/registrations", &registration("Ada.L"))
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(3601);
    let later = app
        .post_json("/api/registrations", &registration("Ada.L"))
        .await;
    assert_eq!(later.status(), StatusCode::CREATED);
}
