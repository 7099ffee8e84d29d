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

thread_local! {
    /// When the app last called the API (ms since the epoch): each call counts
    /// as activity on the session.
    static LAST_CALL_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// When the app last called the API (ms since the epoch), for the session
/// timeout warning: each call moves the server's idle clock on.
pub fn last_call_ms() -> f64 {
    LAST_CALL_MS.with(std::cell::Cell::get)
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|_| ApiError::Unreadable)?;
    LAST_CALL_MS.with(|last| last.set(js_sys::Date::now()));
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

/// `GET url`, read as `T`. Feature modules build their calls on these.
pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
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

/// `GET /api/registrations/pending`: where this browser's confirmation link went, masked.
pub async fn pending_confirmation() -> Result<wire::registration::PendingConfirmation, ApiError> {
    get_json("/api/registrations/pending").await
}

/// `POST /api/registrations/pending/resend`: the link again (429 too soon or too often).
pub async fn resend_confirmation() -> Result<wire::registration::Notice, ApiError> {
    post_for_notice("/api/registrations/pending/resend", &()).await
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

/// `POST /api/recovery/unlock`: the unlock link mailed with a lockout notice.
pub async fn unlock(token: String) -> Result<wire::registration::Notice, ApiError> {
    post_for_notice(
        "/api/recovery/unlock",
        &wire::registration::TokenRequest { token },
    )
    .await
}

// ---- Manage My Profile and View Activity -----------------------------------

/// A write whose answer carries no body the page needs (204/202).
pub async fn write_json<B: serde::Serialize>(
    builder: RequestBuilder,
    body: &B,
) -> Result<(), ApiError> {
    let response = send(prepare(builder).json(body)).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(fail(response).await)
    }
}

/// `PUT /api/profile/name`.
pub async fn update_name(request: &wire::profile::UpdateNameRequest) -> Result<(), ApiError> {
    write_json(Request::put("/api/profile/name"), request).await
}

/// `PUT /api/profile/phone` (empty clears it).
pub async fn update_phone(request: &wire::profile::UpdatePhoneRequest) -> Result<(), ApiError> {
    write_json(Request::put("/api/profile/phone"), request).await
}

/// `PUT /api/profile/secret-question`.
pub async fn update_secret_question(
    request: &wire::profile::SecretQuestionRequest,
) -> Result<(), ApiError> {
    write_json(Request::put("/api/profile/secret-question"), request).await
}

/// `POST /api/profile/email`: mails a link to the new address.
pub async fn change_email(request: &wire::profile::ChangeEmailRequest) -> Result<(), ApiError> {
    write_json(Request::post("/api/profile/email"), request).await
}

/// `POST /api/profile/email/confirm`: the emailed link.
pub async fn confirm_email(token: String) -> Result<wire::profile::EmailConfirmed, ApiError> {
    let body = wire::profile::ConfirmEmailRequest { token };
    let response = send(prepare(Request::post("/api/profile/email/confirm")).json(&body)).await?;
    json_or_error(response).await
}

/// `POST /api/profile/password`: the session continues under a new cookie.
pub async fn change_password(
    request: &wire::profile::ChangePasswordRequest,
) -> Result<SessionView, ApiError> {
    let response = send(prepare(Request::post("/api/profile/password")).json(request)).await?;
    json_or_error(response).await
}

/// `GET /api/profile/sessions`.
pub async fn sessions() -> Result<wire::profile::SessionList, ApiError> {
    get_json("/api/profile/sessions").await
}

/// `DELETE /api/profile/sessions/others`.
pub async fn end_other_sessions() -> Result<wire::profile::SessionsEnded, ApiError> {
    let response = send(prepare(Request::delete("/api/profile/sessions/others")).build()).await?;
    json_or_error(response).await
}

/// `POST /api/profile/delete`: cancels the logon and ends the session.
pub async fn delete_profile(request: &wire::profile::DeleteProfileRequest) -> Result<(), ApiError> {
    write_json(Request::post("/api/profile/delete"), request).await
}

/// `GET /api/activity?…` with the query already encoded.
pub async fn activity(query: &str) -> Result<wire::activity::ActivityPage, ApiError> {
    get_json(&format!("/api/activity{query}")).await
}

// ---- 2-step verification, keep-alive, demo mailbox -------------------------

/// `GET /api/two-step`: whether 2-step verification is on.
pub async fn two_step_status() -> Result<wire::two_step::TwoStepStatus, ApiError> {
    get_json("/api/two-step").await
}

pub async fn post_json_for<B: serde::Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<T, ApiError> {
    let response = send(prepare(Request::post(url)).json(body)).await?;
    json_or_error(response).await
}

/// `POST /api/two-step/setup`: a new key for the authentication app.
pub async fn two_step_setup(
    request: &wire::two_step::SetupRequest,
) -> Result<wire::two_step::SetupView, ApiError> {
    post_json_for("/api/two-step/setup", request).await
}

/// `POST /api/two-step/confirm`: turns it on; the recovery codes, shown once.
pub async fn two_step_confirm(
    request: &wire::two_step::CodeRequest,
) -> Result<wire::two_step::ConfirmView, ApiError> {
    post_json_for("/api/two-step/confirm", request).await
}

/// `POST /api/two-step/disable`.
pub async fn two_step_disable(
    request: &wire::two_step::DisableRequest,
) -> Result<wire::two_step::TwoStepStatus, ApiError> {
    post_json_for("/api/two-step/disable", request).await
}

/// `POST /api/session/two-step`: the code step of signing in.
pub async fn two_step_sign_in(
    request: &wire::two_step::CodeRequest,
) -> Result<SessionView, ApiError> {
    post_json_for("/api/session/two-step", request).await
}

/// `POST /api/session/keep-alive`: "Stay signed in".
pub async fn keep_alive() -> Result<wire::two_step::KeepAliveView, ApiError> {
    post_json_for("/api/session/keep-alive", &serde_json::json!({})).await
}

/// `GET /api/health` (its `demo` flag shows the demo mailbox link).
pub async fn health() -> Result<wire::summary::Health, ApiError> {
    get_json("/api/health").await
}

/// `GET /api/demo/mailbox` (only with `--demo`).
pub async fn demo_mailbox() -> Result<DemoMailbox, ApiError> {
    get_json("/api/demo/mailbox").await
}

/// The demo mailbox as the server sends it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct DemoMailbox {
    pub messages: Vec<DemoMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct DemoMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
}

