//! Demo data: NATURAL HEALTH LLC from the myconneCT tutorial, and a preparer firm
//! with its client businesses, each with three years of periods, returns with
//! their lines, payments, and what the processing step made of them (penalty
//! and interest on late periods, delinquency notices). Deterministic: the same
//! date gives the same figures.

pub mod bank;
mod dice;
mod facts;
mod history;
mod names;
mod returns;
pub mod secondaries;

use crate::{
    auth::password,
    processing::{Outcome, Processor},
    state::AppState,
};
use anyhow::Context;
use dice::Dice;
use history::{AccountPlan, Amendment, History, Pay, Story};
use sqlx::AnyConnection;
use wire::{
    period::FilingPeriod,
    returns::{FormCode, ReturnDraft},
    rules::Rules,
    tax::{FilingFrequency, TaxType},
    CivilDate,
};

/// The demo password of every demo logon (listed in README.md).
pub const DEMO_PASSWORD: &str = "Maple Avenue 800 Hartford";
pub const DEMO_TAXPAYER: &str = "JaneSmith";
pub const DEMO_PREPARER: &str = "LedgerlineAdmin";
pub const NATURAL_HEALTH_REG: &str = "21422144000";
pub const PREPARER_FIRM_REG: &str = "21422199000";
/// NATURAL HEALTH LLC's Sales & Use account (the tutorial's card).
pub const NATURAL_HEALTH_SALES: &str = "0108824360";

