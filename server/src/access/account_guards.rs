//! Typed guards for one tax account (and what hangs off it), in the manner of
//! [`super::guards`]:
//!
//! | guard           | requires                                                     | otherwise       |
//! |-----------------|--------------------------------------------------------------|-----------------|
//! | `AccountViewer` | signed in, and the view right on `{account_id}`              | 401 / 404       |
//! | `AccountFiler`  | `AccountViewer`, and the file right on it                    | 401 / 404 / 403 |
//! | `ReturnViewer`  | signed in, and the view right on the account of `{return_id}`| 401 / 404       |
//!
//! An account (or return) the caller may not view answers 404 as if it did
//! not exist; one it may view but not file on answers 403 saying who can.

use super::{guards::path_id, Account, CustomerAccess, Right};
use crate::{http::error::ApiError, session::SignedIn, state::AppState};
use axum::{extract::FromRequestParts, http::request::Parts};

/// Why filing is refused to a caller who may view the account.
pub const FILE_REFUSED: &str = "You can view this account but not file its returns. Logons \
with File Only, File and Pay or All Access on the account can file: ask a Master Administrator \
of the business (or, for a secondary logon, the logon that made yours) to change your access.";

/// The caller may view the account in the path.
#[derive(Debug, Clone)]
pub struct AccountViewer {
    pub signed_in: SignedIn,
    pub access: CustomerAccess,
    pub account: Account,
}

impl AccountViewer {
    pub fn may_file(&self) -> bool {
        self.access.allows(self.account, Right::File)
    }
}

impl FromRequestParts<AppState> for AccountViewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        let account_id = path_id(parts, state, "account_id").await?;
        viewer(state, signed_in, account_id).await
    }
}

async fn viewer(
    state: &AppState,
    signed_in: SignedIn,
    account_id: i64,
) -> Result<AccountViewer, ApiError> {
    let (access, account) = super::account_access(
        &state.db,
        signed_in.logon_id,
        account_id,
        state.clock.today(),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok(AccountViewer {
        signed_in,
        access,
        account,
    })
}

/// The caller may file returns on the account in the path.
#[derive(Debug, Clone)]
pub struct AccountFiler {
    pub signed_in: SignedIn,
    pub access: CustomerAccess,
    pub account: Account,
}

impl FromRequestParts<AppState> for AccountFiler {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let viewer = AccountViewer::from_request_parts(parts, state).await?;
        if !viewer.may_file() {
            return Err(ApiError::Forbidden(FILE_REFUSED));
        }
        Ok(AccountFiler {
            signed_in: viewer.signed_in,
            access: viewer.access,
            account: viewer.account,
        })
    }
}

/// The caller may view the account of the return in the path.
#[derive(Debug, Clone)]
pub struct ReturnViewer {
    pub viewer: AccountViewer,
    pub return_id: i64,
}

impl FromRequestParts<AppState> for ReturnViewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        let return_id = path_id(parts, state, "return_id").await?;
        let account_id: Option<i64> = sqlx::query_scalar(
            "SELECT p.account_id FROM tax_returns r JOIN periods p ON p.id = r.period_id \
             WHERE r.id = $1",
        )
        .bind(return_id)
        .fetch_optional(&state.db)
        .await?;
        let account_id = account_id.ok_or(ApiError::NotFound)?;
        Ok(ReturnViewer {
            viewer: viewer(state, signed_in, account_id).await?,
            return_id,
        })
    }
}
