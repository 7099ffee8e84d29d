//! Many customers at once, written in multi-row inserts inside one
//! transaction (seconds for 100,000, where the API would take hours): each
//! with a Sales & Use and a Withholding account, quarterly, and four periods
//! as the processing step would have left them at the end of October 2026:
//!
//! - 10/01/2025 – 06/30/2026: filed on time, posted, paid (tax and payment
//!   rows in the ledger, balance $0);
//! - 07/01/2026 – 09/30/2026 (due 11/02/2026): filed and not yet posted, on
//!   time for 8 accounts in 10, late (11/16/2026) for 1, half of them paid
//!   when filed; the 10th account has not filed (a delinquency notice is due).
//!
//! So a processing run as of 11/30/2026 opens each account's next quarter,
//! posts the returns with their penalty and interest, and issues the notices.

use portal_server::db::Db;
use wire::CivilDate;

const WORDS: [&str; 24] = [
    "MAPLE", "HARBOR", "OAK", "RIVER", "SUMMIT", "UNION", "GRANITE", "COASTAL", "ELM", "PIONEER",
    "LIBERTY", "NUTMEG", "CEDAR", "VALLEY", "BRIDGE", "MILL", "STATE", "COLONIAL", "BAY", "NORTH",
    "FARM", "STONE", "CHARTER", "MERIDIAN",
];
const TRADES: [&str; 12] = [
    "BAKERY",
    "PLUMBING",
    "DENTAL",
    "MOTORS",
    "FLORIST",
    "BREWING",
    "HARDWARE",
    "CONSULTING",
    "PHARMACY",
    "ROOFING",
    "CATERING",
    "PRINTING",
];
const TAX_TYPES: [&str; 2] = ["sales_and_use", "withholding"];

/// Words the customers' names are made of (the searches use them).
pub fn words() -> &'static [&'static str] {
    &WORDS
}

pub fn trades() -> &'static [&'static str] {
    &TRADES
}

pub fn customer_name(i: usize) -> String {
    format!(
        "{} {} {} {}",
        WORDS[i % WORDS.len()],
        WORDS[(i / WORDS.len()) % WORDS.len()],
        TRADES[(i / 7) % TRADES.len()],
        if i.is_multiple_of(3) { "LLC" } else { "INC" }
    )
}

/// A period of the world: start, end, due date (moved past the weekend), as
/// the rule states it, and the day its return was filed on time.
struct Quarter {
    start: &'static str,
    end: &'static str,
    due: &'static str,
    due_nominal: &'static str,
    filed_on: &'static str,
}

const QUARTERS: [Quarter; 4] = [
    Quarter {
        start: "2025-10-01",
        end: "2025-12-31",
        due: "2026-02-02",
        due_nominal: "2026-01-31",
        filed_on: "2026-01-15",
    },
    Quarter {
        start: "2026-01-01",
        end: "2026-03-31",
        due: "2026-04-30",
        due_nominal: "2026-04-30",
        filed_on: "2026-04-15",
    },
    Quarter {
        start: "2026-04-01",
        end: "2026-06-30",
        due: "2026-07-31",
        due_nominal: "2026-07-31",
        filed_on: "2026-07-15",
    },
    Quarter {
        start: "2026-07-01",
        end: "2026-09-30",
        due: "2026-11-02",
        due_nominal: "2026-10-31",
        filed_on: "2026-10-20",
    },
];
const LATE_FILING: &str = "2026-11-16";

/// What [`seed`] wrote.
#[derive(Debug, Default)]
pub struct Written {
    pub customers: usize,
    pub accounts: usize,
    pub periods: usize,
    pub returns: usize,
    pub ledger_rows: usize,
}

async fn next_id(db: &Db, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}"))
        .fetch_one(db)
        .await
        .unwrap()
}

fn epoch(day: &str) -> i64 {
    // Noon in Hartford on that day.
    wire::hartford::start_of(CivilDate::parse_iso(day).unwrap()).unwrap() + 12 * 3600
}

