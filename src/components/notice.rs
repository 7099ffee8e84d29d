//! Small pieces many pages share: the link back up above a title, the
//! confirmation that replaces a form once it is done, and a problem notice.

use leptos::{html, prelude::*};
use leptos_router::components::A;

/// A link back up, above a page's title ("< Secondary Logons" in seed 000).
#[component]
pub fn BackLink(#[prop(into)] href: String, #[prop(into)] label: String) -> impl IntoView {
    view! { <p class="back-link"><A href=href>{label}</A></p> }
}

/// What a page says once its form is done ("An email has been sent…"). It
/// takes focus, since the form (and the button that had focus) is gone, and
/// its role makes screen readers say it.
#[component]
pub fn Confirmation(#[prop(into)] message: String, children: Children) -> impl IntoView {
    let notice = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = notice.get() {
            let _ = element.focus();
        }
    });
    view! {
        <div class="notice" role="status" tabindex="-1" node_ref=notice>
            <p class="body">{message}</p>
        </div>
        {children()}
    }
}

/// A problem the page states in place of what it would show: a red-edged
/// notice; `alert` makes screen readers say it at once.
#[component]
pub fn Problem(
    #[prop(into)] message: String,
    #[prop(optional)] alert: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="notice notice--problem" role=alert.then_some("alert")>
            <p class="body">{message}</p>
        </div>
        {children.map(|c| c())}
    }
}

/// One row of a summary list (GOV.UK): the term and its value (`children`);
/// the space keeps the row readable as one line when styles are off.
#[component]
pub fn SummaryRow(#[prop(into)] term: String, children: Children) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{term}</dt>
            " "
            <dd class="summary-list__value">{children()}</dd>
        </div>
    }
}

/// A heading that takes focus when it appears: it replaces the part of the
/// page that had focus (a form that gave way to its review, say).
#[component]
pub fn FocusedHeading(#[prop(into)] text: String) -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! { <h2 class="heading-m" tabindex="-1" node_ref=heading>{text}</h2> }
}
