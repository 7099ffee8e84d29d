//! `/change-password`: "Change Password". After signing in with a temporary
//! password it is the only page open, and the current password is not asked again.

use super::profile_form::{back_to_profile, form_errors, CancelLink};
use crate::{
    api,
    components::{ErrorSummary, FormState, TextInput},
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;
use wire::{
    password::{PasswordContext, CONFIRM_FIELD, GUIDANCE},
    profile::{ChangePasswordRequest, CURRENT_PASSWORD_FIELD, NEW_PASSWORD_FIELD},
    session::SessionStage,
};

pub const TITLE: &str = "Change Password";
pub const PATH: &str = "/change-password";
pub const TEMPORARY_EXPLANATION: &str =
    "You logged in with a temporary password. Choose a new password to continue.";

lazy_page!(pub ChangePasswordRoute in profile => view! { <RequireSession><ChangePasswordPage/></RequireSession> });

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let two_step = RwSignal::new(false);
    let done = back_to_profile();
    let navigate = use_navigate();
    let temporary = Memo::new(move |_| {
        session
            .view()
            .is_some_and(|v| v.stage == SessionStage::PasswordChangeRequired)
    });
    // The minimum length depends on 2-step verification (only readable with a full session).
    if !temporary.get_untracked() {
        spawn_local(async move {
            if let Ok(profile) = api::profile().await {
                two_step.set(profile.two_step_enabled);
            }
        });
    }

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(view) = session.view() else { return };
        let temporary = temporary.get_untracked();
        let request = ChangePasswordRequest {
            current_password: (!temporary).then(|| current.get_untracked()),
            new_password: new_password.get_untracked(),
            confirm_password: confirm.get_untracked(),
        };
        let ctx = PasswordContext {
            username: &view.username,
            name: &view.name,
            email: "",
            two_step_enabled: two_step.get_untracked(),
        };
        if let Err(errors) = request.parse(&ctx, !temporary) {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        let done = done.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::change_password(&request).await {
                Ok(view) => {
                    session.signed_in(view);
                    if temporary {
                        navigate(crate::nav::HOME, Default::default());
                    } else {
                        done("Your password has been changed. Your other sessions have been signed out.".into());
                    }
                }
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => form.fail(form_errors(&error)),
            }
            pending.set(false);
        });
    };

    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <Show when=move || temporary.get()>
                <p class="body notice">{TEMPORARY_EXPLANATION}</p>
            </Show>
            <form class="form" novalidate on:submit=submit>
                <Show when=move || !temporary.get()>
                    <TextInput
                        id=CURRENT_PASSWORD_FIELD
                        label="Current password"
                        value=current
                        input_type="password"
                        error=form.error_for(CURRENT_PASSWORD_FIELD)
                        autocomplete="current-password"
                        width_class="input--width-20"
                    />
                </Show>
                <TextInput
                    id=NEW_PASSWORD_FIELD
                    label="New password"
                    hint=GUIDANCE
                    value=new_password
                    input_type="password"
                    error=form.error_for(NEW_PASSWORD_FIELD)
                    autocomplete="new-password"
                    width_class="input--width-20"
                />
                <TextInput
                    id=CONFIRM_FIELD
                    label="Confirm new password"
                    value=confirm
                    input_type="password"
                    error=form.error_for(CONFIRM_FIELD)
                    autocomplete="new-password"
                    width_class="input--width-20"
                />
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    "Change password"
                </button>
            </form>
            <Show when=move || !temporary.get()>
                <CancelLink/>
            </Show>
        </Page>
    }
}
