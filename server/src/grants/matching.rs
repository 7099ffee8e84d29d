//! Whether a requester's details describe a business: its CT Tax Registration
//! Number, its legal name, and one fact only it and the agency share.

use crate::state::AppState;
use wire::{
    grants::{AccessRequestDetails, SharedFact},
    CivilDate,
};

/// The customer the details describe, if every part matches: number, legal
/// name, and the shared fact.
pub async fn matching_customer(
    state: &AppState,
    details: &AccessRequestDetails,
    today: CivilDate,
) -> sqlx::Result<Option<(i64, String)>> {
    let customer: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, legal_name FROM customers WHERE reg_number = $1 AND legal_name_key = $2",
    )
    .bind(details.reg_number.as_str())
    .bind(&details.legal_name_key)
    .fetch_optional(&state.db)
    .await?;
    let Some((customer_id, legal_name)) = customer else {
        return Ok(None);
    };
    let found: Option<i64> = match &details.fact {
        SharedFact::LetterId(letter_id) => {
            sqlx::query_scalar(
                "SELECT id FROM messages WHERE customer_id = $1 \
                   AND UPPER(REPLACE(REPLACE(letter_id, '-', ''), ' ', '')) = $2",
            )
            .bind(customer_id)
            .bind(letter_id)
            .fetch_optional(&state.db)
            .await?
        }
        SharedFact::PaymentAmount(amount) => {
            sqlx::query_scalar(
                "SELECT p.id FROM payments p JOIN tax_accounts a ON a.id = p.account_id \
                 WHERE a.customer_id = $1 AND p.status = 'processed' AND p.amount_cents = $2 \
                   AND p.payment_date >= $3 AND p.payment_date <= $4 LIMIT 1",
            )
            .bind(customer_id)
            .bind(amount.cents())
            .bind(a_year_before(today).to_iso())
            .bind(today.to_iso())
            .fetch_optional(&state.db)
            .await?
        }
    };
    Ok(found.map(|_| (customer_id, legal_name)))
}

/// The same day a year earlier (February 28th for February 29th).
fn a_year_before(today: CivilDate) -> CivilDate {
    CivilDate::new(today.year() - 1, today.month(), today.day())
        .or_else(|| CivilDate::new(today.year() - 1, today.month(), 28))
        .unwrap_or(today)
}
