//! The site header: service name, the business and logon when signed in,
//! "Manage My Profile", "Log Out", and the main navigation.

use super::SERVICE_NAME;
use crate::{
    api,
    components::Submit,
    nav, paths,
    session::{use_flash, use_session},
};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_location, use_navigate},
};

pub const LOGGED_OUT_MESSAGE: &str = "You have logged out.";
pub const LOG_OUT_FAILED_MESSAGE: &str = "Sorry, we could not log you out. Try again.";

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    view! {
        <div class="official-banner">
            <div class="width-container">"An official website of the State of Connecticut · Department of Revenue Services"</div>
        </div>
        <header class="site-header">
            <div class="width-container site-header__inner">
                <a class="site-header__service" href="/">{SERVICE_NAME}</a>
                {move || session.view().map(|view| {
                    let switcher = view.customer_count > 1;
                    let business = view.current_customer.map(|c| c.legal_name);
                    view! {
                        <div class="site-header__account">
                            {business.map(|name| view! { <CurrentCustomer name=name switcher=switcher/> })}
                            <p class="site-header__welcome">{format!("Welcome, {}", view.name)}</p>
                            <ul class="site-header__links">
                                <li><A href=paths::PROFILE>"Manage My Profile"</A></li>
                                <li><LogOutButton/></li>
                            </ul>
                        </div>
                    }
                })}
            </div>
            {move || session.view().is_some().then(|| view! {
                <nav class="main-nav" aria-label="Main">
                    <div class="width-container">
                        <ul class="main-nav__list">
                            <li class="main-nav__item"><A href=nav::HOME>"Summary"</A></li>
                            <li class="main-nav__item"><A href=paths::MORE>"More..."</A></li>
                        </ul>
                    </div>
                </nav>
            })}
        </header>
    }
}

/// The business being worked on, and for a logon that reaches more than one
/// a "Change client" link back to the Customers list, whose visible words are
/// its accessible name (issue 14 §4).
#[component]
fn CurrentCustomer(name: String, switcher: bool) -> impl IntoView {
    view! {
        <p class="site-header__business">
            {name}
            {switcher.then(|| view! { " " <A href=paths::CUSTOMERS>"Change client"</A> })}
        </p>
    }
}

/// "Log Out": ends the session on the server, then shows the sign-in page with
/// "You have logged out."
#[component]
fn LogOutButton() -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let location = use_location();
    let log_out = Submit::new(
        |()| api::sign_out(),
        move |answer| match answer {
            Err(error) if !error.is_unauthorized() => {
                flash.show_on(&location.pathname.get_untracked(), LOG_OUT_FAILED_MESSAGE);
            }
            _ => {
                flash.show_on(nav::SIGN_IN, LOGGED_OUT_MESSAGE);
                session.logged_out();
                navigate(nav::SIGN_IN, Default::default());
            }
        },
    );
    view! {
        <button type="button" class="link-button" on:click=move |_| log_out.dispatch(())>
            "Log Out"
        </button>
    }
}
