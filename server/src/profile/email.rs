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
    mail::OutgoingMail,
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
    let link = format!("{}/confirm-email?token={token}", state.settings.public_url);
    state
        .mailer
        .send(
            &mut *tx,
            OutgoingMail {
                to: new_email.to_string(),
                subject: "Confirm your new email address".into(),
                body_text: format!(
                    "Hello {name},\n\nTo use this address for your Taxpayer Portal profile, open this link within 24 hours:\n\n{link}\n\nIf you did not ask for this, ignore this message: nothing will change.\n"
                ),
                kind: "change_email",
                logon_id: Some(signed_in.logon_id),
            },
        )
        .await?;
    state
        .mailer
        .send(
            &mut *tx,
            OutgoingMail {
                to: old_email,
                subject: "A change of email address was requested".into(),
                body_text: format!(
                    "Hello {name},\n\nSomeone signed in to your Taxpayer Portal profile asked to change its email address to {new_email}. The address changes only when the link sent there is used.\n\nIf this was not you, change your password now and contact us.\n"
                ),
                kind: "change_email_notice",
                logon_id: Some(signed_in.logon_id),
            },
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
    type Row = (i64, i64, Option<String>, i64, Option<i64>, String);
    let row: Option<Row> = sqlx::query_as(
        "SELECT t.id, t.logon_id, t.new_email, t.expires_at, t.used_at, l.status \
         FROM email_tokens t JOIN logons l ON l.id = t.logon_id \
         WHERE t.token_hash = $1 AND t.purpose = 'change_email'",
    )
    .bind(crypto::token_hash(request.token.trim()))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((token_id, logon_id, Some(new_email), expires_at, None, status)) = row else {
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
