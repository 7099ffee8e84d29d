//! The client switcher: the Customers list is scoped to what the logon reaches,
//! searchable, sortable and paged; switching asks the rules every time.

use crate::helpers::{spawn_app, DEMO_PASSWORD, DEMO_PREPARER};
use portal_server::seed::{NATURAL_HEALTH_REG, PREPARER_FIRM_REG};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["legal_name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_preparer_sees_its_own_firm_and_its_clients_and_never_another_business() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let page: Value = app.get("/api/customers").await.json().await.unwrap();
    // The firm itself and the 4 demo clients; NATURAL HEALTH LLC is not its client.
    assert_eq!(page["total"], 5);
    let listed = names(&page);
    assert!(listed.contains(&"LEDGERLINE TAX ADVISORS LLC".to_owned()));
    assert!(!listed.contains(&"NATURAL HEALTH LLC".to_owned()));
    let mut sorted = listed.clone();
    sorted.sort_by_key(|n| n.to_uppercase());
    assert_eq!(listed, sorted, "sorted by name by default");
    let firm = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reg_number"] == PREPARER_FIRM_REG)
        .unwrap();
    assert_eq!(firm["access_type"], "master_administrator");
    assert_eq!(firm["relationship"], "own");
    let client = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reg_number"] != PREPARER_FIRM_REG)
        .unwrap();
    assert_eq!(client["relationship"], "third_party");
}

