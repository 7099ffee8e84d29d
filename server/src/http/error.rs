//! The one error type of the API. Every failure becomes a JSON `ErrorBody` with
//! the right status; internal details are logged, never sent.

use axum::{
    extract::rejection::JsonRejection,
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use wire::{session::SIGN_IN_FAILED, ErrorBody, FieldErrors};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No session, or it ended: sign in (401).
    #[error("authentication required")]
    Unauthorized,
    /// Signed in, but this is refused, and saying so leaks nothing (403).
    #[error("forbidden")]
    Forbidden(&'static str),
    /// Does not exist, or the caller may not know it exists (404).
    #[error("not found")]
    NotFound,
    /// Wrong username or password: one message for every case (401).
    #[error("sign-in failed")]
    SignInFailed,
    /// The input broke a rule; each error names its field (422).
    #[error("validation failed")]
    Validation(FieldErrors),
    /// The body could not be read as the expected JSON (400/413/415/422).
    #[error("bad request: {1}")]
    BadRequest(StatusCode, String),
    /// Allowed, but the thing is not in a state where this can happen, e.g. the
    /// last Master Administrator leaving (409). The message says why.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many attempts from here; try later (429).
    #[error("too many requests")]
    TooManyRequests,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        ApiError::Internal(error.into())
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        ApiError::Validation(errors)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let (status, message) = match &rejection {
            JsonRejection::MissingJsonContentType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send the request body as JSON with Content-Type: application/json".to_owned(),
            ),
            JsonRejection::JsonSyntaxError(_) => (
                StatusCode::BAD_REQUEST,
                "The request body is not valid JSON".to_owned(),
            ),
            JsonRejection::JsonDataError(error) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "The request body does not have the expected fields: {}",
                    data_error_detail(&error.body_text())
                ),
            ),
            JsonRejection::BytesRejection(_)
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "The request body is too large".to_owned(),
                )
            }
            _ => (
                rejection.status(),
                "The request body could not be read".to_owned(),
            ),
        };
        ApiError::BadRequest(status, message)
    }
}

/// serde's message names the field and the problem ("unknown field `admin`"), which is
/// useful to a client and safe; axum's prefix and the input's position are dropped.
fn data_error_detail(text: &str) -> String {
    let detail = text.rsplit(": ").next().unwrap_or(text);
    detail
        .split(" at line ")
        .next()
        .unwrap_or(detail)
        .to_owned()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                body("You need to log in to see this page"),
            ),
            ApiError::Forbidden(message) => (StatusCode::FORBIDDEN, body(message)),
            ApiError::NotFound => (StatusCode::NOT_FOUND, body("Not found")),
            ApiError::SignInFailed => (StatusCode::UNAUTHORIZED, body(SIGN_IN_FAILED)),
            ApiError::Validation(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                errors.into_body("There is a problem"),
            ),
            ApiError::BadRequest(status, message) => (status, body(&message)),
            ApiError::Conflict(message) => (StatusCode::CONFLICT, body(&message)),
            ApiError::TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                body("Too many attempts. Wait a few minutes and try again."),
            ),
            ApiError::Internal(error) => {
                tracing::error!(error = %format!("{error:#}"), "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    body("Something went wrong on our side. Try again later."),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

fn body(message: &str) -> ErrorBody {
    ErrorBody {
        message: message.to_owned(),
        fields: Vec::new(),
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_details_keep_the_field_and_drop_positions() {
        assert_eq!(
            data_error_detail(
                "Failed to deserialize the JSON body into the target type: unknown field `admin`, expected `username` or `password` at line 1 column 40"
            ),
            "unknown field `admin`, expected `username` or `password`"
        );
    }
}