/// Writes `count` customers as the module says; with `grant_to`, each is a
/// client of that logon (Tax Administrator, File and Pay on both accounts).
/// On PostgreSQL (`postgres`) the id sequences are moved past the rows.
pub async fn seed(db: &Db, count: usize, grant_to: Option<i64>, postgres: bool) -> Written {
    let first_customer = next_id(db, "customers").await;
    let first_account = next_id(db, "tax_accounts").await;
    let first_period = next_id(db, "periods").await;
    let first_return = next_id(db, "tax_returns").await;
    let first_grant = next_id(db, "access_grants").await;
    let mut written = Written::default();
    let mut tx = portal_server::db::begin(db).await.unwrap();
    for chunk_start in (0..count).step_by(500) {
        let mut rows: [Vec<String>; 8] = Default::default();
        let [customers, accounts, periods, returns, ledger, totals, grants, levels] = &mut rows;
        for i in chunk_start..(chunk_start + 500).min(count) {
            let id = first_customer + i as i64;
            let name = customer_name(i);
            customers.push(format!(
                "({id}, '{:011}', '{name}', '{name}', 'business', 'fein', 'sealed', '{:04}', \
                 '{} MAIN ST', 'HARTFORD', 'CT', '06103', 0)",
                50_000_000_000u64 + i as u64,
                i % 10_000,
                i % 900 + 1
            ));
            let grant = first_grant + i as i64;
            if let Some(logon) = grant_to {
                grants.push(format!(
                    "({grant}, {logon}, {id}, 'tax_administrator', 'third_party', 'active', 0)"
                ));
            }
            for (a, tax_type) in TAX_TYPES.iter().enumerate() {
                let k = i * 2 + a;
                let account = first_account + k as i64;
                accounts.push(format!(
                    "({account}, {id}, '{:010}', '{tax_type}', 'quarterly', 'active', '2020-01-01')",
                    7_000_000_000u64 + k as u64
                ));
                levels.push(format!("({grant}, {account}, 'file_and_pay')"));
                let tax = 10_000 + (k % 5_000) as i64;
                for (q, quarter) in QUARTERS.iter().enumerate() {
                    let period = first_period + (k * QUARTERS.len() + q) as i64;
                    periods.push(format!(
                        "({period}, {account}, '{}', '{}', '{}', '{}')",
                        quarter.start, quarter.end, quarter.due, quarter.due_nominal
                    ));
                    let latest = q == QUARTERS.len() - 1;
                    if latest && k % 10 == 9 {
                        continue; // not filed
                    }
                    let filed_on = if latest && k % 10 == 0 {
                        LATE_FILING
                    } else {
                        quarter.filed_on
                    };
                    let return_id = first_return + (k * QUARTERS.len() + q) as i64;
                    let processed_on = if latest {
                        "NULL".to_owned()
                    } else {
                        format!("'{}'", quarter.due)
                    };
                    returns.push(format!(
                        "({return_id}, {period}, 'original', 'BENCH{return_id:010}', {tax}, {}, \
                         {tax}, '{filed_on}', {processed_on})",
                        epoch(filed_on)
                    ));
                    let paid = !latest || k % 2 == 0;
                    let mut balance = 0;
                    let mut entries = 0;
                    if !latest {
                        ledger.push(format!(
                            "({period}, 'tax', {tax}, '{filed_on}', '{}', {return_id}, \
                             'Original return BENCH{return_id:010}', 0)",
                            quarter.due
                        ));
                        balance += tax;
                        entries += 1;
                    }
                    if paid {
                        ledger.push(format!(
                            "({period}, 'payment', {}, '{filed_on}', '{filed_on}', NULL, 'Payment', 0)",
                            -tax
                        ));
                        balance -= tax;
                        entries += 1;
                    }
                    if entries > 0 {
                        totals.push(format!("({period}, {account}, {balance}, {entries})"));
                    }
                }
            }
        }
        written.customers += customers.len();
        written.accounts += accounts.len();
        written.periods += periods.len();
        written.returns += returns.len();
        written.ledger_rows += ledger.len();
        let [customers, accounts, periods, returns, ledger, totals, grants, levels] = rows;
        for (table, columns, rows) in [
            (
                "customers",
                "id, reg_number, legal_name, legal_name_key, kind, tin_kind, tin_sealed, tin_last4, address_line1, city, state, zip, created_at",
                customers,
            ),
            (
                "tax_accounts",
                "id, customer_id, account_number, tax_type, frequency, status, opened_on",
                accounts,
            ),
            (
                "periods",
                "id, account_id, period_start, period_end, due_date, due_nominal",
                periods,
            ),
            (
                "tax_returns",
                "id, period_id, kind, confirmation_number, tax_cents, filed_at, total_due_cents, filed_on, processed_on",
                returns,
            ),
            (
                "ledger_entries",
                "period_id, kind, amount_cents, effective_on, posted_on, return_id, description, created_at",
                ledger,
            ),
            (
                "period_totals",
                "period_id, account_id, balance_cents, entry_count",
                totals,
            ),
            (
                "access_grants",
                "id, logon_id, customer_id, access_type, relationship, status, created_at",
                grants,
            ),
            ("grant_account_levels", "grant_id, account_id, level", levels),
        ] {
            if rows.is_empty() || (table == "grant_account_levels" && grant_to.is_none()) {
                continue;
            }
            sqlx::query(&format!(
                "INSERT INTO {table} ({columns}) VALUES {}",
                rows.join(", ")
            ))
            .execute(&mut *tx)
            .await
            .unwrap();
        }
    }
    tx.commit().await.unwrap();
    if postgres {
        // The rows were written with their ids: move each key's sequence past them.
        for table in [
            "customers",
            "tax_accounts",
            "periods",
            "tax_returns",
            "access_grants",
        ] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                   (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            ))
            .execute(db)
            .await
            .unwrap();
        }
    }
    sqlx::query("ANALYZE").execute(db).await.unwrap();
    written
}
