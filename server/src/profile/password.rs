//! Change Password, and the temporary password that forces it at sign-in.
//! A new password is a privilege change: every other session of the logon
//! ends and this one continues under a new token.

use super::require_current_password;
use crate::{
    audit,
    auth::{
        password::{self, hash_blocking},
        session_view,
    },
    db::Db,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    mail::OutgoingMail,
    session::{self, NewSession, SigningIn, SourceAddress},
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderMap},
    response::{AppendHeaders, IntoResponse},
};
use wire::{
    password::{NewPassword, PasswordContext, HISTORY_LEN, REUSED},
    profile::{ChangePasswordRequest, NEW_PASSWORD_FIELD},
    session::SessionStage,
    FieldErrors,
};

/// Whether `new` is the current password or one of the earlier ones kept
/// (together the last [`HISTORY_LEN`]).
pub async fn is_reused(db: &Db, logon_id: i64, new: &NewPassword) -> ApiResult<bool> {
    let current: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(db)
            .await?;
    let earlier: Vec<String> = sqlx::query_scalar(
        "SELECT password_hash FROM password_history WHERE logon_id = $1 ORDER BY set_at DESC, id DESC LIMIT $2",
    )
    .bind(logon_id)
    .bind(HISTORY_LEN as i64 - 1)
    .fetch_all(db)
    .await?;
    let hashes: Vec<String> = current.into_iter().chain(earlier).collect();
    let typed = new.as_str().to_owned();
    let reused = tokio::task::spawn_blocking(move || {
        hashes
            .iter()
            .any(|stored| password::verify(&typed, Some(stored)))
    })
    .await
    .map_err(anyhow::Error::from)?;
    Ok(reused)
}

pub async fn change(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
    signing_in: SigningIn,
    Json(request): Json<ChangePasswordRequest>,
) -> ApiResult<impl IntoResponse> {
    // A 2-step sign-in must finish first; a temporary password was just typed.
    let current_needed = match signing_in.stage {
        SessionStage::Full => true,
        SessionStage::PasswordChangeRequired => false,
        SessionStage::TwoStepRequired => return Err(ApiError::Unauthorized),
    };
    let logon_id = signing_in.logon_id;
    let (username, name, email, two_step, old_hash): (
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT username, name, email, two_step_enabled_at, password_hash FROM logons WHERE id = $1",
    )
    .bind(logon_id)
    .fetch_one(&state.db)
    .await?;
    let ctx = PasswordContext {
        username: &username,
        name: &name,
        email: &email,
        two_step_enabled: two_step.is_some(),
    };
    let new = request.parse(&ctx, current_needed)?;
    let now = state.now();
    if current_needed {
        let typed = request.current_password.as_deref().unwrap_or("");
        if let Err(error) = require_current_password(&state, logon_id, typed).await {
            let event = audit::Event {
                logon_id: Some(logon_id),
                action: "password_changed",
                success: false,
                source_address: address.as_deref(),
                ..Default::default()
            };
            audit::record(&state.db, now, event).await?;
            return Err(error);
        }
    }
    if is_reused(&state.db, logon_id, &new).await? {
        let mut errors = FieldErrors::new();
        errors.add(NEW_PASSWORD_FIELD, REUSED);
        return Err(errors.into());
    }
    let new_hash = hash_blocking(new.as_str().to_owned()).await?;

    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE logons SET password_hash = $1, password_changed_at = $2, temporary_password_expires_at = NULL WHERE id = $3",
    )
    .bind(&new_hash)
    .bind(now)
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    if let Some(old_hash) = old_hash {
        sqlx::query(
            "INSERT INTO password_history (logon_id, password_hash, set_at) VALUES ($1, $2, $3)",
        )
        .bind(logon_id)
        .bind(old_hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    // Every session ends, this one included: it continues under a new token.
    sqlx::query("DELETE FROM sessions WHERE logon_id = $1")
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    let token = session::create(
        &mut *tx,
        &state.settings,
        now,
        NewSession {
            stage: SessionStage::Full,
            logon_id,
            current_customer_id: signing_in.current_customer_id,
            source_address: address.as_deref(),
            user_agent,
        },
    )
    .await?;
    state
        .mailer
        .send(
            &mut *tx,
            OutgoingMail {
                to: email.clone(),
                subject: "Your password was changed".into(),
                body_text: format!(
                    "Hello {name},\n\nThe password of your Taxpayer Portal profile ({username}) was changed, and every other session was signed out.\n\nIf you did not do this, use \"Forgot username or password?\" on the log in page now and contact us.\n"
                ),
                kind: "password_changed",
                logon_id: Some(logon_id),
            },
        )
        .await?;
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "password_changed",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    state.mailer.notify();

    let view = session_view(&state, logon_id, signing_in.current_customer_id).await?;
    Ok((
        AppendHeaders([(
            header::SET_COOKIE,
            session::set_cookie(&state.settings, &token),
        )]),
        Json(view),
    ))
}
