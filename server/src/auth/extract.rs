//! `SignedIn`: a handler that takes it can only run for a live session, so its
//! signature shows that it requires one.

use super::session::{self, SessionRow};
use crate::{http::error::ApiError, state::AppState};
use axum::{extract::FromRequestParts, http::request::Parts};

#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_id: i64,
    pub logon_id: i64,
    pub current_customer_id: Option<i64>,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token =
            session::token_from(&parts.headers, &state.settings).ok_or(ApiError::Unauthorized)?;
        let now = state.now();
        let row: SessionRow = session::find_live(&state.db, &state.settings, &token, now)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        session::touch(&state.db, &row, now).await?;
        Ok(SignedIn {
            session_id: row.id,
            logon_id: row.logon_id,
            current_customer_id: row.current_customer_id,
        })
    }
}

/// The caller's address as the server saw it (for the activity record).
#[derive(Debug, Clone)]
pub struct SourceAddress(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for SourceAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip().to_string());
        Ok(SourceAddress(address))
    }
}
