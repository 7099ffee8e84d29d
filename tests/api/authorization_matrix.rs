//! The authorization matrix: every API route the server has (read from its own
//! route list) × every kind of caller gets the expected answer, with two
//! businesses in the database. A route missing from `EXPECTED` fails the test,
//! so no route ships without a decision about who may call it.
//!
//! Business A is NATURAL HEALTH LLC (Jane Smith, Master Administrator); business
//! B is the preparer firm (LedgerlineAdmin), which has no access to A.

use crate::helpers::{spawn_app, TestApp, DEMO_PREPARER, DEMO_TAXPAYER};
use portal_server::{
    crypto,
    seed::{NATURAL_HEALTH_REG, NATURAL_HEALTH_SALES},
};
use reqwest::{header, Method, StatusCode};
use std::collections::BTreeSet;

/// Who may call a route, as a kind the matrix knows the answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Anyone, signed in or not (sign-in, registration, recovery, health...).
    Open,
    /// Any signed-in logon, about itself.
    Personal,
    /// Any logon that reaches the customer in the path.
    Customer,
    /// A Master Administrator of the customer in the path.
    CustomerAdmin,
    /// Any logon that is not a secondary logon, about its own secondary logons,
    /// security groups and Customer Security.
    Parent,
    /// The parent of the secondary logon, or owner of the group, in the path.
    Owner,
    /// A parent logon whose own grant reaches the customer in the path.
    ParentReach,
    /// The view right on the account in the path (or the return's account).
    AccountView,
    /// The file right on the account in the path; viewing without it is 403.
    AccountFile,
    /// Manage the settings of the customer in the path (its bank accounts):
    /// Master Administrator, or All Access on every account; reaching it
    /// without that is 403.
    CustomerSettings,
}

