//! View Activity: `GET /api/activity`, the caller's own record, newest first,
//! paged and searchable. The logon is a condition of every query, never a parameter.
//! [`page`] also serves a business's record ([`business`]).

pub mod business;

use crate::db::Db;
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

enum Bind {
    Int(i64),
    Text(String),
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
    let (scope, id) = match whose {
        Whose::Logon(id) => ("a.logon_id = $1", id),
        Whose::Customer(id) => ("a.customer_id = $1", id),
    };
    let mut conditions = vec![scope.to_owned()];
    let mut binds = vec![Bind::Int(id)];
    if let Some(from) = search.from {
        // Days are Hartford days: from its midnight, Eastern time.
        let start = wire::hartford::start_of(from).unwrap_or(i64::MIN);
        let p = next(Bind::Int(start), &mut binds);
        conditions.push(format!("a.occurred_at >= {p}"));
    }
    if let Some(to) = search.to {
        // Through the end of the day typed.
        let end = wire::hartford::end_of(to).unwrap_or(i64::MAX);
        let p = next(Bind::Int(end), &mut binds);
        conditions.push(format!("a.occurred_at < {p}"));
    }
    if let Some(text) = &search.text {
        let mut any = Vec::new();
        for (code, success) in matching_actions(text) {
            let c = next(Bind::Text(code.to_owned()), &mut binds);
            let outcome = if success { "success" } else { "failure" };
            any.push(format!("(a.action = {c} AND a.outcome = '{outcome}')"));
        }
        let like = next(Bind::Text(format!("%{}%", escape_like(text))), &mut binds);
        any.push(format!("LOWER(c.legal_name) LIKE {like} ESCAPE '\\'"));
        conditions.push(format!("({})", any.join(" OR ")));
    }
    let filter = conditions.join(" AND ");
    let from = "FROM activity a LEFT JOIN customers c ON c.id = a.customer_id \
         LEFT JOIN logons l ON l.id = a.logon_id";

    let count_sql = format!("SELECT COUNT(*) {from} WHERE {filter}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for bind in &binds {
        count = match bind {
            Bind::Int(v) => count.bind(*v),
            Bind::Text(v) => count.bind(v.clone()),
        };
    }
    let total = count.fetch_one(db).await?;

    let limit = next(Bind::Int(i64::from(search.page_size)), &mut binds);
    let offset_value = i64::from(search.page - 1) * i64::from(search.page_size);
    let offset = next(Bind::Int(offset_value), &mut binds);
    let rows_sql = format!(
        "SELECT a.occurred_at, a.action, a.outcome, c.legal_name, a.source_address, l.name, \
           l.username {from} \
         WHERE {filter} ORDER BY a.occurred_at DESC, a.id DESC LIMIT {limit} OFFSET {offset}"
    );
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let mut rows = sqlx::query_as::<_, Row>(&rows_sql);
    for bind in &binds {
        rows = match bind {
            Bind::Int(v) => rows.bind(*v),
            Bind::Text(v) => rows.bind(v.clone()),
        };
    }
    let rows = rows
        .fetch_all(db)
        .await?
        .into_iter()
        .map(
            |(occurred_at, action, outcome, business, source_address, name, username)| {
                let success = outcome == "success";
                ActivityRow {
                    occurred_at,
                    description: describe(&action, success),
                    action,
                    business,
                    who: match (whose, name, username) {
                        (Whose::Customer(_), Some(name), Some(username)) => {
                            Some(format!("{name} ({username})"))
                        }
                        _ => None,
                    },
                    source_address,
                    outcome: if success { "Success" } else { "Failure" }.to_owned(),
                }
            },
        )
        .collect();
    Ok(ActivityPage {
        rows,
        page: search.page,
        page_size: search.page_size,
        total,
    })
}

/// Adds a parameter and returns its placeholder.
fn next(bind: Bind, binds: &mut Vec<Bind>) -> String {
    binds.push(bind);
    format!("${}", binds.len())
}

/// Typed text is matched literally, `%` and `_` included.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
