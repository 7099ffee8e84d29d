//! The Customer Security tab (`/more/customer-security`): every customer this
//! logon reaches with its security group, searched, sorted and paged by the
//! server (a preparer may have thousands); and "Select Security Group" for one.

use super::{api, ManageTabs, NOT_FOR_SECONDARY};
use crate::{
    components::{
        empty_row, form_errors, refuse_with, BackLink, Choice, ErrorSummary, FormError, FormState,
        LoadError, Loaded, RadioGroup, Submit, SubmitButton, SubmitOrCancel, Table,
    },
    customers::list::{showing, use_customer_query, CustomerSearchForm, Pager, SortHeader},
    paths::{self, CUSTOMER_SECURITY},
    session::use_flash,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map, use_query_map},
};
use wire::{
    access::{CustomerQuery, CustomerSort, Paged},
    secondary::{
        CustomerSecurityRow, CustomersMoved, MatchingSearch, MoveCustomerRequest,
        MoveCustomersRequest, SecurityGroupView,
    },
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub CustomerSecurityRoute in users => view! { <RequireSession><CustomerSecurityPage/></RequireSession> });
lazy_page!(pub SelectSecurityGroupRoute in users => view! { <RequireSession><SelectSecurityGroupPage/></RequireSession> });

pub const TITLE: &str = "Customer Security";

/// `/more/customer-security/{id}?reg=…`: the registration number lets the page
/// find the row again through the same scoped search after a reload.
fn select_path(row: &CustomerSecurityRow) -> String {
    format!(
        "{}{}",
        paths::fill(paths::CUSTOMER_SECURITY_SELECT, &[row.customer_id]),
        crate::api::query_string(&[("reg", row.reg_number.clone())])
    )
}

#[component]
pub fn CustomerSecurityPage() -> impl IntoView {
    let query = use_customer_query();
    let results = LocalResource::new(move || {
        let q = query.get();
        async move {
            let page = api::customer_security(&q).await?;
            Ok((page, api::security_groups().await?))
        }
    });
    let form = FormState::new();
    let moved = RwSignal::new(None::<String>);
    view! {
        <Page
            title=TITLE
            error=form.has_errors()
            before_title=move || view! {
                <BackLink href=paths::MORE label="Back to More..."/>
                <ErrorSummary form=form/>
            }
        >
            <ManageTabs/>
            <p class="body">"Each customer you reach is in one security group. A secondary logon reaches the customers in its groups. Choose a customer's group to move it, or tick several and move them together."</p>
            {move || {
                let q = query.get();
                view! { <CustomerSearchForm path=CUSTOMER_SECURITY label="Search customer security" query=q form=form/> }
            }}
            <div role="status">
                {move || moved.get().map(|text| view! { <div class="notice"><p class="body">{text}</p></div> })}
            </div>
            <Loaded data=results refused=refuse_with(&[403], NOT_FOR_SECONDARY)
                view={move |(page, groups)| view! {
                    <SecurityTable page=page groups=groups query=query.get_untracked() form=form moved=moved
                        reload=Callback::new(move |_| results.refetch())/>
                }}/>
        </Page>
    }
}

