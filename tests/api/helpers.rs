//! `spawn_app`: the real server on port 0 with its own fresh database, SQLite by
//! default, PostgreSQL when PORTAL_TEST_POSTGRES_URL names a server.

use portal_server::{clock::ManualClock, config::Config, startup::Application, state::AppState};
use reqwest::{header, Response, StatusCode};
use serde_json::{json, Value};
use sqlx::Connection;
use std::sync::Arc;

pub use portal_server::seed::{DEMO_PASSWORD, DEMO_PREPARER, DEMO_TAXPAYER};

/// 2026-11-23 12:00:00 UTC, a Monday: every test starts its clock here.
pub const TEST_NOW: i64 = 1_795_435_200;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: AppState,
    pub clock: ManualClock,
    /// How the server was started (its data folder, its database).
    pub config: Config,
    _data_dir: tempfile::TempDir,
}

pub struct Options {
    pub secure_cookies: bool,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options {
        secure_cookies: false,
    })
    .await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    spawn_app_configured(options, |_| {}).await
}

/// Like `spawn_app_with`, with a last say on the configuration (demo mode, SMTP relay…).
pub async fn spawn_app_configured(
    options: Options,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    let dist = data_dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>Taxpayer Portal</title>",
    )
    .unwrap();

    let mut config = Config::for_data_dir(data_dir.path().to_path_buf());
    config.demo = true;
    config.demo_clients = 4;
    config.insecure_localhost_cookies = !options.secure_cookies;
    config.database_url = fresh_database_url().await;
    // Tests move the clock by hand and run the processing step when they mean to.
    config.processing_interval_seconds = 0;
    configure(&mut config);

    let clock = ManualClock::at(TEST_NOW);
    let app = Application::build_with_clock(&config, Arc::new(clock.clone()))
        .await
        .expect("the application builds");
    let address = format!("http://{}", app.address());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());

    TestApp {
        address,
        client: new_client(),
        state,
        clock,
        config,
        _data_dir: data_dir,
    }
}

/// A browser-like client: keeps cookies, follows no redirects.
pub fn new_client() -> reqwest::Client {
    client_from(None)
}

/// A browser-like client whose requests come from `source`, for limits kept
/// per address. Any 127.x.y.z reaches a server listening on 127.0.0.1.
pub fn client_from(source: Option<std::net::IpAddr>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(source)
        .build()
        .unwrap()
}

