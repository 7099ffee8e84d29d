//! `/api/session`: sign in (POST), who am I (GET), sign out (DELETE).

use super::{
    extract::{SigningIn, SourceAddress},
    password,
    session::{self, NewSession},
};
use crate::{
    access, activity,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{AppendHeaders, IntoResponse},
    routing::post,
    Router,
};
use wire::session::{CustomerRef, SessionStage, SessionView, SignInRequest};

pub fn router() -> Router<AppState> {
    Router::new().route("/session", post(sign_in).get(current).delete(sign_out))
}

struct LogonForSignIn {
    id: i64,
    password_hash: Option<String>,
    status: String,
}

async fn sign_in(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
    Json(request): Json<SignInRequest>,
) -> ApiResult<impl IntoResponse> {
    let form = request.parse()?;
    let row: Option<(i64, Option<String>, String)> =
        sqlx::query_as("SELECT id, password_hash, status FROM logons WHERE username_key = $1")
            .bind(form.username.to_lowercase())
            .fetch_optional(&state.db)
            .await?;
    let logon = row.map(|(id, password_hash, status)| LogonForSignIn {
        id,
        password_hash,
        status,
    });

    let stored = logon.as_ref().and_then(|l| l.password_hash.clone());
    let typed = form.password.clone();
    // argon2 is deliberately slow: keep it off the async workers.
    let password_ok =
        tokio::task::spawn_blocking(move || password::verify(&typed, stored.as_deref()))
            .await
            .map_err(anyhow::Error::from)?;

    let now = state.now();
    let known_id = logon.as_ref().map(|l| l.id);
    let accepted = logon
        .as_ref()
        .is_some_and(|l| password_ok && l.status == "active");
    let Some(logon) = logon.filter(|_| accepted) else {
        if let Some(id) = known_id {
            sqlx::query("UPDATE logons SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1")
                .bind(id)
                .execute(&state.db)
                .await?;
        }
        let event = activity::Event {
            logon_id: known_id,
            action: "sign_in",
            success: false,
            source_address: address.as_deref(),
            ..Default::default()
        };
        activity::record(&state.db, now, event).await?;
        return Err(ApiError::SignInFailed);
    };

    let today = state.clock.today();
    let customer = access::default_customer(&state.db, logon.id, today).await?;
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "UPDATE logons SET previous_sign_in_at = last_sign_in_at, last_sign_in_at = $1, failed_sign_ins = 0 WHERE id = $2",
    )
    .bind(now)
    .bind(logon.id)
    .execute(&mut *tx)
    .await?;
    let token = session::create(
        &mut *tx,
        &state.settings,
        now,
        NewSession {
            stage: SessionStage::Full,
            logon_id: logon.id,
            current_customer_id: customer,
            source_address: address.as_deref(),
            user_agent,
        },
    )
    .await?;
    let event = activity::Event {
        logon_id: Some(logon.id),
        customer_id: customer,
        action: "sign_in",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    activity::record(&mut *tx, now, event).await?;
    tx.commit().await?;

    let view = session_view(&state, logon.id, customer).await?;
    Ok((
        AppendHeaders([(
            header::SET_COOKIE,
            session::set_cookie(&state.settings, &token),
        )]),
        Json(view),
    ))
}

/// Answers for a session at any stage, so the app can show the step it waits for.
async fn current(
    State(state): State<AppState>,
    signing_in: SigningIn,
) -> ApiResult<Json<SessionView>> {
    let mut view =
        session_view(&state, signing_in.logon_id, signing_in.current_customer_id).await?;
    view.stage = signing_in.stage;
    Ok(Json(view))
}

async fn sign_out(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SigningIn,
) -> ApiResult<impl IntoResponse> {
    session::delete(&state.db, signed_in.session_id).await?;
    let event = activity::Event {
        logon_id: Some(signed_in.logon_id),
        action: "sign_out",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    activity::record(&state.db, state.now(), event).await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, session::clear_cookie(&state.settings))]),
    ))
}

/// The signed-in logon as the app shell needs it. The current customer is shown
/// only while the logon may still reach it.
pub async fn session_view(
    state: &AppState,
    logon_id: i64,
    current_customer_id: Option<i64>,
) -> ApiResult<SessionView> {
    let today = state.clock.today();
    let (username, name, previous_sign_in_at): (String, String, Option<i64>) =
        sqlx::query_as("SELECT username, name, previous_sign_in_at FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(&state.db)
            .await?;
    let mut current_customer = None;
    if let Some(customer_id) = current_customer_id {
        if access::customer_access(&state.db, logon_id, customer_id, today)
            .await?
            .is_some()
        {
            let (id, legal_name, reg_number): (i64, String, String) =
                sqlx::query_as("SELECT id, legal_name, reg_number FROM customers WHERE id = $1")
                    .bind(customer_id)
                    .fetch_one(&state.db)
                    .await?;
            current_customer = Some(CustomerRef {
                id,
                legal_name,
                reg_number,
            });
        }
    }
    let customer_count = access::reachable_customer_count(&state.db, logon_id, today).await?;
    Ok(SessionView {
        stage: SessionStage::Full,
        username,
        name,
        previous_sign_in_at,
        current_customer,
        customer_count,
    })
}
