//! Periods with their figures: the account page's table (View/File Returns
//! and View Period Detail) and View Account Period Details for a business,
//! keyset-paged by period end, filtered by period end or filing date and by
//! tax type, with "Balance if paid by" and a CSV export.

use super::read::{id_list, period_ledgers};
use crate::{
    access::{self, account_guards::AccountViewer, guards::ReachedCustomer, Account, Right},
    csv_export::CsvExport,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
        query::Query,
    },
    state::AppState,
};
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use std::collections::HashMap;
use wire::{
    access::SortDirection,
    ledger::{
        Cursor, DateBasis, EntryKind, HistoryQuery, HistorySearch, KeysetPage, Page, PeriodDetails,
        PeriodFigures, PeriodRow, ReturnRef,
    },
    returns::FormCode,
    summary::ReturnStatus,
    tax::TaxType,
    CivilDate, Money,
};

/// The most rows a CSV export holds.
pub const EXPORT_MAX: usize = 10_000;

/// The accounts a search covers, with whether the caller may file on each.
pub struct Scope {
    pub accounts: Vec<(Account, bool)>,
}

impl Scope {
    fn of_customer(accounts: Vec<(Account, access::Level)>, tax_type: Option<TaxType>) -> Self {
        Self {
            accounts: accounts
                .into_iter()
                .filter(|(a, _)| tax_type.is_none_or(|t| t == a.tax_type))
                .map(|(a, level)| (a, level.allows(Right::File)))
                .collect(),
        }
    }

    fn may_file(&self, account_id: i64) -> bool {
        self.accounts
            .iter()
            .any(|(a, file)| a.id == account_id && *file)
    }
}

fn bad(what: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("stored {what} is not valid: {value:?}").into())
}

/// One page of the scope's periods.
pub async fn period_page(
    state: &AppState,
    scope: &Scope,
    search: &HistorySearch,
    today: CivilDate,
) -> ApiResult<KeysetPage<PeriodRow>> {
    let ids: Vec<i64> = scope.accounts.iter().map(|(a, _)| a.id).collect();
    if ids.is_empty() {
        return Ok(KeysetPage {
            rows: Vec::new(),
            next: None,
            previous: None,
        });
    }
    let window = match search.basis {
        // Older periods that still owe something are bills: always listed.
        DateBasis::PeriodEnd => {
            "((p.period_end >= $1 AND p.period_end <= $2) OR COALESCE(t.balance_cents, 0) <> 0)"
        }
        DateBasis::Filed => {
            "EXISTS (SELECT 1 FROM tax_returns r WHERE r.period_id = p.id \
               AND r.filed_on >= $1 AND r.filed_on <= $2)"
        }
    };
    let descending = search.dir == SortDirection::Descending;
    // Reading backwards (the page before a cursor) runs the other way, then flips.
    let backwards = matches!(search.page, Page::Before(_));
    let (compare, order) = match (descending, backwards) {
        (true, false) | (false, true) => ("<", "DESC"),
        (false, false) | (true, true) => (">", "ASC"),
    };
    let keyset =
        format!("(p.period_end {compare} $3 OR (p.period_end = $3 AND p.id {compare} $4))");
    // The first page starts from beyond either end.
    let (cursor_date, cursor_id) = match search.page {
        Page::First if compare == "<" => ("9999-12-31".to_owned(), i64::MAX),
        Page::First => (String::new(), 0),
        Page::After(c) | Page::Before(c) => (c.date.to_iso(), c.id),
    };
    let sql = format!(
        "SELECT p.id, p.account_id, a.account_number, a.tax_type, p.period_end, p.due_date \
         FROM periods p JOIN tax_accounts a ON a.id = p.account_id \
         LEFT JOIN period_totals t ON t.period_id = p.id \
         WHERE p.account_id IN ({}) AND {window} AND {keyset} \
         ORDER BY p.period_end {order}, p.id {order} LIMIT $5",
        id_list(&ids)
    );
    let limit = i64::from(search.page_size) + 1;
    let mut rows: Vec<(i64, i64, String, String, String, String)> = sqlx::query_as(&sql)
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
    let mut period_rows = Vec::with_capacity(rows.len());
    for (period_id, account_id, account_number, tax_type, end, due) in rows {
        let tax_type = TaxType::from_code(&tax_type).ok_or_else(|| bad("tax type", &tax_type))?;
        let period_end = CivilDate::parse_iso(&end).ok_or_else(|| bad("period end", &end))?;
        let due_date = CivilDate::parse_iso(&due).ok_or_else(|| bad("due date", &due))?;
        period_rows.push(PeriodRow {
            period_id,
            account_id,
            account_number,
            tax_type,
            period_end,
            due_date,
            status: ReturnStatus::on(today, period_end, due_date, false),
            latest_return: None,
            return_count: 0,
            figures: PeriodFigures::default(),
            balance_if_paid_by: None,
            may_file: false,
            may_amend: false,
        });
    }
    fill(state, scope, &mut period_rows, search.pay_by, today).await?;
    let cursor_of = |row: &PeriodRow| Cursor {
        date: row.period_end,
        id: row.period_id,
    };
    Ok(KeysetPage::of(period_rows, search.page, more, cursor_of))
}

