//! `/accounts/:account_id`: "View/File Returns and View Period Detail" (seed
//! 000's link on each Summary card). The account, File Now, its periods with
//! their status and figures from the ledger (tax, penalty, interest, payments
//! and credits, balance, "Balance if paid by"), the return that counts for
//! each (its confirmation number opens it as filed), Amend, the balance-due
//! note, bills before 2003, a chart, keyset pages both ways and CSV.

use super::{api, chart::AccountChart, filed_href, refused, stylesheet, Target};
use crate::{
    api::query_string,
    components::Loaded,
    format::date_time,
    lazy::lazy_page,
    paths,
    shell::{Page, RequireSession},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use wire::{
    access::SortDirection,
    ledger::{AccountView, PeriodDetails, PeriodRow, BALANCE_DUE_NOTE, PRE_2003_MAILING_ADDRESS},
    returns::ReturnKind,
};

lazy_page!(pub AccountRoute in returns => view! { <RequireSession><AccountPage/></RequireSession> });

pub const TITLE: &str = "View/File Returns and View Period Detail";

#[component]
pub fn AccountPage() -> impl IntoView {
    let Some(account_id) = use_params_map()
        .read_untracked()
        .get("account_id")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return view! { <crate::pages::NotFound/> }.into_any();
    };
    let account = LocalResource::new(move || api::account(account_id));
    view! {
        {stylesheet()}
        <Page title=TITLE>
            <Loaded data=account refused=refused() view=|account| view! { <Account account=account/> }/>
        </Page>
    }
    .into_any()
}

/// Which page of periods is shown, and in which order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Place {
    dir: SortDirection,
    after: Option<String>,
    before: Option<String>,
}

impl Place {
    fn query(&self) -> String {
        let dir = match self.dir {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        };
        query_string(&[
            ("dir", dir.to_owned()),
            ("after", self.after.clone().unwrap_or_default()),
            ("before", self.before.clone().unwrap_or_default()),
        ])
    }
}

#[component]
fn Account(account: AccountView) -> impl IntoView {
    let header = account.account.clone();
    let account_id = header.id;
    let place = RwSignal::new(Place {
        dir: SortDirection::Descending,
        ..Place::default()
    });
    let periods = LocalResource::new(move || {
        let query = place.get().query();
        async move { api::account_periods(account_id, &query).await }
    });
    let file_now = account.file_now.clone().map(|f| {
        let target = Target {
            account_id,
            period_id: f.period_id,
            kind: ReturnKind::Original,
        };
        view! {
            <p class="body">
                <a class="button" href=target.form_href()>
                    "File Now"<span class="visually-hidden">{format!(" for the period ending {}", f.period_end.to_us())}</span>
                </a>
            </p>
        }
    });
    let note = account
        .filing_note
        .clone()
        .map(|n| view! { <p class="body">{n}</p> });
    let export = move || {
        format!(
            "/api/accounts/{account_id}/periods/export{}",
            place.get().query()
        )
    };
    view! {
            <dl class="facts">
                <div class="facts__row"><dt>"Tax type"</dt>" "<dd>{header.tax_type.label()}</dd></div>
                <div class="facts__row"><dt>"Business"</dt>" "<dd>{header.legal_name.clone()}</dd></div>
                <div class="facts__row"><dt>"Account ID"</dt>" "<dd>{header.account_number.clone()}</dd></div>
                <div class="facts__row"><dt>"Filing Frequency"</dt>" "<dd>{header.frequency.filer_label(header.tax_type)}</dd></div>
                <div class="facts__row"><dt>"Balance"</dt>" "<dd>{account.balance.to_string()}</dd></div>
            </dl>
            <p class="hint">{format!("Information is current as of {}.", date_time(account.information_current_as_of))}</p>
            {file_now}
            {note}
            <h2 class="heading-m">"Return periods"</h2>
            <Loaded data=periods refused=refused() view=move |details| view! { <Periods details=details place=place/> }/>
            <p class="body">
                <a href=export download="">"Download these periods (CSV)"</a>" · "
                <a href=paths::RETURN_HISTORY>"View Return History"</a>" · "
                <a href=paths::PERIOD_DETAILS>{super::period_details::TITLE}</a>
            </p>
            <h2 class="heading-m">"Balance and payments over time"</h2>
            <AccountChart points=account.chart.clone()/>
    }
}

