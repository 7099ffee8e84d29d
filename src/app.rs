//! The app: contexts, the shell, and the routes.

use crate::{
    pages::{
        ForgotPage, ForgotPasswordPage, ForgotUsernamePage, HomeRedirect, NotFound, ProfilePage,
        RegisterPage, ResetPasswordPage, SignInPage, SummaryPage, VerifyEmailPage,
    },
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
                    <Route path=path!("/register") view=RegisterPage/>
                    <Route path=path!("/verify-email") view=VerifyEmailPage/>
                    <Route path=path!("/forgot") view=ForgotPage/>
                    <Route path=path!("/forgot-username") view=ForgotUsernamePage/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage/>
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
