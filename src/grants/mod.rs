//! Who may act for a business, as the browser shows it: Manage Your Access,
//! Add Access to Another Business, Manage Additional Logons / Manage Third
//! Party Access (one set of pages, parameterised by kind) and Business
//! Activity. The server decides every question; these pages show its answers.

pub mod add;
pub mod api;
pub mod business_activity;
pub mod conditional_radios;
pub mod decision;
pub mod grants;
pub mod leave;
pub mod my_access;
pub mod outcome;
pub mod subject;

use crate::{api::ApiError, components::FormError, session::use_session};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::requests::RequestKind;

pub use add::AddAccessPage;
pub use business_activity::BusinessActivityPage;
pub use decision::{ApprovePage, ChangePage};
pub use grants::ManageGrantsPage;
pub use leave::LeavePage;
pub use my_access::MyAccessPage;
pub use outcome::{DenyPage, RevokePage};

pub const MY_ACCESS_PATH: &str = "/more/access";
pub const ADD_ACCESS_PATH: &str = "/more/access/add";
pub const BUSINESS_ACTIVITY_PATH: &str = "/more/business-activity";

/// The page title and path of each kind's management pages.
pub fn manage_title(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Additional => "Manage Additional Logons",
        RequestKind::ThirdParty => "Manage Third Party Access",
    }
}

pub fn manage_path(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Additional => "/more/additional-logons",
        RequestKind::ThirdParty => "/more/third-party-access",
    }
}

/// The business the logon works on now (tracked).
pub fn current_customer() -> Memo<Option<wire::session::CustomerRef>> {
    let session = use_session();
    Memo::new(move |_| session.view().and_then(|view| view.current_customer))
}

/// A refusal's field errors (422) pointed at the boxes on this page, or one
/// general message for anything else. `targets` maps a wire field name to
/// the id of the box its summary link should focus.
pub fn form_errors(error: &ApiError, targets: &[(&str, String)]) -> Vec<FormError> {
    match (error.status(), error.body()) {
        (Some(422), Some(body)) if !body.fields.is_empty() => body
            .fields
            .iter()
            .cloned()
            .map(|e| retarget(FormError::from(e), targets))
            .collect(),
        _ => vec![FormError::general(error.message())],
    }
}

/// Points a field's error at the box named in `targets`, if any.
pub fn retarget(mut error: FormError, targets: &[(&str, String)]) -> FormError {
    if let Some((_, target)) = targets
        .iter()
        .find(|(field, _)| error.field.as_deref() == Some(*field))
    {
        error.target = Some(target.clone());
    }
    error
}

/// What a page shows when loading its data failed. A 401 ends the session
/// (the guard then asks to sign in again); a 403 means the logon is not a
/// Master Administrator of this business; a 404 that it does not reach it.
#[component]
pub fn LoadRefusal(
    error: ApiError,
    /// The sentence for a 403, e.g. "Only a Master Administrator of X can …".
    #[prop(into)]
    forbidden: String,
    on_retry: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    match error.status() {
        Some(401) => {
            session.expired();
            view! { <crate::components::Loading/> }.into_any()
        }
        Some(403) => view! {
            <div class="notice notice--problem">
                <p class="body">{forbidden}</p>
            </div>
            <p class="body"><A href=MY_ACCESS_PATH>"Go to Manage Your Access"</A></p>
        }
        .into_any(),
        Some(404) => view! {
            <div class="notice notice--problem">
                <p class="body">"We could not find that. It may have been decided, removed, or be of another business."</p>
            </div>
            <p class="body"><A href=crate::nav::HOME>"Go to your Summary"</A></p>
        }
        .into_any(),
        _ => view! { <crate::components::LoadError message=error.message() on_retry=on_retry/> }.into_any(),
    }
}

/// For pages that act on the current business: says so when there is none.
#[component]
pub fn NoBusiness() -> impl IntoView {
    view! {
        <p class="body">"Your logon does not have access to any business yet."</p>
        <p class="body"><A href=ADD_ACCESS_PATH>"Add Access to Another Business"</A></p>
    }
}

/// Asks the server for the session again without leaving the page: after the
/// logon gains or loses a business, the header and Summary should know.
pub fn refresh_session(session: crate::session::Session) {
    leptos::task::spawn_local(async move {
        if let Ok(view) = crate::api::session().await {
            session.signed_in(view);
        }
    });
}