#[tokio::test]
async fn the_customers_list_searches_by_name_or_number_sorts_and_pages() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let by_number: Value = app
        .get("/api/customers?q=2142219")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(names(&by_number), ["LEDGERLINE TAX ADVISORS LLC"]);
    let as_printed: Value = app
        .get("/api/customers?q=214-2219%209")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        names(&as_printed),
        ["LEDGERLINE TAX ADVISORS LLC"],
        "a number typed with dashes and spaces"
    );
    let by_name: Value = app
        .get("/api/customers?q=ledgerline%20tax")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_name["total"], 1, "name search ignores case");

    let descending: Value = app
        .get("/api/customers?sort=reg_number&dir=descending&page_size=25")
        .await
        .json()
        .await
        .unwrap();
    let numbers: Vec<&str> = descending["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reg_number"].as_str().unwrap())
        .collect();
    let mut expected = numbers.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(numbers, expected);

    let second: Value = app
        .get("/api/customers?page=2&page_size=25")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["total"], 5);
    assert_eq!(second["items"].as_array().unwrap().len(), 0);

    let bad = app.get("/api/customers?page_size=7").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = bad.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "page_size");
    let unreadable = app.get("/api/customers?page=first").await;
    assert_eq!(unreadable.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn switching_to_a_client_makes_it_the_current_customer_of_the_session() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let client_reg = format!("{:011}", 30_000_000_000u64 + 7919);
    let client = app.customer_id(&client_reg).await;
    let response = app
        .post_json("/api/session/customer", &json!({ "customer_id": client }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["current_customer"]["id"], client);
    assert_eq!(view["customer_count"], 5);
    let session: Value = app.get("/api/session").await.json().await.unwrap();
    assert_eq!(
        session["current_customer"]["reg_number"],
        client_reg.as_str()
    );
}

#[tokio::test]
async fn switching_to_a_business_the_logon_does_not_reach_is_not_found_and_changes_nothing() {
    let app = spawn_app().await;
    let before: Value = {
        app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
        app.get("/api/session").await.json().await.unwrap()
    };
    let natural_health = app.customer_id(NATURAL_HEALTH_REG).await;
    for customer_id in [natural_health, 999_999] {
        let response = app
            .post_json(
                "/api/session/customer",
                &json!({ "customer_id": customer_id }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let after: Value = app.get("/api/session").await.json().await.unwrap();
    assert_eq!(after["current_customer"], before["current_customer"]);
    let summary = app
        .get(&format!("/api/customers/{natural_health}/summary"))
        .await;
    assert_eq!(summary.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_customers_list_needs_a_session() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/api/customers").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let response = app
        .post_json("/api/session/customer", &json!({ "customer_id": 1 }))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

/// Every page of a list, in order, as (name, reg number) pairs.
async fn all_pages(app: &crate::helpers::TestApp, query: &str) -> (Vec<(String, String)>, i64) {
    let mut rows = Vec::new();
    let mut total = 0;
    for page in 1.. {
        let body: Value = app
            .get(&format!("/api/customers?page_size=100&page={page}{query}"))
            .await
            .json()
            .await
            .unwrap();
        total = body["total"].as_i64().unwrap();
        let items = names_and_numbers(&body);
        if items.is_empty() {
            break;
        }
        rows.extend(items);
    }
    (rows, total)
}

/// A page's rows as (name, reg number) pairs.
fn names_and_numbers(body: &Value) -> Vec<(String, String)> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["legal_name"].as_str().unwrap().to_owned(),
                r["reg_number"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The demo firm with 520 clients, its administrator signed in: past 500
/// customers a list walks the customers in the order asked for.
async fn firm_with_520_clients() -> crate::helpers::TestApp {
    let app = crate::helpers::spawn_app_configured(
        crate::helpers::Options {
            secure_cookies: false,
        },
        |config| config.demo_clients = 520,
    )
    .await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    app
}

#[tokio::test]
async fn with_hundreds_of_clients_every_page_search_and_order_still_agree() {
    // Past 500 customers the list reads customers in the order asked for; the
    // answers must be the same as for a small list.
    let app = firm_with_520_clients().await;
    let (rows, total) = all_pages(&app, "").await;
    assert_eq!(total, 521, "the firm and its 520 clients");
    assert_eq!(rows.len(), 521);
    let keys: Vec<String> = rows.iter().map(|(name, _)| name.to_uppercase()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "pages follow one another in name order");
    let unique: std::collections::BTreeSet<&String> = rows.iter().map(|(_, reg)| reg).collect();
    assert_eq!(unique.len(), 521, "no client on two pages");

    let (found, found_total) = all_pages(&app, "&q=llc&sort=reg_number&dir=descending").await;
    let expected: Vec<&(String, String)> = rows
        .iter()
        .filter(|(name, _)| name.to_uppercase().contains("LLC"))
        .collect();
    assert_eq!(found_total, expected.len() as i64);
    assert_eq!(found.len(), expected.len());
    let numbers: Vec<&String> = found.iter().map(|(_, reg)| reg).collect();
    let mut descending = numbers.clone();
    descending.sort_by(|a, b| b.cmp(a));
    assert_eq!(numbers, descending);

    // A secondary logon in one group sees exactly that group's clients.
    let staff = crate::helpers::new_client();
    let response = staff
        .post(app.url("/api/session"))
        .json(&json!({
            "username": portal_server::seed::secondaries::DEMO_PAYROLL,
            "password": DEMO_PASSWORD,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = staff
        .get(app.url("/api/customers?page_size=100"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let in_group: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM customer_security cs JOIN security_groups g ON g.id = cs.group_id \
         WHERE g.name = $1",
    )
    .bind(portal_server::seed::secondaries::PAYROLL_GROUP)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(in_group > 0);
    assert_eq!(body["total"].as_i64().unwrap(), in_group);
}

async fn switch_to(app: &crate::helpers::TestApp, customer_id: i64) {
    let response = app
        .post_json(
            "/api/session/customer",
            &json!({ "customer_id": customer_id }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn recent_clients_are_the_last_ten_opened_newest_first_and_only_those_still_reached() {
    let options = crate::helpers::Options {
        secure_cookies: false,
    };
    let app = crate::helpers::spawn_app_configured(options, |c| c.demo_clients = 14).await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let page = app.json("/api/customers?page_size=100").await;
    // The clients (not the firm itself).
    let ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["relationship"] != "own")
        .map(|row| row["id"].as_i64().unwrap())
        .collect();
    assert!(ids.len() >= 12, "{ids:?}");
    let empty = app.json("/api/customers/recent").await;
    assert_eq!(empty, json!([]), "nothing opened yet");

    // Twelve opened, the first of them again last.
    for id in &ids[..12] {
        switch_to(&app, *id).await;
    }
    switch_to(&app, ids[0]).await;
    let recent = app.json("/api/customers/recent").await;
    let recent_ids: Vec<i64> = recent
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_i64().unwrap())
        .collect();
    let mut expected = vec![ids[0]];
    expected.extend(ids[3..12].iter().rev());
    assert_eq!(recent_ids, expected);
    assert!(recent[0]["legal_name"].is_string());
    assert!(recent[0]["access_type"].is_string());

    // A client whose grant is revoked is no longer listed.
    sqlx::query("UPDATE access_grants SET status = 'revoked' WHERE customer_id = $1")
        .bind(ids[11])
        .execute(&app.state.db)
        .await
        .unwrap();
    let after = app.json("/api/customers/recent").await;
    let after_ids: Vec<i64> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_i64().unwrap())
        .collect();
    assert!(!after_ids.contains(&ids[11]));
    assert_eq!(after_ids.len(), 10, "the next one moves up: {after_ids:?}");

    // Another logon's list is its own.
    let jane = app.session("JaneSmith").await;
    let hers = jane.json("/api/customers/recent").await;
    assert_eq!(hers, json!([]));
}

/// The list a page at a time by its cursors: (the rows of each page, each
/// page's number), following `toward` ("next" or "previous") from `first`.
async fn walk(
    app: &crate::helpers::TestApp,
    query: &str,
    first: Value,
    toward: &str,
) -> Vec<(u32, Vec<(String, String)>)> {
    let mut pages = Vec::new();
    let mut body = first;
    loop {
        pages.push((
            body["page"].as_u64().unwrap() as u32,
            names_and_numbers(&body),
        ));
        let Some(cursor) = body[toward].as_str() else {
            return pages;
        };
        body = app
            .get(&format!(
                "/api/customers?page_size=100{query}&cursor={cursor}"
            ))
            .await
            .json()
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn next_and_previous_walk_every_page_of_a_long_list_in_order_both_ways() {
    let app = firm_with_520_clients().await;
    for query in ["", "&sort=reg_number&dir=descending", "&q=llc&sort=name"] {
        let (by_number, total) = all_pages(&app, query).await;
        let first: Value = app
            .get(&format!("/api/customers?page_size=100{query}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            first["previous"],
            Value::Null,
            "the first page has none before"
        );
        let forward = walk(&app, query, first, "next").await;
        let numbers: Vec<u32> = forward.iter().map(|(n, _)| *n).collect();
        let expected: Vec<u32> = (1..=(total as u32).div_ceil(100)).collect();
        assert_eq!(numbers, expected, "{query}");
        let rows: Vec<_> = forward.iter().flat_map(|(_, r)| r.clone()).collect();
        assert_eq!(rows, by_number, "the same rows as page by page: {query}");

        // From the last page back to the first, by the Previous cursors.
        let last_page = forward.last().unwrap().0;
        let last: Value = app
            .get(&format!(
                "/api/customers?page_size=100{query}&page={last_page}"
            ))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(last["next"], Value::Null, "the last page has none after");
        let mut back = walk(&app, query, last, "previous").await;
        back.reverse();
        assert_eq!(back, forward, "{query}");
    }

    // A cursor belongs to its order: in another it is refused, keyed by field.
    let first: Value = app.get("/api/customers").await.json().await.unwrap();
    let next = first["next"].as_str().unwrap();
    for link in [
        format!("/api/customers?sort=reg_number&cursor={next}"),
        "/api/customers?cursor=n.name.ascending.2.1.zz".to_owned(),
    ] {
        let refused = app.get(&link).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{link}");
        let body: Value = refused.json().await.unwrap();
        assert_eq!(body["fields"][0]["field"], "cursor");
    }
}

async fn found(app: &crate::helpers::TestApp, text: &str) -> Vec<String> {
    let page: Value = app
        .get(&format!("/api/customers?page_size=100&q={text}"))
        .await
        .json()
        .await
        .unwrap();
    names(&page)
}

/// A client the firm acts for (not its own business): (id, legal name, reg number).
async fn a_client(app: &crate::helpers::TestApp) -> (i64, String, String) {
    let page: Value = app
        .get("/api/customers?page_size=100")
        .await
        .json()
        .await
        .unwrap();
    let client = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["relationship"] == "third_party")
        .unwrap()
        .clone();
    (
        client["id"].as_i64().unwrap(),
        client["legal_name"].as_str().unwrap().to_owned(),
        client["reg_number"].as_str().unwrap().to_owned(),
    )
}

async fn first_account_number(app: &crate::helpers::TestApp, customer: i64) -> String {
    sqlx::query_scalar(
        "SELECT account_number FROM tax_accounts WHERE customer_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(customer)
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_client_is_found_by_any_part_of_its_registration_number_or_of_an_account_number() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    // The middle of 214-2219-9000, as printed.
    assert_eq!(found(&app, "2219-9").await, ["LEDGERLINE TAX ADVISORS LLC"]);
    let (client, name, reg_number) = a_client(&app).await;
    assert_eq!(found(&app, &reg_number[3..9]).await, vec![name.clone()]);
    let account = first_account_number(&app, client).await;
    let middle = &account[3..8];
    let by_account = found(&app, middle).await;
    assert!(
        by_account.contains(&name),
        "{middle} of account {account}: {by_account:?}"
    );
    // A business the firm does not act for is never found, whatever is typed.
    let stranger: (i64, String) = sqlx::query_as(
        "SELECT c.id, c.reg_number FROM customers c WHERE NOT EXISTS \
           (SELECT 1 FROM access_grants g JOIN logons l ON l.id = g.logon_id \
             WHERE g.customer_id = c.id AND l.username = $1) ORDER BY c.id LIMIT 1",
    )
    .bind(DEMO_PREPARER)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(found(&app, &stranger.1).await, Vec::<String>::new());
    let strangers_account = first_account_number(&app, stranger.0).await;
    assert_eq!(found(&app, &strangers_account).await, Vec::<String>::new());
}

#[tokio::test]
async fn the_search_follows_a_renamed_client_and_its_new_and_closed_accounts() {
    let app = spawn_app().await;
    app.sign_in(DEMO_PREPARER, DEMO_PASSWORD).await;
    let (client, name, reg_number) = a_client(&app).await;
    let renamed = "Greenleaf Apothecary LLC";
    let db = &app.state.db;
    sqlx::query("UPDATE customers SET legal_name = $1, legal_name_key = $2 WHERE id = $3")
        .bind(renamed)
        .bind(renamed.to_uppercase())
        .bind(client)
        .execute(db)
        .await
        .unwrap();
    assert_eq!(found(&app, "leaf apoth").await, [renamed]);
    assert_eq!(found(&app, &name).await, Vec::<String>::new());
    sqlx::query(
        "INSERT INTO tax_accounts (customer_id, account_number, tax_type, frequency, status, opened_on) \
         VALUES ($1, '7777123456', 'search_test', 'annual', 'active', '2026-01-01')",
    )
    .bind(client)
    .execute(db)
    .await
    .unwrap();
    assert_eq!(found(&app, "7771234").await, [renamed]);
    sqlx::query("DELETE FROM tax_accounts WHERE account_number = '7777123456'")
        .execute(db)
        .await
        .unwrap();
    assert_eq!(found(&app, "7771234").await, Vec::<String>::new());
    // Its other numbers still find it.
    assert_eq!(found(&app, &reg_number[4..]).await, [renamed]);
}
