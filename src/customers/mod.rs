//! `/customers`: the client switcher. A logon that reaches more than one
//! customer picks the one it works on (Recent clients first); the header's
//! "Change client" link brings it back to the search and page it left.

pub mod list;

use crate::{
    api::{self, ApiError},
    components::{empty_row, ErrorSummary, FormState, Loaded, Submit, Table},
    paths::{self, CUSTOMERS as PATH},
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use list::{showing, use_customer_query, CustomerSearchForm, Pager, SortHeader};
use wire::{
    access::{CustomerQuery, CustomerRow, CustomerSort, Paged, SwitchCustomerRequest},
    session::SessionView,
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub CustomersRoute in customers => view! { <RequireSession><CustomersPage/></RequireSession> });

pub const TITLE: &str = "Customers";

/// `GET /api/customers?…`.
async fn customers(query: CustomerQuery) -> Result<Paged<CustomerRow>, ApiError> {
    api::get_json(&list::href("/api/customers", &query)).await
}

/// A call that makes a business the one the logon works on, then opens its
/// Summary; what went wrong is said in `problem`.
pub fn switching<I, Fu>(
    send: impl Fn(I) -> Fu + 'static,
    problem: RwSignal<Option<String>>,
) -> Submit<I, SessionView>
where
    I: Clone + 'static,
    Fu: std::future::Future<Output = Result<SessionView, ApiError>> + 'static,
{
    let session = use_session();
    let navigate = use_navigate();
    Submit::new(send, move |answer| match answer {
        Ok(view) => {
            session.signed_in(view);
            navigate(paths::SUMMARY, Default::default());
        }
        Err(error) if error.is_unauthorized() => session.expired(),
        Err(error) => problem.set(Some(error.message())),
    })
}

/// `POST /api/session/customer`.
async fn switch(customer_id: i64) -> Result<SessionView, ApiError> {
    api::post_json_for(
        "/api/session/customer",
        &SwitchCustomerRequest { customer_id },
    )
    .await
}

/// `GET /api/customers/recent`: the last ten this logon opened, newest first.
async fn recent_clients() -> Result<Vec<CustomerRow>, ApiError> {
    api::get_json("/api/customers/recent").await
}

/// Where this tab keeps the logon's last search and page of Customers, so
/// coming back from a client (Change client, Back) finds them as they were.
fn remembered_key() -> Option<String> {
    use_session()
        .view_untracked()
        .map(|view| format!("portal.customers.{}", view.username))
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Keeps the search and page in the tab while the page shows them; an
/// address without a query, when one is kept, opens the kept one instead.
fn keep_search(query: Memo<CustomerQuery>) {
    let Some(key) = remembered_key() else {
        return;
    };
    let kept = session_storage()
        .and_then(|s| s.get_item(&key).ok().flatten())
        .unwrap_or_default();
    let bare = window().location().search().unwrap_or_default().is_empty();
    let restore = bare && !kept.is_empty();
    let navigate = use_navigate();
    Effect::new(move |ran: Option<()>| {
        let now = api::customer_query_string(&query.get());
        if ran.is_none() && restore {
            let options = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&format!("{PATH}{kept}"), options);
            return;
        }
        if let Some(storage) = session_storage() {
            let _ = storage.set_item(&key, &now);
        }
    });
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let query = use_customer_query();
    keep_search(query);
    let results = LocalResource::new(move || customers(query.get()));
    let recent = LocalResource::new(recent_clients);
    let form = FormState::new();
    let problem = RwSignal::new(None::<String>);
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <p class="body">"Choose the customer to work on. You can come back here from any page with Change client at the top."</p>
            <Loaded data=recent view={move |rows: Vec<CustomerRow>| view! { <RecentClients rows=rows problem=problem/> }}/>
            {move || {
                let q = query.get();
                view! { <CustomerSearchForm path=PATH label="Search customers" query=q form=form/> }
            }}
            {move || problem.get().map(|text| view! { <div class="notice notice--problem" role="alert"><p class="body">{text}</p></div> })}
            <Loaded data=results view={move |page| view! {
                <CustomerTable page=page query=query.get_untracked() problem=problem/>
            }}/>
        </Page>
    }
}

#[component]
fn CustomerTable(
    page: Paged<CustomerRow>,
    query: CustomerQuery,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let status = showing(page.page, page.page_size, page.items.len(), page.total);
    let page_count = page.page_count();
    let rows = if page.items.is_empty() {
        empty_row(4, "No customers match your search.")
    } else {
        page.items
            .into_iter()
            .map(|row| view! { <CustomerRowView row=row problem=problem/> })
            .collect_view()
            .into_any()
    };
    let sorted_by = query.clone();
    view! {
        <p class="body" id="customers-count">{status.clone()}</p>
        <Table id="customers" caption="Customers you can work on" head=move || view! {
                <SortHeader path=PATH query=sorted_by.clone() column=CustomerSort::Name label="Name"/>
                <SortHeader path=PATH query=sorted_by.clone() column=CustomerSort::RegNumber label="CT Tax Reg No"/>
                <th scope="col" class="table__header">"Access Type"</th>
                <th scope="col" class="table__header">"Relationship"</th>
        }>
            {rows}
        </Table>
        <Pager path=PATH query=query page=page.page page_count=page_count
            next=page.next previous=page.previous status=status/>
    }
}

/// The last clients this logon opened (issue 14 §4), one press each.
#[component]
fn RecentClients(rows: Vec<CustomerRow>, problem: RwSignal<Option<String>>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        let items = rows
            .into_iter()
            .map(|row| {
                let id = row.id;
                let open = switching(switch, problem);
                view! {
                    <li>
                        <button type="button" class="link-button" on:click=move |_| open.dispatch(id)
                            aria-disabled=open.busy()>
                            {row.legal_name}
                        </button>
                        " "<span class="hint">{row.reg_number}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="recent-clients-heading">
                <h2 class="heading-m" id="recent-clients-heading">"Recent clients"</h2>
                <ul class="list">{items}</ul>
            </section>
        }
    })
}

#[component]
fn CustomerRowView(row: CustomerRow, problem: RwSignal<Option<String>>) -> impl IntoView {
    let id = row.id;
    // Switching is one call; the Summary then shows the chosen customer.
    let open = switching(switch, problem);
    view! {
        <tr class="table__row">
            <th scope="row" class="table__header">
                <button type="button" class="link-button" on:click=move |_| open.dispatch(id)
                    aria-disabled=open.busy()>
                    {row.legal_name}
                </button>
            </th>
            <td class="table__cell">{row.reg_number}</td>
            <td class="table__cell">{row.access_type.label()}</td>
            <td class="table__cell">{row.relationship.label()}</td>
        </tr>
    }
}
