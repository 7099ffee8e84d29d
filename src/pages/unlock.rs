//! `/unlock?token=…`: the single-use link mailed with a lockout notice. The
//! page changes nothing until the person presses the button (mail scanners
//! open links on their own); then the logon is unlocked, this browser may log
//! in to it even if it is locked again, and the person goes to Log In.

use super::reset_password::after_link;
use crate::lazy::lazy_page;
use crate::{
    api,
    components::{ErrorSummary, FormState},
    session::use_flash,
    shell::Page,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
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
        <div class="notice notice--problem" role="alert">
            <p class="body">{message}</p>
        </div>
        <ul class="list">
            <li><A href="/forgot-password">"Reset your password"</A></li>
            <li><A href="/sign-in">"Go to Log In"</A></li>
        </ul>
    }
}

#[component]
fn UnlockForm(form: FormState, token: String, gone: RwSignal<Option<String>>) -> impl IntoView {
    let flash = use_flash();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let (token, navigate) = (token.clone(), navigate.clone());
        spawn_local(async move {
            let answer = api::unlock(token).await;
            after_link(answer, form, gone, flash, navigate);
            pending.set(false);
        });
    };
    view! {
        <p class="body">
            "After 5 failed attempts in a row to log in from browsers new to it, your logon was locked for them."
        </p>
        <p class="body">
            "Unlock it to log in now. This browser will also be able to log in to your logon if it is locked again."
        </p>
        <form class="form" novalidate on:submit=submit>
            <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                "Unlock my logon"
            </button>
        </form>
        <p class="body">
            "If those attempts were not yours, someone may be guessing your password: consider a longer one, and turning on 2-step verification."
        </p>
    }
}
