//! The preparer firm's security groups and secondary logons, and Jane's
//! Default group, so Manage Secondary Logons has something real to show.

use super::{Seeder, DEMO_PREPARER, DEMO_TAXPAYER};
use sqlx::AnyConnection;
use wire::{
    access::{AccessType, Level},
    secondary::DEFAULT_GROUP,
    tax::TaxType,
};

pub const DEMO_STAFF: &str = "LedgerlineStaff";
pub const DEMO_PAYROLL: &str = "LedgerlinePayroll";
pub const PAYROLL_GROUP: &str = "Payroll clients";

/// One secondary logon to seed.
struct Secondary<'a> {
    username: &'a str,
    name: &'a str,
    email: &'a str,
    group: i64,
    tax_types: Vec<(TaxType, Level)>,
}

impl Seeder<'_> {
    pub(super) async fn secondaries(&self, tx: &mut AnyConnection) -> anyhow::Result<()> {
        let jane = self.logon_id(tx, DEMO_TAXPAYER).await?;
        self.group(tx, jane, DEFAULT_GROUP, "", true).await?;

        let firm = self.logon_id(tx, DEMO_PREPARER).await?;
        let default = self.group(tx, firm, DEFAULT_GROUP, "", true).await?;
        let payroll = self
            .group(
                tx,
                firm,
                PAYROLL_GROUP,
                "Clients whose quarterly payroll returns the payroll desk files",
                false,
            )
            .await?;
        // Every third client with a payroll moves to the payroll desk's group.
        let payroll_clients: Vec<i64> = sqlx::query_scalar(
            "SELECT g.customer_id FROM access_grants g \
             JOIN tax_accounts a ON a.customer_id = g.customer_id AND a.tax_type = $2 \
             WHERE g.logon_id = $1 AND g.relationship = 'third_party' ORDER BY g.customer_id",
        )
        .bind(firm)
        .bind(TaxType::Withholding.code())
        .fetch_all(&mut *tx)
        .await?;
        for customer in payroll_clients.into_iter().step_by(3) {
            sqlx::query(
                "INSERT INTO customer_security (owner_logon_id, customer_id, group_id) VALUES ($1, $2, $3)",
            )
            .bind(firm)
            .bind(customer)
            .bind(payroll)
            .execute(&mut *tx)
            .await?;
        }

        let staff = Secondary {
            username: DEMO_STAFF,
            name: "Robin Chen",
            email: "robin.chen@ledgerline.example",
            group: default,
            tax_types: TaxType::ALL
                .into_iter()
                .map(|t| (t, Level::FileAndPay))
                .collect(),
        };
        let payroll_desk = Secondary {
            username: DEMO_PAYROLL,
            name: "Sam Ortiz",
            email: "sam.ortiz@ledgerline.example",
            group: payroll,
            tax_types: vec![(TaxType::Withholding, Level::FileAndPay)],
        };
        for secondary in [staff, payroll_desk] {
            self.secondary(tx, firm, secondary).await?;
        }
        Ok(())
    }

    async fn logon_id(&self, tx: &mut AnyConnection, username: &str) -> anyhow::Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT id FROM logons WHERE username_key = $1")
                .bind(username.to_lowercase())
                .fetch_one(&mut *tx)
                .await?,
        )
    }

    async fn group(
        &self,
        tx: &mut AnyConnection,
        owner: i64,
        name: &str,
        description: &str,
        is_default: bool,
    ) -> anyhow::Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO security_groups (owner_logon_id, name, name_key, description, is_default, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(owner)
        .bind(name)
        .bind(name.to_lowercase())
        .bind(description)
        .bind(i64::from(is_default))
        .bind(self.now)
        .fetch_one(&mut *tx)
        .await?)
    }

    /// An active Tax Administrator secondary logon with the demo password.
    async fn secondary(
        &self,
        tx: &mut AnyConnection,
        parent: i64,
        new: Secondary<'_>,
    ) -> anyhow::Result<()> {
        let id = self
            .logon(tx, new.username, new.name, new.email, None)
            .await?;
        sqlx::query(
            "UPDATE logons SET parent_logon_id = $1, secondary_access_type = $2, email_verified_at = $3 \
             WHERE id = $4",
        )
        .bind(parent)
        .bind(AccessType::TaxAdministrator.code())
        .bind(self.now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO secondary_logon_groups (logon_id, group_id) VALUES ($1, $2)")
            .bind(id)
            .bind(new.group)
            .execute(&mut *tx)
            .await?;
        for (tax_type, level) in new.tax_types {
            sqlx::query(
                "INSERT INTO secondary_tax_types (logon_id, tax_type, level) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(tax_type.code())
            .bind(level.code())
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }
}
