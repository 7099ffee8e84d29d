//! `/more/secondary-logons`: the Secondary Logons tab: the logons this logon
//! made for others, and Add.

use super::{api, logon_path, BackLink, ManageTabs};
use crate::{
    components::{LoadError, Loading},
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::secondary::SecondaryLogonRow;

pub const TITLE: &str = "Secondary Logons";
pub const ADD_PATH: &str = "/more/secondary-logons/add";

/// What a logon that may not manage secondary logons is told (the server's 403).
pub const NOT_FOR_SECONDARY: &str =
    "Only the logon that made a secondary logon can manage it. A secondary logon cannot make or manage other logons.";

lazy_page!(pub SecondaryLogonsRoute in users => view! { <RequireSession><SecondaryLogonsPage/></RequireSession> });

#[component]
pub fn SecondaryLogonsPage() -> impl IntoView {
    let session = use_session();
    let logons = LocalResource::new(api::secondary_logons);
    let retry = Callback::new(move |_| logons.refetch());
    view! {
        <Page title=TITLE before_title=|| view! { <BackLink href=super::more::PATH label="Back to More..."/> }>
            <ManageTabs/>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match logons.await {
                        Ok(rows) => view! { <LogonTable rows=rows/> }.into_any(),
                        Err(error) if error.is_unauthorized() => {
                            session.expired();
                            view! { <Loading/> }.into_any()
                        }
                        Err(error) if error.status() == Some(403) => {
                            view! { <p class="body">{NOT_FOR_SECONDARY}</p> }.into_any()
                        }
                        Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn LogonTable(rows: Vec<SecondaryLogonRow>) -> impl IntoView {
    let body = if rows.is_empty() {
        view! { <tr><td class="table__cell" colspan="5">"There are no logons."</td></tr> }
            .into_any()
    } else {
        rows.into_iter()
            .map(|row| {
                view! {
                    <tr class="table__row">
                        <th scope="row" class="table__header"><A href=logon_path(row.id)>{row.username}</A></th>
                        <td class="table__cell">{row.name}</td>
                        <td class="table__cell table__cell--wrap">{row.email}</td>
                        <td class="table__cell">{row.access_type.label()}</td>
                        <td class="table__cell">{row.status.label()}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <p class="body"><A href=ADD_PATH>"Add"<span class="visually-hidden">" a secondary logon"</span></A></p>
        <div class="table-scroll" role="region" aria-labelledby="logons-caption" tabindex="0">
            <table class="table" id="logons">
                <caption class="table__caption" id="logons-caption">"Logons"</caption>
                <thead class="table__head">
                    <tr class="table__row">
                        <th scope="col" class="table__header">"Logon"</th>
                        <th scope="col" class="table__header">"Name"</th>
                        <th scope="col" class="table__header">"Email"</th>
                        <th scope="col" class="table__header">"Access Type"</th>
                        <th scope="col" class="table__header">"Status"</th>
                    </tr>
                </thead>
                <tbody class="table__body">{body}</tbody>
            </table>
        </div>
    }
}
