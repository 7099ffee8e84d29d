//! Upkeep: what expired is pruned on the manual clock, one server per slot;
//! `rotate-key` re-seals every sealed field under a new key; and two rules the
//! schema holds itself (one Default group per parent, a message has an addressee).

use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PASSWORD, DEMO_TAXPAYER, TEST_NOW};
use portal_server::{crypto::FieldCipher, upkeep};
use reqwest::StatusCode;
use serde_json::json;

async fn profile(browser: &Browser) -> StatusCode {
    browser.get("/api/profile").await.status()
}

async fn count_where(app: &TestApp, table: &str, condition: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {condition}"))
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn pruning_removes_what_expired_and_keeps_what_still_works() {
    let app = spawn_app().await;
    let idle = app.session(DEMO_TAXPAYER).await;
    // A reset link (60 minutes) and a change-of-email link (24 hours).
    app.post_json(
        "/api/recovery/password",
        &json!({ "username": DEMO_TAXPAYER }),
    )
    .await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let asked = jane
        .post(
            "/api/profile/email",
            &json!({ "new_email": "jane@newmail.example", "current_password": DEMO_PASSWORD }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    // Delivered mail: the reset link's is pruned, a notice without a link stays.
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $1 \
         WHERE kind IN ('password_reset', 'change_email_notice')",
    )
    .bind(TEST_NOW)
    .execute(&app.state.db)
    .await
    .unwrap();

    app.clock.advance(2 * 3600);
    let live = app.session(DEMO_TAXPAYER).await;
    let pruned = upkeep::prune(&app.state)
        .await
        .unwrap()
        .expect("this slot is free");
    assert!(pruned.sessions >= 2, "{pruned:?}");
    assert_eq!(pruned.email_tokens, 1, "{pruned:?}");
    assert_eq!(pruned.outbox, 1, "{pruned:?}");
    assert_eq!(pruned.rate_limits, 0, "{pruned:?}");

    assert_eq!(profile(&idle).await, StatusCode::UNAUTHORIZED);
    assert_eq!(profile(&live).await, StatusCode::OK);
    assert_eq!(count_where(&app, "sessions", "1 = 1").await, 1);
    assert_eq!(
        count_where(&app, "email_tokens", "purpose = 'change_email'").await,
        1,
        "the change-of-email link still works for a day"
    );
    assert_eq!(
        count_where(&app, "outbox", "kind = 'change_email_notice'").await,
        1
    );
    assert_eq!(
        count_where(&app, "outbox", "kind = 'password_reset'").await,
        0
    );

    // Another server, the same hour: the slot is taken, nothing runs twice.
    assert_eq!(upkeep::prune(&app.state).await.unwrap(), None);

    // Days later the rate-limit windows are long closed.
    app.clock.advance(3 * 86_400);
    let later = upkeep::prune(&app.state).await.unwrap().unwrap();
    assert!(later.rate_limits > 0, "{later:?}");
    assert_eq!(app.count("rate_limits").await, 0);
    assert_eq!(app.count("email_tokens").await, 0);
    assert_eq!(profile(&live).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn two_servers_pruning_at_once_share_one_pass() {
    let app = spawn_app().await;
    app.clock.advance(3600);
    let (a, b) = tokio::join!(upkeep::prune(&app.state), upkeep::prune(&app.state));
    let passes = [a.unwrap(), b.unwrap()];
    assert_eq!(passes.iter().filter(|p| p.is_some()).count(), 1);
    assert_eq!(app.count("upkeep_runs").await, 1);
}

async fn sealed_values(app: &TestApp) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> =
        sqlx::query_as("SELECT reg_number, tin_sealed FROM customers ORDER BY reg_number")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    let totp: Vec<(String, String)> = sqlx::query_as(
        "SELECT username, totp_secret_sealed FROM logons \
         WHERE totp_secret_sealed IS NOT NULL ORDER BY username",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    values.extend(totp);
    let banks: Vec<(String, String)> = sqlx::query_as(
        "SELECT 'bank account ' || CAST(id AS TEXT), account_number_sealed FROM bank_accounts ORDER BY id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    values.extend(banks);
    values
}

#[tokio::test]
async fn rotate_key_reseals_every_field_under_a_new_key_that_opens_them_all() {
    let app = spawn_app().await;
    sqlx::query("UPDATE logons SET totp_secret_sealed = $1 WHERE username = $2")
        .bind(app.state.cipher.seal("JBSWY3DPEHPK3PXP"))
        .bind(DEMO_TAXPAYER)
        .execute(&app.state.db)
        .await
        .unwrap();
    let old = app.state.cipher.clone();
    let before: Vec<(String, String)> = sealed_values(&app)
        .await
        .into_iter()
        .map(|(who, sealed)| (who, old.open(&sealed).unwrap()))
        .collect();
    assert!(before.len() > 4);

    let rotated = upkeep::rotate_key(&app.config, false).await.unwrap();
    assert_ne!(rotated.key_id, old.key_id());
    assert_eq!(rotated.resealed as usize, before.len());
    assert_eq!(rotated.retired_kept, 1);

    let key_file = app.config.data_dir.join("data.key");
    let keyring = FieldCipher::from_base64(&std::fs::read_to_string(&key_file).unwrap()).unwrap();
    assert_eq!(keyring.key_id(), rotated.key_id);
    let after = sealed_values(&app).await;
    for ((who, plain), (_, sealed)) in before.iter().zip(&after) {
        assert!(keyring.is_current(sealed), "{who}");
        assert_eq!(&keyring.open(sealed).unwrap(), plain, "{who}");
        assert!(
            old.open(sealed).is_err(),
            "{who}: the old key no longer opens it"
        );
    }

    // Run again, it finds nothing left to do; then the old key can go.
    let again = upkeep::rotate_key(&app.config, true).await.unwrap();
    assert_eq!(again.retired_kept, 0);
    let only = FieldCipher::from_base64(&std::fs::read_to_string(&key_file).unwrap()).unwrap();
    assert_eq!(only.key_count(), 1);
    for ((who, plain), (_, sealed)) in before.iter().zip(sealed_values(&app).await) {
        assert_eq!(&only.open(&sealed).unwrap(), plain, "{who}");
    }
}

#[tokio::test]
async fn a_parent_has_one_default_group_and_a_message_has_an_addressee() {
    let app = spawn_app().await;
    let jane = app.logon_id(DEMO_TAXPAYER).await;
    portal_server::secondary::ensure_default_group(&app.state.db, jane, TEST_NOW)
        .await
        .unwrap();
    let second = sqlx::query(
        "INSERT INTO security_groups (owner_logon_id, name, name_key, description, is_default, created_at) \
         VALUES ($1, 'Other Default', 'other default', '', 1, $2)",
    )
    .bind(jane)
    .bind(TEST_NOW)
    .execute(&app.state.db)
    .await;
    assert!(second.is_err(), "a second Default group is refused");
    let nobody = sqlx::query(
        "INSERT INTO messages (letter_id, subject, body, sent_at) VALUES ('L-0', 'To nobody', '', $1)",
    )
    .bind(TEST_NOW)
    .execute(&app.state.db)
    .await;
    assert!(nobody.is_err(), "a message to nobody is refused");
}
