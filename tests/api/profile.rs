use crate::helpers::{new_client, spawn_app, TestApp, DEMO_PASSWORD, DEMO_TAXPAYER, TEST_NOW};
use reqwest::{header::SET_COOKIE, Client, Response, StatusCode};
use serde_json::{json, Value};

const NEW_PASSWORD: &str = "Quiet harbor lanterns 2027";
const OTHER_PASSWORD: &str = "Copper kettle on the stove";

impl TestApp {
    async fn send(
        &self,
        client: &Client,
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> Response {
        client
            .request(method, self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn put_json(&self, path: &str, body: &Value) -> Response {
        self.send(&self.client, reqwest::Method::PUT, path, body)
            .await
    }

    async fn change_password(&self, current: Option<&str>, new: &str) -> Response {
        self.post_json(
            "/api/profile/password",
            &json!({ "current_password": current, "new_password": new, "confirm_password": new }),
        )
        .await
    }

    async fn logon_column<T>(&self, column: &str, username: &str) -> T
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + Unpin,
    {
        sqlx::query_scalar(&format!("SELECT {column} FROM logons WHERE username = $1"))
            .bind(username)
            .fetch_one(&self.state.db)
            .await
            .unwrap()
    }

    /// A new active logon with the demo password; `parent` makes it a secondary logon.
    async fn add_logon(&self, username: &str, parent: Option<i64>) -> i64 {
        let hash = portal_server::auth::password::hash(DEMO_PASSWORD);
        sqlx::query_scalar(
            "INSERT INTO logons (username, username_key, name, email, password_hash, password_changed_at, status, parent_logon_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $6) RETURNING id",
        )
        .bind(username)
        .bind(username.to_lowercase())
        .bind(format!("{username} Person"))
        .bind(format!("{}@example.com", username.to_lowercase()))
        .bind(hash)
        .bind(TEST_NOW - 86_400)
        .bind(parent)
        .fetch_one(&self.state.db)
        .await
        .unwrap()
    }

    async fn grant_master(&self, logon_id: i64, customer_id: i64) {
        sqlx::query(
            "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, created_at) \
             VALUES ($1, $2, 'master_administrator', 'additional', 'active', $3)",
        )
        .bind(logon_id)
        .bind(customer_id)
        .bind(TEST_NOW)
        .execute(&self.state.db)
        .await
        .unwrap();
    }

    async fn actions_of(&self, username: &str) -> Vec<(String, String)> {
        sqlx::query_as(
            "SELECT a.action, a.outcome FROM activity a JOIN logons l ON l.id = a.logon_id \
             WHERE l.username = $1 ORDER BY a.id",
        )
        .bind(username)
        .fetch_all(&self.state.db)
        .await
        .unwrap()
    }
}

/// The session token a response set, if any.
fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("portal_session="))
        .and_then(|v| v.split(';').next())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// A GET with exactly this session cookie (no cookie store).
async fn status_with_cookie(app: &TestApp, path: &str, token: &str) -> StatusCode {
    reqwest::Client::new()
        .get(app.url(path))
        .header("Cookie", format!("portal_session={token}"))
        .send()
        .await
        .unwrap()
        .status()
}

async fn field_error(response: Response, field: &str) -> String {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .unwrap_or_else(|| panic!("no error on {field}: {body}"))["message"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn manage_my_profile_shows_the_logons_own_details() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let profile: Value = app.get("/api/profile").await.json().await.unwrap();
    assert_eq!(profile["username"], "JaneSmith");
    assert_eq!(profile["name"], "Jane Smith");
    assert_eq!(profile["email"], "jane.smith@naturalhealth.example");
    assert_eq!(profile["phone"], "+1 (555) 555-5555");
    assert_eq!(
        profile["secret_question"],
        "What is the first name of your best friend from childhood?"
    );
    assert!(profile.get("password_hash").is_none());
    assert!(profile.get("secret_answer_hash").is_none());
}

#[tokio::test]
async fn manage_my_profile_needs_a_session() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/api/profile").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let rename = app
        .put_json("/api/profile/name", &json!({ "name": "Eve" }))
        .await;
    assert_eq!(rename.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn update_name_changes_the_name_and_is_recorded() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let response = app
        .put_json("/api/profile/name", &json!({ "name": "  Jane Q. Smith " }))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let profile: Value = app.get("/api/profile").await.json().await.unwrap();
    assert_eq!(profile["name"], "Jane Q. Smith");
    assert!(app
        .actions_of(DEMO_TAXPAYER)
        .await
        .contains(&("name_changed".into(), "success".into())));
}

#[tokio::test]
async fn an_empty_or_overlong_name_is_refused_on_the_name_field_and_nothing_changes() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let empty = app
        .put_json("/api/profile/name", &json!({ "name": " " }))
        .await;
    assert_eq!(field_error(empty, "name").await, "Enter your name");
    let long = app
        .put_json("/api/profile/name", &json!({ "name": "x".repeat(101) }))
        .await;
    assert!(field_error(long, "name").await.contains("100 characters"));
    let name: String = app.logon_column("name", DEMO_TAXPAYER).await;
    assert_eq!(name, "Jane Smith");
}

#[tokio::test]
async fn the_phone_number_can_be_edited_and_cleared_but_not_set_to_words() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let edit = app
        .put_json(
            "/api/profile/phone",
            &json!({ "phone": "+1 (860) 555-0199" }),
        )
        .await;
    assert_eq!(edit.status(), StatusCode::NO_CONTENT);
    let phone: Option<String> = app.logon_column("phone", DEMO_TAXPAYER).await;
    assert_eq!(phone.as_deref(), Some("+1 (860) 555-0199"));
    let words = app
        .put_json("/api/profile/phone", &json!({ "phone": "call me" }))
        .await;
    field_error(words, "phone").await;
    let clear = app
        .put_json("/api/profile/phone", &json!({ "phone": "" }))
        .await;
    assert_eq!(clear.status(), StatusCode::NO_CONTENT);
    let profile: Value = app.get("/api/profile").await.json().await.unwrap();
    assert_eq!(profile["phone"], Value::Null);
}

/// The token of the newest change-email link, read from the mail to `to`.
async fn link_token(app: &TestApp, to: &str) -> String {
    let mail = app
        .outbox()
        .await
        .into_iter()
        .rev()
        .find(|m| m.recipient == to && m.kind == "change_email")
        .expect("a change-email link was mailed");
    let start = mail.body.find("/confirm-email?token=").unwrap() + "/confirm-email?token=".len();
    mail.body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn change_email_mails_a_link_to_the_new_address_and_changes_it_only_when_the_link_is_used() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let response = app
        .post_json(
            "/api/profile/email",
            &json!({ "new_email": "jane@newmail.example", "current_password": DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let outbox = app.outbox().await;
    assert!(outbox
        .iter()
        .any(|m| m.recipient == "jane.smith@naturalhealth.example"
            && m.kind == "change_email_notice"));
    let email: String = app.logon_column("email", DEMO_TAXPAYER).await;
    assert_eq!(email, "jane.smith@naturalhealth.example");
    let profile: Value = app.get("/api/profile").await.json().await.unwrap();
    assert_eq!(profile["pending_email"], "jane@newmail.example");

    // The link works from any browser, without a session.
    let token = link_token(&app, "jane@newmail.example").await;
    let other = new_client();
    let confirmed = app
        .send(
            &other,
            reqwest::Method::POST,
            "/api/profile/email/confirm",
            &json!({ "token": token }),
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let email: String = app.logon_column("email", DEMO_TAXPAYER).await;
    assert_eq!(email, "jane@newmail.example");
    let actions = app.actions_of(DEMO_TAXPAYER).await;
    assert!(actions.contains(&("email_change_requested".into(), "success".into())));
    assert!(actions.contains(&("email_change_confirmed".into(), "success".into())));

    // Used once, the link is spent.
    let again = app
        .post_json("/api/profile/email/confirm", &json!({ "token": token }))
        .await;
    assert!(field_error(again, "token")
        .await
        .contains("expired or has already been used"));
}

#[tokio::test]
async fn an_expired_change_email_link_is_refused_and_the_address_stays() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    app.post_json(
        "/api/profile/email",
        &json!({ "new_email": "jane@late.example", "current_password": DEMO_PASSWORD }),
    )
    .await;
    let token = link_token(&app, "jane@late.example").await;
    app.clock.advance(24 * 3600 + 1);
    let late = app
        .post_json("/api/profile/email/confirm", &json!({ "token": token }))
        .await;
    field_error(late, "token").await;
    let unknown = app
        .post_json(
            "/api/profile/email/confirm",
            &json!({ "token": "not-a-token" }),
        )
        .await;
    field_error(unknown, "token").await;
    let email: String = app.logon_column("email", DEMO_TAXPAYER).await;
    assert_eq!(email, "jane.smith@naturalhealth.example");
}

#[tokio::test]
async fn change_email_needs_the_right_current_password_and_a_real_address() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let wrong = app
        .post_json(
            "/api/profile/email",
            &json!({ "new_email": "jane@newmail.example", "current_password": "not my password" }),
        )
        .await;
    assert_eq!(
        field_error(wrong, "current_password").await,
        "The password you entered is incorrect"
    );
    let bad = app
        .post_json(
            "/api/profile/email",
            &json!({ "new_email": "jane-at-example", "current_password": DEMO_PASSWORD }),
        )
        .await;
    field_error(bad, "new_email").await;
    assert_eq!(app.count("email_tokens").await, 0);
    assert_eq!(app.count("outbox").await, 0);
}

#[tokio::test]
async fn changing_the_password_gives_this_session_a_new_id_and_ends_the_others() {
    let app = spawn_app().await;
    let first = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let old_token = session_cookie(&first).unwrap();
    let elsewhere = new_client();
    app.send(
        &elsewhere,
        reqwest::Method::POST,
        "/api/session",
        &json!({ "username": DEMO_TAXPAYER, "password": DEMO_PASSWORD }),
    )
    .await;

    let response = app.change_password(Some(DEMO_PASSWORD), NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let new_token = session_cookie(&response).expect("a new session cookie");
    assert_ne!(new_token, old_token);
    assert_eq!(
        status_with_cookie(&app, "/api/profile", &old_token).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        status_with_cookie(&app, "/api/profile", &new_token).await,
        StatusCode::OK
    );
    let other = elsewhere.get(app.url("/api/profile")).send().await.unwrap();
    assert_eq!(other.status(), StatusCode::UNAUTHORIZED);

    assert_eq!(app.count("password_history").await, 1);
    let changed: Option<i64> = app.logon_column("password_changed_at", DEMO_TAXPAYER).await;
    assert_eq!(changed, Some(TEST_NOW));
    assert!(app
        .outbox()
        .await
        .iter()
        .any(|m| m.kind == "password_changed"));
    assert!(app
        .actions_of(DEMO_TAXPAYER)
        .await
        .contains(&("password_changed".into(), "success".into())));
    let secrets: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM activity WHERE detail LIKE '%Harbor%' OR detail LIKE '%Maple%'",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(secrets, 0);

    let fresh = new_client();
    let old = app
        .send(
            &fresh,
            reqwest::Method::POST,
            "/api/session",
            &json!({ "username": DEMO_TAXPAYER, "password": DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = app
        .send(
            &fresh,
            reqwest::Method::POST,
            "/api/session",
            &json!({ "username": DEMO_TAXPAYER, "password": NEW_PASSWORD }),
        )
        .await;
    assert_eq!(new.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_current_password_is_refused_on_its_field_and_changes_nothing() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let response = app
        .change_password(Some("Maple Avenue 801 Hartford"), NEW_PASSWORD)
        .await;
    assert_eq!(
        field_error(response, "current_password").await,
        "The password you entered is incorrect"
    );
    assert_eq!(app.get("/api/profile").await.status(), StatusCode::OK);
    assert_eq!(app.count("password_history").await, 0);
    let missing = app.change_password(None, NEW_PASSWORD).await;
    assert_eq!(
        field_error(missing, "current_password").await,
        "Enter your current password"
    );
}

#[tokio::test]
async fn a_new_password_must_follow_the_rules_and_match_its_confirmation() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let short = app.change_password(Some(DEMO_PASSWORD), "short one").await;
    assert!(field_error(short, "new_password")
        .await
        .contains("at least 15 characters"));
    let named = app
        .change_password(Some(DEMO_PASSWORD), "janesmith rides the bus")
        .await;
    field_error(named, "new_password").await;
    let mismatch = app
        .post_json(
            "/api/profile/password",
            &json!({ "current_password": DEMO_PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": OTHER_PASSWORD }),
        )
        .await;
    assert_eq!(
        field_error(mismatch, "confirm_password").await,
        "Passwords do not match"
    );
}

#[tokio::test]
async fn none_of_the_last_ten_passwords_can_be_chosen_again() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let same = app
        .change_password(Some(DEMO_PASSWORD), DEMO_PASSWORD)
        .await;
    assert!(field_error(same, "new_password")
        .await
        .contains("used this password before"));
    assert_eq!(
        app.change_password(Some(DEMO_PASSWORD), NEW_PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    let back = app.change_password(Some(NEW_PASSWORD), DEMO_PASSWORD).await;
    assert!(field_error(back, "new_password")
        .await
        .contains("used this password before"));
    assert_eq!(
        app.change_password(Some(NEW_PASSWORD), OTHER_PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

async fn give_temporary_password(app: &TestApp, expires_in: i64) {
    sqlx::query("UPDATE logons SET temporary_password_expires_at = $1 WHERE username = $2")
        .bind(TEST_NOW + expires_in)
        .bind(DEMO_TAXPAYER)
        .execute(&app.state.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_temporary_password_opens_only_change_password_until_a_new_one_is_chosen() {
    let app = spawn_app().await;
    give_temporary_password(&app, 3600).await;
    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let temporary_token = session_cookie(&response).unwrap();
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["stage"], "password_change_required");

    let session: Value = app.get("/api/session").await.json().await.unwrap();
    assert_eq!(session["stage"], "password_change_required");
    for path in ["/api/profile", "/api/activity", "/api/profile/sessions"] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    let customer = app.customer_id("21422144000").await;
    let summary = app.get(&format!("/api/customers/{customer}/summary")).await;
    assert_eq!(summary.status(), StatusCode::UNAUTHORIZED);

    // The temporary password was just typed: it is not asked for again.
    let changed = app.change_password(None, NEW_PASSWORD).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let full_token = session_cookie(&changed).unwrap();
    assert_ne!(full_token, temporary_token);
    let view: Value = changed.json().await.unwrap();
    assert_eq!(view["stage"], "full");
    assert_eq!(app.get("/api/profile").await.status(), StatusCode::OK);
    assert_eq!(
        status_with_cookie(&app, "/api/session", &temporary_token).await,
        StatusCode::UNAUTHORIZED
    );
    let expires: Option<i64> = app
        .logon_column("temporary_password_expires_at", DEMO_TAXPAYER)
        .await;
    assert_eq!(expires, None);
}

#[tokio::test]
async fn an_expired_temporary_password_is_refused_like_a_wrong_one() {
    let app = spawn_app().await;
    give_temporary_password(&app, 3600).await;
    app.clock.advance(3601);
    let response = app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "The username or password you entered is incorrect"
    );
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn the_secret_question_is_chosen_from_the_list_and_its_answer_is_stored_hashed() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let question = "What was the name of your first pet?";
    let wrong = app
        .put_json(
            "/api/profile/secret-question",
            &json!({ "question": question, "answer": "Rex", "current_password": "nope nope nope" }),
        )
        .await;
    field_error(wrong, "current_password").await;
    let invented = app
        .put_json(
            "/api/profile/secret-question",
            &json!({ "question": "What is my password?", "answer": "Rex", "current_password": DEMO_PASSWORD }),
        )
        .await;
    field_error(invented, "question").await;

    let ok = app
        .put_json(
            "/api/profile/secret-question",
            &json!({ "question": question, "answer": "  REX the Dog ", "current_password": DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    let stored: String = app.logon_column("secret_answer_hash", DEMO_TAXPAYER).await;
    assert!(stored.starts_with("$argon2id$") && !stored.to_lowercase().contains("rex"));
    assert!(portal_server::auth::password::verify(
        "rex the dog",
        Some(&stored)
    ));
    let profile: Value = app.get("/api/profile").await.json().await.unwrap();
    assert_eq!(profile["secret_question"], question);
}

#[tokio::test]
async fn the_sessions_list_marks_this_session_and_sign_out_of_others_ends_them() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let elsewhere = new_client();
    elsewhere
        .post(app.url("/api/session"))
        .header(
            "User-Agent",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko/20100101 Firefox/130.0",
        )
        .json(&json!({ "username": DEMO_TAXPAYER, "password": DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    let list: Value = app.get("/api/profile/sessions").await.json().await.unwrap();
    let sessions = list["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(
        sessions
            .iter()
            .filter(|s| s["this_session"] == true)
            .count(),
        1
    );
    assert!(sessions.iter().any(|s| s["device"] == "Firefox on Windows"));

    let ended: Value = app
        .client
        .delete(app.url("/api/profile/sessions/others"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ended["ended"], 1);
    let other = elsewhere.get(app.url("/api/profile")).send().await.unwrap();
    assert_eq!(other.status(), StatusCode::UNAUTHORIZED);
    let list: Value = app.get("/api/profile/sessions").await.json().await.unwrap();
    assert_eq!(list["sessions"].as_array().unwrap().len(), 1);
}

async fn delete_profile(app: &TestApp, password: &str, confirm: bool) -> Response {
    app.post_json(
        "/api/profile/delete",
        &json!({ "password": password, "confirm": confirm }),
    )
    .await
}

#[tokio::test]
async fn the_last_master_administrator_of_a_business_cannot_delete_the_profile() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let unconfirmed = delete_profile(&app, DEMO_PASSWORD, false).await;
    field_error(unconfirmed, "confirm").await;
    let wrong = delete_profile(&app, "not the password", true).await;
    field_error(wrong, "password").await;
    let refused = delete_profile(&app, DEMO_PASSWORD, true).await;
    let message = field_error(refused, "confirm").await;
    assert!(
        message.contains("only Master Administrator of NATURAL HEALTH LLC"),
        "{message}"
    );
    let status: String = app.logon_column("status", DEMO_TAXPAYER).await;
    assert_eq!(status, "active");
    assert_eq!(app.get("/api/profile").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_logon_that_is_not_the_last_master_administrator_can_delete_its_profile_and_its_secondary_logons_go_with_it(
) {
    let app = spawn_app().await;
    let jane = app.logon_id(DEMO_TAXPAYER).await;
    let natural_health = app.customer_id("21422144000").await;
    let partner = app.add_logon("PartnerAdmin", None).await;
    app.grant_master(partner, natural_health).await;
    let helper = app.add_logon("JaneHelper", Some(jane)).await;
    let helper_client = new_client();
    app.send(
        &helper_client,
        reqwest::Method::POST,
        "/api/session",
        &json!({ "username": "JaneHelper", "password": DEMO_PASSWORD }),
    )
    .await;

    app.sign_in_as_jane().await;
    let response = delete_profile(&app, DEMO_PASSWORD, true).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/profile").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let status: String = app.logon_column("status", DEMO_TAXPAYER).await;
    assert_eq!(status, "cancelled");
    let helper_status: String = app.logon_column("status", "JaneHelper").await;
    assert_eq!(helper_status, "cancelled");
    let live: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE logon_id IN ($1, $2)")
        .bind(jane)
        .bind(helper)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(live, 0);
    let active_grants: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_grants WHERE logon_id = $1 AND status = 'active'",
    )
    .bind(jane)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(active_grants, 0);
    assert_eq!(
        app.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The partner keeps the business.
    let partner_grant: String =
        sqlx::query_scalar("SELECT status FROM access_grants WHERE logon_id = $1")
            .bind(partner)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(partner_grant, "active");
    assert!(app
        .actions_of(DEMO_TAXPAYER)
        .await
        .contains(&("profile_deleted".into(), "success".into())));
}
