//! `/api/session`: sign in (POST), who am I (GET), sign out (DELETE).

use super::{
    extract::{SigningIn, SourceAddress},
    password,
    session::{self, NewSession},
    two_step,
};
use crate::http::Routes;
use crate::{
    access, activity,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    mail::OutgoingMail,
    rate_limit,
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{AppendHeaders, IntoResponse},
};
use wire::session::{CustomerRef, SessionStage, SessionView, SignInRequest};

pub fn routes() -> Routes {
    Routes::new()
        .post("/session", sign_in)
        .get("/session", current)
        .delete("/session", sign_out)
}

#[derive(sqlx::FromRow)]
struct LogonForSignIn {
    id: i64,
    email: String,
    password_hash: Option<String>,
    status: String,
    locked_at: Option<i64>,
    failed_sign_ins: i64,
}

impl LogonForSignIn {
    fn lock_expired(&self, now: i64) -> bool {
        self.status == "locked" && self.locked_at.is_some_and(|at| now >= at + LOCKOUT_SECONDS)
    }
}

/// Consecutive failures that lock a logon, and how long the lock lasts.
pub const LOCKOUT_THRESHOLD: i64 = 5;
pub const LOCKOUT_SECONDS: i64 = 30 * 60;
/// Sign-in attempts one address may make in a window, whatever the usernames.
const ADDRESS_LIMIT: i64 = 100;
const ADDRESS_WINDOW_SECONDS: i64 = 15 * 60;

async fn sign_in(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
    Json(request): Json<SignInRequest>,
) -> ApiResult<impl IntoResponse> {
    let form = request.parse()?;
    let now = state.now();
    let subject = address.as_deref().unwrap_or("unknown");
    if !rate_limit::hit(
        &state.db,
        "sign_in",
        subject,
        ADDRESS_LIMIT,
        ADDRESS_WINDOW_SECONDS,
        now,
    )
    .await?
    {
        return Err(ApiError::TooManyRequests);
    }
    let logon: Option<LogonForSignIn> = sqlx::query_as(
        "SELECT id, email, password_hash, status, locked_at, failed_sign_ins FROM logons WHERE username_key = $1",
    )
    .bind(form.username.to_lowercase())
    .fetch_optional(&state.db)
    .await?;

    let stored = logon.as_ref().and_then(|l| l.password_hash.clone());
    let typed = form.password.clone();
    // argon2 is deliberately slow: keep it off the async workers.
    let password_ok =
        tokio::task::spawn_blocking(move || password::verify(&typed, stored.as_deref()))
            .await
            .map_err(anyhow::Error::from)?;

    // A lock lifts by itself once its time is up; the attempt then counts afresh.
    // A lock lifts by itself once its time is up; the attempt then counts afresh.
    let usable = |l: &LogonForSignIn| l.status == "active" || l.lock_expired(now);
    // A temporary password past its end fails like a wrong one; before its end
    // it opens only Change Password.
    let after_password = match &logon {
        Some(l) if password_ok => {
            crate::profile::password::stage_after_password(&state.db, l.id, now).await?
        }
        _ => None,
    };
    let accepted = logon
        .as_ref()
        .is_some_and(|l| password_ok && usable(l) && after_password.is_some());
    let logon = match logon {
        Some(logon) if accepted => logon,
        logon => {
            if let Some(logon) = &logon {
                record_failure(&state, logon.id, now, address.as_deref(), "sign_in").await?;
            } else {
                let event = activity::Event {
                    action: "sign_in",
                    success: false,
                    source_address: address.as_deref(),
                    ..Default::default()
                };
                activity::record(&state.db, now, event).await?;
            }
            return Err(ApiError::SignInFailed);
        }
    };

    let today = state.clock.today();
    let customer = access::scope::default_customer(&state.db, logon.id, today).await?;
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    // With 2-step verification the sign-in completes (and is counted) after the code.
    let two_step = two_step::is_enabled(&state.db, logon.id).await?;
    let stage = if two_step {
        SessionStage::TwoStepRequired
    } else {
        after_password.unwrap_or_default()
    };
    let mut tx = state.db.begin().await?;
    if two_step {
        // A lock that ran out lifts here; its failures start over, as without 2-step.
        sqlx::query(
            "UPDATE logons SET failed_sign_ins = CASE WHEN status = 'locked' THEN 0 ELSE failed_sign_ins END, \
               status = 'active', locked_at = NULL WHERE id = $1",
        )
            .bind(logon.id)
            .execute(&mut *tx)
            .await?;
    } else {
        record_sign_in(&mut *tx, logon.id, now).await?;
    }
    let token = session::create(
        &mut *tx,
        &state.settings,
        now,
        NewSession {
            stage,
            logon_id: logon.id,
            current_customer_id: customer,
            source_address: address.as_deref(),
            user_agent,
        },
    )
    .await?;
    if two_step {
        two_step::limit_pending(&mut *tx, &token, now).await?;
    }
    let event = activity::Event {
        logon_id: Some(logon.id),
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
    activity::record(&mut *tx, now, event).await?;
    tx.commit().await?;

    let mut view = session_view(&state, logon.id, customer).await?;
    view.stage = stage;
    view.idle_expires_at = Some(now + state.settings.idle_timeout.as_secs() as i64);
    Ok((
        AppendHeaders([(
            header::SET_COOKIE,
            session::set_cookie(&state.settings, &token),
        )]),
        Json(view),
    ))
}

/// A completed sign-in: the "last logged in" dates move on and failures reset.
pub(crate) async fn record_sign_in<'e, E>(executor: E, logon_id: i64, now: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE logons SET previous_sign_in_at = last_sign_in_at, last_sign_in_at = $1, failed_sign_ins = 0, \
           status = 'active', locked_at = NULL WHERE id = $2",
    )
    .bind(now)
    .bind(logon_id)
    .execute(executor)
    .await?;
    Ok(())
}

