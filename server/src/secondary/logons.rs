//! The Secondary Logons tab: the list, Add, a logon's Settings, and its
//! Security Groups and Change Access.

use super::{
    acting_on, check_groups_owned, ensure_default_group, groups_error, invitation, load_view,
    owner_groups, record, status_of, MasterWatch,
};
use crate::{
    access::guards::{OwnSecondaryLogon, ParentLogon},
    audit, grants,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    rate_limit,
    session::SourceAddress,
    state::AppState,
};
use axum::{extract::State, http::StatusCode};
use sqlx::AnyConnection;
use wire::{
    access::{AccessType, TaxTypeLevel},
    registration::USERNAME_TAKEN,
    secondary::{
        ChangeGroupsRequest, ChangeSecondaryAccessRequest, NewSecondaryLogonRequest,
        SecondaryLogonRow, SecondaryLogonView,
    },
    FieldErrors,
};

/// `GET /api/secondary-logons`: the caller's own secondary logons, by username.
pub async fn list(
    State(state): State<AppState>,
    ParentLogon { signed_in }: ParentLogon,
) -> ApiResult<Json<Vec<SecondaryLogonRow>>> {
    ensure_default_group(&state.db, signed_in.logon_id, state.now()).await?;
    let rows: Vec<(i64, String, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT id, username, name, email, secondary_access_type, status FROM logons \
         WHERE parent_logon_id = $1 ORDER BY username_key",
    )
    .bind(signed_in.logon_id)
    .fetch_all(&state.db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, username, name, email, access_type, status) in rows {
        out.push(SecondaryLogonRow {
            id,
            username,
            name,
            email,
            access_type: access_type
                .as_deref()
                .and_then(AccessType::from_code)
                .unwrap_or(AccessType::TaxAdministrator),
            status: status_of(&status)?,
        });
    }
    Ok(Json(out))
}

/// Answers a parent may get, in a day, that a username is taken. Any logon can
/// be a parent, so without a limit this form would list usernames.
pub const TAKEN_ANSWERS_PER_DAY: i64 = 20;
const TAKEN_ANSWERS_BUCKET: &str = "secondary_username_taken";
const DAY: i64 = 86_400;

/// Whether the username is taken, counted before it is looked up and given
/// back when it is free, so only "taken" answers use up the day's limit.
async fn username_check(
    state: &AppState,
    parent: i64,
    username: &str,
    now: i64,
) -> ApiResult<bool> {
    let key = username.trim().to_lowercase();
    if key.is_empty() {
        return Ok(false);
    }
    let subject = parent.to_string();
    let bucket = TAKEN_ANSWERS_BUCKET;
    if !rate_limit::hit(&state.db, bucket, &subject, TAKEN_ANSWERS_PER_DAY, DAY, now).await? {
        rate_limit::refund(&state.db, bucket, &subject, DAY, now).await?;
        return Err(ApiError::TooManyRequests);
    }
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM logons WHERE username_key = $1")
        .bind(key)
        .fetch_optional(&state.db)
        .await?;
    if found.is_none() {
        rate_limit::refund(&state.db, bucket, &subject, DAY, now).await?;
    }
    Ok(found.is_some())
}

/// The taken username goes first, as the first field of the form.
fn with_taken_username(errors: FieldErrors) -> FieldErrors {
    let mut all = FieldErrors::new();
    all.add("username", USERNAME_TAKEN);
    all.0
        .extend(errors.0.into_iter().filter(|e| e.field != "username"));
    all
}

/// `POST /api/secondary-logons`: Add. The logon waits (`pending`) until the
/// person opens the emailed link and sets a password.
pub async fn add(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    ParentLogon { signed_in }: ParentLogon,
    Json(request): Json<NewSecondaryLogonRequest>,
) -> ApiResult<(StatusCode, Json<SecondaryLogonView>)> {
    let parent = signed_in.logon_id;
    let now = state.now();
    ensure_default_group(&state.db, parent, now).await?;
    let parsed = request.parse();
    let taken = username_check(&state, parent, &request.username, now).await?;
    let groups_ok = check_groups_owned(&state.db, parent, &request.groups)
        .await
        .is_ok();
    let form = match parsed {
        Ok(form) if !taken && groups_ok => form,
        result => {
            let mut errors = result.err().unwrap_or_default();
            if !groups_ok && errors.get("groups").is_none() {
                errors.0.extend(groups_error().0);
            }
            return Err(if taken {
                with_taken_username(errors)
            } else {
                errors
            }
            .into());
        }
    };

    let watch = MasterWatch::before(&state, parent, None).await?;
    let mut tx = state.begin().await?;
    let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO logons (username, username_key, name, email, status, parent_logon_id, \
           secondary_access_type, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7) RETURNING id",
    )
    .bind(&form.username)
    .bind(form.username.to_lowercase())
    .bind(&form.name)
    .bind(form.email.as_str())
    .bind(parent)
    .bind(form.access.access_type.code())
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let logon_id = match inserted {
        Ok(id) => id,
        // Someone took the username between the check and the insert.
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
            return Err(with_taken_username(FieldErrors::new()).into())
        }
        Err(error) => return Err(error.into()),
    };
    write_tax_types(&mut tx, logon_id, &form.access.tax_types).await?;
    write_groups(&mut tx, logon_id, &form.groups).await?;
    watch.announce(&mut tx, &state).await?;
    invitation::send(&state, &mut tx, logon_id, now).await?;
    let event = audit::Event {
        logon_id: Some(parent),
        action: "secondary_logon_created",
        success: true,
        detail: Some(&form.username),
        source_address: address.as_deref(),
        ..Default::default()
    };
    audit::record(&mut *tx, now, event).await?;
    tx.commit().await?;
    state.mailer.notify();
    Ok((
        StatusCode::CREATED,
        Json(load_view(&state.db, logon_id).await?),
    ))
}

