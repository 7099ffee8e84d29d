//! `/more/access`: "Manage Your Access". Every business this logon reaches,
//! searchable, sortable and paged (a preparer reaches thousands), with the
//! level on each account; then the requests this logon has made.

use super::api;
use crate::format::date_us;
use crate::{
    api::customer_query_string,
    components::{
        data_table::Column, empty_row, page_status, Choice, DataTable, ErrorSummary, FormState,
        Loaded, Pagination, RadioGroup, Table, TextInput,
    },
    paths,
    shell::{Page, PageTracker},
};
use crate::{customers::list::use_customer_query, lazy::lazy_page, shell::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_navigate};
use wire::{
    access::{
        AccessType, CustomerQuery, CustomerSort, Level, MyAccessRow, Paged, SortDirection,
        DEFAULT_PAGE_SIZE, PAGE_SIZES,
    },
    grants::MyRequestRow,
};

pub const TITLE: &str = "Manage Your Access";

/// The Leave confirmation of one business.
pub fn leave_path(customer_id: i64) -> String {
    paths::fill(paths::LEAVE, &[customer_id])
}

fn dir_code(dir: SortDirection) -> &'static str {
    match dir {
        SortDirection::Ascending => "ascending",
        SortDirection::Descending => "descending",
    }
}

fn href(query: &CustomerQuery) -> String {
    format!("{}{}", paths::MY_ACCESS, customer_query_string(query))
}

lazy_page!(pub MyAccessRoute in grants => view! { <RequireSession><MyAccessPage/></RequireSession> });

#[component]
pub fn MyAccessPage() -> impl IntoView {
    let query = use_customer_query();
    let results = LocalResource::new(move || {
        let text = customer_query_string(&query.get());
        async move { api::my_access(&text).await }
    });
    let requests = LocalResource::new(api::my_requests);
    let form = FormState::new();
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <p class="body">"The businesses your logon can act for, and how."</p>
            <p class="body"><A href=paths::ADD_ACCESS>"Add Access to Another Business"</A></p>
            <h2 class="heading-m">"Businesses you can act for"</h2>
            <SearchForm form=form query=query.get_untracked()/>
            <Loaded data=results view={move |page| view! { <Results page=page query=query.get_untracked()/> }}/>
            <h2 class="heading-m">"Your requests"</h2>
            <Loaded data=requests view={|rows| view! { <Requests rows=rows/> }}/>
        </Page>
    }
}

#[component]
fn SearchForm(form: FormState, query: CustomerQuery) -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(query.q.clone().unwrap_or_default());
    let size = RwSignal::new(Some(
        query.page_size.unwrap_or(DEFAULT_PAGE_SIZE).to_string(),
    ));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let next = CustomerQuery {
            q: Some(text.get_untracked().trim().to_owned()),
            page: None,
            page_size: size.get_untracked().and_then(|s| s.parse().ok()),
            ..query.clone()
        };
        if let Err(errors) = next.parse() {
            form.fail_fields(errors);
            return;
        }
        form.clear();
        navigate(&href(&next), Default::default());
    };
    let sizes = PAGE_SIZES
        .iter()
        .map(|s| Choice::new(s.to_string(), s.to_string()))
        .collect::<Vec<_>>();
    view! {
        <form class="form" role="search" aria-label="Businesses" novalidate on:submit=submit>
            <TextInput
                id="q"
                label="Search by name or CT Tax Registration Number"
                hint="Part of the legal name, or the first digits of the number."
                value=text
                error=form.error_for("q")
                width_class="input--width-20"
            />
            <RadioGroup id="page_size" legend="Rows per page" options=sizes selected=size inline=true
                error=form.error_for("page_size")/>
            <button type="submit" class="button">"Search"</button>
        </form>
    }
}

/// A column header that sorts by it: a link, with `aria-sort` on the column
/// the list is sorted by now.
#[component]
fn SortHeader(label: &'static str, sort: CustomerSort, query: CustomerQuery) -> impl IntoView {
    let current_sort = query.sort.unwrap_or_default();
    let current_dir = query.dir.unwrap_or_default();
    let active = current_sort == sort;
    let next_dir = if active && current_dir == SortDirection::Ascending {
        SortDirection::Descending
    } else {
        SortDirection::Ascending
    };
    let link = href(&CustomerQuery {
        sort: Some(sort),
        dir: Some(next_dir),
        page: None,
        ..query
    });
    let aria_sort = active.then_some(dir_code(current_dir));
    let hidden = format!(
        ", sort {}",
        if next_dir == SortDirection::Ascending {
            "A to Z"
        } else {
            "Z to A"
        }
    );
    view! {
        <th scope="col" class="table__header" aria-sort=aria_sort>
            <A href=link>{label}<span class="visually-hidden">{hidden}</span></A>
        </th>
    }
}

/// "Sales & Use 0108824360: File and Pay".
fn account_line(account: &wire::access::AccountLevel) -> String {
    format!(
        "{} {}: {}",
        account.tax_type.label(),
        account.account_number,
        account.level.label()
    )
}

