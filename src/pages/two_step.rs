//! `/sign-in/two-step`: the second step of logging in, for logons with 2-step
//! verification: the app's code, or a recovery code.

use crate::lazy::lazy_page;
use crate::{
    api,
    components::{ErrorSummary, FormError, FormState, Loading, Submit, SubmitButton, TextInput},
    nav,
    session::{use_flash, use_session},
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use wire::{
    session::SessionStage,
    two_step::{Code, CodeRequest, MAX_SIGN_IN_CODE_ATTEMPTS, TOO_MANY_CODES},
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub TwoStepRoute in account => view! { <TwoStepPage/> });

pub const TITLE: &str = "Enter your security code";
pub const TIMED_OUT: &str = "Your log in timed out. Log in again.";

#[component]
pub fn TwoStepPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let target = Memo::new(move |_| nav::safe_next(query.read().get("next").as_deref()));
    let stage = Memo::new(move |_| session.view().map(|v| v.stage));

    // Done (or nothing to do here): on to the page the person was headed for.
    Effect::new(move |_| match stage.get() {
        Some(SessionStage::Full) => navigate(
            &target.get_untracked(),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        ),
        None if !matches!(session.status(), crate::session::SessionStatus::Loading) => navigate(
            &nav::sign_in_href(&target.get_untracked()),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        ),
        _ => {}
    });

    let form = FormState::new();
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match stage.get() {
                Some(SessionStage::TwoStepRequired) => view! { <CodeForm form=form target=target/> }.into_any(),
                _ => view! { <Loading/> }.into_any(),
            }}
        </Page>
    }
}

#[component]
fn CodeForm(form: FormState, target: Memo<String>) -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let wrong = RwSignal::new(0_i64);
    let check = Submit::new(
        |request: CodeRequest| async move { api::two_step_sign_in(&request).await },
        move |answer| match answer {
            Ok(view) => {
                form.clear();
                session.signed_in(view);
            }
            Err(error) if error.is_unauthorized() => {
                // Too many wrong codes, or five minutes passed: start over.
                let message = if wrong.get_untracked() + 1 >= MAX_SIGN_IN_CODE_ATTEMPTS {
                    TOO_MANY_CODES
                } else {
                    TIMED_OUT
                };
                flash.show_on(nav::SIGN_IN, message);
                session.logged_out();
                navigate(
                    &nav::sign_in_href(&target.get_untracked()),
                    Default::default(),
                );
            }
            Err(error) => match error.body() {
                Some(body) if !body.fields.is_empty() => {
                    wrong.update(|n| *n += 1);
                    form.fail(body.fields.iter().cloned().map(FormError::from))
                }
                _ => form.fail([FormError::general(error.message())]),
            },
        },
    );
    let on_submit = check.on_submit(form, move || {
        let typed = code.get_untracked();
        Code::parse(&typed, true).map_err(|message| vec![FormError::field("code", message)])?;
        Ok(CodeRequest { code: typed })
    });

    view! {
        <p class="body">"Your logon has 2-step verification. Open the authentication app on your phone or computer to see your code."</p>
        <form class="form" novalidate on:submit=on_submit>
            <TextInput
                id="code"
                label="Security code"
                hint="The 6-digit code from your authentication app. If you do not have your device, enter one of your recovery codes instead."
                value=code
                error=form.error_for("code")
                autocomplete="one-time-code"
                no_spellcheck=true
                width_class="input--width-10"
            />
            <SubmitButton pending=check.pending()>"Continue"</SubmitButton>
        </form>
    }
}
