//! What every paged, searchable list shares: the page sizes offered, the
//! search box's limit, how many pages a total makes, and the cursor of a
//! keyset page (the server's `db::keyset` walks from it).

use crate::error::FieldErrors;

pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 25;
pub const SEARCH_MAX: usize = 100;

/// The page size asked for (25 by default), or an error under `page_size`.
pub fn page_size(asked: Option<u32>, errors: &mut FieldErrors) -> u32 {
    let size = asked.unwrap_or(DEFAULT_PAGE_SIZE);
    if !PAGE_SIZES.contains(&size) {
        errors.add("page_size", "Show 25, 50 or 100 rows a page");
    }
    size
}

/// The search text trimmed (`None` when empty), or an error under `q` when it
/// is longer than the box allows.
pub fn search_text(asked: Option<&str>, errors: &mut FieldErrors) -> Option<String> {
    let text = asked.map(str::trim).filter(|q| !q.is_empty())?;
    if text.chars().count() > SEARCH_MAX {
        errors.add(
            "q",
            format!("Search must be {SEARCH_MAX} characters or fewer"),
        );
    }
    Some(text.to_owned())
}

/// How many pages `total` rows fill, at least one.
pub fn page_count(total: i64, page_size: u32) -> u32 {
    let size = i64::from(page_size.max(1));
    ((total + size - 1) / size).max(1) as u32
}

/// Which way a cursor leads from the row it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// The rows after it in the list's order.
    Next,
    /// The rows before it.
    Previous,
}

/// Where a page of a keyset-paged list starts: just after (or before) one row,
/// named by its sort key and id, in one order of the list, with the number
/// of the page it leads to (for "Page 3 of 40"). Opaque to the browser: it
/// passes back the text the server gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub toward: Toward,
    /// The order it was made in (`name.ascending`): a cursor is refused in
    /// another order, where its row would mean nothing.
    pub order: String,
    pub page: u32,
    pub key: String,
    pub id: i64,
}

/// The answer to a cursor that cannot be read or belongs to another order.
pub const CURSOR_INVALID: &str = "This page link is out of date. Go back to the first page";

impl Cursor {
    /// `n.name.ascending.2.123.4f414b`: the key in hex, so any text is safe in an address.
    pub fn encode(&self) -> String {
        let toward = match self.toward {
            Toward::Next => "n",
            Toward::Previous => "p",
        };
        let key: String = self.key.bytes().map(|b| format!("{b:02x}")).collect();
        format!("{toward}.{}.{}.{}.{key}", self.order, self.page, self.id)
    }

    pub fn decode(text: &str) -> Option<Cursor> {
        let mut parts = text.split('.');
        let toward = match parts.next()? {
            "n" => Toward::Next,
            "p" => Toward::Previous,
            _ => return None,
        };
        let order = format!("{}.{}", parts.next()?, parts.next()?);
        let page = parts.next()?.parse().ok().filter(|p| *p >= 1)?;
        let id = parts.next()?.parse().ok()?;
        let hex = parts.next()?;
        if parts.next().is_some() || hex.len() % 2 != 0 || !hex.is_ascii() {
            return None;
        }
        let bytes = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        Some(Cursor {
            toward,
            order,
            page,
            key: String::from_utf8(bytes).ok()?,
            id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_offered_page_sizes_are_accepted() {
        let mut errors = FieldErrors::new();
        assert_eq!(page_size(None, &mut errors), 25);
        assert_eq!(page_size(Some(100), &mut errors), 100);
        assert!(errors.is_empty());
        page_size(Some(7), &mut errors);
        assert!(errors.get("page_size").is_some());
    }

    #[test]
    fn search_text_is_trimmed_and_limited() {
        let mut errors = FieldErrors::new();
        assert_eq!(search_text(Some("  "), &mut errors), None);
        assert_eq!(
            search_text(Some(" oak "), &mut errors).as_deref(),
            Some("oak")
        );
        search_text(Some(&"x".repeat(101)), &mut errors);
        assert!(errors.get("q").is_some());
    }

    #[test]
    fn a_total_fills_whole_pages() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
    }

    #[test]
    fn a_cursor_reads_back_as_it_was_made_whatever_its_key() {
        for key in [
            "MAPLE OAK BAKERY LLC",
            "",
            "CAFÉ 7.5 % — NORTH",
            "50000000123",
        ] {
            let cursor = Cursor {
                toward: Toward::Previous,
                order: "name.descending".into(),
                page: 4000,
                key: key.into(),
                id: 99_123,
            };
            let text = cursor.encode();
            assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.'));
            assert_eq!(Cursor::decode(&text), Some(cursor));
        }
    }

    #[test]
    fn a_cursor_that_was_not_made_here_is_not_read() {
        for text in [
            "",
            "x.name.ascending.2.1.41",
            "n.name.ascending.0.1.41",
            "n.name.ascending.2.one.41",
            "n.name.ascending.2.1.4",
            "n.name.ascending.2.1.zz",
            "n.name.ascending.2.1.41.41",
            "n.name.2.1.41",
            "n.name.ascending.2.1.ff",
        ] {
            assert_eq!(Cursor::decode(text), None, "{text}");
        }
    }
}