/// `None` means SQLite in the app's data folder; with PostgreSQL, a new database per test.
pub async fn fresh_database_url() -> Option<String> {
    let server = std::env::var("PORTAL_TEST_POSTGRES_URL").ok()?;
    sqlx::any::install_default_drivers();
    let name = format!(
        "portal_test_{}",
        portal_server::crypto::random_token()
            .to_lowercase()
            .replace(['-', '_'], "")
    );
    let name = &name[..40.min(name.len())];
    let mut admin = sqlx::AnyConnection::connect(&server)
        .await
        .expect("the test PostgreSQL server answers");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("a fresh test database");
    let base = server
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(&server);
    Some(format!("{base}/{name}"))
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// GET that must answer 200, as JSON.
    pub async fn json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.unwrap()
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_in(&self, username: &str, password: &str) -> Response {
        self.post_json(
            "/api/session",
            &json!({ "username": username, "password": password }),
        )
        .await
    }

    /// Signs in as the demo taxpayer and returns the session view.
    pub async fn sign_in_as_jane(&self) -> Value {
        let response = self.sign_in(DEMO_TAXPAYER, DEMO_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub async fn sign_out(&self) -> Response {
        self.client
            .delete(self.url("/api/session"))
            .send()
            .await
            .unwrap()
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.state.db)
            .await
            .unwrap()
    }

    pub async fn customer_id(&self, reg_number: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM customers WHERE reg_number = $1")
            .bind(reg_number)
            .fetch_one(&self.state.db)
            .await
            .unwrap()
    }
}

/// One row of the outbox, as the mail tests read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub kind: String,
    pub logon_id: Option<i64>,
    pub status: String,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

impl TestApp {
    /// Every outbox row, oldest first.
    pub async fn outbox(&self) -> Vec<OutboxRow> {
        type Row = (
            i64,
            String,
            String,
            String,
            String,
            Option<i64>,
            String,
            i64,
            Option<i64>,
            Option<String>,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, recipient, subject, body, kind, logon_id, status, attempts, sent_at, last_error \
             FROM outbox ORDER BY id",
        )
        .fetch_all(&self.state.db)
        .await
        .unwrap();
        rows.into_iter()
            .map(
                |(
                    id,
                    recipient,
                    subject,
                    body,
                    kind,
                    logon_id,
                    status,
                    attempts,
                    sent_at,
                    last_error,
                )| {
                    OutboxRow {
                        id,
                        recipient,
                        subject,
                        body,
                        kind,
                        logon_id,
                        status,
                        attempts,
                        sent_at,
                        last_error,
                    }
                },
            )
            .collect()
    }

    /// The outbox row with this id.
    pub async fn outbox_row(&self, id: i64) -> OutboxRow {
        self.outbox()
            .await
            .into_iter()
            .find(|row| row.id == id)
            .unwrap_or_else(|| panic!("no outbox row {id}"))
    }

    pub async fn logon_id(&self, username: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM logons WHERE username = $1")
            .bind(username)
            .fetch_one(&self.state.db)
            .await
            .unwrap()
    }
}

pub fn header(response: &Response, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Another browser on the same server: its own cookie jar, signed in as one logon.
pub struct Browser {
    pub client: reqwest::Client,
    address: String,
}

impl TestApp {
    /// A new browser signed in as `username`; panics unless the sign-in succeeds.
    pub async fn browser(&self, username: &str, password: &str) -> Browser {
        let browser = Browser {
            client: new_client(),
            address: self.address.clone(),
        };
        let response = browser
            .post(
                "/api/session",
                &json!({ "username": username, "password": password }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{username} signs in");
        browser
    }
}

impl TestApp {
    /// A browser of its own that has not signed in, connecting from `source`
    /// (e.g. "127.0.0.2") or, with `None`, from 127.0.0.1 like the others.
    pub fn new_browser(&self, source: Option<&str>) -> Browser {
        Browser {
            client: client_from(source.map(|s| s.parse().expect("an IP address"))),
            address: self.address.clone(),
        }
    }

    /// `username` signed in from `source` in a browser of its own.
    pub async fn session_from(&self, source: &str, username: &str) -> Browser {
        let browser = self.new_browser(Some(source));
        let response = browser.sign_in(username, DEMO_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "{username} signs in");
        browser
    }
}

impl TestApp {
    /// The logon's status: `active`, `locked`, …
    pub async fn status_of(&self, username: &str) -> String {
        sqlx::query_scalar("SELECT status FROM logons WHERE username = $1")
            .bind(username)
            .fetch_one(&self.state.db)
            .await
            .unwrap()
    }

    /// How many failed `action`s the activity holds, by their detail.
    pub async fn failures_by_detail(&self, action: &str) -> Vec<(Option<String>, i64)> {
        sqlx::query_as(
            "SELECT detail, COUNT(*) FROM activity WHERE action = $1 AND outcome = 'failure' \
             GROUP BY detail ORDER BY detail",
        )
        .bind(action)
        .fetch_all(&self.state.db)
        .await
        .unwrap()
    }
}

impl Browser {
    /// `times` sign-ins to `username` with a wrong password, each refused.
    pub async fn fail_sign_ins(&self, username: &str, times: usize) {
        for _ in 0..times {
            let response = self.sign_in(username, "not the right password").await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        }
    }

    /// `POST /api/session` from this browser, with its cookies.
    pub async fn sign_in(&self, username: &str, password: &str) -> Response {
        self.post(
            "/api/session",
            &json!({ "username": username, "password": password }),
        )
        .await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// A POST without a body (actions such as Disable).
    pub async fn post_empty(&self, path: &str) -> Response {
        self.client.post(self.url(path)).send().await.unwrap()
    }

    pub async fn put(&self, path: &str, body: &Value) -> Response {
        self.client
            .put(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client.delete(self.url(path)).send().await.unwrap()
    }

    /// GET that must answer 200, as JSON.
    pub async fn json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.unwrap()
    }
}

impl TestApp {
    /// Signs `username` in (with the demo password) in a browser of its own.
    pub async fn session(&self, username: &str) -> Browser {
        self.browser(username, DEMO_PASSWORD).await
    }

    /// An active logon with the demo password and no access to anything; with
    /// `parent`, a Tax Administrator secondary logon of it in its Default group,
    /// with All Access on every tax type.
    pub async fn new_logon(&self, username: &str, name: &str, parent: Option<i64>) -> i64 {
        let db = &self.state.db;
        let hash: String =
            sqlx::query_scalar("SELECT password_hash FROM logons WHERE username = $1")
                .bind(DEMO_TAXPAYER)
                .fetch_one(db)
                .await
                .unwrap();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO logons (username, username_key, name, email, password_hash, password_changed_at, \
               status, parent_logon_id, secondary_access_type, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $6) RETURNING id",
        )
        .bind(username)
        .bind(username.to_lowercase())
        .bind(name)
        .bind(format!("{}@example.com", username.to_lowercase()))
        .bind(hash)
        .bind(TEST_NOW - 86_400)
        .bind(parent)
        .bind(parent.map(|_| "tax_administrator"))
        .fetch_one(db)
        .await
        .unwrap();
        if let Some(parent) = parent {
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM security_groups WHERE owner_logon_id = $1 AND is_default = 1",
            )
            .bind(parent)
            .fetch_optional(db)
            .await
            .unwrap();
            let group = match existing {
                Some(group) => group,
                None => sqlx::query_scalar(
                    "INSERT INTO security_groups (owner_logon_id, name, name_key, is_default, created_at) \
                     VALUES ($1, 'Default', 'default', 1, $2) RETURNING id",
                )
                .bind(parent)
                .bind(TEST_NOW)
                .fetch_one(db)
                .await
                .unwrap(),
            };
            sqlx::query("INSERT INTO secondary_logon_groups (logon_id, group_id) VALUES ($1, $2)")
                .bind(id)
                .bind(group)
                .execute(db)
                .await
                .unwrap();
            for tax_type in wire::tax::TaxType::ALL {
                sqlx::query(
                    "INSERT INTO secondary_tax_types (logon_id, tax_type, level) VALUES ($1, $2, 'all_access')",
                )
                .bind(id)
                .bind(tax_type.code())
                .execute(db)
                .await
                .unwrap();
            }
        }
        id
    }
}
