//! Add Access to Another Business: proving who the business is, the guess
//! limit of a logon, claiming a business nobody manages, and requests lapsing
//! (the other guess limits: `guessing.rs`; the takeover: `takeover.rs`).

use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PREPARER, DEMO_TAXPAYER};
use portal_server::seed::NATURAL_HEALTH_REG;
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::grants::{DETAILS_DO_NOT_MATCH, TOO_MANY_GUESSES};

pub const NATURAL_HEALTH: &str = "NATURAL HEALTH LLC";
pub const NATURAL_HEALTH_LETTER: &str = "L000000144";
pub const HARBOR_VIEW_REG: &str = "21422155000";
pub const HARBOR_VIEW: &str = "HARBOR VIEW BAKERY LLC";

pub fn by_letter(reg: &str, name: &str, letter_id: &str, kind: &str) -> Value {
    json!({ "reg_number": reg, "legal_name": name, "fact_kind": "letter_id",
            "letter_id": letter_id, "kind": kind })
}

pub fn by_payment(reg: &str, name: &str, amount: &str, kind: &str) -> Value {
    json!({ "reg_number": reg, "legal_name": name, "fact_kind": "payment_amount",
            "payment_amount": amount, "kind": kind })
}

/// NATURAL HEALTH LLC named with the Letter ID printed on its letter.
pub fn natural_health_letter(kind: &str) -> Value {
    by_letter(
        NATURAL_HEALTH_REG,
        NATURAL_HEALTH,
        NATURAL_HEALTH_LETTER,
        kind,
    )
}

