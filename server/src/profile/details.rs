//! Update Name, Edit Phone Number, Update Your Secret Question.

use super::require_current_password;
use crate::{
    audit,
    auth::password::hash_blocking,
    http::{error::ApiResult, json::Json},
    session::{self, SignedIn, SourceAddress},
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{AppendHeaders, IntoResponse},
};
use wire::profile::{SecretQuestionRequest, UpdateNameRequest, UpdatePhoneRequest};

pub async fn update_name(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<UpdateNameRequest>,
) -> ApiResult<StatusCode> {
    let name = request.parse()?;
    let mut tx = state.begin().await?;
    sqlx::query("UPDATE logons SET name = $1 WHERE id = $2")
        .bind(&name)
        .bind(signed_in.logon_id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        &state,
        &signed_in,
        "name_changed",
        address.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn update_phone(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<UpdatePhoneRequest>,
) -> ApiResult<StatusCode> {
    let phone = request.parse()?;
    let mut tx = state.begin().await?;
    sqlx::query("UPDATE logons SET phone = $1 WHERE id = $2")
        .bind(phone)
        .bind(signed_in.logon_id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        &state,
        &signed_in,
        "phone_changed",
        address.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The secret question opens "Forgot username or password?": a new one is a
/// security change, so the other sessions end and this one gets a new token.
pub async fn update_secret_question(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<SecretQuestionRequest>,
) -> ApiResult<impl IntoResponse> {
    let chosen = request.parse()?;
    require_current_password(&state, signed_in.logon_id, &request.current_password).await?;
    let answer_hash = hash_blocking(chosen.answer.into()).await?;
    let mut tx = state.begin().await?;
    sqlx::query("UPDATE logons SET secret_question = $1, secret_answer_hash = $2 WHERE id = $3")
        .bind(&chosen.question)
        .bind(answer_hash)
        .bind(signed_in.logon_id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        &state,
        &signed_in,
        "secret_question_changed",
        address.as_deref(),
    )
    .await?;
    let secured = session::end_others_and_rotate(
        &mut tx,
        &state.settings,
        signed_in.logon_id,
        Some((&signed_in).into()),
        state.now(),
    )
    .await?;
    tx.commit().await?;
    let token = secured.token.expect("a current session gets a new token");
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(
            header::SET_COOKIE,
            session::set_cookie(&state.settings, &token),
        )]),
    ))
}

async fn record(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    state: &AppState,
    signed_in: &SignedIn,
    action: &str,
    address: Option<&str>,
) -> sqlx::Result<()> {
    let event = audit::Event {
        logon_id: Some(signed_in.logon_id),
        action,
        success: true,
        source_address: address,
        ..Default::default()
    };
    audit::record(&mut **tx, state.now(), event).await
}
