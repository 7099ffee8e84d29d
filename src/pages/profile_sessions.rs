//! `/profile/sessions`: "Sessions", where the logon is signed in now, and
//! "Sign out of other sessions".

use crate::{
    api,
    components::{data_table::Column, DataTable, Loaded, Submit},
    paths,
    session::use_session,
    shell::{Page, PageTracker},
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::profile::SessionEntry;

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub SessionsRoute in profile => view! { <RequireSession><SessionsPage/></RequireSession> });

pub const TITLE: &str = "Sessions";

fn when(seconds: i64) -> String {
    crate::format::date_time(seconds)
}

fn row(entry: SessionEntry) -> Vec<String> {
    let device = if entry.this_session {
        format!("{} (This session)", entry.device)
    } else {
        entry.device
    };
    vec![
        device,
        entry.source_address.unwrap_or_else(|| "Unknown".into()),
        when(entry.signed_in_at),
        when(entry.last_seen_at),
    ]
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let session = use_session();
    let tracker = expect_context::<PageTracker>();
    let sessions = LocalResource::new(api::sessions);
    let message = RwSignal::new(None::<String>);
    let end_others = Submit::new(
        |()| api::end_other_sessions(),
        move |answer| match answer {
            Ok(ended) => {
                let text = match ended.ended {
                    0 => "There were no other sessions to sign out.".to_owned(),
                    1 => "1 other session has been signed out.".to_owned(),
                    n => format!("{n} other sessions have been signed out."),
                };
                tracker.announce(text.clone());
                message.set(Some(text));
                sessions.refetch();
            }
            Err(error) if error.is_unauthorized() => session.expired(),
            Err(error) => message.set(Some(error.message())),
        },
    );
    view! {
        <Page title=TITLE>
            {move || message.get().map(|text| view! { <p class="body notice">{text}</p> })}
            <Loaded data=sessions view={|list| {
                let rows: Vec<Vec<String>> = list.sessions.into_iter().map(row).collect();
                view! {
                    <DataTable
                        id="sessions"
                        caption="Where you are logged in now"
                        columns=vec![
                            Column::text("Device"),
                            Column::text("Source address"),
                            Column::text("Logged in"),
                            Column::text("Last active"),
                        ]
                        rows=Signal::stored(rows)
                        row_headers=true
                    />
                }
            }}/>
            <button type="button" class="button button--secondary" on:click=move |_| end_others.dispatch(())
                aria-disabled=end_others.busy()>
                "Sign out of other sessions"
            </button>
            <p class="body"><A href=paths::PROFILE>"Back to Manage My Profile"</A></p>
        </Page>
    }
}
