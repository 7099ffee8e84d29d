//! `/more/access/add`: "Add Access to Another Business". The requester names
//! the business and proves they know it with one fact only it and the agency
//! share; the answer is either access at once (the business had no Master
//! Administrator) or a request sent to its Master Administrators.

use super::api;
use crate::{
    components::{
        Choice, ErrorSummary, FormError, FormState, MoneyInput, RadioGroup, Reveal, Submit,
        SubmitButton, TextInput,
    },
    paths,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::grants::{
    AccessRequestForm, AccessRequestResult, FactKind, RequestKind, RequestOutcome, REQUEST_DAYS,
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub AddAccessRoute in grants => view! { <RequireSession><AddAccessPage/></RequireSession> });

pub const TITLE: &str = "Add Access to Another Business";

const FACT_LETTER: &str = "letter_id";
const FACT_PAYMENT: &str = "payment_amount";

fn fact_kind(code: Option<String>) -> Option<FactKind> {
    match code.as_deref() {
        Some(FACT_LETTER) => Some(FactKind::LetterId),
        Some(FACT_PAYMENT) => Some(FactKind::PaymentAmount),
        _ => None,
    }
}

#[component]
pub fn AddAccessPage() -> impl IntoView {
    let result = RwSignal::new(None::<AccessRequestResult>);
    let reg_number = RwSignal::new(String::new());
    move || match result.get() {
        None => view! { <RequestForm result=result reg_number=reg_number/> }.into_any(),
        Some(done) => {
            view! { <RequestResult result=done reg_number=reg_number.get_untracked()/> }.into_any()
        }
    }
}

#[component]
fn RequestForm(
    result: RwSignal<Option<AccessRequestResult>>,
    reg_number: RwSignal<String>,
) -> impl IntoView {
    let form = FormState::new();
    let legal_name = RwSignal::new(String::new());
    let fact = RwSignal::new(None::<String>);
    let letter_id = RwSignal::new(String::new());
    let payment_amount = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<String>);
    // The session is not refreshed here: a new session view re-creates the
    // page under RequireSession, losing this result. "Work on … now" brings
    // the session up to date.
    let send = Submit::form(
        form,
        |request: AccessRequestForm| async move { api::request_access(&request).await },
        move |done| result.set(Some(done)),
    );
    let on_submit = send.on_submit(form, move || {
        let request = AccessRequestForm {
            reg_number: reg_number.get_untracked(),
            legal_name: legal_name.get_untracked(),
            fact_kind: fact_kind(fact.get_untracked()),
            letter_id: letter_id.get_untracked(),
            payment_amount: payment_amount.get_untracked(),
            kind: kind
                .get_untracked()
                .as_deref()
                .and_then(RequestKind::from_code),
        };
        // Field names are the boxes' ids (a radio group's first radio).
        let details = request.parse().map_err(FormError::all)?;
        // The result page's "work on it now" finds the business by its number.
        reg_number.set(details.reg_number.as_str().to_owned());
        Ok(request)
    });
    let facts = vec![
        Choice::new(FACT_LETTER, "Letter ID from one of its letters"),
        Choice::new(
            FACT_PAYMENT,
            "Amount of one of its payments in the last 12 months",
        ),
    ];
    let reveals = vec![
        Reveal::new(FACT_LETTER, move || {
            view! {
                <TextInput
                    id="letter_id"
                    label="Letter ID"
                    hint="Printed at the top of the letter, for example L0001234567."
                    value=letter_id
                    error=form.error_for("letter_id")
                    autocomplete="off"
                    no_spellcheck=true
                    width_class="input--width-10"
                />
            }
        }),
        Reveal::new(FACT_PAYMENT, move || {
            view! {
                <MoneyInput
                    id="payment_amount"
                    label="Payment amount, in dollars"
                    hint="The exact amount, for example 1250.00."
                    value=payment_amount
                    error=form.error_for("payment_amount")
                />
            }
        }),
    ];
    let kinds = [RequestKind::Additional, RequestKind::ThirdParty]
        .into_iter()
        .map(|k| Choice::new(k.code(), k.label()))
        .collect::<Vec<_>>();
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <p class="body">
                "Ask for access to a business you work for or prepare taxes for. If the business already has a Master Administrator, they decide."
            </p>
            <form class="form" novalidate on:submit=on_submit>
                <TextInput
                    id="reg_number"
                    label="CT Tax Registration Number"
                    hint="11 digits, for example 21422144000."
                    value=reg_number
                    error=form.error_for("reg_number")
                    inputmode="numeric"
                    autocomplete="off"
                    no_spellcheck=true
                    width_class="input--width-10"
                />
                <TextInput
                    id="legal_name"
                    label="Legal name"
                    hint="As it appears on letters from the agency."
                    value=legal_name
                    error=form.error_for("legal_name")
                    autocomplete="organization"
                    width_class="input--width-20"
                />
                <RadioGroup
                    id="fact_kind"
                    legend="How will you show you know this business?"
                    options=facts
                    reveals=reveals
                    selected=fact
                    error=form.error_for("fact_kind")
                />
                <RadioGroup
                    id="kind"
                    legend="What are you to this business?"
                    options=kinds
                    selected=kind
                    error=form.error_for("kind")
                />
                <SubmitButton pending=send.pending()>"Send request"</SubmitButton>
            </form>
            <p class="body"><A href=paths::MY_ACCESS>"Cancel and go back to Manage Your Access"</A></p>
        </Page>
    }
}

#[component]
fn RequestResult(result: AccessRequestResult, reg_number: String) -> impl IntoView {
    let granted = result.outcome == RequestOutcome::Granted;
    let (title, sentence, next) = match result.outcome {
        RequestOutcome::Granted => (
            "Access granted",
            format!("You are now the Master Administrator of {}.", result.legal_name),
            "It is listed on Manage Your Access, and you can work on it from your Summary.",
        ),
        RequestOutcome::Pending => (
            "Request sent",
            format!(
                "Your request was sent to {}'s Master Administrators. It lapses after {REQUEST_DAYS} days if nobody decides.",
                result.legal_name
            ),
            "You will get a message when it is decided. Your requests are listed on Manage Your Access.",
        ),
    };
    view! {
        <Page title=title>
            <div class="notice">
                <p class="body">{sentence}</p>
            </div>
            <p class="body">{next}</p>
            {granted.then(|| view! { <WorkOnIt reg_number=reg_number legal_name=result.legal_name.clone()/> })}
            <p class="body"><A href=paths::MY_ACCESS>"Go to Manage Your Access"</A></p>
        </Page>
    }
}

/// After a claim: switch to the business and open its Summary.
#[component]
fn WorkOnIt(reg_number: String, legal_name: String) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let go = crate::customers::switching(
        |reg_number: String| async move { api::work_on(&reg_number).await },
        problem,
    );
    view! {
        <div role="alert">
            {move || problem.get().map(|text| view! { <p class="error-message">{text}</p> })}
        </div>
        <button type="button" class="button" on:click=move |_| go.dispatch(reg_number.clone()) aria-disabled=go.busy()>
            {format!("Work on {legal_name} now")}
        </button>
    }
}
