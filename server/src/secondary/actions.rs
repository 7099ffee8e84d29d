//! What a parent does to one of its secondary logons: Resend Logon Access
//! Email, Deactivate Access (final), Disable / Activate, unlock, and its
//! Activity tab.

use super::{acting_on, invitation, load_view, record};
use crate::{
    access::guards::OwnSecondaryLogon,
    activity,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    session::{self, SourceAddress},
    state::AppState,
};
use axum::{
    extract::{rejection::QueryRejection, Query, State},
    http::StatusCode,
};
use wire::{
    access::ConfirmRequest,
    activity::{ActivityPage, ActivityQuery},
    secondary::SecondaryLogonView,
};

/// `POST .../invitation`: only while it waits for its password.
pub async fn resend(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<StatusCode> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status != "pending" {
        return Err(ApiError::Conflict(
            "This logon already has a password: the logon access email is only for a new logon"
                .into(),
        ));
    }
    let now = state.now();
    let mut tx = state.begin().await?;
    invitation::send(&state, &mut tx, own.logon_id, now).await?;
    let parent = own.parent.logon_id;
    record(
        &mut tx,
        now,
        parent,
        "invitation_resent",
        &username,
        address.as_deref(),
    )
    .await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok(StatusCode::NO_CONTENT)
}

/// Sets the status, ends the logon's sessions when it stops acting, and records it.
async fn set_status(
    state: &AppState,
    own: &OwnSecondaryLogon,
    status: &str,
    action: &str,
    username: &str,
    address: Option<&str>,
) -> ApiResult<Json<SecondaryLogonView>> {
    let now = state.now();
    let mut tx = state.begin().await?;
    sqlx::query(
        "UPDATE logons SET status = $1, failed_sign_ins = 0, locked_at = NULL WHERE id = $2",
    )
    .bind(status)
    .bind(own.logon_id)
    .execute(&mut *tx)
    .await?;
    if status != "active" {
        session::end_all(&mut tx, own.logon_id).await?;
    }
    record(&mut tx, now, own.parent.logon_id, action, username, address).await?;
    if status == "cancelled" {
        sqlx::query("UPDATE email_tokens SET used_at = $1 WHERE logon_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(own.logon_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Json(load_view(&state.db, own.logon_id).await?))
}

/// `POST .../deactivate`: final; the logon keeps its record but never acts again.
pub async fn deactivate(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
    Json(request): Json<ConfirmRequest>,
) -> ApiResult<Json<SecondaryLogonView>> {
    let (_, username) = acting_on(&state.db, own.logon_id).await?;
    request.parse("Confirm that you want to deactivate this logon's access")?;
    let action = "secondary_deactivated";
    set_status(
        &state,
        &own,
        "cancelled",
        action,
        &username,
        address.as_deref(),
    )
    .await
}

/// `POST .../disable`: reversible with Activate; its sessions end at once.
pub async fn disable(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<Json<SecondaryLogonView>> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status == "disabled" {
        return Err(ApiError::Conflict("This logon is already disabled".into()));
    }
    let action = "secondary_disabled";
    set_status(
        &state,
        &own,
        "disabled",
        action,
        &username,
        address.as_deref(),
    )
    .await
}

/// `POST .../activate`: back to active, or to waiting if it never set a password.
pub async fn activate(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<Json<SecondaryLogonView>> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status != "disabled" {
        return Err(ApiError::Conflict("This logon is not disabled".into()));
    }
    let has_password: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM logons WHERE id = $1")
            .bind(own.logon_id)
            .fetch_one(&state.db)
            .await?;
    let next = if has_password.is_some() {
        "active"
    } else {
        "pending"
    };
    let action = "secondary_activated";
    set_status(&state, &own, next, action, &username, address.as_deref()).await
}

/// `POST .../unlock`: a locked logon may sign in again at once.
pub async fn unlock(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
) -> ApiResult<Json<SecondaryLogonView>> {
    let (status, username) = acting_on(&state.db, own.logon_id).await?;
    if status != "locked" {
        return Err(ApiError::Conflict("This logon is not locked".into()));
    }
    let action = "secondary_unlocked";
    set_status(
        &state,
        &own,
        "active",
        action,
        &username,
        address.as_deref(),
    )
    .await
}

/// `GET .../activity`: what the secondary logon itself did.
pub async fn activity(
    State(state): State<AppState>,
    own: OwnSecondaryLogon,
    query: Result<Query<ActivityQuery>, QueryRejection>,
) -> ApiResult<Json<ActivityPage>> {
    let search = activity::read_query(query)?;
    Ok(Json(
        activity::page(&state.db, activity::Whose::Logon(own.logon_id), &search).await?,
    ))
}
