//! Manage Payment Channels: a business's bank accounts, with two businesses
//! (NATURAL HEALTH LLC and the preparer firm) and callers of each level.

use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PREPARER, DEMO_TAXPAYER};
use portal_server::seed::{bank, NATURAL_HEALTH_REG, PREPARER_FIRM_REG};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::Arc;

fn accounts_path(customer: i64) -> String {
    format!("/api/customers/{customer}/bank-accounts")
}

fn add_body(nickname: &str, key: &str) -> Value {
    json!({
        "nickname": nickname,
        "routing_number": "011000015",
        "account_number": "000123456789",
        "confirm_account_number": "0001 2345 6789",
        "kind": "checking",
        "idempotency_key": key,
    })
}

async fn nicknames(browser: &Browser, customer: i64) -> Vec<String> {
    let list = browser.json(&accounts_path(customer)).await;
    list["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["nickname"].as_str().unwrap().to_owned())
        .collect()
}

/// A logon of its own with a Tax Administrator grant on `customer` at
/// `level` on every account (or a Master Administrator grant).
async fn logon_with(app: &TestApp, username: &str, customer: i64, level: &str) -> Browser {
    let logon = app.new_logon(username, username, None).await;
    let access_type = if level == "master_administrator" {
        "master_administrator"
    } else {
        "tax_administrator"
    };
    let grant: i64 = sqlx::query_scalar(
        "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, created_at) \
         VALUES ($1, $2, $3, 'additional', 'active', 0) RETURNING id",
    )
    .bind(logon)
    .bind(customer)
    .bind(access_type)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    if access_type == "tax_administrator" {
        sqlx::query(
            "INSERT INTO grant_account_levels (grant_id, account_id, level) \
             SELECT $1, id, $2 FROM tax_accounts WHERE customer_id = $3",
        )
        .bind(grant)
        .bind(level)
        .bind(customer)
        .execute(&app.state.db)
        .await
        .unwrap();
    }
    app.session(username).await
}

#[tokio::test]
async fn a_bank_account_is_added_shown_masked_renamed_and_removed_and_each_step_is_recorded() {
    let app = spawn_app().await;
    let a = app.customer_id(NATURAL_HEALTH_REG).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    assert_eq!(
        nicknames(&jane, a).await,
        ["Operating account", "Tax reserve"]
    );

    let added = jane
        .post(&accounts_path(a), &add_body("  Payroll account ", "add-1"))
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let row: Value = added.json().await.unwrap();
    assert_eq!(row["nickname"], "Payroll account");
    assert_eq!(row["kind"], "checking");
    assert_eq!(row["routing_number"], "011000015");
    assert_eq!(row["account_masked"], "****6789");
    assert_eq!(row["added_by"], "Jane Smith");
    assert!(!row.to_string().contains("123456789"));
    let id = row["id"].as_i64().unwrap();

    let list = jane.json(&accounts_path(a)).await;
    assert_eq!(list["may_manage"], true);
    assert_eq!(list["accounts"][2]["account_masked"], "****6789");
    assert!(!list.to_string().contains("000123456789"));

    let renamed = jane
        .put(
            &format!("{}/{id}", accounts_path(a)),
            &json!({ "nickname": "Payroll" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(
        nicknames(&jane, a).await,
        ["Operating account", "Tax reserve", "Payroll"]
    );

    let removed = jane.delete(&format!("{}/{id}", accounts_path(a))).await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        nicknames(&jane, a).await,
        ["Operating account", "Tax reserve"]
    );
    // Removed, not deleted: the row keeps its name for what refers to it.
    let (nickname, removed_at): (String, Option<i64>) =
        sqlx::query_as("SELECT nickname, removed_at FROM bank_accounts WHERE id = $1")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(nickname, "Payroll");
    assert!(removed_at.is_some());
    // A second remove, or a rename of it, finds nothing.
    let again = jane.delete(&format!("{}/{id}", accounts_path(a))).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);

    let actions: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT action, detail FROM activity WHERE customer_id = $1 AND action LIKE 'bank_account_%' \
         ORDER BY id",
    )
    .bind(a)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    let codes: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        codes,
        [
            "bank_account_added",
            "bank_account_renamed",
            "bank_account_removed"
        ]
    );
    assert_eq!(
        actions[0].1.as_deref(),
        Some("Payroll account (Checking ****6789)")
    );
    for (_, detail) in &actions {
        assert!(!detail.as_deref().unwrap_or("").contains("12345"));
    }
    // Business Activity names them in plain words.
    let activity = jane
        .json(&format!("/api/customers/{a}/activity?q=bank"))
        .await;
    assert!(
        activity.to_string().contains("Added a bank account"),
        "{activity}"
    );
}

