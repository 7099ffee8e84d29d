//! A customer's Summary: the business and a card per account the caller may view.

use crate::{
    access::{self, guards::ReachedCustomer},
    db,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    state::AppState,
};
use axum::extract::State;
use std::collections::HashMap;
use wire::{
    ids::{mask_tin_as, TinKind},
    summary::{AccountCard, Address, CustomerHeader, PeriodCard, ReturnStatus, Summary},
    tax::{AccountStatus, FilingFrequency, TaxType},
    CivilDate, Money,
};

/// `GET /api/customers/{customer_id}/summary`: a card per account the caller may view.
pub async fn summary(
    State(state): State<AppState>,
    ReachedCustomer { access, .. }: ReachedCustomer,
) -> ApiResult<Json<Summary>> {
    let today = state.clock.today();
    let customer_id = access.customer_id;
    let customer = customer_header(&state, customer_id).await?;
    let viewable: HashMap<i64, access::Level> = access::viewable_accounts(&state.db, &access)
        .await?
        .into_iter()
        .map(|(account, level)| (account.id, level))
        .collect();

    let accounts: Vec<(i64, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT a.id, a.account_number, a.tax_type, a.frequency, a.status, \
           CAST(COALESCE(SUM(p.tax_cents + p.penalty_cents + p.interest_cents - p.credits_cents), 0) AS BIGINT) \
         FROM tax_accounts a LEFT JOIN periods p ON p.account_id = a.id \
         WHERE a.customer_id = $1 \
         GROUP BY a.id, a.account_number, a.tax_type, a.frequency, a.status",
    )
    .bind(customer_id)
    .fetch_all(&state.db)
    .await?;

    let periods: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT p.account_id, p.period_end, p.due_date, \
           (SELECT COUNT(*) FROM tax_returns r WHERE r.period_id = p.id) \
         FROM periods p JOIN tax_accounts a ON a.id = p.account_id \
         WHERE a.customer_id = $1 ORDER BY p.account_id, p.period_end",
    )
    .bind(customer_id)
    .fetch_all(&state.db)
    .await?;
    let mut periods_by_account: HashMap<i64, Vec<PeriodCard>> = HashMap::new();
    for (account_id, period_end, due_date, returns) in periods {
        let (period_end, due_date) = (parse_date(&period_end)?, parse_date(&due_date)?);
        periods_by_account
            .entry(account_id)
            .or_default()
            .push(PeriodCard {
                period_end,
                due_date,
                return_status: ReturnStatus::on(today, period_end, due_date, returns > 0),
            });
    }

    let mut cards = Vec::new();
    for (id, account_number, tax_type, frequency, status, balance_cents) in accounts {
        if !viewable.contains_key(&id) {
            continue;
        }
        let periods = periods_by_account.remove(&id).unwrap_or_default();
        cards.push(AccountCard {
            account_id: account_number,
            tax_type: TaxType::from_code(&tax_type)
                .ok_or_else(|| corrupt("tax type", &tax_type))?,
            frequency: FilingFrequency::from_code(&frequency)
                .ok_or_else(|| corrupt("frequency", &frequency))?,
            status: AccountStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
            current_period: current_period(periods),
            balance: Money::from_cents(balance_cents),
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

pub async fn customer_header(state: &AppState, customer_id: i64) -> ApiResult<CustomerHeader> {
    let row: Option<HeaderRow> = sqlx::query_as(
        "SELECT id, legal_name, reg_number, tin_kind, tin_last4, address_line1, city, state, zip \
         FROM customers WHERE id = $1",
    )
    .bind(customer_id)
    .fetch_optional(&state.db)
    .await?;
    let row = row.ok_or(ApiError::NotFound)?;
    let tin_kind = db::decode("tin_kind", &row.tin_kind, |code| match code {
        "fein" => Some(TinKind::Fein),
        "ssn" => Some(TinKind::Ssn),
        _ => None,
    })?;
    Ok(CustomerHeader {
        id: row.id,
        legal_name: row.legal_name,
        reg_number: row.reg_number,
        address: Address {
            line1: row.address_line1,
            city: row.city,
            state: row.state,
            zip: row.zip,
        },
        tin_kind,
        // A FEIN masked as a FEIN, an SSN as an SSN (issue 14 §5).
        masked_tin: mask_tin_as(tin_kind, &row.tin_last4),
    })
}

#[derive(sqlx::FromRow)]
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
