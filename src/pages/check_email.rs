//! `/check-email`: "Check your email", after Create a logon and after a
//! right password for a logon whose email address is not confirmed yet. The
//! server knows this browser by an HttpOnly cookie (server auth::pending): the
//! page shows where the link went (masked) and can send it again.

use crate::lazy::lazy_page;
use crate::{
    api,
    components::{ErrorSummary, FormState, Loaded, Problem, Submit, SubmitButton},
    paths,
    shell::Page,
};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::registration::{Notice, PendingConfirmation};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub CheckEmailRoute in account => view! { <CheckEmailPage/> });

pub const TITLE: &str = "Check your email";

#[component]
pub fn CheckEmailPage() -> impl IntoView {
    let form = FormState::new();
    let pending = LocalResource::new(api::pending_confirmation);
    // A page past its hour (or opened without registering) says how to go on.
    let refused = Callback::new(|error: api::ApiError| {
        (error.status() == Some(410)).then(|| {
            view! {
                <Problem message=error.message()>
                    <p class="body"><A href=paths::SIGN_IN>"Go to Log In"</A></p>
                    <p class="body"><A href=paths::REGISTER>"Create a logon"</A></p>
                </Problem>
            }
            .into_any()
        })
    });
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <Loaded data=pending refused=refused view=move |pending: PendingConfirmation| view! {
                <Pending form=form email=pending.email/>
            }/>
        </Page>
    }
}

#[component]
fn Pending(form: FormState, email: String) -> impl IntoView {
    let resent = RwSignal::new(None::<String>);
    let resend = Submit::form(
        form,
        |_: ()| async move { api::resend_confirmation().await },
        move |notice: Notice| resent.set(Some(notice.message)),
    );
    let on_submit = resend.on_submit(form, || Ok(()));
    view! {
        <p class="body">
            "We have sent a link to confirm your email address to "
            <strong>{email}</strong>"."
        </p>
        <p class="body">
            "Open the link in that email to finish creating your logon, then log in. The link works once and expires in 24 hours. If the username you chose was already in use, the email says so instead."
        </p>
        // Said where it is, without taking focus from the button just pressed.
        <div role="status">
            {move || resent.get().map(|message| view! { <div class="notice"><p class="body">{message}</p></div> })}
        </div>
        <h2 class="heading-m">"Not there?"</h2>
        <p class="body">"It can take a few minutes to arrive. Check your spam or junk folder too."</p>
        <form class="form" novalidate on:submit=on_submit>
            <SubmitButton pending=resend.pending()>"Resend the link"</SubmitButton>
        </form>
        <p class="body">"Wrong address? "<A href=paths::REGISTER>"Start again"</A></p>
        <p class="body"><A href=paths::SIGN_IN>"Go to Log In"</A></p>
    }
}
