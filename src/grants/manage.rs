//! `/more/additional-logons` and `/more/third-party-access`: "Manage
//! Additional Logons" and "Manage Third Party Access" for the current
//! business. One page, parameterised by kind: the requests waiting for a
//! decision, then who holds access now. Only its Master Administrators may
//! use it; the server answers 403 to anyone else, shown as a plain sentence.

use super::{api, current_customer, manage_path, manage_title, LoadRefusal, NoBusiness};
use crate::{components::Loading, format::date_us, shell::Page};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::{
    access::{AccessType, AccountLevel, Level},
    requests::{GrantRow, PendingRequestRow, RequestKind},
};

/// Where each action on one request or grant lives.
pub fn approve_path(kind: RequestKind, request_id: i64) -> String {
    format!("{}/requests/{request_id}/approve", manage_path(kind))
}
pub fn deny_path(kind: RequestKind, request_id: i64) -> String {
    format!("{}/requests/{request_id}/deny", manage_path(kind))
}
pub fn change_path(kind: RequestKind, grant_id: i64) -> String {
    format!("{}/grants/{grant_id}/change", manage_path(kind))
}
pub fn revoke_path(kind: RequestKind, grant_id: i64) -> String {
    format!("{}/grants/{grant_id}/revoke", manage_path(kind))
}

/// The sentence for anyone who is not a Master Administrator of the business.
pub fn only_masters(kind: RequestKind, legal_name: &str) -> String {
    let what = match kind {
        RequestKind::Additional => "its additional logons",
        RequestKind::ThirdParty => "its third party access",
    };
    format!("Only a Master Administrator of {legal_name} can manage {what}. Ask one of them if you need a change.")
}

/// "Jane Smith (JaneSmith)".
pub fn who(name: &str, username: &str) -> String {
    format!("{name} ({username})")
}

