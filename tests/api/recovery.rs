//! "Forgot username or password?": the reminder, the reset link and the reset.

use crate::{
    helpers::{new_client, spawn_app, TestApp, DEMO_PASSWORD, DEMO_TAXPAYER},
    registration::mailed_token,
};
use portal_server::auth::two_step::{key_from_text, totp};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

const JANE_EMAIL: &str = "jane.smith@naturalhealth.example";
/// The seeded secret answer ("sam"), typed the way a person might.
const JANE_ANSWER: &str = " Sam ";
const FRESH: &str = "copper lantern river mosaic";

async fn ask_reset(app: &TestApp, username: &str) -> reqwest::Response {
    app.post_json("/api/recovery/password", &json!({ "username": username }))
        .await
}

fn reset_form(token: &str, answer: &str, password: &str) -> Value {
    json!({
        "token": token,
        "secret_answer": answer,
        "password": password,
        "confirm_password": password,
    })
}

async fn reset(app: &TestApp, token: &str, answer: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/recovery/password/reset",
        &reset_form(token, answer, password),
    )
    .await
}

async fn challenge(app: &TestApp, token: &str) -> reqwest::Response {
    app.get(&format!("/api/recovery/password/reset?token={token}"))
        .await
}

/// Asks for a reset link for Jane and returns its token.
async fn jane_link(app: &TestApp) -> String {
    assert_eq!(
        ask_reset(app, DEMO_TAXPAYER).await.status(),
        StatusCode::ACCEPTED
    );
    mailed_token(app, "/reset-password").await
}