/// Every route and who may call it. Keep in step with the server's route list.
const EXPECTED: &[(&str, &str, Kind)] = &[
    ("GET", "/health", Kind::Open),
    ("POST", "/session", Kind::Open),
    ("GET", "/session", Kind::Personal),
    ("DELETE", "/session", Kind::Personal),
    ("POST", "/registrations", Kind::Open),
    ("POST", "/registrations/verify", Kind::Open),
    // "Check your email": the browser's pending cookie (auth::pending) is the proof.
    ("GET", "/registrations/pending", Kind::Open),
    ("POST", "/registrations/pending/resend", Kind::Open),
    ("POST", "/recovery/username", Kind::Open),
    ("POST", "/recovery/password", Kind::Open),
    ("GET", "/recovery/password/reset", Kind::Open),
    ("POST", "/recovery/password/reset", Kind::Open),
    // The unlock link mailed with a lockout notice: the single-use token is the proof.
    ("POST", "/recovery/unlock", Kind::Open),
    ("GET", "/two-step", Kind::Personal),
    ("POST", "/two-step/setup", Kind::Personal),
    ("POST", "/two-step/confirm", Kind::Personal),
    ("POST", "/two-step/disable", Kind::Personal),
    ("POST", "/session/two-step", Kind::Personal),
    ("POST", "/session/keep-alive", Kind::Personal),
    ("GET", "/customers", Kind::Personal),
    // Recent clients: the caller's own switches, each still asked of the rules.
    ("GET", "/customers/recent", Kind::Personal),
    ("POST", "/session/customer", Kind::Personal),
    ("GET", "/customers/{customer_id}/summary", Kind::Customer),
    ("GET", "/demo/mailbox", Kind::Open),
    ("GET", "/profile", Kind::Personal),
    ("PUT", "/profile/name", Kind::Personal),
    ("PUT", "/profile/phone", Kind::Personal),
    ("PUT", "/profile/secret-question", Kind::Personal),
    ("POST", "/profile/email", Kind::Personal),
    // The emailed link works in any browser: the single-use token is the proof.
    ("POST", "/profile/email/confirm", Kind::Open),
    ("POST", "/profile/password", Kind::Personal),
    ("GET", "/profile/sessions", Kind::Personal),
    ("DELETE", "/profile/sessions/others", Kind::Personal),
    ("POST", "/profile/delete", Kind::Personal),
    ("GET", "/activity", Kind::Personal),
    // Manage Secondary Logons, Security Groups, Customer Security.
    ("GET", "/secondary-logons", Kind::Parent),
    ("POST", "/secondary-logons", Kind::Parent),
    ("GET", "/secondary-logons/defaults", Kind::Parent),
    ("GET", "/secondary-logons/{logon_id}", Kind::Owner),
    ("PUT", "/secondary-logons/{logon_id}/groups", Kind::Owner),
    ("PUT", "/secondary-logons/{logon_id}/access", Kind::Owner),
    (
        "POST",
        "/secondary-logons/{logon_id}/invitation",
        Kind::Owner,
    ),
    (
        "POST",
        "/secondary-logons/{logon_id}/deactivate",
        Kind::Owner,
    ),
    ("POST", "/secondary-logons/{logon_id}/disable", Kind::Owner),
    ("POST", "/secondary-logons/{logon_id}/activate", Kind::Owner),
    ("POST", "/secondary-logons/{logon_id}/unlock", Kind::Owner),
    (
        "POST",
        "/secondary-logons/{logon_id}/temporary-password",
        Kind::Owner,
    ),
    ("GET", "/secondary-logons/{logon_id}/activity", Kind::Owner),
    ("GET", "/security-groups", Kind::Parent),
    ("POST", "/security-groups", Kind::Parent),
    ("PUT", "/security-groups/{group_id}", Kind::Owner),
    ("DELETE", "/security-groups/{group_id}", Kind::Owner),
    ("GET", "/customer-security", Kind::Parent),
    ("PUT", "/customer-security/{customer_id}", Kind::ParentReach),
    // Each customer in the body is asked of the rules; one not reached refuses all (404).
    ("POST", "/customer-security/move", Kind::Parent),
    // The invitation link is the proof; the person has no session yet.
    ("GET", "/invitations", Kind::Open),
    ("POST", "/invitations/accept", Kind::Open),
    // Add Access to Another Business, Manage Your Access.
    ("POST", "/access-requests", Kind::Personal),
    ("GET", "/access-requests/mine", Kind::Personal),
    ("GET", "/access/mine", Kind::Personal),
    ("POST", "/access/mine/{customer_id}/leave", Kind::Customer),
    // Manage Additional Logons / Manage Third Party Access, for the business's administrators.
    (
        "GET",
        "/customers/{customer_id}/accounts",
        Kind::CustomerAdmin,
    ),
    (
        "GET",
        "/customers/{customer_id}/access-requests",
        Kind::CustomerAdmin,
    ),
    (
        "POST",
        "/customers/{customer_id}/access-requests/{request_id}/approve",
        Kind::CustomerAdmin,
    ),
    (
        "POST",
        "/customers/{customer_id}/access-requests/{request_id}/deny",
        Kind::CustomerAdmin,
    ),
    (
        "GET",
        "/customers/{customer_id}/grants",
        Kind::CustomerAdmin,
    ),
    (
        "PUT",
        "/customers/{customer_id}/grants/{grant_id}",
        Kind::CustomerAdmin,
    ),
    (
        "POST",
        "/customers/{customer_id}/grants/{grant_id}/revoke",
        Kind::CustomerAdmin,
    ),
    (
        "GET",
        "/customers/{customer_id}/activity",
        Kind::CustomerAdmin,
    ),
    // Messages.
    ("GET", "/customers/{customer_id}/messages", Kind::Customer),
    ("GET", "/messages/mine", Kind::Personal),
    // Returns and the ledger.
    ("GET", "/accounts/{account_id}", Kind::AccountView),
    ("GET", "/accounts/{account_id}/periods", Kind::AccountView),
    (
        "GET",
        "/accounts/{account_id}/periods/export",
        Kind::AccountView,
    ),
    (
        "GET",
        "/accounts/{account_id}/periods/{period_id}/draft",
        Kind::AccountFile,
    ),
    (
        "PUT",
        "/accounts/{account_id}/periods/{period_id}/draft",
        Kind::AccountFile,
    ),
    (
        "POST",
        "/accounts/{account_id}/periods/{period_id}/returns",
        Kind::AccountFile,
    ),
    ("GET", "/returns/{return_id}", Kind::AccountView),
    ("GET", "/customers/{customer_id}/returns", Kind::Customer),
    (
        "GET",
        "/customers/{customer_id}/returns/export",
        Kind::Customer,
    ),
    (
        "GET",
        "/customers/{customer_id}/period-details",
        Kind::Customer,
    ),
    (
        "GET",
        "/customers/{customer_id}/period-details/export",
        Kind::Customer,
    ),
    // Manage Payment Channels.
    (
        "GET",
        "/customers/{customer_id}/bank-accounts",
        Kind::Customer,
    ),
    (
        "POST",
        "/customers/{customer_id}/bank-accounts",
        Kind::CustomerSettings,
    ),
    (
        "PUT",
        "/customers/{customer_id}/bank-accounts/{bank_account_id}",
        Kind::CustomerSettings,
    ),
    (
        "DELETE",
        "/customers/{customer_id}/bank-accounts/{bank_account_id}",
        Kind::CustomerSettings,
    ),
];

