//! What the Manage My Profile forms share: turning a refusal into form errors,
//! and going back to Manage My Profile with a success message.

use crate::{
    api::ApiError,
    components::FormError,
    session::{use_flash, use_session},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};

pub const PROFILE_PATH: &str = "/profile";

/// A 422's field errors, or one general message for anything else.
pub fn form_errors(error: &ApiError) -> Vec<FormError> {
    match (error.status(), error.body()) {
        (Some(422), Some(body)) if !body.fields.is_empty() => {
            body.fields.iter().cloned().map(FormError::from).collect()
        }
        _ => vec![FormError::general(error.message())],
    }
}

/// Handles a failed call: a 401 means the session ended (the guard then
/// asks to sign in again); anything else is shown on the form.
pub fn on_failure(error: ApiError, form: crate::components::FormState) {
    if error.is_unauthorized() {
        use_session().expired();
    } else {
        form.fail(form_errors(&error));
    }
}

/// Returns a closure that shows `message` on Manage My Profile and goes there.
pub fn back_to_profile() -> impl Fn(String) + Clone + 'static {
    let flash = use_flash();
    let navigate = use_navigate();
    move |message: String| {
        flash.show_on(PROFILE_PATH, message);
        navigate(PROFILE_PATH, Default::default());
    }
}

/// The link out of a form without saving.
#[component]
pub fn CancelLink() -> impl IntoView {
    view! { <p class="body"><A href=PROFILE_PATH>"Cancel and go back to Manage My Profile"</A></p> }
}
