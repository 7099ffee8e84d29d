//! Manage Secondary Logons: the logons a parent makes for the people who act on
//! its behalf, its security groups, Customer Security (which group each
//! customer it reaches is in), and the emailed invitation a new secondary logon
//! uses to set its password. Only a parent acts here, and only on its own.

mod actions;
mod customer_security;
mod defaults;
mod groups;
mod invitation;
mod logons;
mod temporary_password;

use crate::{
    access::masters,
    db,
    http::{error::ApiError, Routes},
    state::AppState,
};
use sqlx::{Any, AnyConnection, Executor};
use wire::{
    access::{AccessType, Level, TaxTypeLevel},
    secondary::{GroupRef, SecondaryLogonView, SecondaryStatus, DEFAULT_GROUP},
    tax::TaxType,
    FieldErrors,
};

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/secondary-logons", logons::list)
        .post("/secondary-logons", logons::add)
        .get("/secondary-logons/defaults", defaults::defaults)
        .get("/secondary-logons/{logon_id}", logons::view)
        .put("/secondary-logons/{logon_id}/groups", logons::change_groups)
        .put("/secondary-logons/{logon_id}/access", logons::change_access)
        .post("/secondary-logons/{logon_id}/invitation", actions::resend)
        .post(
            "/secondary-logons/{logon_id}/deactivate",
            actions::deactivate,
        )
        .post("/secondary-logons/{logon_id}/disable", actions::disable)
        .post("/secondary-logons/{logon_id}/activate", actions::activate)
        .post("/secondary-logons/{logon_id}/unlock", actions::unlock)
        .post(
            "/secondary-logons/{logon_id}/temporary-password",
            temporary_password::issue,
        )
        .get("/secondary-logons/{logon_id}/activity", actions::activity)
        .get("/security-groups", groups::list)
        .post("/security-groups", groups::create)
        .put("/security-groups/{group_id}", groups::update)
        .delete("/security-groups/{group_id}", groups::delete)
        .get("/customer-security", customer_security::list)
        .post("/customer-security/move", customer_security::move_many)
        .put(
            "/customer-security/{customer_id}",
            customer_security::move_customer,
        )
        .get("/invitations", invitation::lookup)
        .post("/invitations/accept", invitation::accept)
}

/// The parent's secondary logons that are Master Administrators of a customer
/// through it, read before a change (outside its transaction); after the
/// change, [`MasterWatch::announce`] tells each business of the ones that are
/// new, as every new Master Administrator is announced.
pub(crate) struct MasterWatch {
    parent: i64,
    customer: Option<i64>,
    before: Vec<(i64, i64)>,
}

impl MasterWatch {
    /// `customer`: only that customer can be affected; `None`: any of the parent's.
    pub async fn before(
        state: &AppState,
        parent: i64,
        customer: Option<i64>,
    ) -> sqlx::Result<Self> {
        let today = state.clock.today();
        Ok(Self {
            parent,
            customer,
            before: masters::secondary_masters(&state.db, parent, customer, today).await?,
        })
    }

    pub async fn announce(self, tx: &mut AnyConnection, state: &AppState) -> sqlx::Result<()> {
        let today = state.clock.today();
        let after = masters::secondary_masters(&mut *tx, self.parent, self.customer, today).await?;
        for (secondary, customer) in after.into_iter().filter(|p| !self.before.contains(p)) {
            crate::grants::announce_secondary_master(tx, state, customer, secondary, self.parent)
                .await?;
        }
        Ok(())
    }
}

/// Every action on a deactivated logon answers this: deactivation is final.
pub const DEACTIVATED: &str =
    "This logon's access was deactivated. Add a new secondary logon to give access again.";

/// The owner's Default group, made on first need. Safe to call at once from
/// two requests: the unique indexes (one Default per owner, one name per
/// owner) let only one row in.
pub async fn ensure_default_group<'c, E>(db: E, owner: i64, now: i64) -> sqlx::Result<i64>
where
    E: Executor<'c, Database = Any> + Copy,
{
    sqlx::query(
        "INSERT INTO security_groups (owner_logon_id, name, name_key, description, is_default, created_at) \
         VALUES ($1, $2, $3, '', 1, $4) ON CONFLICT DO NOTHING",
    )
    .bind(owner)
    .bind(DEFAULT_GROUP)
    .bind(DEFAULT_GROUP.to_lowercase())
    .bind(now)
    .execute(db)
    .await?;
    sqlx::query_scalar(
        "SELECT id FROM security_groups WHERE owner_logon_id = $1 AND is_default = 1",
    )
    .bind(owner)
    .fetch_one(db)
    .await
}

