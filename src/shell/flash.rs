//! The one-off message region at the top of `<main>` ("You have logged out.").
//! It stays in the page so screen readers announce what is written into it.

use crate::session::use_flash;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn FlashRegion() -> impl IntoView {
    let flash = use_flash();
    let location = use_location();
    let message = move || flash.message_for(&location.pathname.get());
    view! {
        <div class="flash" role="status" aria-live="polite">
            {move || message().map(|text| view! { <p class="flash__message">{text}</p> })}
        </div>
    }
}
