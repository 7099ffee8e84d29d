//! Creating a logon (`POST /api/registrations`) and confirming its email
//! address with the emailed single-use link (`POST /api/registrations/verify`).
//! A new logon stays `pending`, and cannot sign in, until the link is used.
//!
//! Registration never says on screen whether a username is taken: a taken one
//! gets the same answer, after the same work, and the news goes by email to
//! the address typed (docs/security.md says why).
//!
//! The link opens the app's /verify-email page, which posts the token: a plain
//! GET never confirms anything, because mail scanners open links on their own.

use super::{email_tokens, password, pending};
use crate::http::Routes;
use crate::session::SourceAddress;
use crate::{
    audit, crypto,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    mail::templates,
    rate_limit,
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::AppendHeaders,
};
use wire::registration::{
    Notice, Registration, RegistrationRequest, TokenRequest, REGISTERED, VERIFIED, VERIFY_LINK_GONE,
};

/// How long a verification link works.
pub const VERIFY_TOKEN_SECONDS: i64 = 24 * 3600;
/// Requests one address may make to each registration or recovery endpoint in
/// [`ADDRESS_WINDOW_SECONDS`].
pub const ADDRESS_LIMIT: i64 = 20;
pub const ADDRESS_WINDOW_SECONDS: i64 = 3600;

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .post("/registrations", register)
        .post("/registrations/verify", verify)
        .merge(pending::routes())
}

/// Counts a request from this address in `bucket`; 429 once over the limit.
pub(super) async fn limit_address(
    state: &AppState,
    bucket: &str,
    address: Option<&str>,
) -> ApiResult<()> {
    let allowed = rate_limit::hit(
        &state.db,
        bucket,
        &rate_limit::address_key(address),
        ADDRESS_LIMIT,
        ADDRESS_WINDOW_SECONDS,
        state.now(),
    )
    .await?;
    if allowed {
        Ok(())
    } else {
        Err(ApiError::TooManyRequests)
    }
}

/// The answer to a registration: the same text, and a cookie for the "Check
/// your email" page (auth::pending), whether or not the username was taken.
type Registered = (
    StatusCode,
    AppendHeaders<[(header::HeaderName, HeaderValue); 1]>,
    Json<Notice>,
);

fn registered(pending_cookie: HeaderValue) -> Registered {
    (
        StatusCode::CREATED,
        AppendHeaders([(header::SET_COOKIE, pending_cookie)]),
        Json(Notice {
            message: REGISTERED.into(),
        }),
    )
}

/// 410 Gone: the link was used, has expired, or never existed.
pub(super) fn gone(message: &str) -> ApiError {
    ApiError::BadRequest(StatusCode::GONE, message.to_owned())
}

async fn register(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(request): Json<RegistrationRequest>,
) -> ApiResult<Registered> {
    limit_address(&state, "register", address.as_deref()).await?;
    // Every mistake is named, but never whether the username is taken.
    let form = request.parse()?;
    // argon2 is deliberately slow, and runs off the async workers. It runs for
    // a taken username too, so the answer takes as long either way.
    let password_hash =
        password::prepare(&state.db, None, form.password.as_str(), "password").await?;
    let answer_hash = password::hash_blocking(form.secret_answer.as_str().into()).await?;

    let now = state.now();
    let mut tx = state.begin().await?;
    let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO logons (username, username_key, name, email, phone, \
           secret_question, secret_answer_hash, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) RETURNING id",
    )
    .bind(&form.username)
    .bind(form.username.to_lowercase())
    .bind(&form.name)
    .bind(form.email.as_str())
    .bind(form.phone.as_deref())
    .bind(&form.secret_question)
    .bind(&answer_hash)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let logon_id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
            drop(tx);
            let cookie = tell_username_taken(&state, &form, address.as_deref(), now).await?;
            return Ok(registered(cookie));
        }
        Err(error) => return Err(error.into()),
    };
    password::set_password(&mut tx, logon_id, password_hash, now, None).await?;
    let to = Recipient {
        email: form.email.as_str(),
        name: &form.name,
        username: &form.username,
    };
    send_verify_link(&mut tx, &state, logon_id, to, now).await?;
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "register",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    let cookie = pending::begin(
        &mut *tx,
        &state.settings,
        Some(logon_id),
        form.email.as_str(),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok(registered(cookie))
}

/// Where a confirmation link goes.
pub(super) struct Recipient<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub username: &'a str,
}

/// Queues the email with a new link that confirms the logon's address (24
/// hours), inside the caller's transaction.
pub(super) async fn send_verify_link(
    tx: &mut sqlx::AnyConnection,
    state: &AppState,
    logon_id: i64,
    to: Recipient<'_>,
    now: i64,
) -> ApiResult<()> {
    let token = email_tokens::issue(
        &mut *tx,
        logon_id,
        "verify_email",
        None,
        now,
        VERIFY_TOKEN_SECONDS,
    )
    .await?;
    let link = templates::link(&state.settings.public_url, "/verify-email", &token);
    let mail = templates::verify_email(to.email, to.name, to.username, &link, logon_id);
    state.mailer.send(&mut *tx, mail).await?;
    Ok(())
}

/// The username was taken: the address typed hears so, and nothing else
/// changes. The page's cookie names no logon, so a resend sends nothing.
async fn tell_username_taken(
    state: &AppState,
    form: &Registration,
    address: Option<&str>,
    now: i64,
) -> ApiResult<HeaderValue> {
    let url = &state.settings.public_url;
    let mut tx = state.begin().await?;
    state
        .mailer
        .send(
            &mut *tx,
            templates::username_taken(form.email.as_str(), &form.name, &form.username, url),
        )
        .await?;
    let event = audit::Event {
        action: "register",
        success: false,
        detail: Some("username taken"),
        source_address: address,
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    let cookie = pending::begin(&mut *tx, &state.settings, None, form.email.as_str(), now).await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok(cookie)
}

async fn verify(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(request): Json<TokenRequest>,
) -> ApiResult<Json<Notice>> {
    limit_address(&state, "verify_email", address.as_deref()).await?;
    let now = state.now();
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, logon_id FROM email_tokens \
         WHERE token_hash = $1 AND purpose = 'verify_email' AND used_at IS NULL AND expires_at > $2",
    )
    .bind(crypto::token_hash(request.token.trim()))
    .bind(now)
    .fetch_optional(&state.db)
    .await?;
    let Some((token_id, logon_id)) = row else {
        return Err(gone(VERIFY_LINK_GONE));
    };
    let mut tx = state.begin().await?;
    if !email_tokens::spend(&mut *tx, token_id, now).await? {
        return Err(gone(VERIFY_LINK_GONE));
    }
    sqlx::query(
        "UPDATE logons SET email_verified_at = $1, \
           status = CASE WHEN status = 'pending' THEN 'active' ELSE status END WHERE id = $2",
    )
    .bind(now)
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "verify_email",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    Ok(Json(Notice {
        message: VERIFIED.into(),
    }))
}