/// The owner's groups, Default first, then by name.
pub async fn owner_groups<'c, E>(db: E, owner: i64) -> sqlx::Result<Vec<GroupRef>>
where
    E: Executor<'c, Database = Any>,
{
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM security_groups WHERE owner_logon_id = $1 \
         ORDER BY is_default DESC, name_key, id",
    )
    .bind(owner)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| GroupRef { id, name })
        .collect())
}

/// A 422 on `groups` unless every chosen group is one of the owner's.
async fn check_groups_owned<'c, E>(db: E, owner: i64, chosen: &[i64]) -> Result<(), ApiError>
where
    E: Executor<'c, Database = Any>,
{
    let owned: Vec<i64> = owner_groups(db, owner)
        .await?
        .into_iter()
        .map(|g| g.id)
        .collect();
    if chosen.iter().all(|id| owned.contains(id)) {
        Ok(())
    } else {
        Err(groups_error().into())
    }
}

fn groups_error() -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.add("groups", "Choose from your own security groups");
    errors
}

/// The secondary logon as its parent's Settings tab shows it.
pub async fn load_view<'c, E>(db: E, logon_id: i64) -> Result<SecondaryLogonView, ApiError>
where
    E: Executor<'c, Database = Any> + Copy,
{
    let (id, username, name, email, access_type, status): (
        i64,
        String,
        String,
        String,
        Option<String>,
        String,
    ) = sqlx::query_as(
        "SELECT id, username, name, email, secondary_access_type, status FROM logons WHERE id = $1",
    )
    .bind(logon_id)
    .fetch_one(db)
    .await?;
    let groups: Vec<(i64, String)> = sqlx::query_as(
        "SELECT g.id, g.name FROM secondary_logon_groups sg \
         JOIN security_groups g ON g.id = sg.group_id \
         WHERE sg.logon_id = $1 ORDER BY g.is_default DESC, g.name_key, g.id",
    )
    .bind(logon_id)
    .fetch_all(db)
    .await?;
    let types: Vec<(String, String)> =
        sqlx::query_as("SELECT tax_type, level FROM secondary_tax_types WHERE logon_id = $1")
            .bind(logon_id)
            .fetch_all(db)
            .await?;
    let mut tax_types: Vec<TaxTypeLevel> = types
        .iter()
        .map(|(t, l)| {
            Ok(TaxTypeLevel {
                tax_type: db::decode("tax_type", t, TaxType::from_code)?,
                level: db::decode("level", l, Level::from_code)?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    tax_types.sort_by_key(|c| TaxType::ALL.iter().position(|t| *t == c.tax_type));
    Ok(SecondaryLogonView {
        id,
        username,
        name,
        email,
        access_type: access_type
            .as_deref()
            .and_then(AccessType::from_code)
            .unwrap_or(AccessType::TaxAdministrator),
        status: status_of(&status)?,
        groups: groups
            .into_iter()
            .map(|(id, name)| GroupRef { id, name })
            .collect(),
        tax_types,
    })
}

fn status_of(code: &str) -> Result<SecondaryStatus, ApiError> {
    SecondaryStatus::from_code(code)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown logon status {code:?}")))
}

/// The logon's status and username; a deactivated logon answers 409.
async fn acting_on(db: &crate::db::Db, logon_id: i64) -> Result<(String, String), ApiError> {
    let (status, username): (String, String) =
        sqlx::query_as("SELECT status, username FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(db)
            .await?;
    if status == "cancelled" {
        return Err(ApiError::Conflict(DEACTIVATED.into()));
    }
    Ok((status, username))
}

/// Records a successful change on the parent's logon.
async fn record(
    tx: &mut AnyConnection,
    now: i64,
    parent: i64,
    action: &str,
    detail: &str,
    address: Option<&str>,
) -> sqlx::Result<()> {
    let event = crate::audit::Event {
        logon_id: Some(parent),
        action,
        success: true,
        detail: Some(detail),
        source_address: address,
        ..Default::default()
    };
    crate::audit::record(&mut *tx, now, event).await
}
