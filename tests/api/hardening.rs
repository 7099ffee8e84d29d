//! The smaller findings of issue 8: usernames listed through registration,
//! HTTPS that a browser may be talked out of, an Origin check blind to the
//! scheme, and a demo mailbox that could appear on a real database.

use crate::helpers::{fresh_database_url, header, spawn_app, spawn_app_with, Options, TEST_NOW};
use crate::registration::{field_errors, registration};
use portal_server::{clock::ManualClock, config::Config, startup::Application};
use reqwest::{header as h, StatusCode};
use serde_json::{json, Value};
use std::sync::Arc;

#[tokio::test]
async fn registering_a_taken_username_answers_as_a_new_one_would_and_tells_only_the_mailbox_given()
{
    let app = spawn_app().await;
    let logons = app.count("logons").await;
    let taken = app
        .post_json("/api/registrations", &registration("JANESMITH"))
        .await;
    let mut fresh_form = registration("Ada.Lovelace");
    fresh_form["email"] = json!("ada.l@example.com");
    fresh_form["confirm_email"] = json!("ada.l@example.com");
    let fresh = app.post_json("/api/registrations", &fresh_form).await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    assert_eq!(fresh.status(), StatusCode::CREATED);
    let (taken, fresh): (Value, Value) = (taken.json().await.unwrap(), fresh.json().await.unwrap());
    assert_eq!(taken, fresh);
    assert_eq!(app.count("logons").await, logons + 1);

    // Whoever typed the address hears it there, where a stranger cannot read it.
    let mail = app.outbox().await;
    let to_ada: Vec<_> = mail
        .iter()
        .filter(|m| m.recipient == "ada@example.com")
        .collect();
    assert_eq!(to_ada.len(), 1, "{mail:?}");
    assert_eq!(to_ada[0].kind, "username_taken");
    assert!(to_ada[0].body.contains("JANESMITH"));
    assert!(to_ada[0].body.contains("already in use"));
    assert!(!mail
        .iter()
        .any(|m| m.recipient == "jane.smith@naturalhealth.example"));
}

#[tokio::test]
async fn a_taken_username_with_other_mistakes_gets_only_those_mistakes() {
    let app = spawn_app().await;
    let mut form = registration("JaneSmith");
    form["confirm_password"] = json!("something else entirely");
    let response = app.post_json("/api/registrations", &form).await;
    let fields: Vec<String> = field_errors(response)
        .await
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(fields, ["confirm_password"]);
    assert_eq!(app.count("outbox").await, 0);
}

#[tokio::test]
async fn with_secure_cookies_every_answer_tells_browsers_to_use_https_for_a_year() {
    let app = spawn_app_with(Options {
        secure_cookies: true,
    })
    .await;
    for path in ["/api/health", "/", "/summary", "/api/no-such-thing"] {
        let response = app.get(path).await;
        let value = header(&response, h::STRICT_TRANSPORT_SECURITY).to_owned();
        let max_age: i64 = value
            .split(';')
            .find_map(|part| part.trim().strip_prefix("max-age="))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{path}: Strict-Transport-Security {value:?}"));
        assert!(max_age >= 365 * 86_400, "{path}: {value}");
    }
    // Plain http on localhost has no HTTPS to insist on.
    let local = spawn_app().await;
    let response = local.get("/api/health").await;
    assert_eq!(header(&response, h::STRICT_TRANSPORT_SECURITY), "");
}

#[tokio::test]
async fn a_write_from_an_origin_with_another_scheme_is_refused() {
    for secure in [true, false] {
        let app = spawn_app_with(Options {
            secure_cookies: secure,
        })
        .await;
        let host = app.address.trim_start_matches("http://").to_owned();
        let (own, other) = if secure {
            ("https", "http")
        } else {
            ("http", "https")
        };
        let sign_in = |scheme: &str| {
            app.client
                .post(app.url("/api/session"))
                .header(h::ORIGIN, format!("{scheme}://{host}"))
                .json(&json!({ "username": "JaneSmith", "password": "a wrong password" }))
                .send()
        };
        assert_eq!(
            sign_in(other).await.unwrap().status(),
            StatusCode::FORBIDDEN,
            "{other} origin, secure cookies {secure}"
        );
        assert_eq!(
            sign_in(own).await.unwrap().status(),
            StatusCode::UNAUTHORIZED,
            "{own} origin, secure cookies {secure}"
        );
    }
}

/// A configuration on a database of its own that outlives one server.
async fn lasting_config(data_dir: &std::path::Path) -> Config {
    let mut config = Config::for_data_dir(data_dir.to_path_buf());
    config.database_url = fresh_database_url().await;
    config.demo_clients = 2;
    config.insecure_localhost_cookies = true;
    config
}

async fn customers(app: &Application) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// Starts a server; a refusal comes back as its whole message.
async fn start(config: &Config) -> Result<Application, String> {
    Application::build_with_clock(config, Arc::new(ManualClock::at(TEST_NOW)))
        .await
        .map_err(|error| format!("{error:#}"))
}

#[tokio::test]
async fn demo_mode_is_refused_on_a_database_that_was_not_created_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = lasting_config(dir.path()).await;
    config.demo = false;
    let real = start(&config)
        .await
        .expect("a portal without --demo starts");
    real.state.db.close().await;
    drop(real);

    config.demo = true;
    let refused = start(&config).await;
    let Err(message) = refused else {
        panic!("--demo started on a database made without it");
    };
    assert!(message.contains("--demo"), "{message}");
    assert!(message.contains("not created"), "{message}");
    // Nothing was seeded into it, and it still starts as it was.
    config.demo = false;
    let again = start(&config)
        .await
        .expect("it starts again without --demo");
    assert_eq!(customers(&again).await, 0);
    assert!(!again.state.mailer.demo_mailbox());
    again.state.db.close().await;
}

#[tokio::test]
async fn a_demo_database_starts_again_with_or_without_demo_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = lasting_config(dir.path()).await;
    config.demo = true;
    let first = start(&config)
        .await
        .expect("a demo starts on an empty database");
    let seeded = customers(&first).await;
    first.state.db.close().await;
    drop(first);
    let second = start(&config).await.expect("and again");
    assert_eq!(
        customers(&second).await,
        seeded,
        "a restart seeds nothing more"
    );
    second.state.db.close().await;
    drop(second);
    config.demo = false;
    let plain = start(&config).await.expect("and without --demo");
    assert!(!plain.state.mailer.demo_mailbox());
    plain.state.db.close().await;
}