/// The kinds of caller. `Owner` (Jane, Master Administrator of A and parent of
/// the secondary logon and group in the paths) is the control that is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    OtherBusiness,
    ViewOnly,
    FileOnly,
    PayOnly,
    RevokedThirdParty,
    SecondaryOutsideGroup,
    Disabled,
    Cancelled,
    Owner,
}

const CALLERS: [Caller; 10] = [
    Caller::Anonymous,
    Caller::OtherBusiness,
    Caller::ViewOnly,
    Caller::FileOnly,
    Caller::PayOnly,
    Caller::RevokedThirdParty,
    Caller::SecondaryOutsideGroup,
    Caller::Disabled,
    Caller::Cancelled,
    Caller::Owner,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// Passed the access checks: anything but 401, 403, 404 or a 5xx.
    Allowed,
    Unauthorized,
    Forbidden,
    NotFound,
}

fn expected(kind: Kind, caller: Caller) -> Answer {
    use Answer::*;
    use Caller::*;
    let signed_out = matches!(caller, Anonymous | Disabled | Cancelled);
    match kind {
        Kind::Open => Allowed,
        _ if signed_out => Unauthorized,
        Kind::Personal => Allowed,
        Kind::Customer | Kind::AccountView => match caller {
            ViewOnly | FileOnly | PayOnly | Owner => Allowed,
            _ => NotFound,
        },
        Kind::AccountFile => match caller {
            FileOnly | Owner => Allowed,
            ViewOnly | PayOnly => Forbidden,
            _ => NotFound,
        },
        Kind::CustomerAdmin | Kind::CustomerSettings => match caller {
            Owner => Allowed,
            ViewOnly | FileOnly | PayOnly => Forbidden,
            _ => NotFound,
        },
        Kind::Parent => match caller {
            SecondaryOutsideGroup => Forbidden,
            _ => Allowed,
        },
        Kind::Owner => match caller {
            Owner => Allowed,
            SecondaryOutsideGroup => Forbidden,
            _ => NotFound,
        },
        Kind::ParentReach => match caller {
            ViewOnly | FileOnly | PayOnly | Owner => Allowed,
            SecondaryOutsideGroup => Forbidden,
            _ => NotFound,
        },
    }
}

fn answer_of(status: StatusCode) -> Option<Answer> {
    match status.as_u16() {
        401 => Some(Answer::Unauthorized),
        403 => Some(Answer::Forbidden),
        404 => Some(Answer::NotFound),
        500..=599 => None,
        _ => Some(Answer::Allowed),
    }
}

/// The ids the paths name, all of business A or of its Master Administrator.
struct Targets {
    customer_id: i64,
    logon_id: i64,
    group_id: i64,
    request_id: i64,
    grant_id: i64,
    account_id: i64,
    period_id: i64,
    return_id: i64,
    bank_account_id: i64,
}

