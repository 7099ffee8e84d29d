//! The rules of [`super::rules`] as SQL, so that every list is scoped in its
//! query: a preparer's list holds only its clients, a secondary logon's only its
//! groups' customers. The property tests check these queries against the same
//! independent model as the rules.

use super::rules::access_type_in_effect;
use crate::db::{self, Db, Sql};
use wire::{
    access::{AccessType, CustomerRow, CustomerSearch, CustomerSort, Relationship, SortDirection},
    CivilDate,
};

/// How many customers this logon may reach now.
pub async fn reachable_customer_count(
    db: &Db,
    logon_id: i64,
    today: CivilDate,
) -> sqlx::Result<i64> {
    let Some((holder, _)) = holder_of(db, logon_id).await? else {
        return Ok(0);
    };
    let mut sql = Sql::new("SELECT COUNT(*) FROM access_grants g WHERE ");
    let reached = Reached::bind(&mut sql, logon_id, today, holder).condition();
    sql.push(&reached);
    sql.query_scalar().fetch_one(db).await
}

/// The customer a fresh session starts on: the logon's own business first, then
/// the first by name.
pub async fn default_customer(
    db: &Db,
    logon_id: i64,
    today: CivilDate,
) -> sqlx::Result<Option<i64>> {
    let Some((holder, _)) = holder_of(db, logon_id).await? else {
        return Ok(None);
    };
    let mut sql = Sql::new(
        "SELECT g.customer_id FROM access_grants g JOIN customers c ON c.id = g.customer_id WHERE ",
    );
    let reached = Reached::bind(&mut sql, logon_id, today, holder).condition();
    sql.push(&reached).push(
        " ORDER BY CASE g.relationship WHEN 'own' THEN 0 ELSE 1 END, c.legal_name_key, c.id LIMIT 1",
    );
    sql.query_scalar().fetch_optional(db).await
}

/// The search condition of a customer list, bound into `sql`, and its order.
/// Name matches anywhere in the legal name; a number matches the start of the
/// CT Tax Registration Number.
pub fn search_clause(sql: &mut Sql, search: &CustomerSearch) -> String {
    if let Some((name, number)) = search_patterns(search) {
        let name = sql.arg(name);
        let number = sql.arg(number);
        sql.push(&format!(
            " AND (c.legal_name_key LIKE {name} OR c.reg_number LIKE {number})"
        ));
    }
    let column = match search.sort {
        CustomerSort::Name => "c.legal_name_key",
        CustomerSort::RegNumber => "c.reg_number",
    };
    let dir = match search.dir {
        SortDirection::Ascending => "ASC",
        SortDirection::Descending => "DESC",
    };
    format!(" ORDER BY {column} {dir}, c.id {dir}")
}

/// The LIKE patterns of the search text: (legal name, registration number).
fn search_patterns(search: &CustomerSearch) -> Option<(String, String)> {
    search.text.as_ref().map(|text| {
        let escaped = text.replace(['%', '_'], "");
        // A number is typed as printed, "214-2214-4000", and stored as digits.
        let number = escaped.replace([' ', '-'], "");
        (format!("%{escaped}%"), format!("{number}%"))
    })
}

/// The placeholders of the three values the reach rule reads.
pub struct Reached {
    logon: String,
    today: String,
    holder: String,
}

impl Reached {
    /// Binds the logon, today and the holder (from [`holder_of`]) into `sql`.
    pub fn bind(sql: &mut Sql, logon_id: i64, today: CivilDate, holder: i64) -> Self {
        Reached {
            logon: sql.arg(logon_id),
            today: sql.arg(today.to_iso()),
            holder: sql.arg(holder),
        }
    }

    /// The rules of [`super::rules`] as SQL: grant `g` of the holder reaches
    /// `g.customer_id` for the logon today. The holder (the logon, or a
    /// secondary logon's parent) is bound apart so the grant index can be
    /// used directly; the first EXISTS checks it again, so a wrong holder
    /// reaches nothing.
    pub fn condition(&self) -> String {
        let Reached {
            logon: me,
            today,
            holder: h,
        } = self;
        format!(
            "g.logon_id = {h} AND g.status = 'active' \
       AND (g.ends_on IS NULL OR g.ends_on >= {today}) \
       AND EXISTS (SELECT 1 FROM logons me, logons h WHERE me.id = {me} AND h.id = {h} \
         AND h.id = COALESCE(me.parent_logon_id, me.id) AND me.status IN ('active', 'locked') \
         AND h.status IN ('active', 'locked') AND h.parent_logon_id IS NULL) \
       AND ({me} = {h} OR EXISTS ( \
         SELECT 1 FROM secondary_logon_groups sg \
         WHERE sg.logon_id = {me} AND sg.group_id = COALESCE( \
           (SELECT cs.group_id FROM customer_security cs \
             WHERE cs.owner_logon_id = {h} AND cs.customer_id = g.customer_id), \
           (SELECT dg.id FROM security_groups dg \
             WHERE dg.owner_logon_id = {h} AND dg.is_default = 1))))"
        )
    }

    /// The holder's placeholder, for conditions of its own.
    pub fn holder(&self) -> &str {
        &self.holder
    }
}

/// Past this many customers a list walks the customers in the order asked for
/// and looks each one's grant up, instead of sorting every grant: the first
/// page of 100,000 clients then reads 25 rows, not 100,000.
const WALK_CUSTOMERS_FROM: i64 = 500;

