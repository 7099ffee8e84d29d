//! The guard every signed-in page sits behind: it sends signed-out people to
//! Log In (coming back afterwards), a session waiting for a new password to
//! Change Password, and one waiting for its 2-step code to that step.

use crate::{
    api,
    components::{LoadError, Loading},
    nav, paths,
    session::{use_session, SessionState, SessionStatus},
};
use leptos::prelude::*;
use leptos_router::{hooks::use_location, hooks::use_navigate, NavigateOptions};

/// Renders `children` only for a signed-in logon; sends anyone else to
/// `/sign-in?next=<this page>`.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    // A temporary password opens only Change Password.
    let must_change_password = move || {
        session
            .view()
            .is_some_and(|v| v.stage == wire::session::SessionStage::PasswordChangeRequired)
            && location.pathname.get() != paths::CHANGE_PASSWORD
    };
    {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            if must_change_password() {
                navigate(
                    paths::CHANGE_PASSWORD,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        });
    }
    // A sign-in waiting for its 2-step code opens only that step.
    let needs_code = move || {
        session
            .view()
            .is_some_and(|v| v.stage == wire::session::SessionStage::TwoStepRequired)
    };
    {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            if needs_code() {
                let here = location.pathname.get_untracked();
                navigate(
                    &nav::two_step_href(&here),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        });
    }
    Effect::new(move |_| {
        if session.status() == (SessionStatus::SignedOut { by_user: false }) {
            let path = location.pathname.get_untracked();
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            navigate(
                &nav::sign_in_href(&here),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    // Only a change of gate re-renders the page: a new session view (after
    // switching business, say) must not throw away what the page holds.
    let gate = Memo::new(move |_| match session.status() {
        SessionStatus::SignedIn if must_change_password() || needs_code() => Gate::Wait,
        SessionStatus::SignedIn => Gate::Open,
        SessionStatus::Unavailable => Gate::Unavailable(match session.state() {
            SessionState::Unavailable(message) => message,
            _ => api::SERVICE_PROBLEM.to_owned(),
        }),
        SessionStatus::Loading | SessionStatus::SignedOut { .. } => Gate::Wait,
    });
    move || match gate.get() {
        Gate::Open => children().into_any(),
        Gate::Unavailable(message) => {
            view! { <LoadError message=message on_retry=Callback::new(move |_| session.reload())/> }
                .into_any()
        }
        Gate::Wait => view! { <Loading/> }.into_any(),
    }
}

/// What `RequireSession` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Gate {
    Open,
    Wait,
    Unavailable(String),
}
