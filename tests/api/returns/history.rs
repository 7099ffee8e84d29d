//! View Return History, View Account Period Details and the account page:
//! three years, by period end or filing date, one tax type or all, keyset
//! pages, CSV.

use super::*;
use crate::helpers::spawn_app;
use portal_server::seed::NATURAL_HEALTH_REG;
use std::collections::BTreeSet;

async fn all_pages(browser: &Browser, path: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut next: Option<String> = None;
    let join = if path.contains('?') { '&' } else { '?' };
    loop {
        let url = match &next {
            Some(cursor) => format!("{path}{join}after={cursor}"),
            None => path.to_owned(),
        };
        let page = browser.json(&url).await;
        let page = if page.get("page").is_some() {
            page["page"].clone()
        } else {
            page
        };
        rows.extend(page["rows"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(cursor) => next = Some(cursor.to_owned()),
            None => return rows,
        }
    }
}

#[tokio::test]
async fn return_history_pages_by_keyset_through_three_years_by_period_end_or_filing_date() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let customer = app.customer_id(NATURAL_HEALTH_REG).await;
    let base = format!("/api/customers/{customer}/returns");

    let first = jane.json(&base).await;
    assert_eq!(first["rows"].as_array().unwrap().len(), 25);
    assert!(first["previous"].is_null());
    let rows = all_pages(&jane, &base).await;
    let ids: BTreeSet<i64> = rows
        .iter()
        .map(|r| r["return_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), rows.len(), "no return on two pages");
    let expected: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tax_returns r JOIN periods p ON p.id = r.period_id \
         JOIN tax_accounts a ON a.id = p.account_id \
         WHERE a.customer_id = $1 AND p.period_end >= '2023-11-23' AND p.period_end <= '2027-11-23'",
    )
    .bind(customer)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(rows.len() as i64, expected);
    // Newest period first, and the page before the second is the first.
    let ends: Vec<&str> = rows
        .iter()
        .map(|r| r["period_end"].as_str().unwrap())
        .collect();
    assert!(ends.windows(2).all(|w| w[0] >= w[1]));
    let second = jane
        .json(&format!("{base}?after={}", first["next"].as_str().unwrap()))
        .await;
    let back = jane
        .json(&format!(
            "{base}?before={}",
            second["previous"].as_str().unwrap()
        ))
        .await;
    assert_eq!(back["rows"], first["rows"]);

    // By filing date, in a range, one tax type, oldest first.
    let filed = all_pages(
        &jane,
        &format!(
            "{base}?by=filed&from=2026-01-01&to=2026-06-30&tax_type=sales_and_use&dir=ascending"
        ),
    )
    .await;
    assert!(!filed.is_empty() || expected > 0);
    for row in &filed {
        assert_eq!(row["tax_type"], "sales_and_use");
        let on = row["filed_on"].as_str().unwrap();
        assert!(("2026-01-01"..="2026-06-30").contains(&on), "{on}");
    }
    let all_filed = all_pages(
        &jane,
        &format!("{base}?by=filed&from=2026-01-01&to=2026-06-30"),
    )
    .await;
    let dates: Vec<&str> = all_filed
        .iter()
        .map(|r| r["filed_on"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    assert!(
        all_filed.len() > filed.len(),
        "other tax types filed then too"
    );

    // Outside the 3 years, or backwards: field-keyed errors.
    for (query, field) in [
        ("from=2023-11-22", "from"),
        ("from=2026-05-01&to=2026-04-01", "to"),
        ("by=filed&to=2026-12-01", "to"),
        ("after=nonsense", "after"),
        ("tax_type=beer", "tax_type"),
    ] {
        let refused = jane.get(&format!("{base}?{query}")).await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}"
        );
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["fields"][0]["field"], field, "{query}");
    }
}

