//! "Forgot username or password?" (`/forgot`) and its two requests:
//! `/forgot-username` mails the usernames on an email address,
//! `/forgot-password` mails a link to choose a new password. Both say the same
//! whether or not the address or username is known.

use super::register::{server_errors, Sent};
use crate::lazy::lazy_page;
use crate::{
    api,
    components::{ErrorSummary, FormState, TextInput},
    shell::Page,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::components::A;
use wire::registration::{ForgotPasswordRequest, ForgotUsernameRequest};

pub const TITLE: &str = "Forgot username or password?";
pub const USERNAME_TITLE: &str = "Forgot your username";
pub const PASSWORD_TITLE: &str = "Forgot your password";

lazy_page!(pub ForgotRoute in account => view! { <ForgotPage/> });

#[component]
pub fn ForgotPage() -> impl IntoView {
    view! {
        <Page title=TITLE>
            <ul class="list">
                <li><A href="/forgot-username">"I forgot my username"</A></li>
                <li><A href="/forgot-password">"I forgot my password"</A></li>
            </ul>
            <p class="body"><A href="/sign-in">"Back to Log In"</A></p>
        </Page>
    }
}

lazy_page!(pub ForgotUsernameRoute in account => view! { <ForgotUsernamePage/> });

#[component]
pub fn ForgotUsernamePage() -> impl IntoView {
    let form = FormState::new();
    let sent = RwSignal::new(None::<String>);
    let email = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = ForgotUsernameRequest {
            email: email.get_untracked(),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match api::forgot_username(&request).await {
                Ok(notice) => {
                    form.clear();
                    sent.set(Some(notice.message));
                }
                Err(error) => form.fail(server_errors(&error)),
            }
            pending.set(false);
        });
    };
    view! {
        <Page title=USERNAME_TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match sent.get() {
                Some(message) => view! { <Sent message=message/> }.into_any(),
                None => view! {
                    <form class="form" novalidate on:submit=submit>
                        <TextInput
                            id="email"
                            label="Email address"
                            hint="We will email the usernames registered to this address."
                            value=email
                            input_type="email"
                            error=form.error_for("email")
                            autocomplete="email"
                            no_spellcheck=true
                        />
                        <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                            "Send my username"
                        </button>
                    </form>
                }
                .into_any(),
            }}
        </Page>
    }
}

lazy_page!(pub ForgotPasswordRoute in account => view! { <ForgotPasswordPage/> });

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let form = FormState::new();
    let sent = RwSignal::new(None::<String>);
    let username = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = ForgotPasswordRequest {
            username: username.get_untracked(),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match api::forgot_password(&request).await {
                Ok(notice) => {
                    form.clear();
                    sent.set(Some(notice.message));
                }
                Err(error) => form.fail(server_errors(&error)),
            }
            pending.set(false);
        });
    };
    view! {
        <Page title=PASSWORD_TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match sent.get() {
                Some(message) => view! { <Sent message=message/> }.into_any(),
                None => view! {
                    <form class="form" novalidate on:submit=submit>
                        <TextInput
                            id="username"
                            label="Username"
                            hint="We will email a link to reset your password to the address on your logon."
                            value=username
                            error=form.error_for("username")
                            autocomplete="username"
                            no_spellcheck=true
                            width_class="input--width-20"
                        />
                        <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                            "Send the link"
                        </button>
                    </form>
                    <p class="body"><A href="/forgot-username">"I forgot my username"</A></p>
                }
                .into_any(),
            }}
        </Page>
    }
}
