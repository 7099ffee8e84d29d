//! `/sign-in`: "Log In".

use crate::{
    api::{self, ApiError},
    components::{ErrorSummary, FormError, FormState, Loading, Submit, SubmitButton, TextInput},
    nav, paths,
    session::{use_session, SessionStatus},
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use wire::session::{SignInRequest, SIGN_IN_FAILED};

pub const TITLE: &str = "Log In";

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let next = Memo::new(move |_| query.read().get("next"));

    // Signed in (already, or just now): go where the person was headed; a
    // logon that reaches more than one customer first chooses one.
    Effect::new(move |_| {
        if session.status() == SessionStatus::SignedIn {
            let many = untrack(|| session.view()).is_some_and(|v| v.customer_count > 1);
            let target = match next.get_untracked() {
                None if many => paths::CUSTOMERS.to_owned(),
                asked => nav::safe_next(asked.as_deref()),
            };
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let form = FormState::new();
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match session.status() {
                SessionStatus::Loading | SessionStatus::SignedIn => view! { <Loading/> }.into_any(),
                _ => view! { <SignInForm form=form/> }.into_any(),
            }}
        </Page>
    }
}

/// What the error summary says when the server turns the sign-in down.
fn sign_in_errors(error: &ApiError) -> Vec<FormError> {
    match (error.status(), error.body()) {
        (Some(401), body) => {
            let message = body
                .map(|b| b.message.clone())
                .filter(|m| !m.trim().is_empty())
                .unwrap_or_else(|| SIGN_IN_FAILED.to_owned());
            vec![FormError::field("username", message)]
        }
        (Some(422), Some(body)) if !body.fields.is_empty() => {
            body.fields.iter().cloned().map(FormError::from).collect()
        }
        (Some(422 | 429), _) => vec![FormError::field("username", error.message())],
        _ => vec![FormError::general(error.message())],
    }
}

#[component]
fn SignInForm(form: FormState) -> impl IntoView {
    let session = use_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let navigate = use_navigate();
    // A wrong password is a 401 too: it goes on the form, like any refusal. A
    // right one whose email address is not confirmed (403) goes to the page
    // that says so and can send the link again.
    let sign_in = Submit::new(
        |request: SignInRequest| async move { api::sign_in(&request).await },
        move |answer| match answer {
            Ok(view) => {
                form.clear();
                session.signed_in(view);
            }
            Err(error) if error.status() == Some(403) => {
                navigate(paths::CHECK_EMAIL, Default::default())
            }
            Err(error) => form.fail(sign_in_errors(&error)),
        },
    );
    let on_submit = sign_in.on_submit(form, move || {
        let request = SignInRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        let checked = request.parse().map_err(FormError::all)?;
        Ok(SignInRequest {
            username: checked.username,
            password: checked.password,
        })
    });

    view! {
        <p class="body">"For Connecticut businesses, and the tax preparers who act for them: see your tax accounts, file returns and pay."</p>
        <form class="form" novalidate on:submit=on_submit>
            <TextInput
                id="username"
                label="Username"
                value=username
                error=form.error_for("username")
                autocomplete="username"
                no_spellcheck=true
                width_class="input--width-20"
            />
            <TextInput
                id="password"
                label="Password"
                value=password
                input_type="password"
                error=form.error_for("password")
                autocomplete="current-password"
                width_class="input--width-20"
            />
            <SubmitButton pending=sign_in.pending()>"Log In"</SubmitButton>
        </form>
        <ul class="list">
            <li><A href=paths::FORGOT>"Forgot username or password?"</A></li>
            <li><A href=paths::REGISTER>"Create a logon"</A></li>
        </ul>
    }
}
