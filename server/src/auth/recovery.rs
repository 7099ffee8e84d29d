//! "Forgot username or password?": a reminder of the usernames on an email
//! address, and a single-use link (60 minutes) to choose a new password after
//! answering the secret question (and giving a 2-step code when 2-step is on).
//!
//! The two requests answer the same whether or not the address or username is
//! known, and change nothing but the outbox and the tokens. The reset link's
//! token travels in the query string or the body, never in a path, because
//! paths are logged.

use super::{
    device, email_tokens, hashing, password,
    registration::{gone, limit_address},
    two_step,
};
use crate::http::Routes;
use crate::session::{self, SourceAddress};
use crate::{
    audit, crypto,
    http::{error::ApiResult, json::Json},
    mail::templates,
    rate_limit,
    state::AppState,
};
use axum::{
    extract::{Query, State},
    http::StatusCode,
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use wire::{
    password::PasswordContext,
    registration::{
        ForgotPasswordRequest, ForgotUsernameRequest, Notice, ResetChallenge, ResetPasswordRequest,
        PASSWORD_RESET, RESET_LINK_GONE, RESET_SENT, TOO_MANY_ANSWERS, USERNAMES_SENT,
        WRONG_ANSWER,
    },
    two_step::WRONG_CODE,
    FieldErrors,
};

/// How long a reset link works.
pub const RESET_TOKEN_SECONDS: i64 = 60 * 60;
/// Wrong answers (or 2-step codes) one link allows; the last of them voids it.
pub const MAX_WRONG_ANSWERS: i64 = 5;

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .post("/recovery/username", forgot_username)
        .post("/recovery/password", forgot_password)
        .get("/recovery/password/reset", challenge)
        .post("/recovery/password/reset", reset)
}

/// Logons in these states can get back in by email; a disabled or cancelled one cannot.
const RECOVERABLE: &str = "status IN ('pending', 'active', 'locked')";

async fn forgot_username(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(request): Json<ForgotUsernameRequest>,
) -> ApiResult<(StatusCode, Json<Notice>)> {
    limit_address(&state, "recover_username", address.as_deref()).await?;
    let email = request.parse()?;
    let logons: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, username FROM logons WHERE LOWER(email) = $1 AND status <> 'cancelled' ORDER BY username_key",
    )
    .bind(email.key())
    .fetch_all(&state.db)
    .await?;
    if !logons.is_empty() {
        let now = state.now();
        let usernames: Vec<String> = logons.iter().map(|(_, u)| u.clone()).collect();
        let mut tx = state.begin().await?;
        state
            .mailer
            .send(
                &mut *tx,
                templates::username_reminder(
                    email.as_str(),
                    &usernames,
                    (logons.len() == 1).then_some(logons[0].0),
                ),
            )
            .await?;
        for (logon_id, _) in &logons {
            let event = audit::Event {
                logon_id: Some(*logon_id),
                action: "recover_username",
                success: true,
                source_address: address.as_deref(),
                ..Default::default()
            };
            audit::record(&mut *tx, now, event).await?;
        }
        tx.commit().await?;
        state.mailer.notify();
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(Notice {
            message: USERNAMES_SENT.into(),
        }),
    ))
}

async fn forgot_password(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(request): Json<ForgotPasswordRequest>,
) -> ApiResult<(StatusCode, Json<Notice>)> {
    limit_address(&state, "recover_password", address.as_deref()).await?;
    let username = request.parse()?;
    let logon: Option<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT id, name, email FROM logons WHERE username_key = $1 AND {RECOVERABLE}"
    ))
    .bind(username.to_lowercase())
    .fetch_optional(&state.db)
    .await?;
    if let Some((logon_id, name, email)) = logon {
        let now = state.now();
        let mut tx = state.begin().await?;
        // Only the newest link works.
        sqlx::query(
            "UPDATE email_tokens SET used_at = $1 \
             WHERE logon_id = $2 AND purpose = 'reset_password' AND used_at IS NULL",
        )
        .bind(now)
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
        let token = email_tokens::issue(
            &mut *tx,
            logon_id,
            "reset_password",
            None,
            now,
            RESET_TOKEN_SECONDS,
        )
        .await?;
        let link = templates::link(&state.settings.public_url, "/reset-password", &token);
        state
            .mailer
            .send(
                &mut *tx,
                templates::password_reset(&email, &name, &link, logon_id),
            )
            .await?;
        let event = audit::Event {
            logon_id: Some(logon_id),
            action: "request_password_reset",
            success: true,
            source_address: address.as_deref(),
            ..Default::default()
        };
        audit::record(&mut *tx, now, event).await?;
        tx.commit().await?;
        state.mailer.notify();
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(Notice {
            message: RESET_SENT.into(),
        }),
    ))
}

