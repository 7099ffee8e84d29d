//! The taxpayer portal's browser app: Leptos, client-side rendered.
//!
//! The wire types and input rules come from the shared `wire` crate; this crate
//! only adds what a browser needs: the pages, the app shell, the accessible form
//! building blocks and the calls to the server.

pub mod activity;
pub mod api;
pub mod app;
pub mod components;
pub mod customers;
pub mod format;
pub mod grants;
pub mod lazy;
pub mod messages;
pub mod nav;
pub mod pages;
pub mod paths;
pub mod payments;
pub mod returns;
pub mod session;
pub mod shell;
pub mod users;

/// Mounts the app into `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
