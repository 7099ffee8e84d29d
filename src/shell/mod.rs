//! The frame around every page: skip link, header with navigation, footer,
//! the route announcer, the `Page` wrapper that titles each page, and the
//! guard in front of every signed-in page.

pub mod flash;
pub mod footer;
pub mod guard;
pub mod header;
pub mod page;
pub mod timeout_warning;

pub use flash::FlashRegion;
pub use footer::Footer;
pub use guard::RequireSession;
pub use header::Header;
pub use page::{Page, PageTracker, RouteAnnouncer, SERVICE_NAME};
pub use timeout_warning::TimeoutWarning;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub const MAIN_CONTENT_ID: &str = "main-content";

/// "Skip to main content": the first thing a keyboard reaches.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href=format!("#{MAIN_CONTENT_ID}")
            on:click=move |ev: web_sys::MouseEvent| {
                ev.prevent_default();
                if let Some(main) = document()
                    .get_element_by_id(MAIN_CONTENT_ID)
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = main.focus();
                    main.scroll_into_view();
                }
            }
        >
            "Skip to main content"
        </a>
    }
}