/// The preparer (or anyone) asks for NATURAL HEALTH LLC as its third party;
/// returns the request id.
pub async fn ask_for_natural_health(session: &Browser) -> i64 {
    let response = session
        .post(
            "/api/access-requests",
            &natural_health_letter("third_party"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["outcome"], "pending");
    body["request_id"].as_i64().unwrap()
}

/// The one message and field of a 422.
pub async fn refusal(response: reqwest::Response) -> (String, String) {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    let fields = body["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{body}");
    (
        fields[0]["field"].as_str().unwrap().to_owned(),
        fields[0]["message"].as_str().unwrap().to_owned(),
    )
}

async fn request_count(app: &TestApp) -> i64 {
    app.count("access_requests").await
}

#[tokio::test]
async fn a_preparer_asking_with_the_right_letter_id_waits_for_the_business() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let pat = app.session(DEMO_PREPARER).await;
    let request_id = ask_for_natural_health(&pat).await;

    let mine = pat.json("/api/access-requests/mine").await;
    assert_eq!(mine[0]["id"], request_id);
    assert_eq!(mine[0]["legal_name"], NATURAL_HEALTH);
    assert_eq!(mine[0]["status"], "pending");
    // Asking gives nothing yet.
    assert_eq!(
        pat.get(&format!("/api/customers/{nh}/summary"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let jane = app.session(DEMO_TAXPAYER).await;
    let pending = jane
        .json(&format!(
            "/api/customers/{nh}/access-requests?kind=third_party"
        ))
        .await;
    assert_eq!(pending.as_array().unwrap().len(), 1);
    assert_eq!(pending[0]["requester_username"], DEMO_PREPARER);
    assert_eq!(pending[0]["firm_name"], "LEDGERLINE TAX ADVISORS LLC");
    assert_eq!(pending[0]["expires_on"], "2026-12-14");
    let additional = jane
        .json(&format!(
            "/api/customers/{nh}/access-requests?kind=additional"
        ))
        .await;
    assert_eq!(additional, json!([]));

    // The business hears who asks, by message and by email to its Master Administrator.
    let messages = jane.json(&format!("/api/customers/{nh}/messages")).await;
    assert!(messages[0]["subject"]
        .as_str()
        .unwrap()
        .contains("Pat Morgan (LedgerlineAdmin) asks for access"));
    let mail = app.outbox().await;
    assert!(mail
        .iter()
        .any(|m| m.recipient == "jane.smith@naturalhealth.example"
            && m.subject.contains("asks for access to NATURAL HEALTH LLC")));
}

#[tokio::test]
async fn wrong_details_get_one_generic_answer_whichever_part_is_wrong() {
    let app = spawn_app().await;
    let asker = app.new_logon("NewOwner", "Robin Lee", None).await;
    let robin = app.session("NewOwner").await;
    let wrong = [
        by_letter(
            "21422144001",
            NATURAL_HEALTH,
            NATURAL_HEALTH_LETTER,
            "additional",
        ),
        by_letter(
            NATURAL_HEALTH_REG,
            "NATURAL WEALTH LLC",
            NATURAL_HEALTH_LETTER,
            "additional",
        ),
        by_letter(
            NATURAL_HEALTH_REG,
            NATURAL_HEALTH,
            "L000000155",
            "additional",
        ),
        by_payment(NATURAL_HEALTH_REG, NATURAL_HEALTH, "$100.01", "additional"),
    ];
    for body in &wrong {
        let answer = refusal(robin.post("/api/access-requests", body).await).await;
        assert_eq!(answer, ("reg_number".into(), DETAILS_DO_NOT_MATCH.into()));
    }
    assert_eq!(request_count(&app).await, 0);
    let failures: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM activity WHERE logon_id = $1 AND action = 'access_requested' \
           AND outcome = 'failure'",
    )
    .bind(asker)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(failures, 4);
    // Case, spacing and dashes do not matter; the amount of a processed payment does.
    let right = by_payment(
        "214-2214-4000",
        " natural  health llc",
        "100.00",
        "additional",
    );
    let response = robin.post("/api/access-requests", &right).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_logons_sixth_wrong_guess_is_refused_even_with_the_right_facts() {
    let app = spawn_app().await;
    app.new_logon("Guesser", "Sam Guess", None).await;
    let guesser = app.session("Guesser").await;
    for n in 0..5 {
        let letter = format!("L00000090{n}");
        let body = by_letter(NATURAL_HEALTH_REG, NATURAL_HEALTH, &letter, "additional");
        let answer = refusal(guesser.post("/api/access-requests", &body).await).await;
        assert_eq!(answer.1, DETAILS_DO_NOT_MATCH);
    }
    let right = natural_health_letter("additional");
    let answer = refusal(guesser.post("/api/access-requests", &right).await).await;
    assert_eq!(answer, ("reg_number".into(), TOO_MANY_GUESSES.into()));
    assert_eq!(request_count(&app).await, 0);

    app.clock.advance(24 * 3600 + 1);
    let guesser = app.session("Guesser").await;
    let response = guesser.post("/api/access-requests", &right).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

/// Dana Baker claims HARBOR VIEW BAKERY LLC, which never had a Master
/// Administrator, with its payment amount; returns her session.
pub async fn dana_claims_harbor_view(app: &TestApp) -> Browser {
    app.new_logon("BakerOwner", "Dana Baker", None).await;
    let dana = app.session("BakerOwner").await;
    let claim = by_payment(HARBOR_VIEW_REG, HARBOR_VIEW, "$250.00", "additional");
    let response = dana.post("/api/access-requests", &claim).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["outcome"], "granted");
    assert_eq!(body["legal_name"], HARBOR_VIEW);
    dana
}

#[tokio::test]
async fn a_business_without_a_master_administrator_is_claimed_at_once() {
    let app = spawn_app().await;
    let dana = dana_claims_harbor_view(&app).await;

    let bakery = app.customer_id(HARBOR_VIEW_REG).await;
    let mine = dana.json("/api/access/mine").await;
    assert_eq!(mine["total"], 1);
    assert_eq!(mine["items"][0]["customer_id"], bakery);
    assert_eq!(mine["items"][0]["access_type"], "master_administrator");
    assert_eq!(mine["items"][0]["relationship"], "own");
    assert_eq!(mine["items"][0]["may_leave"], false);
    let requests = dana.json("/api/access-requests/mine").await;
    assert_eq!(requests[0]["status"], "claimed");
    let activity = dana
        .json(&format!("/api/customers/{bakery}/activity"))
        .await;
    assert_eq!(activity["rows"][0]["action"], "access_claimed");

    // Now it has a Master Administrator, the next one waits for her.
    let pat = app.session(DEMO_PREPARER).await;
    let ask = by_letter(HARBOR_VIEW_REG, HARBOR_VIEW, "L000000155", "third_party");
    let response = pat.post("/api/access-requests", &ask).await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["outcome"], "pending");
}

#[tokio::test]
async fn a_request_nobody_decides_lapses_after_21_days() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let pat = app.session(DEMO_PREPARER).await;
    let request_id = ask_for_natural_health(&pat).await;

    app.clock.advance(21 * 86_400);
    // Sessions do not last three weeks: both sign in again.
    let pat = app.session(DEMO_PREPARER).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let pending = jane
        .json(&format!("/api/customers/{nh}/access-requests"))
        .await;
    assert_eq!(pending, json!([]));
    let mine = pat.json("/api/access-requests/mine").await;
    assert_eq!(mine[0]["status"], "expired");
    let approve = jane
        .post(
            &format!("/api/customers/{nh}/access-requests/{request_id}/approve"),
            &json!({ "access_type": "master_administrator" }),
        )
        .await;
    assert_eq!(approve.status(), StatusCode::CONFLICT);
    // Asking again is allowed once the old request lapsed.
    ask_for_natural_health(&pat).await;
}

#[tokio::test]
async fn asking_twice_or_for_a_business_already_reached_is_a_conflict() {
    let app = spawn_app().await;
    let pat = app.session(DEMO_PREPARER).await;
    ask_for_natural_health(&pat).await;
    let again = natural_health_letter("third_party");
    let response = pat.post("/api/access-requests", &again).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "You already asked; the business has not decided yet"
    );

    let jane = app.session(DEMO_TAXPAYER).await;
    let own = natural_health_letter("additional");
    let response = jane.post("/api/access-requests", &own).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], "You already have access to this business");
    assert_eq!(request_count(&app).await, 1);
}