/// Returns, figures, status and "Balance if paid by" for the rows.
async fn fill(
    state: &AppState,
    scope: &Scope,
    rows: &mut [PeriodRow],
    pay_by: CivilDate,
    today: CivilDate,
) -> ApiResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.period_id).collect();
    let list = id_list(&ids);
    let returns: Vec<(i64, i64, String, String, Option<String>, i64)> = sqlx::query_as(&format!(
        "SELECT id, period_id, confirmation_number, kind, filed_on, filed_at FROM tax_returns \
         WHERE period_id IN ({list}) ORDER BY filed_at, id"
    ))
    .fetch_all(&state.db)
    .await?;
    let mut by_period: HashMap<i64, (u32, ReturnRef)> = HashMap::new();
    for (id, period_id, confirmation_number, kind, filed_on, filed_at) in returns {
        let filed_on = filed_on
            .as_deref()
            .and_then(CivilDate::parse_iso)
            .or_else(|| wire::hartford::date_at(filed_at))
            .unwrap_or(today);
        let entry = by_period.entry(period_id).or_insert((
            0,
            ReturnRef {
                return_id: id,
                confirmation_number: confirmation_number.clone(),
                amended: false,
                filed_on,
            },
        ));
        entry.0 += 1;
        entry.1 = ReturnRef {
            return_id: id,
            confirmation_number,
            amended: kind == "amended",
            filed_on,
        };
    }
    let sums: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT period_id, kind, CAST(SUM(amount_cents) AS BIGINT) FROM ledger_entries \
         WHERE period_id IN ({list}) GROUP BY period_id, kind"
    ))
    .fetch_all(&state.db)
    .await?;
    let mut figures: HashMap<i64, PeriodFigures> = HashMap::new();
    for (period_id, kind, cents) in sums {
        if let Some(kind) = EntryKind::from_code(&kind) {
            figures
                .entry(period_id)
                .or_default()
                .add(kind, Money::from_cents(cents));
        }
    }
    let owing: Vec<i64> = rows
        .iter()
        .filter(|r| {
            figures
                .get(&r.period_id)
                .is_some_and(|f| f.balance > Money::ZERO)
        })
        .map(|r| r.period_id)
        .collect();
    let mut paid_by = HashMap::new();
    if !owing.is_empty() {
        let rules = crate::rules::load(&state.db).await?;
        let mut conn = state.db.acquire().await?;
        for ledger in period_ledgers(&mut conn, &owing).await? {
            paid_by.insert(ledger.period_id, ledger.balance_if_paid_by(&rules, pay_by));
        }
    }
    for row in rows.iter_mut() {
        let files_online = FormCode::for_tax_type(row.tax_type).is_some();
        let may_file = scope.may_file(row.account_id) && files_online;
        if let Some((count, latest)) = by_period.remove(&row.period_id) {
            row.return_count = count;
            row.latest_return = Some(latest);
        }
        row.figures = figures.remove(&row.period_id).unwrap_or_default();
        row.status = ReturnStatus::on(today, row.period_end, row.due_date, row.return_count > 0);
        row.balance_if_paid_by = paid_by.remove(&row.period_id);
        row.may_file = may_file && row.return_count == 0 && row.period_end < today;
        row.may_amend = may_file && row.return_count > 0;
    }
    Ok(())
}

fn search_of(query: &HistoryQuery, today: CivilDate) -> ApiResult<HistorySearch> {
    query.parse(today).map_err(ApiError::Validation)
}

/// `GET /api/accounts/{account_id}/periods`: the account's periods.
pub async fn account_periods(
    State(state): State<AppState>,
    viewer: AccountViewer,
    Query(query): Query<HistoryQuery>,
) -> ApiResult<Json<PeriodDetails>> {
    let today = state.clock.today();
    let search = search_of(&query, today)?;
    let scope = Scope {
        accounts: vec![(viewer.account, viewer.may_file())],
    };
    details(&state, &scope, &search, today).await.map(Json)
}

