//! An account's three years of history: periods with due dates from the rule
//! rows, returns with their lines (worked out by `wire`, as the portal would
//! have), and payments on the ledger. Most returns are filed a few days early
//! and paid with the return; some are filed late, some paid late, some leave
//! a balance, and some periods are still unfiled. The processing step, run
//! month by month afterwards (`mod.rs`), posts the returns, assesses penalty
//! and interest and sends the delinquency notices, so every figure is the
//! portal's own.

use super::{dice::Dice, returns, Seeder};
use crate::{
    ledger,
    processing::batch::period_containing,
    returns::store::{self, NewReturn},
};
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use wire::{
    assessment::{assess, AssessInput, DatedAmount},
    period::FilingPeriod,
    returns::{
        amount_due, work_out, ComputedReturn, FilingContext, FormCode, ReturnDraft, ReturnKind,
    },
    rules::DueDate,
    tax::{FilingFrequency, TaxType},
    CivilDate, Money,
};

/// How an account's history looks.
#[derive(Clone, Copy)]
pub struct History {
    /// Tax per period, in cents, before the per-period variation.
    pub typical_tax_cents: u64,
    /// Balance left unpaid on the last ended period, in cents.
    pub owed_cents: i64,
    /// Whether the last ended period still has no return.
    pub last_return_missing: bool,
    /// About one period in this many is filed late, and one in this many paid late (0: never).
    pub late_one_in: u64,
}

/// How much a payment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pay {
    /// The return's total due (less what the account leaves owed).
    TotalDue,
    /// The return's total due less this many cents (a part paid late).
    TotalDueLess(i64),
    /// What the period owes that day, penalty and interest included (a late payment).
    OwedThatDay,
    Cents(i64),
}

/// A period whose story is told rather than drawn.
pub enum Story {
    /// No return.
    Unfiled,
    /// Filed on the day with these boxes (the usual sample when `None`), then paid.
    Filed {
        draft: Option<ReturnDraft>,
        filed_on: CivilDate,
        payments: Vec<(CivilDate, Pay)>,
    },
    /// A return filed on paper before the portal kept lines.
    Paper {
        tax_cents: i64,
        filed_on: CivilDate,
        payments: Vec<(CivilDate, i64)>,
    },
}

/// An amended return for one period, raising its tax by `percent`.
pub struct Amendment {
    pub period_end: CivilDate,
    pub days_after_original: i64,
    pub percent: i64,
}

/// One account to seed.
pub struct AccountPlan<'a> {
    pub customer: i64,
    pub number: &'a str,
    pub tax_type: TaxType,
    pub frequency: FilingFrequency,
    pub history: History,
    /// Who files its returns: logon id (none before the portal) and name.
    pub filer: (Option<i64>, &'a str),
    pub stories: Vec<(CivilDate, Story)>,
    pub amendment: Option<Amendment>,
    /// Periods older than the three years (a bill from before 2003).
    pub older_periods: Vec<FilingPeriod>,
}

