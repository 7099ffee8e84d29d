//! Delete My Profile: the logon is cancelled with its sessions, its grants and
//! the secondary logons it created; refused while a business would be left
//! without a Master Administrator.

use super::require_password;
use crate::{
    access::masters,
    audit,
    db::Dialect,
    http::{error::ApiResult, json::Json},
    session::{self, SignedIn, SourceAddress},
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

pub async fn delete_profile(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<DeleteProfileRequest>,
) -> ApiResult<impl IntoResponse> {
    request.parse()?;
    let logon_id = signed_in.logon_id;
    require_password(&state, logon_id, &request.password, PASSWORD_FIELD).await?;

    let now = state.now();
    let mut tx = state.begin().await?;
    // Checked inside the transaction, after the businesses' locks, so another
    // Master Administrator leaving at the same instant cannot slip past.
    let held = masters::master_grant_customers(&mut tx, logon_id).await?;
    masters::serialize(&mut tx, Dialect::of(&state.db), &held).await?;
    let businesses = masters::sole_master_of(&mut *tx, logon_id, state.clock.today()).await?;
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
    // The logon and the secondary logons it created, as one set of ids.
    let family = "SELECT id FROM logons WHERE id = $1 OR parent_logon_id = $1";
    session::end_family(&mut tx, logon_id).await?;
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
    let event = audit::Event {
        logon_id: Some(logon_id),
        action: "profile_deleted",
        success: true,
        detail: Some(&detail),
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, session::clear_cookie(&state.settings))]),
    ))
}