async fn customer_scope(
    state: &AppState,
    reached: &ReachedCustomer,
    tax_type: Option<TaxType>,
) -> ApiResult<Scope> {
    let accounts = access::viewable_accounts(&state.db, &reached.access).await?;
    Ok(Scope::of_customer(accounts, tax_type))
}

async fn details(
    state: &AppState,
    scope: &Scope,
    search: &HistorySearch,
    today: CivilDate,
) -> ApiResult<PeriodDetails> {
    let page = period_page(state, scope, search, today).await?;
    let any_unfiled = page
        .rows
        .iter()
        .any(|r| matches!(r.status, ReturnStatus::Due | ReturnStatus::Overdue));
    Ok(PeriodDetails {
        page,
        pay_by: search.pay_by,
        information_current_as_of: super::information_current_as_of(&state.db, state.now()).await?,
        any_unfiled,
    })
}

/// `GET /api/customers/{customer_id}/period-details`: View Account Period Details.
pub async fn customer_period_details(
    State(state): State<AppState>,
    reached: ReachedCustomer,
    Query(query): Query<HistoryQuery>,
) -> ApiResult<Json<PeriodDetails>> {
    let today = state.clock.today();
    let search = search_of(&query, today)?;
    let scope = customer_scope(&state, &reached, search.tax_type).await?;
    details(&state, &scope, &search, today).await.map(Json)
}

/// Every row of a search, page by page, up to [`EXPORT_MAX`].
async fn all_rows(
    state: &AppState,
    scope: &Scope,
    mut search: HistorySearch,
    today: CivilDate,
) -> ApiResult<Vec<PeriodRow>> {
    search.page_size = 100;
    search.page = Page::First;
    let mut rows = Vec::new();
    loop {
        let page = period_page(state, scope, &search, today).await?;
        rows.extend(page.rows);
        match page.next.as_deref().and_then(Cursor::decode) {
            Some(cursor) if rows.len() < EXPORT_MAX => search.page = Page::After(cursor),
            _ => break,
        }
    }
    rows.truncate(EXPORT_MAX);
    Ok(rows)
}

/// A CSV file as an attachment.
pub fn csv_response(filename: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn periods_csv(rows: &[PeriodRow], pay_by: CivilDate) -> ApiResult<Vec<u8>> {
    let paid_by = format!("Balance if paid by {}", pay_by.to_us());
    let header = [
        "Tax type",
        "Account ID",
        "Period end",
        "Due date",
        "Status",
        "Confirmation number",
        "Tax",
        "Penalty",
        "Interest",
        "Payments and credits",
        "Balance",
        paid_by.as_str(),
    ];
    let amount = |m: Money| format!("{:.2}", m.decimal());
    let mut out = CsvExport::new(Vec::new(), &header).map_err(anyhow::Error::from)?;
    for row in rows {
        out.row([
            row.tax_type.label().to_owned(),
            row.account_number.clone(),
            row.period_end.to_us(),
            row.due_date.to_us(),
            row.status.label().to_owned(),
            row.latest_return
                .as_ref()
                .map(|r| r.confirmation_number.clone())
                .unwrap_or_default(),
            amount(row.figures.tax),
            amount(row.figures.penalty),
            amount(row.figures.interest),
            amount(row.figures.payments),
            amount(row.figures.balance),
            row.balance_if_paid_by.map(amount).unwrap_or_default(),
        ])
        .map_err(anyhow::Error::from)?;
    }
    Ok(out.finish().map_err(anyhow::Error::from)?)
}

/// `GET /api/accounts/{account_id}/periods/export`: the account's periods as CSV.
pub async fn export_account_periods(
    State(state): State<AppState>,
    viewer: AccountViewer,
    Query(query): Query<HistoryQuery>,
) -> ApiResult<Response> {
    let today = state.clock.today();
    let search = search_of(&query, today)?;
    let scope = Scope {
        accounts: vec![(viewer.account, viewer.may_file())],
    };
    let pay_by = search.pay_by;
    let rows = all_rows(&state, &scope, search, today).await?;
    Ok(csv_response("periods.csv", periods_csv(&rows, pay_by)?))
}

/// `GET /api/customers/{customer_id}/period-details/export`.
pub async fn export_customer_period_details(
    State(state): State<AppState>,
    reached: ReachedCustomer,
    Query(query): Query<HistoryQuery>,
) -> ApiResult<Response> {
    let today = state.clock.today();
    let search = search_of(&query, today)?;
    let scope = customer_scope(&state, &reached, search.tax_type).await?;
    let pay_by = search.pay_by;
    let rows = all_rows(&state, &scope, search, today).await?;
    Ok(csv_response(
        "period-details.csv",
        periods_csv(&rows, pay_by)?,
    ))
}
