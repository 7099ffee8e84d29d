//! The processing step killed with SIGKILL half way — inside a batch's
//! transaction, after it wrote and before it committed — and run again ends
//! with exactly the ledger an uninterrupted run makes. It runs the real
//! binary (`portal-server process --as-of`), on SQLite, or on PostgreSQL when
//! PORTAL_TEST_POSTGRES_URL names a server.

use portal_server::{clock::ManualClock, config::Config, startup::Application};
use sqlx::Connection;
use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    sync::Arc,
};

/// 2026-11-23 12:00:00 UTC, as in the API tests.
const TEST_NOW: i64 = 1_795_435_200;
const AS_OF: &str = "2027-01-31";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A database of its own: a SQLite file in `dir`, or a fresh PostgreSQL database.
async fn fresh_url(dir: &std::path::Path, name: &str) -> String {
    match std::env::var("PORTAL_TEST_POSTGRES_URL") {
        Err(_) => format!(
            "sqlite://{}?mode=rwc",
            dir.join(format!("{name}.db")).display()
        ),
        Ok(server) => {
            sqlx::any::install_default_drivers();
            let database = format!(
                "portal_crash_{}",
                portal_server::crypto::random_token()
                    .to_lowercase()
                    .replace(['-', '_'], "")
                    .chars()
                    .take(24)
                    .collect::<String>()
            );
            let mut admin = sqlx::AnyConnection::connect(&server).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {database}"))
                .execute(&mut admin)
                .await
                .unwrap();
            let base = server.rsplit_once('/').map(|(b, _)| b).unwrap_or(&server);
            format!("{base}/{database}")
        }
    }
}

/// The demo as seeded on 11/23/2026 (and processed up to that day).
async fn demo_database(dir: &std::path::Path, name: &str) -> String {
    let url = fresh_url(dir, name).await;
    let data = dir.join(name);
    std::fs::create_dir_all(&data).unwrap();
    let mut config = Config::for_data_dir(data);
    config.database_url = Some(url.clone());
    config.demo = true;
    config.demo_clients = 4;
    config.processing_interval_seconds = 0;
    let app = Application::build_with_clock(&config, Arc::new(ManualClock::at(TEST_NOW)))
        .await
        .unwrap();
    app.state.db.close().await;
    url
}

fn process(url: &str, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal-server"));
    command
        .args(["process", "--as-of", AS_OF, "--batch-size", "3"])
        .args(["--database-url", url, "--processing-lease-seconds", "2"])
        .args(extra)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    command
}

type LedgerRow = (String, String, String, i64, String, String);

async fn snapshot(url: &str) -> (Vec<LedgerRow>, i64, i64, String) {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let ledger: Vec<LedgerRow> = sqlx::query_as(
        "SELECT a.account_number, p.period_end, e.kind, e.amount_cents, e.effective_on, e.posted_on \
         FROM ledger_entries e JOIN periods p ON p.id = e.period_id \
         JOIN tax_accounts a ON a.id = p.account_id \
         ORDER BY a.account_number, p.period_end, e.kind, e.amount_cents, e.effective_on, e.posted_on",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let periods: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM periods")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM delinquency_notices")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM processing_runs WHERE as_of = $1")
            .bind(AS_OF)
            .fetch_optional(&mut conn)
            .await
            .unwrap();
    conn.close().await.unwrap();
    (ledger, periods, notices, status.unwrap_or_default())
}

#[test]
fn killed_half_way_and_run_again_processing_leaves_the_ledger_an_uninterrupted_run_makes() {
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    let (whole, crashed) = rt.block_on(async {
        (
            demo_database(dir.path(), "whole").await,
            demo_database(dir.path(), "crashed").await,
        )
    });
    let before = rt.block_on(snapshot(&crashed));

    // Uninterrupted.
    let status = process(&whole, &[]).status().unwrap();
    assert!(status.success());
    let expected = rt.block_on(snapshot(&whole));
    assert_eq!(expected.3, "done");
    assert!(expected.0.len() > before.0.len(), "the run posts something");

    // Killed inside its third batch's transaction.
    let mut child = process(
        &crashed,
        &["--pause-in-batch", "3", "--pause-seconds", "60"],
    )
    .spawn()
    .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut seen = Vec::new();
    loop {
        let line = lines
            .next()
            .expect("the run pauses before it ends")
            .unwrap();
        let pausing = line.starts_with("pausing inside batch 3");
        seen.push(line);
        if pausing {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(
        seen.iter().filter(|l| l.starts_with("batch ")).count(),
        2,
        "{seen:?}"
    );
    let half = rt.block_on(snapshot(&crashed));
    assert_eq!(half.3, "running", "the run is left unfinished");
    assert_ne!(half.0, expected.0, "half way is not the end");
    assert!(half.0.len() >= before.0.len());

    // Run again (it waits out the dead run's lease): the same ledger.
    let status = process(&crashed, &[]).status().unwrap();
    assert!(status.success());
    let after = rt.block_on(snapshot(&crashed));
    assert_eq!(after.0, expected.0);
    assert_eq!(after.1, expected.1, "periods opened");
    assert_eq!(after.2, expected.2, "delinquency notices");
    assert_eq!(after.3, "done");
}
