use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::Value;

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
}
