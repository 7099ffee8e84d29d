//! The Customer Security tab (`/more/customer-security`): every customer this
//! logon reaches with its security group, searched, sorted and paged by the
//! server (a preparer may have thousands); and "Select Security Group" for one.

use super::{api, BackLink, ManageTabs, CUSTOMER_SECURITY_PATH};
use crate::{
    components::{Choice, ErrorSummary, FormState, LoadError, Loading, RadioGroup},
    customers::list::{showing, use_customer_query, CustomerSearchForm, Pager, SortHeader},
    pages::profile_form::form_errors,
    session::{use_flash, use_session},
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map, use_query_map},
};
use wire::{
    access::{CustomerQuery, CustomerSort, Paged},
    secondary::{CustomerSecurityRow, MoveCustomerRequest, SecurityGroupView},
};

pub const TITLE: &str = "Customer Security";

/// `/more/customer-security/{id}?reg=…`: the registration number lets the page
/// find the row again through the same scoped search after a reload.
fn select_path(row: &CustomerSecurityRow) -> String {
    format!(
        "{CUSTOMER_SECURITY_PATH}/{}{}",
        row.customer_id,
        crate::api::query_string(&[("reg", row.reg_number.clone())])
    )
}

lazy_page!(pub CustomerSecurityRoute in users => view! { <RequireSession><CustomerSecurityPage/></RequireSession> });

