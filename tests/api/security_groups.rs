//! Security Groups and Customer Security, for two parents: the preparer firm
//! (LedgerlineAdmin, seeded with "Payroll clients") and Jane Smith.

use crate::helpers::{spawn_app, DEMO_PASSWORD, DEMO_PREPARER, DEMO_TAXPAYER};
use crate::secondary_logons::{customer_ids, customers_in, group_id};
use portal_server::seed::{
    secondaries::{DEMO_PAYROLL, DEMO_STAFF},
    NATURAL_HEALTH_REG, PREPARER_FIRM_REG,
};
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::secondary::GROUP_NAME_TAKEN;

#[tokio::test]
async fn default_always_exists_and_cannot_be_renamed_or_deleted() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let groups = parent.json("/api/security-groups").await;
    let names: Vec<&str> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Default", "Payroll clients"]);
    assert_eq!(groups[0]["is_default"], true);
    let default = groups[0]["id"].as_i64().unwrap();

    let renamed = parent
        .put(
            &format!("/api/security-groups/{default}"),
            &json!({ "name": "Everyone", "description": "" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::CONFLICT);
    let deleted = parent
        .delete(&format!("/api/security-groups/{default}"))
        .await;
    assert_eq!(deleted.status(), StatusCode::CONFLICT);
    let body: Value = deleted.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("Default"));
    assert_eq!(group_id(&parent, "Default").await, default);

    // A parent with no groups yet gets Default on first look, once.
    sqlx::query("DELETE FROM security_groups WHERE owner_logon_id = $1")
        .bind(app.logon_id(DEMO_TAXPAYER).await)
        .execute(&app.state.db)
        .await
        .unwrap();
    let jane = app.browser(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let first = jane.json("/api/security-groups").await;
    let second = jane.json("/api/security-groups").await;
    assert_eq!(first, second);
    assert_eq!(first.as_array().unwrap().len(), 1);
    assert_eq!(first[0]["name"], "Default");
    assert_eq!(first[0]["customer_count"], 1);
}

#[tokio::test]
async fn group_names_are_unique_per_parent_ignoring_case() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let jane = app.browser(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let created = parent
        .post(
            "/api/security-groups",
            &json!({ "name": "Retail", "description": "Shops" }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let group: Value = created.json().await.unwrap();
    assert_eq!(group["customer_count"], 0);
    assert_eq!(group["is_default"], false);

    let groups_before = app.count("security_groups").await;
    for name in ["retail", "PAYROLL CLIENTS", "default", ""] {
        let response = parent
            .post("/api/security-groups", &json!({ "name": name }))
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["fields"][0]["field"], "name");
    }
    let body: Value = parent
        .post("/api/security-groups", &json!({ "name": " RETAIL " }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["fields"][0]["message"], GROUP_NAME_TAKEN);
    let rename = parent
        .put(
            &format!(
                "/api/security-groups/{}",
                group_id(&parent, "Payroll clients").await
            ),
            &json!({ "name": "RETAIL" }),
        )
        .await;
    assert_eq!(rename.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("security_groups").await, groups_before);

    // Another parent's names are its own business.
    let theirs = jane
        .post("/api/security-groups", &json!({ "name": "Retail" }))
        .await;
    assert_eq!(theirs.status(), StatusCode::CREATED);

    let renamed = parent
        .put(
            &format!("/api/security-groups/{}", group["id"]),
            &json!({ "name": "Retail shops", "description": "" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(renamed["name"], "Retail shops");
    let own = parent.json("/api/activity?q=security%20group").await;
    let descriptions: Vec<&str> = own["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["description"].as_str().unwrap())
        .collect();
    assert_eq!(
        descriptions,
        ["Changed a security group", "Added a security group"]
    );
}

#[tokio::test]
async fn deleting_a_group_returns_its_customers_to_default_and_takes_it_from_secondary_logons() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let payroll_desk = app.browser(DEMO_PAYROLL, DEMO_PASSWORD).await;
    let payroll = group_id(&parent, "Payroll clients").await;
    let firm = app.customer_id(PREPARER_FIRM_REG).await;
    let moved = parent
        .put(
            &format!("/api/customer-security/{firm}"),
            &json!({ "group_id": payroll }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let in_payroll = customers_in(&parent, "Payroll clients").await;
    assert!(in_payroll.contains(&firm));
    assert_eq!(customer_ids(&payroll_desk).await, in_payroll);
    let groups = parent.json("/api/security-groups").await;
    assert_eq!(groups[1]["customer_count"], in_payroll.len());
    assert_eq!(groups[1]["logon_count"], 1);

    let deleted = parent
        .delete(&format!("/api/security-groups/{payroll}"))
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let all = parent.json("/api/customer-security?page_size=100").await;
    assert!(all["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|row| row["group"]["name"] == "Default"));
    let groups = parent.json("/api/security-groups").await;
    assert_eq!(groups.as_array().unwrap().len(), 1);
    assert_eq!(groups[0]["customer_count"], all["total"]);
    let id = app.logon_id(DEMO_PAYROLL).await;
    let view = parent.json(&format!("/api/secondary-logons/{id}")).await;
    assert_eq!(view["groups"], json!([]));
    assert!(customer_ids(&payroll_desk).await.is_empty());
    let gone = parent
        .delete(&format!("/api/security-groups/{payroll}"))
        .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn customer_security_lists_the_customers_the_parent_reaches_searchable_sorted_and_paged() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let page = parent.json("/api/customer-security").await;
    assert_eq!(page["total"], 5, "the firm and its four clients");
    assert_eq!(page["page_size"], 25);
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["legal_name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    let natural = app.customer_id(NATURAL_HEALTH_REG).await;
    assert!(!page["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["customer_id"] == natural));

    let found = parent.json("/api/customer-security?q=ledgerline").await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["reg_number"], PREPARER_FIRM_REG);
    assert_eq!(found["items"][0]["group"]["name"], "Default");
    let by_number = parent
        .json("/api/customer-security?sort=reg_number&dir=descending&page_size=50")
        .await;
    let numbers: Vec<&str> = by_number["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reg_number"].as_str().unwrap())
        .collect();
    let mut descending = numbers.clone();
    descending.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(numbers, descending);
    let odd = parent.get("/api/customer-security?page_size=7").await;
    assert_eq!(odd.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let jane = app.browser(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let hers = jane.json("/api/customer-security").await;
    assert_eq!(hers["total"], 1);
    assert_eq!(hers["items"][0]["customer_id"], natural);
}

#[tokio::test]
async fn moving_a_customer_needs_one_of_your_groups_and_a_customer_you_reach() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let jane = app.browser(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let staff = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    let firm = app.customer_id(PREPARER_FIRM_REG).await;
    let natural = app.customer_id(NATURAL_HEALTH_REG).await;
    let janes_default = group_id(&jane, "Default").await;
    let payroll = group_id(&parent, "Payroll clients").await;
    let rows_before = app.count("customer_security").await;

    let foreign_group = parent
        .put(
            &format!("/api/customer-security/{firm}"),
            &json!({ "group_id": janes_default }),
        )
        .await;
    assert_eq!(foreign_group.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = foreign_group.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "group_id");
    let none = parent
        .put(&format!("/api/customer-security/{firm}"), &json!({}))
        .await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unreached = parent
        .put(
            &format!("/api/customer-security/{natural}"),
            &json!({ "group_id": payroll }),
        )
        .await;
    assert_eq!(unreached.status(), StatusCode::NOT_FOUND);
    let janes_try = jane
        .put(
            &format!("/api/customer-security/{firm}"),
            &json!({ "group_id": janes_default }),
        )
        .await;
    assert_eq!(janes_try.status(), StatusCode::NOT_FOUND);
    for response in [
        jane.put(
            &format!("/api/security-groups/{payroll}"),
            &json!({ "name": "Mine now" }),
        )
        .await,
        jane.delete(&format!("/api/security-groups/{payroll}"))
            .await,
    ] {
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let by_secondary = staff
        .put(
            &format!("/api/customer-security/{firm}"),
            &json!({ "group_id": payroll }),
        )
        .await;
    assert_eq!(by_secondary.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("customer_security").await, rows_before);
    assert_eq!(group_id(&parent, "Payroll clients").await, payroll);

    // Moving back to Default leaves no row behind.
    let default = group_id(&parent, "Default").await;
    let there = parent
        .put(
            &format!("/api/customer-security/{firm}"),
            &json!({ "group_id": payroll }),
        )
        .await;
    assert_eq!(there.status(), StatusCode::OK);
    let back = parent
        .put(
            &format!("/api/customer-security/{firm}"),
            &json!({ "group_id": default }),
        )
        .await;
    assert_eq!(back.status(), StatusCode::OK);
    let row: Value = back.json().await.unwrap();
    assert_eq!(row["group"]["name"], "Default");
    assert_eq!(app.count("customer_security").await, rows_before);
    let recorded: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM activity WHERE action = 'customer_group_changed' AND customer_id = $1",
    )
    .bind(firm)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(recorded, 2);
}

#[tokio::test]
async fn many_customers_move_to_a_group_in_one_request_or_none_do() {
    let app = crate::helpers::spawn_app_configured(
        crate::helpers::Options {
            secure_cookies: false,
        },
        |config| config.demo_clients = 30,
    )
    .await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let payroll = group_id(&parent, "Payroll clients").await;
    let before = customers_in(&parent, "Payroll clients").await;
    let defaults = customers_in(&parent, "Default").await;
    let twenty: Vec<i64> = defaults.iter().copied().take(20).collect();
    assert_eq!(twenty.len(), 20);

    // One customer the parent does not reach refuses the whole move.
    let natural = app.customer_id(NATURAL_HEALTH_REG).await;
    let mut with_foreign = twenty.clone();
    with_foreign.push(natural);
    let refused = parent
        .post(
            "/api/customer-security/move",
            &json!({ "group_id": payroll, "customer_ids": with_foreign }),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(customers_in(&parent, "Payroll clients").await, before);

    let nothing = parent
        .post(
            "/api/customer-security/move",
            &json!({ "group_id": payroll }),
        )
        .await;
    assert_eq!(nothing.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let moved = parent
        .post(
            "/api/customer-security/move",
            &json!({ "group_id": payroll, "customer_ids": twenty }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let body: Value = moved.json().await.unwrap();
    assert_eq!(body["moved"], 20);
    assert_eq!(body["group"]["name"], "Payroll clients");
    let mut expected: Vec<i64> = before.iter().chain(twenty.iter()).copied().collect();
    expected.sort_unstable();
    assert_eq!(customers_in(&parent, "Payroll clients").await, expected);

    // And back to Default: no rows left for them.
    let default_id = group_id(&parent, "Default").await;
    let back = parent
        .post(
            "/api/customer-security/move",
            &json!({ "group_id": default_id, "customer_ids": twenty }),
        )
        .await;
    assert_eq!(back.status(), StatusCode::OK);
    assert_eq!(customers_in(&parent, "Payroll clients").await, before);
}

#[tokio::test]
async fn all_customers_matching_a_search_move_in_one_request_when_the_count_is_still_the_one_shown()
{
    let app = crate::helpers::spawn_app_configured(
        crate::helpers::Options {
            secure_cookies: false,
        },
        |config| config.demo_clients = 30,
    )
    .await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let payroll = group_id(&parent, "Payroll clients").await;
    let before = customers_in(&parent, "Payroll clients").await;
    let listed = parent
        .json("/api/customer-security?q=hardware&page_size=100")
        .await;
    let hardware: Vec<i64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["customer_id"].as_i64().unwrap())
        .collect();
    let shown = listed["total"].as_i64().unwrap();
    assert!(shown > 1, "the demo has several hardware clients");
    assert_eq!(hardware.len() as i64, shown);

    // A count other than the list's: refused, with the count as it is now.
    let stale = parent
        .post(
            "/api/customer-security/move",
            &json!({ "group_id": payroll, "matching": { "q": "hardware", "expected": shown + 1 } }),
        )
        .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let body: Value = stale.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().starts_with(&format!(
            "The search now matches {shown} customers, not {}.",
            shown + 1
        )),
        "{body}"
    );
    assert_eq!(customers_in(&parent, "Payroll clients").await, before);

    // Ticks and "all matching" together: a field error, nothing moved.
    let both = parent
        .post(
            "/api/customer-security/move",
            &json!({ "group_id": payroll, "customer_ids": [hardware[0]],
                     "matching": { "q": "hardware", "expected": shown } }),
        )
        .await;
    assert_eq!(both.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(customers_in(&parent, "Payroll clients").await, before);

    let moved = parent
        .post(
            "/api/customer-security/move",
            &json!({ "group_id": payroll, "matching": { "q": "hardware", "expected": shown } }),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let body: Value = moved.json().await.unwrap();
    assert_eq!(body["moved"], shown);
    let mut expected: Vec<i64> = before.iter().chain(hardware.iter()).copied().collect();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(customers_in(&parent, "Payroll clients").await, expected);

    // Without a search, "all" is every customer this parent reaches, and only
    // those: the other business's customers stay where their parent put them.
    let jane = app.browser(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let janes_before = jane.json("/api/customer-security?page_size=100").await;
    let everything = parent.json("/api/customer-security?page_size=25").await;
    let total = everything["total"].as_i64().unwrap();
    let default_id = group_id(&parent, "Default").await;
    let all = parent
        .post(
            "/api/customer-security/move",
            &json!({ "group_id": default_id, "matching": { "expected": total } }),
        )
        .await;
    assert_eq!(all.status(), StatusCode::OK);
    let body: Value = all.json().await.unwrap();
    assert_eq!(body["moved"], total);
    assert!(customers_in(&parent, "Payroll clients").await.is_empty());
    assert_eq!(
        customers_in(&parent, "Default").await,
        customer_ids(&parent).await
    );
    assert_eq!(
        jane.json("/api/customer-security?page_size=100").await,
        janes_before
    );
}
