use crate::helpers::{spawn_app, TestApp, DEMO_PASSWORD, DEMO_TAXPAYER};
use reqwest::StatusCode;
use serde_json::Value;

async fn fail(app: &TestApp, times: usize) {
    for _ in 0..times {
        let response = app
            .sign_in(DEMO_TAXPAYER, "not Jane's password at all")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
}

async fn status_of_jane(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT status FROM logons WHERE username = $1")
        .bind(DEMO_TAXPAYER)
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

async fn lockout_mails(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("SELECT recipient, subject FROM outbox WHERE kind = 'lockout'")
        .fetch_all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn five_wrong_passwords_in_a_row_lock_the_logon_and_email_its_owner() {
    let app = spawn_app().await;
    fail(&app, 4).await;
    assert_eq!(status_of_jane(&app).await, "active");
    fail(&app, 1).await;
    assert_eq!(status_of_jane(&app).await, "locked");
    assert_eq!(
        lockout_mails(&app).await,
        vec![(
            "jane.smith@naturalhealth.example".to_owned(),
            "Your logon is locked".to_owned()
        )]
    );
    let lockouts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM activity WHERE action = 'lockout'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(lockouts, 1);
}

#[tokio::test]
async fn a_locked_logon_refuses_even_the_right_password_with_the_generic_message() {
    let app = spawn_app().await;
    fail(&app, 5).await;
    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "The username or password you entered is incorrect"
    );
    // More attempts during the lock send no more mail and do not extend it.
    fail(&app, 3).await;
    assert_eq!(lockout_mails(&app).await.len(), 1);
}

#[tokio::test]
async fn a_lock_lifts_by_itself_after_thirty_minutes() {
    let app = spawn_app().await;
    fail(&app, 5).await;
    app.clock.advance(29 * 60);
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.clock.advance(60);
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_eq!(status_of_jane(&app).await, "active");
}

#[tokio::test]
async fn after_a_lock_lifts_one_wrong_password_does_not_lock_again() {
    let app = spawn_app().await;
    fail(&app, 5).await;
    app.clock.advance(30 * 60);
    fail(&app, 1).await;
    assert_eq!(status_of_jane(&app).await, "active");
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_successful_sign_in_starts_the_count_again() {
    let app = spawn_app().await;
    fail(&app, 4).await;
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
    fail(&app, 4).await;
    assert_eq!(status_of_jane(&app).await, "active");
}

#[tokio::test]
async fn one_address_is_refused_after_a_hundred_attempts_in_fifteen_minutes() {
    let app = spawn_app().await;
    for attempt in 0..100 {
        let response = app
            .sign_in(&format!("nobody{attempt}"), "a guess at a password")
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }
    let refused = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = refused.json().await.unwrap();
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with("Too many attempts"));
    app.clock.advance(15 * 60);
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::OK
    );
}
