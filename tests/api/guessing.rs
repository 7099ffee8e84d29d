//! Guessing the shared fact of Add Access to Another Business: wrong guesses
//! are counted per requester logon and per address, counted before they are
//! checked (so parallel requests cannot slip past), and a business's own
//! ceiling is high, stops only payment amounts, and alerts its Master
//! Administrators.

use crate::access_requests::{
    by_letter, by_payment, natural_health_letter, refusal, HARBOR_VIEW, HARBOR_VIEW_REG,
    NATURAL_HEALTH,
};
use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PREPARER};
use portal_server::seed::NATURAL_HEALTH_REG;
use reqwest::StatusCode;
use serde_json::Value;
use std::sync::Arc;
use wire::grants::{DETAILS_DO_NOT_MATCH, TOO_MANY_GUESSES};

/// A guess that must get the one answer to details that do not match.
async fn guess_wrong(who: &Browser, body: &Value) {
    let answer = refusal(who.post("/api/access-requests", body).await).await;
    assert_eq!(answer.1, DETAILS_DO_NOT_MATCH);
}

/// `count` logons that reach nothing, each signed in from `source`.
async fn guessers(app: &TestApp, tag: &str, source: &str, count: usize) -> Vec<Browser> {
    let mut out = Vec::new();
    for n in 0..count {
        let username = format!("{tag}{n}");
        app.new_logon(&username, &username, None).await;
        out.push(app.session_from(source, &username).await);
    }
    out
}

/// Two strangers from `source` make five wrong guesses each at one business.
async fn ten_wrong_guesses_at(app: &TestApp, source: &str, reg: &str, name: &str) {
    for who in guessers(app, &format!("Guess{reg}x"), source, 2).await {
        for n in 0..5 {
            let body = by_payment(reg, name, &format!("1.0{n}"), "additional");
            guess_wrong(&who, &body).await;
        }
    }
}

#[tokio::test]
async fn ten_wrong_guesses_from_strangers_do_not_stop_the_real_owner_or_a_preparer() {
    let app = spawn_app().await;
    ten_wrong_guesses_at(&app, "127.0.0.5", HARBOR_VIEW_REG, HARBOR_VIEW).await;
    ten_wrong_guesses_at(&app, "127.0.0.6", NATURAL_HEALTH_REG, NATURAL_HEALTH).await;
    // The owner of HARBOR VIEW BAKERY LLC still claims it.
    app.new_logon("BakerOwner", "Dana Baker", None).await;
    let dana = app.session("BakerOwner").await;
    let claim = by_payment(HARBOR_VIEW_REG, HARBOR_VIEW, "$250.00", "additional");
    let response = dana.post("/api/access-requests", &claim).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        response.json::<Value>().await.unwrap()["outcome"],
        "granted"
    );
    // And a preparer still asks NATURAL HEALTH LLC to add it.
    let pat = app.session(DEMO_PREPARER).await;
    crate::access_requests::ask_for_natural_health(&pat).await;
}

#[tokio::test]
async fn one_address_gets_twenty_wrong_guesses_a_day_whatever_logons_it_uses() {
    let app = spawn_app().await;
    let clients: Vec<(String, String)> = sqlx::query_as(
        "SELECT reg_number, legal_name FROM customers WHERE kind = 'business' ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert!(clients.len() >= 5);
    // Four logons from one address, each at its own business: 20 wrong guesses.
    let from_one_address = guessers(&app, "Spread", "127.0.0.6", 5).await;
    for (who, (reg, name)) in from_one_address.iter().take(4).zip(&clients) {
        for n in 0..5 {
            let body = by_letter(reg, name, &format!("L00000099{n}"), "additional");
            guess_wrong(who, &body).await;
        }
    }
    // A fifth logon from there is refused even with the right facts.
    let right = natural_health_letter("additional");
    let answer = refusal(
        from_one_address[4]
            .post("/api/access-requests", &right)
            .await,
    )
    .await;
    assert_eq!(answer.1, TOO_MANY_GUESSES);
    // Another address is not held back.
    let elsewhere = guessers(&app, "Elsewhere", "127.0.0.7", 1).await;
    let response = elsewhere[0].post("/api/access-requests", &right).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn right_guesses_do_not_use_up_a_preparers_day() {
    let app = spawn_app().await;
    let pat = app.session(DEMO_PREPARER).await;
    let harbor = by_letter(HARBOR_VIEW_REG, HARBOR_VIEW, "L000000155", "third_party");
    let nh = natural_health_letter("third_party");
    for body in [&harbor, &nh] {
        let response = pat.post("/api/access-requests", body).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    // Four wrong guesses, and the fifth still gets checked.
    for n in 0..5 {
        let body = by_letter(
            HARBOR_VIEW_REG,
            HARBOR_VIEW,
            &format!("L00000077{n}"),
            "third_party",
        );
        guess_wrong(&pat, &body).await;
    }
}

#[tokio::test]
async fn a_hundred_wrong_guesses_at_a_business_alert_its_master_administrators_and_pause_only_payment_amounts(
) {
    let app = spawn_app().await;
    // Twenty logons from five addresses: five wrong amounts each.
    for address in 0..5 {
        let source = format!("127.0.1.{address}");
        for who in guessers(&app, &format!("Ring{address}x"), &source, 4).await {
            for n in 0..5 {
                let body = by_payment(
                    NATURAL_HEALTH_REG,
                    NATURAL_HEALTH,
                    &format!("{address}{n}.01"),
                    "additional",
                );
                guess_wrong(&who, &body).await;
            }
        }
    }
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let alert = "Many attempts to get access to NATURAL HEALTH LLC did not match";
    let alerts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE customer_id = $1 AND subject = $2")
            .bind(nh)
            .bind(alert)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(alerts, 1);
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.subject == alert && m.recipient == "jane.smith@naturalhealth.example"));

    // A right payment amount waits until tomorrow; a Letter ID still works.
    let honest = guessers(&app, "Honest", "127.0.2.1", 1).await;
    let amount = by_payment(NATURAL_HEALTH_REG, NATURAL_HEALTH, "100.00", "additional");
    let (field, message) = refusal(honest[0].post("/api/access-requests", &amount).await).await;
    assert_eq!(field, "payment_amount");
    assert!(message.contains("Letter ID"), "{message}");
    let letter = natural_health_letter("additional");
    let response = honest[0].post("/api/access-requests", &letter).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn twenty_five_parallel_guesses_get_exactly_five_evaluated() {
    let app = spawn_app().await;
    let guesser = Arc::new(guessers(&app, "Parallel", "127.0.0.8", 1).await.remove(0));
    let barrier = Arc::new(tokio::sync::Barrier::new(25));
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..25 {
        let (guesser, barrier) = (guesser.clone(), barrier.clone());
        requests.spawn(async move {
            let body = by_letter(
                NATURAL_HEALTH_REG,
                NATURAL_HEALTH,
                &format!("L0000008{n:02}"),
                "additional",
            );
            barrier.wait().await;
            guesser.post("/api/access-requests", &body).await.status()
        });
    }
    while let Some(status) = requests.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(
        app.failures_by_detail("access_requested").await,
        vec![
            (Some("details did not match".to_owned()), 5),
            (Some("too many attempts".to_owned()), 20),
        ]
    );
}