/// Counts a failed attempt on a known logon (a wrong password, or a wrong 2-step
/// code); the fifth in a row locks it and tells its owner by email. Attempts
/// during a lock neither extend nor lift it. True when this attempt locked it.
pub(crate) async fn record_failure(
    state: &AppState,
    logon_id: i64,
    now: i64,
    address: Option<&str>,
    action: &'static str,
) -> ApiResult<bool> {
    let mut tx = state.db.begin().await?;
    let logon: LogonForSignIn = sqlx::query_as(
        "SELECT id, email, password_hash, status, locked_at, failed_sign_ins FROM logons WHERE id = $1",
    )
    .bind(logon_id)
    .fetch_one(&mut *tx)
    .await?;
    let lock_expired = logon.lock_expired(now);
    let failures = if lock_expired {
        1
    } else {
        logon.failed_sign_ins + 1
    };
    // A logon under a lock that has not run out is left as it is.
    let counts = logon.status == "active" || lock_expired;
    let locks_now = counts && failures >= LOCKOUT_THRESHOLD;
    if counts {
        sqlx::query(
            "UPDATE logons SET failed_sign_ins = $1, status = $2, locked_at = $3 WHERE id = $4",
        )
        .bind(failures)
        .bind(if locks_now { "locked" } else { "active" })
        .bind(locks_now.then_some(now))
        .bind(logon.id)
        .execute(&mut *tx)
        .await?;
    }
    let event = activity::Event {
        logon_id: Some(logon.id),
        action,
        success: false,
        source_address: address,
        ..Default::default()
    };
    activity::record(&mut *tx, now, event).await?;
    if locks_now {
        let event = activity::Event {
            logon_id: Some(logon.id),
            action: "lockout",
            success: true,
            detail: Some("5 failed log ins in a row"),
            source_address: address,
            ..Default::default()
        };
        activity::record(&mut *tx, now, event).await?;
        let mail = OutgoingMail {
            to: logon.email.clone(),
            subject: "Your logon is locked".to_owned(),
            body_text: "There were 5 failed attempts in a row to log in to your Taxpayer Portal logon, \
so it is locked for 30 minutes. It unlocks by itself after that, or at once when you reset your \
password with \"Forgot username or password?\" on the Log In page.\n\n\
If these attempts were not yours, reset your password now and consider turning on 2-step verification."
                .to_owned(),
            kind: "lockout",
            logon_id: Some(logon.id),
        };
        state.mailer.send(&mut *tx, mail).await?;
    }
    tx.commit().await?;
    if locks_now {
        state.mailer.notify();
    }
    Ok(locks_now)
}

/// Answers for a session at any stage, so the app can show the step it waits for.
async fn current(
    State(state): State<AppState>,
    signing_in: SigningIn,
) -> ApiResult<Json<SessionView>> {
    let mut view =
        session_view(&state, signing_in.logon_id, signing_in.current_customer_id).await?;
    view.stage = signing_in.stage;
    view.idle_expires_at = two_step::idle_expires_at(&state, signing_in.session_id).await?;
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
    let customer_count =
        access::scope::reachable_customer_count(&state.db, logon_id, today).await?;
    Ok(SessionView {
        stage: SessionStage::Full,
        username,
        name,
        previous_sign_in_at,
        current_customer,
        customer_count,
        idle_expires_at: None,
        idle_timeout_seconds: Some(state.settings.idle_timeout.as_secs() as i64),
        warning_lead_seconds: Some(state.settings.timeout_warning.as_secs() as i64),
    })
}
