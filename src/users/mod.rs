//! More... and everything under My Users: Manage Secondary Logons with its three
//! tabs (Secondary Logons, Customer Security, Security Groups), one secondary
//! logon's page and actions, and the invitation page where the invited person
//! sets a password. The server's side is `secondary/`.

pub mod access_form;
pub mod api;
pub mod customer_security;
pub mod groups;
pub mod invitation;
pub mod more;
pub mod secondary_add;
pub mod secondary_forms;
pub mod secondary_list;
pub mod secondary_page;

use crate::{paths, session::use_session};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/more/secondary-logons/{id}`.
pub fn logon_path(id: i64) -> String {
    paths::fill(paths::SECONDARY_LOGON, &[id])
}

/// Seed 000's introduction to Manage Secondary Logons.
pub const INTRO: &str = "You can create and manage logons that only have access to customers and accounts that you have access to. These logons will act on your behalf to perform tasks such as filing returns and making payments for your business or clients.";

/// What a logon that may not manage secondary logons is told (the server's 403).
pub const NOT_FOR_SECONDARY: &str =
    "Only the logon that made a secondary logon can manage it. A secondary logon cannot make or manage other logons.";

/// The three tabs of Manage Secondary Logons, as GOV.UK sub-navigation: links,
/// the current one marked `aria-current="page"`.
#[component]
pub fn ManageTabs() -> impl IntoView {
    // A preparer with a client chosen: these pages are about the firm's own
    // logons and groups, whichever client is chosen (issue 14 §4).
    let session = use_session();
    let client = move || {
        session
            .view()
            .filter(|v| v.customer_count > 1)
            .and_then(|v| v.current_customer)
            .map(|c| c.legal_name)
    };
    view! {
        <p class="body">{INTRO}</p>
        {move || client().map(|name| view! {
            <div class="notice">
                <p class="body">{format!(
                    "These pages are about your own logon's secondary logons and security groups, across all your customers: not only {name}, the client you have chosen."
                )}</p>
            </div>
        })}
        <nav class="sub-nav" aria-label="Manage Secondary Logons">
            <ul class="sub-nav__list">
                <li class="sub-nav__item"><A href=paths::SECONDARY_LOGONS exact=true>"Secondary Logons"</A></li>
                <li class="sub-nav__item"><A href=paths::CUSTOMER_SECURITY exact=true>"Customer Security"</A></li>
                <li class="sub-nav__item"><A href=paths::SECURITY_GROUPS exact=true>"Security Groups"</A></li>
            </ul>
        </nav>
    }
}
