//! Previous / Next under a paged list, each a real link (the page is in the
//! address), and where the list is now.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Pagination(
    /// The page shown, from 1.
    current: u32,
    /// How many pages there are.
    count: u32,
    /// The address of page `n`.
    link: impl Fn(u32) -> String + 'static,
) -> impl IntoView {
    let previous = (current > 1).then(|| link(current - 1));
    let next = (current < count).then(|| link(current + 1));
    view! { <PaginationLinks current=current count=count previous=previous next=next/> }
}

/// Previous / Next to the addresses given (a keyset list's cursors), and
/// where the list is now.
#[component]
pub fn PaginationLinks(
    current: u32,
    count: u32,
    previous: Option<String>,
    next: Option<String>,
) -> impl IntoView {
    view! {
        <nav class="pagination" aria-label="Pagination">
            <ul class="pagination__list">
                {previous.map(|href| view! { <li><A href=href>"Previous"<span class="visually-hidden">" page"</span></A></li> })}
                <li aria-current="page">{format!("Page {current} of {count}")}</li>
                {next.map(|href| view! { <li><A href=href>"Next"<span class="visually-hidden">" page"</span></A></li> })}
            </ul>
        </nav>
    }
}

/// "Page 2 of 5, 120 businesses": where a list is, said above it and
/// announced when it changes.
pub fn page_status(current: u32, count: u32, total: i64, one: &str, many: &str) -> String {
    let what = if total == 1 { one } else { many };
    format!("Page {current} of {count}, {total} {what}")
}
