//! The site footer: Help, Contact, Accessibility statement and Privacy, who
//! runs the service and, on a demo portal only, the demo mailbox.

use crate::{api, paths};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Footer() -> impl IntoView {
    // Only a demo portal has a mailbox to show; the server says which it is.
    let health = LocalResource::new(api::health);
    let demo = move || {
        health
            .get()
            .is_some_and(|h| h.as_ref().is_ok_and(|h| h.demo))
    };
    view! {
        <footer class="site-footer">
            <div class="width-container">
                <ul class="site-footer__links">
                    <li><A href=paths::HELP>"Help"</A></li>
                    <li><A href=paths::CONTACT>"Contact"</A></li>
                    <li><A href=paths::ACCESSIBILITY>"Accessibility statement"</A></li>
                    <li><A href=paths::PRIVACY>"Privacy"</A></li>
                </ul>
                <p class="site-footer__text">
                    "State of Connecticut Department of Revenue Services — demonstration portal. The data is fictitious."
                </p>
                <Show when=demo>
                    <p class="site-footer__text">
                        <A href=paths::DEMO_MAILBOX>"Demo mailbox"</A>
                        " — the emails this demonstration portal would have sent"
                    </p>
                </Show>
            </div>
        </footer>
    }
}
