//! One rule for the password history, whichever path set a password: it is
//! refused while it is one of the logon's last ten (the tenth-last included)
//! and allowed again from the eleventh-last on. One test per path that sets a
//! password (registration, the logon access email, the temporary password,
//! Change Password, the reset link); each then walks nine more passwords
//! through Change Password and the reset link in turn, and asks both.

use crate::{
    helpers::{spawn_app, TestApp, DEMO_PASSWORD, DEMO_TAXPAYER},
    registration::{mailed_token, registration},
    secondary_logons::{group_id, invitation_token, NEW_PASSWORD},
};
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::password::REUSED;

/// Passwords that pass every rule for the logons below (none holds a part of
/// a username, name or email address used here).
const PASSWORDS: [&str; 11] = [
    "velvet tundra orbit pickle",
    "walnut prism thunder gecko",
    "saffron glacier kettle drum",
    "marble falcon whisper tide",
    "cobalt meadow lantern fig",
    "juniper rocket velvet plum",
    "hollow cedar quartz bugle",
    "amber tundra sprocket owl",
    "crimson ferry pebble loom",
    "silver orchid pylon mist",
    "tawny beacon gravel lute",
];

/// How the walk sets a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Change,
    Reset,
}

/// A logon whose password a path just set, and how to answer its secret question.
struct Logon<'a> {
    username: &'a str,
    answer: &'a str,
    password: String,
}

/// Signs in with `current` in a browser of its own and asks Change Password for `new`.
async fn change(app: &TestApp, username: &str, current: &str, new: &str) -> reqwest::Response {
    let browser = app.browser(username, current).await;
    let form = json!({ "current_password": current, "new_password": new, "confirm_password": new });
    browser.post("/api/profile/password", &form).await
}

/// Asks for a reset link for `username` and resets the password to `new` with it.
async fn reset(app: &TestApp, username: &str, answer: &str, new: &str) -> reqwest::Response {
    let asked = app
        .post_json("/api/recovery/password", &json!({ "username": username }))
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let token = mailed_token(app, "/reset-password").await;
    app.post_json(
        "/api/recovery/password/reset",
        &json!({ "token": token, "secret_answer": answer, "password": new, "confirm_password": new }),
    )
    .await
}

async fn set(app: &TestApp, logon: &mut Logon<'_>, way: Way, new: &str) -> reqwest::Response {
    let response = match way {
        Way::Change => change(app, logon.username, &logon.password, new).await,
        Way::Reset => reset(app, logon.username, logon.answer, new).await,
    };
    if response.status().is_success() {
        logon.password = new.to_owned();
    }
    response
}

async fn refused_as_reused(response: reqwest::Response, field: &str) {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    let fields = body["fields"].as_array().unwrap();
    assert!(
        fields
            .iter()
            .any(|f| f["field"] == field && f["message"] == REUSED),
        "{body}"
    );
}

/// `first` was set by the path under test. Nine more passwords make it the
/// tenth-last: both Change Password and the reset link refuse it. One more
/// makes it the eleventh-last: `finally` sets it again.
async fn walk(app: &TestApp, mut logon: Logon<'_>, finally: Way) {
    let first = logon.password.clone();
    for (i, password) in PASSWORDS[..9].iter().enumerate() {
        let way = if i % 2 == 0 { Way::Change } else { Way::Reset };
        let response = set(app, &mut logon, way, password).await;
        assert!(
            response.status().is_success(),
            "password {i} by {way:?}: {}",
            response.status()
        );
    }
    let by_change = change(app, logon.username, &logon.password, &first).await;
    refused_as_reused(by_change, "new_password").await;
    let by_reset = reset(app, logon.username, logon.answer, &first).await;
    refused_as_reused(by_reset, "password").await;

    let tenth = set(app, &mut logon, Way::Change, PASSWORDS[9]).await;
    assert_eq!(tenth.status(), StatusCode::OK);
    let again = set(app, &mut logon, finally, &first).await;
    assert!(
        again.status().is_success(),
        "the eleventh-last is allowed: {}",
        again.status()
    );
    // The history keeps only what the rule needs, the nine before the current
    // one, and only as argon2id hashes.
    let kept: Vec<String> = sqlx::query_scalar(
        "SELECT h.password_hash FROM password_history h JOIN logons l ON l.id = h.logon_id \
         WHERE l.username = $1",
    )
    .bind(logon.username)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert_eq!(kept.len(), 9);
    assert!(kept.iter().all(|hash| hash.starts_with("$argon2id$")));
}

