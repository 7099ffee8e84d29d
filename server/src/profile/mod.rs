//! Manage My Profile: the signed-in logon's own details.

use crate::{
    auth::SignedIn,
    http::{error::ApiResult, json::Json},
    state::AppState,
};
use axum::{extract::State, routing::get, Router};
use wire::profile::ProfileView;

pub fn router() -> Router<AppState> {
    Router::new().route("/profile", get(profile))
}

async fn profile(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<ProfileView>> {
    let (username, name, email, phone, changed, question): (
        String,
        String,
        String,
        Option<String>,
        Option<i64>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT username, name, email, phone, password_changed_at, secret_question FROM logons WHERE id = $1",
    )
    .bind(signed_in.logon_id)
    .fetch_one(&state.db)
    .await?;
    Ok(Json(ProfileView {
        username,
        name,
        email,
        phone,
        password_changed_at: changed.unwrap_or_default(),
        secret_question: question.unwrap_or_default(),
    }))
}
