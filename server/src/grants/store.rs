//! Writing a grant: the access type, the level per account, the end date. Used
//! when a request is approved or claimed and when a grant is changed, always
//! inside the caller's transaction.

use super::rows::CustomerAccount;
use sqlx::AnyConnection;
use wire::{
    access::{AccessLevels, Level},
    grants::GrantDecision,
    CivilDate, FieldErrors,
};

/// The server's half of a decision's rules: a Tax Administrator's levels name
/// only this customer's accounts (any it leaves out are No Access).
pub fn check_accounts(
    decision: &GrantDecision,
    accounts: &[CustomerAccount],
) -> Result<(), FieldErrors> {
    if let AccessLevels::Tax(levels) = &decision.levels {
        if levels
            .iter()
            .any(|choice| !accounts.iter().any(|a| a.id == choice.account_id))
        {
            let mut errors = FieldErrors::new();
            errors.add("levels", "Choose levels only for this business's accounts");
            return Err(errors);
        }
    }
    Ok(())
}

/// What a grant is to hold.
pub struct GrantValues<'a> {
    pub logon_id: i64,
    pub customer_id: i64,
    pub relationship: &'a str,
    pub levels: &'a AccessLevels,
    pub ends_on: Option<CivilDate>,
    pub granted_by: i64,
    pub now: i64,
}

/// Gives the logon its grant on the customer: a new row, or its old one
/// (revoked or lapsed) made active again with the new values, since a logon has
/// one grant per customer. Returns the grant's id.
pub async fn upsert_grant(tx: &mut AnyConnection, values: GrantValues<'_>) -> sqlx::Result<i64> {
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM access_grants WHERE logon_id = $1 AND customer_id = $2")
            .bind(values.logon_id)
            .bind(values.customer_id)
            .fetch_optional(&mut *tx)
            .await?;
    let access_type = values.levels.access_type().code();
    let ends_on = values.ends_on.map(CivilDate::to_iso);
    let id = match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE access_grants SET access_type = $1, relationship = $2, status = 'active', \
                   ends_on = $3, granted_by_logon_id = $4, created_at = $5 WHERE id = $6",
            )
            .bind(access_type)
            .bind(values.relationship)
            .bind(ends_on)
            .bind(values.granted_by)
            .bind(values.now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => sqlx::query_scalar(
            "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, \
                   ends_on, granted_by_logon_id, created_at) \
                 VALUES ($1, $2, $3, $4, 'active', $5, $6, $7) RETURNING id",
        )
        .bind(values.logon_id)
        .bind(values.customer_id)
        .bind(access_type)
        .bind(values.relationship)
        .bind(ends_on)
        .bind(values.granted_by)
        .bind(values.now)
        .fetch_one(&mut *tx)
        .await?,
    };
    write_levels(tx, id, values.levels).await?;
    Ok(id)
}

/// Changes an active grant's access type, levels and end date.
pub async fn change_grant(
    tx: &mut AnyConnection,
    grant_id: i64,
    levels: &AccessLevels,
    ends_on: Option<CivilDate>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE access_grants SET access_type = $1, ends_on = $2 WHERE id = $3")
        .bind(levels.access_type().code())
        .bind(ends_on.map(CivilDate::to_iso))
        .bind(grant_id)
        .execute(&mut *tx)
        .await?;
    write_levels(tx, grant_id, levels).await
}

/// Replaces the grant's levels; a Master Administrator needs none, and an
/// account left out (or No Access) gets no row.
async fn write_levels(
    tx: &mut AnyConnection,
    grant_id: i64,
    levels: &AccessLevels,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM grant_account_levels WHERE grant_id = $1")
        .bind(grant_id)
        .execute(&mut *tx)
        .await?;
    if let AccessLevels::Tax(choices) = levels {
        for choice in choices.iter().filter(|c| c.level != Level::NoAccess) {
            sqlx::query(
                "INSERT INTO grant_account_levels (grant_id, account_id, level) VALUES ($1, $2, $3)",
            )
            .bind(grant_id)
            .bind(choice.account_id)
            .bind(choice.level.code())
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

/// Whether the logon holds a grant on the customer that is in force today.
pub async fn holds_grant(
    tx: &mut AnyConnection,
    logon_id: i64,
    customer_id: i64,
    today: CivilDate,
) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM access_grants WHERE logon_id = $1 AND customer_id = $2 \
           AND status = 'active' AND (ends_on IS NULL OR ends_on >= $3)",
    )
    .bind(logon_id)
    .bind(customer_id)
    .bind(today.to_iso())
    .fetch_optional(&mut *tx)
    .await?;
    Ok(found.is_some())
}
