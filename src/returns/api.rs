//! The returns feature's calls to the server.

use crate::api::{get_json, post_json_for, put_json_for, ApiError};
use wire::returns::{
    view::{DraftView, ReturnView, SaveDraft, SubmitReturn},
    ReturnKind,
};

fn draft_url(account_id: i64, period_id: i64) -> String {
    format!("/api/accounts/{account_id}/periods/{period_id}/draft")
}

/// `GET …/draft?kind=`: the draft to resume, or a fresh one.
pub async fn draft(
    account_id: i64,
    period_id: i64,
    kind: ReturnKind,
) -> Result<DraftView, ApiError> {
    get_json(&format!(
        "{}?kind={}",
        draft_url(account_id, period_id),
        kind.code()
    ))
    .await
}

/// `PUT …/draft`: saves what is typed.
pub async fn save_draft(
    account_id: i64,
    period_id: i64,
    body: &SaveDraft,
) -> Result<DraftView, ApiError> {
    put_json_for(&draft_url(account_id, period_id), body).await
}

/// `POST …/returns`: files the draft, once for its key.
pub async fn submit(
    account_id: i64,
    period_id: i64,
    body: &SubmitReturn,
) -> Result<ReturnView, ApiError> {
    post_json_for(
        &format!("/api/accounts/{account_id}/periods/{period_id}/returns"),
        body,
    )
    .await
}

/// `GET /api/returns/{id}`: a return exactly as filed.
pub async fn filed(return_id: i64) -> Result<ReturnView, ApiError> {
    get_json(&format!("/api/returns/{return_id}")).await
}

/// `GET /api/accounts/{id}`: the account page's header, File Now and chart.
pub async fn account(account_id: i64) -> Result<wire::ledger::AccountView, ApiError> {
    get_json(&format!("/api/accounts/{account_id}")).await
}

/// `GET /api/accounts/{id}/periods?…`, the query already encoded.
pub async fn account_periods(
    account_id: i64,
    query: &str,
) -> Result<wire::ledger::PeriodDetails, ApiError> {
    get_json(&format!("/api/accounts/{account_id}/periods{query}")).await
}

/// `GET /api/customers/{id}/returns?…`: View Return History.
pub async fn return_history(
    customer_id: i64,
    query: &str,
) -> Result<wire::ledger::KeysetPage<wire::ledger::ReturnRow>, ApiError> {
    get_json(&format!("/api/customers/{customer_id}/returns{query}")).await
}

/// `GET /api/customers/{id}/period-details?…`: View Account Period Details.
pub async fn period_details(
    customer_id: i64,
    query: &str,
) -> Result<wire::ledger::PeriodDetails, ApiError> {
    get_json(&format!(
        "/api/customers/{customer_id}/period-details{query}"
    ))
    .await
}
