//! The rules of [`super::rules`] as SQL, so that every list is scoped in its
//! query: a preparer's list holds only its clients, a secondary logon's only its
//! groups' customers. The property tests check these queries against the same
//! independent model as the rules.

use super::rules::access_type_in_effect;
use crate::db::{
    self,
    derived::{Derived, Stamp},
    keyset::Keyset,
    Db, Dialect, Sql,
};
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

/// [`reachable_customer_count`] as derived under `stamp`, kept by this
/// server until the access epoch moves (`db::derived`).
pub async fn reachable_customer_count_at(
    db: &Db,
    derived: &Derived,
    stamp: Stamp,
    logon_id: i64,
) -> sqlx::Result<i64> {
    let key = ("reachable_customer_count", logon_id, 0);
    if let Some(kept) = derived.get(key, stamp) {
        return Ok(kept);
    }
    let count = reachable_customer_count(db, logon_id, stamp.today).await?;
    derived.put(key, stamp, count);
    Ok(count)
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

/// The ids of the customers a search matches, as a subquery bound into
/// `sql`: any part of the legal name, or, when the text is a number (typed
/// as printed, "214-2214-4000", or in part), any part of the CT Tax
/// Registration Number or of one of the customer's account numbers. Both
/// dialects read a trigram index (migration 0011), so a search reads the rows
/// that can match, not every customer; a text shorter than three characters
/// has no trigram and reads them all, and then matches many.
pub fn search_candidates(
    sql: &mut Sql,
    dialect: Dialect,
    search: &CustomerSearch,
) -> Option<String> {
    let (name, number) = search_patterns(search)?;
    let name = sql.arg(name);
    let number = number.map(|number| sql.arg(number));
    Some(match dialect {
        Dialect::Sqlite => {
            let mut hits =
                format!("SELECT rowid AS id FROM customer_search WHERE name LIKE {name}");
            if let Some(number) = number {
                hits.push_str(&format!(
                    " UNION SELECT rowid FROM customer_search WHERE numbers LIKE {number}"
                ));
            }
            hits
        }
        Dialect::Postgres => {
            let mut hits = format!("SELECT id FROM customers WHERE legal_name_key LIKE {name}");
            if let Some(number) = number {
                hits.push_str(&format!(
                    " UNION SELECT id FROM customers WHERE reg_number LIKE {number} \
                     UNION SELECT customer_id FROM tax_accounts WHERE account_number LIKE {number}"
                ));
            }
            hits
        }
    })
}

/// The LIKE patterns of the search text: the legal name's, and the numbers'
/// when the text is digits once its spaces and dashes are gone. Wildcards and
/// LIKE's escape character are dropped, so the text only ever matches itself.
fn search_patterns(search: &CustomerSearch) -> Option<(String, Option<String>)> {
    search.text.as_ref().map(|text| {
        let plain = text.replace(['%', '_', '\\'], "");
        // A number is typed as printed, "214-2214-4000", and stored as digits.
        let digits = plain.replace([' ', '-'], "");
        let number = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("%{digits}%"));
        (format!("%{plain}%"), number)
    })
}

/// How a customer list is ordered: by `sort`, ties broken by id.
pub fn keyset(search: &CustomerSearch) -> Keyset<'_> {
    Keyset {
        key: match search.sort {
            CustomerSort::Name => "c.legal_name_key",
            CustomerSort::RegNumber => "c.reg_number",
        },
        id: "c.id",
        descending: search.dir == SortDirection::Descending,
        cursor: search.cursor.as_ref(),
        page_size: search.page_size,
    }
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

/// One page of a customer list and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachedPage<R> {
    pub rows: Vec<R>,
    pub total: i64,
    /// Its number, from 1.
    pub page: u32,
    /// The cursors of the pages either side, when there are such pages.
    pub next: Option<String>,
    pub previous: Option<String>,
}

impl<R> ReachedPage<R> {
    /// The same page with each row made into another.
    pub fn map<T>(self, row: impl FnMut(R) -> T) -> ReachedPage<T> {
        ReachedPage {
            rows: self.rows.into_iter().map(row).collect(),
            total: self.total,
            page: self.page,
            next: self.next,
            previous: self.previous,
        }
    }
}

