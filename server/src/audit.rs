//! The activity record: who did what, on which customer or account, when, from where.

#[derive(Debug, Clone, Default)]
pub struct Event<'a> {
    pub logon_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub account_id: Option<i64>,
    /// A stable name such as `sign_in` or `sign_out`.
    pub action: &'a str,
    pub success: bool,
    /// Plain facts only: never a password, token, or full FEIN/SSN/bank number.
    pub detail: Option<&'a str>,
    pub source_address: Option<&'a str>,
}

pub async fn record<'e, E>(executor: E, now: i64, event: Event<'_>) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO activity (occurred_at, logon_id, customer_id, account_id, action, outcome, detail, source_address) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now)
    .bind(event.logon_id)
    .bind(event.customer_id)
    .bind(event.account_id)
    .bind(event.action)
    .bind(if event.success { "success" } else { "failure" })
    .bind(event.detail)
    .bind(event.source_address)
    .execute(executor)
    .await?;
    Ok(())
}
