//! The grants feature, as the browser shows it (the server's `grants/`, the
//! wire's `grants`): Manage Your Access, Add Access to Another Business, and
//! Manage Additional Logons / Manage Third Party Access (one set of pages,
//! parameterised by kind). The server decides every question; these pages
//! show its answers.

pub mod add;
pub mod api;
pub mod decision;
pub mod leave;
pub mod manage;
pub mod my_access;
pub mod outcome;
pub mod subject;

use crate::{
    components::{Problem, Refusal},
    paths,
    session::use_session,
};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::grants::RequestKind;

pub use add::AddAccessPage;
pub use decision::{ApprovePage, ChangePage};
pub use leave::LeavePage;
pub use manage::ManageGrantsPage;
pub use my_access::MyAccessPage;
pub use outcome::{DenyPage, RevokePage};

/// The page title and path of each kind's management pages.
pub fn manage_title(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Additional => "Manage Additional Logons",
        RequestKind::ThirdParty => "Manage Third Party Access",
    }
}

pub fn manage_path(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Additional => paths::ADDITIONAL_LOGONS,
        RequestKind::ThirdParty => paths::THIRD_PARTY_ACCESS,
    }
}

/// The business the logon works on now (tracked).
pub fn current_customer() -> Memo<Option<wire::session::CustomerRef>> {
    let session = use_session();
    Memo::new(move |_| session.view().and_then(|view| view.current_customer))
}

/// What a page about one business says when the server refuses it: a 403
/// means the logon is not a Master Administrator of this business (`forbidden`
/// says so); a 404 that it does not reach what it asked for.
pub fn refusal(forbidden: impl Into<String>) -> Refusal {
    let forbidden = forbidden.into();
    Callback::new(move |error: crate::api::ApiError| {
        match error.status() {
        Some(403) => Some(
            view! {
                <Problem message=forbidden.clone()>
                    <p class="body"><A href=paths::MY_ACCESS>"Go to Manage Your Access"</A></p>
                </Problem>
            }
            .into_any(),
        ),
        Some(404) => Some(
            view! {
                <Problem message="We could not find that. It may have been decided, removed, or be of another business.">
                    <p class="body"><A href=paths::SUMMARY>"Go to your Summary"</A></p>
                </Problem>
            }
            .into_any(),
        ),
        _ => None,
    }
    })
}

/// For pages that act on the current business: says so when there is none.
#[component]
pub fn NoBusiness() -> impl IntoView {
    view! {
        <p class="body">"Your logon does not have access to any business yet."</p>
        <p class="body"><A href=paths::ADD_ACCESS>"Add Access to Another Business"</A></p>
    }
}

/// The request or grant is not (or no longer) there: decided, lapsed, revoked.
#[component]
pub fn Gone(kind: RequestKind) -> impl IntoView {
    view! {
        <Problem message="We could not find that. It may have been decided already, have lapsed, or have been revoked.">
            <p class="body"><A href=manage_path(kind)>{format!("Go back to {}", manage_title(kind))}</A></p>
        </Problem>
    }
}
