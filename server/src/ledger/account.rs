//! The account page, "View/File Returns and View Period Detail": the
//! account, its balance, File Now, and its chart of balance and payments.

use crate::{
    access::account_guards::AccountViewer,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    state::AppState,
};
use axum::extract::State;
use sqlx::AnyConnection;
use wire::{
    ledger::{AccountHeader, AccountView, ChartPoint, EntryKind},
    returns::FormCode,
    summary::FileNow,
    tax::{AccountStatus, FilingFrequency, TaxType},
    CivilDate, Money,
};

fn corrupt(what: &str, value: &str) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("stored {what} is not valid: {value:?}"))
}

/// The account and its business, for any page about it.
pub async fn header(conn: &mut AnyConnection, account_id: i64) -> ApiResult<AccountHeader> {
    type Row = (i64, String, String, String, String, i64, String, String);
    let row: Option<Row> = sqlx::query_as(
        "SELECT a.id, a.account_number, a.tax_type, a.frequency, a.status, c.id, c.legal_name, \
           c.reg_number \
         FROM tax_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = $1",
    )
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (id, account_number, tax_type, frequency, status, customer_id, legal_name, reg_number) =
        row.ok_or(ApiError::NotFound)?;
    Ok(AccountHeader {
        id,
        account_number,
        tax_type: TaxType::from_code(&tax_type).ok_or_else(|| corrupt("tax type", &tax_type))?,
        frequency: FilingFrequency::from_code(&frequency)
            .ok_or_else(|| corrupt("frequency", &frequency))?,
        status: AccountStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
        customer_id,
        legal_name,
        reg_number,
    })
}

/// Why an account's returns are not filed here, if they are not.
pub fn filing_note(tax_type: TaxType) -> Option<String> {
    FormCode::for_tax_type(tax_type).is_none().then(|| {
        format!(
            "{} returns are not filed on this portal yet: file them on paper as the \
             return's instructions say.",
            tax_type.label()
        )
    })
}

/// The earliest period that has ended without a return.
pub async fn file_now(
    conn: &mut AnyConnection,
    account_id: i64,
    today: CivilDate,
) -> ApiResult<Option<FileNow>> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT p.id, p.period_end, p.due_date FROM periods p \
         WHERE p.account_id = $1 AND p.period_end < $2 \
           AND NOT EXISTS (SELECT 1 FROM tax_returns r WHERE r.period_id = p.id) \
         ORDER BY p.period_end LIMIT 1",
    )
    .bind(account_id)
    .bind(today.to_iso())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(period_id, end, due)| {
        Ok(FileNow {
            period_id,
            period_end: CivilDate::parse_iso(&end).ok_or_else(|| corrupt("period end", &end))?,
            due_date: CivilDate::parse_iso(&due).ok_or_else(|| corrupt("due date", &due))?,
        })
    })
    .transpose()
}

/// `GET /api/accounts/{account_id}`.
pub async fn account_page(
    State(state): State<AppState>,
    viewer: AccountViewer,
) -> ApiResult<Json<AccountView>> {
    let today = state.clock.today();
    let mut conn = state.db.acquire().await?;
    let account = header(&mut conn, viewer.account.id).await?;
    let filing_note = filing_note(account.tax_type);
    let may_file = viewer.may_file();
    let file_now = if may_file && filing_note.is_none() {
        file_now(&mut conn, account.id, today).await?
    } else {
        None
    };
    let entries: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT e.kind, e.amount_cents, e.effective_on FROM ledger_entries e \
         JOIN periods p ON p.id = e.period_id WHERE p.account_id = $1",
    )
    .bind(account.id)
    .fetch_all(&mut *conn)
    .await?;
    let entries: Vec<(EntryKind, Money, CivilDate)> = entries
        .into_iter()
        .filter_map(|(kind, cents, on)| {
            Some((
                EntryKind::from_code(&kind)?,
                Money::from_cents(cents),
                CivilDate::parse_iso(&on)?,
            ))
        })
        .collect();
    let balance = entries.iter().map(|(_, amount, _)| *amount).sum();
    drop(conn);
    Ok(Json(AccountView {
        account,
        balance,
        may_file,
        filing_note,
        file_now,
        chart: chart(&entries, today),
        information_current_as_of: super::information_current_as_of(&state.db, state.now()).await?,
    }))
}

/// Month by month over the last 3 years: the balance at each month's end and
/// the payments and credits made during the month.
pub fn chart(entries: &[(EntryKind, Money, CivilDate)], today: CivilDate) -> Vec<ChartPoint> {
    let this_month = today.end_of_month_after(0).unwrap_or(today);
    (0..36)
        .rev()
        .filter_map(|back| {
            let month_end = this_month
                .first_of_month()
                .add_months(-back)?
                .end_of_month_after(0)?;
            let start = month_end.first_of_month();
            let balance = entries
                .iter()
                .filter(|(_, _, on)| *on <= month_end)
                .map(|(_, amount, _)| *amount)
                .sum();
            let payments: Money = entries
                .iter()
                .filter(|(kind, _, on)| {
                    kind.is_payment_or_credit() && start <= *on && *on <= month_end
                })
                .map(|(_, amount, _)| -*amount)
                .sum();
            Some(ChartPoint {
                month_end,
                balance,
                payments,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    #[test]
    fn the_chart_runs_three_years_to_this_month_with_the_balance_at_each_month_end() {
        let entries = vec![
            (EntryKind::Tax, Money::from_cents(50_000), day(2023, 1, 20)),
            (EntryKind::Tax, Money::from_cents(10_000), day(2026, 10, 20)),
            (
                EntryKind::Payment,
                Money::from_cents(-50_000),
                day(2026, 11, 2),
            ),
        ];
        let chart = chart(&entries, day(2026, 11, 23));
        assert_eq!(chart.len(), 36);
        assert_eq!(chart[0].month_end, day(2023, 12, 31));
        assert_eq!(chart[0].balance, Money::from_cents(50_000));
        let last = chart.last().unwrap();
        assert_eq!(last.month_end, day(2026, 11, 30));
        assert_eq!(last.balance, Money::from_cents(10_000));
        assert_eq!(last.payments, Money::from_cents(50_000));
        assert_eq!(chart[34].payments, Money::ZERO);
    }
}