/// What a secondary logon is told when its access changes.
async fn access_changed(
    state: &AppState,
    parent: i64,
    access: &wire::secondary::SecondaryAccess,
) -> sqlx::Result<grants::Notice> {
    let by: (String, String) = sqlx::query_as("SELECT name, username FROM logons WHERE id = $1")
        .bind(parent)
        .fetch_one(&state.db)
        .await?;
    let types: Vec<String> = access
        .tax_types
        .iter()
        .map(|t| format!("{}: {}", t.tax_type.label(), t.level.label()))
        .collect();
    Ok(grants::Notice {
        subject: "Your access was changed".to_owned(),
        body: format!(
            "{} ({}) changed what your secondary logon may do. Access type: {}. \
             Account Access: {}. It counts from your next request.",
            by.0,
            by.1,
            access.access_type.label(),
            types.join(", ")
        ),
    })
}

async fn write_tax_types(
    tx: &mut AnyConnection,
    logon_id: i64,
    tax_types: &[TaxTypeLevel],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM secondary_tax_types WHERE logon_id = $1")
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    for choice in tax_types {
        sqlx::query(
            "INSERT INTO secondary_tax_types (logon_id, tax_type, level) VALUES ($1, $2, $3)",
        )
        .bind(logon_id)
        .bind(choice.tax_type.code())
        .bind(choice.level.code())
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

async fn write_groups(tx: &mut AnyConnection, logon_id: i64, groups: &[i64]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM secondary_logon_groups WHERE logon_id = $1")
        .bind(logon_id)
        .execute(&mut *tx)
        .await?;
    for group in groups {
        sqlx::query("INSERT INTO secondary_logon_groups (logon_id, group_id) VALUES ($1, $2)")
            .bind(logon_id)
            .bind(group)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// `GET /api/secondary-logons/{logon_id}`: also for a deactivated one.
pub async fn view(
    State(state): State<AppState>,
    own: OwnSecondaryLogon,
) -> ApiResult<Json<SecondaryLogonView>> {
    ensure_default_group(&state.db, own.parent.logon_id, state.now()).await?;
    Ok(Json(load_view(&state.db, own.logon_id).await?))
}

/// `PUT /api/secondary-logons/{logon_id}/groups`: counts from its next request.
pub async fn change_groups(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
    Json(request): Json<ChangeGroupsRequest>,
) -> ApiResult<Json<SecondaryLogonView>> {
    let now = state.now();
    let parent = own.parent.logon_id;
    ensure_default_group(&state.db, parent, now).await?;
    let (_, username) = acting_on(&state.db, own.logon_id).await?;
    let groups = request.parse()?;
    check_groups_owned(&state.db, parent, &groups).await?;
    let watch = MasterWatch::before(&state, parent, None).await?;
    let mut tx = state.begin().await?;
    write_groups(&mut tx, own.logon_id, &groups).await?;
    watch.announce(&mut tx, &state).await?;
    let names: Vec<String> = owner_groups(&mut *tx, parent)
        .await?
        .into_iter()
        .filter(|g| groups.contains(&g.id))
        .map(|g| g.name)
        .collect();
    let detail = format!("{username}: {}", names.join(", "));
    record(
        &mut tx,
        now,
        parent,
        "secondary_groups_changed",
        &detail,
        address.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(load_view(&state.db, own.logon_id).await?))
}

/// `PUT /api/secondary-logons/{logon_id}/access`: Change Access and Account Access.
pub async fn change_access(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    own: OwnSecondaryLogon,
    Json(request): Json<ChangeSecondaryAccessRequest>,
) -> ApiResult<Json<SecondaryLogonView>> {
    let now = state.now();
    let parent = own.parent.logon_id;
    ensure_default_group(&state.db, parent, now).await?;
    let (_, username) = acting_on(&state.db, own.logon_id).await?;
    let access = request.parse()?;
    let watch = MasterWatch::before(&state, parent, None).await?;
    let mut tx = state.begin().await?;
    sqlx::query("UPDATE logons SET secondary_access_type = $1 WHERE id = $2")
        .bind(access.access_type.code())
        .bind(own.logon_id)
        .execute(&mut *tx)
        .await?;
    write_tax_types(&mut tx, own.logon_id, &access.tax_types).await?;
    watch.announce(&mut tx, &state).await?;
    // Seed 002: the person is told once the change is made.
    grants::to_logons(
        &mut tx,
        &state,
        &[own.logon_id],
        &access_changed(&state, parent, &access).await?,
    )
    .await?;
    let detail = format!("{username}: {}", access.access_type.label());
    record(
        &mut tx,
        now,
        parent,
        "secondary_access_changed",
        &detail,
        address.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(load_view(&state.db, own.logon_id).await?))
}
