//! A preparer with 100,000 clients: how long the client switcher's search and
//! opening one client's Summary take, measured over HTTP on loopback against the
//! real server and its SQLite file (the README's configuration), or a fresh
//! database on the PostgreSQL server that `PORTAL_TEST_POSTGRES_URL` (or
//! `--postgres URL`) names.
//!
//! `cargo bench -p portal-tests --bench clients_at_scale` (CLIENTS=n to change
//! the size, SAMPLES=n the samples per operation; the clients are
//! `common::world`'s). Reports p50/p99 per
//! operation; never asserts a time.

mod common;

use common::{report, world};
use portal_server::seed;
use serde_json::Value;
use sqlx::Connection;
use std::time::{Duration, Instant};

async fn timed_get(client: &reqwest::Client, url: &str) -> (Duration, Vec<u8>) {
    let started = Instant::now();
    let response = client.get(url).send().await.unwrap();
    let status = response.status();
    let body = response.bytes().await.unwrap().to_vec();
    let elapsed = started.elapsed();
    assert!(status.is_success(), "{url}: {status}");
    (elapsed, body)
}

#[tokio::main]
async fn main() {
    let clients = common::env_number("CLIENTS", 100_000);
    let samples = common::env_number("SAMPLES", 400);
    let postgres = postgres_server();
    let database = match &postgres {
        Some(server) => Some(fresh_postgres_database(server).await),
        None => None,
    };
    let server = common::DemoServer::start(database.as_ref().map(|(url, _)| url.clone())).await;
    let (base, state) = (&server.base, &server.state);

    let preparer: i64 = sqlx::query_scalar("SELECT id FROM logons WHERE username = $1")
        .bind(seed::DEMO_PREPARER)
        .fetch_one(&state.db)
        .await
        .unwrap();
    let started = Instant::now();
    let written = world::seed(&state.db, clients, Some(preparer), postgres.is_some()).await;
    println!(
        "seeded {clients} clients ({} accounts, {} periods, {} ledger rows) on {} in {:.1} s",
        written.accounts,
        written.periods,
        written.ledger_rows,
        if postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        started.elapsed().as_secs_f64()
    );
    let client = server.signed_in(seed::DEMO_PREPARER).await;

    // Warm the caches once, as a working server would be.
    timed_get(&client, &format!("{base}/api/customers")).await;

    // Links to every page of the list, 100 a page, as the app reaches them: by
    // following the Next cursors where the server gives them, else by number.
    let mut deep_links = Vec::new();
    let first = format!("{base}/api/customers?page_size=100");
    let (_, body) = timed_get(&client, &first).await;
    let mut body: Value = serde_json::from_slice(&body).unwrap();
    if body["next"].is_string() {
        while let Some(cursor) = body["next"].as_str() {
            let link = format!("{base}/api/customers?page_size=100&cursor={cursor}");
            let (_, next) = timed_get(&client, &link).await;
            deep_links.push(link);
            body = serde_json::from_slice(&next).unwrap();
        }
    } else {
        let pages = (body["total"].as_i64().unwrap() + 99) / 100;
        deep_links.extend(
            (2..=pages).map(|page| format!("{base}/api/customers?page={page}&page_size=100")),
        );
    }

    let mut first_page = Vec::new();
    let mut by_name = Vec::new();
    let mut by_number = Vec::new();
    let mut deep_page = Vec::new();
    let mut summaries = Vec::new();
    let mut found_ids = Vec::new();
    for i in 0..samples {
        let (t, _) = timed_get(&client, &format!("{base}/api/customers?page_size=25")).await;
        first_page.push(t);
        let word = world::words()[i % world::words().len()];
        let trade = world::trades()[i % world::trades().len()];
        let (t, body) = timed_get(
            &client,
            &format!("{base}/api/customers?q={word}%20{}&sort=name", &trade[..3]),
        )
        .await;
        by_name.push(t);
        let page: Value = serde_json::from_slice(&body).unwrap();
        found_ids.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_i64().unwrap()),
        );
        let prefix = format!("5000{:03}", (i * 37) % 1000);
        let (t, _) = timed_get(
            &client,
            &format!("{base}/api/customers?q={prefix}&sort=reg_number&page_size=50"),
        )
        .await;
        by_number.push(t);
        if !deep_links.is_empty() {
            let link = &deep_links[(i * 131) % deep_links.len()];
            let (t, _) = timed_get(&client, link).await;
            deep_page.push(t);
        }
    }
    for i in 0..samples {
        let id = found_ids[(i * 7919) % found_ids.len()];
        let (t, _) = timed_get(&client, &format!("{base}/api/customers/{id}/summary")).await;
        summaries.push(t);
    }
    println!("clients: {clients}; samples per operation: {samples}");
    report("Customers, first page (25, by name)", first_page);
    report("Customers, search by name (\"MAPLE BAK\")", by_name);
    report("Customers, search by CT Tax Reg No prefix", by_number);
    if !deep_page.is_empty() {
        report("Customers, a page deep in the list (100 rows)", deep_page);
    }
    report("Open a client's Summary", summaries);

    if let (Some(server), Some((_, name))) = (postgres, database) {
        state.db.close().await;
        let mut admin = sqlx::AnyConnection::connect(&server).await.unwrap();
        sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await
            .unwrap();
    }
}

/// The PostgreSQL server to measure on, if any: `--postgres URL` or
/// `PORTAL_TEST_POSTGRES_URL`.
fn postgres_server() -> Option<String> {
    let mut args = std::env::args();
    while let Some(arg) = args.next() {
        if arg == "--postgres" {
            return Some(args.next().expect("--postgres URL"));
        }
    }
    std::env::var("PORTAL_TEST_POSTGRES_URL").ok()
}

/// A new database on `server`: its URL and its name.
async fn fresh_postgres_database(server: &str) -> (String, String) {
    sqlx::any::install_default_drivers();
    let name = format!("portal_bench_{}", std::process::id());
    let mut admin = sqlx::AnyConnection::connect(server).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
    (format!("{base}/{name}"), name)
}