async fn jane_hash(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT password_hash FROM logons WHERE username = $1")
        .bind(DEMO_TAXPAYER)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

async fn first_field(response: reqwest::Response) -> (String, String) {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    let field = &body["fields"][0];
    (
        field["field"].as_str().unwrap().to_owned(),
        field["message"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn forgot_username_answers_the_same_for_known_and_unknown_emails_and_mails_the_usernames() {
    let app = spawn_app().await;
    let known = app
        .post_json(
            "/api/recovery/username",
            &json!({ "email": "Jane.Smith@NaturalHealth.example" }),
        )
        .await;
    let unknown = app
        .post_json(
            "/api/recovery/username",
            &json!({ "email": "nobody@example.com" }),
        )
        .await;
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let known: Value = known.json().await.unwrap();
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(known, unknown);

    let outbox = app.outbox().await;
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(outbox[0].kind, "username_reminder");
    assert!(outbox[0].recipient.eq_ignore_ascii_case(JANE_EMAIL));
    assert!(outbox[0].body.contains(DEMO_TAXPAYER));
}

#[tokio::test]
async fn forgot_password_answers_the_same_for_known_and_unknown_usernames() {
    let app = spawn_app().await;
    let known = ask_reset(&app, DEMO_TAXPAYER).await;
    let unknown = ask_reset(&app, "NoSuchLogon").await;
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let known: Value = known.json().await.unwrap();
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(known, unknown);
    let outbox = app.outbox().await;
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].recipient, JANE_EMAIL);
    assert_eq!(outbox[0].kind, "password_reset");
}

#[tokio::test]
async fn asking_for_a_reset_changes_nothing_and_locks_no_one_out() {
    let app = spawn_app().await;
    let before = jane_hash(&app).await;
    jane_link(&app).await;
    assert_eq!(jane_hash(&app).await, before);
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_reset_link_asks_the_secret_question_and_works_once() {
    let app = spawn_app().await;
    let token = jane_link(&app).await;
    let shown = challenge(&app, &token).await;
    assert_eq!(shown.status(), StatusCode::OK);
    let shown: Value = shown.json().await.unwrap();
    assert_eq!(
        shown["secret_question"],
        "What is the first name of your best friend from childhood?"
    );
    assert_eq!(shown["two_step_required"], false);

    let done = reset(&app, &token, JANE_ANSWER, FRESH).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, FRESH).await.status(),
        StatusCode::OK
    );

    assert_eq!(challenge(&app, &token).await.status(), StatusCode::GONE);
    let again = reset(&app, &token, JANE_ANSWER, "another fine passphrase").await;
    assert_eq!(again.status(), StatusCode::GONE);
}

#[tokio::test]
async fn a_reset_link_expires_after_60_minutes() {
    let app = spawn_app().await;
    let token = jane_link(&app).await;
    app.clock.advance(60 * 60);
    assert_eq!(challenge(&app, &token).await.status(), StatusCode::GONE);
    assert_eq!(
        reset(&app, &token, JANE_ANSWER, FRESH).await.status(),
        StatusCode::GONE
    );
}

#[tokio::test]
async fn a_newer_reset_link_voids_the_earlier_one() {
    let app = spawn_app().await;
    let first = jane_link(&app).await;
    let second = jane_link(&app).await;
    assert_ne!(first, second);
    assert_eq!(challenge(&app, &first).await.status(), StatusCode::GONE);
    assert_eq!(challenge(&app, &second).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_secret_answer_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let token = jane_link(&app).await;
    let before = jane_hash(&app).await;
    let refused = reset(&app, &token, "Samantha", FRESH).await;
    assert_eq!(
        first_field(refused).await,
        (
            "secret_answer".to_owned(),
            "The answer does not match the one on your logon".to_owned()
        )
    );
    assert_eq!(jane_hash(&app).await, before);
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
    // The link still works with the right answer.
    assert_eq!(
        reset(&app, &token, JANE_ANSWER, FRESH).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn five_wrong_answers_void_the_link() {
    let app = spawn_app().await;
    let token = jane_link(&app).await;
    for _ in 0..4 {
        let response = reset(&app, &token, "wrong answer", FRESH).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let fifth = reset(&app, &token, "wrong answer", FRESH).await;
    assert_eq!(fifth.status(), StatusCode::GONE);
    let body: Value = fifth.json().await.unwrap();
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with("Too many wrong answers"));
    assert_eq!(
        reset(&app, &token, JANE_ANSWER, FRESH).await.status(),
        StatusCode::GONE
    );
}

#[tokio::test]
async fn a_recently_used_password_is_refused() {
    let app = spawn_app().await;
    let token = jane_link(&app).await;
    let (field, message) = first_field(reset(&app, &token, JANE_ANSWER, DEMO_PASSWORD).await).await;
    assert_eq!(field, "password");
    assert!(
        message.starts_with("You used this password before"),
        "{message}"
    );

    assert_eq!(
        reset(&app, &token, JANE_ANSWER, FRESH).await.status(),
        StatusCode::OK
    );
    let token = jane_link(&app).await;
    let (field, _) = first_field(reset(&app, &token, JANE_ANSWER, DEMO_PASSWORD).await).await;
    assert_eq!(field, "password");
}

#[tokio::test]
async fn the_new_password_must_follow_the_rules_and_match_its_confirmation() {
    let app = spawn_app().await;
    let token = jane_link(&app).await;
    let (field, _) = first_field(reset(&app, &token, JANE_ANSWER, "too short").await).await;
    assert_eq!(field, "password");
    let (field, message) =
        first_field(reset(&app, &token, JANE_ANSWER, "jane walks the dog daily").await).await;
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("password", "Password must not contain your name")
    );
    let mut mismatch = reset_form(&token, JANE_ANSWER, FRESH);
    mismatch["confirm_password"] = json!("copper lantern river mosaics");
    let (field, _) = first_field(
        app.post_json("/api/recovery/password/reset", &mismatch)
            .await,
    )
    .await;
    assert_eq!(field, "confirm_password");
}

#[tokio::test]
async fn a_reset_ends_every_session_of_the_logon_and_sends_a_confirmation() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    assert_eq!(app.get("/api/session").await.status(), StatusCode::OK);

    let elsewhere = new_client();
    let token = jane_link(&app).await;
    let done = elsewhere
        .post(app.url("/api/recovery/password/reset"))
        .json(&reset_form(&token, JANE_ANSWER, FRESH))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);

    assert_eq!(
        app.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let mail = app.outbox().await.pop().unwrap();
    assert_eq!(mail.recipient, JANE_EMAIL);
    assert_eq!(mail.kind, "password_changed");
    assert!(mail.body.contains("Your password was changed"));
    assert!(!mail.body.contains(FRESH));
}

#[tokio::test]
async fn a_reset_unlocks_a_locked_logon() {
    let app = spawn_app().await;
    sqlx::query(
        "UPDATE logons SET status = 'locked', locked_at = $1, failed_sign_ins = 5 WHERE username = $2",
    )
    .bind(crate::helpers::TEST_NOW)
    .bind(DEMO_TAXPAYER)
    .execute(&app.state.db)
    .await
    .unwrap();
    let token = jane_link(&app).await;
    assert_eq!(
        reset(&app, &token, JANE_ANSWER, FRESH).await.status(),
        StatusCode::OK
    );
    let (status, failed, locked): (String, i64, Option<i64>) =
        sqlx::query_as("SELECT status, failed_sign_ins, locked_at FROM logons WHERE username = $1")
            .bind(DEMO_TAXPAYER)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), failed, locked), ("active", 0, None));
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, FRESH).await.status(),
        StatusCode::OK
    );
}

