//! A query-string extractor whose failures are `ApiError`s (400 with a clear
//! message, never axum's plain-text rejection).

use super::error::ApiError;
use axum::{extract::FromRequestParts, http::request::Parts, http::StatusCode};
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|_| {
                ApiError::BadRequest(
                    StatusCode::BAD_REQUEST,
                    "The search could not be read: check the page, page size and sort".into(),
                )
            })
    }
}