/// The levels in a few words: every account a Tax Administrator may use.
#[component]
pub fn LevelsSummary(access_type: AccessType, accounts: Vec<AccountLevel>) -> impl IntoView {
    if access_type == AccessType::MasterAdministrator {
        return view! { "All Access to every account" }.into_any();
    }
    let granted: Vec<_> = accounts
        .into_iter()
        .filter(|a| a.level != Level::NoAccess)
        .map(|a| {
            format!(
                "{} {}: {}",
                a.tax_type.label(),
                a.account_number,
                a.level.label()
            )
        })
        .collect();
    if granted.is_empty() {
        return view! { "No Access" }.into_any();
    }
    view! {
        <ul class="access-levels">
            {granted.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn ManageGrantsPage(kind: RequestKind) -> impl IntoView {
    let customer = current_customer();
    view! {
        <Page title=manage_title(kind)>
            {move || match customer.get() {
                None => view! { <NoBusiness/> }.into_any(),
                Some(c) => view! { <ForCustomer kind=kind customer_id=c.id legal_name=c.legal_name/> }
                    .into_any(),
            }}
        </Page>
    }
}

#[component]
fn ForCustomer(kind: RequestKind, customer_id: i64, legal_name: String) -> impl IntoView {
    let requests = LocalResource::new(move || api::pending_requests(customer_id, kind));
    let grants = LocalResource::new(move || api::grants(customer_id, kind));
    let retry = Callback::new(move |_| {
        requests.refetch();
        grants.refetch();
    });
    let intro = match kind {
        RequestKind::Additional => format!(
            "People who work for {legal_name} and asked for access with their own logon."
        ),
        RequestKind::ThirdParty => format!(
            "Preparer firms that act for {legal_name}. What you give a firm applies to all its secondary logons."
        ),
    };
    let forbidden = only_masters(kind, &legal_name);
    view! {
        <p class="body">{intro}</p>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let forbidden = forbidden.clone();
                Suspend::new(async move {
                    match (requests.await, grants.await) {
                        (Ok(requests), Ok(grants)) => view! {
                            <RequestsTable kind=kind rows=requests/>
                            <GrantsTable kind=kind rows=grants/>
                        }
                        .into_any(),
                        (Err(error), _) | (_, Err(error)) => view! {
                            <LoadRefusal error=error forbidden=forbidden on_retry=retry/>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn RequestsTable(kind: RequestKind, rows: Vec<PendingRequestRow>) -> impl IntoView {
    let firm_column = kind == RequestKind::ThirdParty;
    let columns = if firm_column { 5 } else { 4 };
    let body = if rows.is_empty() {
        view! { <tr><td class="table__cell" colspan=columns.to_string()>"No requests are waiting for you."</td></tr> }
            .into_any()
    } else {
        rows.into_iter()
            .map(|row| {
                let person = who(&row.requester_name, &row.requester_username);
                let for_whom = format!(" the request from {person}");
                let for_whom_too = for_whom.clone();
                view! {
                    <tr class="table__row">
                        <th scope="row" class="table__header">{person}</th>
                        {firm_column.then(|| view! { <td class="table__cell">{row.firm_name.clone().unwrap_or_default()}</td> })}
                        <td class="table__cell">{date_us(row.requested_at)}</td>
                        <td class="table__cell">{row.expires_on.to_us()}</td>
                        <td class="table__cell">
                            <ul class="table-actions">
                                <li><A href=approve_path(kind, row.id)>"Approve"<span class="visually-hidden">{for_whom}</span></A></li>
                                <li><A href=deny_path(kind, row.id)>"Deny"<span class="visually-hidden">{for_whom_too}</span></A></li>
                            </ul>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <h2 class="heading-m" id="waiting-heading">"Requests waiting for you"</h2>
        <div class="table-scroll" role="region" aria-labelledby="requests-caption" tabindex="0">
            <table class="table" id="requests">
                <caption class="table__caption" id="requests-caption">
                    "Requests for access waiting for your decision"
                </caption>
                <thead class="table__head">
                    <tr class="table__row">
                        <th scope="col" class="table__header">"Who"</th>
                        {firm_column.then(|| view! { <th scope="col" class="table__header">"Firm"</th> })}
                        <th scope="col" class="table__header">"Asked on"</th>
                        <th scope="col" class="table__header">"Lapses on"</th>
                        <th scope="col" class="table__header">"Action"</th>
                    </tr>
                </thead>
                <tbody class="table__body">{body}</tbody>
            </table>
        </div>
    }
}

#[component]
fn GrantsTable(kind: RequestKind, rows: Vec<GrantRow>) -> impl IntoView {
    let firm_column = kind == RequestKind::ThirdParty;
    let (heading, caption, empty) = match kind {
        RequestKind::Additional => (
            "Logons with access",
            "Additional logons that can act for this business",
            "No additional logons have access.",
        ),
        RequestKind::ThirdParty => (
            "Third parties with access",
            "Third parties that can act for this business",
            "No third parties have access.",
        ),
    };
    let columns = if firm_column { 6 } else { 5 };
    let body = if rows.is_empty() {
        view! { <tr><td class="table__cell" colspan=columns.to_string()>{empty}</td></tr> }
            .into_any()
    } else {
        rows.into_iter()
            .map(|row| {
                let person = who(&row.logon_name, &row.username);
                let label = row.firm_name.clone().unwrap_or_else(|| person.clone());
                let for_whom = format!(" access for {label}");
                let for_whom_too = for_whom.clone();
                view! {
                    <tr class="table__row">
                        <th scope="row" class="table__header">{person}</th>
                        {firm_column.then(|| view! { <td class="table__cell">{row.firm_name.clone().unwrap_or_default()}</td> })}
                        <td class="table__cell">{row.access_type.label()}</td>
                        <td class="table__cell"><LevelsSummary access_type=row.access_type accounts=row.accounts.clone()/></td>
                        <td class="table__cell">{row.ends_on.map(|d| d.to_us()).unwrap_or_else(|| "No end date".to_owned())}</td>
                        <td class="table__cell">
                            <ul class="table-actions">
                                <li><A href=change_path(kind, row.id)>"Change"<span class="visually-hidden">{for_whom}</span></A></li>
                                <li><A href=revoke_path(kind, row.id)>"Revoke"<span class="visually-hidden">{for_whom_too}</span></A></li>
                            </ul>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <h2 class="heading-m">{heading}</h2>
        <div class="table-scroll" role="region" aria-labelledby="grants-caption" tabindex="0">
            <table class="table" id="grants">
                <caption class="table__caption" id="grants-caption">{caption}</caption>
                <thead class="table__head">
                    <tr class="table__row">
                        <th scope="col" class="table__header">"Who"</th>
                        {firm_column.then(|| view! { <th scope="col" class="table__header">"Firm"</th> })}
                        <th scope="col" class="table__header">"Access Type"</th>
                        <th scope="col" class="table__header">"Levels"</th>
                        <th scope="col" class="table__header">"Ends"</th>
                        <th scope="col" class="table__header">"Action"</th>
                    </tr>
                </thead>
                <tbody class="table__body">{body}</tbody>
            </table>
        </div>
    }
}