struct World {
    app: TestApp,
    targets: Targets,
    /// Session token per caller (none for Anonymous).
    tokens: Vec<(Caller, Option<String>)>,
}

async fn insert_logon(app: &TestApp, username: &str, parent: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO logons (username, username_key, name, email, status, parent_logon_id, \
           secondary_access_type, created_at) VALUES ($1, $2, $1, 'm@example.com', 'active', $3, $4, 0) \
         RETURNING id",
    )
    .bind(username)
    .bind(username.to_lowercase())
    .bind(parent)
    .bind(parent.map(|_| "tax_administrator"))
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

async fn insert_grant(
    app: &TestApp,
    logon: i64,
    customer: i64,
    relationship: &str,
    status: &str,
    level: &str,
) -> i64 {
    let db = &app.state.db;
    let grant: i64 = sqlx::query_scalar(
        "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, created_at) \
         VALUES ($1, $2, 'tax_administrator', $3, $4, 0) RETURNING id",
    )
    .bind(logon)
    .bind(customer)
    .bind(relationship)
    .bind(status)
    .fetch_one(db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO grant_account_levels (grant_id, account_id, level) \
         SELECT $1, id, $2 FROM tax_accounts WHERE customer_id = $3",
    )
    .bind(grant)
    .bind(level)
    .bind(customer)
    .execute(db)
    .await
    .unwrap();
    grant
}

async fn insert_group(app: &TestApp, owner: i64, name: &str, is_default: bool) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO security_groups (owner_logon_id, name, name_key, is_default, created_at) \
         VALUES ($1, $2, $3, $4, 0) RETURNING id",
    )
    .bind(owner)
    .bind(name)
    .bind(name.to_lowercase())
    .bind(i64::from(is_default))
    .fetch_one(&app.state.db)
    .await
    .unwrap()
}

/// A session made straight in the database: the matrix is about what a
/// session may do, not about signing in (which has its own tests).
async fn session_for(app: &TestApp, logon: i64, customer: Option<i64>) -> String {
    let token = crypto::random_token();
    let now = app.state.now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, logon_id, current_customer_id, created_at, last_seen_at, \
           expires_at, stage) VALUES ($1, $2, $3, $4, $4, $5, 'full')",
    )
    .bind(crypto::token_hash(&token))
    .bind(logon)
    .bind(customer)
    .bind(now)
    .bind(now + 3600)
    .execute(&app.state.db)
    .await
    .unwrap();
    token
}

