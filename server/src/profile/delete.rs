//! Delete My Profile: the logon is cancelled with its sessions, its grants and
//! the secondary logons it created; refused while a business would be left
//! without a Master Administrator.

use super::require_password;
use crate::{
    activity,
    auth::{session, SignedIn, SourceAddress},
    http::{error::ApiResult, json::Json},
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{AppendHeaders, IntoResponse},
};
use wire::{
    profile::{DeleteProfileRequest, CONFIRM_DELETE_FIELD, PASSWORD_FIELD},
    FieldErrors,
};

/// The businesses whose only active Master Administrator this logon is.
async fn sole_master_of(state: &AppState, logon_id: i64) -> sqlx::Result<Vec<String>> {
    let today = state.clock.today().to_iso();
    // Secondary logons of this one are cancelled with it, so they do not count.
    sqlx::query_scalar(
        "SELECT c.legal_name FROM access_grants g JOIN customers c ON c.id = g.customer_id \
         WHERE g.logon_id = $1 AND g.access_type = 'master_administrator' AND g.status = 'active' \
           AND (g.ends_on IS NULL OR g.ends_on >= $2) \
           AND NOT EXISTS ( \
             SELECT 1 FROM access_grants o JOIN logons l ON l.id = o.logon_id \
             WHERE o.customer_id = g.customer_id AND o.logon_id <> $1 \
               AND o.access_type = 'master_administrator' AND o.status = 'active' \
               AND (o.ends_on IS NULL OR o.ends_on >= $2) AND l.status = 'active' \
               AND (l.parent_logon_id IS NULL OR l.parent_logon_id <> $1)) \
         ORDER BY c.legal_name",
    )
    .bind(logon_id)
    .bind(today)
    .fetch_all(&state.db)
    .await
}

pub async fn delete_profile(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<DeleteProfileRequest>,
) -> ApiResult<impl IntoResponse> {
    request.parse()?;
    let logon_id = signed_in.logon_id;
    require_password(&state, logon_id, &request.password, PASSWORD_FIELD).await?;
    let businesses = sole_master_of(&state, logon_id).await?;
    if !businesses.is_empty() {
        let mut errors = FieldErrors::new();
        errors.add(
            CONFIRM_DELETE_FIELD,
            format!(
                "You cannot delete your profile because you are the only Master Administrator of {}. Give another logon Master Administrator access first.",
                businesses.join(", ")
            ),
        );
        return Err(errors.into());
    }

    let now = state.now();
    let mut tx = state.db.begin().await?;
    // The logon and the secondary logons it created, as one set of ids.
    let family = "SELECT id FROM logons WHERE id = $1 OR parent_logon_id = $1";
    sqlx::query(&format!(
        "DELETE FROM sessions WHERE logon_id IN ({family})"
    ))
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "UPDATE access_grants SET status = 'revoked' WHERE status = 'active' AND logon_id IN ({family})"
    ))
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    let secondaries = sqlx::query(
        "UPDATE logons SET status = 'cancelled' WHERE parent_logon_id = $1 AND status <> 'cancelled'",
    )
    .bind(logon_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("UPDATE logons SET status = 'cancelled' WHERE id = $1")
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    let detail = format!("{secondaries} secondary logons cancelled");
    let event = activity::Event {
        logon_id: Some(logon_id),
        action: "profile_deleted",
        success: true,
        detail: Some(&detail),
        source_address: address.as_deref(),
        ..Default::default()
    };
    activity::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, session::clear_cookie(&state.settings))]),
    ))
}
