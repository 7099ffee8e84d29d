//! `/reset-password?token=…`: the emailed reset link. It asks the secret
//! question (and a 2-step code when 2-step is on) with the new password, then
//! sends the person to Log In with the news.

use crate::lazy::lazy_page;
use crate::{
    api,
    components::{
        form_errors, ErrorSummary, FormError, FormState, Loaded, Problem, Submit, SubmitButton,
        TextInput,
    },
    nav, paths,
    session::{use_flash, Flash},
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use wire::{
    password::{PasswordContext, GUIDANCE, MIN_LEN_WITH_TWO_STEP},
    registration::{Notice, ResetChallenge, ResetPasswordRequest},
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub ResetPasswordRoute in account => view! { <ResetPasswordPage/> });

pub const TITLE: &str = "Reset your password";

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let form = FormState::new();
    let challenge = {
        let token = token.clone();
        LocalResource::new(move || api::reset_challenge(token.clone()))
    };
    let gone = Callback::new(|error: api::ApiError| {
        Some(view! { <LinkGone message=error.message()/> }.into_any())
    });
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <Loaded data=challenge refused=gone view={move |challenge| {
                view! { <ResetForm form=form token=token.clone() challenge=challenge/> }
            }}/>
        </Page>
    }
}

/// What a page behind an emailed link does with the server's answer: on to
/// Log In with the news; the link's own words when it is spent or unknown
/// (410); any other problem in the error summary.
pub fn after_link(
    answer: Result<Notice, api::ApiError>,
    form: FormState,
    gone: RwSignal<Option<String>>,
    flash: Flash,
    navigate: &impl Fn(&str, NavigateOptions),
) {
    match answer {
        Ok(notice) => {
            form.clear();
            flash.show_on(nav::SIGN_IN, notice.message);
            navigate(nav::SIGN_IN, NavigateOptions::default());
        }
        Err(error) if error.status() == Some(410) => {
            form.clear();
            gone.set(Some(error.message()));
        }
        Err(error) => form.fail(form_errors(&error)),
    }
}

#[component]
fn LinkGone(message: String) -> impl IntoView {
    view! {
        <Problem message=message alert=true>
            <p class="body"><A href=paths::FORGOT_PASSWORD>"Ask for a new link"</A></p>
        </Problem>
    }
}

#[component]
fn ResetForm(form: FormState, token: String, challenge: ResetChallenge) -> impl IntoView {
    let flash = use_flash();
    let navigate = use_navigate();
    let answer = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm_password = RwSignal::new(String::new());
    let gone = RwSignal::new(None::<String>);
    let two_step = challenge.two_step_required;
    let reset = Submit::new(
        |request: ResetPasswordRequest| async move { api::reset_password(&request).await },
        move |answer| after_link(answer, form, gone, flash, &navigate),
    );
    let on_submit = reset.on_submit(form, move || {
        let request = ResetPasswordRequest {
            token: token.clone(),
            secret_answer: answer.get_untracked(),
            two_step_code: code.get_untracked(),
            password: password.get_untracked(),
            confirm_password: confirm_password.get_untracked(),
        };
        // The browser does not know the logon's name or email; the server checks those.
        let context = PasswordContext {
            two_step_enabled: two_step,
            ..PasswordContext::default()
        };
        request.parse(&context).map_err(FormError::all)?;
        Ok(request)
    });

    let password_hint = if two_step {
        format!("Use at least {MIN_LEN_WITH_TWO_STEP} characters. Spaces are allowed.")
    } else {
        GUIDANCE.to_owned()
    };
    let form_view = view! {
        <form class="form" novalidate on:submit=on_submit>
            <TextInput
                id="secret_answer"
                label=challenge.secret_question
                hint="Your secret question. Capital letters do not matter."
                value=answer
                error=form.error_for("secret_answer")
                autocomplete="off"
                width_class="input--width-20"
            />
            {two_step.then(|| view! {
                <TextInput
                    id="two_step_code"
                    label="2-step verification code"
                    hint="The 6-digit code from your authentication app, or a recovery code."
                    value=code
                    error=form.error_for("two_step_code")
                    autocomplete="one-time-code"
                    no_spellcheck=true
                    width_class="input--width-10"
                />
            })}
            <TextInput
                id="password"
                label="New password"
                hint=password_hint
                value=password
                input_type="password"
                error=form.error_for("password")
                autocomplete="new-password"
                width_class="input--width-20"
            />
            <TextInput
                id="confirm_password"
                label="Confirm new password"
                value=confirm_password
                input_type="password"
                error=form.error_for("confirm_password")
                autocomplete="new-password"
                width_class="input--width-20"
            />
            <SubmitButton pending=reset.pending()>"Reset password"</SubmitButton>
        </form>
    };
    view! {
        {move || gone.get().map(|message| view! { <LinkGone message=message/> })}
        <div hidden=move || gone.with(Option::is_some)>{form_view}</div>
    }
}
