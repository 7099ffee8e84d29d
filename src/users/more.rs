//! `/more`: "More...", seed 000's panels. Submissions is left out until it
//! exists, so there are no dead links.

use super::api;
use crate::{lazy::lazy_page, shell::RequireSession};
use crate::{paths, shell::Page};
use leptos::prelude::*;
use leptos_router::components::A;

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub MoreRoute in users => view! { <RequireSession><MorePage/></RequireSession> });

pub const TITLE: &str = "More...";

/// One panel: a heading, seed 000's one-line description and its links.
#[component]
fn Panel(
    #[prop(into)] id: String,
    #[prop(into)] heading: String,
    #[prop(into)] description: String,
    children: Children,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="more-panel" aria-labelledby=labelled_by>
            <h2 class="heading-m" id=heading_id>{heading}</h2>
            <p class="body">{description}</p>
            <ul class="more-panel__links">{children()}</ul>
        </section>
    }
}

#[component]
pub fn MorePage() -> impl IntoView {
    // A secondary logon may not manage secondary logons: the server answers 403,
    // so the link is hidden rather than leading to a refusal.
    let secondary_refused = LocalResource::new(|| async {
        matches!(api::secondary_logons().await, Err(e) if e.status() == Some(403))
    });
    let may_manage = move || secondary_refused.get() == Some(false);
    view! {
        <Page title=TITLE>
            <div class="more-panels">
                <Panel id="access" heading="Access" description="Manage access of accounts I have access to.">
                    <li><A href=paths::ADD_ACCESS>"Add Access to Another Business"</A></li>
                    <li><A href=paths::MY_ACCESS>"Manage Your Access"</A></li>
                    <li><A href=paths::THIRD_PARTY_ACCESS>"Manage Third Party Access"</A></li>
                </Panel>
                <Panel id="my-users" heading="My Users" description="Manage users who work for me.">
                    <Show when=may_manage>
                        <li><A href=paths::SECONDARY_LOGONS>"Manage Secondary Logons"</A></li>
                    </Show>
                    <li><A href=paths::ADDITIONAL_LOGONS>"Manage Additional Logons"</A></li>
                </Panel>
                <Panel id="payment-channels" heading="Payment Channels" description=crate::payments::INTRO>
                    <li><A href=paths::PAYMENT_CHANNELS>"Manage Payment Channels"</A></li>
                </Panel>
                <Panel id="messages" heading="Messages" description="View messages I've received from the agency.">
                    <li><A href=paths::MESSAGES>"View Messages"</A></li>
                </Panel>
                <Panel id="activity" heading="Activity" description="View my activity on the Taxpayer Portal.">
                    <li><A href=paths::ACTIVITY>"View Activity"</A></li>
                    <li><A href=paths::BUSINESS_ACTIVITY>"Business Activity"</A></li>
                </Panel>
            </div>
        </Page>
    }
}
