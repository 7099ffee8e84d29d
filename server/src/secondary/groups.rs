//! The Security Groups tab: a parent's groups, with how many customers and
//! secondary logons each has. Default always exists and cannot be renamed or
//! deleted; deleting another group returns its customers to Default.

use super::{ensure_default_group, record, MasterWatch};
use crate::{
    access::{
        guards::{OwnSecurityGroup, ParentLogon},
        scope::Reached,
    },
    db::Sql,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    session::{SignedIn, SourceAddress},
    state::AppState,
};
use axum::{extract::State, http::StatusCode};
use std::collections::HashMap;
use wire::{
    secondary::{SecurityGroupFields, SecurityGroupForm, SecurityGroupView, GROUP_NAME_TAKEN},
    FieldErrors,
};

pub const DEFAULT_IS_FIXED: &str =
    "The Default group cannot be renamed or deleted: every customer not moved to another group is in it";

/// `GET /api/security-groups`: Default first, then by name.
pub async fn list(
    State(state): State<AppState>,
    ParentLogon { signed_in }: ParentLogon,
) -> ApiResult<Json<Vec<SecurityGroupView>>> {
    Ok(Json(views(&state, &signed_in).await?))
}

async fn views(state: &AppState, signed_in: &SignedIn) -> ApiResult<Vec<SecurityGroupView>> {
    let owner = signed_in.logon_id;
    let default_id = ensure_default_group(&state.db, owner, state.now()).await?;
    let groups: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT g.id, g.name, g.description, g.is_default, \
           (SELECT COUNT(*) FROM secondary_logon_groups sg JOIN logons l ON l.id = sg.logon_id \
             WHERE sg.group_id = g.id AND l.status <> 'cancelled') \
         FROM security_groups g WHERE g.owner_logon_id = $1 \
         ORDER BY g.is_default DESC, g.name_key, g.id",
    )
    .bind(owner)
    .fetch_all(&state.db)
    .await?;
    // Only customers the owner reaches now count; a customer with no row is in Default.
    let mut sql = Sql::new("");
    // A parent is never secondary: it holds its own grants.
    let rule = Reached::bind(&mut sql, owner, state.clock.today(), owner);
    sql.push(&format!(
        "SELECT t.group_id, COUNT(*) FROM (SELECT (SELECT cs.group_id FROM customer_security cs \
             WHERE cs.owner_logon_id = {holder} AND cs.customer_id = g.customer_id) AS group_id \
           FROM access_grants g WHERE {reached}) t GROUP BY t.group_id",
        holder = rule.holder(),
        reached = rule.condition(),
    ));
    let counts: Vec<(Option<i64>, i64)> = sql.query_as().fetch_all(&state.db).await?;
    let counts: HashMap<i64, i64> =
        counts
            .into_iter()
            .fold(HashMap::new(), |mut map, (group, count)| {
                *map.entry(group.unwrap_or(default_id)).or_default() += count;
                map
            });
    Ok(groups
        .into_iter()
        .map(
            |(id, name, description, is_default, logon_count)| SecurityGroupView {
                id,
                name,
                description,
                is_default: is_default != 0,
                customer_count: counts.get(&id).copied().unwrap_or(0),
                logon_count,
            },
        )
        .collect())
}

fn name_taken() -> ApiError {
    let mut errors = FieldErrors::new();
    errors.add("name", GROUP_NAME_TAKEN);
    errors.into()
}

async fn name_in_use(
    state: &AppState,
    owner: i64,
    fields: &SecurityGroupFields,
    except: Option<i64>,
) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM security_groups WHERE owner_logon_id = $1 AND name_key = $2",
    )
    .bind(owner)
    .bind(fields.name.to_lowercase())
    .fetch_optional(&state.db)
    .await?;
    Ok(found.is_some_and(|id| Some(id) != except))
}

/// Unique-name races end as the same 422 as the check before them.
fn unique_or(error: sqlx::Error) -> ApiError {
    match error {
        sqlx::Error::Database(e) if e.is_unique_violation() => name_taken(),
        other => other.into(),
    }
}

async fn view_of(state: &AppState, signed_in: &SignedIn, id: i64) -> ApiResult<SecurityGroupView> {
    views(state, signed_in)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or(ApiError::NotFound)
}

/// `POST /api/security-groups`.
pub async fn create(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    ParentLogon { signed_in }: ParentLogon,
    Json(form): Json<SecurityGroupForm>,
) -> ApiResult<(StatusCode, Json<SecurityGroupView>)> {
    let owner = signed_in.logon_id;
    let now = state.now();
    ensure_default_group(&state.db, owner, now).await?;
    let fields = form.parse()?;
    if name_in_use(&state, owner, &fields, None).await? {
        return Err(name_taken());
    }
    let mut tx = state.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO security_groups (owner_logon_id, name, name_key, description, is_default, created_at) \
         VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
    )
    .bind(owner)
    .bind(&fields.name)
    .bind(fields.name.to_lowercase())
    .bind(&fields.description)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(unique_or)?;
    let action = "security_group_created";
    record(
        &mut tx,
        now,
        owner,
        action,
        &fields.name,
        address.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(view_of(&state, &signed_in, id).await?),
    ))
}

/// `PUT /api/security-groups/{group_id}`: a new name or description.
pub async fn update(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    OwnSecurityGroup {
        parent: signed_in,
        group_id,
        is_default,
        ..
    }: OwnSecurityGroup,
    Json(form): Json<SecurityGroupForm>,
) -> ApiResult<Json<SecurityGroupView>> {
    let owner = signed_in.logon_id;
    let now = state.now();
    if is_default {
        return Err(ApiError::Conflict(DEFAULT_IS_FIXED.into()));
    }
    let fields = form.parse()?;
    if name_in_use(&state, owner, &fields, Some(group_id)).await? {
        return Err(name_taken());
    }
    let mut tx = state.begin().await?;
    sqlx::query(
        "UPDATE security_groups SET name = $1, name_key = $2, description = $3 \
         WHERE id = $4 AND owner_logon_id = $5",
    )
    .bind(&fields.name)
    .bind(fields.name.to_lowercase())
    .bind(&fields.description)
    .bind(group_id)
    .bind(owner)
    .execute(&mut *tx)
    .await
    .map_err(unique_or)?;
    let action = "security_group_changed";
    record(
        &mut tx,
        now,
        owner,
        action,
        &fields.name,
        address.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(view_of(&state, &signed_in, group_id).await?))
}

/// `DELETE /api/security-groups/{group_id}`: its customers return to Default
/// and its secondary logons lose it, all at once.
pub async fn delete(
    State(state): State<AppState>,
    SourceAddress(address): SourceAddress,
    OwnSecurityGroup {
        parent: signed_in,
        group_id,
        name,
        is_default,
    }: OwnSecurityGroup,
) -> ApiResult<StatusCode> {
    let owner = signed_in.logon_id;
    let now = state.now();
    if is_default {
        return Err(ApiError::Conflict(DEFAULT_IS_FIXED.into()));
    }
    let watch = MasterWatch::before(&state, owner, None).await?;
    let mut tx = state.begin().await?;
    for sql in [
        "DELETE FROM customer_security WHERE group_id = $1",
        "DELETE FROM secondary_logon_groups WHERE group_id = $1",
        "DELETE FROM security_groups WHERE id = $1",
    ] {
        sqlx::query(sql).bind(group_id).execute(&mut *tx).await?;
    }
    watch.announce(&mut tx, &state).await?;
    let action = "security_group_deleted";
    record(&mut tx, now, owner, action, &name, address.as_deref()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
