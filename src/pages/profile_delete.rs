//! `/profile/delete`: "Delete My Profile", and `/profile-deleted`, the
//! confirmation shown once signed out.

use super::profile_form::{form_errors, CancelLink};
use crate::{
    api,
    components::{CheckboxGroup, Choice, ErrorSummary, FormState, TextInput},
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate};
use wire::profile::{DeleteProfileRequest, CONFIRM_DELETE_FIELD, PASSWORD_FIELD};

pub const TITLE: &str = "Delete My Profile";
pub const DELETED_TITLE: &str = "Your Profile Has Been Deleted";
pub const DELETED_PATH: &str = "/profile-deleted";

lazy_page!(pub DeleteProfileRoute in profile => view! { <RequireSession><DeleteProfilePage/></RequireSession> });

#[component]
pub fn DeleteProfilePage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let password = RwSignal::new(String::new());
    let ticked = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = DeleteProfileRequest {
            password: password.get_untracked(),
            confirm: ticked.with_untracked(|t| t.iter().any(|v| v == "yes")),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::delete_profile(&request).await {
                Ok(()) => {
                    session.logged_out();
                    navigate(DELETED_PATH, Default::default());
                }
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => form.fail(form_errors(&error)),
            }
            pending.set(false);
        });
    };
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <p class="body">
                "Deleting your profile cancels your logon and every logon you created, ends your access to every business, and logs you out. You cannot undo this."
            </p>
            <form class="form" novalidate on:submit=submit>
                <TextInput
                    id=PASSWORD_FIELD
                    label="Password"
                    value=password
                    input_type="password"
                    error=form.error_for(PASSWORD_FIELD)
                    autocomplete="current-password"
                    width_class="input--width-20"
                />
                <CheckboxGroup
                    id=CONFIRM_DELETE_FIELD
                    legend="Confirm"
                    options=vec![Choice::new("yes", "I understand that my profile will be deleted")]
                    selected=ticked
                    error=form.error_for(CONFIRM_DELETE_FIELD)
                />
                <button type="submit" class="button button--warning" aria-disabled=move || pending.get().then_some("true")>
                    "Delete my profile"
                </button>
            </form>
            <CancelLink/>
        </Page>
    }
}

lazy_page!(pub ProfileDeletedRoute in account => view! { <ProfileDeletedPage/> });

#[component]
pub fn ProfileDeletedPage() -> impl IntoView {
    view! {
        <Page title=DELETED_TITLE>
            <p class="body">"Your profile has been deleted and you have been logged out."</p>
            <p class="body"><A href="/sign-in">"Go to Log In"</A></p>
        </Page>
    }
}