/// `PUT url` with a JSON body, read as `T`.
pub async fn put_json_for<B: serde::Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<T, ApiError> {
    let response = send(prepare(Request::put(url)).json(body)).await?;
    json_or_error(response).await
}

/// `DELETE url`, answered without a body the page needs.
pub async fn delete(url: &str) -> Result<(), ApiError> {
    let response = send(prepare(Request::delete(url)).build()).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(fail(response).await)
    }
}

/// A query string from `(name, value)` pairs, leaving out empty values.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::nav::encode_query_value(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The query string of a customer list (`?q=&sort=&dir=&page=&page_size=&cursor=`),
/// for the API and for the list's own address alike.
pub fn customer_query_string(query: &wire::access::CustomerQuery) -> String {
    use wire::access::{CustomerSort, SortDirection};
    let sort = query.sort.map(|s| match s {
        CustomerSort::Name => "name",
        CustomerSort::RegNumber => "reg_number",
    });
    let dir = query.dir.map(|d| match d {
        SortDirection::Ascending => "ascending",
        SortDirection::Descending => "descending",
    });
    query_string(&[
        ("q", query.q.clone().unwrap_or_default()),
        ("sort", sort.unwrap_or_default().to_owned()),
        ("dir", dir.unwrap_or_default().to_owned()),
        (
            "page",
            query.page.map(|p| p.to_string()).unwrap_or_default(),
        ),
        (
            "page_size",
            query.page_size.map(|p| p.to_string()).unwrap_or_default(),
        ),
        ("cursor", query.cursor.clone().unwrap_or_default()),
    ])
}
