//! What every paged, searchable list shares: the page sizes offered, the
//! search box's limit, and how many pages a total makes.

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
}
