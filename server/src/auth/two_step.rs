//! 2-step verification with an authentication app (RFC 6238 TOTP: SHA-1, 6
//! digits, 30-second steps) and single-use recovery codes; the sign-in step
//! that asks for a code; and keep-alive for the idle timeout warning.

use super::{
    device, hashing, lockout, password,
    routes::{record_sign_in, session_view},
};
use crate::http::Routes;
use crate::session::{self, SignedIn, SigningIn, SourceAddress};
use crate::{
    audit, crypto,
    db::Db,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    mail::{templates, OutgoingMail},
    rate_limit,
    state::AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderMap},
    response::{AppendHeaders, IntoResponse, Response},
};
use base64::{engine::general_purpose::STANDARD, Engine};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rand::{Rng, RngCore};
use secrecy::{ExposeSecret, SecretSlice, SecretString};
use wire::{
    session::SessionStage,
    two_step::{
        format_recovery_code, Code, CodeRequest, ConfirmView, DisableRequest, KeepAliveView,
        SetupRequest, SetupView, TwoStepStatus, MAX_SIGN_IN_CODE_ATTEMPTS, RECOVERY_CODE_COUNT,
        RECOVERY_CODE_LEN, WRONG_CODE, WRONG_PASSWORD,
    },
    FieldErrors,
};

/// The name authentication apps show above the code.
pub const ISSUER: &str = "Taxpayer Portal";
/// A sign-in waiting for its code ends after this long.
pub const PENDING_SECONDS: i64 = 5 * 60;
/// Codes tried per sign-in, counted in the rate limits.
const ATTEMPTS_BUCKET: &str = "two_step_sign_in";
const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;
/// No 0/o, 1/l/i: easy to read back from paper.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/two-step", status)
        .post("/two-step/setup", setup)
        .post("/two-step/confirm", confirm)
        .post("/two-step/disable", disable)
        .post("/session/two-step", complete_sign_in)
        .post("/session/keep-alive", keep_alive)
}

// ---- TOTP -------------------------------------------------------------------

/// The code for one time step: RFC 4226 HOTP of the step counter, which is
/// RFC 6238 TOTP at the step's first second (totp-lite computes it).
fn code_at_step(key: &[u8], step: u64, digits: u32) -> String {
    let seconds = STEP_SECONDS as u64;
    totp_lite::totp_custom::<totp_lite::Sha1>(seconds, digits, key, step * seconds)
}

/// RFC 4226 HOTP: the code for one counter value (a 30-second step).
pub fn hotp(key: &[u8], counter: u64, digits: u32) -> u32 {
    code_at_step(key, counter, digits)
        .parse()
        .expect("a code is digits")
}

/// RFC 6238 TOTP at `unix_time`.
pub fn totp(key: &[u8], unix_time: i64, digits: u32) -> u32 {
    hotp(key, (unix_time / STEP_SECONDS) as u64, digits)
}

/// The time step, within one of now's, whose code is `code` (clocks drift).
fn matching_step(key: &[u8], code: &str, now: i64) -> Option<i64> {
    let current = now / STEP_SECONDS;
    (current - 1..=current + 1).find(|&step| {
        let expected = code_at_step(key, step as u64, DIGITS);
        constant_time_eq(expected.as_bytes(), code.as_bytes())
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn key_text(key: &[u8]) -> String {
    data_encoding::BASE32_NOPAD.encode(key)
}

pub fn key_from_text(text: &str) -> anyhow::Result<Vec<u8>> {
    Ok(data_encoding::BASE32_NOPAD.decode(text.as_bytes())?)
}

/// The logon's key, opened from its sealed column; held as a secret so it
/// cannot reach a log.
fn open_key(state: &AppState, sealed: &str) -> anyhow::Result<SecretSlice<u8>> {
    let text = SecretString::from(state.cipher.open(sealed)?);
    Ok(SecretSlice::from(key_from_text(text.expose_secret())?))
}

/// `ABCD EFGH …`: easier to read out and to type.
fn grouped(text: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a Key URI's label and issuer keep as they are: RFC 3986's unreserved
/// characters but `~`. A space is `%20` (never `+`: this is a URI, not a form).
const KEY_URI: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

fn otpauth_uri(account: &str, key: &str) -> String {
    let issuer = utf8_percent_encode(ISSUER, KEY_URI);
    let account = utf8_percent_encode(account, KEY_URI);
    format!(
        "otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )
}

fn qr_image(uri: &str) -> anyhow::Result<String> {
    use qrcode::{render::svg, QrCode};
    let code = QrCode::new(uri.as_bytes())?;
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg)
    ))
}

fn new_recovery_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODE_LEN)
        .map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())]))
        .collect()
}

