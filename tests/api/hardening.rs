//! The smaller findings of issue 8: usernames listed through registration.

use crate::helpers::spawn_app;
use crate::registration::registration;
use reqwest::StatusCode;
use serde_json::{json, Value};

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
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["confirm_password"]);
    assert_eq!(app.count("outbox").await, 0);
}
