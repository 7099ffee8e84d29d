//! A customer's Summary: the business and a card per account the caller may view.

use crate::{
    access::{self, guards::ReachedCustomer, Right},
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    ledger,
    state::AppState,
};
use axum::extract::State;
use std::collections::HashMap;
use wire::{
    ids::mask_tin,
    returns::FormCode,
    summary::{AccountCard, Address, CustomerHeader, FileNow, PeriodCard, ReturnStatus, Summary},
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

    let accounts: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, account_number, tax_type, frequency, status FROM tax_accounts \
         WHERE customer_id = $1",
    )
    .bind(customer_id)
    .fetch_all(&state.db)
    .await?;
    let balances = ledger::account_balances(&state.db, customer_id).await?;

    let periods: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT p.account_id, p.id, p.period_end, p.due_date, \
           (SELECT COUNT(*) FROM tax_returns r WHERE r.period_id = p.id) \
         FROM periods p JOIN tax_accounts a ON a.id = p.account_id \
         WHERE a.customer_id = $1 ORDER BY p.account_id, p.period_end",
    )
    .bind(customer_id)
    .fetch_all(&state.db)
    .await?;
    let mut periods_by_account: HashMap<i64, Vec<(i64, PeriodCard)>> = HashMap::new();
    for (account_id, period_id, period_end, due_date, returns) in periods {
        let (period_end, due_date) = (parse_date(&period_end)?, parse_date(&due_date)?);
        periods_by_account.entry(account_id).or_default().push((
            period_id,
            PeriodCard {
                period_end,
                due_date,
                return_status: ReturnStatus::on(today, period_end, due_date, returns > 0),
            },
        ));
    }

    let mut cards = Vec::new();
    for (id, account_number, tax_type, frequency, status) in accounts {
        let Some(level) = viewable.get(&id) else {
            continue;
        };
        let tax_type =
            TaxType::from_code(&tax_type).ok_or_else(|| corrupt("tax type", &tax_type))?;
        let periods = periods_by_account.remove(&id).unwrap_or_default();
        let files_online = FormCode::for_tax_type(tax_type).is_some();
        let file_now = (files_online && level.allows(Right::File))
            .then(|| file_now(&periods))
            .flatten();
        cards.push(AccountCard {
            id,
            account_id: account_number,
            tax_type,
            frequency: FilingFrequency::from_code(&frequency)
                .ok_or_else(|| corrupt("frequency", &frequency))?,
            status: AccountStatus::from_code(&status).ok_or_else(|| corrupt("status", &status))?,
            current_period: current_period(periods.into_iter().map(|(_, p)| p).collect()),
            balance: balances.get(&id).copied().unwrap_or(Money::ZERO),
            file_now,
        });
    }
    cards.sort_by_key(|card| card.tax_type);
    Ok(Json(Summary {
        customer,
        accounts: cards,
    }))
}

/// File Now's period: the earliest that has ended without a return.
fn file_now(periods: &[(i64, PeriodCard)]) -> Option<FileNow> {
    periods
        .iter()
        .find(|(_, p)| matches!(p.return_status, ReturnStatus::Due | ReturnStatus::Overdue))
        .map(|(period_id, p)| FileNow {
            period_id: *period_id,
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

pub async fn customer_header(state: &AppState, customer_id: i64) -> ApiResult<CustomerHeader> {
    let (id, legal_name, reg_number, tin_last4, line1, city, st, zip): (
        i64,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT id, legal_name, reg_number, tin_last4, address_line1, city, state, zip \
         FROM customers WHERE id = $1",
    )
    .bind(customer_id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok(CustomerHeader {
        id,
        legal_name,
        reg_number,
        address: Address {
            line1,
            city,
            state: st,
            zip,
        },
        masked_tin: mask_tin(&tin_last4),
    })
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
