//! Deny a request, and end a grant: Cancel Access for an additional logon
//! (seed 002: "Once access is canceled, it cannot be undone"), Revoke for a
//! third party. Confirmation pages; both sides are told by the server, and the
//! outcome is announced on the management page.

use super::{
    api, current_customer,
    manage::only_masters,
    manage_path, refusal,
    subject::{id_param, load_subject, Subject, Target},
    Gone, NoBusiness,
};
use crate::{
    components::{ErrorSummary, FormState, Loaded, Problem, Submit, SubmitOrCancel},
    session::use_flash,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wire::grants::RequestKind;

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub DenyAdditionalRoute in grants => view! { <RequireSession><DenyPage kind=RequestKind::Additional/></RequireSession> });
lazy_page!(pub DenyThirdPartyRoute in grants => view! { <RequireSession><DenyPage kind=RequestKind::ThirdParty/></RequireSession> });
lazy_page!(pub RevokeAdditionalRoute in grants => view! { <RequireSession><RevokePage kind=RequestKind::Additional/></RequireSession> });
lazy_page!(pub RevokeThirdPartyRoute in grants => view! { <RequireSession><RevokePage kind=RequestKind::ThirdParty/></RequireSession> });

pub const DENY_TITLE: &str = "Deny request";
pub const REVOKE_TITLE: &str = "Revoke access";
pub const CANCEL_TITLE: &str = "Cancel Access";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Deny(i64),
    /// Cancel Access or Revoke, by kind.
    End(i64),
}

impl Ending {
    fn target(self) -> Target {
        match self {
            Ending::Deny(id) => Target::Request(id),
            Ending::End(id) => Target::Grant(id),
        }
    }
}

#[component]
pub fn DenyPage(kind: RequestKind) -> impl IntoView {
    let ending = id_param("request_id").map(Ending::Deny);
    view! { <ConfirmPage kind=kind ending=ending/> }
}

/// Revoke (a third party) or Cancel Access (an additional logon).
#[component]
pub fn RevokePage(kind: RequestKind) -> impl IntoView {
    let ending = id_param("grant_id").map(Ending::End);
    view! { <ConfirmPage kind=kind ending=ending/> }
}

#[component]
fn ConfirmPage(kind: RequestKind, ending: Option<Ending>) -> impl IntoView {
    let customer = current_customer();
    let form = FormState::new();
    let title = match (ending, kind) {
        (Some(Ending::End(_)), RequestKind::Additional) => CANCEL_TITLE,
        (Some(Ending::End(_)), RequestKind::ThirdParty) => REVOKE_TITLE,
        _ => DENY_TITLE,
    };
    view! {
        <Page title=title error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match (customer.get(), ending) {
                (None, _) => view! { <NoBusiness/> }.into_any(),
                (Some(_), None) => view! { <Gone kind=kind/> }.into_any(),
                (Some(c), Some(ending)) => {
                    let subject = LocalResource::new(move || load_subject(c.id, kind, ending.target()));
                    let legal_name = c.legal_name.clone();
                    view! {
                        <Loaded data=subject refused=refusal(only_masters(kind, &c.legal_name)) view={move |named: Option<Subject>| {
                            match named {
                                Some(named) => view! {
                                    <Confirm kind=kind ending=ending customer_id=c.id named=named legal_name=legal_name.clone() form=form/>
                                }
                                .into_any(),
                                None => view! { <Gone kind=kind/> }.into_any(),
                            }
                        }}/>
                    }
                    .into_any()
                }
            }}
        </Page>
    }
}

/// What the page asks, what happens, the button, and what the management
/// page says afterwards.
fn words(
    kind: RequestKind,
    ending: Ending,
    named: &Subject,
    legal_name: &str,
) -> (String, String, &'static str, String) {
    let label = named.firm.clone().unwrap_or_else(|| named.who.clone());
    match (ending, kind) {
        (Ending::Deny(_), _) => (
            format!("Deny the request from {} to act for {legal_name}?", named.who),
            "They will be told that you denied it. They can ask again.".to_owned(),
            "Deny request",
            format!("You denied the request from {}.", named.who),
        ),
        (Ending::End(_), RequestKind::Additional) => (
            format!("Cancel the access of {label} to {legal_name}?"),
            format!("Once access is canceled, it cannot be undone. {label} will have to be granted access again. It takes effect at once, and they will be told."),
            CANCEL_TITLE,
            format!("You canceled the access of {label}."),
        ),
        (Ending::End(_), RequestKind::ThirdParty) => (
            format!("Revoke the access of {label} to {legal_name}?"),
            "It takes effect at once for the firm and all its secondary logons. They will be told. To act for this business again they must ask again.".to_owned(),
            REVOKE_TITLE,
            format!("You revoked the access of {label}."),
        ),
    }
}

#[component]
fn Confirm(
    kind: RequestKind,
    ending: Ending,
    customer_id: i64,
    named: Subject,
    legal_name: String,
    form: FormState,
) -> impl IntoView {
    let flash = use_flash();
    let navigate = use_navigate();
    let (question, consequence, button, done) = words(kind, ending, &named, &legal_name);
    let end = Submit::form(
        form,
        move |()| async move {
            match ending {
                Ending::Deny(id) => api::deny(customer_id, id).await,
                Ending::End(id) => api::revoke(customer_id, id).await,
            }
        },
        move |()| {
            flash.show_on(manage_path(kind), done.clone());
            navigate(manage_path(kind), Default::default());
        },
    );
    let on_submit = end.on_submit(form, || Ok(()));
    // "Cancel" beside "Cancel Access" would be read as the same thing.
    let back = match (ending, kind) {
        (Ending::End(_), RequestKind::Additional) => "Go back",
        _ => "Cancel",
    };
    view! {
        <p class="body">{question}</p>
        <Problem message=consequence/>
        <form class="form" novalidate on:submit=on_submit>
            <SubmitOrCancel pending=end.pending() label=button cancel=manage_path(kind) cancel_label=back warning=true/>
        </form>
    }
}
