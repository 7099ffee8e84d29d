//! Outgoing mail: the outbox, delivery through a real SMTP server on loopback
//! (Python's aiosmtpd, installed by scripts/install-tools.sh), and the demo mailbox.

use crate::helpers::{spawn_app, spawn_app_configured, Options, TestApp, DEMO_TAXPAYER, TEST_NOW};
use portal_server::mail::{backoff_seconds, OutgoingMail, MAX_ATTEMPTS};
use reqwest::StatusCode;
use serde_json::Value;
use std::{
    net::{TcpListener, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

const LINK: &str = "https://portal.example/verify?token=k3Yx9-single-use";

fn verify_email(to: &str, logon_id: Option<i64>) -> OutgoingMail {
    OutgoingMail {
        to: to.into(),
        subject: "Confirm your email address".into(),
        body_text: format!("Hello,\n\nTo confirm your email address, open this link:\n{LINK}\n"),
        kind: "verify_email",
        logon_id,
    }
}

async fn spawn_app_with_smtp(smtp_url: String) -> TestApp {
    spawn_app_configured(
        Options {
            secure_cookies: false,
        },
        |config| config.smtp_url = Some(smtp_url),
    )
    .await
}

#[tokio::test]
async fn queued_mail_lands_in_the_outbox_with_its_kind_and_recipient() {
    let app = spawn_app().await;
    let jane = app.logon_id(DEMO_TAXPAYER).await;
    let id = app
        .state
        .mailer
        .send(&app.state.db, verify_email("jane@example.com", Some(jane)))
        .await
        .unwrap();

    let row = app.outbox_row(id).await;
    assert_eq!(row.recipient, "jane@example.com");
    assert_eq!(row.kind, "verify_email");
    assert_eq!(row.logon_id, Some(jane));
    assert_eq!(row.subject, "Confirm your email address");
    assert!(row.body.contains(LINK));
    assert_eq!(row.status, "queued");
    assert_eq!(row.attempts, 0);
    assert_eq!(row.sent_at, None);
    let created_at: i64 = sqlx::query_scalar("SELECT created_at FROM outbox WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(created_at, TEST_NOW);
}

#[tokio::test]
async fn mail_queued_in_a_transaction_exists_only_if_the_transaction_commits() {
    let app = spawn_app().await;
    let mut rolled_back = app.state.begin().await.unwrap();
    app.state
        .mailer
        .send(&mut *rolled_back, verify_email("lost@example.com", None))
        .await
        .unwrap();
    rolled_back.rollback().await.unwrap();
    assert_eq!(app.count("outbox").await, 0);

    let mut committed = app.state.begin().await.unwrap();
    app.state
        .mailer
        .send(&mut *committed, verify_email("kept@example.com", None))
        .await
        .unwrap();
    committed.commit().await.unwrap();
    let outbox = app.outbox().await;
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].recipient, "kept@example.com");
}

#[tokio::test]
async fn without_an_smtp_relay_mail_stays_queued() {
    let app = spawn_app().await;
    assert!(!app.state.mailer.delivers());
    let id = app
        .state
        .mailer
        .send(&app.state.db, verify_email("jane@example.com", None))
        .await
        .unwrap();
    let delivery = app.state.mailer.deliver_pending().await.unwrap();
    assert_eq!(delivery, Default::default());
    let row = app.outbox_row(id).await;
    assert_eq!((row.status.as_str(), row.attempts), ("queued", 0));
}

#[tokio::test]
async fn the_demo_mailbox_lists_the_latest_fifty_messages_newest_first_in_demo_mode() {
    let app = spawn_app().await;
    for n in 1..=55 {
        let mut mail = verify_email(&format!("person{n}@example.com"), None);
        mail.subject = format!("Message {n}");
        app.state.mailer.send(&app.state.db, mail).await.unwrap();
    }
    let response = app.get("/api/demo/mailbox").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let messages = body["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 50);
    let newest = &messages[0];
    assert_eq!(newest["to"], "person55@example.com");
    assert_eq!(newest["subject"], "Message 55");
    assert!(newest["body"].as_str().unwrap().contains(LINK));
    assert_eq!(newest["kind"], "verify_email");
    assert_eq!(newest["status"], "queued");
    assert_eq!(newest["created_at"], TEST_NOW);
    assert!(newest["id"].is_i64());
    assert_eq!(messages[49]["subject"], "Message 6");
}

#[tokio::test]
async fn the_demo_mailbox_answers_404_without_demo_mode() {
    let app = spawn_app_configured(
        Options {
            secure_cookies: false,
        },
        |config| config.demo = false,
    )
    .await;
    app.state
        .mailer
        .send(&app.state.db, verify_email("jane@example.com", None))
        .await
        .unwrap();
    let unknown = app.get("/api/no-such-thing").await;
    let unknown_body: Value = unknown.json().await.unwrap();
    for method in [reqwest::Method::GET, reqwest::Method::POST] {
        let response = app
            .client
            .request(method.clone(), app.url("/api/demo/mailbox"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body, unknown_body, "{method}");
    }
}

#[tokio::test]
async fn queued_mail_is_delivered_through_a_real_smtp_server() {
    let smtp = SmtpServer::start().await;
    let app = spawn_app_with_smtp(format!("smtp://127.0.0.1:{}", smtp.port)).await;
    assert!(app.state.mailer.delivers());
    let jane = app.logon_id(DEMO_TAXPAYER).await;
    let id = app
        .state
        .mailer
        .send(&app.state.db, verify_email("jane@example.com", Some(jane)))
        .await
        .unwrap();
    // The background task may be delivering it already; either way, once this
    // pass returns the message has been handed over.
    app.state.mailer.deliver_pending().await.unwrap();

    let row = app.outbox_row(id).await;
    assert_eq!(row.status, "sent", "{row:?}");
    assert_eq!(row.attempts, 1);
    assert_eq!(row.sent_at, Some(TEST_NOW));
    assert_eq!(row.last_error, None);

    let received = smtp.messages();
    assert_eq!(received.len(), 1, "{received:?}");
    let message = &received[0];
    assert!(
        message.contains("Subject: Confirm your email address"),
        "{message}"
    );
    assert!(message.contains("To: jane@example.com"), "{message}");
    assert!(
        message.contains("From: no-reply@portal.example"),
        "{message}"
    );
    assert!(message.contains(LINK), "{message}");
    assert!(
        message.contains("To confirm your email address, open this link:"),
        "{message}"
    );

    // Delivered once: a later pass sends nothing again.
    app.clock.advance(3600);
    app.state.mailer.deliver_pending().await.unwrap();
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn a_failed_delivery_is_retried_with_backoff_and_given_up_after_the_last_attempt() {
    // A port nobody listens on: every connection is refused.
    let port = free_port();
    let app = spawn_app_with_smtp(format!("smtp://127.0.0.1:{port}")).await;
    // Queueing does not depend on the relay: the caller's work succeeds.
    let id = app
        .state
        .mailer
        .send(&app.state.db, verify_email("jane@example.com", None))
        .await
        .expect("queueing succeeds although the relay is down");
    app.state.mailer.deliver_pending().await.unwrap();

    let row = app.outbox_row(id).await;
    assert_eq!(row.status, "queued", "kept for a retry: {row:?}");
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());
    assert_eq!(row.sent_at, None);

    // Not retried before its backoff has passed.
    app.clock.advance(backoff_seconds(1) - 1);
    app.state.mailer.deliver_pending().await.unwrap();
    assert_eq!(app.outbox_row(id).await.attempts, 1);

    for attempt in 2..=MAX_ATTEMPTS {
        app.clock.advance(backoff_seconds(attempt - 1));
        app.state.mailer.deliver_pending().await.unwrap();
        let row = app.outbox_row(id).await;
        assert_eq!(row.attempts, attempt);
        let expected = if attempt == MAX_ATTEMPTS {
            "failed"
        } else {
            "queued"
        };
        assert_eq!(row.status, expected, "{row:?}");
    }

    // Given up: no more attempts.
    app.clock.advance(24 * 3600);
    app.state.mailer.deliver_pending().await.unwrap();
    assert_eq!(app.outbox_row(id).await.attempts, MAX_ATTEMPTS);
}

#[tokio::test]
async fn a_malformed_recipient_fails_at_once_without_retries() {
    let port = free_port();
    let app = spawn_app_with_smtp(format!("smtp://127.0.0.1:{port}")).await;
    let id = app
        .state
        .mailer
        .send(&app.state.db, verify_email("not an address", None))
        .await
        .unwrap();
    app.state.mailer.deliver_pending().await.unwrap();
    let row = app.outbox_row(id).await;
    assert_eq!((row.status.as_str(), row.attempts), ("failed", 1));
}

/// A free port on loopback (bound, then released).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Python's aiosmtpd on a free loopback port, storing what it receives in a
/// Maildir; stopped when dropped.
struct SmtpServer {
    port: u16,
    child: Child,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    async fn start() -> Self {
        let importable = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        assert!(
            importable,
            "this test needs Python's aiosmtpd as its SMTP server, and `python3 -c 'import aiosmtpd'` fails: \
             run `bash scripts/install-tools.sh` (it installs aiosmtpd with pip)"
        );
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let log = std::fs::File::create(dir.path().join("aiosmtpd.log")).unwrap();
        let mut child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("maildir"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("python3 starts");
        // Wait (at most 15 s) until it accepts connections.
        for _ in 0..150 {
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "aiosmtpd exited ({status}): {}",
                    std::fs::read_to_string(dir.path().join("aiosmtpd.log")).unwrap_or_default()
                );
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Self { port, child, dir };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        panic!("aiosmtpd did not listen on port {port} within 15 s");
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("maildir")
    }

    /// Every message received so far, as raw text.
    fn messages(&self) -> Vec<String> {
        let mut messages = Vec::new();
        for folder in ["new", "cur"] {
            let path: &Path = &self.maildir().join(folder);
            let Ok(entries) = std::fs::read_dir(path) else {
                continue;
            };
            for entry in entries {
                messages.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            }
        }
        messages
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
