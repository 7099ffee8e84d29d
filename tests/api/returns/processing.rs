//! The processing step: idempotent for a date, and run once however many
//! servers share the database. (Killed half way and run again: see
//! server/tests/processing_crash.rs, which needs the server's binary.)

use super::*;
use crate::helpers::{fresh_database_url, spawn_app, spawn_app_configured, Options as AppOptions};

#[tokio::test]
async fn processing_a_date_twice_posts_nothing_the_second_time() {
    let app = spawn_app().await;
    move_clock_to(&app, "2027-02-01");
    let first = process(&app, "2027-01-31").await;
    assert!(first.counts.periods_opened > 0, "January's periods open");
    assert!(first.counts.entries_posted > 0, "interest on what is owed");
    assert!(
        first.counts.notices_issued > 0,
        "notices for unfiled periods past due"
    );
    let (ledger_once, periods, messages) = (
        ledger(&app).await,
        app.count("periods").await,
        app.count("messages").await,
    );
    let second = process(&app, "2027-01-31").await;
    assert_eq!(second.counts, Default::default(), "{second:?}");
    assert_eq!(ledger(&app).await, ledger_once);
    assert_eq!(app.count("periods").await, periods);
    assert_eq!(app.count("messages").await, messages);
    let (status, passes): (String, i64) =
        sqlx::query_as("SELECT status, passes FROM processing_runs WHERE as_of = '2027-01-31'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), passes), ("done", 2));
    assert_totals_agree(&app).await;
}

#[tokio::test]
async fn a_delinquency_notice_is_a_message_with_a_letter_id_sent_once_per_period() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let customer = app
        .customer_id(portal_server::seed::NATURAL_HEALTH_REG)
        .await;
    let messages = jane
        .json(&format!("/api/customers/{customer}/messages"))
        .await;
    let notices: Vec<&Value> = messages
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .contains("Sales & Use return for the period ending 12/31/2025")
        })
        .collect();
    assert_eq!(notices.len(), 1, "the unfiled 2025 return's notice");
    let letter = notices[0]["letter_id"].as_str().unwrap();
    assert!(letter.starts_with('L') && letter.len() == 10);
    move_clock_to(&app, "2027-03-01");
    process(&app, "2027-02-28").await;
    let jane = super::jane(&app).await;
    let again = jane
        .json(&format!("/api/customers/{customer}/messages"))
        .await;
    let count = again
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["subject"].as_str().unwrap().contains("12/31/2025"))
        .count();
    assert_eq!(count, 1, "no second notice for the same period");
}

/// Two servers on one database, each processing every second: the day's run
/// happens once, and the ledger is the one a single server makes.
#[tokio::test]
async fn two_servers_on_one_database_process_each_date_once() {
    let shared_dir = tempfile::tempdir().unwrap();
    let url = match fresh_database_url().await {
        Some(url) => url,
        None => format!(
            "sqlite://{}?mode=rwc",
            shared_dir.path().join("shared.db").display()
        ),
    };
    let configured = |url: String| {
        move |config: &mut portal_server::config::Config| {
            config.database_url = Some(url);
            config.processing_interval_seconds = 1;
            config.processing_lease_seconds = 5;
        }
    };
    let options = || AppOptions {
        secure_cookies: false,
    };
    let one = spawn_app_configured(options(), configured(url.clone())).await;
    let two = spawn_app_configured(options(), configured(url)).await;
    let alone = spawn_app().await;
    for app in [&one, &two, &alone] {
        move_clock_to(app, "2027-02-01");
    }
    process(&alone, "2027-02-01").await;

    let mut waited = 0;
    loop {
        let done: Option<String> = sqlx::query_scalar(
            "SELECT status FROM processing_runs WHERE as_of = '2027-02-01' AND status = 'done'",
        )
        .fetch_optional(&one.state.db)
        .await
        .unwrap();
        if done.is_some() {
            break;
        }
        waited += 1;
        assert!(waited < 120, "the servers never processed 02/01/2027");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    // A few more turns of both loops change nothing.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(ledger(&one).await, ledger(&alone).await);
    let passes: i64 =
        sqlx::query_scalar("SELECT passes FROM processing_runs WHERE as_of = '2027-02-01'")
            .fetch_one(&one.state.db)
            .await
            .unwrap();
    assert_eq!(passes, 1, "one run for the date");
    assert_eq!(one.count("messages").await, alone.count("messages").await);
    assert_eq!(one.count("periods").await, alone.count("periods").await);
    assert_totals_agree(&one).await;
    for app in [&one, &two, &alone] {
        app.state.db.close().await;
    }
}
