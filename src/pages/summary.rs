//! `/summary`: the business and a card per tax account.

use crate::{
    api::{self, ApiError},
    components::{LoadError, Loaded},
    format::last_sign_in_sentence,
    paths,
    session::use_session,
    shell::Page,
};
use leptos::prelude::*;
use wire::{
    ids::TinKind,
    summary::{AccountCard, CustomerHeader, ReturnStatus, Summary},
    tax::AccountStatus,
};

pub const TITLE: &str = "Summary";
pub const NO_BUSINESS: &str = "Your logon does not have access to any business yet.";
/// A logon that reaches businesses but has none chosen (its last one went away).
pub const CHOOSE_BUSINESS: &str = "Choose the business to work on from your customers.";

#[component]
pub fn SummaryPage() -> impl IntoView {
    let session = use_session();
    let customer_id = Memo::new(move |_| {
        session
            .view()
            .and_then(|view| view.current_customer)
            .map(|customer| customer.id)
    });
    let previous_sign_in = Memo::new(move |_| session.view().and_then(|v| v.previous_sign_in_at));
    let reaches_any = Memo::new(move |_| session.view().is_some_and(|v| v.customer_count > 0));

    view! {
        <Page title=TITLE>
            {move || match customer_id.get() {
                None => view! {
                    <p class="last-sign-in">{last_sign_in_sentence(previous_sign_in.get_untracked())}</p>
                    {move || if reaches_any.get() {
                        view! {
                            <p class="body">
                                {CHOOSE_BUSINESS}" "<a href=paths::CUSTOMERS>"Go to Customers"</a>
                            </p>
                        }
                        .into_any()
                    } else {
                        view! { <NextStep/> }.into_any()
                    }}
                }
                .into_any(),
                Some(id) => view! { <CustomerSummary id=id previous_sign_in=previous_sign_in.get_untracked()/> }
                    .into_any(),
            }}
        </Page>
    }
}

/// A new logon's next step: Add Access to Another Business, and what to have
/// ready for it (issue 14 §2), so the Summary is never a dead end.
#[component]
fn NextStep() -> impl IntoView {
    view! {
        <p class="body">{NO_BUSINESS}</p>
        <p class="body">
            "To ask for access, have ready the business's CT Tax Registration Number and either a Letter ID from a letter we sent it or the amount of a recent payment."
        </p>
        <p class="body"><a class="button" href=paths::ADD_ACCESS>"Get access to a business"</a></p>
        <p class="body">
            "Tax preparers ask for each client the same way: "
            <a href=paths::ADD_ACCESS>"ask for access to a client"</a>"."
        </p>
    }
}

fn load_error_message(error: &ApiError) -> String {
    match error.status() {
        Some(404) => "We could not find that business.".to_owned(),
        _ => error.message(),
    }
}

#[component]
fn CustomerSummary(id: i64, previous_sign_in: Option<i64>) -> impl IntoView {
    let summary = LocalResource::new(move || api::summary(id));
    let retry = Callback::new(move |_| summary.refetch());
    let refused = Callback::new(move |error: ApiError| {
        Some(view! { <LoadError message=load_error_message(&error) on_retry=retry/> }.into_any())
    });
    view! {
        <Loaded data=summary refused=refused view={move |summary| {
            view! { <SummaryView summary=summary previous_sign_in=previous_sign_in/> }
        }}/>
    }
}

#[component]
fn SummaryView(summary: Summary, previous_sign_in: Option<i64>) -> impl IntoView {
    let Summary { customer, accounts } = summary;
    let cards = if accounts.is_empty() {
        view! { <p class="body">"This business has no tax accounts yet."</p> }.into_any()
    } else {
        view! {
            <ul class="account-cards">
                {accounts
                    .into_iter()
                    .map(|account| view! { <li><AccountCardView account=account/></li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p class="last-sign-in">{last_sign_in_sentence(previous_sign_in)}</p>
        <BusinessBand customer=customer/>
        {cards}
    }
}

/// The band with the business's name, numbers and address.
#[component]
fn BusinessBand(customer: CustomerHeader) -> impl IntoView {
    view! {
        <section class="business-band" aria-labelledby="business-name">
            <h2 class="business-band__name" id="business-name">{customer.legal_name}</h2>
            <dl class="facts">
                <div class="facts__row">
                    <dt>"CT Tax Registration Number"</dt>
                    " "
                    <dd>{customer.reg_number}</dd>
                </div>
                <div class="facts__row">
                    <dt>"Address"</dt>
                    " "
                    <dd>{customer.address.one_line()}</dd>
                </div>
                <div class="facts__row">
                    <dt>{match customer.tin_kind { TinKind::Fein => "FEIN", TinKind::Ssn => "SSN" }}</dt>
                    " "
                    <dd>{customer.masked_tin}</dd>
                </div>
            </dl>
        </section>
    }
}

#[component]
fn AccountCardView(account: AccountCard) -> impl IntoView {
    let heading_id = format!("account-{}-heading", account.account_id);
    let detail = account.tax_type.detail();
    let period = account.current_period.clone();
    let labelled_by = heading_id.clone();
    view! {
        <article class="account-card" aria-labelledby=labelled_by>
            <h2 class="account-card__title" id=heading_id>
                {account.tax_type.label()}
                {detail.map(|d| view! { " " <span class="account-card__detail">{d}</span> })}
            </h2>
            <dl class="facts">
                {period.clone().map(|p| view! {
                    <div class="facts__row">
                        <dt>"Return Period Ending On"</dt>
                        " "
                        <dd>{p.period_end.to_us()}</dd>
                    </div>
                    <div class="facts__row">
                        <dt>"Due"</dt>
                        " "
                        <dd>{p.due_date.to_us()}</dd>
                    </div>
                })}
                <div class="facts__row">
                    <dt>"Filing Frequency"</dt>
                    " "
                    <dd>{account.frequency.filer_label(account.tax_type)}</dd>
                </div>
                <div class="facts__row">
                    <dt>"Account ID"</dt>
                    " "
                    <dd>{account.account_id.clone()}</dd>
                </div>
                <div class="facts__row">
                    <dt>"Balance"</dt>
                    " "
                    <dd>{account.balance.to_string()}</dd>
                </div>
                {(account.status != AccountStatus::Active).then(|| view! {
                    <div class="facts__row">
                        <dt>"Status"</dt>
                        " "
                        <dd>{account.status.label()}</dd>
                    </div>
                })}
            </dl>
            {match period {
                Some(p) => {
                    let class = match p.return_status {
                        ReturnStatus::Filed => "tag tag--done",
                        ReturnStatus::Overdue => "tag tag--todo",
                        ReturnStatus::PeriodOpen | ReturnStatus::Due => "tag tag--neutral",
                    };
                    view! { <p class=class>{p.return_status.label()}</p> }.into_any()
                }
                None => view! { <p class="body">"No return periods yet."</p> }.into_any(),
            }}
            // File Now only for a caller with the file right: the earliest unfiled period.
            <p class="body">
                {account.file_now.map(|f| view! {
                    <a class="button" href=paths::fill(paths::RETURN_FORM, &[account.id, f.period_id])>"File Now"</a>
                    " "
                })}
                <a href=paths::fill(paths::ACCOUNT, &[account.id])>"View/File Returns and View Period Detail"</a>
            </p>
        </article>
    }
}
