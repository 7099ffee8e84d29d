use super::*;
use crate::helpers::spawn_app;

/// Sales & Use, 2025: due Saturday 01/31/2026 (so Monday 02/02/2026), filed on
/// 11/23/2026 with $10,000 of receipts: $635.00 of tax, 15 % = $95.25 late,
/// and 10 months of 1 % interest (to 11/30/2026 counts the tenth) = $63.50.
#[tokio::test]
async fn a_late_sales_and_use_return_is_filed_from_file_now_and_processing_posts_it() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let customer = app
        .customer_id(portal_server::seed::NATURAL_HEALTH_REG)
        .await;
    let summary = jane
        .json(&format!("/api/customers/{customer}/summary"))
        .await;
    let card = &summary["accounts"][0];
    assert_eq!(card["tax_type"], "sales_and_use");
    let account = card["id"].as_i64().unwrap();
    let period = card["file_now"]["period_id"].as_i64().unwrap();
    assert_eq!(card["file_now"]["period_end"], "2025-12-31");

    let draft = jane
        .json(&format!("/api/accounts/{account}/periods/{period}/draft"))
        .await;
    assert_eq!(draft["form"], "os_114");
    assert_eq!(draft["kind"], "original");
    assert!(draft["draft_key"].is_null(), "nothing saved yet");
    assert_eq!(draft["due_date"], "2026-02-02");

    let filed = file(
        &jane,
        (account, period),
        "original",
        &[("line_1-general", "10,000.00")],
    )
    .await;
    let confirmation = filed["confirmation_number"].as_str().unwrap();
    assert!(confirmation.starts_with("RT") && confirmation.len() == 12);
    assert_eq!(filed["filed_by"], "Jane Smith");
    assert_eq!(filed["kind"], "original");
    let lines = &filed["computed"]["amounts"];
    assert_eq!(lines["line_10a-general"], "635.00");
    assert_eq!(lines["line_10b"], "635.00");
    assert_eq!(lines["line_13"], "158.75");
    assert_eq!(filed["total_due"], "793.75");
    assert!(filed["processed_on"].is_null());
    assert!(filed["may_amend"].as_bool().unwrap());

    // The Summary counts it once processed: the $100.00 already owed and the return.
    assert_eq!(summary_balance(&jane, customer, account).await, "100.00");
    let report = process(&app, "2026-11-23").await;
    assert_eq!(report.counts.returns_posted, 1);
    assert_eq!(summary_balance(&jane, customer, account).await, "893.75");
    assert_totals_agree(&app).await;
    let shown = jane
        .json(&format!("/api/returns/{}", filed["return_id"]))
        .await;
    assert_eq!(shown["processed_on"], "2026-11-23");
    assert_eq!(shown["computed"], filed["computed"]);
}

/// Every form the portal files, on each of NATURAL HEALTH LLC's accounts, for
/// the period ending 12/31/2026, filed on 01/02/2027 (on time for all).
#[tokio::test]
async fn every_tax_type_files_its_own_form_and_the_server_works_it_out() {
    let app = spawn_app().await;
    move_clock_to(&app, "2027-01-02");
    // Time has opened December's and January's periods.
    let opened = process(&app, "2027-01-02").await;
    assert!(opened.counts.periods_opened > 0);
    let jane = jane(&app).await;
    // Tax type, form, boxes, the tax and the total due the server works out.
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: [Case; 8] = [
        (
            "sales_and_use",
            "os_114",
            &[("line_1-general", "10000"), ("line_1-meals", "1000")],
            "708.50",
            "708.50",
        ),
        (
            "withholding",
            "ct_941",
            &[
                ("line_1", "50000"),
                ("line_2", "45000"),
                ("line_3", "2000"),
                ("line_5", "1900"),
                ("month_1", "600"),
                ("month_2", "700"),
                ("month_3", "700"),
            ],
            "2000.00",
            "100.00",
        ),
        (
            "admissions_and_dues",
            "o_372",
            &[("line_1", "1000"), ("line_3", "500")],
            "150.00",
            "150.00",
        ),
        (
            "dry_cleaning_establishment",
            "op_374",
            &[("line_1", "5000")],
            "50.00",
            "50.00",
        ),
        (
            "prepaid_wireless_e911",
            "op_153",
            &[("line_1", "100")],
            "72.27",
            "72.27",
        ),
        (
            "rental",
            "op_383",
            &[("line_1", "10000"), ("line_3", "20")],
            "130.00",
            "130.00",
        ),
        (
            "room_occupancy",
            "op_210",
            &[
                ("line_1-hotel", "1000"),
                ("line_1-bed_and_breakfast", "100"),
            ],
            "161.00",
            "161.00",
        ),
        (
            "tourism",
            "op_337",
            &[("line_1", "200")],
            "200.00",
            "200.00",
        ),
    ];
    for (tax_type, form, boxes, tax, total_due) in cases {
        let account = natural_health_account(&app, tax_type).await;
        let period = period_id(&app, account, "2026-12-31").await;
        let draft = jane
            .json(&format!("/api/accounts/{account}/periods/{period}/draft"))
            .await;
        assert_eq!(draft["form"], form, "{tax_type}");
        let filed = file(&jane, (account, period), "original", boxes).await;
        assert_eq!(filed["tax"], tax, "{tax_type}");
        assert_eq!(filed["total_due"], total_due, "{tax_type}");
        assert_eq!(filed["form"], form);
    }
    // Withholding Non-Wage (CT-945) is not filed here: refused, saying so.
    let account = natural_health_account(&app, "withholding_non_wage").await;
    let period = period_id(&app, account, "2026-12-31").await;
    let refused = jane
        .get(&format!("/api/accounts/{account}/periods/{period}/draft"))
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body: Value = refused.json().await.unwrap();
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("not filed on this portal"));
}

