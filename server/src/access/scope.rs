//! The rules of [`super::rules`] as SQL, so that every list is scoped in its
//! query: a preparer's list holds only its clients, a secondary logon's only its
//! groups' customers. The property tests check these queries against the same
//! independent model as the rules.

use crate::db::Db;
use wire::{
    access::{AccessType, CustomerRow, CustomerSearch, CustomerSort, Relationship, SortDirection},
    CivilDate,
};

/// The grants `g` (joined with customers `c`) through which logon `me` reaches
/// a customer today. `$1` is the logon id, `$2` today's ISO date; queries using
/// it bind those two first. The holder `h` is the logon itself, or a secondary
/// logon's parent.
pub const REACHABLE: &str = "logons me \
     JOIN logons h ON h.id = COALESCE(me.parent_logon_id, me.id) \
     JOIN access_grants g ON g.logon_id = h.id \
     JOIN customers c ON c.id = g.customer_id \
     WHERE me.id = $1 AND me.status = 'active' AND h.status = 'active' \
       AND h.parent_logon_id IS NULL \
       AND g.status = 'active' AND (g.ends_on IS NULL OR g.ends_on >= $2) \
       AND (me.parent_logon_id IS NULL OR EXISTS ( \
         SELECT 1 FROM secondary_logon_groups sg \
         WHERE sg.logon_id = me.id AND sg.group_id = COALESCE( \
           (SELECT cs.group_id FROM customer_security cs \
             WHERE cs.owner_logon_id = h.id AND cs.customer_id = g.customer_id), \
           (SELECT dg.id FROM security_groups dg \
             WHERE dg.owner_logon_id = h.id AND dg.is_default = 1))))";

/// The access type in effect, as [`super::rules::Facts::access_type`] decides it.
pub const ACCESS_TYPE: &str = "CASE WHEN me.parent_logon_id IS NULL THEN g.access_type \
     WHEN me.secondary_access_type = 'master_administrator' \
       AND g.access_type = 'master_administrator' THEN 'master_administrator' \
     ELSE 'tax_administrator' END";

/// The relationship shown, as [`super::rules::Facts::relationship`] decides it.
pub const RELATIONSHIP: &str =
    "CASE WHEN me.parent_logon_id IS NULL THEN g.relationship ELSE 'secondary' END";

/// How many customers this logon may reach now.
pub async fn reachable_customer_count(
    db: &Db,
    logon_id: i64,
    today: CivilDate,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {REACHABLE}"))
        .bind(logon_id)
        .bind(today.to_iso())
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
    sqlx::query_scalar(&format!(
        "SELECT g.customer_id FROM {REACHABLE} \
         ORDER BY CASE g.relationship WHEN 'own' THEN 0 ELSE 1 END, c.legal_name_key, c.id \
         LIMIT 1"
    ))
    .bind(logon_id)
    .bind(today.to_iso())
    .fetch_optional(db)
    .await
}

/// The search condition and order of a customer list; `$3` is the search text
/// when there is one. Name matches anywhere in the legal name; a number matches
/// the start of the CT Tax Registration Number.
pub fn search_clause(search: &CustomerSearch) -> (String, Option<(String, String)>) {
    let filter = if search.text.is_some() {
        " AND (c.legal_name_key LIKE $3 OR c.reg_number LIKE $4)"
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
        (format!("%{escaped}%"), format!("{escaped}%"))
    });
    (
        format!("{filter} ORDER BY {column} {dir}, c.id {dir}"),
        binds,
    )
}

/// One page of the customers this logon reaches, and how many match in all.
pub async fn customer_page(
    db: &Db,
    logon_id: i64,
    today: CivilDate,
    search: &CustomerSearch,
) -> sqlx::Result<(Vec<CustomerRow>, i64)> {
    let (clause, binds) = search_clause(search);
    let filter = clause.split(" ORDER BY").next().unwrap_or_default();
    let limit = if binds.is_some() {
        ("$5", "$6")
    } else {
        ("$3", "$4")
    };
    let list_sql = format!(
        "SELECT c.id, c.legal_name, c.reg_number, {ACCESS_TYPE}, {RELATIONSHIP} \
         FROM {REACHABLE}{clause} LIMIT {} OFFSET {}",
        limit.0, limit.1
    );
    let count_sql = format!("SELECT COUNT(*) FROM {REACHABLE}{filter}");
    let mut list = sqlx::query_as::<_, (i64, String, String, String, String)>(&list_sql)
        .bind(logon_id)
        .bind(today.to_iso());
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql)
        .bind(logon_id)
        .bind(today.to_iso());
    if let Some((name, number)) = &binds {
        list = list.bind(name.clone()).bind(number.clone());
        count = count.bind(name.clone()).bind(number.clone());
    }
    let rows = list
        .bind(i64::from(search.page_size))
        .bind(search.offset())
        .fetch_all(db)
        .await?;
    let total = count.fetch_one(db).await?;
    let rows = rows
        .into_iter()
        .filter_map(|(id, legal_name, reg_number, access_type, relationship)| {
            Some(CustomerRow {
                id,
                legal_name,
                reg_number,
                access_type: AccessType::from_code(&access_type)?,
                relationship: Relationship::from_code(&relationship)?,
            })
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
        let (_, binds) = search_clause(&search);
        assert_eq!(binds.unwrap().0, "%50OFF%");
    }
}
