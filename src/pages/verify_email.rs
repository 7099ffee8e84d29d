//! `/verify-email?token=…`: the emailed link. The page posts the token (a plain
//! GET confirms nothing, since mail scanners open links) and, once confirmed,
//! sends the person to Log In with the news.

use crate::lazy::lazy_page;
use crate::{
    api,
    components::{Loading, Problem},
    nav, paths,
    session::use_flash,
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub VerifyEmailRoute in account => view! { <VerifyEmailPage/> });

pub const TITLE: &str = "Confirm your email address";

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let flash = use_flash();
    let navigate = use_navigate();
    let result = LocalResource::new(move || api::verify_email(token.clone()));
    Effect::new(move |_| {
        if let Some(Ok(notice)) = result.get() {
            flash.show_on(nav::SIGN_IN, notice.message);
            navigate(
                nav::SIGN_IN,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    view! {
        <Page title=TITLE>
            {move || match result.get() {
                None | Some(Ok(_)) => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! {
                    <Problem message=error.message() alert=true>
                        <p class="body"><A href=paths::REGISTER>"Create a logon"</A></p>
                        <p class="body"><A href=paths::SIGN_IN>"Go to Log In"</A></p>
                    </Problem>
                }
                .into_any(),
            }}
        </Page>
    }
}
