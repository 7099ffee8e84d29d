//! Change Password, and the temporary password that forces it at sign-in.
//! A new password is a privilege change: every other session of the logon
//! ends and this one continues under a new token.

use super::require_current_password;
use crate::{
    audit,
    auth::{password, session_view},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    mail::templates,
    session::{self, SigningIn, SourceAddress},
    state::AppState,
};
use axum::{
    extract::State,
    http::header,
    response::{AppendHeaders, IntoResponse},
};
use wire::{
    password::PasswordContext,
    profile::{ChangePasswordRequest, NEW_PASSWORD_FIELD},
    session::SessionStage,
};

/// What the password rules need to know about the logon.
#[derive(sqlx::FromRow)]
struct Holder {
    username: String,
    name: String,
    email: String,
    two_step_enabled_at: Option<i64>,
}

pub async fn change(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
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
    let Holder {
        username,
        name,
        email,
        two_step_enabled_at,
    } = sqlx::query_as(
        "SELECT username, name, email, two_step_enabled_at FROM logons WHERE id = $1",
    )
    .bind(logon_id)
    .fetch_one(&state.db)
    .await?;
    let ctx = PasswordContext {
        username: &username,
        name: &name,
        email: &email,
        two_step_enabled: two_step_enabled_at.is_some(),
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
    let new_hash =
        password::prepare(&state.db, Some(logon_id), new.as_str(), NEW_PASSWORD_FIELD).await?;

    let mut tx = state.begin().await?;
    password::set_password(&mut tx, logon_id, new_hash, now, None).await?;
    // Every other session ends; this one continues under a new token, its
    // sign-in complete if a temporary password held it back.
    let current = session::Current {
        session_id: signing_in.session_id,
        stage: SessionStage::Full,
    };
    let secured =
        session::end_others_and_rotate(&mut tx, &state.settings, logon_id, Some(current), now)
            .await?;
    let token = secured.token.expect("a current session gets a new token");
    state
        .mailer
        .send(
            &mut *tx,
            templates::password_changed(&email, &name, &username, logon_id),
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
