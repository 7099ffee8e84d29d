//! Seed 001: a Master Administrator assigns Master Administrator to another
//! of the business's logons and may step down in the same change ("If you
//! make this user the Administrator, you will no longer have those rights").
//! Both happen in one transaction, so the business is never without an
//! active Master Administrator, not even for a moment.

use super::{
    decisions::record,
    notify::{self, Notice},
    rows::{self, CustomerAccount},
    store,
};
use crate::{
    access::{guards::CustomerAdministrator, masters},
    http::error::{ApiError, ApiResult},
    state::AppState,
};
use sqlx::AnyConnection;
use wire::{
    access::{AccessLevels, AccountLevelChoice, Level, LAST_MASTER_ADMINISTRATOR},
    grants::STEP_DOWN_FIELD,
    CivilDate, FieldErrors,
};

pub const SECONDARY_CANNOT_STEP_DOWN: &str =
    "A secondary logon's access comes from its parent logon, so it cannot step down";
pub const NOT_YOUR_OWN_GRANT: &str =
    "To step down, make another logon a Master Administrator, not your own";

/// Makes the caller a Tax Administrator with All Access on every account of
/// the customer, once grant `new_master` (written in this transaction) is a
/// Master Administrator. Refuses, and so undoes the whole change, for a
/// secondary logon, for the caller's own grant, and when the new Master
/// Administrator cannot act (its logon locked or disabled, say), since then
/// the caller is still the last one.
pub async fn step_down(
    tx: &mut AnyConnection,
    state: &AppState,
    admin: &CustomerAdministrator,
    new_master: i64,
    accounts: &[CustomerAccount],
    address: Option<&str>,
) -> ApiResult<()> {
    if admin.access.is_secondary() {
        return Err(ApiError::Forbidden(SECONDARY_CANNOT_STEP_DOWN));
    }
    let mine = admin.access.grant_id;
    if mine == new_master {
        let mut errors = FieldErrors::new();
        errors.add(STEP_DOWN_FIELD, NOT_YOUR_OWN_GRANT);
        return Err(errors.into());
    }
    let (now, today) = (state.now(), state.clock.today());
    if masters::is_last_master_grant(&mut *tx, mine, today).await? {
        return Err(ApiError::Conflict(LAST_MASTER_ADMINISTRATOR.into()));
    }
    let ends_on: Option<String> =
        sqlx::query_scalar("SELECT ends_on FROM access_grants WHERE id = $1")
            .bind(mine)
            .fetch_one(&mut *tx)
            .await?;
    let levels = AccessLevels::Tax(
        accounts
            .iter()
            .map(|account| AccountLevelChoice {
                account_id: account.id,
                level: Level::AllAccess,
            })
            .collect(),
    );
    let ends_on = ends_on.as_deref().and_then(CivilDate::parse_iso);
    store::change_grant(tx, mine, &levels, ends_on).await?;
    record(tx, admin, "master_stepped_down", address, now).await?;

    let customer_id = admin.access.customer_id;
    let legal_name = rows::legal_name(&state.db, customer_id).await?;
    let who = rows::logon_label(&state.db, admin.signed_in.logon_id).await?;
    let notice = Notice {
        subject: format!("{who} stepped down as Master Administrator of {legal_name}"),
        body: format!(
            "{who} made another logon a Master Administrator of {legal_name} and stepped \
             down to Tax Administrator, with All Access to every account."
        ),
    };
    notify::to_business(tx, state, customer_id, &[], &notice).await?;
    Ok(())
}
