//! `/set-password?token=…`: the link in a secondary logon's invitation email.
//! The invited person sets a password and a secret question; the logon is then
//! active and they log in. The token leaves the address bar once read.

use super::api;
use crate::lazy::lazy_page;
use crate::{
    components::{Choice, ErrorSummary, FormState, LoadError, Loading, RadioGroup, TextInput},
    nav,
    pages::profile_form::form_errors,
    session::use_flash,
    shell::Page,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::hooks::{use_navigate, use_query_map};
use wire::{
    password::{PasswordContext, GUIDANCE},
    registration::SECRET_QUESTIONS,
    secondary::{AcceptInvitationRequest, InvitationView, INVITATION_GONE},
};

pub const TITLE: &str = "Set your password";
pub const PATH: &str = "/set-password";

/// Takes the token out of the address bar (and so out of the history and of
/// anyone's view of the screen) without a navigation.
fn forget_token_in_address_bar() {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(PATH));
    }
}

lazy_page!(pub SetPasswordRoute in account => view! { <SetPasswordPage/> });

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    forget_token_in_address_bar();
    let form = FormState::new();
    let invitation = {
        let token = token.clone();
        LocalResource::new(move || {
            let token = token.clone();
            async move { api::invitation(&token).await }
        })
    };
    let retry = Callback::new(move |_| invitation.refetch());
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match invitation.await {
                            _ if token.is_empty() => view! { <p class="body">{INVITATION_GONE}</p> }.into_any(),
                            Ok(view) => view! { <SetPasswordForm form=form token=token invitation=view/> }.into_any(),
                            Err(error) if error.status() == Some(404) => {
                                view! { <p class="body">{error.message()}</p> }.into_any()
                            }
                            Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

#[component]
fn SetPasswordForm(form: FormState, token: String, invitation: InvitationView) -> impl IntoView {
    let flash = use_flash();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let confirm_password = RwSignal::new(String::new());
    let question = RwSignal::new(None::<String>);
    let answer = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let username = invitation.username.clone();
    let name = invitation.name.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = AcceptInvitationRequest {
            token: token.clone(),
            password: password.get_untracked(),
            confirm_password: confirm_password.get_untracked(),
            secret_question: question.get_untracked().unwrap_or_default(),
            secret_answer: answer.get_untracked(),
        };
        // The email is not known here; the server checks it too.
        let context = PasswordContext {
            username: &username,
            name: &name,
            email: "",
            two_step_enabled: false,
        };
        if let Err(errors) = request.parse(&context) {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        let username = username.clone();
        spawn_local(async move {
            match api::accept_invitation(&request).await {
                Ok(()) => {
                    form.clear();
                    flash.show_on(
                        nav::SIGN_IN,
                        format!("Your password is set. Log in with your username {username} and your new password."),
                    );
                    navigate(nav::SIGN_IN, Default::default());
                }
                Err(error) => form.fail(form_errors(&error)),
            }
            pending.set(false);
        });
    };
    let questions = SECRET_QUESTIONS
        .iter()
        .map(|q| Choice::new(*q, *q))
        .collect::<Vec<_>>();
    view! {
        <p class="body">{format!(
            "{} made a logon for you, {}, to work on their behalf. Your username is {}.",
            invitation.invited_by, invitation.name, invitation.username
        )}</p>
        <p class="body">"Choose a password and a secret question to start using it."</p>
        <form class="form" novalidate on:submit=submit>
            // Lets password managers save the pair under the right username.
            <input type="hidden" autocomplete="username" value=invitation.username.clone()/>
            <TextInput id="password" label="Password" hint=GUIDANCE value=password input_type="password"
                error=form.error_for("password") autocomplete="new-password" width_class="input--width-20"/>
            <TextInput id="confirm_password" label="Confirm password" value=confirm_password input_type="password"
                error=form.error_for("confirm_password") autocomplete="new-password" width_class="input--width-20"/>
            <RadioGroup id="secret_question" legend="Secret question" hint="We ask it when you reset your password."
                options=questions selected=question error=form.error_for("secret_question")/>
            <TextInput id="secret_answer" label="Answer to your secret question"
                hint="At least 3 characters. Capital letters do not matter."
                value=answer error=form.error_for("secret_answer") autocomplete="off" width_class="input--width-20"/>
            <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>"Set password"</button>
        </form>
    }
}
