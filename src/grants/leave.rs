//! `/more/access/{customer_id}/leave`: the confirmation before a logon gives
//! up its own access to a business. It cannot be undone; the server refuses
//! the last Master Administrator, and that reason is shown here.

use super::{api, form_errors, LoadRefusal, MY_ACCESS_PATH};
use crate::{
    components::{ErrorSummary, FormState, Loading},
    session::{use_flash, use_session},
    shell::Page,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
};

pub const TITLE: &str = "Leave a business";

#[component]
pub fn LeavePage() -> impl IntoView {
    let params = use_params_map();
    let customer_id = params
        .read_untracked()
        .get("customer_id")
        .and_then(|id| id.parse::<i64>().ok());
    let form = FormState::new();
    let summary = LocalResource::new(move || async move {
        match customer_id {
            Some(id) => api::customer_summary(id).await.map(Some),
            None => Ok(None),
        }
    });
    let retry = Callback::new(move |_| summary.refetch());
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match (summary.await, customer_id) {
                        (Ok(Some(summary)), Some(id)) => view! {
                            <Confirm form=form customer_id=id legal_name=summary.customer.legal_name/>
                        }
                        .into_any(),
                        (Err(error), _) => view! {
                            <LoadRefusal error=error forbidden="You cannot leave this business." on_retry=retry/>
                        }
                        .into_any(),
                        _ => view! { <crate::pages::NotFound/> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Confirm(form: FormState, customer_id: i64, legal_name: String) -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let name = legal_name.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        let name = name.clone();
        spawn_local(async move {
            match api::leave(customer_id).await {
                Ok(()) => {
                    // The logon reaches one business fewer (maybe the current one).
                    super::refresh_session(session);
                    flash.show_on(MY_ACCESS_PATH, format!("You have left {name}."));
                    navigate(MY_ACCESS_PATH, Default::default());
                }
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => form.fail(form_errors(&error, &[])),
            }
            pending.set(false);
        });
    };
    view! {
        <p class="body">{format!("You are about to leave {legal_name}.")}</p>
        <div class="notice notice--problem">
            <p class="body">
                "This cannot be undone. You will no longer be able to act for this business; to act for it again you must ask for access again."
            </p>
        </div>
        <form class="form" novalidate on:submit=submit>
            <div class="button-group">
                <button type="submit" class="button button--warning" aria-disabled=move || pending.get().then_some("true")>
                    {format!("Leave {legal_name}")}
                </button>
                <A href=MY_ACCESS_PATH>"Cancel"</A>
            </div>
        </form>
    }
}