/// The logon whose grants count for `logon_id`: itself, or its parent.
/// With it, a secondary logon's own access type (`None` for any other logon).
pub async fn holder_of(db: &Db, logon_id: i64) -> sqlx::Result<Option<(i64, Option<AccessType>)>> {
    let row: Option<(Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT parent_logon_id, secondary_access_type FROM logons WHERE id = $1")
            .bind(logon_id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(parent, own)| match parent {
        None => (logon_id, None),
        // A secondary logon without a type set has the lesser one, as in `load_facts`.
        Some(parent) => (
            parent,
            Some(
                own.as_deref()
                    .and_then(AccessType::from_code)
                    .unwrap_or(AccessType::TaxAdministrator),
            ),
        ),
    }))
}

/// One customer of a list, with what the logon holds there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachedRow {
    pub customer_id: i64,
    pub legal_name: String,
    pub reg_number: String,
    pub access_type: AccessType,
    pub relationship: Relationship,
    /// The holder's Customer Security group for the customer (None: Default).
    pub holder_group: Option<i64>,
}

/// One page of the customers this logon reaches, and how many match in all.
pub async fn reached_page(
    db: &Db,
    logon_id: i64,
    today: CivilDate,
    search: &CustomerSearch,
) -> sqlx::Result<(Vec<ReachedRow>, i64)> {
    let Some((holder, secondary_own)) = holder_of(db, logon_id).await? else {
        return Ok((Vec::new(), 0));
    };
    let searching = search.text.is_some();
    // Without a search the count is the total; with one it only picks the plan,
    // so counting stops once it is large enough to matter.
    let reached: i64 = if !searching {
        reachable_customer_count(db, logon_id, today).await?
    } else {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM access_grants WHERE logon_id = $1 LIMIT $2) t",
        )
        .bind(holder)
        .bind(WALK_CUSTOMERS_FROM)
        .fetch_one(db)
        .await?
    };
    let from = if reached >= WALK_CUSTOMERS_FROM {
        // CROSS JOIN keeps SQLite's join order: customers by the sort's index first.
        "customers c CROSS JOIN access_grants g WHERE g.customer_id = c.id AND "
    } else {
        "access_grants g JOIN customers c ON c.id = g.customer_id WHERE "
    };
    let mut filter = Sql::new(&format!("FROM {from}"));
    let rule = Reached::bind(&mut filter, logon_id, today, holder);
    filter.push(&rule.condition());
    let order = search_clause(&mut filter, search);

    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        legal_name: String,
        reg_number: String,
        access_type: String,
        relationship: String,
        holder_group: Option<i64>,
    }
    let mut list = filter.prefixed(&format!(
        "SELECT c.id, c.legal_name, c.reg_number, g.access_type, g.relationship, \
           (SELECT cs.group_id FROM customer_security cs \
             WHERE cs.owner_logon_id = {holder} AND cs.customer_id = c.id) AS holder_group ",
        holder = rule.holder(),
    ));
    list.push(&order)
        .push(" LIMIT ")
        .push_arg(i64::from(search.page_size))
        .push(" OFFSET ")
        .push_arg(search.offset());
    let rows: Vec<Row> = list.query_as().fetch_all(db).await?;
    let total = if searching {
        filter
            .prefixed("SELECT COUNT(*) ")
            .query_scalar()
            .fetch_one(db)
            .await?
    } else {
        reached
    };
    let secondary = secondary_own.is_some();
    let rows = rows
        .into_iter()
        .map(|row| {
            let held = db::decode("access_type", &row.access_type, AccessType::from_code)?;
            Ok(ReachedRow {
                customer_id: row.id,
                legal_name: row.legal_name,
                reg_number: row.reg_number,
                access_type: access_type_in_effect(held, secondary_own),
                relationship: if secondary {
                    Relationship::Secondary
                } else {
                    db::decode("relationship", &row.relationship, Relationship::from_code)?
                },
                holder_group: row.holder_group,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok((rows, total))
}

/// One page of the Customers list (the client switcher).
pub async fn customer_page(
    db: &Db,
    logon_id: i64,
    today: CivilDate,
    search: &CustomerSearch,
) -> sqlx::Result<(Vec<CustomerRow>, i64)> {
    let (rows, total) = reached_page(db, logon_id, today, search).await?;
    let rows = rows
        .into_iter()
        .map(|row| CustomerRow {
            id: row.customer_id,
            legal_name: row.legal_name,
            reg_number: row.reg_number,
            access_type: row.access_type,
            relationship: row.relationship,
        })
        .collect();
    Ok((rows, total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::access::CustomerQuery;

    #[test]
    fn search_text_cannot_smuggle_wildcards() {
        let search = CustomerQuery {
            q: Some("50%_off".into()),
            ..Default::default()
        }
        .parse()
        .unwrap();
        let mut sql = Sql::new("");
        search_clause(&mut sql, &search);
        assert_eq!(search_patterns(&search).unwrap().0, "%50OFF%");
        assert_eq!(
            sql.text(),
            " AND (c.legal_name_key LIKE $1 OR c.reg_number LIKE $2)"
        );
    }

    #[test]
    fn a_registration_number_is_found_as_printed_with_dashes() {
        let search = CustomerQuery {
            q: Some("214-2214 4".into()),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(search_patterns(&search).unwrap().1, "21422144%");
    }
}
