use crate::helpers::{spawn_app, DEMO_PASSWORD, DEMO_PREPARER};
use portal_server::seed::{NATURAL_HEALTH_REG, PREPARER_FIRM_REG};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn the_summary_shows_the_tutorial_business_and_its_accounts() {
    let app = spawn_app().await;
    let view = app.sign_in_as_jane().await;
    let id = view["current_customer"]["id"].as_i64().unwrap();
    let response = app.get(&format!("/api/customers/{id}/summary")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let summary: Value = response.json().await.unwrap();

    let customer = &summary["customer"];
    assert_eq!(customer["legal_name"], "NATURAL HEALTH LLC");
    assert_eq!(customer["reg_number"], "21422144000");
    assert_eq!(customer["address"]["line1"], "800 MAPLE AVE");
    assert_eq!(customer["address"]["city"], "HARTFORD");
    assert_eq!(customer["address"]["zip"], "06114-2322");
    // A FEIN is masked as a FEIN (issue 14 §5).
    assert_eq!(customer["tin_kind"], "fein");
    assert_eq!(customer["masked_tin"], "**-***4567");

    let accounts = summary["accounts"].as_array().unwrap();
    assert_eq!(
        accounts.len(),
        9,
        "one card per tax type of the Account Access list"
    );
    let sales = &accounts[0];
    assert_eq!(sales["tax_type"], "sales_and_use");
    assert_eq!(sales["account_id"], "0108824360");
    assert_eq!(sales["frequency"], "annual");
    // The tutorial's $100.00: a penalty still owed on the 2024 return.
    assert_eq!(sales["balance"], "100.00");
    // 2025's return is overdue: due Saturday 01/31/2026, so Monday 02/02/2026.
    assert_eq!(sales["current_period"]["period_end"], "2025-12-31");
    assert_eq!(sales["current_period"]["due_date"], "2026-02-02");
    assert_eq!(sales["current_period"]["return_status"], "overdue");
    assert_eq!(sales["file_now"]["period_end"], "2025-12-31");
    let withholding = &accounts[1];
    assert_eq!(withholding["tax_type"], "withholding");
    assert_eq!(withholding["frequency"], "quarterly");
    assert_eq!(withholding["balance"], "0.00");
    let monthly = accounts
        .iter()
        .find(|a| a["tax_type"] == "admissions_and_dues")
        .unwrap();
    // October's return was filed; November's period is still open on 11/23.
    assert_eq!(monthly["current_period"]["period_end"], "2026-11-30");
    assert_eq!(monthly["current_period"]["return_status"], "period_open");
}

#[tokio::test]
async fn a_client_that_missed_a_return_shows_it_as_overdue_or_due() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let mut statuses = Vec::new();
    for index in 0..4u64 {
        let reg = format!("{:011}", 30_000_000_000u64 + index * 7919);
        let id = app.customer_id(&reg).await;
        let summary: Value = app
            .get(&format!("/api/customers/{id}/summary"))
            .await
            .json()
            .await
            .unwrap();
        for account in summary["accounts"].as_array().unwrap() {
            statuses.push(
                account["current_period"]["return_status"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
    }
    assert!(statuses
        .iter()
        .all(|s| ["period_open", "due", "overdue", "filed"].contains(&s.as_str())));
    assert!(statuses.iter().any(|s| s == "period_open"));
}

#[tokio::test]
async fn the_summary_needs_a_session() {
    let app = spawn_app().await;
    let id = app.customer_id(NATURAL_HEALTH_REG).await;
    let response = app.get(&format!("/api/customers/{id}/summary")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], "You need to log in to see this page");
}

#[tokio::test]
async fn a_business_the_logon_cannot_reach_looks_the_same_as_one_that_does_not_exist() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    let firm = app.customer_id(PREPARER_FIRM_REG).await;
    let other = app.get(&format!("/api/customers/{firm}/summary")).await;
    let missing = app.get("/api/customers/999999/summary").await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(other.text().await.unwrap(), missing.text().await.unwrap());
}

#[tokio::test]
async fn the_preparer_reaches_its_clients_but_not_the_taxpayer_who_never_granted_it() {
    let app = spawn_app().await;
    let response = app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["current_customer"]["reg_number"], PREPARER_FIRM_REG);
    assert_eq!(
        view["customer_count"],
        1 + 4,
        "its own firm and the four test clients"
    );

    let client = app.customer_id("30000000000").await;
    let summary: Value = app
        .get(&format!("/api/customers/{client}/summary"))
        .await
        .json()
        .await
        .unwrap();
    assert!(!summary["accounts"].as_array().unwrap().is_empty());

    let natural_health = app.customer_id(NATURAL_HEALTH_REG).await;
    let refused = app
        .get(&format!("/api/customers/{natural_health}/summary"))
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_tax_administrator_sees_only_the_accounts_with_a_level_above_no_access() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let client = app.customer_id("30000000000").await;
    let path = format!("/api/customers/{client}/summary");
    let before: Value = app.get(&path).await.json().await.unwrap();
    let count = before["accounts"].as_array().unwrap().len();

    let hidden = before["accounts"][0]["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    sqlx::query(
        "UPDATE grant_account_levels SET level = 'no_access' \
         WHERE account_id = (SELECT id FROM tax_accounts WHERE account_number = $1)",
    )
    .bind(&hidden)
    .execute(&app.state.db)
    .await
    .unwrap();

    let after: Value = app.get(&path).await.json().await.unwrap();
    let numbers: Vec<&str> = after["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["account_id"].as_str().unwrap())
        .collect();
    assert_eq!(numbers.len(), count - 1);
    assert!(!numbers.contains(&hidden.as_str()));
}

#[tokio::test]
async fn a_revoked_grant_takes_effect_on_the_very_next_request() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let client = app.customer_id("30000000000").await;
    let path = format!("/api/customers/{client}/summary");
    assert_eq!(app.get(&path).await.status(), StatusCode::OK);
    sqlx::query("UPDATE access_grants SET status = 'revoked' WHERE customer_id = $1")
        .bind(client)
        .execute(&app.state.db)
        .await
        .unwrap();
    assert_eq!(app.get(&path).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_grant_past_its_end_date_no_longer_reaches_the_business() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let client = app.customer_id("30000000000").await;
    sqlx::query("UPDATE access_grants SET ends_on = '2026-11-22' WHERE customer_id = $1")
        .bind(client)
        .execute(&app.state.db)
        .await
        .unwrap();
    let response = app.get(&format!("/api/customers/{client}/summary")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_grant_ending_today_reaches_the_business_until_midnight_in_hartford_not_utc() {
    let app = spawn_app().await;
    // The clock stands at 7:00 a.m. EST on 11/23/2026; the grant ends that day.
    let client = app.customer_id("30000000000").await;
    sqlx::query("UPDATE access_grants SET ends_on = '2026-11-23' WHERE customer_id = $1")
        .bind(client)
        .execute(&app.state.db)
        .await
        .unwrap();
    let path = format!("/api/customers/{client}/summary");
    let midnight = wire::hartford::end_of(wire::CivilDate::new(2026, 11, 23).unwrap()).unwrap();
    // A fresh sign-in at each moment, since the clock jumps past the idle limit.
    let status_at = |at: i64| {
        let (app, path) = (&app, &path);
        async move {
            app.clock.advance(at - app.state.now());
            app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
            app.get(path).await.status()
        }
    };
    // 7:01 p.m. in Hartford is already 11/24 in UTC: the grant still holds.
    assert_eq!(status_at(midnight - 5 * 3600 + 60).await, StatusCode::OK);
    assert_eq!(status_at(midnight - 60).await, StatusCode::OK, "11:59 p.m.");
    assert_eq!(
        status_at(midnight + 60).await,
        StatusCode::NOT_FOUND,
        "12:01 a.m. on 11/24 in Hartford: the grant has ended"
    );
}

#[tokio::test]
async fn a_disabled_logon_loses_its_session_at_once() {
    let app = spawn_app().await;
    app.sign_in_as_jane().await;
    sqlx::query("UPDATE logons SET status = 'disabled' WHERE username = 'JaneSmith'")
        .execute(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        app.get("/api/session").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_fein_is_sealed_at_rest_and_only_its_last_four_digits_are_shown() {
    let app = spawn_app().await;
    let sealed: String =
        sqlx::query_scalar("SELECT tin_sealed FROM customers WHERE reg_number = $1")
            .bind(NATURAL_HEALTH_REG)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert!(!sealed.contains("1234567"));
    assert_eq!(app.state.cipher.open(&sealed).unwrap(), "06-1234567");
}

#[tokio::test]
async fn a_business_with_an_ssn_shows_it_masked_as_an_ssn() {
    let app = spawn_app().await;
    let view = app.sign_in_as_jane().await;
    let id = view["current_customer"]["id"].as_i64().unwrap();
    sqlx::query("UPDATE customers SET tin_kind = 'ssn' WHERE id = $1")
        .bind(id)
        .execute(&app.state.db)
        .await
        .unwrap();
    let summary = app.json(&format!("/api/customers/{id}/summary")).await;
    assert_eq!(summary["customer"]["tin_kind"], "ssn");
    assert_eq!(summary["customer"]["masked_tin"], "***-**-4567");
}