#[tokio::test]
async fn a_draft_keeps_what_was_typed_even_half_typed_and_file_now_resumes_it() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let account = account_id(&app, NATURAL_HEALTH_SALES).await;
    let period = period_id(&app, account, "2025-12-31").await;
    let saved = save_draft(
        &jane,
        (account, period),
        "original",
        &[("line_1-general", "12.3x"), ("line_3-general", "250.00")],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Value = saved.json().await.unwrap();
    let key = saved["draft_key"].as_str().unwrap().to_owned();
    assert_eq!(saved["saved_by"], "Jane Smith");
    // The half-typed box is kept as typed, with its problem.
    assert!(saved["computed"].is_null());
    assert_eq!(saved["problems"][0]["field"], "line_1-general");

    // Another session (a closed tab, a timed-out session) finds it as it was.
    let later = app.session(DEMO_TAXPAYER).await;
    let resumed = later
        .json(&format!("/api/accounts/{account}/periods/{period}/draft"))
        .await;
    assert_eq!(resumed["draft_key"], key.as_str());
    assert_eq!(resumed["values"]["line_1-general"], "12.3x");
    assert_eq!(resumed["values"]["line_3-general"], "250.00");

    // Submitted like that it is refused box by box, and nothing is filed.
    let returns = app.count("tax_returns").await;
    let refused = submit(
        &later,
        (account, period),
        "original",
        &key,
        &[("line_1-general", "12.3x"), ("line_3-general", "250.00")],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "line_1-general");
    assert_eq!(app.count("tax_returns").await, returns);

    // Saving again updates the same draft (same key).
    let again = save_draft(
        &later,
        (account, period),
        "original",
        &[("line_1-general", "1250")],
    )
    .await
    .json::<Value>()
    .await
    .unwrap();
    assert_eq!(again["draft_key"], key.as_str());
    assert_eq!(again["computed"]["amounts"]["line_10b"], "79.38");
    assert_eq!(app.count("return_drafts").await, 1);
}

