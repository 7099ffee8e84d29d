//! Add Access to Another Business: the requester proves it knows the business
//! (CT Tax Registration Number, legal name, and one shared fact). A business
//! with no Master Administrator is claimed at once; otherwise its Master
//! Administrators are asked. Every answer to a wrong guess is the same, and
//! guesses are limited per logon and per business.

use super::{
    notify::{self, Notice},
    store::{self, GrantValues},
};
use crate::{
    access::{self, masters},
    activity,
    auth::{SignedIn, SourceAddress},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    rate_limit,
    state::AppState,
};
use axum::{extract::State, http::StatusCode};
use wire::{
    access::AccessLevels,
    requests::{
        AccessRequestForm, AccessRequestResult, MyRequestRow, RequestKind, RequestOutcome,
        RequestStatus, DETAILS_DO_NOT_MATCH, REQUEST_DAYS, TOO_MANY_GUESSES,
    },
    CivilDate, FieldErrors,
};

const DAY: i64 = 86_400;
/// Failed guesses a logon may make in a day.
const GUESSES_PER_LOGON: i64 = 5;
/// Failed guesses at one CT Tax Registration Number in a day, whoever makes them.
const GUESSES_PER_BUSINESS: i64 = 10;
const LOGON_BUCKET: &str = "access_request_logon";
const BUSINESS_BUCKET: &str = "access_request_business";

pub const ALREADY_HAVE_ACCESS: &str = "You already have access to this business";
/// A secondary logon outside the security group its firm keeps the business in.
pub const FIRM_HAS_ACCESS: &str = "Your firm already has access to this business. Ask your parent logon to give you a security group that includes it.";
pub const ALREADY_ASKED: &str = "You already asked; the business has not decided yet";
pub const SECONDARY_NOT_ADDITIONAL: &str = "As a secondary logon you already act through your parent logon's access, so you cannot be an additional logon. Choose \"I am its third-party preparer\" to ask for your firm.";

fn refuse(field: &str, message: &str) -> ApiError {
    let mut errors = FieldErrors::new();
    errors.add(field, message);
    ApiError::Validation(errors)
}

