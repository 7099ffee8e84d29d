//! The router, assembled above the features: the API under `/api`, the built
//! app everywhere else, and the layers every answer goes through.

use crate::{
    activity, auth, customers,
    http::{
        error::{ApiError, ApiResult},
        headers,
        json::Json,
        Routes,
    },
    mail, profile, secondary,
    state::AppState,
};
use axum::{
    extract::{DefaultBodyLimit, Request, State},
    http::{HeaderName, StatusCode},
    middleware, Router,
};
use std::path::Path;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::{ServeDir, ServeFile},
    trace::{DefaultOnResponse, TraceLayer},
};
use wire::summary::Health;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Every API route, one `routes()` per feature.
pub fn api_routes() -> Routes<AppState> {
    Routes::new()
        .get("/health", health)
        .merge(auth::routes())
        .merge(auth::registration::routes())
        .merge(auth::recovery::routes())
        .merge(auth::unlock::routes())
        .merge(auth::two_step::routes())
        .merge(customers::routes())
        .merge(mail::routes())
        .merge(profile::routes())
        .merge(activity::routes())
        .merge(secondary::routes())
        .merge(crate::grants::routes())
        .merge(crate::messages::routes())
        .merge(crate::activity::business::routes())
        .merge(crate::returns::routes())
        .merge(crate::payments::routes())
}

/// The API's `(method, path)` list, for the authorization matrix test.
pub fn api_route_list() -> Vec<(&'static str, &'static str)> {
    api_routes().list().to_vec()
}

pub fn api_router() -> Router<AppState> {
    api_routes()
        .into_router()
        .fallback(|| async { ApiError::NotFound })
}

pub fn app(state: AppState, static_dir: &Path, body_limit: usize) -> Router {
    // Unknown paths outside /api get the app, whose router shows its own 404 page.
    let index = ServeFile::new(static_dir.join("index.html"));
    let static_files = ServeDir::new(static_dir).fallback(index);
    let transport = headers::Transport {
        https: state.settings.secure_cookies,
    };
    let api = api_router()
        .layer(middleware::from_fn_with_state(
            transport,
            headers::same_origin_writes,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state);
    Router::new()
        .nest("/api", api)
        .fallback_service(static_files)
        .layer(middleware::from_fn_with_state(
            transport,
            headers::security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(ApiError::Internal(anyhow::anyhow!(
                "a handler panicked"
            )))
        }))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            // The path only: query strings could carry tokens from emailed links.
            tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
        })
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    let one: i64 = sqlx::query_scalar("SELECT CAST(1 AS BIGINT)")
        .fetch_one(&state.db)
        .await
        .map_err(|_| {
            ApiError::BadRequest(
                StatusCode::SERVICE_UNAVAILABLE,
                "The database is not answering".into(),
            )
        })?;
    Ok(Json(Health {
        status: "ok".into(),
        database: if one == 1 { "ok" } else { "unexpected" }.into(),
        demo: state.mailer.demo_mailbox(),
    }))
}
