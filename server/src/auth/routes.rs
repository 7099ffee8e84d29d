//! `/api/session`: sign in (POST), who am I (GET), sign out (DELETE).

use super::{device, hashing, lockout, password, pending, two_step};
use crate::http::Routes;
use crate::session::{self, NewSession, Shown, SigningIn, SourceAddress};
use crate::{
    access, audit,
    db::derived::{Stamp, EPOCH_SQL},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    rate_limit,
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{AppendHeaders, IntoResponse, Response},
};
use secrecy::{ExposeSecret, SecretString};
use wire::session::{CustomerRef, SessionStage, SessionView, SignInRequest};

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .post("/session", sign_in)
        .get("/session", current)
        .delete("/session", sign_out)
}

/// Sign-in attempts one address may make in a window, whatever the usernames.
const ADDRESS_LIMIT: i64 = 100;
const ADDRESS_WINDOW_SECONDS: i64 = 15 * 60;

async fn sign_in(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
    Json(request): Json<SignInRequest>,
) -> ApiResult<Response> {
    let form = request.parse()?;
    let now = state.now();
    if !rate_limit::hit(
        &state.db,
        "sign_in",
        &rate_limit::address_key(address.as_deref()),
        ADDRESS_LIMIT,
        ADDRESS_WINDOW_SECONDS,
        now,
    )
    .await?
    {
        return Err(ApiError::TooManyRequests);
    }
    let logon: Option<(i64, Option<String>, String, String)> = sqlx::query_as(
        "SELECT id, password_hash, status, email FROM logons WHERE username_key = $1",
    )
    .bind(form.username.to_lowercase())
    .fetch_optional(&state.db)
    .await?;
    // Registered but not confirmed: a right password hears so (auth::pending).
    if let Some((id, hash, status, email)) = &logon {
        if status == "pending" {
            let typed = SecretString::from(form.password.as_str());
            let answer =
                pending::sign_in(&state, *id, hash.clone(), typed, email, address.as_deref());
            return answer.await;
        }
    }
    let logon = logon.map(|(id, hash, _, _)| (id, hash));
    // Counted before the password is checked, so parallel guesses cannot pass the limit.
    let attempt = match &logon {
        Some((id, _)) => lockout::claim(&state, &headers, *id, now).await?,
        None => None,
    };
    // Without a counted attempt the same work is spent on no hash, so a locked
    // or unknown logon answers as slowly as a wrong password.
    let stored = logon
        .as_ref()
        .filter(|_| attempt.is_some())
        .and_then(|(_, hash)| hash.clone());
    let typed = SecretString::from(form.password.as_str());
    // argon2 is deliberately slow: keep it off the async workers.
    let password_ok =
        hashing::run(move || password::verify(typed.expose_secret(), stored.as_deref())).await?;
    // A temporary password past its end fails like a wrong one; before its end
    // it opens only Change Password.
    let after_password = match (&attempt, password_ok) {
        (Some(attempt), true) => {
            password::stage_after_password(&state.db, attempt.logon_id, now).await?
        }
        _ => None,
    };
    let (Some(attempt), Some(after_password)) = (attempt, after_password) else {
        let detail = if password_ok {
            "temporary password expired"
        } else {
            "wrong password"
        };
        let logon_id = logon.map(|(id, _)| id);
        return refuse(&state, logon_id, attempt, address.as_deref(), detail).await;
    };
    let logon_id = attempt.logon_id;

    let today = state.clock.today();
    let customer = access::scope::default_customer(&state.db, logon_id, today).await?;
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    // With 2-step verification the sign-in completes (and is counted) after the code.
    let two_step = two_step::is_enabled(&state.db, logon_id).await?;
    let stage = if two_step {
        SessionStage::TwoStepRequired
    } else {
        after_password
    };
    if two_step {
        attempt.give_back(&state).await?;
    }
    let mut tx = state.begin().await?;
    let device_cookie = if two_step {
        None
    } else {
        attempt.succeeded(&mut tx).await?;
        record_sign_in(&mut *tx, logon_id, now).await?;
        Some(device::issue(&mut tx, &state, logon_id, attempt.device, now).await?)
    };
    let token = session::create(
        &mut *tx,
        &state.settings,
        now,
        NewSession {
            stage,
            logon_id,
            current_customer_id: customer,
            source_address: address.as_deref(),
            user_agent,
        },
    )
    .await?;
    if two_step {
        two_step::limit_pending(&mut *tx, &token, now).await?;
    }
    let event = audit::Event {
        logon_id: Some(logon_id),
        customer_id: customer,
        action: if two_step {
            "sign_in_password"
        } else {
            "sign_in"
        },
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;

    let mut view = session_view(&state, logon_id, customer).await?;
    view.stage = stage;
    view.idle_expires_at = Some(now + state.settings.idle_timeout.as_secs() as i64);
    let mut response = Json(view).into_response();
    let cookies = response.headers_mut();
    cookies.append(
        header::SET_COOKIE,
        session::set_cookie(&state.settings, &token),
    );
    cookies.extend(device_cookie.map(|c| (header::SET_COOKIE, c)));
    Ok(response)
}

/// A sign-in turned down, with one answer for every reason. A checked attempt
/// counts as a failure; one the lock stopped, or for no logon, is only recorded.
async fn refuse(
    state: &AppState,
    logon_id: Option<i64>,
    attempt: Option<lockout::Attempt>,
    address: Option<&str>,
    detail: &'static str,
) -> ApiResult<Response> {
    let mut response = ApiError::SignInFailed.into_response();
    match (logon_id, attempt) {
        (_, Some(attempt)) => {
            let failure = attempt.failed(state, address, "sign_in", detail).await?;
            if failure.device_voided {
                let clear = device::clear(state, attempt.logon_id);
                response.headers_mut().append(header::SET_COOKIE, clear);
            }
        }
        (Some(logon_id), None) => lockout::refused(state, logon_id, address, "sign_in").await?,
        (None, _) => {
            let event = audit::Event {
                action: "sign_in",
                success: false,
                detail: Some("unknown username"),
                source_address: address,
                ..Default::default()
            };
            audit::record(&state.db, state.now(), event).await?;
        }
    }
    Ok(response)
}

/// A completed sign-in: the "last logged in" dates move on.
pub(crate) async fn record_sign_in<'e, E>(executor: E, logon_id: i64, now: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE logons SET previous_sign_in_at = last_sign_in_at, last_sign_in_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(logon_id)
    .execute(executor)
    .await?;
    Ok(())
}

