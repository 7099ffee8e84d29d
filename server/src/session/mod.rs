//! Server-side sessions: an opaque random token in an HttpOnly cookie, only its
//! hash in the database.

pub mod extract;

pub use extract::{SignedIn, SigningIn, SourceAddress};

use crate::{
    audit, crypto,
    db::{derived::EPOCH_SQL, Db},
    state::Settings,
};
use axum::http::{header, HeaderMap, HeaderValue};
use sqlx::AnyConnection;
use wire::{
    access::LogonState,
    session::{CustomerRef, SessionStage},
};

pub const COOKIE_SECURE: &str = "__Host-portal_session";
/// Browsers refuse `__Host-` cookies without `Secure`, so plain-http localhost uses this.
pub const COOKIE_LOCAL: &str = "portal_session";

pub fn cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        COOKIE_SECURE
    } else {
        COOKIE_LOCAL
    }
}

/// The value of our session cookie in the request, if any.
pub fn token_from(headers: &HeaderMap, settings: &Settings) -> Option<String> {
    cookie_value(headers, cookie_name(settings))
}

/// The value of the cookie called `name` in the request, if any.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

pub fn set_cookie(settings: &Settings, token: &str) -> HeaderValue {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let max_age = settings.absolute_timeout.as_secs();
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
        cookie_name(settings)
    ))
    .expect("a token is URL-safe base64")
}

pub fn clear_cookie(settings: &Settings) -> HeaderValue {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
        cookie_name(settings)
    ))
    .expect("a fixed cookie")
}

#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: i64,
    pub logon_id: i64,
    pub current_customer_id: Option<i64>,
    pub last_seen_at: i64,
    pub stage: SessionStage,
    /// The access epoch, read in the same query (see `db::derived`).
    pub access_epoch: i64,
    pub shown: Shown,
}

/// The logon and its current customer as the app shell shows them, read with
/// the session so that "who am I" needs no query of its own.
#[derive(Debug, Clone)]
pub struct Shown {
    pub username: String,
    pub name: String,
    pub previous_sign_in_at: Option<i64>,
    /// The session's current customer, before the rules say it is still reached.
    pub current_customer: Option<CustomerRef>,
}

pub struct NewSession<'a> {
    pub stage: SessionStage,
    pub logon_id: i64,
    pub current_customer_id: Option<i64>,
    pub source_address: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

/// Starts a session and returns the token for the cookie (never stored as is).
pub async fn create<'e, E>(
    executor: E,
    settings: &Settings,
    now: i64,
    new: NewSession<'_>,
) -> sqlx::Result<String>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let token = crypto::random_token();
    let expires_at = now + settings.absolute_timeout.as_secs() as i64;
    let user_agent = new
        .user_agent
        .map(|ua| ua.chars().take(200).collect::<String>());
    sqlx::query(
        "INSERT INTO sessions (token_hash, logon_id, current_customer_id, created_at, last_seen_at, expires_at, source_address, user_agent, stage) \
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)",
    )
    .bind(crypto::token_hash(&token))
    .bind(new.logon_id)
    .bind(new.current_customer_id)
    .bind(now)
    .bind(expires_at)
    .bind(new.source_address)
    .bind(user_agent)
    .bind(new.stage.code())
    .execute(executor)
    .await?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct StoredSession {
    id: i64,
    logon_id: i64,
    current_customer_id: Option<i64>,
    last_seen_at: i64,
    expires_at: i64,
    logon_status: String,
    stage: String,
    access_epoch: i64,
    username: String,
    name: String,
    previous_sign_in_at: Option<i64>,
    customer_name: Option<String>,
    customer_reg_number: Option<String>,
}

/// The live session for a token: not past its absolute end, not idle too long,
/// and its logon still acting (active, or locked for untrusted browsers). An ended session is deleted on sight.
pub async fn find_live(
    db: &Db,
    settings: &Settings,
    token: &str,
    now: i64,
) -> sqlx::Result<Option<SessionRow>> {
    // One query for all a request needs before its own work: the session, its
    // logon, the current customer's name and the access epoch.
    let row: Option<StoredSession> = sqlx::query_as(&format!(
        "SELECT s.id, s.logon_id, s.current_customer_id, s.last_seen_at, s.expires_at, \
           l.status AS logon_status, s.stage, {EPOCH_SQL} AS access_epoch, \
           l.username, l.name, l.previous_sign_in_at, \
           c.legal_name AS customer_name, c.reg_number AS customer_reg_number \
         FROM sessions s JOIN logons l ON l.id = s.logon_id \
           LEFT JOIN customers c ON c.id = s.current_customer_id \
         WHERE s.token_hash = $1"
    ))
    .bind(crypto::token_hash(token))
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let idle_limit = row.last_seen_at + settings.idle_timeout.as_secs() as i64;
    let stage = SessionStage::from_code(&row.stage);
    // A lock stops new sign-ins from untrusted browsers, not live sessions.
    let acts = LogonState::from_code(&row.logon_status) == LogonState::Active;
    let ended = now >= row.expires_at || now >= idle_limit || !acts;
    let Some(stage) = stage.filter(|_| !ended) else {
        delete(db, row.id).await?;
        if acts {
            let event = audit::Event {
                logon_id: Some(row.logon_id),
                action: "session_timeout",
                success: true,
                ..Default::default()
            };
            audit::record(db, now, event).await?;
        }
        return Ok(None);
    };
    let current_customer = match (
        row.current_customer_id,
        row.customer_name,
        row.customer_reg_number,
    ) {
        (Some(id), Some(legal_name), Some(reg_number)) => Some(CustomerRef {
            id,
            legal_name,
            reg_number,
        }),
        _ => None,
    };
    Ok(Some(SessionRow {
        id: row.id,
        logon_id: row.logon_id,
        current_customer_id: row.current_customer_id,
        last_seen_at: row.last_seen_at,
        stage,
        access_epoch: row.access_epoch,
        shown: Shown {
            username: row.username,
            name: row.name,
            previous_sign_in_at: row.previous_sign_in_at,
            current_customer,
        },
    }))
}

