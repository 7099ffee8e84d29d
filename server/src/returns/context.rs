//! The period being filed and what working its return out needs: the rules,
//! its due date, its ledger and its earlier returns. Whether a return of a
//! kind can be filed for it at all is decided here, once for the draft and
//! the submit alike.

use super::store::{self, StoredReturn};
use crate::{
    http::error::{ApiError, ApiResult},
    ledger::{self, read::PeriodLedger},
};
use sqlx::AnyConnection;
use wire::{
    assessment::DatedAmount,
    ledger::{AccountHeader, EntryKind},
    period::FilingPeriod,
    returns::{FilingContext, FormCode, ReturnKind},
    rules::Rules,
    CivilDate, Money,
};

/// A period of the account in the path, with its returns and ledger.
pub struct PeriodForFiling {
    pub account: AccountHeader,
    pub period_id: i64,
    pub period: FilingPeriod,
    pub ledger: PeriodLedger,
    /// Original first.
    pub returns: Vec<StoredReturn>,
}

impl PeriodForFiling {
    pub fn latest_return(&self) -> Option<&StoredReturn> {
        self.returns.last()
    }
}

/// The period, if it belongs to the account (404 otherwise: a period of
/// another account is as unknown as one that does not exist).
pub async fn load(
    conn: &mut AnyConnection,
    account_id: i64,
    period_id: i64,
) -> ApiResult<PeriodForFiling> {
    let account = ledger::account::header(conn, account_id).await?;
    let belongs: Option<i64> =
        sqlx::query_scalar("SELECT id FROM periods WHERE id = $1 AND account_id = $2")
            .bind(period_id)
            .bind(account_id)
            .fetch_optional(&mut *conn)
            .await?;
    belongs.ok_or(ApiError::NotFound)?;
    let ledger = ledger::read::period_ledgers(conn, &[period_id])
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    let period = FilingPeriod::new(account.frequency, ledger.period_end)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("period {period_id}: {e}")))?;
    let returns = store::period_returns(conn, period_id).await?;
    Ok(PeriodForFiling {
        account,
        period_id,
        period,
        ledger,
        returns,
    })
}

/// The rows a return of `form` for `tax_type` reads, for the browser: its
/// rates and the tax type's penalty and interest rows.
fn rules_for(rules: &Rules, form: FormCode) -> Rules {
    let tax_type = form.definition().tax_type;
    let for_type = |t: Option<wire::tax::TaxType>| t.is_none_or(|t| t == tax_type);
    Rules {
        rates: rules.rates.clone(),
        late_payment: rules
            .late_payment
            .iter()
            .filter(|r| for_type(r.tax_type))
            .cloned()
            .collect(),
        late_filing: rules
            .late_filing
            .iter()
            .filter(|r| for_type(r.tax_type))
            .cloned()
            .collect(),
        interest: rules
            .interest
            .iter()
            .filter(|r| for_type(r.tax_type))
            .cloned()
            .collect(),
        ..Rules::default()
    }
}

/// The filing context for a return of `kind`, or why one cannot be filed (409).
pub fn filing_context(
    target: &PeriodForFiling,
    kind: ReturnKind,
    rules: &Rules,
    today: CivilDate,
) -> ApiResult<FilingContext> {
    let tax_type = target.account.tax_type;
    let form = FormCode::for_tax_type(tax_type).ok_or_else(|| {
        ApiError::Conflict(
            crate::ledger::account::filing_note(tax_type)
                .unwrap_or_else(|| "This account's returns are not filed online".to_owned()),
        )
    })?;
    if today <= target.period.end() {
        let opens = target.period.end().add_days(1).unwrap_or(today);
        return Err(ApiError::Conflict(format!(
            "This period ends on {}: its return can be filed from {}",
            target.period.end().to_us(),
            opens.to_us()
        )));
    }
    let latest = target.latest_return();
    match (kind, latest) {
        (ReturnKind::Original, Some(filed)) => {
            return Err(ApiError::Conflict(format!(
                "A return for this period was filed on {} (confirmation number {}). \
                 To change it, amend it.",
                filed.filed_on.to_us(),
                filed.confirmation_number
            )))
        }
        (ReturnKind::Amended, None) => {
            return Err(ApiError::Conflict(
                "No return has been filed for this period yet: file the original return first"
                    .to_owned(),
            ))
        }
        _ => {}
    }
    let figures = target.ledger.figures();
    let payments = target
        .ledger
        .entries
        .iter()
        .filter(|(kind, amount, _)| {
            matches!(kind, EntryKind::Payment | EntryKind::Credit) && amount.is_negative()
        })
        .map(|(_, amount, on)| DatedAmount {
            on: *on,
            amount: -*amount,
        })
        .collect();
    Ok(FilingContext {
        tax_type,
        form,
        period: target.period,
        due: target.ledger.due,
        kind,
        today,
        first_filed_on: target.returns.first().map(|r| r.filed_on),
        payments,
        penalty_assessed: figures.penalty,
        interest_assessed: figures.interest,
        prior_tax: match kind {
            ReturnKind::Original => Money::ZERO,
            ReturnKind::Amended => latest.map(|r| r.tax).unwrap_or(Money::ZERO),
        },
        rules: rules_for(rules, form),
    })
}