/// The logon behind a live reset link.
#[derive(sqlx::FromRow)]
struct ResetTarget {
    token_id: i64,
    logon_id: i64,
    username: String,
    name: String,
    email: String,
    secret_question: Option<String>,
    answer_hash: Option<String>,
    two_step_enabled_at: Option<i64>,
}

impl ResetTarget {
    fn two_step(&self) -> bool {
        self.two_step_enabled_at.is_some()
    }
}

async fn find_target(state: &AppState, token: &str) -> ApiResult<ResetTarget> {
    let target: Option<ResetTarget> = sqlx::query_as(&format!(
        "SELECT t.id AS token_id, l.id AS logon_id, l.username, l.name, l.email, \
           l.secret_question, l.secret_answer_hash AS answer_hash, l.two_step_enabled_at \
         FROM email_tokens t JOIN logons l ON l.id = t.logon_id \
         WHERE t.token_hash = $1 AND t.purpose = 'reset_password' AND t.used_at IS NULL \
           AND t.expires_at > $2 AND l.{RECOVERABLE}"
    ))
    .bind(crypto::token_hash(token.trim()))
    .bind(state.now())
    .fetch_optional(&state.db)
    .await?;
    target.ok_or_else(|| gone(RESET_LINK_GONE))
}

#[derive(Deserialize)]
struct TokenQuery {
    token: String,
}

async fn challenge(
    State(state): State<AppState>,
    Query(query): Query<TokenQuery>,
) -> ApiResult<Json<ResetChallenge>> {
    let target = find_target(&state, &query.token).await?;
    Ok(Json(ResetChallenge {
        two_step_required: target.two_step(),
        secret_question: target.secret_question.unwrap_or_default(),
    }))
}

const CHECKS_BUCKET: &str = "reset_answer";

/// Counts a check of an answer or code on the link before it is made, so
/// parallel guesses cannot pass the limit; 410 once the link's are used up.
async fn claim_check(state: &AppState, target: &ResetTarget) -> ApiResult<i64> {
    let subject = target.token_id.to_string();
    let now = state.now();
    let count =
        rate_limit::count(&state.db, CHECKS_BUCKET, &subject, RESET_TOKEN_SECONDS, now).await?;
    if count > MAX_WRONG_ANSWERS {
        void_link(state, target).await?;
        return Err(gone(TOO_MANY_ANSWERS));
    }
    Ok(count)
}

/// The checked answer or code was right: it does not count against the link.
async fn right_check(state: &AppState, target: &ResetTarget) -> sqlx::Result<()> {
    let subject = target.token_id.to_string();
    rate_limit::refund(
        &state.db,
        CHECKS_BUCKET,
        &subject,
        RESET_TOKEN_SECONDS,
        state.now(),
    )
    .await
}

/// Records a wrong answer or code; the last one allowed voids the link (410).
async fn wrong_check(
    state: &AppState,
    target: &ResetTarget,
    count: i64,
    detail: &str,
    address: Option<&str>,
) -> ApiResult<()> {
    record_failure(state, target.logon_id, detail, address).await?;
    if count < MAX_WRONG_ANSWERS {
        return Ok(());
    }
    void_link(state, target).await?;
    Err(gone(TOO_MANY_ANSWERS))
}

