//! `/profile`: "Manage My Profile": each detail with the action that changes it.

use crate::{
    api,
    components::{LoadError, Loading},
    format::date_long,
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::profile::ProfileView;

pub const TITLE: &str = "Manage My Profile";
pub const PHONE_NOT_GIVEN: &str = "Not given";

lazy_page!(pub ProfileRoute in profile => view! { <RequireSession><ProfilePage/></RequireSession> });

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    let profile = LocalResource::new(api::profile);
    let retry = Callback::new(move |_| profile.refetch());
    view! {
        <Page title=TITLE>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(profile) => view! { <ProfileDetails profile=profile/> }.into_any(),
                        Err(error) if error.is_unauthorized() => {
                            session.expired();
                            view! { <Loading/> }.into_any()
                        }
                        Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                    }
                })}
            </Suspense>
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
                <Row term="Name" value=profile.name action=("Update Name", "/profile/name")/>
                <Row term="Email" value=profile.email action=("Change Email", "/profile/email")/>
                <Row
                    term="Phone Number"
                    value=profile.phone.unwrap_or_else(|| PHONE_NOT_GIVEN.to_owned())
                    action=("Edit Phone Number", "/profile/phone")
                />
            </dl>
            {pending.map(|text| view! { <p class="body">{text}</p> })}
        </section>
        <section class="profile-section" aria-labelledby="security-heading">
            <h2 class="heading-m" id="security-heading">"Security"</h2>
            <dl class="summary-list">
                <Row term="Username" value=profile.username/>
                <Row term="Password" value=changed action=("Change Password", "/change-password")/>
                <Row
                    term="Secret Question"
                    value=profile.secret_question
                    action=("Update Your Secret Question", "/profile/secret-question")
                />
            </dl>
        </section>
        <crate::pages::two_step_setup::TwoStepSection/>
        <section class="profile-section" aria-labelledby="sessions-heading">
            <h2 class="heading-m" id="sessions-heading">"Sessions"</h2>
            <p class="body"><A href="/profile/sessions">"See where you are logged in"</A></p>
        </section>
        <section class="profile-section" aria-labelledby="activity-heading">
            <h2 class="heading-m" id="activity-heading">"Activity"</h2>
            <p class="body"><A href="/activity">"View Activity"</A></p>
        </section>
        <section class="profile-section" aria-labelledby="delete-heading">
            <h2 class="heading-m" id="delete-heading">"Delete My Profile"</h2>
            <p class="body"><A href="/profile/delete">"Delete My Profile"</A></p>
        </section>
    }
}
