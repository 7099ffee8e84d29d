//! Every page's title: the h1, `document.title`, and — after a client-side
//! navigation — focus on the h1 and an announcement in the live region.

use leptos::{html, prelude::*};
use std::time::Duration;

pub const SERVICE_NAME: &str = "Taxpayer Portal";
pub const ROUTE_ANNOUNCER_ID: &str = "route-announcer";

/// Counts the pages shown so far and holds the live region's text.
#[derive(Clone, Copy)]
pub struct PageTracker {
    pages_shown: StoredValue<u32>,
    announcement: RwSignal<String>,
}

impl PageTracker {
    pub fn provide() -> Self {
        let tracker = Self {
            pages_shown: StoredValue::new(0),
            announcement: RwSignal::new(String::new()),
        };
        provide_context(tracker);
        tracker
    }

    /// Counts a page; true when it is the first of this document (the first
    /// load, where the browser already starts at the top of the document).
    fn first_page(self) -> bool {
        let shown = self.pages_shown.get_value();
        self.pages_shown.set_value(shown + 1);
        shown == 0
    }

    /// Says `text` in the polite live region. It is emptied first so the same
    /// title twice in a row is still announced.
    pub fn announce(self, text: String) {
        self.announcement.set(String::new());
        set_timeout(
            move || self.announcement.set(text),
            Duration::from_millis(50),
        );
    }
}

/// `document.title` for a page: "<title> - Taxpayer Portal", with "Error: "
/// first while the page's form shows its error summary.
pub fn document_title(title: &str, error: bool) -> String {
    let prefix = if error { "Error: " } else { "" };
    format!("{prefix}{title} - {SERVICE_NAME}")
}

/// The visually hidden live region that announces page changes.
#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let tracker = expect_context::<PageTracker>();
    view! {
        <div id=ROUTE_ANNOUNCER_ID class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || tracker.announcement.get()}
        </div>
    }
}

/// A page: its h1 (focusable with tabindex -1), then its content.
#[component]
pub fn Page(
    #[prop(into)] title: String,
    /// True while a form on the page shows its error summary.
    #[prop(optional, into)]
    error: Signal<bool>,
    /// Shown above the h1 (e.g. a "Back" link later on).
    #[prop(optional, into)]
    before_title: ViewFn,
    children: Children,
) -> impl IntoView {
    let tracker = expect_context::<PageTracker>();
    let heading = NodeRef::<html::H1>::new();
    let first = tracker.first_page();

    {
        let title = title.clone();
        Effect::new(move |_| document().set_title(&document_title(&title, error.get())));
    }

    if !first {
        let title = title.clone();
        // Runs again when the h1 is mounted; acts once.
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            match heading.get() {
                Some(h1) => {
                    focus_when_shown(h1.into(), title.clone(), tracker, FOCUS_TRIES);
                    true
                }
                None => false,
            }
        });
    }

    view! {
        {before_title.run()}
        <h1 class="heading-l page-title" tabindex="-1" node_ref=heading>{title}</h1>
        {children()}
    }
}

/// How many frames the h1 of a page still loading its data may take to be
/// in the document (about a second at 60 frames a second).
const FOCUS_TRIES: u32 = 60;

/// Focuses the h1 and announces the title once the h1 is in the document: a
/// page shown inside `Loaded` (behind `Suspense`) has its h1 before it is
/// mounted, and focusing a detached element does nothing.
fn focus_when_shown(h1: web_sys::HtmlElement, title: String, tracker: PageTracker, tries: u32) {
    if h1.is_connected() {
        let _ = h1.focus();
        tracker.announce(title);
    } else if tries > 0 {
        request_animation_frame(move || focus_when_shown(h1, title, tracker, tries - 1));
    }
}
