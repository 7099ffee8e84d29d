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
    ids::mask_tin,
    summary::{AccountCard, Address, CustomerHeader, PeriodCard, ReturnStatus, Summary},
    tax::{AccountStatus, FilingFrequency, TaxType},
    CivilDate, Money,
};

/// One row of the Summary's one query: the customer, one of its accounts (if
/// any) and one of that account's periods (if any).
#[derive(sqlx::FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    header: HeaderRow,
    account_id: Option<i64>,
    account_number: Option<String>,
    tax_type: Option<String>,
    frequency: Option<String>,
    status: Option<String>,
    period_end: Option<String>,
    due_date: Option<String>,
    owed_cents: Option<i64>,
    returns: Option<i64>,
}

/// An account's card as its rows arrive, periods in order.
struct CardRows {
    number: String,
    tax_type: String,
    frequency: String,
    status: String,
    balance_cents: i64,
    periods: Vec<PeriodCard>,
}

/// `GET /api/customers/{customer_id}/summary`: a card per account the caller
/// may view, in one query after the guard's.
pub async fn summary(
    State(state): State<AppState>,
    ReachedCustomer { access, .. }: ReachedCustomer,
) -> ApiResult<Json<Summary>> {
    let today = state.clock.today();
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {HEADER_COLUMNS}, \
           a.id AS account_id, a.account_number, a.tax_type, a.frequency, a.status, \
           p.period_end, p.due_date, \
           p.tax_cents + p.penalty_cents + p.interest_cents - p.credits_cents AS owed_cents, \
           (SELECT COUNT(*) FROM tax_returns r WHERE r.period_id = p.id) AS returns \
         FROM customers c LEFT JOIN tax_accounts a ON a.customer_id = c.id \
           LEFT JOIN periods p ON p.account_id = a.id \
         WHERE c.id = $1 ORDER BY a.id, p.period_end"
    ))
    .bind(access.customer_id)
    .fetch_all(&state.db)
    .await?;
    let Some(first) = rows.first() else {
        return Err(ApiError::NotFound);
    };
    let customer = first.header.clone().into_header();

    let mut accounts: Vec<(i64, CardRows)> = Vec::new();
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
        if accounts.last().is_none_or(|(last, _)| *last != id) {
            accounts.push((
                id,
                CardRows {
                    number,
                    tax_type,
                    frequency,
                    status,
                    balance_cents: 0,
                    periods: Vec::new(),
                },
            ));
        }
        let card = &mut accounts.last_mut().expect("pushed above").1;
        card.balance_cents += row.owed_cents.unwrap_or(0);
        if let (Some(period_end), Some(due_date)) = (row.period_end, row.due_date) {
            let (period_end, due_date) = (parse_date(&period_end)?, parse_date(&due_date)?);
            card.periods.push(PeriodCard {
                period_end,
                due_date,
                return_status: ReturnStatus::on(
                    today,
                    period_end,
                    due_date,
                    row.returns.unwrap_or(0) > 0,
                ),
            });
        }
    }

    let mut cards = Vec::new();
    for (id, card) in accounts {
        let tax_type = db::decode("tax_type", &card.tax_type, TaxType::from_code)?;
        if !access
            .level_on(access::Account { id, tax_type })
            .allows(Right::View)
        {
            continue;
        }
        cards.push(AccountCard {
            account_id: card.number,
            tax_type,
            frequency: FilingFrequency::from_code(&card.frequency)
                .ok_or_else(|| corrupt("frequency", &card.frequency))?,
            status: AccountStatus::from_code(&card.status)
                .ok_or_else(|| corrupt("status", &card.status))?,
            current_period: current_period(card.periods),
            balance: Money::from_cents(card.balance_cents),
        });
    }
    cards.sort_by_key(|card| card.tax_type);
    Ok(Json(Summary {
        customer,
        accounts: cards,
    }))
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
    "c.id, c.legal_name, c.reg_number, c.tin_last4, c.address_line1, c.city, c.state, c.zip";

#[derive(Clone, sqlx::FromRow)]
struct HeaderRow {
    id: i64,
    legal_name: String,
    reg_number: String,
    tin_last4: String,
    address_line1: String,
    city: String,
    state: String,
    zip: String,
}

impl HeaderRow {
    fn into_header(self) -> CustomerHeader {
        CustomerHeader {
            id: self.id,
            legal_name: self.legal_name,
            reg_number: self.reg_number,
            address: Address {
                line1: self.address_line1,
                city: self.city,
                state: self.state,
                zip: self.zip,
            },
            masked_tin: mask_tin(&self.tin_last4),
        }
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
    Ok(row.into_header())
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
