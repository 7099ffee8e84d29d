//! Every security change ends the logon's other sessions and gives the one it
//! was made in a new token (`session::end_others_and_rotate`): here the new
//! email address and the new secret question; the password, 2-step and
//! recovery have their own tests in profile.rs, two_step.rs and recovery.rs.

use crate::{
    helpers::{new_client, spawn_app, Browser, TestApp, DEMO_PASSWORD, DEMO_TAXPAYER},
    registration::mailed_token,
};
use reqwest::StatusCode;
use serde_json::json;

async fn profile_status(browser: &Browser) -> StatusCode {
    browser.get("/api/profile").await.status()
}

async fn ask_new_email(jane: &Browser, address: &str) {
    let asked = jane
        .post(
            "/api/profile/email",
            &json!({ "new_email": address, "current_password": DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
}

async fn two_sessions(app: &TestApp) -> (Browser, Browser) {
    (
        app.session(DEMO_TAXPAYER).await,
        app.session(DEMO_TAXPAYER).await,
    )
}

#[tokio::test]
async fn confirming_a_new_email_in_the_signed_in_browser_keeps_it_and_ends_the_others() {
    let app = spawn_app().await;
    let (jane, elsewhere) = two_sessions(&app).await;
    ask_new_email(&jane, "jane@newmail.example").await;
    let token = mailed_token(&app, "/confirm-email").await;
    let confirmed = jane
        .post("/api/profile/email/confirm", &json!({ "token": token }))
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert!(
        crate::helpers::header(&confirmed, reqwest::header::SET_COOKIE).contains("portal_session="),
        "the confirming session gets a new token"
    );
    assert_eq!(profile_status(&jane).await, StatusCode::OK);
    assert_eq!(profile_status(&elsewhere).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn confirming_a_new_email_from_another_browser_ends_every_session() {
    let app = spawn_app().await;
    let (jane, elsewhere) = two_sessions(&app).await;
    ask_new_email(&jane, "jane@newmail.example").await;
    let token = mailed_token(&app, "/confirm-email").await;
    let confirmed = new_client()
        .post(app.url("/api/profile/email/confirm"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert_eq!(profile_status(&jane).await, StatusCode::UNAUTHORIZED);
    assert_eq!(profile_status(&elsewhere).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_secret_question_ends_the_other_sessions_and_this_one_continues() {
    let app = spawn_app().await;
    let (jane, elsewhere) = two_sessions(&app).await;
    let changed = jane
        .put(
            "/api/profile/secret-question",
            &json!({
                "question": wire::registration::SECRET_QUESTIONS[1],
                "answer": "elm street",
                "current_password": DEMO_PASSWORD,
            }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_eq!(profile_status(&jane).await, StatusCode::OK);
    assert_eq!(profile_status(&elsewhere).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sign_out_of_other_sessions_gives_this_one_a_new_token() {
    let app = spawn_app().await;
    let (jane, elsewhere) = two_sessions(&app).await;
    let before = app.count("sessions").await;
    let ended = jane
        .client
        .delete(app.url("/api/profile/sessions/others"))
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), StatusCode::OK);
    assert!(crate::helpers::header(&ended, reqwest::header::SET_COOKIE).contains("portal_session="));
    assert_eq!(profile_status(&jane).await, StatusCode::OK);
    assert_eq!(profile_status(&elsewhere).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("sessions").await, before - 1);
}
