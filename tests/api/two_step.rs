//! 2-step verification: enrolment, the code step of signing in, recovery codes,
//! turning it off, and keep-alive for the idle timeout.

use crate::helpers::{new_client, spawn_app, TestApp, DEMO_PASSWORD, DEMO_TAXPAYER, TEST_NOW};
use portal_server::auth::two_step::{key_from_text, totp};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// The code an authentication app holding `key` shows at `time`.
fn code_at(key: &[u8], time: i64) -> String {
    format!("{:06}", totp(key, time, 6))
}

/// Sets up 2-step verification for Jane (signed in) and returns the key.
async fn start_setup(app: &TestApp) -> Vec<u8> {
    let response = app
        .post_json("/api/two-step/setup", &json!({ "password": DEMO_PASSWORD }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let setup: Value = response.json().await.unwrap();
    assert!(setup["qr_image"]
        .as_str()
        .unwrap()
        .starts_with("data:image/svg+xml;base64,"));
    let groups = setup["key_groups"].as_str().unwrap();
    assert!(groups.split(' ').all(|g| g.len() <= 4));
    key_from_text(&groups.replace(' ', "")).unwrap()
}

/// Jane with 2-step verification on: her key and recovery codes. She stays signed in.
async fn enrol_jane(app: &TestApp) -> (Vec<u8>, Vec<String>) {
    app.sign_in_as_jane().await;
    let key = start_setup(app).await;
    let response = app
        .post_json(
            "/api/two-step/confirm",
            &json!({ "code": code_at(&key, app.clock_now()) }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let codes = body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    // A new time step, so the next code is not the one just used.
    app.clock.advance(30);
    (key, codes)
}

/// Signs Jane in with her password only; the answer's stage.
async fn password_step(app: &TestApp) -> String {
    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    view["stage"].as_str().unwrap().to_owned()
}

async fn send_code(app: &TestApp, code: &str) -> reqwest::Response {
    app.post_json("/api/session/two-step", &json!({ "code": code }))
        .await
}

fn session_cookie(response: &reqwest::Response) -> String {
    let set = response
        .headers()
        .get(header::SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .unwrap();
    set.split(';').next().unwrap().to_owned()
}

impl TestApp {
    fn clock_now(&self) -> i64 {
        portal_server::clock::Clock::now(&self.clock)
    }

    async fn summary_status(&self) -> StatusCode {
        let id = self.customer_id("21422144000").await;
        self.get(&format!("/api/customers/{id}/summary"))
            .await
            .status()
    }
}

#[tokio::test]
async fn setting_up_2_step_verification_needs_the_current_password() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let response = app
        .post_json(
            "/api/two-step/setup",
            &json!({ "password": "not my password" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "password");
    let sealed: Option<String> =
        sqlx::query_scalar("SELECT totp_secret_sealed FROM logons WHERE username = $1")
            .bind(DEMO_TAXPAYER)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(sealed, None);
}

#[tokio::test]
async fn a_code_from_the_app_turns_it_on_and_gives_ten_recovery_codes_shown_once() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let key = start_setup(&app).await;

    let wrong = app
        .post_json("/api/two-step/confirm", &json!({ "code": "000000" }))
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let status: Value = app.get("/api/two-step").await.json().await.unwrap();
    assert_eq!(status["enabled_at"], Value::Null);

    let response = app
        .post_json(
            "/api/two-step/confirm",
            &json!({ "code": code_at(&key, TEST_NOW) }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let codes = body["recovery_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    assert!(codes.iter().all(|c| c.as_str().unwrap().len() == 11));

    let status: Value = app.get("/api/two-step").await.json().await.unwrap();
    assert_eq!(status["enabled_at"], TEST_NOW);
    assert_eq!(status["recovery_codes_left"], 10);
    // Stored hashed, never as shown.
    let stored: Vec<String> = sqlx::query_scalar("SELECT code_hash FROM recovery_codes")
        .fetch_all(&app.state.db)
        .await
        .unwrap();
    assert!(stored.iter().all(|h| h.starts_with("$argon2id$")));
    let mail = app.outbox().await;
    assert!(mail.iter().any(|m| m.kind == "two_step_enable"));
}

#[tokio::test]
async fn turning_it_on_logs_out_other_devices() {
    let app = spawn_app().await;
    let other = new_client();
    let response = other
        .post(app.url("/api/session"))
        .json(&json!({ "username": DEMO_TAXPAYER, "password": DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    enrol_jane(&app).await;
    let elsewhere = other.get(app.url("/api/session")).send().await.unwrap();
    assert_eq!(elsewhere.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/api/session").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn with_it_on_the_password_alone_stops_at_the_code_step_where_the_summary_is_refused() {
    let app = spawn_app().await;
    enrol_jane(&app).await;
    app.sign_out().await;
    assert_eq!(password_step(&app).await, "two_step_required");
    assert_eq!(app.summary_status().await, StatusCode::UNAUTHORIZED);
    let session: Value = app.get("/api/session").await.json().await.unwrap();
    assert_eq!(session["stage"], "two_step_required");
}

#[tokio::test]
async fn a_valid_code_completes_the_sign_in_with_a_new_session_and_the_old_token_stops_working() {
    let app = spawn_app().await;
    let (key, _) = enrol_jane(&app).await;
    app.sign_out().await;
    let before: Option<i64> =
        sqlx::query_scalar("SELECT last_sign_in_at FROM logons WHERE username = $1")
            .bind(DEMO_TAXPAYER)
            .fetch_one(&app.state.db)
            .await
            .unwrap();

    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let pending_cookie = session_cookie(&response);
    let pending_id: i64 = sqlx::query_scalar("SELECT id FROM sessions")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    app.clock.advance(5);
    let last: Option<i64> =
        sqlx::query_scalar("SELECT last_sign_in_at FROM logons WHERE username = $1")
            .bind(DEMO_TAXPAYER)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(last, before, "the sign-in is not complete yet");

    let response = send_code(&app, &code_at(&key, app.clock_now())).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_ne!(session_cookie(&response), pending_cookie);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["stage"], "full");
    assert_eq!(app.summary_status().await, StatusCode::OK);
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM sessions")
        .fetch_all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(ids.len(), 1);
    assert_ne!(ids[0], pending_id);
    let last: Option<i64> =
        sqlx::query_scalar("SELECT last_sign_in_at FROM logons WHERE username = $1")
            .bind(DEMO_TAXPAYER)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(last, Some(app.clock_now()));

    let old = reqwest::Client::new()
        .get(app.url("/api/session"))
        .header(header::COOKIE, pending_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_code_already_used_is_refused() {
    let app = spawn_app().await;
    let (key, _) = enrol_jane(&app).await;
    app.sign_out().await;
    password_step(&app).await;
    let code = code_at(&key, app.clock_now());
    assert_eq!(send_code(&app, &code).await.status(), StatusCode::OK);
    app.sign_out().await;

    password_step(&app).await;
    let replay = send_code(&app, &code).await;
    assert_eq!(replay.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = replay.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "code");
    assert_eq!(app.summary_status().await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_recovery_code_works_once() {
    let app = spawn_app().await;
    let (_, codes) = enrol_jane(&app).await;
    app.sign_out().await;
    password_step(&app).await;
    assert_eq!(send_code(&app, &codes[3]).await.status(), StatusCode::OK);
    let status: Value = app.get("/api/two-step").await.json().await.unwrap();
    assert_eq!(status["recovery_codes_left"], 9);
    app.sign_out().await;

    password_step(&app).await;
    assert_eq!(
        send_code(&app, &codes[3]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Typed in capitals and without the hyphen, another one still works.
    let other = codes[4].replace('-', "").to_uppercase();
    assert_eq!(send_code(&app, &other).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn five_wrong_codes_end_the_pending_sign_in_and_count_as_failed_sign_ins() {
    let app = spawn_app().await;
    let (key, _) = enrol_jane(&app).await;
    app.sign_out().await;
    password_step(&app).await;
    for _ in 0..4 {
        let response = send_code(&app, "000000").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let fifth = send_code(&app, "000000").await;
    assert_eq!(fifth.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("sessions").await, 0);
    // Even the right code is too late now: the sign-in starts over.
    let late = send_code(&app, &code_at(&key, app.clock_now())).await;
    assert_eq!(late.status(), StatusCode::UNAUTHORIZED);
    let failures: Vec<String> = sqlx::query_scalar(
        "SELECT outcome FROM activity WHERE action = 'sign_in_two_step' ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert_eq!(failures, vec!["failure"; 5]);
}

#[tokio::test]
async fn the_code_step_waits_five_minutes_at_most() {
    let app = spawn_app().await;
    let (key, _) = enrol_jane(&app).await;
    app.sign_out().await;
    password_step(&app).await;
    app.clock.advance(5 * 60);
    let response = send_code(&app, &code_at(&key, app.clock_now())).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn turning_it_off_needs_the_password_and_a_code() {
    let app = spawn_app().await;
    let (key, _) = enrol_jane(&app).await;
    let code = code_at(&key, app.clock_now());

    let no_password = app
        .post_json(
            "/api/two-step/disable",
            &json!({ "password": "wrong password", "code": code }),
        )
        .await;
    assert_eq!(no_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bad_code = app
        .post_json(
            "/api/two-step/disable",
            &json!({ "password": DEMO_PASSWORD, "code": "123456" }),
        )
        .await;
    assert_eq!(bad_code.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = bad_code.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "code");
    let status: Value = app.get("/api/two-step").await.json().await.unwrap();
    assert_ne!(status["enabled_at"], Value::Null);

    let response = app
        .post_json(
            "/api/two-step/disable",
            &json!({ "password": DEMO_PASSWORD, "code": code }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let status: Value = app.get("/api/two-step").await.json().await.unwrap();
    assert_eq!(status["enabled_at"], Value::Null);
    assert_eq!(app.count("recovery_codes").await, 0);
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.kind == "two_step_disable"));
    app.sign_out().await;
    assert_eq!(password_step(&app).await, "full");
}

#[tokio::test]
async fn the_session_says_when_it_ends_if_idle_and_keep_alive_moves_that_on() {
    let app = spawn_app().await;
    let view = app.sign_in_as_jane().await;
    let idle = 15 * 60;
    assert_eq!(view["idle_expires_at"], TEST_NOW + idle);
    assert_eq!(view["idle_timeout_seconds"], idle);
    assert_eq!(view["warning_lead_seconds"], 120);

    // Ordinary calls within a minute do not move the idle clock...
    app.clock.advance(30);
    let session: Value = app.get("/api/session").await.json().await.unwrap();
    assert_eq!(session["idle_expires_at"], TEST_NOW + idle);
    // ...but "Stay signed in" does, at once.
    let response = app.post_json("/api/session/keep-alive", &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let kept: Value = response.json().await.unwrap();
    assert_eq!(kept["idle_expires_at"], TEST_NOW + 30 + idle);

    app.clock.advance(idle - 1);
    assert_eq!(app.get("/api/session").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn keep_alive_cannot_revive_an_ended_session() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    app.clock.advance(15 * 60);
    let response = app.post_json("/api/session/keep-alive", &json!({})).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn health_says_whether_the_portal_runs_as_a_demo() {
    let app = spawn_app().await;
    let health: Value = app.get("/api/health").await.json().await.unwrap();
    assert_eq!(health["demo"], true);
}

async fn jane_status(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT status FROM logons WHERE username = $1")
        .bind(DEMO_TAXPAYER)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn five_wrong_codes_in_a_row_lock_the_logon_like_wrong_passwords() {
    let app = spawn_app().await;
    let (key, _) = enrol_jane(&app).await;
    app.sign_out().await;
    // As from a browser that never logged in to her logon: its device cookie is forgotten.
    sqlx::query("DELETE FROM device_cookies")
        .execute(&app.state.db)
        .await
        .unwrap();
    password_step(&app).await;
    for _ in 0..5 {
        send_code(&app, "000000").await;
    }
    assert_eq!(jane_status(&app).await, "locked");
    let lockout_mails: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'lockout'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(lockout_mails, 1);
    // While locked, even the right password gets no further.
    app.clock.advance(30);
    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    // Once the lock runs out, the password and a right code sign in again.
    app.clock.advance(30 * 60);
    assert_eq!(password_step(&app).await, "two_step_required");
    send_code(&app, "000000").await;
    assert_eq!(
        jane_status(&app).await,
        "active",
        "one wrong code after a lock does not lock again"
    );
    let done = send_code(&app, &code_at(&key, app.clock_now())).await;
    assert_eq!(done.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_temporary_password_must_still_be_changed_after_the_code() {
    let app = spawn_app().await;
    let (key, _) = enrol_jane(&app).await;
    app.sign_out().await;
    sqlx::query("UPDATE logons SET temporary_password_expires_at = $1 WHERE username = $2")
        .bind(TEST_NOW + 72 * 3600)
        .bind(DEMO_TAXPAYER)
        .execute(&app.state.db)
        .await
        .unwrap();
    assert_eq!(password_step(&app).await, "two_step_required");
    let response = send_code(&app, &code_at(&key, app.clock_now())).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["stage"], "password_change_required");
    assert_eq!(app.summary_status().await, StatusCode::UNAUTHORIZED);
}
