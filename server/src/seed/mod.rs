//! Demo data: NATURAL HEALTH LLC from the myconneCT tutorial, and a preparer firm
//! with its client businesses, each with three years of periods and returns.
//! Deterministic: the same date gives the same data.

mod facts;
mod ledger;
mod names;
pub mod secondaries;

use crate::{auth::password, state::AppState};
use anyhow::Context;
use ledger::{periods, Dice};
use sqlx::AnyConnection;
use wire::{tax::FilingFrequency, tax::TaxType, CivilDate};

/// The demo password of every demo logon (listed in README.md).
pub const DEMO_PASSWORD: &str = "Maple Avenue 800 Hartford";
pub const DEMO_TAXPAYER: &str = "JaneSmith";
pub const DEMO_PREPARER: &str = "LedgerlineAdmin";
pub const NATURAL_HEALTH_REG: &str = "21422144000";
pub const PREPARER_FIRM_REG: &str = "21422199000";

/// Seeds the demo unless the database already has customers (a rerun keeps data).
pub async fn demo_if_empty(state: &AppState, client_count: u32) -> anyhow::Result<()> {
    let customers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(&state.db)
        .await?;
    if customers > 0 {
        return Ok(());
    }
    let password_hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD)).await?;
    let answer_hash = tokio::task::spawn_blocking(|| password::hash("sam")).await?;
    let mut seeder = Seeder {
        state,
        now: state.now(),
        today: state.clock.today(),
        password_hash,
        answer_hash,
        next_account: 0,
    };
    let mut tx = state.begin().await?;
    seeder
        .natural_health(&mut tx)
        .await
        .context("seeding NATURAL HEALTH LLC")?;
    seeder
        .preparer_firm(&mut tx, client_count)
        .await
        .context("seeding the preparer firm")?;
    seeder
        .secondaries(&mut tx)
        .await
        .context("seeding security groups and secondary logons")?;
    seeder
        .facts(&mut tx)
        .await
        .context("seeding letters, payments and a business to claim")?;
    tx.commit().await?;
    tracing::info!(client_count, "seeded the demo data");
    Ok(())
}

struct Seeder<'a> {
    state: &'a AppState,
    now: i64,
    today: CivilDate,
    password_hash: String,
    answer_hash: String,
    next_account: u64,
}

struct NewCustomer<'a> {
    reg_number: &'a str,
    legal_name: &'a str,
    kind: &'a str,
    fein: &'a str,
    line1: &'a str,
    city: &'a str,
    zip: &'a str,
}

/// How an account's history looks: who filed, what is still owed.
#[derive(Clone, Copy)]
struct History {
    /// Tax per period, in cents, before the per-period variation.
    typical_tax_cents: u64,
    /// Balance left unpaid on the last ended period, in cents.
    owed_cents: i64,
    /// Whether the last ended period still has no return.
    last_return_missing: bool,
}

