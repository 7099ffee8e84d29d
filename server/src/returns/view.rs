//! A return exactly as filed: its lines as the server worked them out then,
//! who filed it and when, and the period's other returns (the original stays
//! visible when amended).

use super::store;
use crate::{
    access::account_guards::ReturnViewer,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    ledger,
    state::AppState,
};
use axum::extract::State;
use sqlx::AnyConnection;
use wire::{
    returns::{view::ReturnView, FormCode},
    CivilDate,
};

/// The return, for a caller already allowed to view it; `may_file` is
/// whether they hold the file right on its account.
pub async fn return_view(
    conn: &mut AnyConnection,
    return_id: i64,
    may_file: bool,
) -> ApiResult<ReturnView> {
    let filed = store::return_by_id(conn, return_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (account_id, period_end, due_date): (i64, String, String) =
        sqlx::query_as("SELECT account_id, period_end, due_date FROM periods WHERE id = $1")
            .bind(filed.period_id)
            .fetch_one(&mut *conn)
            .await?;
    let account = ledger::account::header(conn, account_id).await?;
    let period_returns = store::period_returns(conn, filed.period_id).await?;
    let is_latest = period_returns.last().is_some_and(|r| r.id == filed.id);
    let amends = filed.amends_return_id.and_then(|id| {
        period_returns
            .iter()
            .find(|r| r.id == id)
            .map(store::StoredReturn::as_ref)
    });
    let date = |text: &str| {
        CivilDate::parse_iso(text)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("stored date {text:?}")))
    };
    Ok(ReturnView {
        return_id: filed.id,
        confirmation_number: filed.confirmation_number.clone(),
        kind: filed.kind,
        period_id: filed.period_id,
        period_end: date(&period_end)?,
        due_date: date(&due_date)?,
        form: filed.form,
        values: filed.entries.clone(),
        computed: filed.computed.clone(),
        filed_at: filed.filed_at,
        filed_by: filed.filed_by.clone(),
        tax: filed.tax,
        total_due: filed.total_due,
        processed_on: filed.processed_on,
        amends,
        period_returns: period_returns
            .iter()
            .map(store::StoredReturn::as_ref)
            .collect(),
        may_amend: may_file && is_latest && FormCode::for_tax_type(account.tax_type).is_some(),
        account,
    })
}

/// `GET /api/returns/{return_id}`.
pub async fn show(
    State(state): State<AppState>,
    guard: ReturnViewer,
) -> ApiResult<Json<ReturnView>> {
    let mut conn = state.db.acquire().await?;
    return_view(&mut conn, guard.return_id, guard.viewer.may_file())
        .await
        .map(Json)
}
