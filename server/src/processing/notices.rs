//! Delinquency notices: a letter (a message with its own Letter ID) to the
//! business for each period past its due date without a return, once per
//! period. Seed 001: such a period's balance shows $0 until it is filed.

use crate::grants::new_letter_id;
use sqlx::AnyConnection;
use wire::{tax::TaxType, CivilDate};

/// Where the notices phase has got to: the last period looked at, by due date then id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeCursor {
    pub due_date: String,
    pub period_id: i64,
}

impl NoticeCursor {
    pub fn start() -> Self {
        Self {
            due_date: String::new(),
            period_id: 0,
        }
    }

    pub fn encode(&self) -> String {
        format!("{}|{}", self.due_date, self.period_id)
    }

    pub fn decode(text: &str) -> Self {
        text.split_once('|')
            .and_then(|(date, id)| {
                Some(Self {
                    due_date: date.to_owned(),
                    period_id: id.parse().ok()?,
                })
            })
            .unwrap_or_else(Self::start)
    }
}

/// The subject and body of a notice.
pub fn notice_text(
    tax_type: TaxType,
    account_number: &str,
    period_end: CivilDate,
    due: CivilDate,
) -> (String, String) {
    (
        format!(
            "Delinquency notice: {} return for the period ending {} not received",
            tax_type.label(),
            period_end.to_us()
        ),
        format!(
            "We have no {} return for account {account_number} for the period ending {}, \
             which was due on {}. File it now with File Now on your Summary. Penalty and \
             interest are assessed when the return is filed and processed; until then the \
             balance due for the period shows $0.",
            tax_type.label(),
            period_end.to_us(),
            due.to_us()
        ),
    )
}

/// Issues the notices of up to `limit` periods due before `as_of` (and on or
/// after `since`, the last date already processed), after `cursor`. Returns
/// how many were issued and the cursor to continue from (`None`: done).
pub async fn issue(
    tx: &mut AnyConnection,
    as_of: CivilDate,
    since: Option<CivilDate>,
    cursor: &NoticeCursor,
    limit: i64,
    now: i64,
) -> anyhow::Result<(i64, Option<NoticeCursor>)> {
    type Row = (i64, String, String, i64, String, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT p.id, p.period_end, p.due_date, a.customer_id, a.tax_type, a.account_number \
         FROM periods p JOIN tax_accounts a ON a.id = p.account_id \
         WHERE p.due_date < $1 AND p.due_date >= $2 \
           AND (p.due_date > $3 OR (p.due_date = $3 AND p.id > $4)) \
           AND a.status <> 'closed' \
           AND NOT EXISTS (SELECT 1 FROM tax_returns r WHERE r.period_id = p.id) \
           AND NOT EXISTS (SELECT 1 FROM delinquency_notices n WHERE n.period_id = p.id) \
         ORDER BY p.due_date, p.id LIMIT $5",
    )
    .bind(as_of.to_iso())
    .bind(since.map(|d| d.to_iso()).unwrap_or_default())
    .bind(&cursor.due_date)
    .bind(cursor.period_id)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    let done = (rows.len() as i64) < limit;
    let mut next = None;
    // Dated the processing day (8 a.m.), never later than now.
    let sent_at = (wire::hartford::start_of(as_of).unwrap_or(now) + 8 * 3600).min(now);
    let mut issued = 0;
    for (period_id, period_end, due_date, customer_id, tax_type, account_number) in rows {
        let (Some(end), Some(due), Some(tax_type)) = (
            CivilDate::parse_iso(&period_end),
            CivilDate::parse_iso(&due_date),
            TaxType::from_code(&tax_type),
        ) else {
            anyhow::bail!("period {period_id} cannot be read for its notice");
        };
        let (subject, body) = notice_text(tax_type, &account_number, end, due);
        let letter_id = new_letter_id(tx).await?;
        let message_id: i64 = sqlx::query_scalar(
            "INSERT INTO messages (customer_id, letter_id, subject, body, sent_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(customer_id)
        .bind(&letter_id)
        .bind(&subject)
        .bind(&body)
        .bind(sent_at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO delinquency_notices (period_id, message_id, issued_on) VALUES ($1, $2, $3)",
        )
        .bind(period_id)
        .bind(message_id)
        .bind(as_of.to_iso())
        .execute(&mut *tx)
        .await?;
        issued += 1;
        next = Some(NoticeCursor {
            due_date,
            period_id,
        });
    }
    Ok((issued, if done { None } else { next }))
}