#[tokio::test]
async fn a_return_filed_today_is_found_by_filing_date_and_exported_with_formulas_defused() {
    let app = spawn_app().await;
    let customer = app.customer_id(NATURAL_HEALTH_REG).await;
    let account = account_id(&app, NATURAL_HEALTH_SALES).await;
    let period = period_id(&app, account, "2025-12-31").await;
    let clerk = app
        .new_logon("FormulaClerk", "=HYPERLINK(\"http://evil.example\")", None)
        .await;
    grant(
        &app,
        clerk,
        customer,
        "additional",
        &[(account, "file_only")],
    )
    .await;
    let clerk = app.session("FormulaClerk").await;
    let filed = file(
        &clerk,
        (account, period),
        "original",
        &[("line_1-general", "100")],
    )
    .await;

    let jane = jane(&app).await;
    let found = jane
        .json(&format!(
            "/api/customers/{customer}/returns?by=filed&from=2026-11-23&to=2026-11-23"
        ))
        .await;
    let rows = found["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["confirmation_number"], filed["confirmation_number"]);
    assert_eq!(rows[0]["processed"], false);

    let export = jane
        .get(&format!(
            "/api/customers/{customer}/returns/export?by=filed&from=2026-11-23&to=2026-11-23"
        ))
        .await;
    assert_eq!(export.status(), StatusCode::OK);
    assert!(export.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = export.text().await.unwrap();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(lines[0].contains("Confirmation number"));
    assert_eq!(lines.len(), 2);
    assert!(lines[1].contains(filed["confirmation_number"].as_str().unwrap()));
    assert!(lines[1].contains("'=HYPERLINK"), "{}", lines[1]);
}

#[tokio::test]
async fn period_details_show_each_figure_the_balance_if_paid_by_and_the_bill_from_2002() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let customer = app.customer_id(NATURAL_HEALTH_REG).await;
    let details = jane
        .json(&format!(
            "/api/customers/{customer}/period-details?tax_type=sales_and_use"
        ))
        .await;
    let finished: i64 =
        sqlx::query_scalar("SELECT MAX(finished_at) FROM processing_runs WHERE status = 'done'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(details["information_current_as_of"], finished);
    assert_eq!(details["any_unfiled"], true);
    assert_eq!(details["pay_by"], "2026-11-23");
    let rows = details["page"]["rows"].as_array().unwrap();
    let row = |end: &str| {
        rows.iter()
            .find(|r| r["period_end"] == end)
            .unwrap()
            .clone()
    };
    let year_2024 = row("2024-12-31");
    assert_eq!(year_2024["figures"]["penalty"], "100.00");
    assert_eq!(year_2024["figures"]["interest"], "6.67");
    assert_eq!(year_2024["figures"]["balance"], "100.00");
    assert_eq!(year_2024["balance_if_paid_by"], "100.00");
    assert_eq!(year_2024["status"], "filed");
    let year_2025 = row("2025-12-31");
    assert_eq!(year_2025["status"], "overdue");
    assert_eq!(year_2025["figures"]["balance"], "0.00");
    assert_eq!(year_2025["may_file"], true);

    // Dry cleaning still owes on its 2002 bill: listed although older than 3
    // years; interest runs on the $250.00 unpaid since 01/31/2003.
    let bill = jane
        .json(&format!(
            "/api/customers/{customer}/period-details?tax_type=dry_cleaning_establishment&pay_by=2026-12-31"
        ))
        .await;
    let rows = bill["page"]["rows"].as_array().unwrap();
    let old = rows
        .iter()
        .find(|r| r["period_end"] == "2002-12-31")
        .unwrap();
    assert_eq!(old["figures"]["tax"], "1250.00");
    assert_eq!(old["figures"]["payments"], "1000.00");
    assert_eq!(old["figures"]["penalty"], "50.00");
    assert_eq!(old["figures"]["interest"], "715.00");
    assert_eq!(old["figures"]["balance"], "1015.00");
    assert_eq!(old["balance_if_paid_by"], "1017.50");

    let export = jane
        .get(&format!(
            "/api/customers/{customer}/period-details/export?tax_type=dry_cleaning_establishment"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(export.contains("Balance if paid by 11/23/2026"));
    assert!(export.contains("12/31/2002"));
    assert!(export.contains("1015.00"));

    let refused = jane
        .get(&format!(
            "/api/customers/{customer}/period-details?pay_by=2026-11-01"
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_account_page_offers_file_now_a_chart_and_pages_of_periods() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let sales = account_id(&app, NATURAL_HEALTH_SALES).await;
    let page = jane.json(&format!("/api/accounts/{sales}")).await;
    assert_eq!(page["balance"], "100.00");
    assert_eq!(page["may_file"], true);
    assert_eq!(page["file_now"]["period_end"], "2025-12-31");
    let chart = page["chart"].as_array().unwrap();
    assert_eq!(chart.len(), 36);
    assert_eq!(chart.last().unwrap()["month_end"], "2026-11-30");
    assert_eq!(chart.last().unwrap()["balance"], "100.00");
    // February 2025: the late $673.34.
    let february = chart
        .iter()
        .find(|p| p["month_end"] == "2025-02-28")
        .unwrap();
    assert_eq!(february["payments"], "673.34");

    let admissions = natural_health_account(&app, "admissions_and_dues").await;
    let path = format!("/api/accounts/{admissions}/periods");
    let first = jane.json(&path).await;
    assert_eq!(first["page"]["rows"].as_array().unwrap().len(), 25);
    let rows = all_pages(&jane, &path).await;
    // Monthly since 11/2023 (3 years back) through 11/2026.
    assert_eq!(rows.len(), 37);
    let amended = rows
        .iter()
        .filter(|r| r["latest_return"]["amended"] == true)
        .count();
    assert_eq!(amended, 1, "the demo's one amended admissions return");
    let csv = jane
        .get(&format!("{path}/export"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.trim_end().split("\r\n").count(), 38);
    assert_totals_agree(&app).await;
}