#[component]
fn Periods(details: PeriodDetails, place: RwSignal<Place>) -> impl IntoView {
    let pay_by = details.pay_by.to_us();
    let dir = place.get_untracked().dir;
    let rows = details.page.rows.iter().map(period_row).collect_view();
    let next = details.page.next.clone();
    let previous = details.page.previous.clone();
    let order = move |_| {
        place.set(Place {
            dir: match dir {
                SortDirection::Ascending => SortDirection::Descending,
                SortDirection::Descending => SortDirection::Ascending,
            },
            ..Place::default()
        })
    };
    let order_label = match dir {
        SortDirection::Descending => "Show oldest first",
        SortDirection::Ascending => "Show newest first",
    };
    view! {
        {bill_notes(&details)}
        <button type="button" class="button button--secondary" on:click=order>{order_label}</button>
        <div class="table-scroll" role="region" aria-labelledby="periods-caption" tabindex="0">
            <table class="table">
                <caption class="table__caption" id="periods-caption">
                    {format!("Return periods, {}", match dir { SortDirection::Descending => "newest first", SortDirection::Ascending => "oldest first" })}
                </caption>
                <thead>
                    <tr>
                        <th scope="col" class="table__header">"Period ending"</th>
                        <th scope="col" class="table__header">"Due"</th>
                        <th scope="col" class="table__header">"Status"</th>
                        <th scope="col" class="table__header">"Return"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Tax"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Penalty"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Interest"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Payments and credits"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Balance"</th>
                        <th scope="col" class="table__header table__cell--numeric">{format!("Balance if paid by {pay_by}")}</th>
                        <th scope="col" class="table__header">"Action"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pagination" aria-label="Pages of return periods">
            <ul class="pagination__list">
                {previous.map(|cursor| view! {
                    <li><button type="button" class="link-button" on:click=move |_| place.update(|p| { p.after = None; p.before = Some(cursor.clone()); })>"Previous page"</button></li>
                })}
                {next.map(|cursor| view! {
                    <li><button type="button" class="link-button" on:click=move |_| place.update(|p| { p.before = None; p.after = Some(cursor.clone()); })>"Next page"</button></li>
                })}
            </ul>
        </nav>
    }
}

/// The balance-due note where a period is unfiled, and what to do with a
/// bill from before 2003 (seed 001).
pub(super) fn bill_notes(details: &PeriodDetails) -> impl IntoView {
    let old_bills: Vec<String> = details
        .page
        .rows
        .iter()
        .filter(|r| r.before_2003())
        .map(|r| r.period_end.to_us())
        .collect();
    view! {
        {details.any_unfiled.then(|| view! { <p class="body warning-text">{BALANCE_DUE_NOTE}</p> })}
        {(!old_bills.is_empty()).then(|| view! {
            <p class="body">
                {format!(
                    "The bill for the period ending {} cannot be paid online. Mail a check with the bill to: {PRE_2003_MAILING_ADDRESS}.",
                    old_bills.join(", ")
                )}
            </p>
        })}
    }
}

fn period_row(row: &PeriodRow) -> impl IntoView {
    let figures = row.figures;
    let end = row.period_end.to_us();
    let returned = row.latest_return.clone().map(|r| {
        let label = if r.amended {
            format!("{} (amended)", r.confirmation_number)
        } else {
            r.confirmation_number.clone()
        };
        view! { <a href=filed_href(r.return_id)>{label}</a> }
    });
    let target = |kind| Target {
        account_id: row.account_id,
        period_id: row.period_id,
        kind,
    };
    let action = if row.may_file {
        Some(view! { <a href=target(ReturnKind::Original).form_href()>"File"<span class="visually-hidden">{format!(" the period ending {end}")}</span></a> }.into_any())
    } else if row.may_amend {
        Some(view! { <a href=target(ReturnKind::Amended).form_href()>"Amend"<span class="visually-hidden">{format!(" the period ending {end}")}</span></a> }.into_any())
    } else {
        None
    };
    view! {
        <tr>
            <th scope="row" class="table__header">{end.clone()}</th>
            <td class="table__cell">{row.due_date.to_us()}</td>
            <td class="table__cell">{row.status.label()}</td>
            <td class="table__cell">{returned}</td>
            <td class="table__cell table__cell--numeric">{figures.tax.to_string()}</td>
            <td class="table__cell table__cell--numeric">{figures.penalty.to_string()}</td>
            <td class="table__cell table__cell--numeric">{figures.interest.to_string()}</td>
            <td class="table__cell table__cell--numeric">{figures.payments.to_string()}</td>
            <td class="table__cell table__cell--numeric">{figures.balance.to_string()}</td>
            <td class="table__cell table__cell--numeric">{row.balance_if_paid_by.map(|m| m.to_string()).unwrap_or_default()}</td>
            <td class="table__cell">{action}</td>
        </tr>
    }
}
