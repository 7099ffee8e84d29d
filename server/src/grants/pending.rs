//! What a Master Administrator decides on: the business's pending requests,
//! and its accounts for the approve and change forms.

use super::{rows, KindQuery};
use crate::{
    access::guards::CustomerAdministrator,
    http::{error::ApiResult, json::Json, query::Query},
    state::AppState,
};
use axum::extract::State;
use wire::{
    access::Level,
    grants::{DecisionContext, PendingRequestRow, RequestKind},
};

/// `GET /api/customers/{id}/accounts`: what the approve and change forms set
/// levels on, starting at View Only.
pub async fn context(
    State(state): State<AppState>,
    admin: CustomerAdministrator,
) -> ApiResult<Json<DecisionContext>> {
    let customer_id = admin.access.customer_id;
    Ok(Json(DecisionContext {
        legal_name: rows::legal_name(&state.db, customer_id).await?,
        accounts: rows::customer_accounts(&state.db, customer_id)
            .await?
            .iter()
            .map(|account| account.with_level(Level::ViewOnly))
            .collect(),
    }))
}

/// `GET /api/customers/{id}/access-requests?kind=`: waiting, and not lapsed.
pub async fn pending(
    State(state): State<AppState>,
    admin: CustomerAdministrator,
    Query(query): Query<KindQuery>,
) -> ApiResult<Json<Vec<PendingRequestRow>>> {
    let kind_filter = match query.kind {
        Some(_) => " AND r.kind = $3",
        None => "",
    };
    type Row = (i64, String, String, String, Option<String>, i64, i64);
    let sql = format!(
        "SELECT r.id, r.kind, l.name, l.username, {firm}, r.created_at, r.expires_at \
         FROM access_requests r JOIN logons l ON l.id = r.requester_logon_id \
         WHERE r.customer_id = $1 AND r.status = 'pending' AND r.expires_at > $2{kind_filter} \
         ORDER BY r.created_at, r.id",
        firm = rows::firm_name_sql("r.grantee_logon_id"),
    );
    let mut list = sqlx::query_as::<_, Row>(&sql)
        .bind(admin.access.customer_id)
        .bind(state.now());
    if let Some(kind) = query.kind {
        list = list.bind(kind.code());
    }
    let rows = list.fetch_all(&state.db).await?;
    Ok(Json(
        rows.into_iter()
            .filter_map(
                |(id, kind, requester_name, requester_username, firm, requested_at, expires_at)| {
                    let kind = RequestKind::from_code(&kind)?;
                    Some(PendingRequestRow {
                        id,
                        kind,
                        requester_name,
                        requester_username,
                        firm_name: firm.filter(|_| kind == RequestKind::ThirdParty),
                        requested_at,
                        // The last Hartford day on which it can still be decided.
                        expires_on: wire::hartford::date_at(expires_at - 1)?,
                    })
                },
            )
            .collect(),
    ))
}
