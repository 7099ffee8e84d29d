//! Any other path: "Page not found".

use crate::{
    nav,
    session::{use_session, SessionStatus},
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::components::A;

pub const TITLE: &str = "Page not found";

#[component]
pub fn NotFound() -> impl IntoView {
    let session = use_session();
    view! {
        <Page title=TITLE>
            <p class="body">"If you typed the web address, check it is correct."</p>
            <p class="body">"If you pasted the web address, check you copied the entire address."</p>
            <p class="body">
                {move || if session.status() == SessionStatus::SignedIn {
                    view! { <A href=nav::HOME>"Go to your Summary"</A> }.into_any()
                } else {
                    view! { <A href=nav::SIGN_IN>"Go to Log In"</A> }.into_any()
                }}
            </p>
        </Page>
    }
}
