//! What a Master Administrator decides on: the business's pending requests,
//! and its accounts for the approve and change forms.

use super::{rows, KindQuery};
use crate::{
    access::guards::CustomerAdministrator,
    db::{self, Sql},
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
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        kind: String,
        requester_name: String,
        requester_username: String,
        firm: Option<String>,
        requested_at: i64,
        expires_at: i64,
    }
    let mut list = Sql::new(&format!(
        "SELECT r.id, r.kind, l.name AS requester_name, l.username AS requester_username, \
           {firm} AS firm, r.created_at AS requested_at, r.expires_at \
         FROM access_requests r JOIN logons l ON l.id = r.requester_logon_id \
         WHERE r.customer_id = ",
        firm = rows::firm_name_sql("r.grantee_logon_id"),
    ));
    list.push_arg(admin.access.customer_id)
        .push(" AND r.status = 'pending' AND r.expires_at > ")
        .push_arg(state.now());
    if let Some(kind) = query.kind {
        list.push(" AND r.kind = ").push_arg(kind.code());
    }
    list.push(" ORDER BY r.created_at, r.id");
    let rows: Vec<Row> = list.query_as().fetch_all(&state.db).await?;
    let rows = rows
        .into_iter()
        .map(|row| {
            let kind = db::decode("kind", &row.kind, RequestKind::from_code)?;
            Ok(PendingRequestRow {
                id: row.id,
                kind,
                requester_name: row.requester_name,
                requester_username: row.requester_username,
                firm_name: row.firm.filter(|_| kind == RequestKind::ThirdParty),
                requested_at: row.requested_at,
                // The last Hartford day on which it can still be decided.
                expires_on: wire::hartford::date_at(row.expires_at - 1)
                    .ok_or_else(|| db::unreadable("expires_at", row.expires_at))?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok(Json(rows))
}
