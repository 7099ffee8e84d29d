//! `/profile/delete`: "Delete My Profile", and `/profile-deleted`, the
//! confirmation shown once signed out.

use super::profile::ProfileForm;
use crate::{
    api,
    components::{CheckboxGroup, Choice, FormError, FormState, Submit, TextInput},
    paths,
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use wire::profile::{DeleteProfileRequest, CONFIRM_DELETE_FIELD, PASSWORD_FIELD};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub DeleteProfileRoute in profile => view! { <RequireSession><DeleteProfilePage/></RequireSession> });
lazy_page!(pub ProfileDeletedRoute in account => view! { <ProfileDeletedPage/> });

pub const TITLE: &str = "Delete My Profile";
pub const DELETED_TITLE: &str = "Your Profile Has Been Deleted";
const CONSEQUENCES: &str = "Deleting your profile cancels your logon and every logon you created, ends your access to every business, and logs you out. You cannot undo this.";

#[component]
pub fn DeleteProfilePage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    let password = RwSignal::new(String::new());
    let ticked = RwSignal::new(Vec::<String>::new());
    let delete = Submit::form(
        form,
        |request: DeleteProfileRequest| async move { api::delete_profile(&request).await },
        move |()| {
            session.logged_out();
            navigate(paths::PROFILE_DELETED, Default::default());
        },
    );
    let on_submit = delete.on_submit(form, move || {
        let request = DeleteProfileRequest {
            password: password.get_untracked(),
            confirm: ticked.with_untracked(|t| t.iter().any(|v| v == "yes")),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    view! {
        <ProfileForm title=TITLE form=form on_submit=on_submit pending=delete.pending()
            button="Delete my profile" warning=true intro=CONSEQUENCES>
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
        </ProfileForm>
    }
}

#[component]
pub fn ProfileDeletedPage() -> impl IntoView {
    view! {
        <Page title=DELETED_TITLE>
            <p class="body">"Your profile has been deleted and you have been logged out."</p>
            <p class="body"><A href=paths::SIGN_IN>"Go to Log In"</A></p>
        </Page>
    }
}
