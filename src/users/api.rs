//! The calls behind More..., Manage Secondary Logons, Security Groups,
//! Customer Security and the invitation page.

use crate::api::{self, ApiError};
use gloo_net::http::Request;
use wire::{
    access::{ConfirmRequest, CustomerQuery, Paged},
    activity::ActivityPage,
    secondary::{
        AcceptInvitationRequest, ChangeGroupsRequest, ChangeSecondaryAccessRequest,
        CustomerSecurityRow, InvitationView, MoveCustomerRequest, NewSecondaryLogonRequest,
        SecondaryDefaults, SecondaryLogonRow, SecondaryLogonView, SecurityGroupForm,
        SecurityGroupView, TemporaryPasswordView,
    },
};

fn empty() -> serde_json::Value {
    serde_json::json!({})
}

/// `GET /api/secondary-logons`.
pub async fn secondary_logons() -> Result<Vec<SecondaryLogonRow>, ApiError> {
    api::get_json("/api/secondary-logons").await
}

/// `GET /api/secondary-logons/defaults`: the creator's own access, which Add starts from.
pub async fn secondary_defaults() -> Result<SecondaryDefaults, ApiError> {
    api::get_json("/api/secondary-logons/defaults").await
}

/// `POST /api/secondary-logons`: Add.
pub async fn add_secondary_logon(
    request: &NewSecondaryLogonRequest,
) -> Result<SecondaryLogonView, ApiError> {
    api::post_json_for("/api/secondary-logons", request).await
}

/// `GET /api/secondary-logons/{id}`.
pub async fn secondary_logon(id: i64) -> Result<SecondaryLogonView, ApiError> {
    api::get_json(&format!("/api/secondary-logons/{id}")).await
}

/// `PUT /api/secondary-logons/{id}/groups`.
pub async fn change_groups(
    id: i64,
    request: &ChangeGroupsRequest,
) -> Result<SecondaryLogonView, ApiError> {
    api::put_json_for(&format!("/api/secondary-logons/{id}/groups"), request).await
}

/// `PUT /api/secondary-logons/{id}/access`.
pub async fn change_access(
    id: i64,
    request: &ChangeSecondaryAccessRequest,
) -> Result<SecondaryLogonView, ApiError> {
    api::put_json_for(&format!("/api/secondary-logons/{id}/access"), request).await
}

/// `POST /api/secondary-logons/{id}/invitation` (204): Resend Logon Access Email.
pub async fn resend_invitation(id: i64) -> Result<(), ApiError> {
    api::write_json(
        Request::post(&format!("/api/secondary-logons/{id}/invitation")),
        &empty(),
    )
    .await
}

/// `POST /api/secondary-logons/{id}/deactivate`: final.
pub async fn deactivate(id: i64) -> Result<SecondaryLogonView, ApiError> {
    api::post_json_for(
        &format!("/api/secondary-logons/{id}/deactivate"),
        &ConfirmRequest { confirm: true },
    )
    .await
}

/// The reversible actions without a body: `disable`, `activate`, `unlock`.
pub async fn logon_action(id: i64, action: &str) -> Result<SecondaryLogonView, ApiError> {
    api::post_json_for(&format!("/api/secondary-logons/{id}/{action}"), &empty()).await
}

/// `POST /api/secondary-logons/{id}/temporary-password`: shown once.
pub async fn temporary_password(id: i64) -> Result<TemporaryPasswordView, ApiError> {
    api::post_json_for(
        &format!("/api/secondary-logons/{id}/temporary-password"),
        &empty(),
    )
    .await
}

/// `GET /api/secondary-logons/{id}/activity?…` with the query already encoded.
pub async fn secondary_activity(id: i64, query: &str) -> Result<ActivityPage, ApiError> {
    api::get_json(&format!("/api/secondary-logons/{id}/activity{query}")).await
}

/// `GET /api/security-groups` (Default first).
pub async fn security_groups() -> Result<Vec<SecurityGroupView>, ApiError> {
    api::get_json("/api/security-groups").await
}

/// `POST /api/security-groups`.
pub async fn add_security_group(form: &SecurityGroupForm) -> Result<SecurityGroupView, ApiError> {
    api::post_json_for("/api/security-groups", form).await
}

/// `PUT /api/security-groups/{id}`.
pub async fn change_security_group(
    id: i64,
    form: &SecurityGroupForm,
) -> Result<SecurityGroupView, ApiError> {
    api::put_json_for(&format!("/api/security-groups/{id}"), form).await
}

/// `DELETE /api/security-groups/{id}`.
pub async fn delete_security_group(id: i64) -> Result<(), ApiError> {
    api::delete(&format!("/api/security-groups/{id}")).await
}

/// `GET /api/customer-security?…`.
pub async fn customer_security(
    query: &CustomerQuery,
) -> Result<Paged<CustomerSecurityRow>, ApiError> {
    api::get_json(&format!(
        "/api/customer-security{}",
        api::customer_query_string(query)
    ))
    .await
}

/// `POST /api/customer-security/move`: the ticked customers to one group.
pub async fn move_customers(
    request: &wire::secondary::MoveCustomersRequest,
) -> Result<wire::secondary::CustomersMoved, ApiError> {
    api::post_json_for("/api/customer-security/move", request).await
}

/// `PUT /api/customer-security/{customer_id}`.
pub async fn move_customer(
    customer_id: i64,
    request: &MoveCustomerRequest,
) -> Result<CustomerSecurityRow, ApiError> {
    api::put_json_for(&format!("/api/customer-security/{customer_id}"), request).await
}

/// `GET /api/invitations?token=`.
pub async fn invitation(token: &str) -> Result<InvitationView, ApiError> {
    let token = String::from(js_sys::encode_uri_component(token));
    api::get_json(&format!("/api/invitations?token={token}")).await
}

/// `POST /api/invitations/accept` (204).
pub async fn accept_invitation(request: &AcceptInvitationRequest) -> Result<(), ApiError> {
    api::write_json(Request::post("/api/invitations/accept"), request).await
}
