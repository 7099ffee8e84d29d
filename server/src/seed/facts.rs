//! The facts only a business and the agency share, which Add Access to Another
//! Business asks for: letters with Letter IDs for every seeded customer (their
//! processed payments of the last year come with their returns). Also HARBOR
//! VIEW BAKERY LLC, a business with no Master Administrator yet, so a demo user
//! can claim it; it paid $250.00 with a return 35 days ago.

use super::{
    dice::Dice, month_before, returns, AccountPlan, History, NewCustomer, Pay, Seeder, Story,
    NATURAL_HEALTH_REG,
};
use sqlx::AnyConnection;
use wire::{
    returns::{FormCode, ReturnDraft},
    tax::{FilingFrequency, TaxType},
};

pub const HARBOR_VIEW_REG: &str = "21422155000";
pub const HARBOR_VIEW_NAME: &str = "HARBOR VIEW BAKERY LLC";
/// Printed on a NATURAL HEALTH LLC letter (the browser tests quote it).
pub const NATURAL_HEALTH_LETTER_ID: &str = "L000000144";
pub const NATURAL_HEALTH_PAYMENT_CENTS: i64 = 10_000;
pub const HARBOR_VIEW_LETTER_ID: &str = "L000000155";
pub const HARBOR_VIEW_PAYMENT_CENTS: i64 = 25_000;

const DAY: i64 = 86_400;

/// Letters every business gets, in turn.
const LETTERS: [(&str, &str); 3] = [
    (
        "We received your return",
        "Thank you for filing. We processed your return and will write again if we need anything.",
    ),
    (
        "Keep your business information up to date",
        "Check your mailing address and contact details under Settings so our letters reach you.",
    ),
    (
        "Your filing reminder",
        "Returns and payments are due on the last day of the month after each period ends.",
    ),
];

impl Seeder<'_> {
    pub(super) async fn facts(&mut self, tx: &mut AnyConnection) -> anyhow::Result<()> {
        let harbor_view = self.harbor_view(tx).await?;
        let customers: Vec<i64> = sqlx::query_scalar("SELECT id FROM customers ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
        for customer in customers {
            self.letters(tx, customer).await?;
        }

        let natural_health: i64 =
            sqlx::query_scalar("SELECT id FROM customers WHERE reg_number = $1")
                .bind(NATURAL_HEALTH_REG)
                .fetch_one(&mut *tx)
                .await?;
        for (customer, letter_id, days_ago) in [
            (natural_health, NATURAL_HEALTH_LETTER_ID, 20),
            (harbor_view, HARBOR_VIEW_LETTER_ID, 35),
        ] {
            self.letter(
                tx,
                customer,
                letter_id,
                LETTERS[1],
                self.now - days_ago * DAY,
            )
            .await?;
        }
        Ok(())
    }

    /// A bakery with a Sales & Use account and nobody managing it yet.
    async fn harbor_view(&mut self, tx: &mut AnyConnection) -> anyhow::Result<i64> {
        let customer = self
            .customer(
                tx,
                NewCustomer {
                    reg_number: HARBOR_VIEW_REG,
                    legal_name: HARBOR_VIEW_NAME,
                    kind: "business",
                    fein: "06-5550155",
                    line1: "12 HARBOR VIEW RD",
                    city: "NEW HAVEN",
                    zip: "06512-1001",
                },
            )
            .await?;
        let number = self.account_number();
        let paid_on = self.today.add_days(-35).unwrap_or(self.today);
        let receipts = returns::base_for_tax(HARBOR_VIEW_PAYMENT_CENTS, 635);
        self.account(
            tx,
            AccountPlan {
                customer,
                number: &number,
                tax_type: TaxType::SalesAndUse,
                frequency: FilingFrequency::Monthly,
                history: History {
                    typical_tax_cents: 310_000,
                    owed_cents: 0,
                    last_return_missing: false,
                    late_one_in: 0,
                },
                filer: (None, "Filed by the business before it used the portal"),
                stories: vec![(
                    month_before(paid_on),
                    Story::Filed {
                        draft: Some(
                            ReturnDraft::new(FormCode::Os114)
                                .with("line_1-general", &returns::dollars(receipts)),
                        ),
                        filed_on: paid_on,
                        payments: vec![(paid_on, Pay::TotalDue)],
                    },
                )],
                amendment: None,
                older_periods: Vec::new(),
            },
        )
        .await?;
        Ok(customer)
    }

    /// Two letters from the last months, with Letter IDs derived from the customer.
    async fn letters(&self, tx: &mut AnyConnection, customer: i64) -> anyhow::Result<()> {
        let mut dice = Dice::new(customer as u64 * 31 + 7);
        for n in 0..2 {
            let letter_id = format!("L{:09}", 100_000_000 + customer * 10 + n);
            let sent_at =
                self.now - dice.range(3, 300) as i64 * DAY - dice.range(0, DAY as u64) as i64;
            let words = LETTERS[(customer + n) as usize % LETTERS.len()];
            self.letter(tx, customer, &letter_id, words, sent_at)
                .await?;
        }
        Ok(())
    }

    async fn letter(
        &self,
        tx: &mut AnyConnection,
        customer: i64,
        letter_id: &str,
        (subject, body): (&str, &str),
        sent_at: i64,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO messages (customer_id, letter_id, subject, body, sent_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(customer)
        .bind(letter_id)
        .bind(subject)
        .bind(body)
        .bind(sent_at)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }
}
