//! `/more/payment-channels/add`: Add a bank account. The account number is
//! typed twice; the shared rules (`wire::payments::channels`) check every
//! box before anything is sent, and the server checks them again. The form's
//! key is made once, so a double submit adds one account.

use super::{add_bank_account, described};
use crate::{
    components::{
        Choice, ErrorSummary, FormError, FormState, RadioGroup, Submit, SubmitOrCancel, TextInput,
    },
    grants::{current_customer, NoBusiness},
    paths,
    session::use_flash,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wire::payments::channels::{AddBankAccountRequest, BankAccountKind};

lazy_page!(pub AddBankAccountRoute in users => view! { <RequireSession><AddBankAccountPage/></RequireSession> });

pub const TITLE: &str = "Add a Bank Account";

/// A key for one Add form: the time and a random number, unlikely to repeat.
fn form_key() -> String {
    format!(
        "{:x}-{:x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e15) as u64
    )
}

#[component]
pub fn AddBankAccountPage() -> impl IntoView {
    let customer = current_customer();
    move || match customer.get() {
        None => view! { <Page title=TITLE><NoBusiness/></Page> }.into_any(),
        Some(c) => view! { <AddForm customer_id=c.id/> }.into_any(),
    }
}

#[component]
fn AddForm(customer_id: i64) -> impl IntoView {
    let form = FormState::new();
    let key = form_key();
    let nickname = RwSignal::new(String::new());
    let routing = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<String>);
    let flash = use_flash();
    let navigate = use_navigate();
    let save = Submit::form(
        form,
        move |request: AddBankAccountRequest| async move {
            add_bank_account(customer_id, &request).await
        },
        move |added| {
            flash.show_on(
                paths::PAYMENT_CHANNELS,
                format!("The bank account {} has been added.", described(&added)),
            );
            navigate(paths::PAYMENT_CHANNELS, Default::default());
        },
    );
    let on_submit = save.on_submit(form, move || {
        let request = AddBankAccountRequest {
            nickname: nickname.get_untracked(),
            routing_number: routing.get_untracked(),
            account_number: number.get_untracked(),
            confirm_account_number: confirm.get_untracked(),
            kind: kind.get_untracked().unwrap_or_default(),
            idempotency_key: key.clone(),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    let kinds = BankAccountKind::ALL
        .into_iter()
        .map(|k| Choice::new(k.code(), k.label()))
        .collect::<Vec<_>>();
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! {
            <crate::components::BackLink href=paths::PAYMENT_CHANNELS label="Back to Manage Payment Channels"/>
            <ErrorSummary form=form/>
        }>
            <form class="form" novalidate on:submit=on_submit>
                <TextInput id="nickname" label="Nickname" value=nickname error=form.error_for("nickname")
                    hint="So you can tell your bank accounts apart, for example Operating account."
                    autocomplete="off" width_class="input--width-20"/>
                <TextInput id="routing_number" label="Routing number" value=routing error=form.error_for("routing_number")
                    hint="The 9 digits at the bottom left of a check."
                    autocomplete="off" inputmode="numeric" no_spellcheck=true width_class="input--width-10"/>
                <TextInput id="account_number" label="Account number" value=number error=form.error_for("account_number")
                    hint="4 to 17 digits, after the routing number on a check."
                    autocomplete="off" inputmode="numeric" no_spellcheck=true width_class="input--width-20"/>
                <TextInput id="confirm_account_number" label="Confirm account number" value=confirm
                    error=form.error_for("confirm_account_number") hint="Type the account number again."
                    autocomplete="off" inputmode="numeric" no_spellcheck=true width_class="input--width-20"/>
                <RadioGroup id="kind" legend="Type of account" options=kinds selected=kind error=form.error_for("kind") inline=true/>
                <SubmitOrCancel pending=save.pending() label="Save" cancel=paths::PAYMENT_CHANNELS/>
            </form>
        </Page>
    }
}