impl Seeder<'_> {
    async fn natural_health(&mut self, tx: &mut AnyConnection) -> anyhow::Result<()> {
        let customer = self
            .customer(
                tx,
                NewCustomer {
                    reg_number: NATURAL_HEALTH_REG,
                    legal_name: "NATURAL HEALTH LLC",
                    kind: "business",
                    fein: "06-1234567",
                    line1: "800 MAPLE AVE",
                    city: "HARTFORD",
                    zip: "06114-2322",
                },
            )
            .await?;
        let jane = self
            .logon(
                tx,
                DEMO_TAXPAYER,
                "Jane Smith",
                "jane.smith@naturalhealth.example",
                Some("+1 (555) 555-5555"),
            )
            .await?;
        self.grant(tx, jane, customer, "master_administrator", "own")
            .await?;
        let quiet = History {
            typical_tax_cents: 250_000,
            owed_cents: 0,
            last_return_missing: false,
        };
        // The tutorial's card: Sales & Use, annual filer, $100.00 balance.
        let sales = History {
            typical_tax_cents: 1_840_000,
            owed_cents: 10_000,
            ..quiet
        };
        self.account(
            tx,
            customer,
            "0108824360",
            TaxType::SalesAndUse,
            FilingFrequency::Annual,
            sales,
        )
        .await?;
        let plan = [
            (TaxType::Withholding, FilingFrequency::Quarterly),
            (TaxType::WithholdingNonWage, FilingFrequency::Annual),
            (TaxType::AdmissionsAndDues, FilingFrequency::Monthly),
            (
                TaxType::DryCleaningEstablishment,
                FilingFrequency::Quarterly,
            ),
            (TaxType::PrepaidWirelessE911, FilingFrequency::Monthly),
            (TaxType::Rental, FilingFrequency::Monthly),
            (TaxType::RoomOccupancy, FilingFrequency::Monthly),
            (TaxType::Tourism, FilingFrequency::Quarterly),
        ];
        for (index, (tax_type, frequency)) in plan.into_iter().enumerate() {
            let number = format!("{:010}", 108_824_378 + 18 * index as u64);
            self.account(tx, customer, &number, tax_type, frequency, quiet)
                .await?;
        }
        Ok(())
    }

    async fn preparer_firm(
        &mut self,
        tx: &mut AnyConnection,
        client_count: u32,
    ) -> anyhow::Result<()> {
        let firm = self
            .customer(
                tx,
                NewCustomer {
                    reg_number: PREPARER_FIRM_REG,
                    legal_name: "LEDGERLINE TAX ADVISORS LLC",
                    kind: "preparer",
                    fein: "06-7654321",
                    line1: "100 PEARL ST",
                    city: "HARTFORD",
                    zip: "06103-4506",
                },
            )
            .await?;
        let admin = self
            .logon(
                tx,
                DEMO_PREPARER,
                "Pat Morgan",
                "pat.morgan@ledgerline.example",
                Some("+1 (860) 555-0142"),
            )
            .await?;
        self.grant(tx, admin, firm, "master_administrator", "own")
            .await?;
        let payroll = History {
            typical_tax_cents: 1_200_000,
            owed_cents: 0,
            last_return_missing: false,
        };
        let number = self.account_number();
        self.account(
            tx,
            firm,
            &number,
            TaxType::Withholding,
            FilingFrequency::Quarterly,
            payroll,
        )
        .await?;

        for index in 0..client_count {
            self.client(tx, admin, index).await?;
        }
        Ok(())
    }

    async fn client(
        &mut self,
        tx: &mut AnyConnection,
        preparer: i64,
        index: u32,
    ) -> anyhow::Result<()> {
        let mut dice = Dice::new(u64::from(index) + 1);
        let place = names::PLACES[index as usize % names::PLACES.len()];
        let trade = names::TRADES[(index as usize / names::PLACES.len()) % names::TRADES.len()];
        let suffix = names::SUFFIXES[dice.range(0, 4) as usize];
        let round = index as usize / (names::PLACES.len() * names::TRADES.len());
        let legal_name = if round == 0 {
            format!("{place} {trade} {suffix}")
        } else {
            format!("{place} {trade} {} {suffix}", round + 1)
        };
        let (city, zip) = names::TOWNS[dice.range(0, 12) as usize];
        let street = names::STREETS[dice.range(0, 12) as usize];
        let line1 = format!("{} {street}", dice.range(1, 2000));
        let reg_number = format!("{:011}", 30_000_000_000u64 + u64::from(index) * 7919);
        let fein = format!("06-{:07}", dice.range(1_000_000, 9_999_999));
        let customer = self
            .customer(
                tx,
                NewCustomer {
                    reg_number: &reg_number,
                    legal_name: &legal_name,
                    kind: "business",
                    fein: &fein,
                    line1: &line1,
                    city,
                    zip,
                },
            )
            .await?;
        let grant = self
            .grant(tx, preparer, customer, "tax_administrator", "third_party")
            .await?;

        // Every client collects sales tax; about half run a payroll; a few host guests.
        let mut plan = vec![(
            TaxType::SalesAndUse,
            [
                FilingFrequency::Monthly,
                FilingFrequency::Quarterly,
                FilingFrequency::Annual,
            ][dice.range(0, 3) as usize],
        )];
        if dice.range(0, 2) == 0 {
            plan.push((TaxType::Withholding, FilingFrequency::Quarterly));
        }
        if dice.range(0, 8) == 0 {
            plan.push((TaxType::RoomOccupancy, FilingFrequency::Monthly));
        }
        for (tax_type, frequency) in plan {
            let history = History {
                typical_tax_cents: dice.range(20_000, 2_500_000),
                owed_cents: if dice.range(0, 5) == 0 {
                    dice.range(1_000, 250_000) as i64
                } else {
                    0
                },
                last_return_missing: dice.range(0, 6) == 0,
            };
            let number = self.account_number();
            let account = self
                .account(tx, customer, &number, tax_type, frequency, history)
                .await?;
            let level = if tax_type == TaxType::Withholding {
                "file_and_pay"
            } else {
                "file_only"
            };
            sqlx::query("INSERT INTO grant_account_levels (grant_id, account_id, level) VALUES ($1, $2, $3)")
                .bind(grant)
                .bind(account)
                .bind(level)
                .execute(&mut *tx)
                .await?;
        }
        Ok(())
    }

    fn account_number(&mut self) -> String {
        self.next_account += 1;
        format!("{:010}", 2_000_000_000 + self.next_account * 37)
    }

    async fn customer(&self, tx: &mut AnyConnection, new: NewCustomer<'_>) -> anyhow::Result<i64> {
        let last4 = &new.fein[new.fein.len() - 4..];
        let id = sqlx::query_scalar(
            "INSERT INTO customers (reg_number, legal_name, legal_name_key, kind, tin_kind, tin_sealed, tin_last4, \
               address_line1, city, state, zip, created_at) \
             VALUES ($1, $2, $3, $4, 'fein', $5, $6, $7, $8, 'CT', $9, $10) RETURNING id",
        )
        .bind(new.reg_number)
        .bind(new.legal_name)
        .bind(new.legal_name.to_uppercase())
        .bind(new.kind)
        .bind(self.state.cipher.seal(new.fein))
        .bind(last4)
        .bind(new.line1)
        .bind(new.city)
        .bind(new.zip)
        .bind(self.now)
        .fetch_one(&mut *tx)
        .await?;
        Ok(id)
    }

    async fn logon(
        &self,
        tx: &mut AnyConnection,
        username: &str,
        name: &str,
        email: &str,
        phone: Option<&str>,
    ) -> anyhow::Result<i64> {
        let password_changed = self.now - 45 * 86_400;
        let last_sign_in = self.now - 3 * 86_400 - 4_331;
        let id = sqlx::query_scalar(
            "INSERT INTO logons (username, username_key, name, email, phone, password_hash, password_changed_at, \
               secret_question, secret_answer_hash, status, last_sign_in_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'What is the first name of your best friend from childhood?', $8, \
               'active', $9, $10) RETURNING id",
        )
        .bind(username)
        .bind(username.to_lowercase())
        .bind(name)
        .bind(email)
        .bind(phone)
        .bind(&self.password_hash)
        .bind(password_changed)
        .bind(&self.answer_hash)
        .bind(last_sign_in)
        .bind(self.now - 400 * 86_400)
        .fetch_one(&mut *tx)
        .await?;
        Ok(id)
    }

    async fn grant(
        &self,
        tx: &mut AnyConnection,
        logon: i64,
        customer: i64,
        access_type: &str,
        relationship: &str,
    ) -> anyhow::Result<i64> {
        let id = sqlx::query_scalar(
            "INSERT INTO access_grants (logon_id, customer_id, access_type, relationship, status, created_at) \
             VALUES ($1, $2, $3, $4, 'active', $5) RETURNING id",
        )
        .bind(logon)
        .bind(customer)
        .bind(access_type)
        .bind(relationship)
        .bind(self.now)
        .fetch_one(&mut *tx)
        .await?;
        Ok(id)
    }

    /// An account with three years of periods: each ended period has its return and
    /// is paid, except what `history` says is still owed or unfiled.
    async fn account(
        &self,
        tx: &mut AnyConnection,
        customer: i64,
        number: &str,
        tax_type: TaxType,
        frequency: FilingFrequency,
        history: History,
    ) -> anyhow::Result<i64> {
        let first_year = self.today.year() - 3;
        let account: i64 = sqlx::query_scalar(
            "INSERT INTO tax_accounts (customer_id, account_number, tax_type, frequency, status, opened_on) \
             VALUES ($1, $2, $3, $4, 'active', $5) RETURNING id",
        )
        .bind(customer)
        .bind(number)
        .bind(tax_type.code())
        .bind(frequency.code())
        .bind(format!("{first_year}-01-01"))
        .fetch_one(&mut *tx)
        .await?;

        let spans = periods(frequency, first_year, self.today);
        let ended = spans.iter().filter(|s| s.end < self.today).count();
        let mut dice = Dice::new(number.parse::<u64>().unwrap_or(0));
        let mut rows = Vec::with_capacity(spans.len());
        for (index, span) in spans.iter().enumerate() {
            let has_ended = index < ended;
            let is_last_ended = index + 1 == ended;
            let filed = has_ended && !(is_last_ended && history.last_return_missing);
            let variation = dice.range(70, 130);
            let tax = if filed {
                (history.typical_tax_cents * variation / 100) as i64
            } else {
                0
            };
            let owed = if is_last_ended && filed {
                history.owed_cents.min(tax)
            } else {
                0
            };
            rows.push(PeriodRow {
                start: span.start.to_iso(),
                end: span.end.to_iso(),
                due: span.due.to_iso(),
                tax,
                credits: tax - owed,
                filed_at: filed.then(|| self.filing_instant(span.due, &mut dice)),
            });
        }
        for row in rows {
            let period: i64 = sqlx::query_scalar(
                "INSERT INTO periods (account_id, period_start, period_end, due_date, tax_cents, credits_cents) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(account)
            .bind(&row.start)
            .bind(&row.end)
            .bind(&row.due)
            .bind(row.tax)
            .bind(row.credits)
            .fetch_one(&mut *tx)
            .await?;
            if let Some(filed_at) = row.filed_at {
                sqlx::query(
                    "INSERT INTO tax_returns (period_id, kind, confirmation_number, tax_cents, filed_at) \
                     VALUES ($1, 'original', $2, $3, $4)",
                )
                .bind(period)
                .bind(format!("RT{}{:08}", &number[..4], period))
                .bind(row.tax)
                .bind(filed_at)
                .execute(&mut *tx)
                .await?;
            }
        }
        Ok(account)
    }

    /// A filing moment a few days before the due date, in business hours (UTC).
    fn filing_instant(&self, due: CivilDate, dice: &mut Dice) -> i64 {
        let day = due.days_since_epoch() - dice.range(1, 12) as i64;
        day * 86_400 + dice.range(13 * 3600, 21 * 3600) as i64
    }
}

struct PeriodRow {
    start: String,
    end: String,
    due: String,
    tax: i64,
    credits: i64,
    filed_at: Option<i64>,
}
