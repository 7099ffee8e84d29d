//! A preparer with 100,000 clients: how long the client switcher's search and
//! opening one client's Summary take, measured over HTTP on loopback against the
//! real server and its SQLite file (the README's configuration), or a fresh
//! database on the PostgreSQL server that `PORTAL_TEST_POSTGRES_URL` (or
//! `--postgres URL`) names.
//!
//! `cargo bench -p portal-tests --bench clients_at_scale` (CLIENTS=n to change
//! the size, SAMPLES=n the samples per operation). Reports p50/p99 per
//! operation; never asserts a time.

use portal_server::{config::Config, seed, startup::Application};
use serde_json::Value;
use sqlx::Connection;
use std::time::{Duration, Instant};

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
const TAX_TYPES: [&str; 3] = ["sales_and_use", "withholding", "room_occupancy"];

fn client_name(i: usize) -> String {
    format!(
        "{} {} {} {}",
        WORDS[i % WORDS.len()],
        WORDS[(i / WORDS.len()) % WORDS.len()],
        TRADES[(i / 7) % TRADES.len()],
        if i.is_multiple_of(3) { "LLC" } else { "INC" }
    )
}

/// Writes `clients` customers, each with two accounts, eight periods and a
/// Tax Administrator grant to the preparer, in multi-row inserts.
async fn seed_clients(db: &portal_server::db::Db, preparer: i64, clients: usize) {
    let first_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM customers")
        .fetch_one(db)
        .await
        .unwrap();
    let first_account: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM tax_accounts")
            .fetch_one(db)
            .await
            .unwrap();
    let first_grant: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM access_grants")
        .fetch_one(db)
        .await
        .unwrap();
    let mut tx = portal_server::db::begin(db).await.unwrap();
    for chunk_start in (0..clients).step_by(500) {
        let chunk = chunk_start..(chunk_start + 500).min(clients);
        let mut customers = Vec::new();
        let mut accounts = Vec::new();
        let mut periods = Vec::new();
        let mut grants = Vec::new();
        let mut levels = Vec::new();
        for i in chunk {
            let id = first_id + i as i64;
            let name = client_name(i);
            customers.push(format!(
                "({id}, '{:011}', '{name}', '{name}', 'business', 'fein', 'sealed', '{:04}', \
                 '{} MAIN ST', 'HARTFORD', 'CT', '06103', 0)",
                50_000_000_000u64 + i as u64,
                i % 10_000,
                i % 900 + 1
            ));
            let grant = first_grant + i as i64;
            grants.push(format!(
                "({grant}, {preparer}, {id}, 'tax_administrator', 'third_party', 'active', 0)"
            ));
            for (a, tax_type) in TAX_TYPES.iter().take(2).enumerate() {
                let account = first_account + (i * 2 + a) as i64;
                accounts.push(format!(
                    "({account}, {id}, '{:010}', '{tax_type}', 'quarterly', 'active', '2020-01-01')",
                    7_000_000_000u64 + (i * 2 + a) as u64
                ));
                levels.push(format!("({grant}, {account}, 'file_and_pay')"));
                for q in 0..8 {
                    let (year, quarter) = (2025 + q / 4, q % 4);
                    let (start, end, due) = match quarter {
                        0 => ("01-01", "03-31", "04-30"),
                        1 => ("04-01", "06-30", "07-31"),
                        2 => ("07-01", "09-30", "10-31"),
                        _ => ("10-01", "12-31", "01-31"),
                    };
                    let due_year = if quarter == 3 { year + 1 } else { year };
                    periods.push(format!(
                        "({account}, '{year}-{start}', '{year}-{end}', '{due_year}-{due}', {}, 0, 0, {})",
                        10_000 + i % 5_000,
                        if q < 6 { 10_000 + i % 5_000 } else { 0 }
                    ));
                }
            }
        }
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
                "account_id, period_start, period_end, due_date, tax_cents, penalty_cents, interest_cents, credits_cents",
                periods,
            ),
            (
                "access_grants",
                "id, logon_id, customer_id, access_type, relationship, status, created_at",
                grants,
            ),
            ("grant_account_levels", "grant_id, account_id, level", levels),
        ] {
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
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{what:<48} n={:<5} p50={:>8.2} ms  p99={:>8.2} ms  max={:>8.2} ms",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1000.0,
        percentile(&samples, 0.99).as_secs_f64() * 1000.0,
        samples.last().unwrap().as_secs_f64() * 1000.0,
    );
}

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
    let clients: usize = std::env::var("CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let samples: usize = std::env::var("SAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let postgres = postgres_server();
    let database = match &postgres {
        Some(server) => Some(fresh_postgres_database(server).await),
        None => None,
    };
    let data_dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data_dir.path().join("dist")).unwrap();
    std::fs::write(data_dir.path().join("dist/index.html"), "<!doctype html>").unwrap();
    let mut config = Config::for_data_dir(data_dir.path().to_path_buf());
    config.demo = true;
    config.demo_clients = 0;
    config.insecure_localhost_cookies = true;
    config.database_url = database.as_ref().map(|(url, _)| url.clone());
    let app = Application::build(&config).await.unwrap();
    let base = format!("http://{}", app.address());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());

    let preparer: i64 = sqlx::query_scalar("SELECT id FROM logons WHERE username = $1")
        .bind(seed::DEMO_PREPARER)
        .fetch_one(&state.db)
        .await
        .unwrap();
    let started = Instant::now();
    seed_clients(&state.db, preparer, clients).await;
    if postgres.is_some() {
        // The rows were written with their ids: move each key's sequence past them.
        for table in ["customers", "tax_accounts", "access_grants"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(&state.db)
            .await
            .unwrap();
        }
    }
    sqlx::query("ANALYZE").execute(&state.db).await.unwrap();
    println!(
        "seeded {clients} clients (2 accounts, 16 periods each) on {} in {:.1} s",
        if postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        started.elapsed().as_secs_f64()
    );

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let signed_in = client
        .post(format!("{base}/api/session"))
        .json(&serde_json::json!({ "username": seed::DEMO_PREPARER, "password": seed::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(signed_in.status().is_success());

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
        let word = WORDS[i % WORDS.len()];
        let trade = TRADES[i % TRADES.len()];
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
