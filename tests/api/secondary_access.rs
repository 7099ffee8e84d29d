//! Seed 000 and 002 for secondary logons: Add starts from the creator's own
//! access, and the person is told when a parent changes what they may do.

use crate::helpers::{spawn_app, DEMO_TAXPAYER};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn a_master_administrator_starts_new_logons_as_master_administrators_with_all_access() {
    let app = spawn_app().await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let defaults = jane.json("/api/secondary-logons/defaults").await;
    assert_eq!(defaults["access_type"], "master_administrator");
    let types = defaults["tax_types"].as_array().unwrap();
    assert_eq!(types.len(), wire::tax::TaxType::ALL.len());
    assert!(types.iter().all(|t| t["level"] == "all_access"));
}

#[tokio::test]
async fn a_tax_administrator_starts_them_with_its_own_highest_level_on_each_type() {
    let app = spawn_app().await;
    let nh = app
        .customer_id(portal_server::seed::NATURAL_HEALTH_REG)
        .await;
    let clerk = app.new_logon("Clerk", "Kim Clerk", None).await;
    // A Tax Administrator of NATURAL HEALTH LLC with File Only on Sales & Use.
    let grant: i64 = sqlx::query_scalar(
        "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, \
           granted_by_logon_id, created_at) \
         VALUES ($1, $2, 'tax_administrator', 'additional', 'active', $1, 0) RETURNING id",
    )
    .bind(clerk)
    .bind(nh)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO grant_account_levels (grant_id, account_id, level) \
         SELECT $1, id, 'file_only' FROM tax_accounts WHERE account_number = '0108824360'",
    )
    .bind(grant)
    .execute(&app.state.db)
    .await
    .unwrap();
    let session = app.session("Clerk").await;
    let defaults = session.json("/api/secondary-logons/defaults").await;
    assert_eq!(defaults["access_type"], "tax_administrator");
    assert_eq!(
        defaults["tax_types"],
        json!([{ "tax_type": "sales_and_use", "level": "file_only" }])
    );
}

#[tokio::test]
async fn a_secondary_logon_is_told_by_email_when_its_access_changes() {
    let app = spawn_app().await;
    let jane_id = app.logon_id(DEMO_TAXPAYER).await;
    let helper = app
        .new_logon("JaneHelper", "Jo Helper", Some(jane_id))
        .await;
    let jane = app.session(DEMO_TAXPAYER).await;
    let change = json!({ "access_type": "tax_administrator",
                         "tax_types": [{ "tax_type": "withholding", "level": "view_only" }] });
    let response = jane
        .put(&format!("/api/secondary-logons/{helper}/access"), &change)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mail: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.logon_id == Some(helper))
        .collect();
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0].recipient, "janehelper@example.com");
    assert_eq!(mail[0].subject, "Your access was changed");
    assert!(
        mail[0].body.contains("Withholding: View Only"),
        "{}",
        mail[0].body
    );
    // The same notice waits under View Messages.
    let helper = app.session("JaneHelper").await;
    let notices: Value = helper.json("/api/messages/mine").await;
    assert!(notices
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["subject"] == "Your access was changed"));
}