/// One page of the customers this logon reaches, by keyset from the search's
/// cursor (or, for a page asked for by its number, from the start).
pub async fn reached_page(
    db: &Db,
    derived: &Derived,
    stamp: Stamp,
    logon_id: i64,
    search: &CustomerSearch,
) -> sqlx::Result<ReachedPage<ReachedRow>> {
    let empty = ReachedPage {
        rows: Vec::new(),
        total: 0,
        page: 1,
        next: None,
        previous: None,
    };
    let Some((holder, secondary_own)) = holder_of(db, logon_id).await? else {
        return Ok(empty);
    };
    let dialect = Dialect::of(db);
    let searching = search.text.is_some();
    // A search's matches are read once, up to as many as pick the plan: with
    // fewer, the page and the count read those ids and never match again.
    let mut ids = Sql::new("SELECT id FROM (");
    let hits: Option<Vec<i64>> = match search_candidates(&mut ids, dialect, search) {
        None => None,
        Some(matches) => {
            ids.push(&matches)
                .push(") h LIMIT ")
                .push_arg(WALK_CUSTOMERS_FROM);
            Some(ids.query_scalar().fetch_all(db).await?)
        }
    };
    if hits.as_ref().is_some_and(Vec::is_empty) {
        return Ok(empty);
    }
    let few = hits
        .filter(|ids| (ids.len() as i64) < WALK_CUSTOMERS_FROM)
        .map(|ids| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
    // Without a search the count is the total; with one that matches many it
    // only picks the plan, so counting stops once it is large enough to matter.
    let reached: i64 = if !searching {
        reachable_customer_count_at(db, derived, stamp, logon_id).await?
    } else if few.is_some() {
        0 // not read: the few matches lead the plan
    } else {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM access_grants WHERE logon_id = $1 LIMIT $2) t",
        )
        .bind(holder)
        .bind(WALK_CUSTOMERS_FROM)
        .fetch_one(db)
        .await?
    };
    let mut filter = Sql::new("FROM ");
    // CROSS JOIN keeps SQLite's join order as written.
    if let Some(ids) = &few {
        // A few matches: those customers first, then their grants. The ids are
        // integers the database gave, written into the query as numbers.
        filter.push(&format!(
            "customers c CROSS JOIN access_grants g \
             WHERE c.id IN ({ids}) AND g.customer_id = c.id AND "
        ));
    } else if reached >= WALK_CUSTOMERS_FROM {
        // Many: customers by the sort's index, each one's grant looked up.
        filter.push("customers c CROSS JOIN access_grants g WHERE g.customer_id = c.id AND ");
    } else {
        filter.push("access_grants g JOIN customers c ON c.id = g.customer_id WHERE ");
    }
    let rule = Reached::bind(&mut filter, logon_id, stamp.today, holder);
    filter.push(&rule.condition());
    if few.is_none() {
        if let Some(hits) = search_candidates(&mut filter, dialect, search) {
            filter.push(&format!(" AND c.id IN ({hits})"));
        }
    }

    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        legal_name: String,
        legal_name_key: String,
        reg_number: String,
        access_type: String,
        relationship: String,
        holder_group: Option<i64>,
    }
    let mut list = filter.prefixed(&format!(
        "SELECT c.id, c.legal_name, c.legal_name_key, c.reg_number, g.access_type, g.relationship, \
           (SELECT cs.group_id FROM customer_security cs \
             WHERE cs.owner_logon_id = {holder} AND cs.customer_id = c.id) AS holder_group ",
        holder = rule.holder(),
    ));
    let keyset = keyset(search);
    let from_cursor = keyset.condition(&mut list);
    list.push(&from_cursor);
    let order = keyset.order_and_limit(&mut list);
    list.push(&order);
    if search.cursor.is_none() && search.offset() > 0 {
        // A page asked for by its number, as a link typed by hand: the app
        // itself follows the cursors.
        list.push(" OFFSET ").push_arg(search.offset());
    }
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
    let page = keyset.page(rows, search.page, &search.order(), |row| {
        let key = match search.sort {
            CustomerSort::Name => row.legal_name_key.clone(),
            CustomerSort::RegNumber => row.reg_number.clone(),
        };
        (key, row.id)
    });
    let secondary = secondary_own.is_some();
    let rows = page
        .rows
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
    Ok(ReachedPage {
        rows,
        total,
        page: page.page,
        next: page.next,
        previous: page.previous,
    })
}

/// One page of the Customers list (the client switcher).
pub async fn customer_page(
    db: &Db,
    derived: &Derived,
    stamp: Stamp,
    logon_id: i64,
    search: &CustomerSearch,
) -> sqlx::Result<ReachedPage<CustomerRow>> {
    let page = reached_page(db, derived, stamp, logon_id, search).await?;
    Ok(page.map(|row| CustomerRow {
        id: row.customer_id,
        legal_name: row.legal_name,
        reg_number: row.reg_number,
        access_type: row.access_type,
        relationship: row.relationship,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::access::CustomerQuery;

    fn searching(text: &str) -> CustomerSearch {
        CustomerQuery {
            q: Some(text.into()),
            ..Default::default()
        }
        .parse()
        .unwrap()
    }

    #[test]
    fn search_text_cannot_smuggle_wildcards() {
        assert_eq!(
            search_patterns(&searching("50%_off")).unwrap(),
            ("%50OFF%".into(), None)
        );
        assert_eq!(search_patterns(&searching("a\\b")).unwrap().0, "%AB%");
        assert_eq!(
            search_patterns(&searching("5%0_0")).unwrap(),
            ("%500%".into(), Some("%500%".into()))
        );
    }

    #[test]
    fn a_number_is_found_by_any_part_as_printed_with_dashes_and_spaces() {
        assert_eq!(
            search_patterns(&searching("214-2214 4")).unwrap(),
            ("%214-2214 4%".into(), Some("%21422144%".into()))
        );
        assert_eq!(
            search_patterns(&searching("2214")).unwrap().1.as_deref(),
            Some("%2214%")
        );
        assert_eq!(search_patterns(&searching("maple 4")).unwrap().1, None);
        assert_eq!(search_patterns(&searching(" - ")).map(|p| p.1), Some(None));
    }

    #[test]
    fn a_name_search_reads_only_the_name_index_and_a_number_also_reads_the_numbers() {
        let mut sql = Sql::new("");
        let hits = search_candidates(&mut sql, Dialect::Sqlite, &searching("maple")).unwrap();
        assert_eq!(
            hits,
            "SELECT rowid AS id FROM customer_search WHERE name LIKE $1"
        );
        let mut sql = Sql::new("");
        let hits = search_candidates(&mut sql, Dialect::Postgres, &searching("2214")).unwrap();
        assert_eq!(
            hits,
            "SELECT id FROM customers WHERE legal_name_key LIKE $1 \
             UNION SELECT id FROM customers WHERE reg_number LIKE $2 \
             UNION SELECT customer_id FROM tax_accounts WHERE account_number LIKE $2"
        );
        assert!(search_candidates(
            &mut Sql::new(""),
            Dialect::Sqlite,
            &CustomerSearch {
                text: None,
                ..searching("x")
            }
        )
        .is_none());
    }
}
