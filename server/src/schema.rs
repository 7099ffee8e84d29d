//! Bringing a database up to date: the SQL migrations, with the Rust data
//! step that moves the old period balances into the ledger (`ledger::legacy`)
//! before the migration that drops them, then the shipped rule rows into an
//! empty rules table. Every way into a database (the server, `process`,
//! `rotate-key`) goes through here, so none can skip the data step.

use crate::{
    db::{self, Db, Dialect},
    ledger, rules,
};
use anyhow::Context;

pub async fn migrate(db: &Db, dialect: Dialect, now: i64) -> anyhow::Result<()> {
    db::migrate_through(db, dialect, db::BEFORE_LEDGER_MOVE).await?;
    ledger::legacy::move_period_balances(db, now)
        .await
        .context("moving the period balances into the ledger")?;
    db::migrate_through(db, dialect, i64::MAX).await?;
    rules::ensure_loaded(db, now)
        .await
        .context("loading the shipped rule rows")?;
    Ok(())
}

/// Opens the database and brings it up to date.
pub async fn connect_and_migrate(url: &str, now: i64) -> anyhow::Result<(Db, Dialect)> {
    let (db, dialect) = db::connect(url).await?;
    migrate(&db, dialect, now).await?;
    Ok((db, dialect))
}
