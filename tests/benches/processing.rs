//! The month-end processing step (`portal-server process --as-of`, through
//! the same `startup::process` the command calls) for 100,000 customers × 2
//! accounts on SQLite, the README's configuration: the world of
//! `common::world` (a quarter's returns waiting to be posted, late ones
//! owing penalty and interest, unfiled ones owing a notice) processed as of
//! 11/30/2026. Prints the total time, the ledger rows written and rows per
//! second; then runs the same date again, which must write nothing, and
//! prints its time.
//!
//! `cargo bench -p portal-tests --bench processing` (CUSTOMERS=n to change
//! the size, BATCH=n accounts per transaction). Measured, never asserted,
//! except that the second run wrote nothing.

mod common;

use portal_server::{config::Config, db::Db, processing, startup};
use std::time::Instant;
use wire::CivilDate;

/// Rows in the tables a run writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rows {
    periods: i64,
    ledger: i64,
    notices: i64,
    messages: i64,
}

impl Rows {
    async fn count(db: &Db) -> Rows {
        let count = |table: &'static str| async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(db)
                .await
                .unwrap()
        };
        Rows {
            periods: count("periods").await,
            ledger: count("ledger_entries").await,
            notices: count("delinquency_notices").await,
            messages: count("messages").await,
        }
    }

    fn added_since(self, before: Rows) -> Rows {
        Rows {
            periods: self.periods - before.periods,
            ledger: self.ledger - before.ledger,
            notices: self.notices - before.notices,
            messages: self.messages - before.messages,
        }
    }

    fn total(self) -> i64 {
        self.periods + self.ledger + self.notices + self.messages
    }
}

async fn run(config: &Config, as_of: CivilDate, batch_size: i64) -> (f64, Rows) {
    let db = connect(config).await;
    let before = Rows::count(&db).await;
    db.close().await;
    let started = Instant::now();
    let report = startup::process(
        config,
        as_of,
        processing::Options {
            batch_size,
            ..processing::Options::default()
        },
    )
    .await
    .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let db = connect(config).await;
    let added = Rows::count(&db).await.added_since(before);
    db.close().await;
    assert_eq!(added.ledger, report.counts.entries_posted);
    println!(
        "  {} accounts in {} batches: {} periods opened, {} returns posted, {} ledger rows, \
         {} delinquency notices",
        report.accounts,
        report.batches,
        report.counts.periods_opened,
        report.counts.returns_posted,
        report.counts.entries_posted,
        report.counts.notices_issued
    );
    (seconds, added)
}

async fn connect(config: &Config) -> Db {
    portal_server::db::connect(&config.database_url())
        .await
        .unwrap()
        .0
}

#[tokio::main]
async fn main() {
    let customers = common::env_number("CUSTOMERS", 100_000);
    let batch_size =
        common::env_number("BATCH", processing::Options::default().batch_size as usize);
    let as_of = CivilDate::new(2026, 11, 30).unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let config = Config::for_data_dir(data_dir.path().to_path_buf());

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let started = Instant::now();
    let (db, _) = portal_server::schema::connect_and_migrate(&config.database_url(), now)
        .await
        .unwrap();
    let written = common::world::seed(&db, customers, None, false).await;
    db.close().await;
    println!(
        "seeded {} customers, {} accounts, {} periods, {} returns, {} ledger rows on SQLite in {:.1} s",
        written.customers,
        written.accounts,
        written.periods,
        written.returns,
        written.ledger_rows,
        started.elapsed().as_secs_f64()
    );

    println!(
        "process --as-of {} (batches of {batch_size} accounts):",
        as_of.to_iso()
    );
    let (first_seconds, first) = run(&config, as_of, batch_size as i64).await;
    println!(
        "  first run:  {first_seconds:>7.2} s, {} ledger rows ({:.0} rows/s), {} rows in all \
         with periods and notices ({:.0} rows/s)",
        first.ledger,
        first.ledger as f64 / first_seconds,
        first.total(),
        first.total() as f64 / first_seconds
    );
    let (second_seconds, second) = run(&config, as_of, batch_size as i64).await;
    println!(
        "  second run: {second_seconds:>7.2} s, {} rows written (idempotent: {})",
        second.total(),
        if second.total() == 0 { "yes" } else { "NO" }
    );
    println!(
        "  second / first: {:.2}; load average {}",
        second_seconds / first_seconds,
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    assert_eq!(
        second.total(),
        0,
        "the second run for the same date wrote rows"
    );
}