async fn world() -> World {
    let app = spawn_app().await;
    let a = app.customer_id(NATURAL_HEALTH_REG).await;
    let jane = app.logon_id(DEMO_TAXPAYER).await;
    let firm = app.logon_id(DEMO_PREPARER).await;

    let view_only = insert_logon(&app, "MatrixViewOnly", None).await;
    let grant_id = insert_grant(&app, view_only, a, "additional", "active", "view_only").await;
    let file_only = insert_logon(&app, "MatrixFileOnly", None).await;
    insert_grant(&app, file_only, a, "additional", "active", "file_only").await;
    let pay_only = insert_logon(&app, "MatrixPayOnly", None).await;
    insert_grant(&app, pay_only, a, "additional", "active", "pay_only").await;
    let revoked = insert_logon(&app, "MatrixRevokedFirm", None).await;
    insert_grant(&app, revoked, a, "third_party", "revoked", "file_and_pay").await;

    // Jane's groups: A stays in Default; the outsider has only "Elsewhere".
    // The demo seed gives Jane her Default group.
    let default_group: i64 = match sqlx::query_scalar(
        "SELECT id FROM security_groups WHERE owner_logon_id = $1 AND is_default = 1",
    )
    .bind(jane)
    .fetch_optional(&app.state.db)
    .await
    .unwrap()
    {
        Some(id) => id,
        None => insert_group(&app, jane, "Default", true).await,
    };
    let group_id = insert_group(&app, jane, "Elsewhere", false).await;
    let helper = insert_logon(&app, "MatrixJaneHelper", Some(jane)).await;
    let outsider = insert_logon(&app, "MatrixOutsider", Some(jane)).await;
    for (logon, group) in [(helper, default_group), (outsider, group_id)] {
        sqlx::query("INSERT INTO secondary_logon_groups (logon_id, group_id) VALUES ($1, $2)")
            .bind(logon)
            .bind(group)
            .execute(&app.state.db)
            .await
            .unwrap();
    }
    let request_id: i64 = sqlx::query_scalar(
        "INSERT INTO access_requests (requester_logon_id, grantee_logon_id, customer_id, kind, \
           status, created_at, expires_at) VALUES ($1, $1, $2, 'third_party', 'pending', $3, $4) \
         RETURNING id",
    )
    .bind(firm)
    .bind(a)
    .bind(app.state.now())
    .bind(app.state.now() + 21 * 86_400)
    .fetch_one(&app.state.db)
    .await
    .unwrap();

    let disabled = insert_logon(&app, "MatrixDisabled", None).await;
    insert_grant(&app, disabled, a, "additional", "active", "all_access").await;
    let cancelled = insert_logon(&app, "MatrixCancelled", None).await;
    insert_grant(&app, cancelled, a, "additional", "active", "all_access").await;

    let mut tokens = vec![(Caller::Anonymous, None)];
    for (caller, logon) in [
        (Caller::OtherBusiness, firm),
        (Caller::ViewOnly, view_only),
        (Caller::FileOnly, file_only),
        (Caller::PayOnly, pay_only),
        (Caller::RevokedThirdParty, revoked),
        (Caller::SecondaryOutsideGroup, outsider),
        (Caller::Disabled, disabled),
        (Caller::Cancelled, cancelled),
        (Caller::Owner, jane),
    ] {
        tokens.push((caller, Some(session_for(&app, logon, Some(a)).await)));
    }
    // Their sessions were live; the status change must end them at the next request.
    for (logon, status) in [(disabled, "disabled"), (cancelled, "cancelled")] {
        sqlx::query("UPDATE logons SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(logon)
            .execute(&app.state.db)
            .await
            .unwrap();
    }
    // A's Sales & Use account, its unfiled overdue period, and a filed return.
    let (account_id, period_id): (i64, i64) = sqlx::query_as(
        "SELECT a.id, p.id FROM tax_accounts a JOIN periods p ON p.account_id = a.id \
         WHERE a.account_number = $1 AND p.period_end < $2 \
           AND NOT EXISTS (SELECT 1 FROM tax_returns r WHERE r.period_id = p.id) \
         ORDER BY p.period_end LIMIT 1",
    )
    .bind(NATURAL_HEALTH_SALES)
    .bind(app.state.clock.today().to_iso())
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    let return_id: i64 = sqlx::query_scalar(
        "SELECT r.id FROM tax_returns r JOIN periods p ON p.id = r.period_id \
         WHERE p.account_id = $1 ORDER BY r.id LIMIT 1",
    )
    .bind(account_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    // One of A's demo bank accounts.
    let bank_account_id: i64 = sqlx::query_scalar(
        "SELECT id FROM bank_accounts WHERE customer_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(a)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    World {
        app,
        targets: Targets {
            customer_id: a,
            logon_id: helper,
            group_id,
            request_id,
            grant_id,
            account_id,
            period_id,
            return_id,
            bank_account_id,
        },
        tokens,
    }
}

fn concrete(path: &str, targets: &Targets) -> String {
    path.replace("{customer_id}", &targets.customer_id.to_string())
        .replace("{logon_id}", &targets.logon_id.to_string())
        .replace("{group_id}", &targets.group_id.to_string())
        .replace("{request_id}", &targets.request_id.to_string())
        .replace("{grant_id}", &targets.grant_id.to_string())
        .replace("{account_id}", &targets.account_id.to_string())
        .replace("{period_id}", &targets.period_id.to_string())
        .replace("{return_id}", &targets.return_id.to_string())
        .replace("{bank_account_id}", &targets.bank_account_id.to_string())
}

/// Everything a refused request must leave as it was.
async fn fingerprint(app: &TestApp) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM access_grants WHERE status = 'active'",
        "SELECT COUNT(*) FROM access_grants",
        "SELECT COUNT(*) FROM grant_account_levels",
        "SELECT COUNT(*) FROM logons WHERE status = 'active'",
        "SELECT COUNT(*) FROM logons",
        "SELECT COUNT(*) FROM security_groups",
        "SELECT COUNT(*) FROM customer_security",
        "SELECT COUNT(*) FROM secondary_logon_groups",
        "SELECT COUNT(*) FROM secondary_tax_types",
        "SELECT COUNT(*) FROM access_requests WHERE status = 'pending'",
        "SELECT COUNT(*) FROM messages",
        "SELECT COUNT(*) FROM email_tokens",
        "SELECT COUNT(*) FROM outbox",
        "SELECT COUNT(*) FROM tax_returns",
        "SELECT COUNT(*) FROM return_drafts",
        "SELECT COUNT(*) FROM ledger_entries",
        "SELECT COUNT(*) FROM periods",
        "SELECT COUNT(*) FROM processing_runs",
        "SELECT COUNT(*) FROM bank_accounts",
        "SELECT COUNT(*) FROM bank_accounts WHERE removed_at IS NULL",
    ] {
        let n: i64 = sqlx::query_scalar(sql)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        out.push((sql.to_owned(), n));
    }
    out
}

