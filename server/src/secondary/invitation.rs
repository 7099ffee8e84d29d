//! The logon access email: a single-use link, valid [`INVITATION_DAYS`] days,
//! that opens the app's /set-password page. The page reads who the link is for
//! (`GET /api/invitations?token=`) and posts the password and secret question
//! (`POST /api/invitations/accept`); only then is the logon active.

use crate::{
    audit,
    auth::{
        email_tokens, password,
        registration::{ADDRESS_LIMIT, ADDRESS_WINDOW_SECONDS},
    },
    crypto,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
        query::Query,
    },
    mail::templates,
    rate_limit,
    session::SourceAddress,
    state::AppState,
};
use axum::{extract::State, http::StatusCode};
use serde::Deserialize;
use sqlx::AnyConnection;
use wire::{
    password::PasswordContext,
    secondary::{AcceptInvitationRequest, InvitationView, INVITATION_DAYS, INVITATION_GONE},
};

const INVITATION_SECONDS: i64 = INVITATION_DAYS * 86_400;

/// Voids the logon's earlier links and mails a new one, inside the caller's
/// transaction (call `state.mailer.notify()` after the commit).
pub async fn send(
    state: &AppState,
    tx: &mut AnyConnection,
    logon_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE email_tokens SET used_at = $1 \
         WHERE logon_id = $2 AND purpose = 'invitation' AND used_at IS NULL",
    )
    .bind(now)
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    let (username, name, email, parent_name): (String, String, String, String) = sqlx::query_as(
        "SELECT l.username, l.name, l.email, p.name FROM logons l \
         JOIN logons p ON p.id = l.parent_logon_id WHERE l.id = $1",
    )
    .bind(logon_id)
    .fetch_one(&mut *tx)
    .await?;
    let token = email_tokens::issue(
        &mut *tx,
        logon_id,
        "invitation",
        None,
        now,
        INVITATION_SECONDS,
    )
    .await?;
    let link = templates::link(&state.settings.public_url, "/set-password", &token);
    let mail = templates::invitation(templates::Invitation {
        to: &email,
        name: &name,
        username: &username,
        parent_name: &parent_name,
        link: &link,
        days: INVITATION_DAYS,
        logon: logon_id,
    });
    state.mailer.send(&mut *tx, mail).await?;
    Ok(())
}

fn gone() -> ApiError {
    ApiError::BadRequest(StatusCode::NOT_FOUND, INVITATION_GONE.into())
}

struct Invited {
    token_id: i64,
    logon_id: i64,
    username: String,
    name: String,
    email: String,
    invited_by: String,
}

/// The logon a live link is for: unused, not expired, and still waiting.
async fn find(state: &AppState, token: &str) -> ApiResult<Invited> {
    let row: Option<(i64, i64, String, String, String, String)> = sqlx::query_as(
        "SELECT t.id, l.id, l.username, l.name, l.email, p.name \
         FROM email_tokens t JOIN logons l ON l.id = t.logon_id \
         JOIN logons p ON p.id = l.parent_logon_id \
         WHERE t.token_hash = $1 AND t.purpose = 'invitation' AND t.used_at IS NULL \
           AND t.expires_at > $2 AND l.status = 'pending'",
    )
    .bind(crypto::token_hash(token.trim()))
    .bind(state.now())
    .fetch_optional(&state.db)
    .await?;
    let (token_id, logon_id, username, name, email, invited_by) = row.ok_or_else(gone)?;
    Ok(Invited {
        token_id,
        logon_id,
        username,
        name,
        email,
        invited_by,
    })
}

/// Links are guessable only by brute force; this keeps that slow.
async fn limit(state: &AppState, address: Option<&str>) -> ApiResult<()> {
    let allowed = rate_limit::hit(
        &state.db,
        "invitation",
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

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// `GET /api/invitations?token=`: who the link is for.
pub async fn lookup(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Query(query): Query<TokenQuery>,
) -> ApiResult<Json<InvitationView>> {
    limit(&state, address.as_deref()).await?;
    let invited = find(&state, &query.token).await?;
    Ok(Json(InvitationView {
        username: invited.username,
        name: invited.name,
        invited_by: invited.invited_by,
    }))
}

/// `POST /api/invitations/accept`: sets the password and secret question; the
/// logon is active and may sign in.
pub async fn accept(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(request): Json<AcceptInvitationRequest>,
) -> ApiResult<StatusCode> {
    limit(&state, address.as_deref()).await?;
    let invited = find(&state, &request.token).await?;
    let context = PasswordContext {
        username: &invited.username,
        name: &invited.name,
        email: &invited.email,
        two_step_enabled: false,
    };
    let form = request.parse(&context)?;
    // argon2 is deliberately slow, and runs off the async workers.
    let password_hash = password::prepare(
        &state.db,
        Some(invited.logon_id),
        form.password.as_str(),
        "password",
    )
    .await?;
    let answer_hash = password::hash_blocking(form.secret_answer.as_str().into()).await?;

    let now = state.now();
    let mut tx = state.begin().await?;
    if !email_tokens::spend(&mut *tx, invited.token_id, now).await? {
        return Err(gone());
    }
    let updated = sqlx::query(
        "UPDATE logons SET secret_question = $1, secret_answer_hash = $2, \
           email_verified_at = $3, status = 'active' \
         WHERE id = $4 AND status = 'pending'",
    )
    .bind(&form.secret_question)
    .bind(&answer_hash)
    .bind(now)
    .bind(invited.logon_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(gone());
    }
    password::set_password(&mut tx, invited.logon_id, password_hash, now, None).await?;
    let event = audit::Event {
        logon_id: Some(invited.logon_id),
        action: "invitation_accepted",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
