//! The logon's live sessions, and "Sign out of other sessions".

use crate::{
    audit,
    http::{error::ApiResult, json::Json},
    session::{self, SignedIn, SourceAddress},
    state::AppState,
};
use axum::{
    extract::State,
    http::header,
    response::{AppendHeaders, IntoResponse},
};
use wire::profile::{describe_device, SessionEntry, SessionList, SessionsEnded};

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<SessionList>> {
    let now = state.now();
    // Live as `session::find_live` judges it: within both time limits.
    let idle = state.settings.idle_timeout.as_secs() as i64;
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        user_agent: Option<String>,
        source_address: Option<String>,
        created_at: i64,
        last_seen_at: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, user_agent, source_address, created_at, last_seen_at FROM sessions \
         WHERE logon_id = $1 AND expires_at > $2 AND last_seen_at > $3 AND stage = 'full' \
         ORDER BY last_seen_at DESC, id DESC",
    )
    .bind(signed_in.logon_id)
    .bind(now)
    .bind(now - idle)
    .fetch_all(&state.db)
    .await?;
    let sessions = rows
        .into_iter()
        .map(|row| SessionEntry {
            device: describe_device(row.user_agent.as_deref()),
            source_address: row.source_address,
            signed_in_at: row.created_at,
            last_seen_at: row.last_seen_at,
            this_session: row.id == signed_in.session_id,
        })
        .collect();
    Ok(Json(SessionList { sessions }))
}

/// "Sign out of other sessions": the others end, and this one continues under
/// a new token, as after any security change.
pub async fn end_others(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
) -> ApiResult<impl IntoResponse> {
    let now = state.now();
    let mut tx = state.begin().await?;
    let secured = session::end_others_and_rotate(
        &mut tx,
        &state.settings,
        signed_in.logon_id,
        Some((&signed_in).into()),
        now,
    )
    .await?;
    let ended = secured.ended as i64;
    let token = secured.token.expect("a current session gets a new token");
    let detail = format!("{ended} ended");
    let event = audit::Event {
        logon_id: Some(signed_in.logon_id),
        action: "other_sessions_ended",
        success: true,
        detail: Some(&detail),
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    Ok((
        AppendHeaders([(
            header::SET_COOKIE,
            session::set_cookie(&state.settings, &token),
        )]),
        Json(SessionsEnded { ended }),
    ))
}
