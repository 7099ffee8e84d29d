//! `/more/additional-logons` and `/more/third-party-access`: "Manage
//! Additional Logons" and "Manage Third Party Access" for the current
//! business. One page, parameterised by kind: the requests waiting for a
//! decision, then who holds access now. Only its Master Administrators may
//! use it; the server answers 403 to anyone else, shown as a plain sentence.

use super::{api, current_customer, manage_title, refusal, NoBusiness};
use crate::{
    components::{empty_row, Loaded, Table},
    format::date_us,
    paths,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::{
    access::{AccessType, AccountLevel, Level},
    grants::{GrantRow, PendingRequestRow, RequestKind},
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub ManageAdditionalLogonsRoute in grants => view! { <RequireSession><ManageGrantsPage kind=RequestKind::Additional/></RequireSession> });
lazy_page!(pub ManageThirdPartyAccessRoute in grants => view! { <RequireSession><ManageGrantsPage kind=RequestKind::ThirdParty/></RequireSession> });

/// What can be done to one request or grant, each a page of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Approve,
    Deny,
    Change,
    /// Cancel Access (an additional logon, seed 002) or Revoke (a third party).
    End,
}

/// The page of `on` for request or grant `id`.
pub fn action_path(kind: RequestKind, on: On, id: i64) -> String {
    let (additional, third_party) = match on {
        On::Approve => (paths::ADDITIONAL_APPROVE, paths::THIRD_PARTY_APPROVE),
        On::Deny => (paths::ADDITIONAL_DENY, paths::THIRD_PARTY_DENY),
        On::Change => (paths::ADDITIONAL_CHANGE, paths::THIRD_PARTY_CHANGE),
        On::End => (paths::ADDITIONAL_CANCEL, paths::THIRD_PARTY_REVOKE),
    };
    let pattern = match kind {
        RequestKind::Additional => additional,
        RequestKind::ThirdParty => third_party,
    };
    paths::fill(pattern, &[id])
}

/// How access is ended: an additional logon's is canceled (seed 002, "Cancel
/// Access"), a third party's revoked ("a taxpayer can revoke a third party's
/// access at any time").
pub fn end_label(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Additional => "Cancel Access",
        RequestKind::ThirdParty => "Revoke",
    }
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
    // Both lists, or the first refusal.
    let lists = LocalResource::new(move || async move {
        let requests = api::pending_requests(customer_id, kind).await?;
        let grants = api::grants(customer_id, kind).await?;
        Ok((requests, grants))
    });
    let intro = match kind {
        RequestKind::Additional => format!(
            "People who work for {legal_name} and asked for access with their own logon."
        ),
        RequestKind::ThirdParty => format!(
            "Preparer firms that act for {legal_name}. What you give a firm applies to all its secondary logons."
        ),
    };
    view! {
        <p class="body">{intro}</p>
        <Loaded data=lists refused=refusal(only_masters(kind, &legal_name)) view={move |(requests, grants)| view! {
            <RequestsTable kind=kind rows=requests/>
            <GrantsTable kind=kind rows=grants/>
        }}/>
    }
}

#[component]
fn RequestsTable(kind: RequestKind, rows: Vec<PendingRequestRow>) -> impl IntoView {
    let firm_column = kind == RequestKind::ThirdParty;
    let columns = if firm_column { 5 } else { 4 };
    let body = if rows.is_empty() {
        empty_row(columns, "No requests are waiting for you.")
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
                                <li><A href=action_path(kind, On::Approve, row.id)>"Approve"<span class="visually-hidden">{for_whom}</span></A></li>
                                <li><A href=action_path(kind, On::Deny, row.id)>"Deny"<span class="visually-hidden">{for_whom_too}</span></A></li>
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
        <Table id="requests" caption="Requests for access waiting for your decision" head=move || view! {
                <th scope="col" class="table__header">"Who"</th>
                {firm_column.then(|| view! { <th scope="col" class="table__header">"Firm"</th> })}
                <th scope="col" class="table__header">"Asked on"</th>
                <th scope="col" class="table__header">"Lapses on"</th>
                <th scope="col" class="table__header">"Action"</th>
        }>
            {body}
        </Table>
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
        empty_row(columns, empty)
    } else {
        rows.into_iter()
            .map(|row| {
                let person = who(&row.logon_name, &row.username);
                let label = row.firm_name.clone().unwrap_or_else(|| person.clone());
                let for_whom = format!(" access for {label}");
                // "Cancel Access for …", "Revoke access for …".
                let for_whom_too = match kind {
                    RequestKind::Additional => format!(" for {label}"),
                    RequestKind::ThirdParty => for_whom.clone(),
                };
                let end = end_label(kind);
                view! {
                    <tr class="table__row">
                        <th scope="row" class="table__header">{person}</th>
                        {firm_column.then(|| view! { <td class="table__cell">{row.firm_name.clone().unwrap_or_default()}</td> })}
                        <td class="table__cell">{row.access_type.label()}</td>
                        <td class="table__cell"><LevelsSummary access_type=row.access_type accounts=row.accounts.clone()/></td>
                        <td class="table__cell">{row.ends_on.map(|d| d.to_us()).unwrap_or_else(|| "No end date".to_owned())}</td>
                        <td class="table__cell">
                            <ul class="table-actions">
                                <li><A href=action_path(kind, On::Change, row.id)>"Change"<span class="visually-hidden">{for_whom}</span></A></li>
                                <li><a href=action_path(kind, On::End, row.id) class="button button--warning button--small">{end}<span class="visually-hidden">{for_whom_too}</span></a></li>
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
        <Table id="grants" caption=caption head=move || view! {
                <th scope="col" class="table__header">"Who"</th>
                {firm_column.then(|| view! { <th scope="col" class="table__header">"Firm"</th> })}
                <th scope="col" class="table__header">"Access Type"</th>
                <th scope="col" class="table__header">"Levels"</th>
                <th scope="col" class="table__header">"Ends"</th>
                <th scope="col" class="table__header">"Action"</th>
        }>
            {body}
        </Table>
    }
}
