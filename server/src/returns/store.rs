//! The returns and drafts tables: reading a period's returns, writing a
//! return exactly once, and what the processing step posts.

use crate::ledger::read::id_list;
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use wire::{
    ledger::ReturnRef,
    returns::{ComputedReturn, FormCode, ReturnKind},
    CivilDate, Money,
};

/// A confirmation number from a return's id: `RT` and ten digits, distinct
/// for every id below 10^10 (multiplying by a number prime to 10^10 is a
/// one-to-one map of the remainders), so it is unique without a lookup and
/// does not count returns in the open.
pub fn confirmation_number(id: i64) -> String {
    const MODULUS: i128 = 10_000_000_000;
    const FACTOR: i128 = 7_919_393;
    let scrambled = (i128::from(id) * FACTOR).rem_euclid(MODULUS);
    format!("RT{scrambled:010}")
}

/// One return of a period, as stored.
#[derive(Debug, Clone)]
pub struct StoredReturn {
    pub id: i64,
    pub period_id: i64,
    pub kind: ReturnKind,
    pub confirmation_number: String,
    pub form: Option<FormCode>,
    pub entries: BTreeMap<String, String>,
    pub computed: Option<ComputedReturn>,
    pub tax: Money,
    pub total_due: Money,
    pub filed_at: i64,
    pub filed_on: CivilDate,
    pub filed_by: String,
    pub processed_on: Option<CivilDate>,
    pub amends_return_id: Option<i64>,
}

impl StoredReturn {
    pub fn as_ref(&self) -> ReturnRef {
        ReturnRef {
            return_id: self.id,
            confirmation_number: self.confirmation_number.clone(),
            amended: self.kind == ReturnKind::Amended,
            filed_on: self.filed_on,
        }
    }
}

type ReturnRow = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

const RETURN_COLUMNS: &str = "id, period_id, kind, confirmation_number, form, entries, lines, \
    tax_cents, total_due_cents, filed_at, filed_on, filed_by_name, processed_on, amends_return_id";

fn stored(row: ReturnRow) -> anyhow::Result<StoredReturn> {
    let (
        id,
        period_id,
        kind,
        confirmation_number,
        form,
        entries,
        lines,
        tax,
        total_due,
        filed_at,
        filed_on,
        filed_by,
        processed_on,
        amends_return_id,
    ) = row;
    let form = match form {
        Some(code) => Some(
            serde_json::from_value::<FormCode>(serde_json::Value::String(code.clone()))
                .map_err(|_| anyhow::anyhow!("return {id}: unknown form {code:?}"))?,
        ),
        None => None,
    };
    let filed_on = match filed_on {
        Some(text) => CivilDate::parse_iso(&text),
        None => wire::hartford::date_at(filed_at),
    }
    .ok_or_else(|| anyhow::anyhow!("return {id}: no filing date"))?;
    Ok(StoredReturn {
        id,
        period_id,
        kind: ReturnKind::from_code(&kind)
            .ok_or_else(|| anyhow::anyhow!("return {id}: kind {kind:?}"))?,
        confirmation_number,
        form,
        entries: match entries {
            Some(json) => serde_json::from_str(&json)?,
            None => BTreeMap::new(),
        },
        computed: match lines {
            Some(json) => Some(serde_json::from_str(&json)?),
            None => None,
        },
        tax: Money::from_cents(tax),
        total_due: Money::from_cents(total_due),
        filed_at,
        filed_on,
        filed_by: filed_by.unwrap_or_else(|| "Not recorded".to_owned()),
        processed_on: processed_on.as_deref().and_then(CivilDate::parse_iso),
        amends_return_id,
    })
}

