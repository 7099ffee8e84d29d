//! Manage Secondary Logons, as a parent and its secondary logons see it. Two
//! parents always: the preparer firm (LedgerlineAdmin, with its seeded
//! secondary logons and clients) and Jane Smith of NATURAL HEALTH LLC.

use crate::helpers::{spawn_app, Browser, TestApp, DEMO_PASSWORD, DEMO_PREPARER, DEMO_TAXPAYER};
use portal_server::{
    access::{self, Right},
    seed::{
        secondaries::{DEMO_PAYROLL, DEMO_STAFF},
        NATURAL_HEALTH_REG,
    },
};
use reqwest::StatusCode;
use serde_json::{json, Value};
use wire::{
    registration::{SECRET_QUESTIONS, USERNAME_TAKEN},
    secondary::INVITATION_GONE,
};

pub const NEW_PASSWORD: &str = "Granite Harbor Lighthouse 42";

/// The parent's group id by name.
pub async fn group_id(parent: &Browser, name: &str) -> i64 {
    let groups = parent.json("/api/security-groups").await;
    groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap_or_else(|| panic!("no group {name}"))["id"]
        .as_i64()
        .unwrap()
}

fn new_logon(username: &str, groups: &[i64], tax_types: Value) -> Value {
    json!({
        "username": username,
        "name": "Jim Smith",
        "email": "jim@example.com",
        "confirm_email": "jim@example.com",
        "access_type": "tax_administrator",
        "groups": groups,
        "tax_types": tax_types,
    })
}

