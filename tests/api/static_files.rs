use crate::helpers::{header, spawn_app};
use reqwest::{header as h, StatusCode};
use serde_json::Value;

#[tokio::test]
async fn unknown_api_paths_answer_with_a_json_404() {
    let app = spawn_app().await;
    let response = app.get("/api/no-such-thing").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(header(&response, h::CONTENT_TYPE).starts_with("application/json"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], "Not found");
}

#[tokio::test]
async fn deep_links_outside_the_api_load_the_app_so_its_router_can_answer() {
    let app = spawn_app().await;
    for path in ["/", "/summary", "/profile", "/no/such/page"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("<title>Taxpayer Portal</title>"));
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/api/health", "/api/no-such-thing"] {
        let response = app.get(path).await;
        let csp = header(&response, h::CONTENT_SECURITY_POLICY);
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(header(&response, h::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(header(&response, h::REFERRER_POLICY), "no-referrer");
        assert!(!header(&response, h::HeaderName::from_static("x-request-id")).is_empty());
    }
    let api = app.get("/api/health").await;
    assert_eq!(header(&api, h::CACHE_CONTROL), "no-store");
}
