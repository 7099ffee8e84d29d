//! `/more/secondary-logons`: the Secondary Logons tab: the logons this logon
//! made for others, and Add.

use super::{api, logon_path, ManageTabs, NOT_FOR_SECONDARY};
use crate::{
    components::{empty_row, refuse_with, BackLink, Loaded, Table},
    paths,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::secondary::SecondaryLogonRow;

pub const TITLE: &str = "Secondary Logons";

lazy_page!(pub SecondaryLogonsRoute in users => view! { <RequireSession><SecondaryLogonsPage/></RequireSession> });

#[component]
pub fn SecondaryLogonsPage() -> impl IntoView {
    let logons = LocalResource::new(api::secondary_logons);
    view! {
        <Page title=TITLE before_title=|| view! { <BackLink href=paths::MORE label="Back to More..."/> }>
            <ManageTabs/>
            <Loaded data=logons refused=refuse_with(&[403], NOT_FOR_SECONDARY)
                view={|rows| view! { <LogonTable rows=rows/> }}/>
        </Page>
    }
}

#[component]
fn LogonTable(rows: Vec<SecondaryLogonRow>) -> impl IntoView {
    let body = if rows.is_empty() {
        empty_row(5, "There are no logons.")
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
        <p class="body"><a href=paths::SECONDARY_LOGON_ADD class="button">"Add a secondary logon"</a></p>
        <Table id="logons" caption="Logons" head=move || view! {
                <th scope="col" class="table__header">"Logon"</th>
                <th scope="col" class="table__header">"Name"</th>
                <th scope="col" class="table__header">"Email"</th>
                <th scope="col" class="table__header">"Access Type"</th>
                <th scope="col" class="table__header">"Status"</th>
        }>
            {body}
        </Table>
    }
}
