//! Pages whose code is not in the first download. Each feature's pages form
//! one split point: the build (scripts/build-app.sh) moves the code that only
//! they reach into a wasm module of their own, fetched the first time one of
//! them is shown and then cached by the browser (code that several features
//! share goes into a shared module, fetched with the first of them). Only the
//! shell, Log In and the Summary stay in the first download, so it does not
//! grow with the number of pages.
//!
//! Every new page is one of these (README, "First load"):
//!
//! ```ignore
//! lazy_page!(pub ProfileRoute in profile => view! { <RequireSession><ProfilePage/></RequireSession> });
//! // app.rs:
//! <Route path=path!("/profile") view={Lazy::<pages::profile::ProfileRoute>::new()}/>
//! ```
//!
//! The feature (`in profile`) names the module: one per feature, not per
//! page, so that opening a page fetches a few files rather than dozens, and
//! those files also hold the feature's next pages.

use crate::{components::LoadError, shell::Page};
use leptos::prelude::*;

/// The page shown when a page's module could not be fetched (offline, say).
pub const LOAD_FAILED_TITLE: &str = "This page could not be loaded";

/// Declares `$route`, a route type for app.rs's `view={Lazy::<$route>::new()}`,
/// whose view `$view` goes into the wasm module of `$feature`. Route type
/// names must be unique in the app (they name the split function; a clash
/// fails the link).
///
/// This is leptos_router's `#[lazy_route]` with two changes: pages are grouped
/// by feature, and a module that fails to load shows [`load_failed`] instead
/// of aborting the whole app.
macro_rules! lazy_page {
    ($(#[$attr:meta])* $vis:vis $route:ident in $feature:ident => $view:expr) => {
        $(#[$attr])*
        $vis struct $route;

        impl ::leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> ::leptos::prelude::AnyView {
                #[::wasm_split_helpers::wasm_split($feature, fallible)]
                #[allow(non_snake_case)]
                fn $route() -> ::core::result::Result<
                    ::leptos::prelude::AnyView,
                    ::wasm_split_helpers::SplitLoaderError,
                > {
                    ::core::result::Result::Ok(::leptos::prelude::IntoAny::into_any($view))
                }
                $route().await.unwrap_or_else(|_| $crate::lazy::load_failed())
            }
        }
    };
}
pub(crate) use lazy_page;

/// In place of a page whose module did not arrive. Nothing remembers the
/// failure: "Try again" loads this address afresh.
pub fn load_failed() -> AnyView {
    let retry = Callback::new(|_| {
        let _ = window().location().reload();
    });
    view! {
        <Page title=LOAD_FAILED_TITLE>
            <LoadError message="Check your internet connection, then try again." on_retry=retry/>
        </Page>
    }
    .into_any()
}