#[tokio::test]
async fn ten_submits_of_one_draft_at_once_file_one_return_with_one_confirmation() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let account = account_id(&app, NATURAL_HEALTH_SALES).await;
    let period = period_id(&app, account, "2025-12-31").await;
    let boxes = [("line_1-general", "4000")];
    let saved: Value = save_draft(&jane, (account, period), "original", &boxes)
        .await
        .json()
        .await
        .unwrap();
    let key = saved["draft_key"].as_str().unwrap().to_owned();
    let before = app.count("tax_returns").await;
    let url = app.url(&format!("/api/accounts/{account}/periods/{period}/returns"));
    let body = json!({ "kind": "original", "draft_key": key, "values": values(&boxes) });
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let client = jane.client.clone();
            let (url, body) = (url.clone(), body.clone());
            tokio::spawn(async move {
                let response = client.post(url).json(&body).send().await.unwrap();
                let status = response.status();
                let view: Value = response.json().await.unwrap();
                (
                    status,
                    view["confirmation_number"].as_str().map(str::to_owned),
                )
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    let repeated = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!((created, repeated), (1, 9), "{answers:?}");
    let confirmations: std::collections::BTreeSet<_> =
        answers.iter().map(|(_, c)| c.clone().unwrap()).collect();
    assert_eq!(confirmations.len(), 1);
    assert_eq!(app.count("tax_returns").await, before + 1);
    let filed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tax_returns WHERE period_id = $1")
        .bind(period)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(filed, 1);
}

#[tokio::test]
async fn an_amendment_replaces_the_figures_keeps_the_original_and_posts_the_difference() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let customer = app
        .customer_id(portal_server::seed::NATURAL_HEALTH_REG)
        .await;
    let account = account_id(&app, NATURAL_HEALTH_SALES).await;
    let period = period_id(&app, account, "2025-12-31").await;
    let original = file(
        &jane,
        (account, period),
        "original",
        &[("line_1-general", "10000")],
    )
    .await;
    process(&app, "2026-11-23").await;
    assert_eq!(summary_balance(&jane, customer, account).await, "893.75");

    // A second original is refused, naming the first; the amendment starts from it.
    let again = jane
        .get(&format!("/api/accounts/{account}/periods/{period}/draft"))
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let message: Value = again.json().await.unwrap();
    assert!(message["message"]
        .as_str()
        .unwrap()
        .contains(original["confirmation_number"].as_str().unwrap()));
    let amend = jane
        .json(&format!(
            "/api/accounts/{account}/periods/{period}/draft?kind=amended"
        ))
        .await;
    assert_eq!(amend["values"]["line_1-general"], "10000");
    assert_eq!(amend["amends"]["return_id"], original["return_id"]);
    assert_eq!(amend["context"]["prior_tax"], "635.00");

    let amended = file(
        &jane,
        (account, period),
        "amended",
        &[("line_1-general", "12000")],
    )
    .await;
    assert_eq!(amended["kind"], "amended");
    assert_eq!(amended["amends"]["return_id"], original["return_id"]);
    let lines = &amended["computed"]["amounts"];
    assert_eq!(lines["line_10b"], "762.00");
    assert_eq!(lines["line_11"], "635.00");
    assert_eq!(lines["line_12"], "127.00");
    // The penalty and interest on the $127.00 added: 15 % = $19.05, 10 % = $12.70.
    assert_eq!(lines["line_13"], "31.75");
    assert_eq!(amended["total_due"], "158.75");

    // The original is still there exactly as filed.
    let shown = jane
        .json(&format!("/api/returns/{}", original["return_id"]))
        .await;
    assert_eq!(shown["computed"], original["computed"]);
    assert_eq!(shown["period_returns"].as_array().unwrap().len(), 2);
    assert!(
        !shown["may_amend"].as_bool().unwrap(),
        "only the latest is amended"
    );

    process(&app, "2026-11-23").await;
    let adjustments: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, amount_cents FROM ledger_entries WHERE period_id = $1 ORDER BY id",
    )
    .bind(period)
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    assert!(adjustments.contains(&("tax_adjustment".to_owned(), 12_700)));
    assert_eq!(summary_balance(&jane, customer, account).await, "1052.50");
    assert_totals_agree(&app).await;
}

#[tokio::test]
async fn bad_boxes_get_field_keyed_errors_and_nothing_is_written() {
    let app = spawn_app().await;
    let jane = jane(&app).await;
    let account = account_id(&app, NATURAL_HEALTH_SALES).await;
    let period = period_id(&app, account, "2025-12-31").await;
    let saved: Value = save_draft(&jane, (account, period), "original", &[])
        .await
        .json()
        .await
        .unwrap();
    let key = saved["draft_key"].as_str().unwrap().to_owned();
    let (returns, drafts) = (
        app.count("tax_returns").await,
        app.count("return_drafts").await,
    );
    for (field, text, words) in [
        ("line_1-general", "-5", "cannot be negative"),
        ("line_1-general", "10.005", "2 decimal places"),
        ("line_1-general", "123456789012345", "13 digits"),
        ("line_1-general", "ten", "dollars and cents"),
    ] {
        let refused = submit(&jane, (account, period), "original", &key, &[(field, text)]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{text}");
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["fields"][0]["field"], field);
        assert!(
            body["fields"][0]["message"]
                .as_str()
                .unwrap()
                .contains(words),
            "{text}: {body}"
        );
    }
    // Boxes the form computes, or does not have, are refused even in a draft.
    for (field, words) in [
        ("line_10b", "worked out for you"),
        ("line_99", "has no box"),
    ] {
        let refused = save_draft(&jane, (account, period), "original", &[(field, "1")]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["fields"][0]["field"], field);
        assert!(body["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains(words));
    }
    let long = "1".repeat(41);
    let refused = save_draft(
        &jane,
        (account, period),
        "original",
        &[("line_1-general", &long)],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A key that is not this draft's, and a period still open.
    let refused = submit(&jane, (account, period), "original", "not-a-key", &[]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let open = period_id(&app, account, "2026-12-31").await;
    let refused = jane
        .get(&format!("/api/accounts/{account}/periods/{open}/draft"))
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body: Value = refused.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("01/01/2027"));
    assert_eq!(app.count("tax_returns").await, returns);
    assert_eq!(app.count("return_drafts").await, drafts);
}
