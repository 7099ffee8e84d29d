//! What the benches share: the server in this process on a fresh demo
//! database, the bulk world of customers they measure against, and how a
//! sample of times is reported. Each bench uses part of it.
#![allow(dead_code)]

pub mod child;
pub mod world;

use portal_server::{config::Config, startup::Application, state::AppState};
use std::time::Duration;

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

/// Prints one line of p50/p99/max and returns the p99.
pub fn report(what: &str, mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    let p99 = percentile(&samples, 0.99);
    println!(
        "{what:<52} n={:<5} p50={:>8.2} ms  p99={:>8.2} ms  max={:>8.2} ms",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1000.0,
        p99.as_secs_f64() * 1000.0,
        samples.last().unwrap().as_secs_f64() * 1000.0,
    );
    p99
}

/// A number from the environment (CLIENTS, SAMPLES, …), else `default`.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The real server in this process, on loopback, with the demo's data (and
/// no generated clients) in a fresh SQLite file, or in `database_url`.
pub struct DemoServer {
    pub base: String,
    pub state: AppState,
    _data_dir: tempfile::TempDir,
}

impl DemoServer {
    pub async fn start(database_url: Option<String>) -> DemoServer {
        let data_dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(data_dir.path().join("dist")).unwrap();
        std::fs::write(data_dir.path().join("dist/index.html"), "<!doctype html>").unwrap();
        let mut config = Config::for_data_dir(data_dir.path().to_path_buf());
        config.demo = true;
        config.demo_clients = 0;
        config.insecure_localhost_cookies = true;
        config.database_url = database_url;
        let app = Application::build(&config).await.unwrap();
        let base = format!("http://{}", app.address());
        let state = app.state.clone();
        tokio::spawn(app.run_until_stopped());
        DemoServer {
            base,
            state,
            _data_dir: data_dir,
        }
    }

    /// A client signed in as `username` (the demo's password), keeping its cookie.
    pub async fn signed_in(&self, username: &str) -> reqwest::Client {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let signed_in = client
            .post(format!("{}/api/session", self.base))
            .json(&serde_json::json!({
                "username": username,
                "password": portal_server::seed::DEMO_PASSWORD,
            }))
            .send()
            .await
            .unwrap();
        assert!(signed_in.status().is_success(), "signing in {username}");
        client
    }
}
