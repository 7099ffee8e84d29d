//! Rename (`/more/payment-channels/{id}/rename`) and Remove
//! (`…/{id}/remove`, confirmed first: it says what removing does).

use super::{bank_accounts, described, remove_bank_account, rename_bank_account};
use crate::{
    api::ApiError,
    components::{
        BackLink, ErrorSummary, FormError, FormState, Loaded, Submit, SubmitOrCancel, TextInput,
    },
    grants::{current_customer, refusal, NoBusiness},
    paths,
    session::use_flash,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use wire::payments::channels::{BankAccountRow, RenameBankAccountRequest};

lazy_page!(pub RenameBankAccountRoute in users => view! { <RequireSession><ChangePage remove=false/></RequireSession> });
lazy_page!(pub RemoveBankAccountRoute in users => view! { <RequireSession><ChangePage remove=true/></RequireSession> });

pub const RENAME_TITLE: &str = "Rename Bank Account";
pub const REMOVE_TITLE: &str = "Remove Bank Account";

fn back() -> AnyView {
    view! { <BackLink href=paths::PAYMENT_CHANNELS label="Back to Manage Payment Channels"/> }
        .into_any()
}

/// Shows `message` on Manage Payment Channels and goes there.
fn back_to_list() -> impl Fn(String) + Clone + 'static {
    let flash = use_flash();
    let navigate = use_navigate();
    move |message: String| {
        flash.show_on(paths::PAYMENT_CHANNELS, message);
        navigate(paths::PAYMENT_CHANNELS, Default::default());
    }
}

/// The bank account in the address, from the business's list; `None` when
/// it is not (or no longer) there.
fn use_bank_account(customer_id: i64) -> LocalResource<Result<Option<BankAccountRow>, ApiError>> {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    LocalResource::new(move || async move {
        let list = bank_accounts(customer_id).await?;
        Ok(list.accounts.into_iter().find(|row| Some(row.id) == id))
    })
}

#[component]
fn ChangePage(remove: bool) -> impl IntoView {
    let title = if remove { REMOVE_TITLE } else { RENAME_TITLE };
    let customer = current_customer();
    move || match customer.get() {
        None => view! { <Page title=title><NoBusiness/></Page> }.into_any(),
        Some(c) => {
            let customer_id = c.id;
            let account = use_bank_account(customer_id);
            view! {
                <Loaded data=account refused=refusal("You cannot see this business's bank accounts.")
                    view={move |row: Option<BankAccountRow>| match row {
                        None => view! { <crate::pages::NotFound/> }.into_any(),
                        Some(row) if remove => view! { <RemoveConfirm customer_id=customer_id row=row/> }.into_any(),
                        Some(row) => view! { <RenameForm customer_id=customer_id row=row/> }.into_any(),
                    }}/>
            }
            .into_any()
        }
    }
}

#[component]
fn RenameForm(customer_id: i64, row: BankAccountRow) -> impl IntoView {
    let form = FormState::new();
    let id = row.id;
    let nickname = RwSignal::new(row.nickname.clone());
    let done = back_to_list();
    let save = Submit::form(
        form,
        move |request: RenameBankAccountRequest| async move {
            rename_bank_account(customer_id, id, &request).await
        },
        move |renamed| {
            done(format!(
                "The bank account {} has been saved.",
                described(&renamed)
            ))
        },
    );
    let on_submit = save.on_submit(form, move || {
        let request = RenameBankAccountRequest {
            nickname: nickname.get_untracked(),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    let which = format!(
        "{} account {}, routing number {}.",
        row.kind.label(),
        row.account_masked,
        row.routing_number
    );
    view! {
        <Page title=RENAME_TITLE error=form.has_errors() before_title=move || view! { {back()} <ErrorSummary form=form/> }>
            <p class="body">{which}</p>
            <form class="form" novalidate on:submit=on_submit>
                <TextInput id="nickname" label="Nickname" value=nickname error=form.error_for("nickname")
                    hint="So you can tell your bank accounts apart." autocomplete="off" width_class="input--width-20"/>
                <SubmitOrCancel pending=save.pending() label="Save" cancel=paths::PAYMENT_CHANNELS/>
            </form>
        </Page>
    }
}

#[component]
fn RemoveConfirm(customer_id: i64, row: BankAccountRow) -> impl IntoView {
    let form = FormState::new();
    let id = row.id;
    let name = described(&row);
    let done = back_to_list();
    let gone = name.clone();
    let remove = Submit::form(
        form,
        move |()| remove_bank_account(customer_id, id),
        move |()| done(format!("The bank account {gone} has been removed.")),
    );
    let on_submit = remove.on_submit(form, || Ok(()));
    view! {
        <Page title=REMOVE_TITLE error=form.has_errors() before_title=move || view! { {back()} <ErrorSummary form=form/> }>
            <p class="body">{format!(
                "Remove the bank account {name}? It will no longer be offered for payments. Payments already made from it keep its name in their history. To use it again, add it again."
            )}</p>
            <form class="form" novalidate on:submit=on_submit>
                <SubmitOrCancel pending=remove.pending() label="Remove" cancel=paths::PAYMENT_CHANNELS warning=true/>
            </form>
        </Page>
    }
}
