//! Demo bank accounts (Payment Channels): NATURAL HEALTH LLC's two and one
//! for each of the first few preparer clients, sealed as the server seals any.
//! The numbers are listed so that a test can search the database for them in
//! clear and find none.

use crate::crypto::FieldCipher;
use sqlx::AnyConnection;
use wire::payments::channels::BankAccountKind;

/// One demo bank account: nickname, kind, routing number, account number.
pub type DemoBankAccount = (&'static str, BankAccountKind, &'static str, &'static str);

/// NATURAL HEALTH LLC's, added by Jane Smith.
pub const NATURAL_HEALTH_BANK_ACCOUNTS: &[DemoBankAccount] = &[
    (
        "Operating account",
        BankAccountKind::Checking,
        "011900571",
        "004417829305",
    ),
    (
        "Tax reserve",
        BankAccountKind::Savings,
        "021000021",
        "7730051846",
    ),
];

/// The first preparer clients', one each, added by the preparer.
pub const CLIENT_BANK_ACCOUNTS: &[DemoBankAccount] = &[
    (
        "Business checking",
        BankAccountKind::Checking,
        "011000015",
        "58120947736",
    ),
    (
        "Payroll account",
        BankAccountKind::Checking,
        "026009593",
        "3390218845",
    ),
    (
        "Main account",
        BankAccountKind::Savings,
        "011900571",
        "91006634027",
    ),
];

/// Every demo account number, for the test that looks for them in clear.
pub fn demo_account_numbers() -> impl Iterator<Item = &'static str> {
    NATURAL_HEALTH_BANK_ACCOUNTS
        .iter()
        .chain(CLIENT_BANK_ACCOUNTS)
        .map(|(_, _, _, number)| *number)
}

pub async fn insert(
    tx: &mut AnyConnection,
    cipher: &FieldCipher,
    customer: i64,
    added_by: (i64, &str),
    account: &DemoBankAccount,
    added_at: i64,
) -> anyhow::Result<()> {
    let (nickname, kind, routing, number) = *account;
    sqlx::query(
        "INSERT INTO bank_accounts (customer_id, nickname, kind, routing_number, \
           account_number_sealed, account_last4, idempotency_key, added_at, added_by_logon_id, \
           added_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(customer)
    .bind(nickname)
    .bind(kind.code())
    .bind(routing)
    .bind(cipher.seal(number))
    .bind(&number[number.len() - 4..])
    .bind(format!("demo-{customer}-{nickname}"))
    .bind(added_at)
    .bind(added_by.0)
    .bind(added_by.1)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