#[tokio::test]
async fn a_secondary_logon_asks_for_its_firm_never_as_an_additional_logon() {
    let app = spawn_app().await;
    let nh = app.customer_id(NATURAL_HEALTH_REG).await;
    let firm = app.logon_id(DEMO_PREPARER).await;
    app.new_logon("LedgerlineClerk", "Chris Clerk", Some(firm))
        .await;
    let clerk = app.session("LedgerlineClerk").await;
    let as_additional = natural_health_letter("additional");
    let (field, _) = refusal(clerk.post("/api/access-requests", &as_additional).await).await;
    assert_eq!(field, "kind");

    let request_id = ask_for_natural_health(&clerk).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let pending = jane
        .json(&format!("/api/customers/{nh}/access-requests"))
        .await;
    assert_eq!(pending[0]["requester_name"], "Chris Clerk");
    assert_eq!(pending[0]["firm_name"], "LEDGERLINE TAX ADVISORS LLC");
    let approve = jane
        .post(
            &format!("/api/customers/{nh}/access-requests/{request_id}/approve"),
            &json!({ "access_type": "master_administrator" }),
        )
        .await;
    assert_eq!(approve.status(), StatusCode::OK);
    // The firm holds the grant, and its secondary logon acts through it.
    let pat = app.session(DEMO_PREPARER).await;
    for session in [&pat, &clerk] {
        let response = session.get(&format!("/api/customers/{nh}/summary")).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn a_secondary_logon_outside_its_firms_group_for_a_client_hears_the_firm_has_it() {
    let app = spawn_app().await;
    let client = app.customer_id("30000000000").await;
    let firm = app.logon_id(DEMO_PREPARER).await;
    let clerk_id = app
        .new_logon("LedgerlineClerk", "Chris Clerk", Some(firm))
        .await;
    // The clerk leaves the Default group for an empty one: it reaches no client.
    let group: i64 = sqlx::query_scalar(
        "INSERT INTO security_groups (owner_logon_id, name, name_key, created_at) \
         VALUES ($1, 'Payroll', 'payroll', 0) RETURNING id",
    )
    .bind(firm)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    sqlx::query("UPDATE secondary_logon_groups SET group_id = $1 WHERE logon_id = $2")
        .bind(group)
        .bind(clerk_id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let (name, letter_id): (String, String) = sqlx::query_as(
        "SELECT c.legal_name, m.letter_id FROM customers c \
         JOIN messages m ON m.customer_id = c.id WHERE c.id = $1 LIMIT 1",
    )
    .bind(client)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let clerk = app.session("LedgerlineClerk").await;
    let body = by_letter("30000000000", &name, &letter_id, "third_party");
    let response = clerk.post("/api/access-requests", &body).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert!(body["message"]
        .as_str()
        .unwrap()
        .starts_with("Your firm already has access"));
    assert_eq!(request_count(&app).await, 0);
}
