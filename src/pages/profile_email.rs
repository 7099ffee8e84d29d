//! `/profile/email`: "Change Email", and `/confirm-email?token=…`, where the
//! emailed link lands.

use super::profile_form::{back_to_profile, on_failure, CancelLink};
use crate::{
    api,
    components::{ErrorSummary, FormState, Loading, TextInput},
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_query_map};
use wire::profile::{ChangeEmailRequest, CURRENT_PASSWORD_FIELD, EMAIL_FIELD};

pub const TITLE: &str = "Change Email";
pub const CONFIRM_TITLE: &str = "Confirm Your New Email Address";

lazy_page!(pub ChangeEmailRoute in profile => view! { <RequireSession><ChangeEmailPage/></RequireSession> });

#[component]
pub fn ChangeEmailPage() -> impl IntoView {
    let form = FormState::new();
    let new_email = RwSignal::new(String::new());
    let current_password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let done = back_to_profile();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = ChangeEmailRequest {
            new_email: new_email.get_untracked(),
            current_password: current_password.get_untracked(),
        };
        let address = match request.parse() {
            Ok(address) => address,
            Err(errors) => {
                form.fail_fields(errors);
                return;
            }
        };
        pending.set(true);
        let done = done.clone();
        spawn_local(async move {
            match api::change_email(&request).await {
                Ok(()) => done(format!(
                    "We have sent a link to {address}. Your email address changes when you open it (within 24 hours)."
                )),
                Err(error) => on_failure(error, form),
            }
            pending.set(false);
        });
    };
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <p class="body">
                "We will send a link to the new address. Your email address changes only when you open that link. We will also tell your current address about the change."
            </p>
            <form class="form" novalidate on:submit=submit>
                <TextInput
                    id=EMAIL_FIELD
                    label="New email address"
                    value=new_email
                    input_type="email"
                    error=form.error_for(EMAIL_FIELD)
                    autocomplete="email"
                    no_spellcheck=true
                    width_class="input--width-20"
                />
                <TextInput
                    id=CURRENT_PASSWORD_FIELD
                    label="Current password"
                    value=current_password
                    input_type="password"
                    error=form.error_for(CURRENT_PASSWORD_FIELD)
                    autocomplete="current-password"
                    width_class="input--width-20"
                />
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    "Send link"
                </button>
            </form>
            <CancelLink/>
        </Page>
    }
}

lazy_page!(pub ConfirmEmailRoute in account => view! { <ConfirmEmailPage/> });

/// Works without a session: the link may be opened on another device.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let outcome = LocalResource::new(move || api::confirm_email(token.clone()));
    view! {
        <Page title=CONFIRM_TITLE>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match outcome.await {
                        Ok(confirmed) => view! {
                            <p class="body">{format!("Your email address is now {}.", confirmed.email)}</p>
                            <p class="body"><A href="/profile">"Go to Manage My Profile"</A></p>
                        }.into_any(),
                        Err(error) => {
                            let message = error
                                .body()
                                .and_then(|b| b.fields.first())
                                .map(|f| f.message.clone())
                                .unwrap_or_else(|| error.message());
                            view! {
                                <p class="body">{message}</p>
                                <p class="body"><A href="/profile/email">"Change Email"</A></p>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </Page>
    }
}
