//! A customer's Summary: the business and a card per account the caller may view.

use crate::{
    access::{self, guards::ReachedCustomer, Right},
    db,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    state::AppState,
};
use axum::extract::State;
use wire::{
    ids::{mask_tin_as, TinKind},
    returns::FormCode,
    summary::{AccountCard, Address, CustomerHeader, FileNow, PeriodCard, ReturnStatus, Summary},
    tax::{AccountStatus, FilingFrequency, TaxType},
    CivilDate, Money,
};

/// One row of the Summary's one query: the customer and one of its accounts
/// (if any), with the account's balance (the sum of its periods' ledger
/// totals, `ledger::post` keeps each equal to the sum of its rows) and the two
/// periods its card may point at, found through the periods' (account, period
/// end) index: the oldest without a return, and the latest.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    header: HeaderRow,
    account_id: Option<i64>,
    account_number: Option<String>,
    tax_type: Option<String>,
    frequency: Option<String>,
    status: Option<String>,
    balance_cents: Option<i64>,
    unfiled_id: Option<i64>,
    unfiled_end: Option<String>,
    unfiled_due: Option<String>,
    latest_end: Option<String>,
    latest_due: Option<String>,
    latest_returns: Option<i64>,
}

/// `GET /api/customers/{customer_id}/summary`: a card per account the caller
/// may view, in one query after the guard's (which reads the session and
/// finds the caller's access kept, see `db::derived`).
pub async fn summary(
    State(state): State<AppState>,
    ReachedCustomer { access, .. }: ReachedCustomer,
) -> ApiResult<Json<Summary>> {
    let today = state.clock.today();
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {HEADER_COLUMNS}, \
           a.id AS account_id, a.account_number, a.tax_type, a.frequency, a.status, \
           CAST(COALESCE((SELECT SUM(t.balance_cents) FROM period_totals t \
             WHERE t.account_id = a.id), 0) AS BIGINT) AS balance_cents, \
           u.id AS unfiled_id, u.period_end AS unfiled_end, u.due_date AS unfiled_due, \
           l.period_end AS latest_end, l.due_date AS latest_due, \
           (SELECT COUNT(*) FROM tax_returns r WHERE r.period_id = l.id) AS latest_returns \
         FROM customers c LEFT JOIN tax_accounts a ON a.customer_id = c.id \
           LEFT JOIN periods u ON u.id = (SELECT p.id FROM periods p WHERE p.account_id = a.id \
             AND NOT EXISTS (SELECT 1 FROM tax_returns r WHERE r.period_id = p.id) \
             ORDER BY p.period_end LIMIT 1) \
           LEFT JOIN periods l ON l.id = (SELECT p.id FROM periods p WHERE p.account_id = a.id \
             ORDER BY p.period_end DESC LIMIT 1) \
         WHERE c.id = $1 ORDER BY a.id"
    ))
    .bind(access.customer_id)
    .fetch_all(&state.db)
    .await?;
    let Some(first) = rows.first() else {
        return Err(ApiError::NotFound);
    };
    let customer = first.header.clone().into_header()?;

    let mut cards = Vec::new();
    for row in rows {
        let (Some(id), Some(number), Some(tax_type), Some(frequency), Some(status)) = (
            row.account_id,
            row.account_number,
            row.tax_type,
            row.frequency,
            row.status,
        ) else {
            continue; // a customer without accounts
        };
        let tax_type = db::decode("tax_type", &tax_type, TaxType::from_code)?;
        let level = access.level_on(access::Account { id, tax_type });
        if !level.allows(Right::View) {
            continue;
        }
        let card = |end: Option<String>, due: Option<String>, filed: bool| -> ApiResult<_> {
            let (Some(end), Some(due)) = (end, due) else {
                return Ok(None);
            };
            let (period_end, due_date) = (parse_date(&end)?, parse_date(&due)?);
            Ok(Some(PeriodCard {
                period_end,
                due_date,
                return_status: ReturnStatus::on(today, period_end, due_date, filed),
            }))
        };
        let unfiled = card(row.unfiled_end, row.unfiled_due, false)?;
        // File Now opens the oldest period without a return once it has ended
        // (any later one ends later), where the caller may file online.
        let files_online = FormCode::for_tax_type(tax_type).is_some();
        let file_now = match (&unfiled, row.unfiled_id) {
            (Some(p), Some(period_id)) if files_online && level.allows(Right::File) => {
                file_now(period_id, p)
            }
            _ => None,
        };
        // In period order: the oldest without a return (if any), then the latest.
        let periods = [
            unfiled,
            card(
                row.latest_end,
                row.latest_due,
                row.latest_returns.unwrap_or(0) > 0,
            )?,
        ];
        cards.push(AccountCard {
            id,
            account_id: number,
            tax_type,
            frequency: FilingFrequency::from_code(&frequency)
                .ok_or_else(|| corrupt("frequency", &frequency))?,
            status: AccountStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
            current_period: current_period(periods.into_iter().flatten().collect()),
            balance: Money::from_cents(row.balance_cents.unwrap_or(0)),
            file_now,
        });
    }
    cards.sort_by_key(|card| card.tax_type);
    Ok(Json(Summary {
        customer,
        accounts: cards,
    }))
}

