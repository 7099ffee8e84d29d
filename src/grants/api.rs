//! The calls behind Manage Your Access, Add Access to Another Business and
//! Manage Additional Logons / Manage Third Party Access.

use crate::api::{self, ApiError};
use gloo_net::http::Request;
use wire::{
    access::{ConfirmRequest, MyAccessRow, Paged},
    grants::{
        AccessRequestForm, AccessRequestResult, DecisionContext, GrantDecisionForm, GrantRow,
        MyRequestRow, PendingRequestRow, RequestKind,
    },
    summary::Summary,
};

const CONFIRMED: ConfirmRequest = ConfirmRequest { confirm: true };

/// `GET /api/access/mine?…` with the query already encoded.
pub async fn my_access(query: &str) -> Result<Paged<MyAccessRow>, ApiError> {
    api::get_json(&format!("/api/access/mine{query}")).await
}

/// `POST /api/access/mine/{customer_id}/leave`.
pub async fn leave(customer_id: i64) -> Result<(), ApiError> {
    let url = format!("/api/access/mine/{customer_id}/leave");
    api::write_json(Request::post(&url), &CONFIRMED).await
}

/// `GET /api/access-requests/mine`: the requests this logon made.
pub async fn my_requests() -> Result<Vec<MyRequestRow>, ApiError> {
    api::get_json("/api/access-requests/mine").await
}

/// `POST /api/access-requests`: Add Access to Another Business.
pub async fn request_access(form: &AccessRequestForm) -> Result<AccessRequestResult, ApiError> {
    api::post_json_for("/api/access-requests", form).await
}

/// `GET /api/customers/{id}/summary`: used for the business's name on pages
/// that act on one customer.
pub async fn customer_summary(customer_id: i64) -> Result<Summary, ApiError> {
    api::summary(customer_id).await
}

/// `GET /api/customers/{id}/accounts`: the accounts a decision sets levels on.
pub async fn decision_context(customer_id: i64) -> Result<DecisionContext, ApiError> {
    api::get_json(&format!("/api/customers/{customer_id}/accounts")).await
}

/// `GET /api/customers/{id}/access-requests?kind=`: requests waiting for a decision.
pub async fn pending_requests(
    customer_id: i64,
    kind: RequestKind,
) -> Result<Vec<PendingRequestRow>, ApiError> {
    api::get_json(&format!(
        "/api/customers/{customer_id}/access-requests?kind={}",
        kind.code()
    ))
    .await
}

/// `POST /api/customers/{id}/access-requests/{rid}/approve`.
pub async fn approve(
    customer_id: i64,
    request_id: i64,
    form: &GrantDecisionForm,
) -> Result<GrantRow, ApiError> {
    api::post_json_for(
        &format!("/api/customers/{customer_id}/access-requests/{request_id}/approve"),
        form,
    )
    .await
}

/// `POST /api/customers/{id}/access-requests/{rid}/deny`.
pub async fn deny(customer_id: i64, request_id: i64) -> Result<(), ApiError> {
    let url = format!("/api/customers/{customer_id}/access-requests/{request_id}/deny");
    api::write_json(Request::post(&url), &serde_json::json!({})).await
}

/// `GET /api/customers/{id}/grants?kind=`: who holds access now.
pub async fn grants(customer_id: i64, kind: RequestKind) -> Result<Vec<GrantRow>, ApiError> {
    api::get_json(&format!(
        "/api/customers/{customer_id}/grants?kind={}",
        kind.code()
    ))
    .await
}

/// `PUT /api/customers/{id}/grants/{gid}`: Change.
pub async fn change_grant(
    customer_id: i64,
    grant_id: i64,
    form: &GrantDecisionForm,
) -> Result<GrantRow, ApiError> {
    api::put_json_for(
        &format!("/api/customers/{customer_id}/grants/{grant_id}"),
        form,
    )
    .await
}

/// `POST /api/customers/{id}/grants/{gid}/revoke`.
pub async fn revoke(customer_id: i64, grant_id: i64) -> Result<(), ApiError> {
    let url = format!("/api/customers/{customer_id}/grants/{grant_id}/revoke");
    api::write_json(Request::post(&url), &CONFIRMED).await
}

/// Makes the business with this CT Tax Registration Number (which the logon
/// reaches) the one it works on, through `GET /api/customers?q=` and
/// `POST /api/session/customer`. Answers the new session view.
pub async fn work_on(reg_number: &str) -> Result<wire::session::SessionView, ApiError> {
    let query = crate::api::query_string(&[("q", reg_number.to_owned())]);
    let page: Paged<wire::access::CustomerRow> =
        api::get_json(&format!("/api/customers{query}")).await?;
    let customer = page
        .items
        .into_iter()
        .find(|c| c.reg_number == reg_number)
        .ok_or(ApiError::Unreadable)?;
    api::post_json_for(
        "/api/session/customer",
        &wire::access::SwitchCustomerRequest {
            customer_id: customer.id,
        },
    )
    .await
}