// ---- checking codes ------------------------------------------------------------

/// Whether 2-step verification is on for the logon (e.g. for the password rules'
/// `PasswordContext.two_step_enabled`).
pub async fn is_enabled(db: &Db, logon_id: i64) -> sqlx::Result<bool> {
    let enabled: Option<Option<i64>> =
        sqlx::query_scalar("SELECT two_step_enabled_at FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_optional(db)
            .await?;
    Ok(enabled.flatten().is_some())
}

/// Checks a code typed by a logon with 2-step verification on: the app's code
/// (each time step accepted once) or an unused recovery code (then used up).
/// False for a wrong code, or when 2-step verification is off.
pub async fn verify_code(state: &AppState, logon_id: i64, code: &str) -> ApiResult<bool> {
    let Ok(code) = Code::parse(code, true) else {
        return Ok(false);
    };
    let row: Option<(Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT two_step_enabled_at, totp_secret_sealed FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_optional(&state.db)
            .await?;
    let Some((Some(_), Some(sealed))) = row else {
        return Ok(false);
    };
    match code {
        Code::Totp(digits) => {
            let key = open_key(state, &sealed)?;
            match matching_step(key.expose_secret(), &digits, state.now()) {
                Some(step) => Ok(claim_step(&state.db, logon_id, step).await?),
                None => Ok(false),
            }
        }
        Code::Recovery(bare) => use_recovery_code(state, logon_id, bare).await,
    }
}

/// Records `step` as used unless it, or a later one, was already: no replays.
async fn claim_step<'e, E>(executor: E, logon_id: i64, step: i64) -> sqlx::Result<bool>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE logons SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(logon_id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn use_recovery_code(state: &AppState, logon_id: i64, bare: String) -> ApiResult<bool> {
    let bare = SecretString::from(bare);
    let unused: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, code_hash FROM recovery_codes WHERE logon_id = $1 AND used_at IS NULL",
    )
    .bind(logon_id)
    .fetch_all(&state.db)
    .await?;
    let found = hashing::run(move || {
        unused
            .into_iter()
            .find(|(_, hash)| password::verify(bare.expose_secret(), Some(hash)))
            .map(|(id, _)| id)
    })
    .await?;
    let Some(id) = found else {
        return Ok(false);
    };
    let done =
        sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(state.now())
            .bind(id)
            .execute(&state.db)
            .await?;
    Ok(done.rows_affected() == 1)
}

fn field_error(field: &str, message: &str) -> ApiError {
    let mut errors = FieldErrors::new();
    errors.add(field, message);
    ApiError::Validation(errors)
}

// ---- sessions ------------------------------------------------------------------

/// A session waiting for its code lasts minutes, not hours.
pub async fn limit_pending<'e, E>(executor: E, token: &str, now: i64) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
        .bind(now + PENDING_SECONDS)
        .bind(crypto::token_hash(token))
        .execute(executor)
        .await?;
    Ok(())
}

// ---- handlers --------------------------------------------------------------------

async fn status(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<TwoStepStatus>> {
    let enabled_at: Option<i64> =
        sqlx::query_scalar("SELECT two_step_enabled_at FROM logons WHERE id = $1")
            .bind(signed_in.logon_id)
            .fetch_one(&state.db)
            .await?;
    let recovery_codes_left: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE logon_id = $1 AND used_at IS NULL",
    )
    .bind(signed_in.logon_id)
    .fetch_one(&state.db)
    .await?;
    Ok(Json(TwoStepStatus {
        enabled_at,
        recovery_codes_left: if enabled_at.is_some() {
            recovery_codes_left
        } else {
            0
        },
    }))
}

