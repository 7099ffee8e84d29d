//! The app: contexts, the shell, and the routes.

use crate::{
    pages::{HomeRedirect, NotFound, ProfilePage, SignInPage, SummaryPage},
    session::{Flash, RequireSession, Session},
    shell::{FlashRegion, Footer, Header, PageTracker, RouteAnnouncer, SkipLink, MAIN_CONTENT_ID},
};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Everything inside the router, so the shell can read the location.
#[component]
fn Shell() -> impl IntoView {
    Session::provide();
    Flash::provide();
    PageTracker::provide();
    view! {
        <SkipLink/>
        <Header/>
        <div class="width-container">
            <main class="main" id=MAIN_CONTENT_ID tabindex="-1">
                <FlashRegion/>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomeRedirect/>
                    <Route path=path!("/sign-in") view=SignInPage/>
                    <Route
                        path=path!("/summary")
                        view=|| view! { <RequireSession><SummaryPage/></RequireSession> }
                    />
                    <Route
                        path=path!("/profile")
                        view=|| view! { <RequireSession><ProfilePage/></RequireSession> }
                    />
                </Routes>
            </main>
        </div>
        <Footer/>
        <RouteAnnouncer/>
    }
}
