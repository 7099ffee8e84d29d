//! Manage Payment Channels (`/more/payment-channels`): the current business's
//! bank accounts, each masked to its last four; Add, Rename and Remove for
//! those who manage the business's settings (the server decides; the list
//! says whether to offer them). The server's side is `server/src/payments/`.

pub mod add;
pub mod change;

use crate::{
    api::{self, ApiError},
    components::{empty_row, BackLink, Loaded, Table},
    format::date_us,
    grants::{current_customer, refusal, NoBusiness},
    paths,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::components::A;
use wire::payments::channels::{
    AddBankAccountRequest, BankAccountList, BankAccountRow, RenameBankAccountRequest,
};

// The pages load with the More... pages' module (`users`), where they are
// reached from: every module of its own adds its loader to the first download.
lazy_page!(pub PaymentChannelsRoute in users => view! { <RequireSession><PaymentChannelsPage/></RequireSession> });

pub const TITLE: &str = "Manage Payment Channels";

/// Seed 000's line for Payment Channels.
pub const INTRO: &str = "Manage my bank accounts used to make payments on the Taxpayer Portal.";

fn accounts_url(customer_id: i64) -> String {
    format!("/api/customers/{customer_id}/bank-accounts")
}

/// `GET /api/customers/{id}/bank-accounts`.
pub async fn bank_accounts(customer_id: i64) -> Result<BankAccountList, ApiError> {
    api::get_json(&accounts_url(customer_id)).await
}

/// `POST /api/customers/{id}/bank-accounts`.
pub async fn add_bank_account(
    customer_id: i64,
    request: &AddBankAccountRequest,
) -> Result<BankAccountRow, ApiError> {
    api::post_json_for(&accounts_url(customer_id), request).await
}

/// `PUT /api/customers/{id}/bank-accounts/{bank_account_id}`.
pub async fn rename_bank_account(
    customer_id: i64,
    id: i64,
    request: &RenameBankAccountRequest,
) -> Result<BankAccountRow, ApiError> {
    api::put_json_for(&format!("{}/{id}", accounts_url(customer_id)), request).await
}

/// `DELETE /api/customers/{id}/bank-accounts/{bank_account_id}`.
pub async fn remove_bank_account(customer_id: i64, id: i64) -> Result<(), ApiError> {
    api::delete(&format!("{}/{id}", accounts_url(customer_id))).await
}

fn back() -> AnyView {
    view! { <BackLink href=paths::MORE label="Back to More..."/> }.into_any()
}

/// "Operating account (****6789)": how a page names one bank account.
pub fn described(row: &BankAccountRow) -> String {
    format!("{} ({})", row.nickname, row.account_masked)
}

#[component]
pub fn PaymentChannelsPage() -> impl IntoView {
    let customer = current_customer();
    view! {
        <Page title=TITLE before_title=back>
            <p class="body">{INTRO}</p>
            {move || match customer.get() {
                None => view! { <NoBusiness/> }.into_any(),
                Some(c) => view! { <ChannelList customer_id=c.id legal_name=c.legal_name/> }.into_any(),
            }}
        </Page>
    }
}

#[component]
fn ChannelList(customer_id: i64, legal_name: String) -> impl IntoView {
    let list = LocalResource::new(move || bank_accounts(customer_id));
    let caption = format!("Bank accounts of {legal_name}");
    view! {
        <Loaded data=list refused=refusal("You cannot see this business's bank accounts.") view={move |list: BankAccountList| {
            let manage = list.may_manage;
            view! {
                {if manage {
                    view! { <p class="body"><a href=paths::PAYMENT_CHANNEL_ADD class="button">"Add a bank account"</a></p> }.into_any()
                } else {
                    view! { <p class="body">"Only a Master Administrator of the business, or a logon with All Access on every one of its tax accounts, can add, rename or remove its bank accounts."</p> }.into_any()
                }}
                <ChannelTable rows=list.accounts caption=caption.clone() manage=manage/>
            }
        }}/>
    }
}

#[component]
fn ChannelTable(rows: Vec<BankAccountRow>, caption: String, manage: bool) -> impl IntoView {
    let empty = rows.is_empty();
    let rows = rows
        .into_iter()
        .map(|row| {
            let which = format!(" {}", row.nickname);
            let which_too = which.clone();
            let actions = manage.then(|| view! {
                <ul class="table-actions">
                    <li><A href=paths::fill(paths::PAYMENT_CHANNEL_RENAME, &[row.id])>"Rename"<span class="visually-hidden">{which}</span></A></li>
                    <li><a href=paths::fill(paths::PAYMENT_CHANNEL_REMOVE, &[row.id]) class="button button--warning button--small">"Remove"<span class="visually-hidden">{which_too}</span></a></li>
                </ul>
            });
            view! {
                <tr class="table__row">
                    <th scope="row" class="table__header">{row.nickname}</th>
                    <td class="table__cell">{row.kind.label()}</td>
                    <td class="table__cell">{row.routing_number}</td>
                    <td class="table__cell">{row.account_masked}</td>
                    <td class="table__cell">{format!("{} by {}", date_us(row.added_at), row.added_by)}</td>
                    {manage.then(|| view! { <td class="table__cell">{actions}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table id="bank-accounts" caption=caption head=move || view! {
            <th scope="col" class="table__header">"Nickname"</th>
            <th scope="col" class="table__header">"Type"</th>
            <th scope="col" class="table__header">"Routing number"</th>
            <th scope="col" class="table__header">"Account number"</th>
            <th scope="col" class="table__header">"Added"</th>
            {manage.then(|| view! { <th scope="col" class="table__header"><span class="visually-hidden">"Actions"</span></th> })}
        }>
            {rows}
            {empty.then(|| empty_row(if manage { 6 } else { 5 }, "This business has no bank accounts yet."))}
        </Table>
    }
}
