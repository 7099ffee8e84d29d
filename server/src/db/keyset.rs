//! Keyset paging: a page starts just after (or ends just before) the row its
//! cursor names, found through the index of the list's order, so a page deep
//! in a list costs what the first page costs (an OFFSET reads and throws away
//! every row before it). Every list pages this way: the order is one sort
//! column with the row's id to break ties, and [`wire::paging::Cursor`]
//! carries the boundary row to the browser and back.
//!
//! ```text
//! let keyset = Keyset { key: "c.legal_name_key", id: "c.id", descending: false,
//!                       cursor: search.cursor.as_ref(), page_size: 25 };
//! let mut list = filter.prefixed("SELECT … ");   // the count keeps `filter` as is
//! let from_cursor = keyset.condition(&mut list);
//! list.push(&from_cursor);
//! let order = keyset.order_and_limit(&mut list);
//! list.push(&order);
//! let page = keyset.page(rows, search.page, &search.order(), |r| (r.name_key.clone(), r.id));
//! ```

use super::Sql;
use wire::paging::{Cursor, Toward};

/// How one list is ordered and where its page starts.
#[derive(Debug, Clone, Copy)]
pub struct Keyset<'a> {
    /// The sort column, as the query names it (`c.legal_name_key`).
    pub key: &'a str,
    /// The unique column that breaks ties in the sort column (`c.id`).
    pub id: &'a str,
    pub descending: bool,
    /// The row the page starts after (or, toward Previous, ends before).
    pub cursor: Option<&'a Cursor>,
    pub page_size: u32,
}

/// One page in the list's order, with the cursors of the pages either side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysetPage<R> {
    pub rows: Vec<R>,
    /// Its number, from 1.
    pub page: u32,
    pub next: Option<String>,
    pub previous: Option<String>,
}

