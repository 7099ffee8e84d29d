//! What every customer list shares (Customers, Customer Security): the query in
//! the address (so Back and reload keep it), the search form, sortable column
//! headers with `aria-sort`, "Showing 1–25 of 300" and Previous / Next.

use crate::{
    api::customer_query_string,
    components::{Choice, FormState, PaginationLinks, RadioGroup, TextInput},
    shell::PageTracker,
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};
use wire::access::{CustomerQuery, CustomerSort, SortDirection, DEFAULT_PAGE_SIZE, PAGE_SIZES};

/// The list's query as the address has it (tracked).
pub fn use_customer_query() -> Memo<CustomerQuery> {
    let map = use_query_map();
    Memo::new(move |_| {
        let map = map.read();
        CustomerQuery {
            q: map.get("q").filter(|q| !q.trim().is_empty()),
            sort: map.get("sort").and_then(|s| match s.as_str() {
                "name" => Some(CustomerSort::Name),
                "reg_number" => Some(CustomerSort::RegNumber),
                _ => None,
            }),
            dir: map.get("dir").and_then(|d| match d.as_str() {
                "ascending" => Some(SortDirection::Ascending),
                "descending" => Some(SortDirection::Descending),
                _ => None,
            }),
            page: map.get("page").and_then(|p| p.parse().ok()),
            page_size: map.get("page_size").and_then(|p| p.parse().ok()),
            cursor: map.get("cursor").filter(|c| !c.is_empty()),
        }
    })
}

/// `path` with the query.
pub fn href(path: &str, query: &CustomerQuery) -> String {
    format!("{path}{}", customer_query_string(query))
}

/// Search text and rows per page; a new search starts at page 1.
#[component]
pub fn CustomerSearchForm(
    #[prop(into)] path: String,
    /// Names the search landmark ("Search customers").
    #[prop(into)]
    label: String,
    query: CustomerQuery,
    form: FormState,
) -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(query.q.clone().unwrap_or_default());
    let size = RwSignal::new(Some(
        query.page_size.unwrap_or(DEFAULT_PAGE_SIZE).to_string(),
    ));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let next = CustomerQuery {
            q: Some(text.get_untracked().trim().to_owned()).filter(|q| !q.is_empty()),
            page: None,
            cursor: None,
            page_size: size.get_untracked().and_then(|s| s.parse().ok()),
            ..query.clone()
        };
        if let Err(errors) = next.parse() {
            form.fail_fields(errors);
            return;
        }
        form.clear();
        navigate(&href(&path, &next), Default::default());
    };
    let sizes = PAGE_SIZES
        .iter()
        .map(|s| Choice::new(s.to_string(), s.to_string()))
        .collect::<Vec<_>>();
    view! {
        <form class="form search-form" novalidate role="search" aria-label=label on:submit=submit>
            <TextInput
                id="q"
                label="Search by name or CT Tax Reg No"
                hint="Any part of the name, of the CT Tax Registration Number or of an account number"
                value=text
                error=form.error_for("q")
                width_class="input--width-20"
                no_spellcheck=true
            />
            <RadioGroup id="page_size" legend="Rows per page" options=sizes selected=size inline=true
                error=form.error_for("page_size")/>
            <button type="submit" class="button">"Search"</button>
        </form>
    }
}

/// A column header that sorts the list: a button inside a `<th aria-sort>`.
#[component]
pub fn SortHeader(
    #[prop(into)] path: String,
    query: CustomerQuery,
    column: CustomerSort,
    #[prop(into)] label: String,
) -> impl IntoView {
    let navigate = use_navigate();
    let current = query.sort.unwrap_or_default();
    let dir = query.dir.unwrap_or_default();
    let sorted = (current == column).then_some(dir);
    let aria_sort = match sorted {
        Some(SortDirection::Ascending) => "ascending",
        Some(SortDirection::Descending) => "descending",
        None => "none",
    };
    // Pressing the sorted column turns it round; another column starts ascending.
    let next_dir = match sorted {
        Some(SortDirection::Ascending) => SortDirection::Descending,
        _ => SortDirection::Ascending,
    };
    let target = href(
        &path,
        &CustomerQuery {
            sort: Some(column),
            dir: Some(next_dir),
            page: None,
            cursor: None,
            ..query
        },
    );
    let arrow = match sorted {
        Some(SortDirection::Ascending) => "▲",
        Some(SortDirection::Descending) => "▼",
        None => "",
    };
    view! {
        <th scope="col" class="table__header" aria-sort=aria_sort>
            <button
                type="button"
                class="link-button sort-button"
                on:click=move |_| navigate(&target, Default::default())
            >
                {label}
                <span class="sort-button__arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// "Showing 1–25 of 300" (or "No customers match your search.").
pub fn showing(page: u32, page_size: u32, shown: usize, total: i64) -> String {
    if total == 0 {
        return "Showing 0 of 0".to_owned();
    }
    let first = i64::from(page.saturating_sub(1)) * i64::from(page_size) + 1;
    let last = first + shown as i64 - 1;
    format!("Showing {first}–{last} of {total}")
}

/// The count above the table, announced when it changes after a search or a
/// new page, and Previous / Next below it, by the cursors the list gave
/// (`next`, `previous`): a page deep in the list loads as fast as the first.
#[component]
pub fn Pager(
    #[prop(into)] path: String,
    query: CustomerQuery,
    page: u32,
    page_count: u32,
    next: Option<String>,
    previous: Option<String>,
    #[prop(into)] status: String,
) -> impl IntoView {
    let tracker = expect_context::<PageTracker>();
    if query.page.is_some() || query.cursor.is_some() || query.q.is_some() || query.sort.is_some() {
        tracker.announce(status);
    }
    let link = move |cursor: String| {
        href(
            &path,
            &CustomerQuery {
                page: None,
                cursor: Some(cursor),
                ..query.clone()
            },
        )
    };
    let previous = previous.map(&link);
    let next = next.map(&link);
    view! {
        <PaginationLinks current=page count=page_count previous=previous next=next/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_says_which_rows_are_shown() {
        assert_eq!(showing(1, 25, 25, 300), "Showing 1–25 of 300");
        assert_eq!(showing(2, 50, 50, 301), "Showing 51–100 of 301");
        assert_eq!(showing(1, 25, 0, 0), "Showing 0 of 0");
    }
}
