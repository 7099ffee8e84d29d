//! The rules of [`super::rules`] as SQL, so that every list is scoped in its
//! query: a preparer's list holds only its clients, a secondary logon's only its
//! groups' customers. The property tests check these queries against the same
//! independent model as the rules.

use super::rules::access_type_in_effect;
use crate::db::Db;
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
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM access_grants g WHERE {REACHED_BY_HOLDER}"
    ))
    .bind(logon_id)
    .bind(today.to_iso())
    .bind(holder)
    .fetch_one(db)
    .await
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
    sqlx::query_scalar(&format!(
        "SELECT g.customer_id FROM access_grants g JOIN customers c ON c.id = g.customer_id \
         WHERE {REACHED_BY_HOLDER} \
         ORDER BY CASE g.relationship WHEN 'own' THEN 0 ELSE 1 END, c.legal_name_key, c.id \
         LIMIT 1"
    ))
    .bind(logon_id)
    .bind(today.to_iso())
    .bind(holder)
    .fetch_optional(db)
    .await
}

/// The search condition and order of a customer list; `$4`/`$5` are the search
/// text when there is one. Name matches anywhere in the legal name; a number
/// matches the start of the CT Tax Registration Number.
pub fn search_clause(search: &CustomerSearch) -> (String, String, Option<(String, String)>) {
    let filter = if search.text.is_some() {
        " AND (c.legal_name_key LIKE $4 OR c.reg_number LIKE $5)"
    } else {
        ""
    };
    let column = match search.sort {
        CustomerSort::Name => "c.legal_name_key",
        CustomerSort::RegNumber => "c.reg_number",
    };
    let dir = match search.dir {
        SortDirection::Ascending => "ASC",
        SortDirection::Descending => "DESC",
    };
    let binds = search.text.as_ref().map(|text| {
        let escaped = text.replace(['%', '_'], "");
        // A number is typed as printed, "214-2214-4000", and stored as digits.
        let number = escaped.replace([' ', '-'], "");
        (format!("%{escaped}%"), format!("{number}%"))
    });
    (
        filter.to_owned(),
        format!(" ORDER BY {column} {dir}, c.id {dir}"),
        binds,
    )
}

/// The rules of [`super::rules`] as SQL: grant `g` of holder `$3` reaches
/// `g.customer_id` for logon `$1` today (`$2`). The holder (the logon, or a
/// secondary logon's parent) comes from [`holder_of`] so the grant index can
/// be used directly; the first EXISTS checks it again, so a wrong `$3` reaches
/// nothing.
pub const REACHED_BY_HOLDER: &str = "g.logon_id = $3 AND g.status = 'active' \
       AND (g.ends_on IS NULL OR g.ends_on >= $2) \
       AND EXISTS (SELECT 1 FROM logons me, logons h WHERE me.id = $1 AND h.id = $3 \
         AND h.id = COALESCE(me.parent_logon_id, me.id) AND me.status IN ('active', 'locked') \
         AND h.status IN ('active', 'locked') AND h.parent_logon_id IS NULL) \
       AND ($1 = $3 OR EXISTS ( \
         SELECT 1 FROM secondary_logon_groups sg \
         WHERE sg.logon_id = $1 AND sg.group_id = COALESCE( \
           (SELECT cs.group_id FROM customer_security cs \
             WHERE cs.owner_logon_id = $3 AND cs.customer_id = g.customer_id), \
           (SELECT dg.id FROM security_groups dg \
             WHERE dg.owner_logon_id = $3 AND dg.is_default = 1))))";

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
    let today_iso = today.to_iso();
    let (filter, order, binds) = search_clause(search);
    // Without a search the count is the total; with one it only picks the plan,
    // so counting stops once it is large enough to matter.
    let reached: i64 = if binds.is_none() {
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
        "customers c CROSS JOIN access_grants g WHERE g.customer_id = c.id AND"
    } else {
        "access_grants g JOIN customers c ON c.id = g.customer_id WHERE"
    };
    let (limit, offset) = if binds.is_some() {
        ("$6", "$7")
    } else {
        ("$4", "$5")
    };
    let list_sql = format!(
        "SELECT c.id, c.legal_name, c.reg_number, g.access_type, g.relationship, \
           (SELECT cs.group_id FROM customer_security cs \
             WHERE cs.owner_logon_id = $3 AND cs.customer_id = c.id) \
         FROM {from} {REACHED_BY_HOLDER}{filter}{order} LIMIT {limit} OFFSET {offset}"
    );
    type Row = (i64, String, String, String, String, Option<i64>);
    let mut list = sqlx::query_as::<_, Row>(&list_sql)
        .bind(logon_id)
        .bind(&today_iso)
        .bind(holder);
    if let Some((name, number)) = &binds {
        list = list.bind(name.clone()).bind(number.clone());
    }
    let rows = list
        .bind(i64::from(search.page_size))
        .bind(search.offset())
        .fetch_all(db)
        .await?;
    let total = match &binds {
        None => reached,
        Some((name, number)) => {
            sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM {from} {REACHED_BY_HOLDER}{filter}"
            ))
            .bind(logon_id)
            .bind(&today_iso)
            .bind(holder)
            .bind(name.clone())
            .bind(number.clone())
            .fetch_one(db)
            .await?
        }
    };
    let secondary = secondary_own.is_some();
    let rows = rows
        .into_iter()
        .filter_map(
            |(customer_id, legal_name, reg_number, held, relationship, group)| {
                let held = AccessType::from_code(&held)?;
                let access_type = access_type_in_effect(held, secondary_own);
                Some(ReachedRow {
                    customer_id,
                    legal_name,
                    reg_number,
                    access_type,
                    relationship: if secondary {
                        Relationship::Secondary
                    } else {
                        Relationship::from_code(&relationship)?
                    },
                    holder_group: group,
                })
            },
        )
        .collect();
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
        let (_, _, binds) = search_clause(&search);
        assert_eq!(binds.unwrap().0, "%50OFF%");
    }

    #[test]
    fn a_registration_number_is_found_as_printed_with_dashes() {
        let search = CustomerQuery {
            q: Some("214-2214 4".into()),
            ..Default::default()
        }
        .parse()
        .unwrap();
        let (_, _, binds) = search_clause(&search);
        assert_eq!(binds.unwrap().1, "21422144%");
    }
}
