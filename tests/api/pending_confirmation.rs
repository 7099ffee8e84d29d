//! Before the email address is confirmed (issue 14 §2): the right password
//! hears that the address is not confirmed and where the link went, the
//! "Check your email" page can send the link again (rate-limited), and a
//! wrong password still gets the one answer for every failed sign-in.

use crate::helpers::{spawn_app, Browser, TestApp};
use crate::registration::{mailed_token, registration, NEW_PASSWORD};
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::registration::{
    EMAIL_NOT_CONFIRMED, PENDING_GONE, RESEND_LIMIT, RESEND_TOO_SOON, RESENT,
};
use wire::session::SIGN_IN_FAILED;

async fn message(response: reqwest::Response) -> String {
    let body: Value = response.json().await.unwrap();
    body["message"].as_str().unwrap().to_owned()
}

async fn registered(app: &TestApp, username: &str) -> Browser {
    let browser = app.new_browser(None);
    let response = browser
        .post("/api/registrations", &registration(username))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    browser
}

async fn verify_mails(app: &TestApp) -> usize {
    app.outbox()
        .await
        .iter()
        .filter(|m| m.kind == "verify_email")
        .count()
}

#[tokio::test]
async fn the_right_password_before_confirming_says_so_and_shows_the_masked_address() {
    let app = spawn_app().await;
    registered(&app, "Ada.L").await;
    let browser = app.new_browser(None);
    let answer = browser.sign_in("Ada.L", NEW_PASSWORD).await;
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    assert_eq!(message(answer).await, EMAIL_NOT_CONFIRMED);
    let pending = browser.json("/api/registrations/pending").await;
    assert_eq!(pending["email"], "a***@example.com");
    // Not signed in: no session came with it.
    let session = browser.get("/api/session").await;
    assert_eq!(session.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.failures_by_detail("sign_in").await,
        vec![(Some("email not confirmed".to_owned()), 1)]
    );
}

#[tokio::test]
async fn a_wrong_password_before_confirming_gets_the_answer_every_failed_sign_in_gets() {
    let app = spawn_app().await;
    registered(&app, "Ada.L").await;
    let browser = app.new_browser(None);
    let wrong = browser.sign_in("Ada.L", "not the right password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(message(wrong).await, SIGN_IN_FAILED);
    let unknown = browser.sign_in("Nobody.Here", NEW_PASSWORD).await;
    assert_eq!(message(unknown).await, SIGN_IN_FAILED);
    // And no "Check your email" page for this browser.
    let pending = browser.get("/api/registrations/pending").await;
    assert_eq!(pending.status(), StatusCode::GONE);
    assert_eq!(message(pending).await, PENDING_GONE);
}

#[tokio::test]
async fn a_pending_logon_gets_five_password_checks_an_hour() {
    let app = spawn_app().await;
    registered(&app, "Ada.L").await;
    let guesser = app.new_browser(None);
    guesser.fail_sign_ins("Ada.L", 5).await;
    // The sixth is not checked, so even the right password learns nothing.
    let sixth = guesser.sign_in("Ada.L", NEW_PASSWORD).await;
    assert_eq!(sixth.status(), StatusCode::UNAUTHORIZED);
    app.clock.advance(3601);
    let later = guesser.sign_in("Ada.L", NEW_PASSWORD).await;
    assert_eq!(later.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn resend_sends_a_new_link_at_most_once_a_minute_and_five_times_a_day() {
    let app = spawn_app().await;
    let browser = registered(&app, "Ada.L").await;
    assert_eq!(verify_mails(&app).await, 1);
    let empty = json!({});
    let resend = || browser.post("/api/registrations/pending/resend", &empty);

    let first = resend().await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(message(first).await, RESENT);
    assert_eq!(verify_mails(&app).await, 2);
    let too_soon = resend().await;
    assert_eq!(too_soon.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(message(too_soon).await, RESEND_TOO_SOON);
    assert_eq!(verify_mails(&app).await, 2);

    for sent in 3..=6 {
        app.clock.advance(61);
        assert_eq!(resend().await.status(), StatusCode::OK);
        assert_eq!(verify_mails(&app).await, sent);
    }
    app.clock.advance(61);
    let sixth = resend().await;
    assert_eq!(sixth.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(message(sixth).await, RESEND_LIMIT);
    // Signing in again gives a new page, but not a new day's allowance.
    let again = app.new_browser(None);
    assert_eq!(
        again.sign_in("Ada.L", NEW_PASSWORD).await.status(),
        StatusCode::FORBIDDEN
    );
    let resend_again = again
        .post("/api/registrations/pending/resend", &json!({}))
        .await;
    assert_eq!(message(resend_again).await, RESEND_LIMIT);
    assert_eq!(verify_mails(&app).await, 6);

    // The newest link confirms the address.
    let token = mailed_token(&app, "/verify-email").await;
    let verified = app
        .post_json("/api/registrations/verify", &json!({ "token": token }))
        .await;
    assert_eq!(verified.status(), StatusCode::OK);
    assert_eq!(
        app.sign_in("Ada.L", NEW_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_taken_username_gets_the_same_page_and_a_resend_sends_nothing() {
    let app = spawn_app().await;
    registered(&app, "Ada.L").await;
    let mails = app.outbox().await.len();
    let second = registered(&app, "ada.l").await;
    // The address typed hears the username is taken (one mail), as before.
    assert_eq!(app.outbox().await.len(), mails + 1);
    let pending = second.json("/api/registrations/pending").await;
    assert_eq!(pending["email"], "a***@example.com");
    let resend = second
        .post("/api/registrations/pending/resend", &json!({}))
        .await;
    assert_eq!(resend.status(), StatusCode::OK);
    assert_eq!(message(resend).await, RESENT);
    assert_eq!(app.outbox().await.len(), mails + 1);
}

#[tokio::test]
async fn once_confirmed_a_resend_sends_nothing_and_the_page_expires_after_an_hour() {
    let app = spawn_app().await;
    let browser = registered(&app, "Ada.L").await;
    let token = mailed_token(&app, "/verify-email").await;
    app.post_json("/api/registrations/verify", &json!({ "token": token }))
        .await;
    let mails = verify_mails(&app).await;
    let resend = browser
        .post("/api/registrations/pending/resend", &json!({}))
        .await;
    assert_eq!(resend.status(), StatusCode::OK);
    assert_eq!(verify_mails(&app).await, mails);
    app.clock.advance(3601);
    let gone = browser.get("/api/registrations/pending").await;
    assert_eq!(gone.status(), StatusCode::GONE);
}
