//! Add Access to Another Business, and what a business's Master Administrators
//! do with the requests and the access they granted (Manage Additional Logons,
//! Manage Third Party Access), and Manage Your Access for the one who holds it.
//!
//! Every handler takes its guard from `access::guards`; every request or grant
//! id is looked up together with the customer in the path, so one of another
//! customer answers 404.

mod current;
mod decisions;
mod hand_over;
mod matching;
mod mine;
mod notify;
mod pending;
mod requests;
mod rows;
mod store;

pub use notify::{announce_secondary_master, new_letter_id, to_logons, Notice};

use crate::http::{error::ApiError, Routes};
use crate::state::AppState;
use serde::Deserialize;
use std::collections::HashMap;
use wire::grants::RequestKind;

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .post("/access-requests", requests::ask)
        .get("/access-requests/mine", requests::mine)
        .get("/customers/{customer_id}/accounts", pending::context)
        .get("/customers/{customer_id}/access-requests", pending::pending)
        .post(
            "/customers/{customer_id}/access-requests/{request_id}/approve",
            decisions::approve,
        )
        .post(
            "/customers/{customer_id}/access-requests/{request_id}/deny",
            decisions::deny,
        )
        .get("/customers/{customer_id}/grants", current::list)
        .put(
            "/customers/{customer_id}/grants/{grant_id}",
            current::change,
        )
        .post(
            "/customers/{customer_id}/grants/{grant_id}/revoke",
            current::revoke,
        )
        .get("/access/mine", mine::list)
        .post("/access/mine/{customer_id}/leave", mine::leave)
}

/// `?kind=additional|third_party`; none means both.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct KindQuery {
    #[serde(default)]
    pub kind: Option<RequestKind>,
}

/// A numeric id from the path; anything else is a path that does not exist.
fn path_id(params: &HashMap<String, String>, name: &str) -> Result<i64, ApiError> {
    params
        .get(name)
        .and_then(|v| v.parse().ok())
        .ok_or(ApiError::NotFound)
}

/// The grant relationship a request kind leads to, when a Master Administrator
/// approves it.
fn relationship_of(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Additional => "additional",
        RequestKind::ThirdParty => "third_party",
    }
}

/// How notices name a kind of access, and the screen where it is managed.
fn kind_words(kind: RequestKind) -> (&'static str, &'static str) {
    match kind {
        RequestKind::Additional => ("an additional logon", "Manage Additional Logons"),
        RequestKind::ThirdParty => ("its third-party preparer", "Manage Third Party Access"),
    }
}

/// "Master Administrator" or "Tax Administrator until 12/31/2027".
fn access_words(access_type: wire::access::AccessType, ends_on: Option<wire::CivilDate>) -> String {
    match ends_on {
        Some(date) => format!("{} until {}", access_type.label(), date.to_us()),
        None => access_type.label().to_owned(),
    }
}
