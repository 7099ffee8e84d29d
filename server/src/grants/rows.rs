//! Reading grants and accounts as the screens show them.

use crate::db::{self, Db, Sql};
use anyhow::anyhow;
use std::collections::HashMap;
use wire::{
    access::{AccessType, AccountLevel, Level},
    grants::{GrantRow, RequestKind},
    tax::TaxType,
    CivilDate,
};

/// The firm a logon stands for: the legal name of the business it holds as its
/// own (a preparer firm first). `holder` is the SQL naming the logon's id.
pub fn firm_name_sql(holder: &str) -> String {
    format!(
        "(SELECT fc.legal_name FROM access_grants fg JOIN customers fc ON fc.id = fg.customer_id \
          WHERE fg.logon_id = {holder} AND fg.relationship = 'own' AND fg.status = 'active' \
          ORDER BY CASE fc.kind WHEN 'preparer' THEN 0 ELSE 1 END, fc.id LIMIT 1)"
    )
}

/// One of the customer's tax accounts.
#[derive(Debug, Clone)]
pub struct CustomerAccount {
    pub id: i64,
    pub number: String,
    pub tax_type: TaxType,
}

impl CustomerAccount {
    pub fn with_level(&self, level: Level) -> AccountLevel {
        AccountLevel {
            account_id: self.id,
            account_number: self.number.clone(),
            tax_type: self.tax_type,
            level,
        }
    }
}

/// Every account of the customer, in Account ID order.
pub async fn customer_accounts(db: &Db, customer_id: i64) -> sqlx::Result<Vec<CustomerAccount>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        account_number: String,
        tax_type: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, account_number, tax_type FROM tax_accounts WHERE customer_id = $1 \
         ORDER BY account_number",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(CustomerAccount {
                id: row.id,
                number: row.account_number,
                tax_type: db::decode("tax_type", &row.tax_type, TaxType::from_code)?,
            })
        })
        .collect()
}

pub async fn legal_name(db: &Db, customer_id: i64) -> sqlx::Result<String> {
    sqlx::query_scalar("SELECT legal_name FROM customers WHERE id = $1")
        .bind(customer_id)
        .fetch_one(db)
        .await
}

/// Which of a customer's active grants to read.
pub enum Which {
    /// Those of a relationship (`None`: additional and third party).
    Kind(Option<RequestKind>),
    One(i64),
}

/// The customer's active grants as Manage Additional Logons / Manage Third Party
/// Access show them, with the level on every account.
pub async fn grant_rows(
    db: &Db,
    customer_id: i64,
    which: Which,
) -> Result<Vec<GrantRow>, anyhow::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        relationship: String,
        logon_name: String,
        username: String,
        firm: Option<String>,
        access_type: String,
        ends_on: Option<String>,
    }
    let mut sql = Sql::new(&format!(
        "SELECT g.id, g.relationship, l.name AS logon_name, l.username, {firm} AS firm, \
           g.access_type, g.ends_on \
         FROM access_grants g JOIN logons l ON l.id = g.logon_id \
         WHERE g.status = 'active' AND g.customer_id = ",
        firm = firm_name_sql("g.logon_id"),
    ));
    sql.push_arg(customer_id);
    match which {
        Which::Kind(Some(kind)) => sql.push(" AND g.relationship = ").push_arg(kind.code()),
        Which::Kind(None) => sql.push(" AND g.relationship IN ('additional', 'third_party')"),
        Which::One(id) => sql.push(" AND g.id = ").push_arg(id),
    };
    sql.push(" ORDER BY l.name, g.id");
    let rows: Vec<Row> = sql.query_as().fetch_all(db).await?;
    let accounts = customer_accounts(db, customer_id).await?;
    #[derive(sqlx::FromRow)]
    struct LevelRow {
        grant_id: i64,
        account_id: i64,
        level: String,
    }
    let levels: Vec<LevelRow> = sqlx::query_as(
        "SELECT gl.grant_id, gl.account_id, gl.level FROM grant_account_levels gl \
         JOIN access_grants g ON g.id = gl.grant_id WHERE g.customer_id = $1",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await?;
    let levels: HashMap<(i64, i64), Level> = levels
        .into_iter()
        .map(|row| {
            let level = db::decode("level", &row.level, Level::from_code)?;
            Ok(((row.grant_id, row.account_id), level))
        })
        .collect::<sqlx::Result<_>>()?;
    rows.into_iter()
        .map(
            |Row {
                 id,
                 relationship,
                 logon_name,
                 username,
                 firm,
                 access_type,
                 ends_on,
             }| {
                let access_type = AccessType::from_code(&access_type)
                    .ok_or_else(|| anyhow!("grant {id} has an unknown access type"))?;
                let kind = if relationship == "third_party" {
                    RequestKind::ThirdParty
                } else {
                    RequestKind::Additional
                };
                let ends_on = match ends_on {
                    Some(text) => Some(
                        CivilDate::parse_iso(&text)
                            .ok_or_else(|| anyhow!("grant {id} has an unreadable end date"))?,
                    ),
                    None => None,
                };
                Ok(GrantRow {
                    id,
                    kind,
                    logon_name,
                    username,
                    firm_name: firm.filter(|_| kind == RequestKind::ThirdParty),
                    access_type,
                    ends_on,
                    accounts: accounts
                        .iter()
                        .map(|account| {
                            account.with_level(match access_type {
                                AccessType::MasterAdministrator => Level::AllAccess,
                                AccessType::TaxAdministrator => levels
                                    .get(&(id, account.id))
                                    .copied()
                                    .unwrap_or(Level::NoAccess),
                            })
                        })
                        .collect(),
                })
            },
        )
        .collect()
}

/// "Jane Smith (JaneSmith)", as notices and the activity name a logon.
pub async fn logon_label(db: &Db, logon_id: i64) -> sqlx::Result<String> {
    let (name, username): (String, String) =
        sqlx::query_as("SELECT name, username FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(db)
            .await?;
    Ok(format!("{name} ({username})"))
}
