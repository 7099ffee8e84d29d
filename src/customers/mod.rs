//! `/customers`: the client switcher. A logon that reaches more than one
//! customer picks the one it works on; the header's "<" link brings it back.

pub mod list;

use crate::{
    api::{self, ApiError},
    components::{ErrorSummary, FormState, LoadError, Loading},
    nav,
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;
use list::{showing, use_customer_query, CustomerSearchForm, Pager, SortHeader};
use wire::access::{CustomerQuery, CustomerRow, CustomerSort, Paged, SwitchCustomerRequest};

pub const TITLE: &str = "Customers";
pub const PATH: &str = "/customers";

/// `GET /api/customers?…`.
async fn customers(query: CustomerQuery) -> Result<Paged<CustomerRow>, ApiError> {
    api::get_json(&list::href("/api/customers", &query)).await
}

/// `POST /api/session/customer`.
async fn switch(customer_id: i64) -> Result<wire::session::SessionView, ApiError> {
    api::post_json_for(
        "/api/session/customer",
        &SwitchCustomerRequest { customer_id },
    )
    .await
}

lazy_page!(pub CustomersRoute in customers => view! { <RequireSession><CustomersPage/></RequireSession> });

#[component]
pub fn CustomersPage() -> impl IntoView {
    let session = use_session();
    let query = use_customer_query();
    let results = LocalResource::new(move || customers(query.get()));
    let retry = Callback::new(move |_| results.refetch());
    let form = FormState::new();
    let problem = RwSignal::new(None::<String>);
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <p class="body">"Choose the customer to work on. You can come back here from any page with the link at the top."</p>
            {move || {
                let q = query.get();
                view! { <CustomerSearchForm path=PATH label="Search customers" query=q form=form/> }
            }}
            {move || problem.get().map(|text| view! { <div class="notice notice--problem" role="alert"><p class="body">{text}</p></div> })}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(page) => view! { <CustomerTable page=page query=query.get_untracked() problem=problem/> }.into_any(),
                        Err(error) if error.is_unauthorized() => {
                            session.expired();
                            view! { <Loading/> }.into_any()
                        }
                        Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                    }
                })}
            </Suspense>
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
        view! { <tr><td class="table__cell" colspan="4">"No customers match your search."</td></tr> }
            .into_any()
    } else {
        page.items
            .into_iter()
            .map(|row| view! { <CustomerRowView row=row problem=problem/> })
            .collect_view()
            .into_any()
    };
    view! {
        <p class="body" id="customers-count">{status.clone()}</p>
        <div class="table-scroll" role="region" aria-labelledby="customers-caption" tabindex="0">
            <table class="table" id="customers">
                <caption class="table__caption" id="customers-caption">"Customers you can work on"</caption>
                <thead class="table__head">
                    <tr class="table__row">
                        <SortHeader path=PATH query=query.clone() column=CustomerSort::Name label="Name"/>
                        <SortHeader path=PATH query=query.clone() column=CustomerSort::RegNumber label="CT Tax Reg No"/>
                        <th scope="col" class="table__header">"Access Type"</th>
                        <th scope="col" class="table__header">"Relationship"</th>
                    </tr>
                </thead>
                <tbody class="table__body">{rows}</tbody>
            </table>
        </div>
        <Pager path=PATH query=query page=page.page page_count=page_count
            next=page.next previous=page.previous status=status/>
    }
}

#[component]
fn CustomerRowView(row: CustomerRow, problem: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let id = row.id;
    // Switching is one call; the Summary then shows the chosen customer.
    let open = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match switch(id).await {
                Ok(view) => {
                    session.signed_in(view);
                    navigate(nav::HOME, Default::default());
                }
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => problem.set(Some(error.message())),
            }
            pending.set(false);
        });
    };
    view! {
        <tr class="table__row">
            <th scope="row" class="table__header">
                <button type="button" class="link-button" on:click=open
                    aria-disabled=move || pending.get().then_some("true")>
                    {row.legal_name}
                </button>
            </th>
            <td class="table__cell">{row.reg_number}</td>
            <td class="table__cell">{row.access_type.label()}</td>
            <td class="table__cell">{row.relationship.label()}</td>
        </tr>
    }
}