/// Turns on 2-step verification for Jane and returns her app's key; signs out.
async fn enrol_jane(app: &TestApp) -> Vec<u8> {
    app.sign_in_as_jane().await;
    let setup: Value = app
        .post_json("/api/two-step/setup", &json!({ "password": DEMO_PASSWORD }))
        .await
        .json()
        .await
        .unwrap();
    let key = key_from_text(&setup["key_groups"].as_str().unwrap().replace(' ', "")).unwrap();
    let code = format!("{:06}", totp(&key, app.state.now(), 6));
    let confirmed = app
        .post_json("/api/two-step/confirm", &json!({ "code": code }))
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    app.sign_out().await;
    // A new time step, so the next code is not the one just used.
    app.clock.advance(30);
    key
}

#[tokio::test]
async fn a_reset_never_gets_around_two_step_verification() {
    let app = spawn_app().await;
    let key = enrol_jane(&app).await;
    let token = jane_link(&app).await;
    let shown: Value = challenge(&app, &token).await.json().await.unwrap();
    assert_eq!(shown["two_step_required"], true);

    let before = jane_hash(&app).await;
    let (field, _) = first_field(reset(&app, &token, JANE_ANSWER, FRESH).await).await;
    assert_eq!(field, "two_step_code");
    let mut form = reset_form(&token, JANE_ANSWER, FRESH);
    form["two_step_code"] = json!("000000");
    let (field, message) =
        first_field(app.post_json("/api/recovery/password/reset", &form).await).await;
    assert_eq!(field, "two_step_code");
    assert!(message.starts_with("The code is not correct"), "{message}");
    assert_eq!(jane_hash(&app).await, before);

    form["two_step_code"] = json!(format!("{:06}", totp(&key, app.state.now(), 6)));
    let done = app.post_json("/api/recovery/password/reset", &form).await;
    assert_eq!(done.status(), StatusCode::OK);
    let signed_in: Value = app
        .sign_in(DEMO_TAXPAYER, FRESH)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(signed_in["stage"], "two_step_required");
}

#[tokio::test]
async fn recovery_requests_from_another_site_are_refused() {
    let app = spawn_app().await;
    for (path, body) in [
        ("/api/recovery/username", json!({ "email": JANE_EMAIL })),
        (
            "/api/recovery/password",
            json!({ "username": DEMO_TAXPAYER }),
        ),
    ] {
        let response = app
            .client
            .post(app.url(path))
            .header(header::ORIGIN, "https://evil.example")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(app.count("outbox").await, 0);
}
