//! The processing step: as of a date, it opens the periods time has reached,
//! posts the filed returns to the ledger, assesses penalty and interest on
//! late periods, and sends a delinquency notice for each unfiled period past
//! due. It runs inside every server (see [`periodic`]) and on demand as
//! `portal-server process --as-of YYYY-MM-DD`.
//!
//! - **Idempotent**: every posting is the difference between what the rules
//!   say and what the ledger holds, returns and notices post once (unique
//!   keys), so a second run for a date posts nothing.
//! - **Resumable**: accounts go in batches in id order, each batch one
//!   transaction that also moves the run's cursor (`processing_runs`); a
//!   process killed half way leaves whole batches, and the next run goes on
//!   from the cursor, ending with the ledger an uninterrupted run makes.
//! - **Once across servers**: only the holder of the one lease
//!   (`processing_lease`) runs; each batch renews it first thing in its
//!   transaction (on PostgreSQL that row lock also serializes batches).

pub mod batch;
pub mod lease;
pub mod notices;
pub mod periodic;

use crate::{clock::Clock, db::Db};
use batch::Counts;
use notices::NoticeCursor;
use std::{sync::Arc, time::Duration};
use wire::{rules::Rules, CivilDate};

/// How a run behaves; the defaults are the server's.
#[derive(Debug, Clone)]
pub struct Options {
    /// Accounts per transaction.
    pub batch_size: i64,
    /// Seconds the lease lasts without renewal.
    pub lease_seconds: i64,
    /// Print a line per batch (the command-line tool).
    pub progress: bool,
    /// For the crash test only: in this batch, before committing, say so
    /// on stdout and sleep, so the test can kill the process inside a transaction.
    pub pause_in_batch: Option<(u64, Duration)>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            batch_size: 500,
            lease_seconds: 60,
            progress: false,
            pause_in_batch: None,
        }
    }
}

/// What one run found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It ran (or finished a run that had stopped half way).
    Ran(Report),
    /// The date was processed already and a rerun was not asked for.
    AlreadyDone,
    /// Another process holds the lease.
    Busy,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub accounts: i64,
    pub batches: u64,
    pub counts: Counts,
}

/// Who is processing: the database, the rules, the clock, this process's name.
#[derive(Clone)]
pub struct Processor {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// Unique per process: the lease's owner.
    pub owner: String,
    pub options: Options,
}

impl Processor {
    pub fn new(db: Db, clock: Arc<dyn Clock>, options: Options) -> Self {
        let owner = format!(
            "pid {} {}",
            std::process::id(),
            crate::crypto::random_token()
                .chars()
                .take(12)
                .collect::<String>()
        );
        Self {
            db,
            clock,
            owner,
            options,
        }
    }

    fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Processes `as_of`. With `rerun`, a date already done is run again
    /// (and, the run being idempotent, posts only what changed since).
    pub async fn run(&self, as_of: CivilDate, rerun: bool) -> anyhow::Result<Outcome> {
        if !lease::acquire(
            &self.db,
            &self.owner,
            self.now(),
            self.options.lease_seconds,
        )
        .await?
        {
            return Ok(Outcome::Busy);
        }
        let result = self.run_holding_lease(as_of, rerun).await;
        lease::release(&self.db, &self.owner).await?;
        result
    }

