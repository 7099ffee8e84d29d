//! `/profile/phone`: "Edit Phone Number" (optional: an empty box clears it).

use super::profile::{back_to_profile, prefill, ProfileForm};
use crate::{
    api,
    components::{FormError, FormState, Submit, TextInput},
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use wire::profile::{UpdatePhoneRequest, PHONE_FIELD};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub EditPhoneRoute in profile => view! { <RequireSession><EditPhonePage/></RequireSession> });

pub const TITLE: &str = "Edit Phone Number";

#[component]
pub fn EditPhonePage() -> impl IntoView {
    let form = FormState::new();
    let phone = RwSignal::new(String::new());
    prefill(phone, |profile| profile.phone.unwrap_or_default());
    let done = back_to_profile();
    // The request, and whether it clears the number.
    let save = Submit::form(
        form,
        |(request, cleared): (UpdatePhoneRequest, bool)| async move {
            api::update_phone(&request).await.map(|()| cleared)
        },
        move |cleared| {
            done(if cleared {
                "Your phone number has been removed.".into()
            } else {
                "Your phone number has been updated.".into()
            })
        },
    );
    let on_submit = save.on_submit(form, move || {
        let request = UpdatePhoneRequest {
            phone: phone.get_untracked(),
        };
        let cleared = request.parse().map_err(FormError::all)?.is_none();
        Ok((request, cleared))
    });
    view! {
        <ProfileForm title=TITLE form=form on_submit=on_submit pending=save.pending() button="Save phone number">
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
        </ProfileForm>
    }
}
