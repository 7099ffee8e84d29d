//! `/profile/name`: "Update Name".

use super::profile::{back_to_profile, prefill, ProfileForm};
use crate::{
    api,
    components::{FormError, FormState, Submit, TextInput},
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use wire::profile::{UpdateNameRequest, NAME_FIELD};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub UpdateNameRoute in profile => view! { <RequireSession><UpdateNamePage/></RequireSession> });

pub const TITLE: &str = "Update Name";

#[component]
pub fn UpdateNamePage() -> impl IntoView {
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    prefill(name, |profile| profile.name);
    let done = back_to_profile();
    let save = Submit::form(
        form,
        |request: UpdateNameRequest| async move { api::update_name(&request).await },
        move |()| done("Your name has been updated.".into()),
    );
    let on_submit = save.on_submit(form, move || {
        let request = UpdateNameRequest {
            name: name.get_untracked(),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    view! {
        <ProfileForm title=TITLE form=form on_submit=on_submit pending=save.pending() button="Save name">
            <TextInput
                id=NAME_FIELD
                label="Full name"
                value=name
                error=form.error_for(NAME_FIELD)
                autocomplete="name"
                width_class="input--width-20"
            />
        </ProfileForm>
    }
}