/// Answers for a session at any stage, so the app can show the step it waits for.
/// All it shows was read with the session, or derived under its access epoch.
async fn current(
    State(state): State<AppState>,
    signing_in: SigningIn,
) -> ApiResult<Json<SessionView>> {
    let stamp = Stamp {
        epoch: signing_in.access_epoch,
        today: state.clock.today(),
    };
    let mut view = shell_view(&state, stamp, signing_in.logon_id, signing_in.shown).await?;
    view.stage = signing_in.stage;
    view.idle_expires_at =
        Some(signing_in.last_seen_at + state.settings.idle_timeout.as_secs() as i64);
    Ok(Json(view))
}

async fn sign_out(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SigningIn,
) -> ApiResult<impl IntoResponse> {
    session::delete(&state.db, signed_in.session_id).await?;
    let event = audit::Event {
        logon_id: Some(signed_in.logon_id),
        action: "sign_out",
        success: true,
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&state.db, state.now(), event).await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, session::clear_cookie(&state.settings))]),
    ))
}

/// The signed-in logon as the app shell needs it, read afresh (after a
/// sign-in or a switch of customer).
pub async fn session_view(
    state: &AppState,
    logon_id: i64,
    current_customer_id: Option<i64>,
) -> ApiResult<SessionView> {
    let (username, name, previous_sign_in_at, epoch): (String, String, Option<i64>, i64) =
        sqlx::query_as(&format!(
            "SELECT username, name, previous_sign_in_at, {EPOCH_SQL} FROM logons WHERE id = $1"
        ))
        .bind(logon_id)
        .fetch_one(&state.db)
        .await?;
    let current_customer = match current_customer_id {
        Some(customer_id) => {
            let row: Option<(i64, String, String)> =
                sqlx::query_as("SELECT id, legal_name, reg_number FROM customers WHERE id = $1")
                    .bind(customer_id)
                    .fetch_optional(&state.db)
                    .await?;
            row.map(|(id, legal_name, reg_number)| CustomerRef {
                id,
                legal_name,
                reg_number,
            })
        }
        None => None,
    };
    let shown = Shown {
        username,
        name,
        previous_sign_in_at,
        current_customer,
    };
    let stamp = Stamp {
        epoch,
        today: state.clock.today(),
    };
    shell_view(state, stamp, logon_id, shown).await
}

/// The view of the app shell from what was read of the logon. The current
/// customer is shown only while the logon may still reach it.
async fn shell_view(
    state: &AppState,
    stamp: Stamp,
    logon_id: i64,
    shown: Shown,
) -> ApiResult<SessionView> {
    let mut current_customer = None;
    if let Some(customer) = shown.current_customer {
        let reached =
            access::customer_access_at(&state.db, &state.derived, stamp, logon_id, customer.id)
                .await?;
        current_customer = reached.map(|_| customer);
    }
    let customer_count =
        access::scope::reachable_customer_count_at(&state.db, &state.derived, stamp, logon_id)
            .await?;
    Ok(SessionView {
        stage: SessionStage::Full,
        username: shown.username,
        name: shown.name,
        previous_sign_in_at: shown.previous_sign_in_at,
        current_customer,
        customer_count,
        idle_expires_at: None,
        idle_timeout_seconds: Some(state.settings.idle_timeout.as_secs() as i64),
        warning_lead_seconds: Some(state.settings.timeout_warning.as_secs() as i64),
    })
}
