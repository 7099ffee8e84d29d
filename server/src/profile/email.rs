//! Change Email: the new address gets a single-use link (24 hours), the old
//! one a notice; the address changes only when the link is used.

use super::require_current_password;
use crate::{
    audit,
    auth::email_tokens,
    crypto,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    mail::templates,
    session::{self, SignedIn, SourceAddress},
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use wire::{
    profile::{
        ChangeEmailRequest, ConfirmEmailRequest, EmailConfirmed, EMAIL_FIELD, LINK_NOT_VALID,
        TOKEN_FIELD,
    },
    FieldErrors,
};

pub const LINK_LIFETIME_SECONDS: i64 = 24 * 3600;

pub async fn request_change(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<ChangeEmailRequest>,
) -> ApiResult<StatusCode> {
    let new_email = request.parse()?;
    let (name, old_email): (String, String) =
        sqlx::query_as("SELECT name, email FROM logons WHERE id = $1")
            .bind(signed_in.logon_id)
            .fetch_one(&state.db)
            .await?;
    if new_email.is(&old_email) {
        let mut errors = FieldErrors::new();
        errors.add(
            EMAIL_FIELD,
            "Enter an email address different from your current one",
        );
        return Err(errors.into());
    }
    require_current_password(&state, signed_in.logon_id, &request.current_password).await?;

    let now = state.now();
    let mut tx = state.begin().await?;
    // Only the newest link counts: an earlier, unused one is spent.
    sqlx::query(
        "UPDATE email_tokens SET used_at = $1 WHERE logon_id = $2 AND purpose = 'change_email' AND used_at IS NULL",
    )
    .bind(now)
    .bind(signed_in.logon_id)
    .execute(&mut *tx)
    .await?;
    let token = email_tokens::issue(
        &mut *tx,
        signed_in.logon_id,
        "change_email",
        Some(new_email.as_str()),
        now,
        LINK_LIFETIME_SECONDS,
    )
    .await?;
    let link = templates::link(&state.settings.public_url, "/confirm-email", &token);
    state
        .mailer
        .send(
            &mut *tx,
            templates::change_email(new_email.as_str(), &name, &link, signed_in.logon_id),
        )
        .await?;
    state
        .mailer
        .send(
            &mut *tx,
            templates::change_email_notice(
                &old_email,
                &name,
                new_email.as_str(),
                signed_in.logon_id,
            ),
        )
        .await?;
    let event = audit::Event {
        logon_id: Some(signed_in.logon_id),
        action: "email_change_requested",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok(StatusCode::ACCEPTED)
}

/// The link works without a session: it may be opened on another device. A
/// new address is a security change: every session of the logon ends, but
/// the one that opened the link, if it is the logon's own, which continues
/// under a new token.
pub async fn confirm(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: Option<SignedIn>,
    Json(request): Json<ConfirmEmailRequest>,
) -> ApiResult<Response> {
    let now = state.now();
    let refused = || {
        let mut errors = FieldErrors::new();
        errors.add(TOKEN_FIELD, LINK_NOT_VALID);
        ApiError::Validation(errors)
    };
    let mut tx = state.begin().await?;
    #[derive(sqlx::FromRow)]
    struct Row {
        token_id: i64,
        logon_id: i64,
        new_email: Option<String>,
        expires_at: i64,
        used_at: Option<i64>,
        status: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT t.id AS token_id, t.logon_id, t.new_email, t.expires_at, t.used_at, l.status \
         FROM email_tokens t JOIN logons l ON l.id = t.logon_id \
         WHERE t.token_hash = $1 AND t.purpose = 'change_email'",
    )
    .bind(crypto::token_hash(request.token.trim()))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(Row {
        token_id,
        logon_id,
        new_email: Some(new_email),
        expires_at,
        used_at: None,
        status,
    }) = row
    else {
        return Err(refused());
    };
    if now >= expires_at || !matches!(status.as_str(), "active" | "locked") {
        return Err(refused());
    }
    // Spending the link first keeps two clicks from both counting.
    if !email_tokens::spend(&mut *tx, token_id, now).await? {
        return Err(refused());
    }
    sqlx::query("UPDATE logons SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(&new_email)
        .bind(now)
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "email_change_confirmed",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    let current = signed_in
        .as_ref()
        .filter(|s| s.logon_id == logon_id)
        .map(session::Current::from);
    let secured =
        session::end_others_and_rotate(&mut tx, &state.settings, logon_id, current, now).await?;
    tx.commit().await?;
    let mut response = Json(EmailConfirmed { email: new_email }).into_response();
    if let Some(token) = secured.token {
        let cookie = session::set_cookie(&state.settings, &token);
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}