/// A new key for the person's app. Nothing is on until a code from it is confirmed.
async fn setup(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<SetupRequest>,
) -> ApiResult<Json<SetupView>> {
    request.check()?;
    let logon_id = signed_in.logon_id;
    if is_enabled(&state.db, logon_id).await? {
        return Err(ApiError::Forbidden("2-step verification is already on"));
    }
    let now = state.now();
    if !password::password_matches(&state.db, logon_id, &request.password).await? {
        let event = audit::Event {
            logon_id: Some(logon_id),
            action: "two_step_setup",
            success: false,
            detail: Some("wrong password"),
            source_address: address.as_deref(),
            ..Default::default()
        };
        audit::record(&state.db, now, event).await?;
        return Err(field_error("password", WRONG_PASSWORD));
    }
    let username: String = sqlx::query_scalar("SELECT username FROM logons WHERE id = $1")
        .bind(logon_id)
        .fetch_one(&state.db)
        .await?;
    let mut key = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut key);
    let text = key_text(&key);
    let uri = otpauth_uri(&username, &text);
    let view = SetupView {
        qr_image: qr_image(&uri)?,
        otpauth_uri: uri,
        key_groups: grouped(&text),
        account_label: format!("{ISSUER} ({username})"),
    };
    sqlx::query(
        "UPDATE logons SET totp_secret_sealed = $1, totp_last_step = NULL WHERE id = $2 AND two_step_enabled_at IS NULL",
    )
    .bind(state.cipher.seal(&text))
    .bind(logon_id)
    .execute(&state.db)
    .await?;
    Ok(Json(view))
}

