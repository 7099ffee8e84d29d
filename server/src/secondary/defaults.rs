//! What "Create a Logon for Someone Else" starts from: the creator's own
//! access (seed 000). A secondary logon never gets more than its parent on any
//! business (its level there is the meet of both), so the creator's access
//! type and, per tax type, the join of the creator's levels on accounts of
//! that type give it exactly the creator's access, no more.

use crate::{
    access::guards::ParentLogon,
    db,
    http::{error::ApiResult, json::Json},
    state::AppState,
};
use axum::extract::State;
use wire::{
    access::{AccessType, Level, TaxTypeLevel},
    secondary::SecondaryDefaults,
    tax::TaxType,
};

/// `GET /api/secondary-logons/defaults`. A creator that is a Master
/// Administrator of any business it holds (or holds none yet, so nothing
/// narrows it) starts its logons as Master Administrators with All Access to
/// every type; a Tax Administrator starts them with its own levels.
pub async fn defaults(
    State(state): State<AppState>,
    ParentLogon { signed_in }: ParentLogon,
) -> ApiResult<Json<SecondaryDefaults>> {
    let today = state.clock.today().to_iso();
    let types: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT access_type FROM access_grants WHERE logon_id = $1 \
           AND status = 'active' AND (ends_on IS NULL OR ends_on >= $2)",
    )
    .bind(signed_in.logon_id)
    .bind(&today)
    .fetch_all(&state.db)
    .await?;
    let master = AccessType::MasterAdministrator.code();
    if types.is_empty() || types.iter().any(|t| t == master) {
        return Ok(Json(SecondaryDefaults {
            access_type: AccessType::MasterAdministrator,
            tax_types: TaxType::ALL
                .into_iter()
                .map(|tax_type| TaxTypeLevel {
                    tax_type,
                    level: Level::AllAccess,
                })
                .collect(),
        }));
    }
    #[derive(sqlx::FromRow)]
    struct Held {
        tax_type: String,
        level: String,
    }
    let held: Vec<Held> = sqlx::query_as(
        "SELECT a.tax_type, l.level FROM access_grants g \
         JOIN grant_account_levels l ON l.grant_id = g.id \
         JOIN tax_accounts a ON a.id = l.account_id \
         WHERE g.logon_id = $1 AND g.status = 'active' AND (g.ends_on IS NULL OR g.ends_on >= $2)",
    )
    .bind(signed_in.logon_id)
    .bind(&today)
    .fetch_all(&state.db)
    .await?;
    let mut levels = Vec::with_capacity(held.len());
    for row in held {
        levels.push((
            db::decode("tax_type", &row.tax_type, TaxType::from_code)?,
            db::decode("level", &row.level, Level::from_code)?,
        ));
    }
    let tax_types = TaxType::ALL
        .into_iter()
        .filter_map(|tax_type| {
            let level = levels
                .iter()
                .filter(|(t, _)| *t == tax_type)
                .fold(Level::NoAccess, |joined, (_, level)| joined.join(*level));
            (level != Level::NoAccess).then_some(TaxTypeLevel { tax_type, level })
        })
        .collect();
    Ok(Json(SecondaryDefaults {
        access_type: AccessType::TaxAdministrator,
        tax_types,
    }))
}