/// Every return of a period, original first.
pub async fn period_returns(
    conn: &mut AnyConnection,
    period_id: i64,
) -> anyhow::Result<Vec<StoredReturn>> {
    let rows: Vec<ReturnRow> = sqlx::query_as(&format!(
        "SELECT {RETURN_COLUMNS} FROM tax_returns WHERE period_id = $1 ORDER BY filed_at, id"
    ))
    .bind(period_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(stored).collect()
}

pub async fn return_by_id(
    conn: &mut AnyConnection,
    return_id: i64,
) -> anyhow::Result<Option<StoredReturn>> {
    let row: Option<ReturnRow> = sqlx::query_as(&format!(
        "SELECT {RETURN_COLUMNS} FROM tax_returns WHERE id = $1"
    ))
    .bind(return_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(stored).transpose()
}

pub async fn return_by_key(
    conn: &mut AnyConnection,
    key: &str,
) -> anyhow::Result<Option<StoredReturn>> {
    let row: Option<ReturnRow> = sqlx::query_as(&format!(
        "SELECT {RETURN_COLUMNS} FROM tax_returns WHERE idempotency_key = $1"
    ))
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(stored).transpose()
}

/// A return to file.
pub struct NewReturn<'a> {
    pub period_id: i64,
    pub kind: ReturnKind,
    pub form: FormCode,
    pub entries: &'a BTreeMap<String, String>,
    pub computed: &'a ComputedReturn,
    /// What to pay with it (`wire::returns::amount_due`).
    pub amount_due: Money,
    pub amends_return_id: Option<i64>,
    pub idempotency_key: &'a str,
    pub filed_at: i64,
    pub filed_on: CivilDate,
    /// The logon that filed it (none for returns from before the portal) and its name.
    pub filed_by: (Option<i64>, &'a str),
}

/// Inserts the return unless its key (or, for an original, its period) is
/// taken: `None` then, and nothing is written.
pub async fn insert(tx: &mut AnyConnection, new: &NewReturn<'_>) -> anyhow::Result<Option<i64>> {
    let form = serde_json::to_value(new.form)?
        .as_str()
        .map(str::to_owned)
        .unwrap_or_default();
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO tax_returns (period_id, kind, confirmation_number, tax_cents, filed_at, \
           filed_by_logon_id, form, entries, lines, total_due_cents, amends_return_id, \
           filed_by_name, idempotency_key, filed_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(new.period_id)
    .bind(new.kind.code())
    // Unique and temporary: the number comes from the id, set just below.
    .bind(format!("pending {}", new.idempotency_key))
    .bind(new.computed.tax().cents())
    .bind(new.filed_at)
    .bind(new.filed_by.0)
    .bind(form)
    .bind(serde_json::to_string(new.entries)?)
    .bind(serde_json::to_string(new.computed)?)
    .bind(new.amount_due.cents())
    .bind(new.amends_return_id)
    .bind(new.filed_by.1)
    .bind(new.idempotency_key)
    .bind(new.filed_on.to_iso())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = id {
        sqlx::query("UPDATE tax_returns SET confirmation_number = $1 WHERE id = $2")
            .bind(confirmation_number(id))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(id)
}

/// A return waiting to be posted to the ledger.
#[derive(Debug, Clone)]
pub struct Unposted {
    pub return_id: i64,
    pub period_id: i64,
    pub account_id: i64,
    pub confirmation_number: String,
    pub tax: Money,
    pub filed_on: CivilDate,
    /// For an amendment: the tax of the return it replaces.
    pub amends_tax: Option<Money>,
}

/// The accounts' returns filed on or before `as_of` and not posted yet, in
/// filing order.
pub async fn unposted(
    tx: &mut AnyConnection,
    account_ids: &[i64],
    as_of: CivilDate,
) -> anyhow::Result<Vec<Unposted>> {
    type Row = (i64, i64, i64, String, i64, String, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT r.id, r.period_id, p.account_id, r.confirmation_number, r.tax_cents, r.filed_on, \
           (SELECT o.tax_cents FROM tax_returns o WHERE o.id = r.amends_return_id) \
         FROM periods p JOIN tax_returns r ON r.period_id = p.id \
         WHERE p.account_id IN ({}) AND r.processed_on IS NULL AND r.filed_on <= $1 \
         ORDER BY r.filed_at, r.id",
        id_list(account_ids)
    ))
    .bind(as_of.to_iso())
    .fetch_all(&mut *tx)
    .await?;
    rows.into_iter()
        .map(
            |(return_id, period_id, account_id, confirmation_number, tax, filed_on, amends)| {
                Ok(Unposted {
                    return_id,
                    period_id,
                    account_id,
                    confirmation_number,
                    tax: Money::from_cents(tax),
                    filed_on: CivilDate::parse_iso(&filed_on)
                        .ok_or_else(|| anyhow::anyhow!("return {return_id}: filing date"))?,
                    amends_tax: amends.map(Money::from_cents),
                })
            },
        )
        .collect()
}

pub async fn mark_processed(
    tx: &mut AnyConnection,
    return_id: i64,
    on: CivilDate,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE tax_returns SET processed_on = $1 WHERE id = $2")
        .bind(on.to_iso())
        .bind(return_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmation_numbers_are_distinct_and_do_not_count_in_the_open() {
        let numbers: std::collections::HashSet<String> =
            (1..20_000).map(confirmation_number).collect();
        assert_eq!(numbers.len(), 19_999);
        assert_eq!(confirmation_number(1), "RT0007919393");
        assert_ne!(
            confirmation_number(2).as_bytes()[11],
            confirmation_number(1).as_bytes()[11] + 1
        );
        assert!(numbers.iter().all(|n| n.len() == 12));
    }
}
