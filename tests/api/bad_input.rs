use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::Value;

async fn send_raw(
    app: &crate::helpers::TestApp,
    content_type: Option<&str>,
    body: String,
) -> (StatusCode, Value) {
    let mut request = app.client.post(app.url("/api/session")).body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn malformed_json_gets_a_400_with_a_message_and_writes_nothing() {
    let app = spawn_app().await;
    let (status, body) = send_raw(&app, Some("application/json"), "{\"username\": ".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["message"], "The request body is not valid JSON");
    assert_eq!(app.count("sessions").await, 0);
    assert_eq!(app.count("activity").await, 0);
}

#[tokio::test]
async fn a_body_without_the_json_content_type_gets_a_415() {
    let app = spawn_app().await;
    let (status, body) = send_raw(&app, Some("text/plain"), "{}".into()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("application/json"));
    let (status, _) = send_raw(&app, None, "{}".into()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn unknown_and_missing_fields_get_a_422_that_names_them() {
    let app = spawn_app().await;
    let (status, body) = send_raw(
        &app,
        Some("application/json"),
        r#"{"username":"JaneSmith","password":"x","role":"admin"}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("unknown field `role`"));
    let (status, body) = send_raw(
        &app,
        Some("application/json"),
        r#"{"username":"JaneSmith"}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("missing field `password`"));
    let (status, _) = send_raw(
        &app,
        Some("application/json"),
        r#"{"username":5,"password":[]}"#.into(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_a_413() {
    let app = spawn_app().await;
    let huge = format!(
        r#"{{"username":"JaneSmith","password":"{}"}}"#,
        "x".repeat(100 * 1024)
    );
    let (status, body) = send_raw(&app, Some("application/json"), huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["message"], "The request body is too large");
}

#[tokio::test]
async fn a_password_longer_than_the_cap_is_refused_before_hashing() {
    let app = spawn_app().await;
    let body = serde_json::json!({"username": "JaneSmith", "password": "p".repeat(300)});
    let response = app.post_json("/api/session", &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "password");
}

#[tokio::test]
async fn a_customer_id_that_is_not_a_number_is_a_client_error_not_a_crash() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let response = app.get("/api/customers/not-a-number/summary").await;
    assert!(response.status().is_client_error(), "{}", response.status());
}
