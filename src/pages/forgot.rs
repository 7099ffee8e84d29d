//! "Forgot username or password?" (`/forgot`) and its two requests:
//! `/forgot-username` mails the usernames on an email address,
//! `/forgot-password` mails a link to choose a new password. Both are one box
//! and a button, and both say the same whether or not the address or
//! username is known.

use super::register::Sent;
use crate::lazy::lazy_page;
use crate::{
    api::{self, ApiError},
    components::{ErrorSummary, FormError, FormState, Submit, SubmitButton, TextInput},
    paths,
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::components::A;
use std::{future::Future, pin::Pin};
use wire::{
    registration::{ForgotPasswordRequest, ForgotUsernameRequest, Notice},
    FieldErrors,
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub ForgotRoute in account => view! { <ForgotPage/> });
lazy_page!(pub ForgotUsernameRoute in account => view! { <ForgotUsernamePage/> });
lazy_page!(pub ForgotPasswordRoute in account => view! { <ForgotPasswordPage/> });

pub const TITLE: &str = "Forgot username or password?";
pub const USERNAME_TITLE: &str = "Forgot your username";
pub const PASSWORD_TITLE: &str = "Forgot your password";

#[component]
pub fn ForgotPage() -> impl IntoView {
    view! {
        <Page title=TITLE>
            <ul class="list">
                <li><A href=paths::FORGOT_USERNAME>"I forgot my username"</A></li>
                <li><A href=paths::FORGOT_PASSWORD>"I forgot my password"</A></li>
            </ul>
            <p class="body"><A href=paths::SIGN_IN>"Back to Log In"</A></p>
        </Page>
    }
}

type Sending = Pin<Box<dyn Future<Output = Result<Notice, ApiError>>>>;

/// One of the two requests: its box, its button, and its call.
struct Ask {
    title: &'static str,
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    input_type: &'static str,
    autocomplete: &'static str,
    width_class: &'static str,
    button: &'static str,
    /// The shared rules for what was typed.
    check: fn(String) -> Result<(), FieldErrors>,
    send: fn(String) -> Sending,
    /// Shown under the form.
    more: Option<(&'static str, &'static str)>,
}

#[component]
pub fn ForgotUsernamePage() -> impl IntoView {
    view! {
        <AskPage ask=Ask {
            title: USERNAME_TITLE,
            field: "email",
            label: "Email address",
            hint: "We will email the usernames registered to this address.",
            input_type: "email",
            autocomplete: "email",
            width_class: "",
            button: "Send my username",
            check: |email| ForgotUsernameRequest { email }.parse().map(|_| ()),
            send: |email| Box::pin(async move { api::forgot_username(&ForgotUsernameRequest { email }).await }),
            more: None,
        }/>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! {
        <AskPage ask=Ask {
            title: PASSWORD_TITLE,
            field: "username",
            label: "Username",
            hint: "We will email a link to reset your password to the address on your logon.",
            input_type: "text",
            autocomplete: "username",
            width_class: "input--width-20",
            button: "Send the link",
            check: |username| ForgotPasswordRequest { username }.parse().map(|_| ()),
            send: |username| Box::pin(async move { api::forgot_password(&ForgotPasswordRequest { username }).await }),
            more: Some((paths::FORGOT_USERNAME, "I forgot my username")),
        }/>
    }
}

#[component]
fn AskPage(ask: Ask) -> impl IntoView {
    let form = FormState::new();
    let sent = RwSignal::new(None::<String>);
    let text = RwSignal::new(String::new());
    let send = ask.send;
    let check = ask.check;
    let request = Submit::form(form, send, move |notice: Notice| {
        sent.set(Some(notice.message))
    });
    let on_submit = request.on_submit(form, move || {
        let typed = text.get_untracked();
        check(typed.clone()).map_err(FormError::all)?;
        Ok(typed)
    });
    let pending = request.pending();
    let Ask {
        title,
        field,
        label,
        hint,
        input_type,
        autocomplete,
        width_class,
        button,
        more,
        ..
    } = ask;
    view! {
        <Page title=title error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match sent.get() {
                Some(message) => view! { <Sent message=message/> }.into_any(),
                None => view! {
                    <form class="form" novalidate on:submit=on_submit.clone()>
                        <TextInput
                            id=field
                            label=label
                            hint=hint
                            value=text
                            input_type=input_type
                            error=form.error_for(field)
                            autocomplete=autocomplete
                            no_spellcheck=true
                            width_class=(!width_class.is_empty()).then(|| width_class.to_owned())
                        />
                        <SubmitButton pending=pending>{button}</SubmitButton>
                    </form>
                    {more.map(|(href, label)| view! { <p class="body"><A href=href>{label}</A></p> })}
                }
                .into_any(),
            }}
        </Page>
    }
}
