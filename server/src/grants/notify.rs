//! Telling both sides: a message (a letter with its own Letter ID) and an
//! email. The person's notices go to their logon; the business's to the
//! customer (every logon that reaches it sees them) and, by email, to its
//! Master Administrators. Written inside the caller's transaction.

use crate::{mail::OutgoingMail, state::AppState};
use rand::Rng;
use sqlx::AnyConnection;
use wire::CivilDate;

/// The words of one notice.
pub struct Notice {
    pub subject: String,
    pub body: String,
}

/// A new Letter ID: "L" and nine digits, not used by any message yet.
pub async fn new_letter_id(tx: &mut AnyConnection) -> sqlx::Result<String> {
    loop {
        let number: u32 = rand::rngs::OsRng.gen_range(0..1_000_000_000);
        let letter_id = format!("L{number:09}");
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM messages WHERE letter_id = $1")
            .bind(&letter_id)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_none() {
            return Ok(letter_id);
        }
    }
}

/// Who the message is addressed to.
enum To {
    Customer(i64),
    Logon(i64),
}

async fn message(
    tx: &mut AnyConnection,
    to: To,
    notice: &Notice,
    now: i64,
) -> sqlx::Result<String> {
    let letter_id = new_letter_id(tx).await?;
    let (customer_id, logon_id) = match to {
        To::Customer(id) => (Some(id), None),
        To::Logon(id) => (None, Some(id)),
    };
    sqlx::query(
        "INSERT INTO messages (customer_id, logon_id, letter_id, subject, body, sent_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(customer_id)
    .bind(logon_id)
    .bind(&letter_id)
    .bind(&notice.subject)
    .bind(&notice.body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(letter_id)
}

async fn email(
    tx: &mut AnyConnection,
    state: &AppState,
    (logon_id, address): (i64, String),
    notice: &Notice,
    letter_id: &str,
) -> sqlx::Result<()> {
    let body_text = format!(
        "{}\n\nLog in at {} and open Messages (Letter ID {letter_id}) to see this notice.\n",
        notice.body, state.settings.public_url
    );
    state
        .mailer
        .send(
            &mut *tx,
            OutgoingMail {
                to: address,
                subject: notice.subject.clone(),
                body_text,
                kind: "access_notice",
                logon_id: Some(logon_id),
            },
        )
        .await?;
    Ok(())
}

/// The person's side: a message to each logon and an email to its address.
pub async fn to_logons(
    tx: &mut AnyConnection,
    state: &AppState,
    logon_ids: &[i64],
    notice: &Notice,
) -> sqlx::Result<()> {
    let mut seen = Vec::new();
    for &logon_id in logon_ids {
        if seen.contains(&logon_id) {
            continue;
        }
        seen.push(logon_id);
        let letter_id = message(tx, To::Logon(logon_id), notice, state.now()).await?;
        let address: String = sqlx::query_scalar("SELECT email FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(&mut *tx)
            .await?;
        email(tx, state, (logon_id, address), notice, &letter_id).await?;
    }
    Ok(())
}

/// The business's side: a message to the customer and an email to each of its
/// active Master Administrators.
pub async fn to_business(
    tx: &mut AnyConnection,
    state: &AppState,
    customer_id: i64,
    notice: &Notice,
) -> sqlx::Result<()> {
    let letter_id = message(tx, To::Customer(customer_id), notice, state.now()).await?;
    for master in masters(tx, customer_id, state.clock.today()).await? {
        email(tx, state, master, notice, &letter_id).await?;
    }
    Ok(())
}

/// The customer's active Master Administrators and their addresses.
async fn masters(
    tx: &mut AnyConnection,
    customer_id: i64,
    today: CivilDate,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT l.id, l.email FROM access_grants g JOIN logons l ON l.id = g.logon_id \
         WHERE g.customer_id = $1 AND g.access_type = 'master_administrator' \
           AND g.status = 'active' AND (g.ends_on IS NULL OR g.ends_on >= $2) \
           AND l.status = 'active' AND l.parent_logon_id IS NULL ORDER BY l.id",
    )
    .bind(customer_id)
    .bind(today.to_iso())
    .fetch_all(&mut *tx)
    .await
}

/// A notice to both sides of a decision.
pub async fn both_sides(
    tx: &mut AnyConnection,
    state: &AppState,
    customer_id: i64,
    people: &[i64],
    to_person: Notice,
    to_business_notice: Notice,
) -> sqlx::Result<()> {
    to_logons(tx, state, people, &to_person).await?;
    to_business(tx, state, customer_id, &to_business_notice).await
}
