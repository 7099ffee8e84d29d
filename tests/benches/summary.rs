//! NATURAL HEALTH LLC's Summary (9 accounts; on a server with the ledger,
//! 3 years of ledger rows) on two server binaries side by side: each on a
//! fresh demo database, one client connection each, taking turns for
//! `--rounds` rounds of `--samples` reads (so a busy machine slows both
//! alike). Prints p50/p99 per round and over all rounds, and the ratios
//! new / old. The bar: the new p99 within 20 % of the old.
//!
//! `bash scripts/measure-summary.sh OLD_BINARY` builds the current server and
//! runs this as `cargo bench -p portal-tests --bench summary -- --new PATH
//! --old PATH [--rounds N] [--samples N]`. Measured, never asserted.

mod common;

use common::{child::ChildServer, percentile};
use portal_server::seed;
use std::time::{Duration, Instant};

struct Side {
    name: &'static str,
    _server: ChildServer,
    client: reqwest::Client,
    url: String,
    all: Vec<Duration>,
}

impl Side {
    async fn start(name: &'static str, binary: &str) -> Side {
        let server = ChildServer::start(binary);
        let base = format!("http://{}", server.address);
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let view: serde_json::Value = client
            .post(format!("{base}/api/session"))
            .json(&serde_json::json!({
                "username": seed::DEMO_TAXPAYER,
                "password": seed::DEMO_PASSWORD,
            }))
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .json()
            .await
            .unwrap();
        let customer = &view["current_customer"];
        println!(
            "{name}: {binary} on {}, Summary of {} (customer {})",
            server.address, customer["legal_name"], customer["id"]
        );
        Side {
            name,
            url: format!("{base}/api/customers/{}/summary", customer["id"]),
            _server: server,
            client,
            all: Vec::new(),
        }
    }

    async fn read(&self, samples: usize) -> Vec<Duration> {
        let mut times = Vec::with_capacity(samples);
        for _ in 0..samples {
            let started = Instant::now();
            let response = self.client.get(&self.url).send().await.unwrap();
            let status = response.status();
            let body = response.bytes().await.unwrap();
            times.push(started.elapsed());
            assert!(status.is_success(), "{}: {status}", self.name);
            assert!(body.len() > 100, "{}: a Summary", self.name);
        }
        times
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn p50_p99(samples: &[Duration]) -> (Duration, Duration) {
    let mut sorted = samples.to_vec();
    sorted.sort();
    (percentile(&sorted, 0.50), percentile(&sorted, 0.99))
}

#[tokio::main]
async fn main() {
    let (mut new, mut old) = (None, None);
    let (mut rounds, mut samples) = (5usize, 400usize);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--new" => new = Some(value()),
            "--old" => old = Some(value()),
            "--rounds" => rounds = value().parse().expect("--rounds N"),
            "--samples" => samples = value().parse().expect("--samples N"),
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    let mut sides = [
        Side::start("old", &old.expect("--old BINARY")).await,
        Side::start("new", &new.expect("--new BINARY")).await,
    ];
    for side in &sides {
        side.read(50).await; // warm: statement caches, the pool's connection
    }
    println!(
        "\n{:<6} {:>18} {:>18} {:>8}",
        "round", "old p50/p99 ms", "new p50/p99 ms", "new/old p99"
    );
    for round in 1..=rounds {
        // Take turns in both orders, so neither side always goes first.
        let order = if round % 2 == 1 { [0, 1] } else { [1, 0] };
        let mut figures = [(Duration::ZERO, Duration::ZERO); 2];
        for i in order {
            let times = sides[i].read(samples).await;
            figures[i] = p50_p99(&times);
            sides[i].all.extend(times);
        }
        println!(
            "{round:<6} {:>8.2}/{:<9.2} {:>8.2}/{:<9.2} {:>8.2}",
            ms(figures[0].0),
            ms(figures[0].1),
            ms(figures[1].0),
            ms(figures[1].1),
            figures[1].1.as_secs_f64() / figures[0].1.as_secs_f64()
        );
    }
    let (old_p50, old_p99) = p50_p99(&sides[0].all);
    let (new_p50, new_p99) = p50_p99(&sides[1].all);
    println!(
        "\nall {} reads each: old p50 {:.2} ms p99 {:.2} ms; new p50 {:.2} ms p99 {:.2} ms",
        sides[0].all.len(),
        ms(old_p50),
        ms(old_p99),
        ms(new_p50),
        ms(new_p99)
    );
    println!(
        "new / old: p50 {:.2}, p99 {:.2} (the issue's bar: p99 at most 1.20); load average {}",
        new_p50.as_secs_f64() / old_p50.as_secs_f64(),
        new_p99.as_secs_f64() / old_p99.as_secs_f64(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
}