#[tokio::test]
async fn bad_input_is_refused_box_by_box_and_writes_nothing() {
    let app = spawn_app().await;
    let a = app.customer_id(NATURAL_HEALTH_REG).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let before = app.count("bank_accounts").await;
    let activity = app.count("activity").await;
    let refused = jane
        .post(
            &accounts_path(a),
            &json!({
                "nickname": " ",
                "routing_number": "021000022",
                "account_number": "12345678",
                "confirm_account_number": "12345679",
                "kind": "money market",
                "idempotency_key": "bad-1",
            }),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = refused.json().await.unwrap();
    let fields: Vec<(&str, &str)> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("nickname", "Enter a nickname for the bank account"),
            (
                "routing_number",
                "Enter a valid routing number: check the 9 digits at the bottom left of a check"
            ),
            ("confirm_account_number", "The account numbers do not match"),
            ("kind", "Select checking or savings"),
        ]
    );
    // A body that is not the form at all: a clear 4xx, never a 500.
    let garbled = jane
        .post(&accounts_path(a), &json!({ "nickname": 7 }))
        .await;
    assert_eq!(garbled.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let first = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM bank_accounts WHERE customer_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(a)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let rename = jane
        .put(
            &format!("{}/{first}", accounts_path(a)),
            &json!({ "nickname": "" }),
        )
        .await;
    assert_eq!(rename.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = rename.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "nickname");
    let not_a_number = jane.delete(&format!("{}/abc", accounts_path(a))).await;
    assert_eq!(not_a_number.status(), StatusCode::NOT_FOUND);

    assert_eq!(app.count("bank_accounts").await, before);
    assert_eq!(app.count("activity").await, activity);
    assert_eq!(
        nicknames(&jane, a).await,
        ["Operating account", "Tax reserve"]
    );
}

#[tokio::test]
async fn one_business_cannot_see_or_touch_anothers_bank_accounts() {
    let app = spawn_app().await;
    let a = app.customer_id(NATURAL_HEALTH_REG).await;
    let firm = app.customer_id(PREPARER_FIRM_REG).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let preparer = app.session(DEMO_PREPARER).await;
    let janes_first: i64 = jane.json(&accounts_path(a)).await["accounts"][0]["id"]
        .as_i64()
        .unwrap();
    let before = app.count("bank_accounts").await;

    for response in [
        preparer.get(&accounts_path(a)).await,
        preparer
            .post(&accounts_path(a), &add_body("Mine now", "steal-1"))
            .await,
        preparer
            .put(
                &format!("{}/{janes_first}", accounts_path(a)),
                &json!({ "nickname": "Mine now" }),
            )
            .await,
        preparer
            .delete(&format!("{}/{janes_first}", accounts_path(a)))
            .await,
        // Jane's account through the firm's own path: still not found.
        preparer
            .put(
                &format!("{}/{janes_first}", accounts_path(firm)),
                &json!({ "nickname": "Mine now" }),
            )
            .await,
        preparer
            .delete(&format!("{}/{janes_first}", accounts_path(firm)))
            .await,
    ] {
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(app.count("bank_accounts").await, before);
    assert_eq!(
        nicknames(&jane, a).await,
        ["Operating account", "Tax reserve"]
    );
    // The firm's own list has none of Jane's.
    assert!(nicknames(&preparer, firm).await.is_empty());
}

#[tokio::test]
async fn only_all_access_and_master_administrators_manage_bank_accounts_and_the_rest_are_told_who_can(
) {
    let app = spawn_app().await;
    let a = app.customer_id(NATURAL_HEALTH_REG).await;
    let first: i64 = sqlx::query_scalar(
        "SELECT id FROM bank_accounts WHERE customer_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(a)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    for level in ["view_only", "file_only", "pay_only", "file_and_pay"] {
        let caller = logon_with(&app, &format!("Bank{level}"), a, level).await;
        let list = caller.json(&accounts_path(a)).await;
        assert_eq!(list["may_manage"], false, "{level}");
        assert_eq!(list["accounts"].as_array().unwrap().len(), 2, "{level}");
        let before = app.count("bank_accounts").await;
        let refused = [
            caller
                .post(&accounts_path(a), &add_body("Nope", &format!("k-{level}")))
                .await,
            caller
                .put(
                    &format!("{}/{first}", accounts_path(a)),
                    &json!({ "nickname": "Nope" }),
                )
                .await,
            caller
                .delete(&format!("{}/{first}", accounts_path(a)))
                .await,
        ];
        for response in refused {
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{level}");
            let body: Value = response.json().await.unwrap();
            let message = body["message"].as_str().unwrap();
            assert!(
                message.contains("Master Administrator") && message.contains("All Access"),
                "{message}"
            );
        }
        assert_eq!(app.count("bank_accounts").await, before, "{level}");
        assert_eq!(
            nicknames(&caller, a).await,
            ["Operating account", "Tax reserve"]
        );
    }
    for (index, level) in ["all_access", "master_administrator"]
        .into_iter()
        .enumerate()
    {
        let caller = logon_with(&app, &format!("Bank{level}"), a, level).await;
        assert_eq!(caller.json(&accounts_path(a)).await["may_manage"], true);
        let added = caller
            .post(
                &accounts_path(a),
                &add_body(&format!("Added by {level}"), &format!("ok-{index}")),
            )
            .await;
        assert_eq!(added.status(), StatusCode::CREATED, "{level}");
        let id = added.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let renamed = caller
            .put(
                &format!("{}/{id}", accounts_path(a)),
                &json!({ "nickname": format!("Renamed by {level}") }),
            )
            .await;
        assert_eq!(renamed.status(), StatusCode::OK, "{level}");
        let removed = caller.delete(&format!("{}/{id}", accounts_path(a))).await;
        assert_eq!(removed.status(), StatusCode::NO_CONTENT, "{level}");
    }
}

#[tokio::test]
async fn ten_concurrent_adds_with_one_key_add_one_bank_account() {
    let app = spawn_app().await;
    let a = app.customer_id(NATURAL_HEALTH_REG).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let before = app.count("bank_accounts").await;
    let url = app.url(&accounts_path(a));
    let body = add_body("Double click", "one-key");
    let barrier = Arc::new(tokio::sync::Barrier::new(10));
    let mut adds = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (client, url, body, barrier) = (
            jane.client.clone(),
            url.clone(),
            body.clone(),
            barrier.clone(),
        );
        adds.spawn(async move {
            barrier.wait().await;
            let answer = client.post(url).json(&body).send().await.unwrap();
            let status = answer.status();
            (status, answer.json::<Value>().await.unwrap()["id"].as_i64())
        });
    }
    let mut created = 0;
    let mut ids = Vec::new();
    while let Some(answer) = adds.join_next().await {
        let (status, id) = answer.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::OK => {}
            other => panic!("unexpected {other}"),
        }
        ids.push(id.unwrap());
    }
    assert_eq!(created, 1);
    ids.dedup();
    assert_eq!(ids.len(), 1, "every answer names the one account");
    assert_eq!(app.count("bank_accounts").await, before + 1);
    let recorded: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM activity WHERE action = 'bank_account_added' AND customer_id = $1",
    )
    .bind(a)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(recorded, 1);
}

