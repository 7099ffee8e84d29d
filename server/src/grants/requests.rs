//! Add Access to Another Business: the requester proves it knows the business
//! (CT Tax Registration Number, legal name, and one shared fact). A business
//! that never had a Master Administrator (or whose every one was cancelled)
//! is claimed at once, and the new one is announced; otherwise its Master
//! Administrators are asked, whatever their logons' status. Every answer to a
//! wrong guess is the same. Guesses are counted before they are compared, per
//! logon and per address; a business's own ceiling is high, stops only payment
//! amounts (a Letter ID cannot be guessed), and alerts its Master Administrators.

use super::{
    notify::{self, Notice},
    store::{self, GrantValues},
};
use crate::{
    access::{self, masters},
    audit,
    db::{self, Dialect},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    rate_limit,
    session::{SignedIn, SourceAddress},
    state::AppState,
};
use axum::{extract::State, http::StatusCode};
use wire::{
    access::AccessLevels,
    grants::{
        AccessRequestDetails, AccessRequestForm, AccessRequestResult, MyRequestRow, RequestKind,
        RequestOutcome, RequestStatus, SharedFact, AMOUNTS_PAUSED, DETAILS_DO_NOT_MATCH,
        REQUEST_DAYS, TOO_MANY_GUESSES,
    },
    CivilDate, FieldErrors,
};