/// Ticks of the rows on this page, and the move of the ticked ones to one
/// group in one request (issue 14 §4: moving 55 clients is one step).
#[component]
fn SecurityTable(
    page: Paged<CustomerSecurityRow>,
    groups: Vec<SecurityGroupView>,
    query: CustomerQuery,
    form: FormState,
    moved: RwSignal<Option<String>>,
    reload: Callback<()>,
) -> impl IntoView {
    let status = showing(page.page, page.page_size, page.items.len(), page.total);
    let page_count = page.page_count();
    let total = page.total;
    let on_page: Vec<i64> = page.items.iter().map(|r| r.customer_id).collect();
    let ticked = RwSignal::new(Vec::<i64>::new());
    // "All matching this search": every customer the search matches, on
    // every page (issue 14 §4), offered once the whole page is ticked.
    let all_matching = RwSignal::new(false);
    let more_than_page = total > on_page.len() as i64;
    let all_ticked = {
        let on_page = on_page.clone();
        move || !on_page.is_empty() && ticked.with(|t| on_page.iter().all(|id| t.contains(id)))
    };
    let tick_all = {
        let on_page = on_page.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            all_matching.set(false);
            ticked.set(if on { on_page.clone() } else { Vec::new() });
        }
    };
    let target = RwSignal::new(String::new());
    let move_them = Submit::form_with(
        form,
        |request: MoveCustomersRequest| async move { api::move_customers(&request).await },
        move |error: &crate::api::ApiError| {
            // The search matches another count now: show the list as it is.
            if error.status() == Some(409) {
                all_matching.set(false);
                ticked.set(Vec::new());
                reload.run(());
            }
            form_errors(error)
        },
        move |done: CustomersMoved| {
            let noun = if done.moved == 1 {
                "customer"
            } else {
                "customers"
            };
            moved.set(Some(format!(
                "{} {noun} moved to {}.",
                done.moved, done.group.name
            )));
            ticked.set(Vec::new());
            all_matching.set(false);
            reload.run(());
        },
    );
    let search_text = query.q.clone();
    let on_submit = move_them.on_submit(form, move || {
        moved.set(None);
        let request = if all_matching.get_untracked() {
            MoveCustomersRequest {
                group_id: target.get_untracked().parse().ok(),
                matching: Some(MatchingSearch {
                    q: search_text.clone(),
                    expected: total,
                }),
                ..Default::default()
            }
        } else {
            MoveCustomersRequest {
                group_id: target.get_untracked().parse().ok(),
                customer_ids: ticked.get_untracked(),
                ..Default::default()
            }
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    let options = groups
        .into_iter()
        .map(|g| view! { <option value=g.id.to_string()>{g.name}</option> })
        .collect_view();
    let rows = if page.items.is_empty() {
        empty_row(4, "No customers match your search.")
    } else {
        page.items
            .into_iter()
            .map(|row| {
                let href = select_path(&row);
                let label = format!(
                    "{}, change the security group of {}",
                    row.group.name, row.legal_name
                );
                let id = row.customer_id;
                let box_id = format!("select-{id}");
                view! {
                    <tr class="table__row">
                        <td class="table__cell">
                            <input type="checkbox" class="table__tick" id=box_id.clone()
                                prop:checked=move || ticked.with(|t| t.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    all_matching.set(false);
                                    ticked.update(|t| {
                                        t.retain(|x| *x != id);
                                        if on { t.push(id); }
                                    });
                                }/>
                            <label class="visually-hidden" for=box_id>{format!("Select {}", row.legal_name)}</label>
                        </td>
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
    let sorted_by = query.clone();
    let count = move || {
        if all_matching.get() {
            format!("All {total} customers matching this search selected")
        } else {
            format!("{} selected", ticked.with(Vec::len))
        }
    };
    let whole_page = all_ticked.clone();
    let offer_all = move || {
        (more_than_page && whole_page()).then(|| {
            if all_matching.get() {
                view! {
                    <button type="button" class="button button--secondary"
                        on:click=move |_| all_matching.set(false)>
                        "Select only this page"
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="button button--secondary"
                        on:click=move |_| all_matching.set(true)>
                        {format!("Select all {total} customers matching this search")}
                    </button>
                }
                .into_any()
            }
        })
    };
    view! {
        <form class="form move-form" novalidate on:submit=on_submit>
            <div class="form-group">
                <label class="label" for="group_id">"Move the selected customers to"</label>
                <select class="select" id="group_id" on:change=move |ev| target.set(event_target_value(&ev))>
                    <option value="">"Choose a security group"</option>
                    {options}
                </select>
            </div>
            <p class="body" aria-live="polite">{count}</p>
            {offer_all}
            <SubmitButton pending=move_them.pending()>"Move selected customers"</SubmitButton>
        </form>
        <p class="body">{status.clone()}</p>
        <Table id="customer-security" caption="Customers and their security groups" head=move || view! {
                <td class="table__header">
                    <input type="checkbox" class="table__tick" id="customer_ids"
                        prop:checked=all_ticked.clone() on:change=tick_all.clone()/>
                    <label class="visually-hidden" for="customer_ids">"Select all on this page"</label>
                </td>
                <SortHeader path=CUSTOMER_SECURITY query=sorted_by.clone() column=CustomerSort::Name label="Name"/>
                <SortHeader path=CUSTOMER_SECURITY query=sorted_by.clone() column=CustomerSort::RegNumber label="CT Tax Reg No"/>
                <th scope="col" class="table__header">"Security Group"</th>
        }>
            {rows}
        </Table>
        <Pager path=CUSTOMER_SECURITY query=query page=page.page page_count=page_count
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

#[component]
pub fn SelectSecurityGroupPage() -> impl IntoView {
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
    let refused = Callback::new(move |error: crate::api::ApiError| {
        Some(view! { <Page title="Select Security Group"><LoadError message=error.message() on_retry=retry/></Page> }.into_any())
    });
    view! {
        <Loaded data=loaded refused=refused view={|found| match found {
            Some((row, groups)) => view! { <SelectForm row=row groups=groups/> }.into_any(),
            None => view! { <crate::pages::NotFound/> }.into_any(),
        }}/>
    }
    .into_any()
}

#[component]
fn SelectForm(row: CustomerSecurityRow, groups: Vec<SecurityGroupView>) -> impl IntoView {
    let flash = use_flash();
    let navigate = use_navigate();
    let form = FormState::new();
    let selected = RwSignal::new(Some(row.group.id.to_string()));
    let customer_id = row.customer_id;
    let legal_name = row.legal_name.clone();
    let save = Submit::form(
        form,
        move |request: MoveCustomerRequest| async move {
            api::move_customer(customer_id, &request).await
        },
        move |moved| {
            flash.show_on(
                CUSTOMER_SECURITY,
                format!(
                    "{legal_name} is now in the security group {}.",
                    moved.group.name
                ),
            );
            navigate(CUSTOMER_SECURITY, Default::default());
        },
    );
    let on_submit = save.on_submit(form, move || {
        let request = MoveCustomerRequest {
            group_id: selected.get_untracked().and_then(|v| v.parse().ok()),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    let choices = groups
        .iter()
        .map(|g| Choice::new(g.id.to_string(), g.name.clone()))
        .collect::<Vec<_>>();
    view! {
        <Page
            title="Select Security Group"
            error=form.has_errors()
            before_title=move || view! {
                <BackLink href=CUSTOMER_SECURITY label="Back to Customer Security"/>
                <ErrorSummary form=form/>
            }
        >
            <p class="body">{format!("{} (CT Tax Reg No {}) is in one security group. Secondary logons with that group reach it.", row.legal_name, row.reg_number)}</p>
            <form class="form" novalidate on:submit=on_submit>
                <RadioGroup id="group_id" legend=format!("Security group for {}", row.legal_name)
                    options=choices selected=selected error=form.error_for("group_id")/>
                <SubmitOrCancel pending=save.pending() label="Save" cancel=CUSTOMER_SECURITY/>
            </form>
        </Page>
    }
}