    /// Waits (polling) until the lease is free, then runs.
    pub async fn run_when_free(&self, as_of: CivilDate, rerun: bool) -> anyhow::Result<Report> {
        loop {
            match self.run(as_of, rerun).await? {
                Outcome::Ran(report) => return Ok(report),
                Outcome::AlreadyDone => return Ok(Report::default()),
                Outcome::Busy => {
                    if self.options.progress {
                        println!("another process holds the processing lease; waiting");
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    async fn run_holding_lease(&self, as_of: CivilDate, rerun: bool) -> anyhow::Result<Outcome> {
        let rules = crate::rules::load(&self.db).await?;
        let day = as_of.to_iso();
        sqlx::query(
            "INSERT INTO processing_runs (as_of, status, phase, account_cursor, notice_cursor, \
               started_at, passes, periods_opened, returns_posted, entries_posted, notices_issued) \
             VALUES ($1, 'running', 'accounts', 0, '', $2, 1, 0, 0, 0, 0) \
             ON CONFLICT (as_of) DO NOTHING",
        )
        .bind(&day)
        .bind(self.now())
        .execute(&self.db)
        .await?;
        let (status, phase, account_cursor, notice_cursor): (String, String, i64, String) =
            sqlx::query_as(
                "SELECT status, phase, account_cursor, notice_cursor FROM processing_runs WHERE as_of = $1",
            )
            .bind(&day)
            .fetch_one(&self.db)
            .await?;
        let (mut phase, mut account_cursor, mut notice_cursor) =
            (phase, account_cursor, NoticeCursor::decode(&notice_cursor));
        if status == "done" {
            if !rerun {
                return Ok(Outcome::AlreadyDone);
            }
            sqlx::query(
                "UPDATE processing_runs SET status = 'running', phase = 'accounts', account_cursor = 0, \
                   notice_cursor = '', passes = passes + 1, started_at = $2 WHERE as_of = $1",
            )
            .bind(&day)
            .bind(self.now())
            .execute(&self.db)
            .await?;
            phase = "accounts".to_owned();
            account_cursor = 0;
            notice_cursor = NoticeCursor::start();
        }
        let mut report = Report::default();
        if phase == "accounts" {
            let waiting = batch::accounts_with_new_returns(&self.db, as_of).await?;
            loop {
                let Some(done) = self
                    .account_batch(&rules, as_of, &mut account_cursor, &waiting, &mut report)
                    .await?
                else {
                    return Ok(Outcome::Busy);
                };
                if done {
                    break;
                }
            }
        }
        let since: Option<String> = sqlx::query_scalar(
            "SELECT MAX(as_of) FROM processing_runs WHERE status = 'done' AND as_of < $1",
        )
        .bind(&day)
        .fetch_one(&self.db)
        .await?;
        let since = since.as_deref().and_then(CivilDate::parse_iso);
        loop {
            let Some(done) = self
                .notice_batch(as_of, since, &mut notice_cursor, &mut report)
                .await?
            else {
                return Ok(Outcome::Busy);
            };
            if done {
                break;
            }
        }
        sqlx::query(
            "UPDATE processing_runs SET status = 'done', finished_at = $2 WHERE as_of = $1",
        )
        .bind(&day)
        .bind(self.now())
        .execute(&self.db)
        .await?;
        Ok(Outcome::Ran(report))
    }

    /// One batch of accounts in one transaction, cursor included. `None`:
    /// the lease was lost; `Some(true)`: no accounts were left.
    async fn account_batch(
        &self,
        rules: &Rules,
        as_of: CivilDate,
        cursor: &mut i64,
        waiting: &std::collections::BTreeSet<i64>,
        report: &mut Report,
    ) -> anyhow::Result<Option<bool>> {
        let mut tx = crate::db::begin(&self.db).await?;
        if !lease::renew(&mut tx, &self.owner, self.now(), self.options.lease_seconds).await? {
            return Ok(None);
        }
        let accounts = batch::accounts_after(&mut tx, *cursor, self.options.batch_size).await?;
        let Some(last) = accounts.last().map(|a| a.id) else {
            sqlx::query("UPDATE processing_runs SET phase = 'notices' WHERE as_of = $1")
                .bind(as_of.to_iso())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(Some(true));
        };
        let counts =
            batch::process_accounts(&mut tx, rules, as_of, &accounts, waiting, self.now()).await?;
        self.record(&mut tx, as_of, counts, Some(last), None)
            .await?;
        report.batches += 1;
        self.pause_if_asked(report.batches).await;
        tx.commit().await?;
        *cursor = last;
        report.accounts += accounts.len() as i64;
        report.counts += counts;
        if self.options.progress {
            println!(
                "batch {}: {} accounts through id {last}, {} ledger rows",
                report.batches,
                accounts.len(),
                counts.entries_posted
            );
        }
        Ok(Some(false))
    }

    async fn notice_batch(
        &self,
        as_of: CivilDate,
        since: Option<CivilDate>,
        cursor: &mut NoticeCursor,
        report: &mut Report,
    ) -> anyhow::Result<Option<bool>> {
        let mut tx = crate::db::begin(&self.db).await?;
        if !lease::renew(&mut tx, &self.owner, self.now(), self.options.lease_seconds).await? {
            return Ok(None);
        }
        let (issued, next) = notices::issue(
            &mut tx,
            as_of,
            since,
            cursor,
            self.options.batch_size,
            self.now(),
        )
        .await?;
        let counts = Counts {
            notices_issued: issued,
            ..Counts::default()
        };
        let next_text = next.as_ref().map(NoticeCursor::encode);
        self.record(&mut tx, as_of, counts, None, next_text.as_deref())
            .await?;
        report.batches += 1;
        self.pause_if_asked(report.batches).await;
        tx.commit().await?;
        report.counts += counts;
        match next {
            Some(next) => {
                *cursor = next;
                Ok(Some(false))
            }
            None => Ok(Some(true)),
        }
    }

    /// Adds a batch's counts to the run and moves its cursor, in the batch's transaction.
    async fn record(
        &self,
        tx: &mut sqlx::AnyConnection,
        as_of: CivilDate,
        counts: Counts,
        account_cursor: Option<i64>,
        notice_cursor: Option<&str>,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "UPDATE processing_runs SET \
               account_cursor = COALESCE($2, account_cursor), \
               notice_cursor = COALESCE($3, notice_cursor), \
               periods_opened = periods_opened + $4, returns_posted = returns_posted + $5, \
               entries_posted = entries_posted + $6, notices_issued = notices_issued + $7 \
             WHERE as_of = $1",
        )
        .bind(as_of.to_iso())
        .bind(account_cursor)
        .bind(notice_cursor)
        .bind(counts.periods_opened)
        .bind(counts.returns_posted)
        .bind(counts.entries_posted)
        .bind(counts.notices_issued)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }

    async fn pause_if_asked(&self, batch: u64) {
        if let Some((at, pause)) = self.options.pause_in_batch {
            if at == batch {
                println!("pausing inside batch {batch} before it commits");
                tokio::time::sleep(pause).await;
            }
        }
    }

    /// Posts returns filed since the last run (and their penalty and
    /// interest), between the daily runs: the pass the server makes often.
    pub async fn post_new_returns(&self, as_of: CivilDate) -> anyhow::Result<Outcome> {
        if !lease::acquire(
            &self.db,
            &self.owner,
            self.now(),
            self.options.lease_seconds,
        )
        .await?
        {
            return Ok(Outcome::Busy);
        }
        let result = async {
            let waiting = batch::accounts_with_new_returns(&self.db, as_of).await?;
            let mut report = Report::default();
            if waiting.is_empty() {
                return Ok(Outcome::Ran(report));
            }
            let rules = crate::rules::load(&self.db).await?;
            let ids: Vec<i64> = waiting.iter().copied().collect();
            for chunk in ids.chunks(self.options.batch_size.max(1) as usize) {
                let mut tx = crate::db::begin(&self.db).await?;
                if !lease::renew(&mut tx, &self.owner, self.now(), self.options.lease_seconds)
                    .await?
                {
                    return Ok(Outcome::Busy);
                }
                let accounts = batch::accounts_by_id(&mut tx, chunk).await?;
                let counts = batch::process_accounts(
                    &mut tx,
                    &rules,
                    as_of,
                    &accounts,
                    &waiting,
                    self.now(),
                )
                .await?;
                tx.commit().await?;
                report.batches += 1;
                report.accounts += accounts.len() as i64;
                report.counts += counts;
            }
            Ok(Outcome::Ran(report))
        }
        .await;
        lease::release(&self.db, &self.owner).await?;
        result
    }
}
