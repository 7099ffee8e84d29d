//! A JSON body extractor whose failures are `ApiError`s (clear 4xx, never a 500).

use super::error::ApiError;
use axum::{extract::FromRequest, response::IntoResponse};

#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}
