//! `/`: the Summary when signed in, else the sign-in page.

use crate::{
    components::{LoadError, Loading},
    nav,
    session::{use_session, SessionState, SessionStatus},
};
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

#[component]
pub fn HomeRedirect() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let to = match session.status() {
            SessionStatus::SignedIn => nav::HOME,
            SessionStatus::SignedOut { .. } => nav::SIGN_IN,
            SessionStatus::Loading | SessionStatus::Unavailable => return,
        };
        navigate(
            to,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    move || match session.state() {
        SessionState::Unavailable(message) => view! {
            <LoadError message=message on_retry=Callback::new(move |_| session.reload())/>
        }
        .into_any(),
        _ => view! { <Loading/> }.into_any(),
    }
}
