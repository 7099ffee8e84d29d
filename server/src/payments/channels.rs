//! Manage Payment Channels: `…/customers/{customer_id}/bank-accounts`. The
//! account number is sealed before it is stored and never leaves the server
//! again: rows carry its last four, the activity record and logs the mask.
//! A bank account is removed by marking it, so what named it keeps its name.

use crate::{
    access::guards::{path_id, CustomerSettingsManager, ReachedCustomer},
    audit::{self, Event},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    state::AppState,
};
use axum::{
    extract::{FromRequestParts, State},
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Response},
};
use sqlx::AnyConnection;
use wire::payments::channels::{
    AddBankAccountRequest, BankAccountKind, BankAccountList, BankAccountRow,
    RenameBankAccountRequest,
};

/// The bank account id in the path; which customer it is of is asked with
/// the customer's id in every query, so another business's id is a 404.
pub struct BankAccountPath(pub i64);

impl FromRequestParts<AppState> for BankAccountPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(Self(path_id(parts, state, "bank_account_id").await?))
    }
}

const COLUMNS: &str = "id, nickname, kind, routing_number, account_last4, added_at, added_by_name";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    nickname: String,
    kind: String,
    routing_number: String,
    account_last4: String,
    added_at: i64,
    added_by_name: String,
}

impl Row {
    fn into_wire(self) -> sqlx::Result<BankAccountRow> {
        Ok(BankAccountRow {
            id: self.id,
            kind: crate::db::decode("kind", &self.kind, BankAccountKind::from_code)?,
            nickname: self.nickname,
            routing_number: self.routing_number,
            account_masked: wire::payments::bank::mask_account(&self.account_last4),
            added_at: self.added_at,
            added_by: self.added_by_name,
        })
    }
}

/// One of the customer's bank accounts that is not removed.
async fn row(conn: &mut AnyConnection, customer_id: i64, id: i64) -> ApiResult<BankAccountRow> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM bank_accounts \
         WHERE id = $1 AND customer_id = $2 AND removed_at IS NULL"
    ))
    .bind(id)
    .bind(customer_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.ok_or(ApiError::NotFound)?.into_wire()?)
}

/// `GET`: the business's bank accounts, oldest first, for anyone who reaches it.
pub async fn list(
    State(state): State<AppState>,
    reached: ReachedCustomer,
) -> ApiResult<Json<BankAccountList>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM bank_accounts \
         WHERE customer_id = $1 AND removed_at IS NULL ORDER BY id"
    ))
    .bind(reached.access.customer_id)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(BankAccountList {
        accounts: rows
            .into_iter()
            .map(Row::into_wire)
            .collect::<sqlx::Result<_>>()?,
        may_manage: crate::access::may_manage_customer_settings(&state.db, &reached.access).await?,
    }))
}

fn event<'a>(manager: &CustomerSettingsManager, action: &'a str, detail: &'a str) -> Event<'a> {
    Event {
        logon_id: Some(manager.signed_in.logon_id),
        customer_id: Some(manager.access.customer_id),
        account_id: None,
        action,
        success: true,
        detail: Some(detail),
        source_address: None,
    }
}

/// `POST`: 201 with the new row; 200 with the same row when the form's key
/// added it already (a double submit, a retry, ten at once).
pub async fn add(
    State(state): State<AppState>,
    manager: CustomerSettingsManager,
    Json(body): Json<AddBankAccountRequest>,
) -> ApiResult<Response> {
    let new = body.parse()?;
    let customer_id = manager.access.customer_id;
    let now = state.now();
    let sealed = state.cipher.seal(new.account_number.expose());
    let mut tx = state.begin().await?;
    let name: String = sqlx::query_scalar("SELECT name FROM logons WHERE id = $1")
        .bind(manager.signed_in.logon_id)
        .fetch_one(&mut *tx)
        .await?;
    // The unique (customer, key) makes a repeat insert nothing; concurrent
    // ones wait for the first to commit (PostgreSQL), or for the write lock
    // (SQLite, `db::begin`).
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO bank_accounts (customer_id, nickname, kind, routing_number, \
           account_number_sealed, account_last4, idempotency_key, added_at, added_by_logon_id, \
           added_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (customer_id, idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(customer_id)
    .bind(&new.nickname)
    .bind(new.kind.code())
    .bind(new.routing_number.as_str())
    .bind(&sealed)
    .bind(new.account_number.last_four())
    .bind(&new.idempotency_key)
    .bind(now)
    .bind(manager.signed_in.logon_id)
    .bind(&name)
    .fetch_optional(&mut *tx)
    .await?;
    let (id, status) = match inserted {
        Some(id) => {
            let detail = format!(
                "{} ({} {})",
                new.nickname,
                new.kind.label(),
                new.account_number.masked()
            );
            audit::record(
                &mut *tx,
                now,
                event(&manager, "bank_account_added", &detail),
            )
            .await?;
            (id, StatusCode::CREATED)
        }
        None => {
            let id: i64 = sqlx::query_scalar(
                "SELECT id FROM bank_accounts WHERE customer_id = $1 AND idempotency_key = $2",
            )
            .bind(customer_id)
            .bind(&new.idempotency_key)
            .fetch_one(&mut *tx)
            .await?;
            (id, StatusCode::OK)
        }
    };
    // A repeat of an add whose account was removed since: 404, not the removed row.
    let added = row(&mut tx, customer_id, id).await?;
    tx.commit().await?;
    Ok((status, Json(added)).into_response())
}

/// `PUT …/{bank_account_id}`: Rename.
pub async fn rename(
    State(state): State<AppState>,
    manager: CustomerSettingsManager,
    BankAccountPath(id): BankAccountPath,
    Json(body): Json<RenameBankAccountRequest>,
) -> ApiResult<Json<BankAccountRow>> {
    let nickname = body.parse()?;
    let customer_id = manager.access.customer_id;
    let now = state.now();
    let mut tx = state.begin().await?;
    let before = row(&mut tx, customer_id, id).await?;
    sqlx::query("UPDATE bank_accounts SET nickname = $1 WHERE id = $2 AND customer_id = $3")
        .bind(&nickname)
        .bind(id)
        .bind(customer_id)
        .execute(&mut *tx)
        .await?;
    if before.nickname != nickname {
        let detail = format!(
            "{} {} renamed {}",
            before.nickname, before.account_masked, nickname
        );
        audit::record(
            &mut *tx,
            now,
            event(&manager, "bank_account_renamed", &detail),
        )
        .await?;
    }
    let renamed = row(&mut tx, customer_id, id).await?;
    tx.commit().await?;
    Ok(Json(renamed))
}

/// `DELETE …/{bank_account_id}`: Remove (204). The row stays, marked removed.
pub async fn remove(
    State(state): State<AppState>,
    manager: CustomerSettingsManager,
    BankAccountPath(id): BankAccountPath,
) -> ApiResult<StatusCode> {
    let customer_id = manager.access.customer_id;
    let now = state.now();
    let mut tx = state.begin().await?;
    let before = row(&mut tx, customer_id, id).await?;
    sqlx::query(
        "UPDATE bank_accounts SET removed_at = $1, removed_by_logon_id = $2 \
         WHERE id = $3 AND customer_id = $4 AND removed_at IS NULL",
    )
    .bind(now)
    .bind(manager.signed_in.logon_id)
    .bind(id)
    .bind(customer_id)
    .execute(&mut *tx)
    .await?;
    let detail = format!(
        "{} ({} {})",
        before.nickname,
        before.kind.label(),
        before.account_masked
    );
    audit::record(
        &mut *tx,
        now,
        event(&manager, "bank_account_removed", &detail),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