/// A code from the app proves it holds the key: 2-step verification is on.
async fn confirm(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<CodeRequest>,
) -> ApiResult<impl IntoResponse> {
    let digits = match Code::parse(&request.code, false) {
        Ok(Code::Totp(digits)) => digits,
        Ok(Code::Recovery(_)) => return Err(field_error("code", WRONG_CODE)),
        Err(message) => return Err(field_error("code", &message)),
    };
    let logon_id = signed_in.logon_id;
    let (email, enabled_at, sealed): (String, Option<i64>, Option<String>) = sqlx::query_as(
        "SELECT email, two_step_enabled_at, totp_secret_sealed FROM logons WHERE id = $1",
    )
    .bind(logon_id)
    .fetch_one(&state.db)
    .await?;
    if enabled_at.is_some() {
        return Err(ApiError::Forbidden("2-step verification is already on"));
    }
    let Some(sealed) = sealed else {
        return Err(ApiError::Forbidden("Set up 2-step verification first"));
    };
    let now = state.now();
    let key = open_key(&state, &sealed)?;
    let Some(step) = matching_step(key.expose_secret(), &digits, now) else {
        let event = audit::Event {
            logon_id: Some(logon_id),
            action: "two_step_enable",
            success: false,
            detail: Some("wrong code"),
            source_address: address.as_deref(),
            ..Default::default()
        };
        audit::record(&state.db, now, event).await?;
        return Err(field_error("code", WRONG_CODE));
    };

    let codes: Vec<String> = (0..RECOVERY_CODE_COUNT)
        .map(|_| new_recovery_code())
        .collect();
    let to_hash = codes.clone();
    let hashes = hashing::run(move || {
        to_hash
            .iter()
            .map(|c| password::hash(c))
            .collect::<Vec<_>>()
    })
    .await?;

    let mut tx = state.begin().await?;
    let turned_on = sqlx::query(
        "UPDATE logons SET two_step_enabled_at = $1, totp_last_step = $2 WHERE id = $3 AND two_step_enabled_at IS NULL",
    )
    .bind(now)
    .bind(step)
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    if turned_on.rows_affected() != 1 {
        return Err(ApiError::Forbidden("2-step verification is already on"));
    }
    sqlx::query("DELETE FROM recovery_codes WHERE logon_id = $1")
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    for hash in &hashes {
        sqlx::query(
            "INSERT INTO recovery_codes (logon_id, code_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(logon_id)
        .bind(hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let token = secure_change(
        &state,
        &mut tx,
        &signed_in,
        address.as_deref(),
        templates::two_step_on(&email, logon_id),
    )
    .await?;
    tx.commit().await?;
    state.mailer.notify();
    let view = ConfirmView {
        recovery_codes: codes.iter().map(|c| format_recovery_code(c)).collect(),
    };
    Ok((cookie(&state, &token), Json(view)))
}

/// Turning it off needs the password and a code (or a recovery code).
async fn disable(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(request): Json<DisableRequest>,
) -> ApiResult<impl IntoResponse> {
    request.parse()?;
    let logon_id = signed_in.logon_id;
    if !is_enabled(&state.db, logon_id).await? {
        return Err(ApiError::Forbidden("2-step verification is already off"));
    }
    let now = state.now();
    let failure = |detail| audit::Event {
        logon_id: Some(logon_id),
        action: "two_step_disable",
        success: false,
        detail: Some(detail),
        source_address: address.as_deref(),
        ..Default::default()
    };
    // The password first, so a wrong one does not use up a recovery code.
    if !password::password_matches(&state.db, logon_id, &request.password).await? {
        audit::record(&state.db, now, failure("wrong password")).await?;
        return Err(field_error("password", WRONG_PASSWORD));
    }
    if !verify_code(&state, logon_id, &request.code).await? {
        audit::record(&state.db, now, failure("wrong code")).await?;
        return Err(field_error("code", WRONG_CODE));
    }
    let email: String = sqlx::query_scalar("SELECT email FROM logons WHERE id = $1")
        .bind(logon_id)
        .fetch_one(&state.db)
        .await?;
    let mut tx = state.begin().await?;
    sqlx::query(
        "UPDATE logons SET two_step_enabled_at = NULL, totp_secret_sealed = NULL, totp_last_step = NULL WHERE id = $1",
    )
    .bind(logon_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE logon_id = $1")
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    let token = secure_change(
        &state,
        &mut tx,
        &signed_in,
        address.as_deref(),
        templates::two_step_off(&email, logon_id),
    )
    .await?;
    tx.commit().await?;
    state.mailer.notify();
    let view = TwoStepStatus {
        enabled_at: None,
        recovery_codes_left: 0,
    };
    Ok((cookie(&state, &token), Json(view)))
}

/// After turning 2-step verification on or off: other sessions end, this one
/// gets a new token, the owner is told by email, and it is recorded.
async fn secure_change(
    state: &AppState,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    signed_in: &SignedIn,
    address: Option<&str>,
    mail: OutgoingMail,
) -> ApiResult<String> {
    let now = state.now();
    let secured = session::end_others_and_rotate(
        tx,
        &state.settings,
        signed_in.logon_id,
        Some(signed_in.into()),
        now,
    )
    .await?;
    let token = secured.token.expect("a current session gets a new token");
    let action = mail.kind;
    state.mailer.send(&mut **tx, mail).await?;
    let event = audit::Event {
        logon_id: Some(signed_in.logon_id),
        action,
        success: true,
        source_address: address,
        ..Default::default()
    };
    audit::record(&mut **tx, now, event).await?;
    Ok(token)
}

fn cookie(
    state: &AppState,
    token: &str,
) -> AppendHeaders<[(header::HeaderName, header::HeaderValue); 1]> {
    AppendHeaders([(
        header::SET_COOKIE,
        session::set_cookie(&state.settings, token),
    )])
}

/// The second step of signing in: the app's code or a recovery code.
async fn complete_sign_in(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    headers: HeaderMap,
    signing_in: SigningIn,
    Json(request): Json<CodeRequest>,
) -> ApiResult<Response> {
    if signing_in.stage != SessionStage::TwoStepRequired {
        return Err(ApiError::Forbidden("This log in does not need a code"));
    }
    if let Err(message) = Code::parse(&request.code, true) {
        return Err(field_error("code", &message));
    }
    let logon_id = signing_in.logon_id;
    let now = state.now();
    let attempts_key = signing_in.session_id.to_string();
    // Counted before the code is checked: for this sign-in, and toward the
    // logon's lockout like a password, so parallel guesses cannot pass either.
    let attempts = rate_limit::count(
        &state.db,
        ATTEMPTS_BUCKET,
        &attempts_key,
        PENDING_SECONDS,
        now,
    )
    .await?;
    let attempt = if attempts > MAX_SIGN_IN_CODE_ATTEMPTS {
        None
    } else {
        let claimed = lockout::claim(&state, &headers, logon_id, now).await?;
        if claimed.is_none() {
            lockout::refused(&state, logon_id, address.as_deref(), "sign_in_two_step").await?;
        }
        claimed
    };
    let Some(attempt) = attempt else {
        give_up(&state, &signing_in, &attempts_key).await?;
        return Err(ApiError::Unauthorized);
    };
    if !verify_code(&state, logon_id, &request.code).await? {
        let failure = attempt
            .failed(
                &state,
                address.as_deref(),
                "sign_in_two_step",
                "wrong 2-step code",
            )
            .await?;
        let gives_up = failure.locked || attempts >= MAX_SIGN_IN_CODE_ATTEMPTS;
        if gives_up {
            give_up(&state, &signing_in, &attempts_key).await?;
        }
        let mut response = if gives_up {
            ApiError::Unauthorized
        } else {
            field_error("code", WRONG_CODE)
        }
        .into_response();
        if failure.device_voided {
            let clear = device::clear(&state, logon_id);
            response.headers_mut().append(header::SET_COOKIE, clear);
        }
        return Ok(response);
    }

    // A temporary password still has to be replaced after the code.
    let stage = password::stage_after_password(&state.db, logon_id, now)
        .await?
        .ok_or(ApiError::SignInFailed)?;
    let mut tx = state.begin().await?;
    attempt.succeeded(&mut tx).await?;
    record_sign_in(&mut *tx, logon_id, now).await?;
    forget_attempts(&mut *tx, &attempts_key).await?;
    let token = session::rotate(
        &mut tx,
        &state.settings,
        signing_in.session_id,
        stage,
        now,
        true,
    )
    .await?;
    let device_cookie = device::issue(&mut tx, &state, logon_id, attempt.device, now).await?;
    let event = audit::Event {
        logon_id: Some(logon_id),
        customer_id: signing_in.current_customer_id,
        action: "sign_in",
        success: true,
        detail: Some("with 2-step verification"),
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;

    let mut view = session_view(&state, logon_id, signing_in.current_customer_id).await?;
    view.stage = stage;
    view.idle_expires_at = Some(now + state.settings.idle_timeout.as_secs() as i64);
    let mut response = Json(view).into_response();
    let cookies = response.headers_mut();
    cookies.append(
        header::SET_COOKIE,
        session::set_cookie(&state.settings, &token),
    );
    cookies.append(header::SET_COOKIE, device_cookie);
    Ok(response)
}

/// Ends a sign-in that waited for its code: it starts again from the password.
async fn give_up(state: &AppState, signing_in: &SigningIn, attempts_key: &str) -> ApiResult<()> {
    let mut tx = state.begin().await?;
    session::delete(&mut *tx, signing_in.session_id).await?;
    forget_attempts(&mut *tx, attempts_key).await?;
    tx.commit().await?;
    Ok(())
}

async fn forget_attempts<'e, E>(executor: E, key: &str) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM rate_limits WHERE bucket = $1 AND subject = $2")
        .bind(ATTEMPTS_BUCKET)
        .bind(key)
        .execute(executor)
        .await?;
    Ok(())
}

/// "Stay signed in": restarts the idle clock now, whatever the once-a-minute
/// throttle on ordinary requests.
async fn keep_alive(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<KeepAliveView>> {
    let now = state.now();
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
        .bind(now)
        .bind(signed_in.session_id)
        .execute(&state.db)
        .await?;
    let idle = state.settings.idle_timeout.as_secs() as i64;
    Ok(Json(KeepAliveView {
        idle_expires_at: now + idle,
        idle_timeout_seconds: idle,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_KEY: &[u8] = b"12345678901234567890";

    #[test]
    fn totp_matches_the_rfc_6238_sha1_test_vectors() {
        for (time, expected) in [
            (59, 94_287_082),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(totp(RFC_KEY, time, 8), expected, "at {time}");
        }
    }

    #[test]
    fn hotp_matches_the_rfc_4226_test_values() {
        assert_eq!(hotp(RFC_KEY, 0, 6), 755_224);
        assert_eq!(hotp(RFC_KEY, 9, 6), 520_489);
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_no_further() {
        let now = 1_111_111_111;
        let code = |t: i64| format!("{:06}", totp(RFC_KEY, t, 6));
        assert_eq!(matching_step(RFC_KEY, &code(now), now), Some(now / 30));
        assert!(matching_step(RFC_KEY, &code(now - 30), now).is_some());
        assert!(matching_step(RFC_KEY, &code(now + 30), now).is_some());
        assert_eq!(matching_step(RFC_KEY, &code(now - 90), now), None);
    }

    #[test]
    fn the_key_reads_back_and_is_shown_in_groups_of_four() {
        let text = key_text(&[0xAB; 20]);
        assert_eq!(text.len(), 32);
        assert_eq!(key_from_text(&text).unwrap(), vec![0xAB; 20]);
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn the_otpauth_uri_names_the_portal_and_the_account() {
        let uri = otpauth_uri("Jane Smith", "KEY");
        assert_eq!(
            uri,
            "otpauth://totp/Taxpayer%20Portal:Jane%20Smith?secret=KEY&issuer=Taxpayer%20Portal&algorithm=SHA1&digits=6&period=30"
        );
        assert!(qr_image(&uri)
            .unwrap()
            .starts_with("data:image/svg+xml;base64,"));
    }

    #[test]
    fn recovery_codes_use_the_readable_alphabet() {
        let code = new_recovery_code();
        assert_eq!(code.len(), RECOVERY_CODE_LEN);
        assert!(code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)));
    }
}
