//! Manage My Profile: the signed-in logon's own details, and the actions that
//! change them. Every change is recorded in the activity, never a secret.

mod delete;
mod details;
mod email;
pub mod password;
mod sessions;

use crate::http::Routes;
use crate::{
    auth::password::password_matches,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    session::SignedIn,
    state::AppState,
};
use axum::extract::State;
use wire::profile::{ProfileView, CURRENT_PASSWORD_FIELD, WRONG_CURRENT_PASSWORD};
use wire::FieldErrors;

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/profile", profile)
        .put("/profile/name", details::update_name)
        .put("/profile/phone", details::update_phone)
        .put("/profile/secret-question", details::update_secret_question)
        .post("/profile/email", email::request_change)
        .post("/profile/email/confirm", email::confirm)
        .post("/profile/password", password::change)
        .get("/profile/sessions", sessions::list)
        .delete("/profile/sessions/others", sessions::end_others)
        .post("/profile/delete", delete::delete_profile)
}

async fn profile(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<ProfileView>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        username: String,
        name: String,
        email: String,
        phone: Option<String>,
        password_changed_at: Option<i64>,
        secret_question: Option<String>,
        two_step_enabled_at: Option<i64>,
    }
    let row: Row = sqlx::query_as(
        "SELECT username, name, email, phone, password_changed_at, secret_question, two_step_enabled_at \
         FROM logons WHERE id = $1",
    )
    .bind(signed_in.logon_id)
    .fetch_one(&state.db)
    .await?;
    let pending_email: Option<String> = sqlx::query_scalar(
        "SELECT new_email FROM email_tokens WHERE logon_id = $1 AND purpose = 'change_email' \
         AND used_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(signed_in.logon_id)
    .bind(state.now())
    .fetch_optional(&state.db)
    .await?
    .flatten();
    Ok(Json(ProfileView {
        username: row.username,
        name: row.name,
        email: row.email,
        phone: row.phone,
        password_changed_at: row.password_changed_at.unwrap_or_default(),
        secret_question: row.secret_question.unwrap_or_default(),
        two_step_enabled: row.two_step_enabled_at.is_some(),
        pending_email,
    }))
}

/// Refuses with a 422 on `field` unless `typed` is the logon's password.
pub async fn require_password(
    state: &AppState,
    logon_id: i64,
    typed: &str,
    field: &str,
) -> ApiResult<()> {
    if password_matches(&state.db, logon_id, typed).await? {
        Ok(())
    } else {
        let mut errors = FieldErrors::new();
        errors.add(field, WRONG_CURRENT_PASSWORD);
        Err(ApiError::Validation(errors))
    }
}

/// The current-password check of the forms that ask for it.
async fn require_current_password(state: &AppState, logon_id: i64, typed: &str) -> ApiResult<()> {
    require_password(state, logon_id, typed, CURRENT_PASSWORD_FIELD).await
}