#[tokio::test]
async fn a_password_chosen_at_registration_counts_among_the_last_ten() {
    let app = spawn_app().await;
    let created = app
        .post_json("/api/registrations", &registration("Ada.L"))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let token = mailed_token(&app, "/verify-email").await;
    let verified = app
        .post_json("/api/registrations/verify", &json!({ "token": token }))
        .await;
    assert_eq!(verified.status(), StatusCode::OK);
    let logon = Logon {
        username: "Ada.L",
        answer: "Rex",
        password: crate::registration::NEW_PASSWORD.to_owned(),
    };
    walk(&app, logon, Way::Change).await;
}

#[tokio::test]
async fn a_password_chosen_from_the_logon_access_email_counts_among_the_last_ten() {
    let app = spawn_app().await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let default = group_id(&jane, "Default").await;
    let created = jane
        .post(
            "/api/secondary-logons",
            &json!({
                "username": "NewClerk",
                "name": "Jim Smith",
                "email": "jim@example.com",
                "confirm_email": "jim@example.com",
                "access_type": "tax_administrator",
                "groups": [default],
                "tax_types": [{ "tax_type": "sales_and_use", "level": "view_only" }],
            }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let token = invitation_token(&app).await;
    let accepted = app
        .post_json(
            "/api/invitations/accept",
            &json!({
                "token": token,
                "password": NEW_PASSWORD,
                "confirm_password": NEW_PASSWORD,
                "secret_question": wire::registration::SECRET_QUESTIONS[0],
                "secret_answer": "Hartford",
            }),
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::NO_CONTENT);
    let logon = Logon {
        username: "NewClerk",
        answer: "Hartford",
        password: NEW_PASSWORD.to_owned(),
    };
    walk(&app, logon, Way::Reset).await;
}

#[tokio::test]
async fn a_temporary_password_counts_among_the_last_ten() {
    let app = spawn_app().await;
    let jane_id = app.logon_id(DEMO_TAXPAYER).await;
    let holder = app
        .new_logon("TempHolder", "Terry Holder", Some(jane_id))
        .await;
    // Jane's seeded secret question and answer ("sam"), for the reset link.
    sqlx::query(
        "UPDATE logons SET (secret_question, secret_answer_hash) = \
           (SELECT secret_question, secret_answer_hash FROM logons WHERE id = $1) WHERE id = $2",
    )
    .bind(jane_id)
    .bind(holder)
    .execute(&app.state.db)
    .await
    .unwrap();
    let jane = app.session(DEMO_TAXPAYER).await;
    let issued = jane
        .post_empty(&format!(
            "/api/secondary-logons/{holder}/temporary-password"
        ))
        .await;
    assert_eq!(issued.status(), StatusCode::OK);
    let temporary: Value = issued.json().await.unwrap();
    let logon = Logon {
        username: "TempHolder",
        answer: " Sam ",
        password: temporary["password"].as_str().unwrap().to_owned(),
    };
    walk(&app, logon, Way::Change).await;
}

#[tokio::test]
async fn a_password_chosen_with_change_password_counts_among_the_last_ten() {
    let app = spawn_app().await;
    let changed = change(&app, DEMO_TAXPAYER, DEMO_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let logon = Logon {
        username: DEMO_TAXPAYER,
        answer: " Sam ",
        password: NEW_PASSWORD.to_owned(),
    };
    walk(&app, logon, Way::Reset).await;
}

#[tokio::test]
async fn a_password_chosen_with_the_reset_link_counts_among_the_last_ten() {
    let app = spawn_app().await;
    let reset = reset(&app, DEMO_TAXPAYER, " Sam ", NEW_PASSWORD).await;
    assert_eq!(reset.status(), StatusCode::OK);
    let logon = Logon {
        username: DEMO_TAXPAYER,
        answer: " Sam ",
        password: NEW_PASSWORD.to_owned(),
    };
    walk(&app, logon, Way::Change).await;
}

#[tokio::test]
async fn a_seeded_password_from_before_the_history_joins_it_when_replaced() {
    let app = spawn_app().await;
    let changed = change(&app, DEMO_TAXPAYER, DEMO_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let by_reset = reset(&app, DEMO_TAXPAYER, " Sam ", DEMO_PASSWORD).await;
    refused_as_reused(by_reset, "password").await;
    let by_change = change(&app, DEMO_TAXPAYER, NEW_PASSWORD, DEMO_PASSWORD).await;
    refused_as_reused(by_change, "new_password").await;
}
