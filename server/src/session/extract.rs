//! `SignedIn`: a handler that takes it can only run for a live session whose
//! sign-in is complete, so its signature shows that it requires one.
//! `SigningIn` is for the few handlers that finish a sign-in (2-step code, new
//! password): it also accepts a session still waiting at a step.

use super::{self as session, SessionRow, Shown};
use crate::{db::derived::Stamp, http::error::ApiError, state::AppState};
use axum::{
    extract::{FromRequestParts, OptionalFromRequestParts},
    http::request::Parts,
};
use wire::session::SessionStage;

#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_id: i64,
    pub logon_id: i64,
    pub current_customer_id: Option<i64>,
    /// The access epoch read with the session (see `db::derived`).
    pub access_epoch: i64,
}

impl SignedIn {
    /// What values derived for this request must have been derived under.
    pub fn stamp(&self, state: &AppState) -> Stamp {
        Stamp {
            epoch: self.access_epoch,
            today: state.clock.today(),
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let row = live_session(parts, state).await?;
        if row.stage != SessionStage::Full {
            return Err(ApiError::Unauthorized);
        }
        Ok(SignedIn {
            session_id: row.id,
            logon_id: row.logon_id,
            current_customer_id: row.current_customer_id,
            access_epoch: row.access_epoch,
        })
    }
}

/// `Option<SignedIn>`: the caller's session if it has a complete one, for the
/// few requests that work without one but mind whose browser sent them.
impl OptionalFromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        match <SignedIn as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(signed_in) => Ok(Some(signed_in)),
            Err(ApiError::Unauthorized) => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// A live session at any stage of signing in.
#[derive(Debug, Clone)]
pub struct SigningIn {
    pub session_id: i64,
    pub logon_id: i64,
    pub current_customer_id: Option<i64>,
    pub stage: SessionStage,
    pub access_epoch: i64,
    /// The session's last activity (this request's, when it recorded one).
    pub last_seen_at: i64,
    pub shown: Shown,
}

impl FromRequestParts<AppState> for SigningIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let row = live_session(parts, state).await?;
        Ok(SigningIn {
            session_id: row.id,
            logon_id: row.logon_id,
            current_customer_id: row.current_customer_id,
            stage: row.stage,
            access_epoch: row.access_epoch,
            last_seen_at: row.last_seen_at,
            shown: row.shown,
        })
    }
}

async fn live_session(parts: &Parts, state: &AppState) -> Result<SessionRow, ApiError> {
    let token =
        session::token_from(&parts.headers, &state.settings).ok_or(ApiError::Unauthorized)?;
    let now = state.now();
    let mut row = session::find_live(&state.db, &state.settings, &token, now)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    session::touch(&state.db, &mut row, now).await?;
    Ok(row)
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
