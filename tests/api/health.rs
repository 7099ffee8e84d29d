use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn the_health_check_reports_the_server_and_database_ok() {
    let app = spawn_app().await;
    let response = app.get("/api/health").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
}
