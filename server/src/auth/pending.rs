//! A logon waiting for its email address to be confirmed, as the browser that
//! registered it (or typed its right password) sees it: the "Check your email"
//! page asks where the link went (`GET /api/registrations/pending`, masked)
//! and may ask for it again (`POST /api/registrations/pending/resend`), a few
//! times and never more than once a minute.
//!
//! The browser holds only an HttpOnly cookie naming a `pending_confirmations`
//! row, given with the registration's answer or with the sign-in answer for a
//! correct password (issue 14 §2). A registration whose username was taken gets
//! a row without a logon: its page and answers are the same, and a resend
//! sends nothing, so the page never tells whether a username is taken.

use super::{password, registration};
use crate::http::Routes;
use crate::session::{cookie_value, SourceAddress};
use crate::{
    audit, crypto,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    rate_limit,
    state::{AppState, Settings},
};
use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use secrecy::{ExposeSecret, SecretString};
use wire::registration::{
    Notice, PendingConfirmation, EMAIL_NOT_CONFIRMED, PENDING_GONE, RESEND_LIMIT, RESEND_TOO_SOON,
    RESENT,
};

/// How long the page can show the address and resend (the cookie lives as long).
pub const LIFETIME_SECONDS: i64 = 3600;
/// Password checks for a pending logon in an hour: it has no lockout yet.
const PENDING_SIGN_INS_PER_HOUR: i64 = 5;
/// One resend a minute, and five a day for a logon.
const RESEND_GAP_SECONDS: i64 = 60;
const RESENDS_PER_DAY: i64 = 5;

pub const COOKIE_SECURE: &str = "__Host-portal_pending";
/// Browsers refuse `__Host-` cookies without `Secure`, so plain-http localhost uses this.
pub const COOKIE_LOCAL: &str = "portal_pending";

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/registrations/pending", show)
        .post("/registrations/pending/resend", resend)
}

fn cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        COOKIE_SECURE
    } else {
        COOKIE_LOCAL
    }
}

/// Stores a row for `logon_id` (none for a taken username) and `email`, and
/// returns the `Set-Cookie` value that names it.
pub async fn begin<'e, E>(
    executor: E,
    settings: &Settings,
    logon_id: Option<i64>,
    email: &str,
    now: i64,
) -> sqlx::Result<HeaderValue>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let token = crypto::random_token();
    sqlx::query(
        "INSERT INTO pending_confirmations (token_hash, logon_id, email_masked, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(crypto::token_hash(&token))
    .bind(logon_id)
    .bind(wire::email::mask_email(email))
    .bind(now)
    .bind(now + LIFETIME_SECONDS)
    .execute(executor)
    .await?;
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    Ok(HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={LIFETIME_SECONDS}{secure}",
        cookie_name(settings)
    ))
    .expect("a token is URL-safe base64"))
}

/// A sign-in to a logon still `pending`. The right password answers 403 with
/// [`EMAIL_NOT_CONFIRMED`] and the page's cookie; a wrong one (or one past the
/// hour's checks) the one answer for every failed sign-in, so nothing is
/// revealed to someone who does not know the password.
pub async fn sign_in(
    state: &AppState,
    logon_id: i64,
    stored: Option<String>,
    typed: SecretString,
    email: &str,
    address: Option<&str>,
) -> ApiResult<Response> {
    let now = state.now();
    let checked = rate_limit::hit(
        &state.db,
        "pending_sign_in",
        &format!("logon:{logon_id}"),
        PENDING_SIGN_INS_PER_HOUR,
        3600,
        now,
    )
    .await?;
    let stored = stored.filter(|_| checked);
    // argon2 is deliberately slow: keep it off the async workers.
    let password_ok = tokio::task::spawn_blocking(move || {
        password::verify(typed.expose_secret(), stored.as_deref())
    })
    .await
    .map_err(anyhow::Error::from)?;
    let mut tx = state.begin().await?;
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "sign_in",
        success: false,
        detail: Some(match (checked, password_ok) {
            (false, _) => "not checked: email not confirmed, too many tries",
            (true, false) => "wrong password",
            (true, true) => "email not confirmed",
        }),
        source_address: address,
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    if !password_ok {
        tx.commit().await?;
        return Ok(ApiError::SignInFailed.into_response());
    }
    let cookie = begin(&mut *tx, &state.settings, Some(logon_id), email, now).await?;
    tx.commit().await?;
    let mut response = ApiError::Forbidden(EMAIL_NOT_CONFIRMED).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

#[derive(sqlx::FromRow)]
struct Pending {
    token_hash: String,
    logon_id: Option<i64>,
    email_masked: String,
}

/// The row the request's cookie names, while it lasts; 410 otherwise.
async fn presented(state: &AppState, headers: &HeaderMap) -> ApiResult<Pending> {
    let gone = || ApiError::BadRequest(StatusCode::GONE, PENDING_GONE.to_owned());
    let token = cookie_value(headers, cookie_name(&state.settings)).ok_or_else(gone)?;
    sqlx::query_as(
        "SELECT token_hash, logon_id, email_masked FROM pending_confirmations \
         WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(crypto::token_hash(token.trim()))
    .bind(state.now())
    .fetch_optional(&state.db)
    .await?
    .ok_or_else(gone)
}

async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<Json<PendingConfirmation>> {
    let pending = presented(&state, &headers).await?;
    Ok(Json(PendingConfirmation {
        email: pending.email_masked,
    }))
}

async fn resend(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
) -> ApiResult<Json<Notice>> {
    registration::limit_address(&state, "resend_verify", address.as_deref()).await?;
    let pending = presented(&state, &headers).await?;
    let now = state.now();
    let too_many =
        |message: &str| ApiError::BadRequest(StatusCode::TOO_MANY_REQUESTS, message.into());
    if !rate_limit::hit(
        &state.db,
        "resend_verify_gap",
        &pending.token_hash,
        1,
        RESEND_GAP_SECONDS,
        now,
    )
    .await?
    {
        return Err(too_many(RESEND_TOO_SOON));
    }
    // A day's limit per logon, so a new sign-in (a new row) does not reset it.
    let day_subject = match pending.logon_id {
        Some(id) => format!("logon:{id}"),
        None => pending.token_hash.clone(),
    };
    if !rate_limit::hit(
        &state.db,
        "resend_verify_day",
        &day_subject,
        RESENDS_PER_DAY,
        rate_limit::LONGEST_WINDOW_SECONDS,
        now,
    )
    .await?
    {
        return Err(too_many(RESEND_LIMIT));
    }
    if let Some(logon_id) = pending.logon_id {
        send_again(&state, logon_id, address.as_deref(), now).await?;
    }
    Ok(Json(Notice {
        message: RESENT.into(),
    }))
}

#[derive(sqlx::FromRow)]
struct Recipient {
    email: String,
    name: String,
    username: String,
}

/// A new link to a logon still pending; nothing for one confirmed meanwhile.
async fn send_again(
    state: &AppState,
    logon_id: i64,
    address: Option<&str>,
    now: i64,
) -> ApiResult<()> {
    let mut tx = state.begin().await?;
    let recipient: Option<Recipient> = sqlx::query_as(
        "SELECT email, name, username FROM logons WHERE id = $1 AND status = 'pending'",
    )
    .bind(logon_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(recipient) = recipient else {
        return Ok(());
    };
    let to = registration::Recipient {
        email: &recipient.email,
        name: &recipient.name,
        username: &recipient.username,
    };
    registration::send_verify_link(&mut tx, state, logon_id, to, now).await?;
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "resend_verify_email",
        success: true,
        source_address: address,
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok(())
}