/// The token in the newest logon access email.
pub async fn invitation_token(app: &TestApp) -> String {
    let mail = app
        .outbox()
        .await
        .into_iter()
        .rev()
        .find(|m| m.kind == "invitation")
        .expect("a logon access email");
    let start = mail.body.find("/set-password?token=").expect("a link") + 20;
    mail.body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

fn acceptance(token: &str) -> Value {
    json!({
        "token": token,
        "password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
        "secret_question": SECRET_QUESTIONS[0],
        "secret_answer": "Hartford",
    })
}

/// Adds a secondary logon, accepts its invitation and signs it in.
pub async fn active_secondary(
    app: &TestApp,
    parent: &Browser,
    username: &str,
    groups: &[i64],
    tax_types: Value,
) -> (i64, Browser) {
    let response = parent
        .post(
            "/api/secondary-logons",
            &new_logon(username, groups, tax_types),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let view: Value = response.json().await.unwrap();
    let token = invitation_token(app).await;
    let accepted = app
        .post_json("/api/invitations/accept", &acceptance(&token))
        .await;
    assert_eq!(accepted.status(), StatusCode::NO_CONTENT);
    let browser = app.browser(username, NEW_PASSWORD).await;
    (view["id"].as_i64().unwrap(), browser)
}

pub async fn customer_ids(browser: &Browser) -> Vec<i64> {
    let page = browser.json("/api/customers?page_size=100").await;
    let mut ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

/// The customers the parent has in one group, from its Customer Security tab.
pub async fn customers_in(parent: &Browser, group: &str) -> Vec<i64> {
    let page = parent.json("/api/customer-security?page_size=100").await;
    let mut ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["group"]["name"] == group)
        .map(|row| row["customer_id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

fn sales_file_and_pay() -> Value {
    json!([{ "tax_type": "sales_and_use", "level": "file_and_pay" }])
}

#[tokio::test]
async fn an_invited_secondary_logon_sets_its_password_and_reaches_exactly_its_parents_default_customers(
) {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let default = group_id(&parent, "Default").await;
    let response = parent
        .post(
            "/api/secondary-logons",
            &new_logon("PrepDesk", &[default], sales_file_and_pay()),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["status"], "pending");
    assert_eq!(view["groups"][0]["name"], "Default");
    let mail = app.outbox().await.pop().unwrap();
    assert_eq!(mail.recipient, "jim@example.com");
    assert!(mail.body.contains("Pat Morgan created the logon PrepDesk"));
    assert!(mail.body.contains("/set-password?token="));

    // No password yet: it cannot sign in.
    let early = app.sign_in("PrepDesk", NEW_PASSWORD).await;
    assert_eq!(early.status(), StatusCode::UNAUTHORIZED);
    let token = invitation_token(&app).await;
    let invitation: Value = app
        .get(&format!("/api/invitations?token={token}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(invitation["username"], "PrepDesk");
    assert_eq!(invitation["invited_by"], "Pat Morgan");
    let accepted = app
        .post_json("/api/invitations/accept", &acceptance(&token))
        .await;
    assert_eq!(accepted.status(), StatusCode::NO_CONTENT);
    let again = app
        .post_json("/api/invitations/accept", &acceptance(&token))
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["message"], INVITATION_GONE);

    let secondary = app.browser("PrepDesk", NEW_PASSWORD).await;
    assert_eq!(
        customer_ids(&secondary).await,
        customers_in(&parent, "Default").await
    );
    let rows = secondary.json("/api/customers?page_size=100").await;
    assert!(rows["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["relationship"] == "secondary" && c["access_type"] == "tax_administrator"));
    let jane_business = app.customer_id(NATURAL_HEALTH_REG).await;
    let foreign = secondary
        .get(&format!("/api/customers/{jane_business}/summary"))
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);

    // Its Activity tab shows what it did; the parent's own record names it.
    let id = view["id"].as_i64().unwrap();
    let activity = parent
        .json(&format!("/api/secondary-logons/{id}/activity"))
        .await;
    let actions: Vec<&str> = activity["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["description"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "Logged in",
            "Set password from logon access email",
            "Failed log in"
        ]
    );
    let own = parent.json("/api/activity?q=secondary").await;
    assert_eq!(own["rows"][0]["description"], "Added a secondary logon");
    let detail: String =
        sqlx::query_scalar("SELECT detail FROM activity WHERE action = 'secondary_logon_created'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(detail, "PrepDesk");
}

#[tokio::test]
async fn a_secondarys_right_is_its_own_level_met_with_its_account_types_and_its_parents() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let default = group_id(&parent, "Default").await;
    // The firm files only on its clients' Sales & Use accounts; this logon may only pay.
    let pay_only = json!([{ "tax_type": "sales_and_use", "level": "pay_only" }]);
    let (id, secondary) = active_secondary(&app, &parent, "PayDesk", &[default], pay_only).await;

    let accounts: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT a.id, a.customer_id, a.tax_type FROM tax_accounts a \
         JOIN access_grants g ON g.customer_id = a.customer_id AND g.relationship = 'third_party' \
         ORDER BY a.id",
    )
    .fetch_all(&app.state.db)
    .await
    .unwrap();
    let default_customers = customers_in(&parent, "Default").await;
    let today = app.state.clock.today();
    let mut client_with_sales = None;
    for (account, customer, tax_type) in accounts {
        if !default_customers.contains(&customer) {
            continue;
        }
        let found = access::account_access(&app.state.db, id, account, today)
            .await
            .unwrap();
        if tax_type == "sales_and_use" {
            let (reach, acct) = found.expect("a Sales & Use account is in view");
            assert!(reach.allows(acct, Right::View));
            assert!(
                !reach.allows(acct, Right::File),
                "its own level has no filing"
            );
            assert!(
                !reach.allows(acct, Right::Pay),
                "its parent's has no paying"
            );
            client_with_sales = Some(customer);
        } else {
            assert!(found.is_none(), "{tax_type} is not among its account types");
        }
    }
    // The Summary shows the Sales & Use card only.
    let customer = client_with_sales.expect("a client in Default");
    let summary = secondary
        .json(&format!("/api/customers/{customer}/summary"))
        .await;
    let types: Vec<&str> = summary["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["tax_type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["sales_and_use"]);
}

#[tokio::test]
async fn moving_a_customer_to_another_group_takes_it_from_a_secondary_without_that_group_at_its_next_request(
) {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let staff = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    let payroll_desk = app.browser(DEMO_PAYROLL, DEMO_PASSWORD).await;
    let before = customer_ids(&staff).await;
    let moved = *before.last().unwrap();
    let payroll = group_id(&parent, "Payroll clients").await;
    assert!(!customer_ids(&payroll_desk).await.contains(&moved));

    let response = parent
        .put(
            &format!("/api/customer-security/{moved}"),
            &json!({ "group_id": payroll }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let row: Value = response.json().await.unwrap();
    assert_eq!(row["group"]["name"], "Payroll clients");

    let after = customer_ids(&staff).await;
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&moved));
    let summary = staff.get(&format!("/api/customers/{moved}/summary")).await;
    assert_eq!(summary.status(), StatusCode::NOT_FOUND);
    assert!(customer_ids(&payroll_desk).await.contains(&moved));
}

#[tokio::test]
async fn disabling_a_secondary_ends_its_sessions_and_activate_restores_it() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let staff = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    let id = app.logon_id(DEMO_STAFF).await;

    let disabled = parent
        .post_empty(&format!("/api/secondary-logons/{id}/disable"))
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    let view: Value = disabled.json().await.unwrap();
    assert_eq!(view["status"], "disabled");
    assert_eq!(
        staff.get("/api/customers").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(DEMO_STAFF, DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let twice = parent
        .post_empty(&format!("/api/secondary-logons/{id}/disable"))
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);

    let activated = parent
        .post_empty(&format!("/api/secondary-logons/{id}/activate"))
        .await;
    assert_eq!(activated.status(), StatusCode::OK);
    let view: Value = activated.json().await.unwrap();
    assert_eq!(view["status"], "active");
    let back = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    assert!(!customer_ids(&back).await.is_empty());
}

#[tokio::test]
async fn deactivating_access_is_final() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let staff = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    let id = app.logon_id(DEMO_STAFF).await;
    let base = format!("/api/secondary-logons/{id}");

    let unconfirmed = parent.post(&format!("{base}/deactivate"), &json!({})).await;
    assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = unconfirmed.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "confirm");
    assert_eq!(
        staff.get("/api/customers").await.status(),
        StatusCode::OK,
        "an unconfirmed request changes nothing"
    );

    let done = parent
        .post(&format!("{base}/deactivate"), &json!({ "confirm": true }))
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(
        staff.get("/api/customers").await.status(),
        StatusCode::UNAUTHORIZED
    );
    for action in [
        "activate",
        "disable",
        "unlock",
        "temporary-password",
        "invitation",
    ] {
        let response = parent.post_empty(&format!("{base}/{action}")).await;
        assert_eq!(response.status(), StatusCode::CONFLICT, "{action}");
        let body: Value = response.json().await.unwrap();
        assert!(body["message"]
            .as_str()
            .unwrap()
            .contains("Add a new secondary logon"));
    }
    let groups = parent
        .put(&format!("{base}/groups"), &json!({ "groups": [] }))
        .await;
    assert_eq!(groups.status(), StatusCode::CONFLICT);
    let view = parent.json(&base).await;
    assert_eq!(view["status"], "cancelled");
    assert_eq!(
        app.sign_in(DEMO_STAFF, DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_secondary_reaches_nothing_while_its_parent_is_disabled() {
    let app = spawn_app().await;
    let staff = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    let reached = customer_ids(&staff).await;
    assert!(!reached.is_empty());
    sqlx::query("UPDATE logons SET status = 'disabled' WHERE username = $1")
        .bind(DEMO_PREPARER)
        .execute(&app.state.db)
        .await
        .unwrap();
    assert!(customer_ids(&staff).await.is_empty());
    let summary = staff
        .get(&format!("/api/customers/{}/summary", reached[0]))
        .await;
    assert_eq!(summary.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn another_parent_cannot_see_or_act_on_your_secondary_logons() {
    let app = spawn_app().await;
    let jane = app.browser(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let staff_id = app.logon_id(DEMO_STAFF).await;
    assert_eq!(jane.json("/api/secondary-logons").await, json!([]));
    let base = format!("/api/secondary-logons/{staff_id}");
    assert_eq!(jane.get(&base).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        jane.get(&format!("{base}/activity")).await.status(),
        StatusCode::NOT_FOUND
    );
    for action in ["disable", "temporary-password", "invitation"] {
        let response = jane.post_empty(&format!("{base}/{action}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{action}");
    }
    let access = jane
        .put(
            &format!("{base}/access"),
            &json!({ "access_type": "master_administrator", "tax_types": [{ "tax_type": "withholding", "level": "all_access" }] }),
        )
        .await;
    assert_eq!(access.status(), StatusCode::NOT_FOUND);
    let staff = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    assert!(!customer_ids(&staff).await.is_empty(), "nothing changed");

    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let rows = parent.json("/api/secondary-logons").await;
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, [DEMO_PAYROLL, DEMO_STAFF]);
}

#[tokio::test]
async fn a_secondary_logon_cannot_manage_secondary_logons_or_groups() {
    let app = spawn_app().await;
    let staff = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    let payroll_id = app.logon_id(DEMO_PAYROLL).await;
    for path in [
        "/api/secondary-logons",
        "/api/security-groups",
        "/api/customer-security",
    ] {
        assert_eq!(
            staff.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let add = staff
        .post(
            "/api/secondary-logons",
            &new_logon("Sub", &[1], sales_file_and_pay()),
        )
        .await;
    assert_eq!(add.status(), StatusCode::FORBIDDEN);
    let sibling = staff
        .post_empty(&format!("/api/secondary-logons/{payroll_id}/disable"))
        .await;
    assert_eq!(sibling.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn resending_the_logon_access_email_voids_the_earlier_link() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let default = group_id(&parent, "Default").await;
    let created: Value = parent
        .post(
            "/api/secondary-logons",
            &new_logon("PrepDesk", &[default], sales_file_and_pay()),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap();
    let first = invitation_token(&app).await;
    let resent = parent
        .post_empty(&format!("/api/secondary-logons/{id}/invitation"))
        .await;
    assert_eq!(resent.status(), StatusCode::NO_CONTENT);
    let second = invitation_token(&app).await;
    assert_ne!(first, second);

    let old = app.get(&format!("/api/invitations?token={first}")).await;
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
    let body: Value = old.json().await.unwrap();
    assert_eq!(body["message"], INVITATION_GONE);
    let accepted = app
        .post_json("/api/invitations/accept", &acceptance(&second))
        .await;
    assert_eq!(accepted.status(), StatusCode::NO_CONTENT);
    let after = parent
        .post_empty(&format!("/api/secondary-logons/{id}/invitation"))
        .await;
    assert_eq!(
        after.status(),
        StatusCode::CONFLICT,
        "it has a password now"
    );
}

#[tokio::test]
async fn an_invitation_link_expires_after_seven_days() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let default = group_id(&parent, "Default").await;
    parent
        .post(
            "/api/secondary-logons",
            &new_logon("PrepDesk", &[default], sales_file_and_pay()),
        )
        .await;
    let token = invitation_token(&app).await;
    app.clock.advance(7 * 86_400 - 60);
    let still = app.get(&format!("/api/invitations?token={token}")).await;
    assert_eq!(still.status(), StatusCode::OK);
    app.clock.advance(120);
    let gone = app
        .post_json("/api/invitations/accept", &acceptance(&token))
        .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    let body: Value = gone.json().await.unwrap();
    assert_eq!(body["message"], INVITATION_GONE);
    let status: String =
        sqlx::query_scalar("SELECT status FROM logons WHERE username = 'PrepDesk'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(status, "pending");
}

#[tokio::test]
async fn a_temporary_password_forces_a_password_change_at_sign_in() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let staff = app.browser(DEMO_STAFF, DEMO_PASSWORD).await;
    let id = app.logon_id(DEMO_STAFF).await;
    let response = parent
        .post_empty(&format!("/api/secondary-logons/{id}/temporary-password"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let issued: Value = response.json().await.unwrap();
    let temporary = issued["password"].as_str().unwrap().to_owned();
    assert!(temporary.chars().count() >= 16);
    assert_eq!(
        issued["expires_at"],
        crate::helpers::TEST_NOW + 72 * 3600,
        "it lasts 72 hours"
    );
    assert_eq!(
        staff.get("/api/customers").await.status(),
        StatusCode::UNAUTHORIZED,
        "sessions under the old password end"
    );
    assert_eq!(
        app.sign_in(DEMO_STAFF, DEMO_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let signed_in = app.sign_in(DEMO_STAFF, &temporary).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let view: Value = signed_in.json().await.unwrap();
    assert_eq!(view["stage"], "password_change_required");
    assert_eq!(
        app.get("/api/customers").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(!app
        .outbox()
        .await
        .iter()
        .any(|m| m.body.contains(&temporary)));
}

#[tokio::test]
async fn unlock_and_temporary_passwords_follow_the_logons_status() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let id = app.logon_id(DEMO_STAFF).await;
    let base = format!("/api/secondary-logons/{id}");
    assert_eq!(
        parent.post_empty(&format!("{base}/unlock")).await.status(),
        StatusCode::CONFLICT
    );
    sqlx::query(
        "UPDATE logons SET status = 'locked', failed_sign_ins = 5, locked_at = $1 WHERE id = $2",
    )
    .bind(crate::helpers::TEST_NOW)
    .bind(id)
    .execute(&app.state.db)
    .await
    .unwrap();
    assert_eq!(parent.json(&base).await["status"], "locked");
    let unlocked = parent.post_empty(&format!("{base}/unlock")).await;
    assert_eq!(unlocked.status(), StatusCode::OK);
    app.browser(DEMO_STAFF, DEMO_PASSWORD).await;

    // A logon still waiting for its invitation has no password to replace.
    let default = group_id(&parent, "Default").await;
    let pending: Value = parent
        .post(
            "/api/secondary-logons",
            &new_logon("PrepDesk", &[default], sales_file_and_pay()),
        )
        .await
        .json()
        .await
        .unwrap();
    let response = parent
        .post_empty(&format!(
            "/api/secondary-logons/{}/temporary-password",
            pending["id"]
        ))
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn bad_secondary_logon_forms_get_field_keyed_errors_and_write_nothing() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let jane = app.browser(DEMO_TAXPAYER, DEMO_PASSWORD).await;
    let janes_default = group_id(&jane, "Default").await;
    let default = group_id(&parent, "Default").await;
    let before = (
        app.count("logons").await,
        app.count("email_tokens").await,
        app.count("outbox").await,
        app.count("secondary_logon_groups").await,
    );

    let empty = parent
        .post(
            "/api/secondary-logons",
            &json!({ "username": "", "name": "", "email": "", "confirm_email": "" }),
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = empty.json().await.unwrap();
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "username",
            "name",
            "email",
            "confirm_email",
            "access_type",
            "groups"
        ]
    );
    // The form is about somebody else: its messages say "their", not "your".
    let message = |field: &str| {
        body["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == field)
            .map(|f| f["message"].as_str().unwrap().to_owned())
    };
    assert_eq!(message("name").as_deref(), Some("Enter their full name"));
    assert_eq!(
        message("email").as_deref(),
        Some("Enter their email address")
    );
    assert_eq!(
        message("confirm_email").as_deref(),
        Some("Enter their email address again")
    );

    let taken = parent
        .post(
            "/api/secondary-logons",
            &new_logon(
                &DEMO_TAXPAYER.to_lowercase(),
                &[default],
                sales_file_and_pay(),
            ),
        )
        .await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = taken.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "username");
    assert_eq!(body["fields"][0]["message"], USERNAME_TAKEN);

    let foreign_group = parent
        .post(
            "/api/secondary-logons",
            &new_logon("PrepDesk", &[janes_default], sales_file_and_pay()),
        )
        .await;
    assert_eq!(foreign_group.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = foreign_group.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "groups");

    let staff_id = app.logon_id(DEMO_STAFF).await;
    let foreign_change = parent
        .put(
            &format!("/api/secondary-logons/{staff_id}/groups"),
            &json!({ "groups": [janes_default] }),
        )
        .await;
    assert_eq!(foreign_change.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let no_types = parent
        .put(
            &format!("/api/secondary-logons/{staff_id}/access"),
            &json!({ "access_type": "tax_administrator", "tax_types": [] }),
        )
        .await;
    assert_eq!(no_types.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let after = (
        app.count("logons").await,
        app.count("email_tokens").await,
        app.count("outbox").await,
        app.count("secondary_logon_groups").await,
    );
    assert_eq!(before, after);
    let staff = parent
        .json(&format!("/api/secondary-logons/{staff_id}"))
        .await;
    assert_eq!(staff["tax_types"].as_array().unwrap().len(), 9);

    // A weak password on the invitation page leaves the link usable.
    parent
        .post(
            "/api/secondary-logons",
            &new_logon("PrepDesk", &[default], sales_file_and_pay()),
        )
        .await;
    let token = invitation_token(&app).await;
    let mut weak = acceptance(&token);
    weak["password"] = json!("PrepDesk");
    weak["confirm_password"] = json!("PrepDesk");
    let refused = app.post_json("/api/invitations/accept", &weak).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["fields"][0]["field"], "password");
    let accepted = app
        .post_json("/api/invitations/accept", &acceptance(&token))
        .await;
    assert_eq!(accepted.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn changing_access_counts_from_the_secondarys_next_request() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let payroll_desk = app.browser(DEMO_PAYROLL, DEMO_PASSWORD).await;
    let id = app.logon_id(DEMO_PAYROLL).await;
    let default = group_id(&parent, "Default").await;
    let payroll = group_id(&parent, "Payroll clients").await;

    let changed = parent
        .put(
            &format!("/api/secondary-logons/{id}/groups"),
            &json!({ "groups": [payroll, default] }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let view: Value = changed.json().await.unwrap();
    let names: Vec<&str> = view["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Default", "Payroll clients"]);
    let mut everything = customers_in(&parent, "Default").await;
    everything.extend(customers_in(&parent, "Payroll clients").await);
    everything.sort_unstable();
    assert_eq!(customer_ids(&payroll_desk).await, everything);

    let master = parent
        .put(
            &format!("/api/secondary-logons/{id}/access"),
            &json!({ "access_type": "master_administrator", "tax_types": [{ "tax_type": "withholding", "level": "view_only" }] }),
        )
        .await;
    assert_eq!(master.status(), StatusCode::OK);
    let view: Value = master.json().await.unwrap();
    assert_eq!(view["access_type"], "master_administrator");
    assert_eq!(view["tax_types"][0]["level"], "all_access");
    // Master Administrator of the firm itself only where its parent is one.
    let rows = payroll_desk.json("/api/customers?page_size=100").await;
    let masters: Vec<&str> = rows["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["access_type"] == "master_administrator")
        .map(|c| c["legal_name"].as_str().unwrap())
        .collect();
    assert_eq!(masters, ["LEDGERLINE TAX ADVISORS LLC"]);
}

#[tokio::test]
async fn a_parent_learns_whether_usernames_are_taken_at_most_twenty_times_a_day() {
    let app = spawn_app().await;
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let default = group_id(&parent, "Default").await;
    let taken = new_logon(DEMO_TAXPAYER, &[default], sales_file_and_pay());
    for n in 0..20 {
        let response = parent.post("/api/secondary-logons", &taken).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "try {n}"
        );
    }
    let response = parent.post("/api/secondary-logons", &taken).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    // The next day it answers again, for a free name and for a taken one.
    app.clock.advance(24 * 3600);
    let parent = app.browser(DEMO_PREPARER, DEMO_PASSWORD).await;
    let free = new_logon("PrepDesk", &[default], sales_file_and_pay());
    let response = parent.post("/api/secondary-logons", &free).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = parent.post("/api/secondary-logons", &taken).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
