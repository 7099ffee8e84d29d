//! Calls to the portal's API: same origin, JSON, the session in a cookie (never
//! a token in storage).

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use web_sys::RequestCredentials;
use wire::{
    profile::ProfileView,
    session::{SessionView, SignInRequest},
    summary::Summary,
    ErrorBody,
};

/// Why a call failed, in the terms the pages need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server answered with an error status and (usually) an `ErrorBody`.
    Status { status: u16, body: ErrorBody },
    /// No answer: offline, or the server is down.
    Network,
    /// An answer the app could not read.
    Unreadable,
}

/// What people see when nothing more specific can be said.
pub const SERVICE_PROBLEM: &str = "Sorry, there is a problem with the service. Try again later.";
/// What people see when the server cannot be reached.
pub const NO_CONNECTION: &str =
    "Sorry, we could not reach the service. Check your connection and try again.";

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The session is missing or has ended.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// The error body, when the server sent one.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            ApiError::Status { body, .. } => Some(body),
            _ => None,
        }
    }

    /// A sentence for the page: the server's own message when it gave one.
    pub fn message(&self) -> String {
        match self {
            ApiError::Status { body, .. } if !body.message.trim().is_empty() => {
                body.message.clone()
            }
            ApiError::Network => NO_CONNECTION.to_owned(),
            _ => SERVICE_PROBLEM.to_owned(),
        }
    }
}

fn prepare(builder: RequestBuilder) -> RequestBuilder {
    builder
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|_| ApiError::Unreadable)?;
    request.send().await.map_err(|_| ApiError::Network)
}

async fn fail(response: Response) -> ApiError {
    let status = response.status();
    let body = response.json::<ErrorBody>().await.unwrap_or_default();
    ApiError::Status { status, body }
}

async fn json_or_error<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response.json::<T>().await.map_err(|_| ApiError::Unreadable)
    } else {
        Err(fail(response).await)
    }
}

async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let response = send(prepare(Request::get(url)).build()).await?;
    json_or_error(response).await
}

/// `GET /api/session`: who is signed in (401 when nobody is).
pub async fn session() -> Result<SessionView, ApiError> {
    get_json("/api/session").await
}

/// `POST /api/session`: signs in.
pub async fn sign_in(request: &SignInRequest) -> Result<SessionView, ApiError> {
    let response = send(prepare(Request::post("/api/session")).json(request)).await?;
    json_or_error(response).await
}

/// `DELETE /api/session`: signs out.
pub async fn sign_out() -> Result<(), ApiError> {
    let response = send(prepare(Request::delete("/api/session")).build()).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(fail(response).await)
    }
}

/// `GET /api/customers/{id}/summary`.
pub async fn summary(customer_id: i64) -> Result<Summary, ApiError> {
    get_json(&format!("/api/customers/{customer_id}/summary")).await
}

/// `GET /api/profile`.
pub async fn profile() -> Result<ProfileView, ApiError> {
    get_json("/api/profile").await
}

// ---- registration and "Forgot username or password?" ----------------------

async fn post_for_notice<B: serde::Serialize>(
    url: &str,
    body: &B,
) -> Result<wire::registration::Notice, ApiError> {
    let response = send(prepare(Request::post(url)).json(body)).await?;
    json_or_error(response).await
}

/// `POST /api/registrations`: creates a pending logon and mails its link.
pub async fn register(
    request: &wire::registration::RegistrationRequest,
) -> Result<wire::registration::Notice, ApiError> {
    post_for_notice("/api/registrations", request).await
}

/// `POST /api/registrations/verify`: confirms the email address (410 when the link is spent).
pub async fn verify_email(token: String) -> Result<wire::registration::Notice, ApiError> {
    post_for_notice(
        "/api/registrations/verify",
        &wire::registration::TokenRequest { token },
    )
    .await
}

/// `POST /api/recovery/username`.
pub async fn forgot_username(
    request: &wire::registration::ForgotUsernameRequest,
) -> Result<wire::registration::Notice, ApiError> {
    post_for_notice("/api/recovery/username", request).await
}

/// `POST /api/recovery/password`.
pub async fn forgot_password(
    request: &wire::registration::ForgotPasswordRequest,
) -> Result<wire::registration::Notice, ApiError> {
    post_for_notice("/api/recovery/password", request).await
}

/// `GET /api/recovery/password/reset?token=…`: the secret question (410 when the link is spent).
pub async fn reset_challenge(
    token: String,
) -> Result<wire::registration::ResetChallenge, ApiError> {
    let token = String::from(js_sys::encode_uri_component(&token));
    get_json(&format!("/api/recovery/password/reset?token={token}")).await
}

/// `POST /api/recovery/password/reset`.
pub async fn reset_password(
    request: &wire::registration::ResetPasswordRequest,
) -> Result<wire::registration::Notice, ApiError> {
    post_for_notice("/api/recovery/password/reset", request).await
}