impl Keyset<'_> {
    fn backwards(&self) -> bool {
        self.cursor
            .is_some_and(|cursor| cursor.toward == Toward::Previous)
    }

    /// Rows are read in ascending order: forward in an ascending list, or
    /// backward in a descending one.
    fn reads_ascending(&self) -> bool {
        self.descending == self.backwards()
    }

    /// The condition that starts the page at the cursor (` AND (key, id) > ($n, $m)`),
    /// its values bound into `sql`; nothing without a cursor.
    pub fn condition(&self, sql: &mut Sql) -> String {
        let Some(cursor) = self.cursor else {
            return String::new();
        };
        let op = if self.reads_ascending() { ">" } else { "<" };
        let key = sql.arg(cursor.key.as_str());
        let id = sql.arg(cursor.id);
        format!(" AND ({}, {}) {op} ({key}, {id})", self.key, self.id)
    }

    /// `ORDER BY` in the direction the rows are read, and a `LIMIT` of one
    /// row more than a page: that row says whether the walk goes on.
    pub fn order_and_limit(&self, sql: &mut Sql) -> String {
        let dir = if self.reads_ascending() {
            "ASC"
        } else {
            "DESC"
        };
        let limit = sql.arg(i64::from(self.page_size) + 1);
        format!(
            " ORDER BY {key} {dir}, {id} {dir} LIMIT {limit}",
            key = self.key,
            id = self.id
        )
    }

    /// The page from the rows read (in reading order, at most a page and one),
    /// numbered `page` (the cursor's, or the number asked for), in the
    /// list's order, with cursors made in `order` from each row's (key, id).
    pub fn page<R>(
        &self,
        mut rows: Vec<R>,
        page: u32,
        order: &str,
        key_of: impl Fn(&R) -> (String, i64),
    ) -> KeysetPage<R> {
        let size = self.page_size as usize;
        let more = rows.len() > size;
        rows.truncate(size);
        let cursor = |toward, page: u32, row: Option<&R>| {
            row.map(|row| {
                let (key, id) = key_of(row);
                Cursor {
                    toward,
                    order: order.to_owned(),
                    page: page.max(1),
                    key,
                    id,
                }
                .encode()
            })
        };
        if self.backwards() {
            rows.reverse();
            // Walking back without a row more before: this is the first page.
            let page = if more { page } else { 1 };
            let previous = if more {
                cursor(Toward::Previous, page - 1, rows.first())
            } else {
                None
            };
            let next = cursor(Toward::Next, page + 1, rows.last());
            KeysetPage {
                page,
                next,
                previous,
                rows,
            }
        } else {
            let next = if more {
                cursor(Toward::Next, page + 1, rows.last())
            } else {
                None
            };
            let previous = if page > 1 {
                cursor(Toward::Previous, page - 1, rows.first())
            } else {
                None
            };
            KeysetPage {
                page,
                next,
                previous,
                rows,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::{any::AnyPoolOptions, AnyPool};

    /// 23 rows whose keys repeat, so ties are broken by id.
    async fn table() -> AnyPool {
        sqlx::any::install_default_drivers();
        let db = AnyPoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL)")
            .execute(&db)
            .await
            .unwrap();
        for id in 1..=23i64 {
            sqlx::query("INSERT INTO t (id, k) VALUES ($1, $2)")
                .bind(id)
                .bind(format!("K{}", (id * 7) % 5))
                .execute(&db)
                .await
                .unwrap();
        }
        db
    }

    async fn read(db: &AnyPool, keyset: &Keyset<'_>, page: u32) -> KeysetPage<(i64, String)> {
        let mut sql = Sql::new("SELECT id, k FROM t WHERE 1 = 1");
        let from_cursor = keyset.condition(&mut sql);
        sql.push(&from_cursor);
        let order = keyset.order_and_limit(&mut sql);
        sql.push(&order);
        let rows: Vec<(i64, String)> = sql.query_as().fetch_all(db).await.unwrap();
        keyset.page(rows, page, "k.test", |(id, k)| (k.clone(), *id))
    }

    fn keyset(descending: bool, cursor: Option<&Cursor>) -> Keyset<'_> {
        Keyset {
            key: "k",
            id: "id",
            descending,
            cursor,
            page_size: 5,
        }
    }

    #[tokio::test]
    async fn walking_next_then_previous_visits_every_row_once_in_order_both_ways() {
        let db = table().await;
        for descending in [false, true] {
            let mut expected: Vec<(i64, String)> =
                sqlx::query_as("SELECT id, k FROM t ORDER BY k, id")
                    .fetch_all(&db)
                    .await
                    .unwrap();
            if descending {
                expected.reverse();
            }
            // Forward, by the Next cursors.
            let mut pages = vec![read(&db, &keyset(descending, None), 1).await];
            while let Some(next) = pages.last().unwrap().next.clone() {
                let cursor = Cursor::decode(&next).unwrap();
                pages.push(read(&db, &keyset(descending, Some(&cursor)), cursor.page).await);
            }
            let numbers: Vec<u32> = pages.iter().map(|p| p.page).collect();
            assert_eq!(numbers, vec![1, 2, 3, 4, 5]);
            let walked: Vec<_> = pages.iter().flat_map(|p| p.rows.clone()).collect();
            assert_eq!(walked, expected, "descending: {descending}");
            assert_eq!(pages[0].previous, None);
            assert_eq!(pages[4].rows.len(), 3);

            // Back again, by the Previous cursors: the same pages.
            let mut page = pages.pop().unwrap();
            while let Some(previous) = page.previous.clone() {
                let cursor = Cursor::decode(&previous).unwrap();
                page = read(&db, &keyset(descending, Some(&cursor)), cursor.page).await;
                assert_eq!(page, pages.pop().unwrap());
            }
            assert!(pages.is_empty());
            assert_eq!(page.page, 1);
        }
    }

    #[test]
    fn the_condition_and_order_bind_their_values_after_the_lists_own() {
        let cursor = Cursor {
            toward: Toward::Previous,
            order: "name.ascending".into(),
            page: 3,
            key: "OAK".into(),
            id: 9,
        };
        let keyset = Keyset {
            key: "c.legal_name_key",
            id: "c.id",
            descending: false,
            cursor: Some(&cursor),
            page_size: 25,
        };
        let mut sql = Sql::new("SELECT c.id FROM customers c WHERE c.kind = ");
        sql.push_arg("business");
        let condition = keyset.condition(&mut sql);
        sql.push(&condition);
        let order = keyset.order_and_limit(&mut sql);
        sql.push(&order);
        assert_eq!(
            sql.text(),
            "SELECT c.id FROM customers c WHERE c.kind = $1 AND (c.legal_name_key, c.id) < ($2, $3) \
             ORDER BY c.legal_name_key DESC, c.id DESC LIMIT $4"
        );
    }
}