impl Seeder<'_> {
    /// The account, its periods, returns and payments.
    pub(super) async fn account(
        &self,
        tx: &mut AnyConnection,
        plan: AccountPlan<'_>,
    ) -> anyhow::Result<i64> {
        let first_year = self.today.year() - 3;
        let first = CivilDate::new(first_year, 1, 1).expect("January 1st exists");
        let opened_on = plan
            .older_periods
            .iter()
            .map(|p| p.start())
            .min()
            .unwrap_or(first)
            .min(first);
        let account: i64 = sqlx::query_scalar(
            "INSERT INTO tax_accounts (customer_id, account_number, tax_type, frequency, status, opened_on) \
             VALUES ($1, $2, $3, $4, 'active', $5) RETURNING id",
        )
        .bind(plan.customer)
        .bind(plan.number)
        .bind(plan.tax_type.code())
        .bind(plan.frequency.code())
        .bind(opened_on.to_iso())
        .fetch_one(&mut *tx)
        .await?;

        let mut periods = plan.older_periods.clone();
        let mut next = period_containing(plan.frequency, first);
        while let Some(period) = next.filter(|p| p.start() <= self.today) {
            periods.push(period);
            next = period.next();
        }
        let ended = periods.iter().filter(|p| p.end() < self.today).count();
        let mut dice = Dice::new(plan.number.parse::<u64>().unwrap_or(0));
        let form = FormCode::for_tax_type(plan.tax_type);
        for (index, period) in periods.iter().enumerate() {
            let due = self.rules.due_date(plan.tax_type, *period)?;
            let period_id: i64 = sqlx::query_scalar(
                "INSERT INTO periods (account_id, period_start, period_end, due_date, due_nominal) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(account)
            .bind(period.start().to_iso())
            .bind(period.end().to_iso())
            .bind(due.effective.to_iso())
            .bind(due.nominal.to_iso())
            .fetch_one(&mut *tx)
            .await?;
            let variation = dice.range(70, 130);
            let tax = (plan.history.typical_tax_cents * variation / 100) as i64;
            let told = plan
                .stories
                .iter()
                .position(|(end, _)| *end == period.end());
            let drawn;
            let story = match told {
                Some(i) => &plan.stories[i].1,
                None => {
                    drawn = self.draw(&plan, *period, due, index + 1 == ended, &mut dice);
                    &drawn
                }
            };
            let target = Target {
                account,
                period_id,
                period: *period,
                due,
                tax_type: plan.tax_type,
                filer: plan.filer,
            };
            let owed = if index + 1 == ended {
                plan.history.owed_cents
            } else {
                0
            };
            let original = match (story, form) {
                (Story::Unfiled, _) => None,
                (
                    Story::Paper {
                        tax_cents,
                        filed_on,
                        payments,
                    },
                    _,
                ) => {
                    self.paper_return(tx, &target, *tax_cents, *filed_on)
                        .await?;
                    for (on, cents) in payments {
                        self.pay(tx, &target, *on, *cents).await?;
                    }
                    None
                }
                (Story::Filed { filed_on, .. }, None) => {
                    // Not filed online (Withholding Non-Wage): a paper return, paid.
                    self.paper_return(tx, &target, tax, *filed_on).await?;
                    self.pay(tx, &target, *filed_on, tax - owed).await?;
                    None
                }
                (
                    Story::Filed {
                        draft,
                        filed_on,
                        payments,
                    },
                    Some(form),
                ) => {
                    let draft = draft
                        .clone()
                        .unwrap_or_else(|| returns::sample(form, tax, &mut dice));
                    let filed = self.file(tx, &target, form, draft, *filed_on, owed).await?;
                    for (on, pay) in payments {
                        let cents = match pay {
                            Pay::TotalDue => filed.1.total_due().cents() - owed,
                            Pay::TotalDueLess(cents) => filed.1.total_due().cents() - *cents,
                            Pay::OwedThatDay => self.owed_on(tx, &target, *on).await?,
                            Pay::Cents(cents) => *cents,
                        };
                        self.pay(tx, &target, *on, cents).await?;
                    }
                    Some(filed)
                }
            };
            if let (Some(amendment), Some((original_id, computed, filed_on)), Some(form)) =
                (&plan.amendment, &original, form)
            {
                if amendment.period_end == period.end() {
                    self.amend(
                        tx,
                        &target,
                        form,
                        (*original_id, computed, *filed_on),
                        amendment,
                        &mut dice,
                    )
                    .await?;
                }
            }
        }
        Ok(account)
    }

    /// The usual story of a period, drawn with the dice.
    fn draw(
        &self,
        plan: &AccountPlan<'_>,
        period: FilingPeriod,
        due: DueDate,
        last_ended: bool,
        dice: &mut Dice,
    ) -> Story {
        if period.end() >= self.today || (last_ended && plan.history.last_return_missing) {
            return Story::Unfiled;
        }
        let late = plan.history.late_one_in;
        let roll = if late > 0 { dice.range(0, late) } else { 1 };
        let early = dice.range(1, 12) as i64;
        let after_end = |date: CivilDate| date.max(period.end().add_days(1).unwrap_or(date));
        let (filed_on, paid_on) = match roll {
            // Filed late, paid with the return.
            0 => {
                let filed = due.effective.add_days(dice.range(5, 45) as i64);
                (filed, filed)
            }
            // Filed on time, paid late.
            1 if late > 2 => {
                let filed = after_end(due.effective.add_days(-early).unwrap_or(due.effective));
                (
                    Some(filed),
                    due.effective.add_days(dice.range(5, 30) as i64),
                )
            }
            _ => {
                let filed = after_end(due.effective.add_days(-early).unwrap_or(due.effective));
                (Some(filed), Some(filed))
            }
        };
        // A payment still to come is made with the return instead.
        let paid_on = paid_on.filter(|paid| *paid < self.today).or(filed_on);
        match (filed_on, paid_on) {
            (Some(filed), Some(paid)) if filed < self.today => Story::Filed {
                draft: None,
                filed_on: filed,
                payments: vec![(
                    paid,
                    if paid > filed {
                        Pay::OwedThatDay
                    } else {
                        Pay::TotalDue
                    },
                )],
            },
            _ => Story::Unfiled,
        }
    }

    async fn paper_return(
        &self,
        tx: &mut AnyConnection,
        target: &Target<'_>,
        tax_cents: i64,
        filed_on: CivilDate,
    ) -> anyhow::Result<()> {
        let filed_at = self.instant_on(filed_on, target.period_id);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO tax_returns (period_id, kind, confirmation_number, tax_cents, filed_at, \
               total_due_cents, filed_by_name, filed_on) \
             VALUES ($1, 'original', $2, $3, $4, $3, 'Filed on paper', $5) RETURNING id",
        )
        .bind(target.period_id)
        .bind(format!("pending paper {}", target.period_id))
        .bind(tax_cents)
        .bind(filed_at)
        .bind(filed_on.to_iso())
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE tax_returns SET confirmation_number = $1 WHERE id = $2")
            .bind(store::confirmation_number(id))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Ok(())
    }

    /// Files the original return; CT-941's deposits are made during the
    /// quarter (the last one short by what the account leaves owed).
    async fn file(
        &self,
        tx: &mut AnyConnection,
        target: &Target<'_>,
        form: FormCode,
        mut draft: ReturnDraft,
        filed_on: CivilDate,
        owed: i64,
    ) -> anyhow::Result<(i64, ComputedReturn, CivilDate)> {
        let mut filed_on = filed_on;
        let mut paid = Vec::new();
        if form == FormCode::Ct941 {
            let months: Vec<i64> = ["month_1", "month_2", "month_3"]
                .iter()
                .map(|k| {
                    draft
                        .values
                        .get(*k)
                        .and_then(|t| Money::parse_input(t).ok())
                        .map(Money::cents)
                        .unwrap_or(0)
                })
                .collect();
            let mut deposited = 0;
            for (month, cents) in months.iter().enumerate() {
                let short = if month == 2 { owed.min(*cents) } else { 0 };
                let on = target
                    .period
                    .start()
                    .add_months(month as i32 + 1)
                    .and_then(|d| d.add_days(14))
                    .unwrap_or(filed_on);
                if on < self.today {
                    self.pay(tx, target, on, cents - short).await?;
                    paid.push(DatedAmount {
                        on,
                        amount: Money::from_cents(cents - short),
                    });
                    deposited += cents - short;
                }
                filed_on = filed_on.max(on.add_days(1).unwrap_or(on));
            }
            draft = returns::with_deposits(draft, deposited);
        }
        let context = self.filing_context(target, form, filed_on, ReturnKind::Original, paid);
        let computed = work_out(&draft, &context).map_err(|errors| {
            anyhow::anyhow!(
                "the demo return for period {} does not work out: {errors:?}",
                target.period.end()
            )
        })?;
        let id = self
            .insert_return(
                tx,
                target,
                &draft.values,
                (&computed, &context),
                filed_on,
                None,
            )
            .await?;
        Ok((id, computed, filed_on))
    }

    async fn amend(
        &self,
        tx: &mut AnyConnection,
        target: &Target<'_>,
        form: FormCode,
        (original_id, original, original_on): (i64, &ComputedReturn, CivilDate),
        amendment: &Amendment,
        dice: &mut Dice,
    ) -> anyhow::Result<()> {
        let on = original_on
            .add_days(amendment.days_after_original)
            .unwrap_or(original_on);
        if on >= self.today {
            return Ok(());
        }
        let tax = original.tax().cents() * (100 + amendment.percent) / 100;
        let draft = returns::sample(form, tax, dice);
        let paid = ledger::read::period_ledgers(tx, &[target.period_id])
            .await?
            .pop()
            .map(|ledger| ledger.assess_input(on).payments)
            .unwrap_or_default();
        let mut context = self.filing_context(target, form, on, ReturnKind::Amended, paid);
        context.first_filed_on = Some(original_on);
        context.prior_tax = original.tax();
        let computed = work_out(&draft, &context)
            .map_err(|errors| anyhow::anyhow!("the demo amendment: {errors:?}"))?;
        self.insert_return(
            tx,
            target,
            &draft.values,
            (&computed, &context),
            on,
            Some(original_id),
        )
        .await?;
        let due = amount_due(&computed, &context).cents();
        if due > 0 {
            self.pay(tx, target, on, due).await?;
        }
        Ok(())
    }

    fn filing_context(
        &self,
        target: &Target<'_>,
        form: FormCode,
        today: CivilDate,
        kind: ReturnKind,
        payments: Vec<DatedAmount>,
    ) -> FilingContext {
        FilingContext {
            tax_type: target.tax_type,
            form,
            period: target.period,
            due: target.due,
            kind,
            today,
            first_filed_on: None,
            payments,
            penalty_assessed: Money::ZERO,
            interest_assessed: Money::ZERO,
            prior_tax: Money::ZERO,
            rules: self.rules.clone(),
        }
    }

    async fn insert_return(
        &self,
        tx: &mut AnyConnection,
        target: &Target<'_>,
        values: &BTreeMap<String, String>,
        (computed, context): (&ComputedReturn, &FilingContext),
        filed_on: CivilDate,
        amends: Option<i64>,
    ) -> anyhow::Result<i64> {
        let key = crate::crypto::random_token();
        store::insert(
            tx,
            &NewReturn {
                period_id: target.period_id,
                kind: if amends.is_some() {
                    ReturnKind::Amended
                } else {
                    ReturnKind::Original
                },
                form: context.form,
                entries: values,
                computed,
                amount_due: amount_due(computed, context),
                amends_return_id: amends,
                idempotency_key: &key,
                filed_at: self.instant_on(filed_on, target.period_id),
                filed_on,
                filed_by: target.filer,
            },
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("a demo return was filed twice"))
    }

    /// A payment on the ledger (nothing for a day still to come).
    async fn pay(
        &self,
        tx: &mut AnyConnection,
        target: &Target<'_>,
        on: CivilDate,
        cents: i64,
    ) -> anyhow::Result<()> {
        if cents <= 0 || on >= self.today {
            return Ok(());
        }
        // The last year's payments are also in `payments`, where Add Access
        // to Another Business finds "the amount of a recent payment".
        let payment_id =
            if on > self.today.add_days(-365).unwrap_or(on) {
                let id: i64 = sqlx::query_scalar(
                "INSERT INTO payments (account_id, period_id, amount_cents, payment_date, status, \
                   confirmation_number, submitted_by_logon_id, created_at) \
                 VALUES ($1, $2, $3, $4, 'processed', $5, $6, $7) RETURNING id",
            )
            .bind(target.account)
            .bind(target.period_id)
            .bind(cents)
            .bind(on.to_iso())
            .bind(format!("PF{}{}", target.period_id, on.to_iso().replace('-', "")))
            .bind(target.filer.0)
            .bind(self.instant_on(on, target.period_id))
            .fetch_one(&mut *tx)
            .await?;
                Some(id)
            } else {
                None
            };
        ledger::post_payment(
            tx,
            (target.period_id, target.account),
            payment_id,
            Money::from_cents(cents),
            (on, on),
            self.now,
        )
        .await?;
        Ok(())
    }

    /// What the period owes on `on`: its tax with penalty and interest to
    /// that day, less what was paid.
    async fn owed_on(
        &self,
        tx: &mut AnyConnection,
        target: &Target<'_>,
        on: CivilDate,
    ) -> anyhow::Result<i64> {
        let ledger = ledger::read::period_ledgers(tx, &[target.period_id])
            .await?
            .pop()
            .ok_or_else(|| anyhow::anyhow!("the period just made"))?;
        // The returns are not posted yet: the tax is the original's.
        let tax: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(tax_cents), 0) AS BIGINT) FROM tax_returns \
             WHERE period_id = $1 AND kind = 'original'",
        )
        .bind(target.period_id)
        .fetch_one(&mut *tx)
        .await?;
        let input = AssessInput {
            tax_due: Money::from_cents(tax),
            ..ledger.assess_input(on)
        };
        let assessment = assess(&input, &self.rules)?;
        Ok(assessment.balance.cents())
    }

    /// A moment on `day` in business hours, Hartford time.
    pub(super) fn instant_on(&self, day: CivilDate, salt: i64) -> i64 {
        let start = wire::hartford::start_of(day).unwrap_or(self.now);
        start + 9 * 3600 + (salt.unsigned_abs() * 7_919 % (7 * 3600)) as i64
    }
}

/// The period being seeded.
pub struct Target<'a> {
    pub account: i64,
    pub period_id: i64,
    pub period: FilingPeriod,
    pub due: DueDate,
    pub tax_type: TaxType,
    pub filer: (Option<i64>, &'a str),
}