#[tokio::test]
async fn no_demo_account_number_is_stored_in_clear() {
    let app = spawn_app().await;
    let a = app.customer_id(NATURAL_HEALTH_REG).await;
    let jane = app.session(DEMO_TAXPAYER).await;
    // One added through the API too.
    let added = jane
        .post(&accounts_path(a), &add_body("Added now", "clear-1"))
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let numbers: Vec<&str> = bank::demo_account_numbers()
        .chain(["000123456789"])
        .collect();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bank_accounts")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert!(
        stored >= numbers.len() as i64,
        "every demo account is there"
    );
    // Sealed: each opens to its number with the server's key.
    let sealed: Vec<String> =
        sqlx::query_scalar("SELECT account_number_sealed FROM bank_accounts ORDER BY id")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    let opened: Vec<String> = sealed
        .iter()
        .map(|s| app.state.cipher.open(s).unwrap())
        .collect();
    for number in &numbers {
        assert!(opened.iter().any(|o| o == number), "{number} is sealed");
    }
    if app.config.database_url.is_some() {
        // PostgreSQL: the columns as text hold no number either.
        let everything: Vec<String> = sqlx::query_scalar(
            "SELECT CONCAT(nickname, routing_number, account_number_sealed, account_last4, \
               idempotency_key) FROM bank_accounts",
        )
        .fetch_all(&app.state.db)
        .await
        .unwrap();
        for number in &numbers {
            assert!(!everything.iter().any(|row| row.contains(number)));
        }
        return;
    }
    // SQLite: every byte of the database and its write-ahead log.
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(&app.config.data_dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("portal.db") {
            bytes.extend(std::fs::read(&path).unwrap());
        }
    }
    assert!(bytes.len() > 100_000, "the database files were read");
    let text = String::from_utf8_lossy(&bytes);
    for number in &numbers {
        assert!(!text.contains(number), "{number} found in clear");
    }
}