/// File Now's period: the oldest without a return, if it has ended.
fn file_now(period_id: i64, p: &PeriodCard) -> Option<FileNow> {
    matches!(p.return_status, ReturnStatus::Due | ReturnStatus::Overdue).then_some(FileNow {
        period_id,
        period_end: p.period_end,
        due_date: p.due_date,
    })
}

/// The period a card points at: the oldest one without a return, else the latest.
fn current_period(periods: Vec<PeriodCard>) -> Option<PeriodCard> {
    let oldest_unfiled = periods
        .iter()
        .find(|p| p.return_status != ReturnStatus::Filed)
        .cloned();
    oldest_unfiled.or_else(|| periods.into_iter().last())
}

/// The customer's columns of the Summary's header.
const HEADER_COLUMNS: &str =
    "c.id, c.legal_name, c.reg_number, c.tin_kind, c.tin_last4, c.address_line1, c.city, c.state, c.zip";

#[derive(Clone, sqlx::FromRow)]
struct HeaderRow {
    id: i64,
    legal_name: String,
    reg_number: String,
    tin_kind: String,
    tin_last4: String,
    address_line1: String,
    city: String,
    state: String,
    zip: String,
}

impl HeaderRow {
    fn into_header(self) -> ApiResult<CustomerHeader> {
        let tin_kind = db::decode("tin_kind", &self.tin_kind, |code| match code {
            "fein" => Some(TinKind::Fein),
            "ssn" => Some(TinKind::Ssn),
            _ => None,
        })?;
        Ok(CustomerHeader {
            id: self.id,
            legal_name: self.legal_name,
            reg_number: self.reg_number,
            address: Address {
                line1: self.address_line1,
                city: self.city,
                state: self.state,
                zip: self.zip,
            },
            tin_kind,
            // A FEIN masked as a FEIN, an SSN as an SSN (issue 14 §5).
            masked_tin: mask_tin_as(tin_kind, &self.tin_last4),
        })
    }
}

pub async fn customer_header(state: &AppState, customer_id: i64) -> ApiResult<CustomerHeader> {
    let row: HeaderRow = sqlx::query_as(&format!(
        "SELECT {HEADER_COLUMNS} FROM customers c WHERE c.id = $1"
    ))
    .bind(customer_id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(ApiError::NotFound)?;
    row.into_header()
}

fn parse_date(text: &str) -> ApiResult<CivilDate> {
    CivilDate::parse_iso(text).ok_or_else(|| corrupt("date", text))
}

fn corrupt(what: &str, value: &str) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("stored {what} is not valid: {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(end: &str, filed: bool) -> PeriodCard {
        let end = CivilDate::parse_iso(end).unwrap();
        PeriodCard {
            period_end: end,
            due_date: end.end_of_month_after(1).unwrap(),
            return_status: if filed {
                ReturnStatus::Filed
            } else {
                ReturnStatus::Overdue
            },
        }
    }

    #[test]
    fn the_card_points_at_the_oldest_period_still_needing_a_return() {
        let periods = vec![
            period("2024-03-31", true),
            period("2024-06-30", false),
            period("2024-09-30", false),
        ];
        assert_eq!(
            current_period(periods).unwrap().period_end.to_iso(),
            "2024-06-30"
        );
    }

    #[test]
    fn with_every_return_filed_the_card_shows_the_latest_period() {
        let periods = vec![period("2024-03-31", true), period("2024-06-30", true)];
        assert_eq!(
            current_period(periods).unwrap().period_end.to_iso(),
            "2024-06-30"
        );
        assert_eq!(current_period(Vec::new()), None);
    }
}
