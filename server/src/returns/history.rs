//! View Return History: a business's returns of the last 3 years, by period
//! end or by filing date range, one tax type or all, keyset-paged by that
//! date, and as CSV. A confirmation number opens the return as filed.

use crate::{
    access::{self, guards::ReachedCustomer},
    csv_export::CsvExport,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
        query::Query,
    },
    ledger::{periods::csv_response, read::id_list},
    state::AppState,
};
use axum::{extract::State, response::Response};
use wire::{
    access::SortDirection,
    ledger::{Cursor, DateBasis, HistoryQuery, HistorySearch, KeysetPage, Page, ReturnRow},
    tax::TaxType,
    CivilDate, Money,
};

type Row = (
    i64,
    String,
    String,
    i64,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
    i64,
    i64,
    Option<String>,
);

/// One page of the returns of `account_ids`.
pub async fn return_page(
    state: &AppState,
    account_ids: &[i64],
    search: &HistorySearch,
) -> ApiResult<KeysetPage<ReturnRow>> {
    if account_ids.is_empty() {
        return Ok(KeysetPage {
            rows: Vec::new(),
            next: None,
            previous: None,
        });
    }
    let column = match search.basis {
        DateBasis::PeriodEnd => "p.period_end",
        DateBasis::Filed => "r.filed_on",
    };
    let backwards = matches!(search.page, Page::Before(_));
    let descending = search.dir == SortDirection::Descending;
    let (compare, order) = if descending != backwards {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let (cursor_date, cursor_id) = match search.page {
        Page::First if compare == "<" => ("9999-12-31".to_owned(), i64::MAX),
        Page::First => (String::new(), 0),
        Page::After(c) | Page::Before(c) => (c.date.to_iso(), c.id),
    };
    let sql = format!(
        "SELECT r.id, r.confirmation_number, r.kind, p.account_id, a.account_number, a.tax_type, \
           p.period_end, r.filed_at, r.filed_on, r.filed_by_name, r.tax_cents, r.total_due_cents, \
           r.processed_on \
         FROM tax_returns r JOIN periods p ON p.id = r.period_id \
         JOIN tax_accounts a ON a.id = p.account_id \
         WHERE p.account_id IN ({ids}) AND {column} >= $1 AND {column} <= $2 \
           AND ({column} {compare} $3 OR ({column} = $3 AND r.id {compare} $4)) \
         ORDER BY {column} {order}, r.id {order} LIMIT $5",
        ids = id_list(account_ids)
    );
    let limit = i64::from(search.page_size) + 1;
    let mut rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(search.from.to_iso())
        .bind(search.to.to_iso())
        .bind(cursor_date)
        .bind(cursor_id)
        .bind(limit)
        .fetch_all(&state.db)
        .await?;
    let more = rows.len() as i64 == limit;
    rows.truncate(search.page_size as usize);
    if backwards {
        rows.reverse();
    }
    let bad = |what: &str| ApiError::Internal(anyhow::anyhow!("stored {what} is not valid"));
    let mut out = Vec::with_capacity(rows.len());
    for (
        return_id,
        confirmation_number,
        kind,
        account_id,
        account_number,
        tax_type,
        period_end,
        filed_at,
        filed_on,
        filed_by,
        tax,
        total_due,
        processed_on,
    ) in rows
    {
        out.push(ReturnRow {
            return_id,
            confirmation_number,
            amended: kind == "amended",
            account_id,
            account_number,
            tax_type: TaxType::from_code(&tax_type).ok_or_else(|| bad("tax type"))?,
            period_end: CivilDate::parse_iso(&period_end).ok_or_else(|| bad("period end"))?,
            filed_at,
            filed_on: CivilDate::parse_iso(&filed_on).ok_or_else(|| bad("filing date"))?,
            filed_by: filed_by.unwrap_or_else(|| "Not recorded".to_owned()),
            tax: Money::from_cents(tax),
            total_due: Money::from_cents(total_due),
            processed: processed_on.is_some(),
        });
    }
    let cursor_of = |row: &ReturnRow| Cursor {
        date: match search.basis {
            DateBasis::PeriodEnd => row.period_end,
            DateBasis::Filed => row.filed_on,
        },
        id: row.return_id,
    };
    Ok(KeysetPage::of(out, search.page, more, cursor_of))
}

async fn scope(
    state: &AppState,
    reached: &ReachedCustomer,
    tax_type: Option<TaxType>,
) -> ApiResult<Vec<i64>> {
    Ok(access::viewable_accounts(&state.db, &reached.access)
        .await?
        .into_iter()
        .filter(|(a, _)| tax_type.is_none_or(|t| t == a.tax_type))
        .map(|(a, _)| a.id)
        .collect())
}

/// `GET /api/customers/{customer_id}/returns`.
pub async fn list(
    State(state): State<AppState>,
    reached: ReachedCustomer,
    Query(query): Query<HistoryQuery>,
) -> ApiResult<Json<KeysetPage<ReturnRow>>> {
    let search = query
        .parse(state.clock.today())
        .map_err(ApiError::Validation)?;
    let accounts = scope(&state, &reached, search.tax_type).await?;
    return_page(&state, &accounts, &search).await.map(Json)
}

/// `GET /api/customers/{customer_id}/returns/export`: every matching return as CSV.
pub async fn export(
    State(state): State<AppState>,
    reached: ReachedCustomer,
    Query(query): Query<HistoryQuery>,
) -> ApiResult<Response> {
    let mut search = query
        .parse(state.clock.today())
        .map_err(ApiError::Validation)?;
    let accounts = scope(&state, &reached, search.tax_type).await?;
    search.page_size = 100;
    search.page = Page::First;
    let mut rows = Vec::new();
    loop {
        let page = return_page(&state, &accounts, &search).await?;
        rows.extend(page.rows);
        match page.next.as_deref().and_then(Cursor::decode) {
            Some(cursor) if rows.len() < crate::ledger::periods::EXPORT_MAX => {
                search.page = Page::After(cursor)
            }
            _ => break,
        }
    }
    let amount = |m: Money| format!("{:.2}", m.decimal());
    let mut out = CsvExport::new(
        Vec::new(),
        &[
            "Confirmation number",
            "Return",
            "Tax type",
            "Account ID",
            "Period end",
            "Filed on",
            "Filed by",
            "Tax",
            "Total due",
            "Processed",
        ],
    )
    .map_err(anyhow::Error::from)?;
    for row in &rows {
        out.row([
            row.confirmation_number.clone(),
            if row.amended { "Amended" } else { "Original" }.to_owned(),
            row.tax_type.label().to_owned(),
            row.account_number.clone(),
            row.period_end.to_us(),
            row.filed_on.to_us(),
            row.filed_by.clone(),
            amount(row.tax),
            amount(row.total_due),
            if row.processed { "Yes" } else { "Not yet" }.to_owned(),
        ])
        .map_err(anyhow::Error::from)?;
    }
    let body = out.finish().map_err(anyhow::Error::from)?;
    Ok(csv_response("returns.csv", body))
}
