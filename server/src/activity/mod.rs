//! View Activity: `GET /api/activity`, the caller's own record, newest first,
//! paged and searchable. The logon is a condition of every query, never a parameter.
//! [`page`] also serves a business's record ([`business`]).

pub mod business;

use crate::db::{Db, Sql};
use crate::http::Routes;
use crate::{
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    session::SignedIn,
    state::AppState,
};
use axum::{
    extract::{rejection::QueryRejection, Query, State},
    http::StatusCode,
};
use wire::activity::{
    describe, matching_actions, ActivityPage, ActivityQuery, ActivityRow, ActivitySearch,
};

pub fn routes() -> Routes<AppState> {
    Routes::new().get("/activity", list)
}

async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    query: Result<Query<ActivityQuery>, QueryRejection>,
) -> ApiResult<Json<ActivityPage>> {
    let search = read_query(query)?;
    Ok(Json(
        page(&state.db, Whose::Logon(signed_in.logon_id), &search).await?,
    ))
}

/// The query string, checked by the wire rules.
pub fn read_query(
    query: Result<Query<ActivityQuery>, QueryRejection>,
) -> ApiResult<ActivitySearch> {
    let Query(query) = query.map_err(|_| {
        ApiError::BadRequest(
            StatusCode::BAD_REQUEST,
            "The search could not be read: page and page_size are whole numbers".into(),
        )
    })?;
    Ok(query.parse()?)
}

/// Whose record a page shows.
#[derive(Debug, Clone, Copy)]
pub enum Whose {
    /// One logon's own activity.
    Logon(i64),
    /// Everything recorded on one customer, each row naming who did it.
    Customer(i64),
}

/// One page of a record, newest first, searched by words and dates.
pub async fn page(db: &Db, whose: Whose, search: &ActivitySearch) -> sqlx::Result<ActivityPage> {
    let mut filter = Sql::new(
        "FROM activity a LEFT JOIN customers c ON c.id = a.customer_id \
         LEFT JOIN logons l ON l.id = a.logon_id WHERE ",
    );
    match whose {
        Whose::Logon(id) => filter.push("a.logon_id = ").push_arg(id),
        Whose::Customer(id) => filter.push("a.customer_id = ").push_arg(id),
    };
    if let Some(from) = search.from {
        // Days are Hartford days: from its midnight, Eastern time.
        let start = wire::hartford::start_of(from).unwrap_or(i64::MIN);
        filter.push(" AND a.occurred_at >= ").push_arg(start);
    }
    if let Some(to) = search.to {
        // Through the end of the day typed.
        let end = wire::hartford::end_of(to).unwrap_or(i64::MAX);
        filter.push(" AND a.occurred_at < ").push_arg(end);
    }
    if let Some(text) = &search.text {
        filter.push(" AND (");
        for (code, success) in matching_actions(text) {
            let outcome = if success { "success" } else { "failure" };
            filter.push("(a.action = ").push_arg(code);
            filter.push(&format!(" AND a.outcome = '{outcome}') OR "));
        }
        filter.push("LOWER(c.legal_name) LIKE ");
        filter.push_arg(format!("%{}%", escape_like(text)));
        filter.push(" ESCAPE '\\')");
    }
    let total: i64 = filter
        .prefixed("SELECT COUNT(*) ")
        .query_scalar()
        .fetch_one(db)
        .await?;

    #[derive(sqlx::FromRow)]
    struct Row {
        occurred_at: i64,
        action: String,
        outcome: String,
        business: Option<String>,
        source_address: Option<String>,
        name: Option<String>,
        username: Option<String>,
    }
    let mut rows = filter.prefixed(
        "SELECT a.occurred_at, a.action, a.outcome, c.legal_name AS business, \
           a.source_address, l.name, l.username ",
    );
    rows.push(" ORDER BY a.occurred_at DESC, a.id DESC LIMIT ")
        .push_arg(i64::from(search.page_size))
        .push(" OFFSET ")
        .push_arg(i64::from(search.page - 1) * i64::from(search.page_size));
    let rows = rows
        .query_as::<Row>()
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|row| {
            let success = row.outcome == "success";
            ActivityRow {
                occurred_at: row.occurred_at,
                description: describe(&row.action, success),
                action: row.action,
                business: row.business,
                who: match (whose, row.name, row.username) {
                    (Whose::Customer(_), Some(name), Some(username)) => {
                        Some(format!("{name} ({username})"))
                    }
                    _ => None,
                },
                source_address: row.source_address,
                outcome: if success { "Success" } else { "Failure" }.to_owned(),
            }
        })
        .collect();
    Ok(ActivityPage {
        rows,
        page: search.page,
        page_size: search.page_size,
        total,
    })
}

/// Typed text is matched literally, `%` and `_` included.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
