//! `/profile`: "Manage My Profile": each detail with the action that changes
//! it; and what its forms share: the page round the form, Cancel, and going
//! back here with a success message.

use crate::{
    api,
    components::{ErrorSummary, FormState, Loaded, SubmitButton, TextInput},
    format::date_long,
    paths,
    session::use_flash,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_navigate};
use wire::profile::{ProfileView, CURRENT_PASSWORD_FIELD};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub ProfileRoute in profile => view! { <RequireSession><ProfilePage/></RequireSession> });

pub const TITLE: &str = "Manage My Profile";
pub const PHONE_NOT_GIVEN: &str = "Not given";

#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = LocalResource::new(api::profile);
    view! {
        <Page title=TITLE>
            <Loaded data=profile view={|profile| view! { <ProfileDetails profile=profile/> }}/>
        </Page>
    }
}

/// Returns a closure that shows `message` on Manage My Profile and goes there.
pub fn back_to_profile() -> impl Fn(String) + Clone + 'static {
    let flash = use_flash();
    let navigate = use_navigate();
    move |message: String| {
        flash.show_on(paths::PROFILE, message);
        navigate(paths::PROFILE, Default::default());
    }
}

/// Starts a box from the profile as it is, once it has loaded, unless the
/// person has typed in it already.
pub fn prefill(value: RwSignal<String>, from: impl Fn(ProfileView) -> String + 'static) {
    let profile = LocalResource::new(api::profile);
    Effect::new(move |_| {
        if let Some(Ok(loaded)) = profile.get() {
            if value.get_untracked().is_empty() {
                value.set(from(loaded));
            }
        }
    });
}

/// "Current password", which a change to the logon's security asks for again.
#[component]
pub fn CurrentPassword(value: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <TextInput
            id=CURRENT_PASSWORD_FIELD
            label="Current password"
            value=value
            input_type="password"
            error=error
            autocomplete="current-password"
            width_class="input--width-20"
        />
    }
}

/// The link out of a form without saving.
#[component]
pub fn CancelLink() -> impl IntoView {
    view! { <p class="body"><A href=paths::PROFILE>"Cancel and go back to Manage My Profile"</A></p> }
}

/// One of Manage My Profile's forms: the page with its error summary, the
/// boxes (`children`), the button, and Cancel.
#[component]
pub fn ProfileForm(
    title: &'static str,
    form: FormState,
    on_submit: impl Fn(SubmitEvent) + Send + Sync + 'static,
    pending: Signal<bool>,
    button: &'static str,
    /// A red button, for what cannot be undone.
    #[prop(optional)]
    warning: bool,
    /// What the page says above the form.
    #[prop(optional)]
    intro: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <Page title=title error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {intro.map(|text| view! { <p class="body">{text}</p> })}
            <form class="form" novalidate on:submit=on_submit>
                {children()}
                <SubmitButton pending=pending warning=warning>{button}</SubmitButton>
            </form>
            <CancelLink/>
        </Page>
    }
}

/// One term, its value and the action that changes it; the spaces keep the
/// row's text readable as one line.
#[component]
fn Row(
    #[prop(into)] term: String,
    #[prop(into)] value: String,
    #[prop(optional)] action: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{term}</dt>
            " "
            <dd class="summary-list__value">{value}</dd>
            {action.map(|(label, href)| view! {
                " "
                <dd class="summary-list__actions"><A href=href>{label}</A></dd>
            })}
        </div>
    }
}

#[component]
fn ProfileDetails(profile: ProfileView) -> impl IntoView {
    let changed = date_long(profile.password_changed_at)
        .map(|date| format!("Last changed {date}"))
        .unwrap_or_else(|| "Set".to_owned());
    let pending = profile
        .pending_email
        .map(|email| format!("Waiting for you to open the link sent to {email}."));
    view! {
        <section class="profile-section" aria-labelledby="profile-heading">
            <h2 class="heading-m" id="profile-heading">"Profile"</h2>
            <dl class="summary-list">
                <Row term="Name" value=profile.name action=("Update Name", paths::PROFILE_NAME)/>
                <Row term="Email" value=profile.email action=("Change Email", paths::PROFILE_EMAIL)/>
                <Row
                    term="Phone Number"
                    value=profile.phone.unwrap_or_else(|| PHONE_NOT_GIVEN.to_owned())
                    action=("Edit Phone Number", paths::PROFILE_PHONE)
                />
            </dl>
            {pending.map(|text| view! { <p class="body">{text}</p> })}
        </section>
        <section class="profile-section" aria-labelledby="security-heading">
            <h2 class="heading-m" id="security-heading">"Security"</h2>
            <dl class="summary-list">
                <Row term="Username" value=profile.username/>
                <Row term="Password" value=changed action=("Change Password", paths::CHANGE_PASSWORD)/>
                <Row
                    term="Secret Question"
                    value=profile.secret_question
                    action=("Update Your Secret Question", paths::PROFILE_SECRET_QUESTION)
                />
            </dl>
        </section>
        <crate::pages::two_step_setup::TwoStepSection/>
        <section class="profile-section" aria-labelledby="sessions-heading">
            <h2 class="heading-m" id="sessions-heading">"Sessions"</h2>
            <p class="body"><A href=paths::PROFILE_SESSIONS>"See where you are logged in"</A></p>
        </section>
        <section class="profile-section" aria-labelledby="activity-heading">
            <h2 class="heading-m" id="activity-heading">"Activity"</h2>
            <p class="body"><A href=paths::ACTIVITY>"View Activity"</A></p>
        </section>
        <section class="profile-section" aria-labelledby="delete-heading">
            <h2 class="heading-m" id="delete-heading">"Delete My Profile"</h2>
            <p class="body"><a href=paths::PROFILE_DELETE class="button button--warning">"Delete My Profile"</a></p>
        </section>
    }
}
