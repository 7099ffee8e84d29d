//! `/profile`: "Manage My Profile", read-only for now.

use crate::{
    api,
    components::{LoadError, Loading},
    format::long_local_date,
    session::use_session,
    shell::Page,
};
use leptos::prelude::*;
use wire::profile::ProfileView;

pub const TITLE: &str = "Manage My Profile";
pub const PHONE_NOT_GIVEN: &str = "Not given";

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

/// One term and its value; the space keeps the row's text readable as one line.
#[component]
fn Row(#[prop(into)] term: String, #[prop(into)] value: String) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{term}</dt>
            " "
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

#[component]
fn ProfileDetails(profile: ProfileView) -> impl IntoView {
    let changed = long_local_date(profile.password_changed_at)
        .map(|date| format!("Last changed {date}"))
        .unwrap_or_else(|| "Set".to_owned());
    view! {
        <section class="profile-section" aria-labelledby="profile-heading">
            <h2 class="heading-m" id="profile-heading">"Profile"</h2>
            <dl class="summary-list">
                <Row term="Name" value=profile.name/>
                <Row term="Email" value=profile.email/>
                <Row term="Phone Number" value=profile.phone.unwrap_or_else(|| PHONE_NOT_GIVEN.to_owned())/>
            </dl>
        </section>
        <section class="profile-section" aria-labelledby="security-heading">
            <h2 class="heading-m" id="security-heading">"Security"</h2>
            <dl class="summary-list">
                <Row term="Username" value=profile.username/>
                <Row term="Password" value=changed/>
                <Row term="Secret Question" value=profile.secret_question/>
            </dl>
        </section>
    }
}