#[component]
fn Results(page: Paged<MyAccessRow>, query: CustomerQuery) -> impl IntoView {
    let tracker = expect_context::<PageTracker>();
    let count = page.page_count();
    let current = page.page.min(count);
    let status = page_status(current, count, page.total, "business", "businesses");
    // A new page of results is announced, as a new page would be.
    if query.page.is_some() || query.q.is_some() || query.sort.is_some() {
        tracker.announce(status.clone());
    }
    let link = {
        let query = query.clone();
        move |n: u32| {
            href(&CustomerQuery {
                page: Some(n),
                ..query.clone()
            })
        }
    };
    let body = if page.items.is_empty() {
        let empty = if query.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
            "No business matches your search."
        } else {
            "Your logon does not have access to any business yet."
        };
        empty_row(7, empty)
    } else {
        page.items
            .into_iter()
            .map(|row| view! { <AccessRow row=row/> })
            .collect_view()
            .into_any()
    };
    view! {
        <p class="body">{status}</p>
        <Table id="my-access" caption="Businesses you can act for, with your access to each" head=move || view! {
                <SortHeader label="Name" sort=CustomerSort::Name query=query.clone()/>
                <SortHeader label="CT Tax Reg No" sort=CustomerSort::RegNumber query=query.clone()/>
                <th scope="col" class="table__header">"Access Type"</th>
                <th scope="col" class="table__header">"Relationship"</th>
                <th scope="col" class="table__header">"Ends"</th>
                <th scope="col" class="table__header">"Account Access"</th>
                <th scope="col" class="table__header">"Action"</th>
        }>
            {body}
        </Table>
        <Pagination current=current count=count link=link/>
    }
}

#[component]
fn AccessRow(row: MyAccessRow) -> impl IntoView {
    let name = row.legal_name.clone();
    let accounts = if row.access_type == AccessType::MasterAdministrator {
        view! { <p class="body access-levels__note">"All Access to every account"</p> }.into_any()
    } else if row.accounts.is_empty() {
        view! { <p class="body access-levels__note">"No tax accounts"</p> }.into_any()
    } else {
        let items = row
            .accounts
            .iter()
            .map(|a| {
                let muted = a.level == Level::NoAccess;
                view! { <li class:access-levels__none=muted>{account_line(a)}</li> }
            })
            .collect_view();
        view! { <ul class="access-levels">{items}</ul> }.into_any()
    };
    let leave = row.may_leave.then(|| {
        view! {
            <A href=leave_path(row.customer_id)>
                "Leave"<span class="visually-hidden">{format!(" {name}")}</span>
            </A>
        }
    });
    // Who can change this access (seed 001 "Administrator Contact"; issue 14 §4b).
    let ask = (!row.ask.is_empty()).then(|| {
        let people = row
            .ask
            .iter()
            .map(|c| {
                let phone = c
                    .phone
                    .clone()
                    .map(|p| format!(", {p}"))
                    .unwrap_or_default();
                view! { <li>{format!("{}, {}{phone}", c.name, c.email)}</li> }
            })
            .collect_view();
        view! {
            <p class="body access-levels__note">"For more access, ask:"</p>
            <ul class="access-levels">{people}</ul>
        }
    });
    view! {
        <tr class="table__row">
            <th scope="row" class="table__header">{row.legal_name.clone()}</th>
            <td class="table__cell">{row.reg_number}</td>
            <td class="table__cell">{row.access_type.label()}</td>
            <td class="table__cell">{row.relationship.label()}</td>
            <td class="table__cell">{row.ends_on.map(|d| d.to_us()).unwrap_or_else(|| "No end date".to_owned())}</td>
            <td class="table__cell">
                <details class="details">
                    <summary class="details__summary">
                        "Account Access"<span class="visually-hidden">{format!(" for {}", row.legal_name)}</span>
                    </summary>
                    <div class="details__text">{accounts}{ask}</div>
                </details>
            </td>
            <td class="table__cell">{leave}</td>
        </tr>
    }
}

fn request_row(row: MyRequestRow) -> Vec<String> {
    vec![
        row.legal_name,
        row.reg_number,
        row.kind.label().to_owned(),
        row.status.label().to_owned(),
        date_us(row.requested_at),
        row.decided_at.map(date_us).unwrap_or_default(),
    ]
}

#[component]
fn Requests(rows: Vec<MyRequestRow>) -> impl IntoView {
    let rows: Vec<Vec<String>> = rows.into_iter().map(request_row).collect();
    view! {
        <DataTable
            id="my-requests"
            caption="Requests you have made for access, newest first"
            columns=vec![
                Column::text("Business"),
                Column::text("CT Tax Reg No"),
                Column::text("What you asked"),
                Column::text("Status"),
                Column::text("Asked on"),
                Column::text("Decided on"),
            ]
            rows=Signal::stored(rows)
            row_headers=true
            empty="You have not asked for access to a business."
        />
    }
}