/// Seeds the demo unless the database already has customers (a rerun keeps
/// data), then processes it month by month up to today.
pub async fn demo_if_empty(
    state: &AppState,
    processor: &Processor,
    client_count: u32,
) -> anyhow::Result<()> {
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
        rules: crate::rules::load(&state.db).await?,
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
        .context("seeding letters and a business to claim")?;
    tx.commit().await?;
    seeder
        .process_history(processor)
        .await
        .context("processing the demo's history")?;
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
    rules: Rules,
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

fn date(year: i32, month: u8, day: u8) -> CivilDate {
    CivilDate::new(year, month, day).expect("a real date")
}

/// The end of the month before the one `day` is in.
fn month_before(day: CivilDate) -> CivilDate {
    day.first_of_month().add_days(-1).unwrap_or(day)
}

impl Seeder<'_> {
    /// The processing step as it would have run: at every month's end of
    /// the three years, then today.
    async fn process_history(&self, processor: &Processor) -> anyhow::Result<()> {
        let mut as_of = date(self.today.year() - 3, 1, 31);
        let mut dates = Vec::new();
        while as_of < self.today {
            dates.push(as_of);
            as_of = as_of.end_of_month_after(1).unwrap_or(self.today);
        }
        dates.push(self.today);
        for as_of in dates {
            match processor.run(as_of, false).await? {
                Outcome::Busy => anyhow::bail!("another process holds the processing lease"),
                Outcome::Ran(_) | Outcome::AlreadyDone => {}
            }
        }
        Ok(())
    }

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
        for (index, account) in bank::NATURAL_HEALTH_BANK_ACCOUNTS.iter().enumerate() {
            let added_at = self.now - (200 - 30 * index as i64) * 86_400;
            bank::insert(
                tx,
                &self.state.cipher,
                customer,
                (jane, "Jane Smith"),
                account,
                added_at,
            )
            .await?;
        }
        let filer = (Some(jane), "Jane Smith");
        let quiet = History {
            typical_tax_cents: 250_000,
            owed_cents: 0,
            last_return_missing: false,
            late_one_in: 0,
        };
        let year = self.today.year();
        // The tutorial's card: Sales & Use, annual filer, $100.00 balance. Two
        // years ago $666.67 was paid two weeks late (with its $6.67 of
        // interest): the 15 % penalty, $100.00, is still owed. Last year's
        // return is not filed: overdue, with its delinquency notice.
        let two_years_ago = date(year - 2, 12, 31);
        let due = self.rules.due_date(
            TaxType::SalesAndUse,
            FilingPeriod::new(FilingFrequency::Annual, two_years_ago).expect("a year"),
        )?;
        let filed_on = date(year - 1, 1, 20);
        self.account(
            tx,
            AccountPlan {
                customer,
                number: NATURAL_HEALTH_SALES,
                tax_type: TaxType::SalesAndUse,
                frequency: FilingFrequency::Annual,
                history: History {
                    typical_tax_cents: 1_840_000,
                    ..quiet
                },
                filer,
                stories: vec![
                    (
                        two_years_ago,
                        Story::Filed {
                            draft: None,
                            filed_on,
                            payments: vec![
                                (filed_on, Pay::TotalDueLess(66_667)),
                                (
                                    due.nominal.add_days(14).unwrap_or(due.effective),
                                    Pay::Cents(66_667 + 667),
                                ),
                            ],
                        },
                    ),
                    (date(year - 1, 12, 31), Story::Unfiled),
                ],
                amendment: None,
                older_periods: Vec::new(),
            },
        )
        .await?;
        // The admissions return paid $100.00 twenty days ago (a fact for Add
        // Access to Another Business), and one amended return. Dry cleaning
        // still owes on a bill from 2002, which cannot be paid online.
        let paid_on = self.today.add_days(-20).unwrap_or(self.today);
        let fact_period = month_before(paid_on);
        let amended_period = month_before(month_before(paid_on).add_months(-4).unwrap_or(paid_on));
        let plan = [
            (TaxType::Withholding, FilingFrequency::Quarterly, 5),
            (TaxType::WithholdingNonWage, FilingFrequency::Annual, 0),
            (TaxType::AdmissionsAndDues, FilingFrequency::Monthly, 0),
            (
                TaxType::DryCleaningEstablishment,
                FilingFrequency::Quarterly,
                0,
            ),
            (TaxType::PrepaidWirelessE911, FilingFrequency::Monthly, 0),
            (TaxType::Rental, FilingFrequency::Monthly, 12),
            (TaxType::RoomOccupancy, FilingFrequency::Monthly, 0),
            (TaxType::Tourism, FilingFrequency::Quarterly, 0),
        ];
        for (index, (tax_type, frequency, late_one_in)) in plan.into_iter().enumerate() {
            let number = format!("{:010}", 108_824_378 + 18 * index as u64);
            let admissions = tax_type == TaxType::AdmissionsAndDues;
            let old_bill = (tax_type == TaxType::DryCleaningEstablishment).then(|| {
                FilingPeriod::new(FilingFrequency::Quarterly, date(2002, 12, 31))
                    .expect("a quarter")
            });
            let mut stories = if admissions {
                vec![(
                    fact_period,
                    Story::Filed {
                        draft: Some(ReturnDraft::new(FormCode::O372).with(
                            "line_1",
                            &returns::dollars(facts::NATURAL_HEALTH_PAYMENT_CENTS * 10),
                        )),
                        filed_on: paid_on,
                        payments: vec![(paid_on, Pay::TotalDue)],
                    },
                )]
            } else {
                Vec::new()
            };
            if let Some(bill) = old_bill {
                stories.push((
                    bill.end(),
                    Story::Paper {
                        tax_cents: 125_000,
                        filed_on: date(2003, 1, 31),
                        payments: vec![(date(2003, 1, 31), 100_000)],
                    },
                ));
            }
            self.account(
                tx,
                AccountPlan {
                    customer,
                    number: &number,
                    tax_type,
                    frequency,
                    history: History {
                        late_one_in,
                        ..quiet
                    },
                    filer,
                    stories,
                    amendment: admissions.then_some(Amendment {
                        period_end: amended_period,
                        days_after_original: 25,
                        percent: 12,
                    }),
                    older_periods: old_bill.into_iter().collect(),
                },
            )
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
        let number = self.account_number();
        self.account(
            tx,
            AccountPlan {
                customer: firm,
                number: &number,
                tax_type: TaxType::Withholding,
                frequency: FilingFrequency::Quarterly,
                history: History {
                    typical_tax_cents: 1_200_000,
                    owed_cents: 0,
                    last_return_missing: false,
                    late_one_in: 8,
                },
                filer: (Some(admin), "Pat Morgan"),
                stories: Vec::new(),
                amendment: None,
                older_periods: Vec::new(),
            },
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
        if let Some(account) = bank::CLIENT_BANK_ACCOUNTS.get(index as usize) {
            let added_at = self.now - (90 + i64::from(index)) * 86_400;
            bank::insert(
                tx,
                &self.state.cipher,
                customer,
                (preparer, "Pat Morgan"),
                account,
                added_at,
            )
            .await?;
        }

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
                late_one_in: dice.range(6, 16),
            };
            // The second client amended one sales tax return last year.
            let amendment = (index == 1 && tax_type == TaxType::SalesAndUse).then(|| Amendment {
                period_end: date(self.today.year() - 1, 6, 30)
                    .end_of_month_after(match frequency {
                        FilingFrequency::Annual => 6,
                        _ => 0,
                    })
                    .unwrap_or(self.today),
                days_after_original: 40,
                percent: 8,
            });
            let number = self.account_number();
            let account = self
                .account(
                    tx,
                    AccountPlan {
                        customer,
                        number: &number,
                        tax_type,
                        frequency,
                        history,
                        filer: (Some(preparer), "Pat Morgan"),
                        stories: Vec::new(),
                        amendment,
                        older_periods: Vec::new(),
                    },
                )
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
}
