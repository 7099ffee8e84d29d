//! `/unlock?token=…`: the single-use link mailed with a lockout notice. The
//! page changes nothing until the person presses the button (mail scanners
//! open links on their own); then the logon is unlocked, this browser may log
//! in to it even if it is locked again, and the person goes to Log In.

use super::reset_password::after_link;
use crate::lazy::lazy_page;
use crate::{
    api,
    components::{ErrorSummary, FormState, Problem, Submit, SubmitButton},
    paths,
    session::use_flash,
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
};

pub const TITLE: &str = "Unlock your logon";

lazy_page!(pub UnlockRoute in account => view! { <UnlockPage/> });

#[component]
pub fn UnlockPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let form = FormState::new();
    let gone = RwSignal::new(None::<String>);
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match gone.get() {
                Some(message) => view! { <LinkGone message=message/> }.into_any(),
                None => view! { <UnlockForm form=form token=token.clone() gone=gone/> }.into_any(),
            }}
        </Page>
    }
}

#[component]
fn LinkGone(message: String) -> impl IntoView {
    view! {
        <Problem message=message alert=true>
            <ul class="list">
                <li><A href=paths::FORGOT_PASSWORD>"Reset your password"</A></li>
                <li><A href=paths::SIGN_IN>"Go to Log In"</A></li>
            </ul>
        </Problem>
    }
}

#[component]
fn UnlockForm(form: FormState, token: String, gone: RwSignal<Option<String>>) -> impl IntoView {
    let flash = use_flash();
    let navigate = use_navigate();
    let unlock = Submit::new(
        move |()| api::unlock(token.clone()),
        move |answer| after_link(answer, form, gone, flash, &navigate),
    );
    let on_submit = unlock.on_submit(form, || Ok(()));
    view! {
        <p class="body">
            "After 5 failed attempts in a row to log in from browsers new to it, your logon was locked for them."
        </p>
        <p class="body">
            "Unlock it to log in now. This browser will also be able to log in to your logon if it is locked again."
        </p>
        <form class="form" novalidate on:submit=on_submit>
            <SubmitButton pending=unlock.pending()>"Unlock my logon"</SubmitButton>
        </form>
        <p class="body">
            "If those attempts were not yours, someone may be guessing your password: consider a longer one, and turning on 2-step verification."
        </p>
    }
}
