//! Typed guards: a handler that takes one of these runs only when the caller
//! passed it, so its signature shows what it requires. Each reads the path
//! parameter it guards (`customer_id`, `logon_id`) and asks the rules.
//!
//! | guard                 | requires                                                    | otherwise |
//! |-----------------------|-------------------------------------------------------------|-----------|
//! | `ReachedCustomer`     | signed in, and reaches `{customer_id}`                      | 401 / 404 |
//! | `CustomerAdministrator` | reaches `{customer_id}` as its Master Administrator       | 401 / 404 / 403 |
//! | `CustomerSettingsManager` | reaches `{customer_id}`, and manages its settings (Master Administrator, or All Access on every account) | 401 / 404 / 403 |
//! | `ParentLogon`         | signed in with a logon that is not a secondary logon        | 401 / 403 |
//! | `OwnSecondaryLogon`   | `ParentLogon`, and `{logon_id}` is one of its secondary logons | 401 / 403 / 404 |
//! | `OwnSecurityGroup`    | `ParentLogon`, and `{group_id}` is one of its security groups | 401 / 403 / 404 |
//! | `ParentReachedCustomer` | `ParentLogon`, and its own grant reaches `{customer_id}`  | 401 / 403 / 404 |
//!
//! Guards come before the body in a handler's arguments, so a refused request is
//! refused before its body is read and before anything is written.

use super::CustomerAccess;
use crate::{http::error::ApiError, session::SignedIn, state::AppState};
use axum::{
    extract::{FromRequestParts, Path},
    http::request::Parts,
};
use std::collections::HashMap;

/// The number in path parameter `name`; anything else is a 404.
pub(crate) async fn path_id(
    parts: &mut Parts,
    state: &AppState,
    name: &str,
) -> Result<i64, ApiError> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(|_| ApiError::NotFound)?;
    params
        .get(name)
        .and_then(|v| v.parse().ok())
        .ok_or(ApiError::NotFound)
}

/// The caller reaches the customer in the path.
#[derive(Debug, Clone)]
pub struct ReachedCustomer {
    pub signed_in: SignedIn,
    pub access: CustomerAccess,
}

impl FromRequestParts<AppState> for ReachedCustomer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        let customer_id = path_id(parts, state, "customer_id").await?;
        let access = super::customer_access_at(
            &state.db,
            &state.derived,
            signed_in.stamp(state),
            signed_in.logon_id,
            customer_id,
        )
        .await?
        .ok_or(ApiError::NotFound)?;
        Ok(ReachedCustomer { signed_in, access })
    }
}

pub const NOT_MASTER: &str =
    "Only a Master Administrator of this business can manage its logons and access";

/// The caller is a Master Administrator of the customer in the path.
#[derive(Debug, Clone)]
pub struct CustomerAdministrator {
    pub signed_in: SignedIn,
    pub access: CustomerAccess,
}

impl FromRequestParts<AppState> for CustomerAdministrator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ReachedCustomer { signed_in, access } =
            ReachedCustomer::from_request_parts(parts, state).await?;
        if !access.may_manage_logons() {
            return Err(ApiError::Forbidden(NOT_MASTER));
        }
        Ok(CustomerAdministrator { signed_in, access })
    }
}

/// Why managing the business's settings (its bank accounts) is refused to a
/// logon that reaches it.
pub const SETTINGS_REFUSED: &str = "You can see this business but not manage its bank accounts. \
A Master Administrator of the business, or a logon with All Access on every one of its tax \
accounts, can: ask a Master Administrator of the business (or, for a secondary logon, the logon \
that made yours) to change your access.";

/// The caller may manage the settings of the customer in the path
/// (`access::may_manage_customer_settings`).
#[derive(Debug, Clone)]
pub struct CustomerSettingsManager {
    pub signed_in: SignedIn,
    pub access: CustomerAccess,
}

impl FromRequestParts<AppState> for CustomerSettingsManager {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ReachedCustomer { signed_in, access } =
            ReachedCustomer::from_request_parts(parts, state).await?;
        if !super::may_manage_customer_settings(&state.db, &access).await? {
            return Err(ApiError::Forbidden(SETTINGS_REFUSED));
        }
        Ok(CustomerSettingsManager { signed_in, access })
    }
}

pub const SECONDARY_CANNOT_MANAGE: &str =
    "A secondary logon cannot have secondary logons or security groups of its own";

/// The caller may have secondary logons and security groups.
#[derive(Debug, Clone)]
pub struct ParentLogon {
    pub signed_in: SignedIn,
}

impl FromRequestParts<AppState> for ParentLogon {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        if !super::may_have_secondaries(&state.db, signed_in.logon_id).await? {
            return Err(ApiError::Forbidden(SECONDARY_CANNOT_MANAGE));
        }
        Ok(ParentLogon { signed_in })
    }
}

/// The secondary logon in the path belongs to the caller.
#[derive(Debug, Clone)]
pub struct OwnSecondaryLogon {
    pub parent: SignedIn,
    pub logon_id: i64,
}

impl FromRequestParts<AppState> for OwnSecondaryLogon {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ParentLogon { signed_in } = ParentLogon::from_request_parts(parts, state).await?;
        let logon_id = path_id(parts, state, "logon_id").await?;
        if !super::is_secondary_of(&state.db, signed_in.logon_id, logon_id).await? {
            return Err(ApiError::NotFound);
        }
        Ok(OwnSecondaryLogon {
            parent: signed_in,
            logon_id,
        })
    }
}

/// The security group in the path belongs to the caller.
#[derive(Debug, Clone)]
pub struct OwnSecurityGroup {
    pub parent: SignedIn,
    pub group_id: i64,
    pub name: String,
    pub is_default: bool,
}

impl FromRequestParts<AppState> for OwnSecurityGroup {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ParentLogon { signed_in } = ParentLogon::from_request_parts(parts, state).await?;
        let group_id = path_id(parts, state, "group_id").await?;
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT name, is_default FROM security_groups WHERE id = $1 AND owner_logon_id = $2",
        )
        .bind(group_id)
        .bind(signed_in.logon_id)
        .fetch_optional(&state.db)
        .await?;
        let (name, is_default) = row.ok_or(ApiError::NotFound)?;
        Ok(OwnSecurityGroup {
            parent: signed_in,
            group_id,
            name,
            is_default: is_default != 0,
        })
    }
}

/// The caller is a parent logon whose own grant reaches the customer in the path
/// (Customer Security places only those).
#[derive(Debug, Clone)]
pub struct ParentReachedCustomer {
    pub parent: SignedIn,
    pub customer_id: i64,
}

impl FromRequestParts<AppState> for ParentReachedCustomer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ParentLogon { signed_in } = ParentLogon::from_request_parts(parts, state).await?;
        let customer_id = path_id(parts, state, "customer_id").await?;
        super::customer_access(
            &state.db,
            signed_in.logon_id,
            customer_id,
            state.clock.today(),
        )
        .await?
        .ok_or(ApiError::NotFound)?;
        Ok(ParentReachedCustomer {
            parent: signed_in,
            customer_id,
        })
    }
}
