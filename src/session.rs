//! The signed-in logon, shared by every page through context, and the
//! one-off message shown on the next page. The guard that sends signed-out
//! people to Log In is `shell::RequireSession`.

use crate::api;
use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_location;
use wire::session::SessionView;

/// What the app knows about the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// `GET /api/session` has not answered yet.
    Loading,
    /// The server could not say (down, or an unexpected answer).
    Unavailable(String),
    /// Nobody is signed in. `by_user` is true right after "Log Out", so the
    /// guard does not also send the person to sign in again with a `next`.
    SignedOut {
        by_user: bool,
    },
    SignedIn(SessionView),
}

/// The shape of [`SessionState`] without the data, so views that only care
/// whether someone is signed in do not re-render when the data changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    Loading,
    Unavailable,
    SignedOut { by_user: bool },
    SignedIn,
}

#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    status: Memo<SessionStatus>,
}

impl Session {
    /// Creates the session context and asks the server who is signed in.
    pub fn provide() -> Self {
        let state = RwSignal::new(SessionState::Loading);
        let status = Memo::new(move |_| match &*state.read() {
            SessionState::Loading => SessionStatus::Loading,
            SessionState::Unavailable(_) => SessionStatus::Unavailable,
            SessionState::SignedOut { by_user } => SessionStatus::SignedOut { by_user: *by_user },
            SessionState::SignedIn(_) => SessionStatus::SignedIn,
        });
        let session = Self { state, status };
        provide_context(session);
        session.reload();
        session
    }

    /// Asks the server again (also the "Try again" of a failed first load).
    pub fn reload(self) {
        self.state.set(SessionState::Loading);
        spawn_local(async move {
            let next = match api::session().await {
                Ok(view) => SessionState::SignedIn(view),
                Err(error) if error.is_unauthorized() => SessionState::SignedOut { by_user: false },
                Err(error) => SessionState::Unavailable(error.message()),
            };
            self.state.set(next);
        });
    }

    /// Asks the server for the session again without leaving the page: after
    /// the logon gains or loses a business, the header and Summary should know.
    /// The session lives as long as the app, so the task cannot outlive it.
    pub fn refresh(self) {
        spawn_local(async move {
            if let Ok(view) = api::session().await {
                self.signed_in(view);
            }
        });
    }

    pub fn status(self) -> SessionStatus {
        self.status.get()
    }

    pub fn state(self) -> SessionState {
        self.state.get()
    }

    /// The signed-in logon, if any (tracked).
    pub fn view(self) -> Option<SessionView> {
        match &*self.state.read() {
            SessionState::SignedIn(view) => Some(view.clone()),
            _ => None,
        }
    }

    /// The signed-in logon, if any, without tracking.
    pub fn view_untracked(self) -> Option<SessionView> {
        match &*self.state.read_untracked() {
            SessionState::SignedIn(view) => Some(view.clone()),
            _ => None,
        }
    }

    pub fn signed_in(self, view: SessionView) {
        self.state.set(SessionState::SignedIn(view));
    }

    /// A protected call answered 401: the session ended. The guard on the page
    /// then sends the person to sign in, coming back here afterwards.
    pub fn expired(self) {
        self.state.set(SessionState::SignedOut { by_user: false });
    }

    /// After "Log Out".
    pub fn logged_out(self) {
        self.state.set(SessionState::SignedOut { by_user: true });
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// A one-off message shown at the top of one page, e.g. "You have logged out."
/// on the sign-in page. It is cleared when the person moves to another page.
#[derive(Clone, Copy)]
pub struct Flash(RwSignal<Option<(String, String)>>);

impl Flash {
    pub fn provide() -> Self {
        let flash = Self(RwSignal::new(None));
        provide_context(flash);
        let location = use_location();
        Effect::new(move |_| {
            let path = location.pathname.get();
            let stale = flash
                .0
                .with_untracked(|current| current.as_ref().is_some_and(|(at, _)| *at != path));
            if stale {
                flash.0.set(None);
            }
        });
        flash
    }

    /// Shows `message` on the page at `path` (the one about to be shown).
    pub fn show_on(self, path: &str, message: impl Into<String>) {
        self.0.set(Some((path.to_owned(), message.into())));
    }

    /// The message for the page at `path`, if any (tracked).
    pub fn message_for(self, path: &str) -> Option<String> {
        self.0.with(|current| match current {
            Some((at, message)) if at == path => Some(message.clone()),
            _ => None,
        })
    }
}

pub fn use_flash() -> Flash {
    expect_context::<Flash>()
}