/// Records activity on the session; at most once a minute to spare the database.
pub async fn touch(db: &Db, session: &mut SessionRow, now: i64) -> sqlx::Result<()> {
    if now - session.last_seen_at >= 60 {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
            .bind(now)
            .bind(session.id)
            .execute(db)
            .await?;
        session.last_seen_at = now;
    }
    Ok(())
}

pub async fn delete<'e, E>(executor: E, session_id: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(session_id)
        .execute(executor)
        .await?;
    Ok(())
}

/// Gives the session a new token (a new row, so a new id) and the given stage;
/// the old token stops working. `restart` starts the absolute timeout afresh.
pub async fn rotate(
    tx: &mut AnyConnection,
    settings: &Settings,
    session_id: i64,
    stage: SessionStage,
    now: i64,
    restart: bool,
) -> sqlx::Result<String> {
    let token = crypto::random_token();
    let (created_at, expires_at) = if restart {
        (
            Some(now),
            Some(now + settings.absolute_timeout.as_secs() as i64),
        )
    } else {
        (None, None)
    };
    sqlx::query(
        "INSERT INTO sessions (token_hash, logon_id, current_customer_id, created_at, last_seen_at, expires_at, source_address, user_agent, stage) \
         SELECT $1, logon_id, current_customer_id, COALESCE($2, created_at), $3, COALESCE($4, expires_at), source_address, user_agent, $5 \
         FROM sessions WHERE id = $6",
    )
    .bind(crypto::token_hash(&token))
    .bind(created_at)
    .bind(now)
    .bind(expires_at)
    .bind(stage.code())
    .bind(session_id)
    .execute(&mut *tx)
    .await?;
    delete(&mut *tx, session_id).await?;
    Ok(token)
}

/// The session a security change was made in.
#[derive(Debug, Clone, Copy)]
pub struct Current {
    pub session_id: i64,
    /// The stage it continues in (a temporary password's change completes a sign-in).
    pub stage: SessionStage,
}

impl From<&SignedIn> for Current {
    fn from(signed_in: &SignedIn) -> Self {
        Current {
            session_id: signed_in.session_id,
            stage: SessionStage::Full,
        }
    }
}

/// What [`end_others_and_rotate`] did.
#[derive(Debug)]
pub struct Secured {
    /// How many other sessions ended.
    pub ended: u64,
    /// The current session's new token, for the cookie.
    pub token: Option<String>,
}

/// The one thing every security change does to sessions (a new password, a
/// new email address, a new secret question, 2-step on or off, recovery,
/// "sign out of other sessions"): every other session of the logon ends, and
/// the one the change was made in, if any, continues under a new token. With
/// no current session (a reset link, a parent's temporary password, an email
/// link opened elsewhere) every session ends. Inside the change's transaction.
pub async fn end_others_and_rotate(
    tx: &mut AnyConnection,
    settings: &Settings,
    logon_id: i64,
    current: Option<Current>,
    now: i64,
) -> sqlx::Result<Secured> {
    let keep = current.map_or(-1, |c| c.session_id);
    let ended = sqlx::query("DELETE FROM sessions WHERE logon_id = $1 AND id <> $2")
        .bind(logon_id)
        .bind(keep)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let token = match current {
        Some(current) => {
            Some(rotate(tx, settings, current.session_id, current.stage, now, false).await?)
        }
        None => None,
    };
    Ok(Secured { ended, token })
}

/// Ends every session of the logon and of the secondary logons it created:
/// Delete My Profile cancels them all.
pub async fn end_family(tx: &mut AnyConnection, parent_logon_id: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM sessions WHERE logon_id IN \
           (SELECT id FROM logons WHERE id = $1 OR parent_logon_id = $1)",
    )
    .bind(parent_logon_id)
    .execute(&mut *tx)
    .await?
    .rows_affected())
}

/// Ends every session of the logon: it stops acting (disabled, cancelled).
pub async fn end_all(tx: &mut AnyConnection, logon_id: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE logon_id = $1")
        .bind(logon_id)
        .execute(&mut *tx)
        .await?
        .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn settings(secure: bool) -> Settings {
        Settings {
            secure_cookies: secure,
            idle_timeout: Duration::from_secs(900),
            absolute_timeout: Duration::from_secs(43_200),
            timeout_warning: Duration::from_secs(120),
            public_url: "http://127.0.0.1:8080".into(),
        }
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_secure_unless_on_localhost() {
        let secure = set_cookie(&settings(true), "abc");
        let text = secure.to_str().unwrap();
        assert!(text.starts_with("__Host-portal_session=abc;"));
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Strict"));
        assert!(text.contains("; Secure"));
        let local = set_cookie(&settings(false), "abc");
        assert!(!local.to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; portal_session=tok123; other=1"),
        );
        assert_eq!(
            token_from(&headers, &settings(false)).as_deref(),
            Some("tok123")
        );
        assert_eq!(token_from(&headers, &settings(true)), None);
    }
}
