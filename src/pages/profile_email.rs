//! `/profile/email`: "Change Email", and `/confirm-email?token=…`, where the
//! emailed link lands.

use super::profile::{back_to_profile, CurrentPassword, ProfileForm};
use crate::{
    api,
    components::{FormError, FormState, Loaded, Submit, TextInput},
    paths,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};
use wire::profile::{ChangeEmailRequest, CURRENT_PASSWORD_FIELD, EMAIL_FIELD};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub ChangeEmailRoute in profile => view! { <RequireSession><ChangeEmailPage/></RequireSession> });
lazy_page!(pub ConfirmEmailRoute in account => view! { <ConfirmEmailPage/> });

pub const TITLE: &str = "Change Email";
pub const CONFIRM_TITLE: &str = "Confirm Your New Email Address";
const INTRO: &str = "We will send a link to the new address. Your email address changes only when you open that link. We will also tell your current address about the change.";

#[component]
pub fn ChangeEmailPage() -> impl IntoView {
    let form = FormState::new();
    let new_email = RwSignal::new(String::new());
    let current_password = RwSignal::new(String::new());
    let done = back_to_profile();
    // The request, and the address as it was read.
    let send = Submit::form(
        form,
        |(request, address): (ChangeEmailRequest, String)| async move {
            api::change_email(&request).await.map(|()| address)
        },
        move |address| {
            done(format!(
                "We have sent a link to {address}. Your email address changes when you open it (within 24 hours)."
            ))
        },
    );
    let on_submit = send.on_submit(form, move || {
        let request = ChangeEmailRequest {
            new_email: new_email.get_untracked(),
            current_password: current_password.get_untracked(),
        };
        let address = request.parse().map_err(FormError::all)?.to_string();
        Ok((request, address))
    });
    view! {
        <ProfileForm title=TITLE form=form on_submit=on_submit pending=send.pending() button="Send link" intro=INTRO>
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
            <CurrentPassword value=current_password error=form.error_for(CURRENT_PASSWORD_FIELD)/>
        </ProfileForm>
    }
}

/// Works without a session: the link may be opened on another device.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let outcome = LocalResource::new(move || api::confirm_email(token.clone()));
    // A spent or unknown link says why in its field error.
    let refused = Callback::new(|error: api::ApiError| {
        let message = error
            .body()
            .and_then(|b| b.fields.first())
            .map(|f| f.message.clone())
            .unwrap_or_else(|| error.message());
        Some(
            view! {
                <p class="body">{message}</p>
                <p class="body"><A href=paths::PROFILE_EMAIL>"Change Email"</A></p>
            }
            .into_any(),
        )
    });
    view! {
        <Page title=CONFIRM_TITLE>
            <Loaded data=outcome refused=refused view={|confirmed| view! {
                <p class="body">{format!("Your email address is now {}.", confirmed.email)}</p>
                <p class="body"><A href=paths::PROFILE>"Go to Manage My Profile"</A></p>
            }}/>
        </Page>
    }
}