/// `POST /api/access-requests`.
pub async fn ask(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    signed_in: SignedIn,
    Json(form): Json<AccessRequestForm>,
) -> ApiResult<(StatusCode, Json<AccessRequestResult>)> {
    let details = form.parse()?;
    let (now, today, me) = (state.now(), state.clock.today(), signed_in.logon_id);
    let parent: Option<i64> =
        sqlx::query_scalar("SELECT parent_logon_id FROM logons WHERE id = $1")
            .bind(me)
            .fetch_one(&state.db)
            .await?;
    if parent.is_some() && details.kind == RequestKind::Additional {
        return Err(refuse("kind", SECONDARY_NOT_ADDITIONAL));
    }
    let failure = |detail: &'static str| activity::Event {
        logon_id: Some(me),
        action: "access_requested",
        success: false,
        detail: Some(detail),
        source_address: address.as_deref(),
        ..Default::default()
    };

    // Checked before comparing, so that a right guess after the limit learns nothing.
    let reg = details.reg_number.as_str();
    let logon_key = me.to_string();
    if rate_limit::exhausted(
        &state.db,
        LOGON_BUCKET,
        &logon_key,
        GUESSES_PER_LOGON,
        DAY,
        now,
    )
    .await?
        || rate_limit::exhausted(
            &state.db,
            BUSINESS_BUCKET,
            reg,
            GUESSES_PER_BUSINESS,
            DAY,
            now,
        )
        .await?
    {
        activity::record(&state.db, now, failure("too many attempts")).await?;
        return Err(refuse("reg_number", TOO_MANY_GUESSES));
    }

    let Some((customer_id, legal_name)) =
        super::matching::matching_customer(&state, &details, today).await?
    else {
        rate_limit::hit(&state.db, LOGON_BUCKET, &logon_key, i64::MAX, DAY, now).await?;
        rate_limit::hit(&state.db, BUSINESS_BUCKET, reg, i64::MAX, DAY, now).await?;
        activity::record(&state.db, now, failure("details did not match")).await?;
        return Err(refuse("reg_number", DETAILS_DO_NOT_MATCH));
    };

    // A secondary logon asks for its firm, which is where the grant goes.
    let grantee = match details.kind {
        RequestKind::Additional => me,
        RequestKind::ThirdParty => parent.unwrap_or(me),
    };
    let reached = access::customer_access(&state.db, me, customer_id, today)
        .await?
        .is_some();
    let mut tx = state.db.begin().await?;
    if reached {
        return Err(ApiError::Conflict(ALREADY_HAVE_ACCESS.into()));
    }
    if store::holds_grant(&mut tx, grantee, customer_id, today).await? {
        return Err(ApiError::Conflict(FIRM_HAS_ACCESS.into()));
    }
    let asked: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM access_requests WHERE grantee_logon_id = $1 AND customer_id = $2 \
           AND kind = $3 AND status = 'pending' AND expires_at > $4",
    )
    .bind(grantee)
    .bind(customer_id)
    .bind(details.kind.code())
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if asked.is_some() {
        return Err(ApiError::Conflict(ALREADY_ASKED.into()));
    }

    let claimed = !masters::has_master(&mut *tx, customer_id, today).await?;
    let request_id: i64 = sqlx::query_scalar(
        "INSERT INTO access_requests (requester_logon_id, grantee_logon_id, customer_id, kind, status, \
           created_at, expires_at, decided_at, decided_by_logon_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(me)
    .bind(grantee)
    .bind(customer_id)
    .bind(details.kind.code())
    .bind(if claimed { "claimed" } else { "pending" })
    .bind(now)
    .bind(now + REQUEST_DAYS * DAY)
    .bind(claimed.then_some(now))
    .bind(claimed.then_some(me))
    .fetch_one(&mut *tx)
    .await?;

    let outcome = if claimed {
        // The first verified requester becomes the business's Master Administrator.
        store::upsert_grant(
            &mut tx,
            GrantValues {
                logon_id: grantee,
                customer_id,
                relationship: match details.kind {
                    RequestKind::Additional => "own",
                    RequestKind::ThirdParty => "third_party",
                },
                levels: &AccessLevels::Master,
                ends_on: None,
                granted_by: me,
                now,
            },
        )
        .await?;
        RequestOutcome::Granted
    } else {
        let requester = super::rows::logon_label(&state.db, me).await?;
        let (kind_words, screen) = super::kind_words(details.kind);
        let last_day = wire::hartford::date_at(now + REQUEST_DAYS * DAY - 1)
            .map(CivilDate::to_us)
            .unwrap_or_default();
        let notice = Notice {
            subject: format!("{requester} asks for access to {legal_name}"),
            body: format!(
                "{requester} asked for access to {legal_name} as {kind_words}. \
                 A Master Administrator can approve or deny the request under More..., \
                 {screen}, until {last_day}. If nobody decides by then, the request lapses."
            ),
        };
        notify::to_business(&mut tx, &state, customer_id, &notice).await?;
        RequestOutcome::Pending
    };
    activity::record(
        &mut *tx,
        now,
        activity::Event {
            logon_id: Some(me),
            customer_id: Some(customer_id),
            action: if claimed {
                "access_claimed"
            } else {
                "access_requested"
            },
            success: true,
            source_address: address.as_deref(),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(AccessRequestResult {
            outcome,
            request_id,
            legal_name,
        }),
    ))
}

/// `GET /api/access-requests/mine`: the requests this logon made, newest first.
pub async fn mine(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<Vec<MyRequestRow>>> {
    type Row = (i64, String, String, String, String, i64, Option<i64>, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT r.id, c.legal_name, c.reg_number, r.kind, r.status, r.created_at, r.decided_at, \
           r.expires_at \
         FROM access_requests r JOIN customers c ON c.id = r.customer_id \
         WHERE r.requester_logon_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 200",
    )
    .bind(signed_in.logon_id)
    .fetch_all(&state.db)
    .await?;
    let now = state.now();
    Ok(Json(
        rows.into_iter()
            .filter_map(
                |(
                    id,
                    legal_name,
                    reg_number,
                    kind,
                    status,
                    requested_at,
                    decided_at,
                    expires_at,
                )| {
                    let status = match RequestStatus::from_code(&status)? {
                        RequestStatus::Pending if expires_at <= now => RequestStatus::Expired,
                        status => status,
                    };
                    Some(MyRequestRow {
                        id,
                        legal_name,
                        reg_number,
                        kind: RequestKind::from_code(&kind)?,
                        status,
                        requested_at,
                        decided_at,
                    })
                },
            )
            .collect(),
    ))
}