const DAY: i64 = 86_400;
/// Wrong guesses a logon may make in a day.
const GUESSES_PER_LOGON: i64 = 5;
/// Wrong guesses from one address (an IPv6 /64) in a day, whatever the logons.
const GUESSES_PER_ADDRESS: i64 = 20;
/// Wrong guesses at one CT Tax Registration Number in a day, from anyone, past
/// which it takes only Letter IDs until the day is over. A stranger needs five
/// addresses and twenty logons to reach it, and its Master Administrators hear of it.
pub const BUSINESS_CEILING: i64 = 100;
const LOGON_BUCKET: &str = "access_request_logon";
const ADDRESS_BUCKET: &str = "access_request_address";
const BUSINESS_BUCKET: &str = "access_request_business";
const ALERT_BUCKET: &str = "access_request_alert";

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
    let failure = |detail: &'static str| audit::Event {
        logon_id: Some(me),
        action: "access_requested",
        success: false,
        detail: Some(detail),
        source_address: address.as_deref(),
        ..Default::default()
    };

    // Counted before comparing, so that parallel guesses cannot pass the
    // limits and a right guess after them learns nothing.
    let counted = match count_guess(&state, me, address.as_deref(), &details, now).await? {
        Ok(counted) => counted,
        Err(refusal) => {
            audit::record(&state.db, now, failure("too many attempts")).await?;
            return Err(refusal);
        }
    };
    let Some((customer_id, legal_name)) =
        super::matching::matching_customer(&state, &details, today).await?
    else {
        audit::record(&state.db, now, failure("details did not match")).await?;
        return Err(refuse("reg_number", DETAILS_DO_NOT_MATCH));
    };
    // A right guess is no wrong one: it leaves the day's counts as they were.
    counted.refund(&state, now).await?;

    // A secondary logon asks for its firm, which is where the grant goes.
    let grantee = match details.kind {
        RequestKind::Additional => me,
        RequestKind::ThirdParty => parent.unwrap_or(me),
    };
    let reached = access::customer_access(&state.db, me, customer_id, today)
        .await?
        .is_some();
    let mut tx = state.begin().await?;
    // Two verified requests at once must not both claim a business that has
    // no Master Administrator.
    masters::serialize(&mut tx, Dialect::of(&state.db), &[customer_id]).await?;
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

    let claimed = !masters::has_standing_master(&mut *tx, customer_id, today).await?;
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
        let how = "by claiming it under Add Access to Another Business, since it had no \
                   Master Administrator";
        notify::announce_masters(&mut tx, &state, customer_id, grantee, how).await?;
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
        notify::to_business(&mut tx, &state, customer_id, &[], &notice).await?;
        RequestOutcome::Pending
    };
    audit::record(
        &mut *tx,
        now,
        audit::Event {
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

/// The buckets one guess was counted in, given back if it turns out right.
struct Counted(Vec<(&'static str, String)>);

impl Counted {
    async fn refund(&self, state: &AppState, now: i64) -> sqlx::Result<()> {
        for (bucket, subject) in &self.0 {
            rate_limit::refund(&state.db, bucket, subject, DAY, now).await?;
        }
        Ok(())
    }
}

/// Counts a guess per logon, per address and at the business, each in one
/// statement that also says whether it is within the limit. A refused guess
/// is given back, so the counts are of guesses compared.
async fn count_guess(
    state: &AppState,
    me: i64,
    address: Option<&str>,
    details: &AccessRequestDetails,
    now: i64,
) -> ApiResult<Result<Counted, ApiError>> {
    let mut counted = Counted(Vec::new());
    let per_requester = [
        (LOGON_BUCKET, me.to_string(), GUESSES_PER_LOGON),
        (
            ADDRESS_BUCKET,
            rate_limit::address_key(address),
            GUESSES_PER_ADDRESS,
        ),
    ];
    for (bucket, subject, limit) in per_requester {
        let within = rate_limit::hit(&state.db, bucket, &subject, limit, DAY, now).await?;
        counted.0.push((bucket, subject));
        if !within {
            counted.refund(state, now).await?;
            return Ok(Err(refuse("reg_number", TOO_MANY_GUESSES)));
        }
    }
    let reg = details.reg_number.as_str().to_owned();
    let at_business = rate_limit::count(&state.db, BUSINESS_BUCKET, &reg, DAY, now).await?;
    counted.0.push((BUSINESS_BUCKET, reg.clone()));
    if at_business >= BUSINESS_CEILING
        && rate_limit::hit(&state.db, ALERT_BUCKET, &reg, 1, DAY, now).await?
    {
        alert_business(state, &reg, now).await?;
    }
    if at_business > BUSINESS_CEILING && matches!(details.fact, SharedFact::PaymentAmount(_)) {
        counted.refund(state, now).await?;
        return Ok(Err(refuse("payment_amount", AMOUNTS_PAUSED)));
    }
    Ok(Ok(counted))
}

/// Tells a business that its ceiling of wrong guesses was reached today.
async fn alert_business(state: &AppState, reg: &str, now: i64) -> ApiResult<()> {
    let customer: Option<(i64, String)> =
        sqlx::query_as("SELECT id, legal_name FROM customers WHERE reg_number = $1")
            .bind(reg)
            .fetch_optional(&state.db)
            .await?;
    let Some((customer_id, legal_name)) = customer else {
        return Ok(());
    };
    let notice = Notice {
        subject: format!("Many attempts to get access to {legal_name} did not match"),
        body: format!(
            "In the last day, {BUSINESS_CEILING} requests under Add Access to Another Business \
             named {legal_name} with details that did not match. None of them got access. Until \
             the day is over, requests for {legal_name} that give a payment amount are refused; \
             those that give a Letter ID are checked as usual. If you did not expect this, keep \
             your letters and payment amounts private and review who has access under More...."
        ),
    };
    let mut tx = state.begin().await?;
    notify::to_business(&mut tx, state, customer_id, &[], &notice).await?;
    let event = audit::Event {
        customer_id: Some(customer_id),
        action: "access_guess_ceiling",
        success: true,
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok(())
}

/// `GET /api/access-requests/mine`: the requests this logon made, newest first.
pub async fn mine(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<Vec<MyRequestRow>>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        legal_name: String,
        reg_number: String,
        kind: String,
        status: String,
        created_at: i64,
        decided_at: Option<i64>,
        expires_at: i64,
    }
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
    let rows = rows
        .into_iter()
        .map(|row| {
            let status = match db::decode("status", &row.status, RequestStatus::from_code)? {
                RequestStatus::Pending if row.expires_at <= now => RequestStatus::Expired,
                status => status,
            };
            Ok(MyRequestRow {
                id: row.id,
                legal_name: row.legal_name,
                reg_number: row.reg_number,
                kind: db::decode("kind", &row.kind, RequestKind::from_code)?,
                status,
                requested_at: row.created_at,
                decided_at: row.decided_at,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok(Json(rows))
}
