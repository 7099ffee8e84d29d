//! `/register`: "Create a logon". The logon stays unusable until the person
//! opens the link mailed to the address they give.

use super::profile_secret::question_choices;
use crate::lazy::lazy_page;
use crate::{
    api,
    components::{
        Confirmation, ErrorSummary, FormError, FormState, RadioGroup, Submit, SubmitButton,
        TextInput,
    },
    paths,
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use wire::{
    password::GUIDANCE,
    registration::{Notice, RegistrationRequest},
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub RegisterRoute in account => view! { <RegisterPage/> });

pub const TITLE: &str = "Create a logon";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let form = FormState::new();
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <RegisterForm form=form/>
        </Page>
    }
}

/// What a page says once its request is accepted ("Check your email…"),
/// with the way on to Log In.
#[component]
pub fn Sent(message: String) -> impl IntoView {
    view! {
        <Confirmation message=message>
            <p class="body"><A href=paths::SIGN_IN>"Go to Log In"</A></p>
        </Confirmation>
    }
}

#[component]
fn RegisterForm(form: FormState) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let confirm_email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm_password = RwSignal::new(String::new());
    let question = RwSignal::new(None::<String>);
    let answer = RwSignal::new(String::new());
    // Accepted: "Check your email" shows where the link went and can resend it.
    let navigate = use_navigate();
    let create = Submit::form(
        form,
        |request: RegistrationRequest| async move { api::register(&request).await },
        move |_: Notice| navigate(paths::CHECK_EMAIL, Default::default()),
    );
    let on_submit = create.on_submit(form, move || {
        let request = RegistrationRequest {
            username: username.get_untracked(),
            name: name.get_untracked(),
            email: email.get_untracked(),
            confirm_email: confirm_email.get_untracked(),
            phone: phone.get_untracked(),
            password: password.get_untracked(),
            confirm_password: confirm_password.get_untracked(),
            secret_question: question.get_untracked().unwrap_or_default(),
            secret_answer: answer.get_untracked(),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });

    view! {
        <p class="body">"All fields are required unless marked optional."</p>
        <form class="form" novalidate on:submit=on_submit>
            <TextInput
                id="username"
                label="Username"
                hint="3 to 64 characters: letters, numbers, full stops, hyphens, underscores or @. You cannot change it later."
                value=username
                error=form.error_for("username")
                autocomplete="username"
                no_spellcheck=true
                width_class="input--width-20"
            />
            <TextInput id="name" label="Full name" value=name error=form.error_for("name") autocomplete="name"/>
            <TextInput
                id="email"
                label="Email address"
                hint="We will send a link to this address to confirm it."
                value=email
                input_type="email"
                error=form.error_for("email")
                autocomplete="email"
                no_spellcheck=true
            />
            <TextInput
                id="confirm_email"
                label="Confirm email address"
                value=confirm_email
                input_type="email"
                error=form.error_for("confirm_email")
                autocomplete="email"
                no_spellcheck=true
            />
            <TextInput
                id="phone"
                label="Phone number (optional)"
                value=phone
                input_type="tel"
                error=form.error_for("phone")
                autocomplete="tel"
                width_class="input--width-20"
            />
            <TextInput
                id="password"
                label="Password"
                hint=GUIDANCE
                value=password
                input_type="password"
                error=form.error_for("password")
                autocomplete="new-password"
                width_class="input--width-20"
            />
            <TextInput
                id="confirm_password"
                label="Confirm password"
                value=confirm_password
                input_type="password"
                error=form.error_for("confirm_password")
                autocomplete="new-password"
                width_class="input--width-20"
            />
            <RadioGroup
                id="secret_question"
                legend="Secret question"
                hint="We ask it when you reset your password."
                options=question_choices()
                selected=question
                error=form.error_for("secret_question")
            />
            <TextInput
                id="secret_answer"
                label="Answer to your secret question"
                hint="At least 3 characters. Capital letters do not matter."
                value=answer
                error=form.error_for("secret_answer")
                autocomplete="off"
                width_class="input--width-20"
            />
            <SubmitButton pending=create.pending()>"Create logon"</SubmitButton>
        </form>
    }
}
