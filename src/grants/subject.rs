//! Who a decision is about: a waiting request, or a grant in force. The
//! Approve/Change form and the Deny/Revoke confirmations find it the same way.

use super::{api, manage::who};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use wire::grants::{GrantRow, RequestKind};

/// A request or a grant of the current customer, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Request(i64),
    Grant(i64),
}

/// The person, the firm for a third party, and the grant when there is one.
#[derive(Debug, Clone)]
pub struct Subject {
    pub who: String,
    pub firm: Option<String>,
    pub current: Option<GrantRow>,
}

/// A numeric path parameter of the current route.
pub fn id_param(name: &str) -> Option<i64> {
    use_params_map()
        .read_untracked()
        .get(name)
        .and_then(|id| id.parse().ok())
}

/// The subject from the customer's lists; `None` when it is no longer there
/// (decided, lapsed or revoked).
pub async fn load_subject(
    customer_id: i64,
    kind: RequestKind,
    target: Target,
) -> Result<Option<Subject>, crate::api::ApiError> {
    Ok(match target {
        Target::Request(id) => api::pending_requests(customer_id, kind)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .map(|r| Subject {
                who: who(&r.requester_name, &r.requester_username),
                firm: r.firm_name,
                current: None,
            }),
        Target::Grant(id) => api::grants(customer_id, kind)
            .await?
            .into_iter()
            .find(|g| g.id == id)
            .map(|g| Subject {
                who: who(&g.logon_name, &g.username),
                firm: g.firm_name.clone(),
                current: Some(g),
            }),
    })
}
