//! Deny a request and Revoke a grant: confirmation pages. Both sides are told
//! by the server; the outcome is announced on the management page.

use super::{
    api, current_customer, form_errors,
    grants::only_masters,
    manage_path, manage_title,
    subject::{id_param, load_subject, Subject, Target},
    LoadRefusal, NoBusiness,
};
use crate::{
    components::{ErrorSummary, FormState, Loading},
    session::{use_flash, use_session},
    shell::Page,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate};
use wire::requests::RequestKind;

pub const DENY_TITLE: &str = "Deny request";
pub const REVOKE_TITLE: &str = "Revoke access";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Deny(i64),
    Revoke(i64),
}

impl Action {
    fn target(self) -> Target {
        match self {
            Action::Deny(id) => Target::Request(id),
            Action::Revoke(id) => Target::Grant(id),
        }
    }
}

#[component]
pub fn DenyPage(kind: RequestKind) -> impl IntoView {
    let action = id_param("request_id").map(Action::Deny);
    view! { <ConfirmPage kind=kind action=action/> }
}

#[component]
pub fn RevokePage(kind: RequestKind) -> impl IntoView {
    let action = id_param("grant_id").map(Action::Revoke);
    view! { <ConfirmPage kind=kind action=action/> }
}

#[component]
fn ConfirmPage(kind: RequestKind, action: Option<Action>) -> impl IntoView {
    let customer = current_customer();
    let form = FormState::new();
    let title = match action {
        Some(Action::Revoke(_)) => REVOKE_TITLE,
        _ => DENY_TITLE,
    };
    view! {
        <Page title=title error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match (customer.get(), action) {
                (None, _) => view! { <NoBusiness/> }.into_any(),
                (Some(c), action) => view! {
                    <Loaded kind=kind action=action customer_id=c.id legal_name=c.legal_name form=form/>
                }
                .into_any(),
            }}
        </Page>
    }
}

#[component]
fn Loaded(
    kind: RequestKind,
    action: Option<Action>,
    customer_id: i64,
    legal_name: String,
    form: FormState,
) -> impl IntoView {
    let data = LocalResource::new(move || async move {
        match action {
            Some(action) => load_subject(customer_id, kind, action.target()).await,
            None => Ok(None),
        }
    });
    let retry = Callback::new(move |_| data.refetch());
    let forbidden = only_masters(kind, &legal_name);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let forbidden = forbidden.clone();
                let legal_name = legal_name.clone();
                Suspend::new(async move {
                    match (data.await, action) {
                        (Ok(Some(named)), Some(action)) => view! {
                            <Confirm kind=kind action=action customer_id=customer_id named=named legal_name=legal_name form=form/>
                        }
                        .into_any(),
                        (Err(error), _) => view! { <LoadRefusal error=error forbidden=forbidden on_retry=retry/> }
                            .into_any(),
                        _ => view! {
                            <div class="notice notice--problem">
                                <p class="body">"We could not find that. It may have been decided already, have lapsed, or have been revoked."</p>
                            </div>
                            <p class="body"><A href=manage_path(kind)>{format!("Go back to {}", manage_title(kind))}</A></p>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Confirm(
    kind: RequestKind,
    action: Action,
    customer_id: i64,
    named: Subject,
    legal_name: String,
    form: FormState,
) -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let label = named.firm.clone().unwrap_or_else(|| named.who.clone());
    let (question, consequence, button, done) = match action {
        Action::Deny(_) => (
            format!("Deny the request from {} to act for {legal_name}?", named.who),
            "They will be told that you denied it. They can ask again.".to_owned(),
            "Deny request",
            format!("You denied the request from {}.", named.who),
        ),
        Action::Revoke(_) => (
            format!("Revoke the access of {label} to {legal_name}?"),
            match named.firm {
                Some(_) => "It takes effect at once for the firm and all its secondary logons. They will be told. To act for this business again they must ask again.".to_owned(),
                None => "It takes effect at once. They will be told. To act for this business again they must ask again.".to_owned(),
            },
            "Revoke access",
            format!("You revoked the access of {label}."),
        ),
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        let done = done.clone();
        spawn_local(async move {
            let result = match action {
                Action::Deny(id) => api::deny(customer_id, id).await,
                Action::Revoke(id) => api::revoke(customer_id, id).await,
            };
            match result {
                Ok(()) => {
                    flash.show_on(manage_path(kind), done);
                    navigate(manage_path(kind), Default::default());
                }
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => form.fail(form_errors(&error, &[])),
            }
            pending.set(false);
        });
    };
    view! {
        <p class="body">{question}</p>
        <div class="notice notice--problem">
            <p class="body">{consequence}</p>
        </div>
        <form class="form" novalidate on:submit=submit>
            <div class="button-group">
                <button type="submit" class="button button--warning" aria-disabled=move || pending.get().then_some("true")>
                    {button}
                </button>
                <A href=manage_path(kind)>"Cancel"</A>
            </div>
        </form>
    }
}
