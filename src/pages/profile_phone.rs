//! `/profile/phone`: "Edit Phone Number" (optional: an empty box clears it).

use super::profile_form::{back_to_profile, on_failure, CancelLink};
use crate::{
    api,
    components::{ErrorSummary, FormState, TextInput},
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use wire::profile::{UpdatePhoneRequest, PHONE_FIELD};

pub const TITLE: &str = "Edit Phone Number";

lazy_page!(pub EditPhoneRoute in profile => view! { <RequireSession><EditPhonePage/></RequireSession> });

#[component]
pub fn EditPhonePage() -> impl IntoView {
    let form = FormState::new();
    let phone = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let done = back_to_profile();
    spawn_local(async move {
        if let Ok(profile) = api::profile().await {
            if phone.get_untracked().is_empty() {
                phone.set(profile.phone.unwrap_or_default());
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = UpdatePhoneRequest {
            phone: phone.get_untracked(),
        };
        let cleared = match request.parse() {
            Ok(parsed) => parsed.is_none(),
            Err(errors) => {
                form.fail_fields(errors);
                return;
            }
        };
        pending.set(true);
        let done = done.clone();
        spawn_local(async move {
            match api::update_phone(&request).await {
                Ok(()) if cleared => done("Your phone number has been removed.".into()),
                Ok(()) => done("Your phone number has been updated.".into()),
                Err(error) => on_failure(error, form),
            }
            pending.set(false);
        });
    };
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <form class="form" novalidate on:submit=submit>
                <TextInput
                    id=PHONE_FIELD
                    label="Phone number (optional)"
                    hint="For example, +1 (860) 555-0100. Leave it empty to remove your number."
                    value=phone
                    input_type="tel"
                    error=form.error_for(PHONE_FIELD)
                    autocomplete="tel"
                    width_class="input--width-20"
                />
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    "Save phone number"
                </button>
            </form>
            <CancelLink/>
        </Page>
    }
}