#[component]
pub fn CustomerSecurityPage() -> impl IntoView {
    let session = use_session();
    let query = use_customer_query();
    let results = LocalResource::new(move || {
        let q = query.get();
        async move { api::customer_security(&q).await }
    });
    let retry = Callback::new(move |_| results.refetch());
    let form = FormState::new();
    view! {
        <Page
            title=TITLE
            error=form.has_errors()
            before_title=move || view! {
                <BackLink href=super::more::PATH label="Back to More..."/>
                <ErrorSummary form=form/>
            }
        >
            <ManageTabs/>
            <p class="body">"Each customer you reach is in one security group. A secondary logon reaches the customers in its groups. Choose a customer's group to move it."</p>
            {move || {
                let q = query.get();
                view! { <CustomerSearchForm path=CUSTOMER_SECURITY_PATH label="Search customer security" query=q form=form/> }
            }}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(page) => view! { <SecurityTable page=page query=query.get_untracked()/> }.into_any(),
                        Err(error) if error.is_unauthorized() => {
                            session.expired();
                            view! { <Loading/> }.into_any()
                        }
                        Err(error) if error.status() == Some(403) => {
                            view! { <p class="body">{super::secondary_list::NOT_FOR_SECONDARY}</p> }.into_any()
                        }
                        Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn SecurityTable(page: Paged<CustomerSecurityRow>, query: CustomerQuery) -> impl IntoView {
    let status = showing(page.page, page.page_size, page.items.len(), page.total);
    let page_count = page.page_count();
    let rows = if page.items.is_empty() {
        view! { <tr><td class="table__cell" colspan="3">"No customers match your search."</td></tr> }.into_any()
    } else {
        page.items
            .into_iter()
            .map(|row| {
                let href = select_path(&row);
                let label = format!(
                    "{}, change the security group of {}",
                    row.group.name, row.legal_name
                );
                view! {
                    <tr class="table__row">
                        <th scope="row" class="table__header">{row.legal_name.clone()}</th>
                        <td class="table__cell">{row.reg_number.clone()}</td>
                        <td class="table__cell">
                            <A href=href attr:aria-label=label>
                                {row.group.name.clone()}
                            </A>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <p class="body">{status.clone()}</p>
        <div class="table-scroll" role="region" aria-labelledby="customer-security-caption" tabindex="0">
            <table class="table" id="customer-security">
                <caption class="table__caption" id="customer-security-caption">"Customers and their security groups"</caption>
                <thead class="table__head">
                    <tr class="table__row">
                        <SortHeader path=CUSTOMER_SECURITY_PATH query=query.clone() column=CustomerSort::Name label="Name"/>
                        <SortHeader path=CUSTOMER_SECURITY_PATH query=query.clone() column=CustomerSort::RegNumber label="CT Tax Reg No"/>
                        <th scope="col" class="table__header">"Security Group"</th>
                    </tr>
                </thead>
                <tbody class="table__body">{rows}</tbody>
            </table>
        </div>
        <Pager path=CUSTOMER_SECURITY_PATH query=query page=page.page page_count=page_count
            next=page.next previous=page.previous status=status/>
    }
}

/// The customer's row (found through the scoped list) and the groups to choose from.
async fn load_choice(
    customer_id: i64,
    reg: String,
) -> Result<Option<(CustomerSecurityRow, Vec<SecurityGroupView>)>, crate::api::ApiError> {
    let page = api::customer_security(&CustomerQuery {
        q: Some(reg),
        ..Default::default()
    })
    .await?;
    let Some(row) = page
        .items
        .into_iter()
        .find(|r| r.customer_id == customer_id)
    else {
        return Ok(None);
    };
    let groups = api::security_groups().await?;
    Ok(Some((row, groups)))
}

lazy_page!(pub SelectSecurityGroupRoute in users => view! { <RequireSession><SelectSecurityGroupPage/></RequireSession> });

#[component]
pub fn SelectSecurityGroupPage() -> impl IntoView {
    let session = use_session();
    let customer_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let reg = use_query_map()
        .read_untracked()
        .get("reg")
        .unwrap_or_default();
    let Some(customer_id) = customer_id.filter(|_| !reg.is_empty()) else {
        return view! { <crate::pages::NotFound/> }.into_any();
    };
    let loaded = LocalResource::new(move || load_choice(customer_id, reg.clone()));
    let retry = Callback::new(move |_| loaded.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(Some((row, groups))) => view! { <SelectForm row=row groups=groups/> }.into_any(),
                    Ok(None) => view! { <crate::pages::NotFound/> }.into_any(),
                    Err(error) if error.is_unauthorized() => {
                        session.expired();
                        view! { <Loading/> }.into_any()
                    }
                    Err(error) => view! {
                        <Page title="Select Security Group">
                            <LoadError message=error.message() on_retry=retry/>
                        </Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn SelectForm(row: CustomerSecurityRow, groups: Vec<SecurityGroupView>) -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let form = FormState::new();
    let selected = RwSignal::new(Some(row.group.id.to_string()));
    let pending = RwSignal::new(false);
    let customer_id = row.customer_id;
    let legal_name = row.legal_name.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = MoveCustomerRequest {
            group_id: selected.get_untracked().and_then(|v| v.parse().ok()),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        let legal_name = legal_name.clone();
        spawn_local(async move {
            match api::move_customer(customer_id, &request).await {
                Ok(moved) => {
                    flash.show_on(
                        CUSTOMER_SECURITY_PATH,
                        format!(
                            "{legal_name} is now in the security group {}.",
                            moved.group.name
                        ),
                    );
                    navigate(CUSTOMER_SECURITY_PATH, Default::default());
                }
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => form.fail(form_errors(&error)),
            }
            pending.set(false);
        });
    };
    let choices = groups
        .iter()
        .map(|g| Choice::new(g.id.to_string(), g.name.clone()))
        .collect::<Vec<_>>();
    view! {
        <Page
            title="Select Security Group"
            error=form.has_errors()
            before_title=move || view! {
                <BackLink href=CUSTOMER_SECURITY_PATH label="Back to Customer Security"/>
                <ErrorSummary form=form/>
            }
        >
            <p class="body">{format!("{} (CT Tax Reg No {}) is in one security group. Secondary logons with that group reach it.", row.legal_name, row.reg_number)}</p>
            <form class="form" novalidate on:submit=submit>
                <RadioGroup id="group_id" legend=format!("Security group for {}", row.legal_name)
                    options=choices selected=selected error=form.error_for("group_id")/>
                <div class="button-group">
                    <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>"Save"</button>
                    <A href=CUSTOMER_SECURITY_PATH>"Cancel"</A>
                </div>
            </form>
        </Page>
    }
}
