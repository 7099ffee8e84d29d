//! `/profile/name`: "Update Name".

use super::profile_form::{back_to_profile, on_failure, CancelLink};
use crate::{
    api,
    components::{ErrorSummary, FormState, TextInput},
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use wire::profile::{UpdateNameRequest, NAME_FIELD};

pub const TITLE: &str = "Update Name";

lazy_page!(pub UpdateNameRoute in profile => view! { <RequireSession><UpdateNamePage/></RequireSession> });

#[component]
pub fn UpdateNamePage() -> impl IntoView {
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let done = back_to_profile();
    // Start from the name as it is.
    spawn_local(async move {
        if let Ok(profile) = api::profile().await {
            if name.get_untracked().is_empty() {
                name.set(profile.name);
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = UpdateNameRequest {
            name: name.get_untracked(),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        let done = done.clone();
        spawn_local(async move {
            match api::update_name(&request).await {
                Ok(()) => done("Your name has been updated.".into()),
                Err(error) => on_failure(error, form),
            }
            pending.set(false);
        });
    };
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <form class="form" novalidate on:submit=submit>
                <TextInput
                    id=NAME_FIELD
                    label="Full name"
                    value=name
                    error=form.error_for(NAME_FIELD)
                    autocomplete="name"
                    width_class="input--width-20"
                />
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    "Save name"
                </button>
            </form>
            <CancelLink/>
        </Page>
    }
}