async fn void_link(state: &AppState, target: &ResetTarget) -> sqlx::Result<()> {
    sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE id = $2")
        .bind(state.now())
        .bind(target.token_id)
        .execute(&state.db)
        .await?;
    Ok(())
}

async fn record_failure(
    state: &AppState,
    logon_id: i64,
    detail: &str,
    address: Option<&str>,
) -> sqlx::Result<()> {
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "reset_password",
        success: false,
        detail: Some(detail),
        source_address: address,
        ..Default::default()
    };
    audit::record(&state.db, state.now(), event).await
}

async fn reset(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    Json(request): Json<ResetPasswordRequest>,
) -> ApiResult<Json<Notice>> {
    limit_address(&state, "reset_password", address.as_deref()).await?;
    let target = find_target(&state, &request.token).await?;
    let context = PasswordContext {
        username: &target.username,
        name: &target.name,
        email: &target.email,
        two_step_enabled: target.two_step(),
    };
    let parsed = request.parse(&context);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();

    // The answer is checked whenever one was given, so a wrong one counts even
    // when the new password also breaks a rule.
    let answer = SecretString::from(wire::registration::normalize_answer(&request.secret_answer));
    if !answer.expose_secret().is_empty() && errors.get("secret_answer").is_none() {
        let count = claim_check(&state, &target).await?;
        let stored = target.answer_hash.clone();
        let right =
            hashing::run(move || password::verify(answer.expose_secret(), stored.as_deref()))
                .await?;
        if right {
            right_check(&state, &target).await?;
        } else {
            let detail = "wrong secret answer";
            wrong_check(&state, &target, count, detail, address.as_deref()).await?;
            let mut with_answer = FieldErrors::new();
            with_answer.add("secret_answer", WRONG_ANSWER);
            with_answer.0.append(&mut errors.0);
            errors = with_answer;
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let form = parsed.expect("no errors means a parsed form");

    let new_hash = password::prepare(
        &state.db,
        Some(target.logon_id),
        form.password.as_str(),
        "password",
    )
    .await?;

    // A reset never gets around 2-step verification. The code is checked last,
    // so a recovery code is not used up by a request refused for another reason.
    if target.two_step() {
        let code = form.two_step_code.as_deref().unwrap_or_default();
        let count = claim_check(&state, &target).await?;
        if two_step::verify_code(&state, target.logon_id, code).await? {
            right_check(&state, &target).await?;
        } else {
            let detail = "wrong 2-step code";
            wrong_check(&state, &target, count, detail, address.as_deref()).await?;
            let mut errors = FieldErrors::new();
            errors.add("two_step_code", WRONG_CODE);
            return Err(errors.into());
        }
    }

    let now = state.now();
    let mut tx = state.begin().await?;
    if !email_tokens::spend(&mut *tx, target.token_id, now).await? {
        return Err(gone(RESET_LINK_GONE));
    }
    password::set_password(&mut tx, target.logon_id, new_hash, now, None).await?;
    // The emailed link proves the mailbox, so a pending logon is confirmed too.
    sqlx::query(
        "UPDATE logons SET status = 'active', failed_sign_ins = 0, locked_at = NULL, \
           email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
    )
    .bind(now)
    .bind(target.logon_id)
    .execute(&mut *tx)
    .await?;
    // Whoever knew the old password is signed out everywhere, and no browser
    // that signed in with it is trusted any more; the lock and its link are done.
    session::end_others_and_rotate(&mut tx, &state.settings, target.logon_id, None, now).await?;
    device::void_all(&mut tx, target.logon_id, now).await?;
    sqlx::query("UPDATE unlock_links SET used_at = $1 WHERE logon_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(target.logon_id)
        .execute(&mut *tx)
        .await?;
    state
        .mailer
        .send(
            &mut *tx,
            templates::password_changed(
                &target.email,
                &target.name,
                &target.username,
                target.logon_id,
            ),
        )
        .await?;
    let event = audit::Event {
        logon_id: Some(target.logon_id),
        action: "reset_password",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok(Json(Notice {
        message: PASSWORD_RESET.into(),
    }))
}
