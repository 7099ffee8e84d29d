//! More... and everything under My Users: Manage Secondary Logons with its three
//! tabs (Secondary Logons, Customer Security, Security Groups), one secondary
//! logon's page and actions, and the invitation page where the invited person
//! sets a password.

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

use leptos::prelude::*;
use leptos_router::components::A;

pub const SECONDARY_LOGONS_PATH: &str = "/more/secondary-logons";
pub const CUSTOMER_SECURITY_PATH: &str = "/more/customer-security";
pub const SECURITY_GROUPS_PATH: &str = "/more/security-groups";

/// `/more/secondary-logons/{id}`.
pub fn logon_path(id: i64) -> String {
    format!("{SECONDARY_LOGONS_PATH}/{id}")
}

/// Seed 000's introduction to Manage Secondary Logons.
pub const INTRO: &str = "You can create and manage logons that only have access to customers and accounts that you have access to. These logons will act on your behalf to perform tasks such as filing returns and making payments for your business or clients.";

/// A link back up, above a page's title ("< Secondary Logons" in seed 000).
#[component]
pub fn BackLink(#[prop(into)] href: String, #[prop(into)] label: String) -> impl IntoView {
    view! { <p class="back-link"><A href=href>{label}</A></p> }
}

/// The three tabs of Manage Secondary Logons, as GOV.UK sub-navigation: links,
/// the current one marked `aria-current="page"`.
#[component]
pub fn ManageTabs() -> impl IntoView {
    view! {
        <p class="body">{INTRO}</p>
        <nav class="sub-nav" aria-label="Manage Secondary Logons">
            <ul class="sub-nav__list">
                <li class="sub-nav__item"><A href=SECONDARY_LOGONS_PATH exact=true>"Secondary Logons"</A></li>
                <li class="sub-nav__item"><A href=CUSTOMER_SECURITY_PATH exact=true>"Customer Security"</A></li>
                <li class="sub-nav__item"><A href=SECURITY_GROUPS_PATH exact=true>"Security Groups"</A></li>
            </ul>
        </nav>
    }
}

/// An outcome said on the page itself (not a new page): a green panel in a
/// polite live region, so screen readers announce it.
#[component]
pub fn Outcome(message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="outcome" role="status" aria-live="polite">
            {move || message.get().map(|text| view! { <div class="notice"><p class="body">{text}</p></div> })}
        </div>
    }
}