#[tokio::test]
async fn every_api_route_has_an_expected_answer_for_every_kind_of_caller() {
    let routes: BTreeSet<(&str, &str)> = portal_server::app::api_route_list().into_iter().collect();
    let expected: BTreeSet<(&str, &str)> = EXPECTED.iter().map(|(m, p, _)| (*m, *p)).collect();
    let missing: Vec<_> = routes.difference(&expected).collect();
    let stale: Vec<_> = expected.difference(&routes).collect();
    assert!(
        missing.is_empty(),
        "routes without an expected answer in the authorization matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "expected routes the server no longer has: {stale:?}"
    );
}

#[tokio::test]
async fn every_route_answers_every_kind_of_caller_as_the_rules_say_and_refusals_change_nothing() {
    let mut failures = Vec::new();
    let mut cells = 0;
    for (method, path, kind) in EXPECTED {
        // A fresh world per route, so an allowed write cannot disturb the next route.
        let world = world().await;
        let url = world
            .app
            .url(&format!("/api{}", concrete(path, &world.targets)));
        // The control caller goes last: its writes may take effect.
        for (caller, token) in &world.tokens {
            let before = fingerprint(&world.app).await;
            let mut request = reqwest::Client::new()
                .request(Method::from_bytes(method.as_bytes()).unwrap(), &url);
            if let Some(token) = token {
                request = request.header(header::COOKIE, format!("portal_session={token}"));
            }
            if matches!(*method, "POST" | "PUT") {
                request = request.json(&serde_json::json!({}));
            }
            let status = request.send().await.unwrap().status();
            let want = expected(*kind, *caller);
            let got = answer_of(status);
            cells += 1;
            // An open route may answer 404 about what it was given (an unknown token).
            let open_not_found = *kind == Kind::Open && got == Some(Answer::NotFound);
            if got != Some(want) && !open_not_found {
                failures.push(format!(
                    "{method} {path} as {caller:?}: {status}, expected {want:?}"
                ));
            }
            if want != Answer::Allowed && fingerprint(&world.app).await != before {
                failures.push(format!(
                    "{method} {path} as {caller:?}: refused, yet the data changed"
                ));
            }
        }
        // Each world's server stays up until the test ends: give back its
        // database connections now, so the worlds do not exhaust PostgreSQL's.
        world.app.state.db.close().await;
    }
    assert!(
        failures.is_empty(),
        "{} of {cells} cells wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(cells, EXPECTED.len() * CALLERS.len());
}
