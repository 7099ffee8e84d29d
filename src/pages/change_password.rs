//! `/change-password`: "Change Password". After signing in with a temporary
//! password it is the only page open, and the current password is not asked again.

use super::profile::{back_to_profile, CancelLink, CurrentPassword};
use crate::{
    api,
    components::{ErrorSummary, FormError, FormState, Submit, SubmitButton, TextInput},
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wire::{
    password::{PasswordContext, CONFIRM_FIELD, GUIDANCE},
    profile::{ChangePasswordRequest, CURRENT_PASSWORD_FIELD, NEW_PASSWORD_FIELD},
    session::SessionStage,
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub ChangePasswordRoute in profile => view! { <RequireSession><ChangePasswordPage/></RequireSession> });

pub const TITLE: &str = "Change Password";
pub const TEMPORARY_EXPLANATION: &str =
    "You logged in with a temporary password. Choose a new password to continue.";

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let done = back_to_profile();
    let navigate = use_navigate();
    let temporary = Memo::new(move |_| {
        session
            .view()
            .is_some_and(|v| v.stage == SessionStage::PasswordChangeRequired)
    });
    // The minimum length depends on 2-step verification (only readable with a full session).
    let two_step = LocalResource::new(move || async move {
        if temporary.get_untracked() {
            false
        } else {
            api::profile().await.is_ok_and(|p| p.two_step_enabled)
        }
    });

    let change = Submit::form(
        form,
        |request: ChangePasswordRequest| async move { api::change_password(&request).await },
        move |view| {
            session.signed_in(view);
            if temporary.get_untracked() {
                navigate(crate::nav::HOME, Default::default());
            } else {
                done(
                    "Your password has been changed. Your other sessions have been signed out."
                        .into(),
                );
            }
        },
    );
    let on_submit = change.on_submit(form, move || {
        let Some(view) = session.view_untracked() else {
            return Err(Vec::new());
        };
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
            two_step_enabled: two_step.get_untracked().unwrap_or(false),
        };
        request.parse(&ctx, !temporary).map_err(FormError::all)?;
        Ok(request)
    });

    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <Show when=move || temporary.get()>
                <p class="body notice">{TEMPORARY_EXPLANATION}</p>
            </Show>
            <form class="form" novalidate on:submit=on_submit>
                <Show when=move || !temporary.get()>
                    <CurrentPassword value=current error=form.error_for(CURRENT_PASSWORD_FIELD)/>
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
                <SubmitButton pending=change.pending()>"Change password"</SubmitButton>
            </form>
            <Show when=move || !temporary.get()>
                <CancelLink/>
            </Show>
        </Page>
    }
}
