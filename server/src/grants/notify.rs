//! Telling both sides: a message (a letter with its own Letter ID) and an
//! email. The person's notices go to their logon; the business's to the
//! customer (every logon that reaches it sees them) and, by email, to each of
//! its Master Administrators whatever their logon's status (a locked or
//! disabled one most needs to hear). Every new Master Administrator, however
//! it came, is announced this way. Written inside the caller's transaction.

use crate::{access::masters, mail::templates, state::AppState};
use rand::Rng;
use sqlx::AnyConnection;

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
    let mail = templates::access_notice(
        &address,
        &notice.subject,
        &notice.body,
        &state.settings.public_url,
        letter_id,
        logon_id,
    );
    state.mailer.send(&mut *tx, mail).await?;
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
/// Master Administrators but those in `except` (who hear of it otherwise).
pub async fn to_business(
    tx: &mut AnyConnection,
    state: &AppState,
    customer_id: i64,
    except: &[i64],
    notice: &Notice,
) -> sqlx::Result<()> {
    let letter_id = message(tx, To::Customer(customer_id), notice, state.now()).await?;
    let today = state.clock.today();
    for master in masters::standing_masters(&mut *tx, customer_id, today).await? {
        if !except.contains(&master.0) {
            email(tx, state, master, notice, &letter_id).await?;
        }
    }
    Ok(())
}

/// "Jane Smith (JaneSmith)", read in the transaction (the logon may be new in it).
async fn label(tx: &mut AnyConnection, logon_id: i64) -> sqlx::Result<String> {
    let (name, username): (String, String) =
        sqlx::query_as("SELECT name, username FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_one(&mut *tx)
            .await?;
    Ok(format!("{name} ({username})"))
}

/// Announces a new Master Administrator of the business to the business and
/// to each of its other Master Administrators. `how` ends the sentence "… became
/// a Master Administrator of the business …".
pub async fn announce_master(
    tx: &mut AnyConnection,
    state: &AppState,
    customer_id: i64,
    new_master: i64,
    how: &str,
) -> sqlx::Result<()> {
    let who = label(tx, new_master).await?;
    let legal_name: String = sqlx::query_scalar("SELECT legal_name FROM customers WHERE id = $1")
        .bind(customer_id)
        .fetch_one(&mut *tx)
        .await?;
    let notice = Notice {
        subject: format!("{who} is now a Master Administrator of {legal_name}"),
        body: format!(
            "{who} became a Master Administrator of {legal_name} {how}. A Master Administrator \
             acts for every account and decides who else has access. If you do not know this \
             person, review who has access under More..., Manage Additional Logons and Manage \
             Third Party Access, and contact us."
        ),
    };
    to_business(tx, state, customer_id, &[new_master], &notice).await
}

/// Announces `holder`, just made a Master Administrator of the business, and
/// each of its secondary logons that is one through it.
pub async fn announce_masters(
    tx: &mut AnyConnection,
    state: &AppState,
    customer_id: i64,
    holder: i64,
    how: &str,
) -> sqlx::Result<()> {
    announce_master(tx, state, customer_id, holder, how).await?;
    let today = state.clock.today();
    for (secondary, _) in
        masters::secondary_masters(&mut *tx, holder, Some(customer_id), today).await?
    {
        announce_secondary_master(tx, state, customer_id, secondary, holder).await?;
    }
    Ok(())
}

/// Announces `secondary`, a secondary logon of `parent`, now a Master
/// Administrator of the business through it.
pub async fn announce_secondary_master(
    tx: &mut AnyConnection,
    state: &AppState,
    customer_id: i64,
    secondary: i64,
    parent: i64,
) -> sqlx::Result<()> {
    let how = format!(
        "as a secondary logon of {}, which gave it Master Administrator access",
        label(tx, parent).await?
    );
    announce_master(tx, state, customer_id, secondary, &how).await
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
    to_business(tx, state, customer_id, people, &to_business_notice).await
}
