//! `/set-password?token=…`: the link in a secondary logon's invitation email.
//! The invited person sets a password and a secret question; the logon is then
//! active and they log in. The token leaves the address bar once read.

use super::api;
use crate::lazy::lazy_page;
use crate::{
    components::{
        ErrorSummary, FormError, FormState, Loaded, RadioGroup, Submit, SubmitButton, TextInput,
    },
    nav,
    pages::profile_secret::question_choices,
    paths,
    session::use_flash,
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use wire::{
    password::{PasswordContext, GUIDANCE},
    secondary::{AcceptInvitationRequest, InvitationView, INVITATION_GONE},
};

pub const TITLE: &str = "Set your password";

/// Takes the token out of the address bar (and so out of the history and of
/// anyone's view of the screen) without a navigation.
fn forget_token_in_address_bar() {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(paths::SET_PASSWORD),
        );
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
    // A spent or unknown link says so in its own words.
    let gone = Callback::new(|error: crate::api::ApiError| {
        (error.status() == Some(404))
            .then(|| view! { <p class="body">{error.message()}</p> }.into_any())
    });
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {if token.is_empty() {
                view! { <p class="body">{INVITATION_GONE}</p> }.into_any()
            } else {
                view! {
                    <Loaded data=invitation refused=gone view={move |view| view! {
                        <SetPasswordForm form=form token=token.clone() invitation=view/>
                    }}/>
                }
                .into_any()
            }}
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
    let username = invitation.username.clone();
    let name = invitation.name.clone();
    let set = {
        let username = username.clone();
        Submit::form(
            form,
            |request: AcceptInvitationRequest| async move { api::accept_invitation(&request).await },
            move |()| {
                flash.show_on(
                    nav::SIGN_IN,
                    format!("Your password is set. Log in with your username {username} and your new password."),
                );
                navigate(nav::SIGN_IN, Default::default());
            },
        )
    };
    let on_submit = set.on_submit(form, move || {
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
        request.parse(&context).map_err(FormError::all)?;
        Ok(request)
    });
    view! {
        <p class="body">{format!(
            "{} made a logon for you, {}, to work on their behalf. Your username is {}.",
            invitation.invited_by, invitation.name, invitation.username
        )}</p>
        <p class="body">"Choose a password and a secret question to start using it."</p>
        <form class="form" novalidate on:submit=on_submit>
            // Lets password managers save the pair under the right username.
            <input type="hidden" autocomplete="username" value=invitation.username.clone()/>
            <TextInput id="password" label="Password" hint=GUIDANCE value=password input_type="password"
                error=form.error_for("password") autocomplete="new-password" width_class="input--width-20"/>
            <TextInput id="confirm_password" label="Confirm password" value=confirm_password input_type="password"
                error=form.error_for("confirm_password") autocomplete="new-password" width_class="input--width-20"/>
            <RadioGroup id="secret_question" legend="Secret question" hint="We ask it when you reset your password."
                options=question_choices() selected=question error=form.error_for("secret_question")/>
            <TextInput id="secret_answer" label="Answer to your secret question"
                hint="At least 3 characters. Capital letters do not matter."
                value=answer error=form.error_for("secret_answer") autocomplete="off" width_class="input--width-20"/>
            <SubmitButton pending=set.pending()>"Set password"</SubmitButton>
        </form>
    }
}
