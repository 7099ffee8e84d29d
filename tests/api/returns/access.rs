//! Who may file: the file right on the account. An account out of reach
//! answers 404 (as if it did not exist), one that may be viewed but not filed
//! on answers 403 saying who can; nothing is written either way.

use super::*;
use crate::helpers::{spawn_app, DEMO_PREPARER};
use portal_server::seed::{NATURAL_HEALTH_REG, PREPARER_FIRM_REG};

#[tokio::test]
async fn view_only_sees_the_card_without_file_now_and_is_told_who_may_file() {
    let app = spawn_app().await;
    let customer = app.customer_id(NATURAL_HEALTH_REG).await;
    let account = account_id(&app, NATURAL_HEALTH_SALES).await;
    let period = period_id(&app, account, "2025-12-31").await;
    let viewer = app.new_logon("ViewingClerk", "Viewing Clerk", None).await;
    grant(
        &app,
        viewer,
        customer,
        "additional",
        &[(account, "view_only")],
    )
    .await;
    let clerk = app.session("ViewingClerk").await;

    let summary = clerk
        .json(&format!("/api/customers/{customer}/summary"))
        .await;
    let cards = summary["accounts"].as_array().unwrap();
    assert_eq!(cards.len(), 1, "only the account it may view");
    assert!(cards[0]["file_now"].is_null());
    let page = clerk.json(&format!("/api/accounts/{account}")).await;
    assert_eq!(page["may_file"], false);
    assert!(page["file_now"].is_null());

    let before = (
        app.count("return_drafts").await,
        app.count("tax_returns").await,
    );
    for response in [
        clerk
            .get(&format!("/api/accounts/{account}/periods/{period}/draft"))
            .await,
        save_draft(
            &clerk,
            (account, period),
            "original",
            &[("line_1-general", "10")],
        )
        .await,
        submit(&clerk, (account, period), "original", "k", &[]).await,
    ] {
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let body: Value = response.json().await.unwrap();
        let message = body["message"].as_str().unwrap();
        assert!(
            message.contains("File Only, File and Pay or All Access"),
            "{message}"
        );
        assert!(message.contains("Master Administrator"), "{message}");
    }
    assert_eq!(
        (
            app.count("return_drafts").await,
            app.count("tax_returns").await
        ),
        before
    );
}

#[tokio::test]
async fn file_only_prepares_saves_and_submits() {
    let app = spawn_app().await;
    let customer = app.customer_id(NATURAL_HEALTH_REG).await;
    let account = account_id(&app, NATURAL_HEALTH_SALES).await;
    let period = period_id(&app, account, "2025-12-31").await;
    let clerk_id = app.new_logon("FilingClerk", "Filing Clerk", None).await;
    grant(
        &app,
        clerk_id,
        customer,
        "additional",
        &[(account, "file_only")],
    )
    .await;
    let clerk = app.session("FilingClerk").await;
    let summary = clerk
        .json(&format!("/api/customers/{customer}/summary"))
        .await;
    assert_eq!(summary["accounts"][0]["file_now"]["period_id"], period);
    let filed = file(
        &clerk,
        (account, period),
        "original",
        &[("line_1-general", "100")],
    )
    .await;
    assert_eq!(filed["filed_by"], "Filing Clerk");
    // And Jane, the Master Administrator, sees who filed it.
    let jane = jane(&app).await;
    let seen = jane
        .json(&format!("/api/returns/{}", filed["return_id"]))
        .await;
    assert_eq!(seen["filed_by"], "Filing Clerk");
}

#[tokio::test]
async fn a_third_party_with_file_only_on_one_account_files_there_and_nowhere_else() {
    let app = spawn_app().await;
    let customer = app.customer_id(NATURAL_HEALTH_REG).await;
    let sales = account_id(&app, NATURAL_HEALTH_SALES).await;
    let payroll = natural_health_account(&app, "withholding").await;
    let tourism = natural_health_account(&app, "tourism").await;
    let firm = app.new_logon("OtherFirm", "Other Firm", None).await;
    grant(
        &app,
        firm,
        customer,
        "third_party",
        &[(sales, "file_only"), (payroll, "view_only")],
    )
    .await;
    let preparer = app.session("OtherFirm").await;
    let sales_period = period_id(&app, sales, "2025-12-31").await;
    file(
        &preparer,
        (sales, sales_period),
        "original",
        &[("line_1-general", "100")],
    )
    .await;

    // View Only on payroll: 403. No Access on tourism: 404, as for a stranger's.
    let payroll_period = period_id(&app, payroll, "2026-09-30").await;
    let refused = preparer
        .get(&format!(
            "/api/accounts/{payroll}/periods/{payroll_period}/draft?kind=amended"
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let tourism_period = period_id(&app, tourism, "2026-09-30").await;
    let hidden = preparer
        .get(&format!(
            "/api/accounts/{tourism}/periods/{tourism_period}/draft"
        ))
        .await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    let missing = preparer.get("/api/accounts/999999/periods/1/draft").await;
    assert_eq!(hidden.text().await.unwrap(), missing.text().await.unwrap());
    assert_eq!(
        preparer
            .get(&format!("/api/accounts/{tourism}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn another_business_and_its_returns_and_periods_are_not_found() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let firm = app.customer_id(PREPARER_FIRM_REG).await;
    let (firm_account, firm_period, firm_return): (i64, i64, i64) = sqlx::query_as(
        "SELECT a.id, p.id, r.id FROM tax_accounts a JOIN periods p ON p.account_id = a.id \
         JOIN tax_returns r ON r.period_id = p.id WHERE a.customer_id = $1 ORDER BY r.id LIMIT 1",
    )
    .bind(firm)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    for path in [
        format!("/api/accounts/{firm_account}"),
        format!("/api/accounts/{firm_account}/periods"),
        format!("/api/accounts/{firm_account}/periods/{firm_period}/draft"),
        format!("/api/returns/{firm_return}"),
        format!("/api/customers/{firm}/returns"),
        format!("/api/customers/{firm}/period-details"),
    ] {
        assert_eq!(
            jane.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // A period of another account under Jane's own account: not found either.
    let account = account_id(&app, NATURAL_HEALTH_SALES).await;
    let wrong = jane
        .get(&format!(
            "/api/accounts/{account}/periods/{firm_period}/draft"
        ))
        .await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let before = app.count("return_drafts").await;
    let refused = save_draft(&jane, (account, firm_period), "original", &[]).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("return_drafts").await, before);

    // Jane's draft is not the preparer's to submit, even on its own account.
    let jane_period = period_id(&app, account, "2025-12-31").await;
    let saved: Value = save_draft(&jane, (account, jane_period), "original", &[])
        .await
        .json()
        .await
        .unwrap();
    let key = saved["draft_key"].as_str().unwrap().to_owned();
    let preparer = app.session(DEMO_PREPARER).await;
    let refused = submit(
        &preparer,
        (firm_account, firm_period),
        "original",
        &key,
        &[],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "draft_key");
}
