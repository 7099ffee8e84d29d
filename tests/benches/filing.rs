//! Filing a return over loopback against the real server and its SQLite file
//! (the README's configuration): the draft saved, the submit, the return read
//! back as the confirmation page reads it, and the whole of it; and, side by
//! side in the same run, the Summary of NATURAL HEALTH LLC (9 accounts, 3
//! years of ledger rows) before and after those filings add to its ledger.
//!
//! `cargo bench -p portal-tests --bench filing` (SAMPLES=n to change the count).
//! Reports p50/p99 per step; never asserts a time.

mod common;

use common::report;
use portal_server::seed;
use std::time::{Duration, Instant};

async fn timed(request: reqwest::RequestBuilder) -> (Duration, serde_json::Value) {
    let started = Instant::now();
    let response = request.send().await.unwrap();
    let status = response.status();
    let body = response.bytes().await.unwrap();
    let elapsed = started.elapsed();
    assert!(
        status.is_success(),
        "{status}: {}",
        String::from_utf8_lossy(&body)
    );
    (elapsed, serde_json::from_slice(&body).unwrap())
}

async fn summaries(client: &reqwest::Client, url: &str, samples: usize) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..samples {
        let (t, _) = timed(client.get(url)).await;
        times.push(t);
    }
    times
}

/// The customer's ledger rows, every account and period.
async fn ledger_rows(db: &portal_server::db::Db, customer: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_entries e JOIN periods p ON p.id = e.period_id \
         JOIN tax_accounts a ON a.id = p.account_id WHERE a.customer_id = $1",
    )
    .bind(customer)
    .fetch_one(db)
    .await
    .unwrap()
}

#[tokio::main]
async fn main() {
    let samples = common::env_number("SAMPLES", 300);
    let server = common::DemoServer::start(None).await;
    let (base, state) = (&server.base, &server.state);
    let client = server.signed_in(seed::DEMO_TAXPAYER).await;
    let session: serde_json::Value = client
        .get(format!("{base}/api/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let customer = session["current_customer"]["id"].as_i64().unwrap();
    let summary_url = format!("{base}/api/customers/{customer}/summary");
    let (account, period): (i64, i64) = sqlx::query_as(
        "SELECT a.id, p.id FROM tax_accounts a JOIN periods p ON p.account_id = a.id \
         WHERE a.customer_id = $1 AND a.tax_type = 'sales_and_use' \
           AND NOT EXISTS (SELECT 1 FROM tax_returns r WHERE r.period_id = p.id) \
         ORDER BY p.period_end LIMIT 1",
    )
    .bind(customer)
    .fetch_one(&state.db)
    .await
    .unwrap();
    let rows_before = ledger_rows(&state.db, customer).await;

    // Warm up, then the Summary as the demo seeds it.
    summaries(&client, &summary_url, 20).await;
    let before = summaries(&client, &summary_url, samples).await;

    // The first filing is the period's original return; every later one amends it.
    let draft_url = format!("{base}/api/accounts/{account}/periods/{period}/draft");
    let submit_url = format!("{base}/api/accounts/{account}/periods/{period}/returns");
    let (mut saves, mut submits, mut reads, mut whole) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..samples {
        let kind = if i == 0 { "original" } else { "amended" };
        let values = serde_json::json!({ "line_1-general": format!("{}.00", 10_000 + i) });
        let started = Instant::now();
        let (t, draft) = timed(
            client
                .put(&draft_url)
                .json(&serde_json::json!({ "kind": kind, "values": values })),
        )
        .await;
        saves.push(t);
        let (t, filed) = timed(client.post(&submit_url).json(&serde_json::json!({
            "kind": kind,
            "draft_key": draft["draft_key"],
            "values": values,
        })))
        .await;
        submits.push(t);
        let (t, _) = timed(client.get(format!("{base}/api/returns/{}", filed["return_id"]))).await;
        reads.push(t);
        whole.push(started.elapsed());
    }
    // The processing step posts every return to the ledger.
    let today = state.clock.today();
    portal_server::processing::Processor::new(
        state.db.clone(),
        state.clock.clone(),
        Default::default(),
    )
    .run(today, true)
    .await
    .unwrap();
    let ledger_after = ledger_rows(&state.db, customer).await;
    summaries(&client, &summary_url, 20).await;
    let after = summaries(&client, &summary_url, samples).await;

    println!("samples per step: {samples}; SQLite; one client, one connection at a time");
    report("Save the draft (PUT …/draft)", saves);
    report("Submit (POST …/returns)", submits);
    report("Read the return as filed (GET /returns/{id})", reads);
    report("Filing, draft → submit → confirmation", whole);
    let p99_before = report(
        &format!("Summary, 9 accounts, {rows_before} ledger rows"),
        before,
    );
    let p99_after = report(
        &format!("Summary, 9 accounts, {ledger_after} ledger rows"),
        after,
    );
    println!(
        "Summary p99 after / before: {:.2}",
        p99_after.as_secs_f64() / p99_before.as_secs_f64()
    );
}
