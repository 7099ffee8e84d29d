//! `/period-details`: View Account Period Details (seed 001) for the business
//! the logon works on: tax, penalty, interest, payments and credits and
//! balance by period, for every account it may view (one tax type or View
//! All), "Balance if paid by" a date the person chooses, when the figures
//! were last brought up to date, the balance-due note, bills before 2003,
//! keyset pages, newest or oldest first, and CSV. The search lives in the
//! address, as on View Return History, whose search form this reuses.

use super::{
    account::bill_notes,
    account_href, api,
    history::{history_query, query_text, search_refused, SearchForm},
    stylesheet,
};
use crate::{
    components::{ErrorSummary, FormState, Loaded},
    format::date_time,
    lazy::lazy_page,
    paths::PERIOD_DETAILS as PATH,
    session::use_session,
    shell::{Page, RequireSession},
};
use leptos::prelude::*;
use wire::{
    access::SortDirection,
    ledger::{HistoryQuery, PeriodDetails, PeriodRow},
};

lazy_page!(pub PeriodDetailsRoute in returns => view! { <RequireSession><PeriodDetailsPage/></RequireSession> });

pub const TITLE: &str = "View Account Period Details";

#[component]
pub fn PeriodDetailsPage() -> impl IntoView {
    let session = use_session();
    let customer_id = Memo::new(move |_| {
        session
            .view()
            .and_then(|v| v.current_customer)
            .map(|c| c.id)
    });
    let query = history_query();
    let form = FormState::new();
    let results = LocalResource::new(move || {
        let text = query_text(&query.get());
        let customer = customer_id.get();
        async move {
            match customer {
                Some(id) => api::period_details(id, &text).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        {stylesheet()}
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <p class="body">"Tax, penalty, interest, payments and credits, and balance by period, for up to 3 years. Choose a tax type, or View All, the dates to search by, and the date you mean to pay."</p>
            <SearchForm form=form query=query.get_untracked() path=PATH with_pay_by=true/>
            <Loaded data=results refused=search_refused(form) view=move |found| match found {
                Some(details) => {
                    let customer = customer_id.get_untracked().unwrap_or_default();
                    view! { <Results details=details query=query.get_untracked() customer_id=customer/> }.into_any()
                }
                None => view! {
                    <p class="body">"Choose the business to work on from your customers first."</p>
                }
                .into_any(),
            }/>
        </Page>
    }
}

#[component]
fn Results(details: PeriodDetails, query: HistoryQuery, customer_id: i64) -> impl IntoView {
    let newest_first = query.dir != Some(SortDirection::Ascending);
    let dir = query.dir;
    let base = query.clone();
    let link = move |after: Option<String>, before: Option<String>, dir: Option<SortDirection>| {
        let q = HistoryQuery {
            after,
            before,
            dir,
            ..base.clone()
        };
        format!("{PATH}{}", query_text(&q))
    };
    let export = format!(
        "/api/customers/{customer_id}/period-details/export{}",
        query_text(&HistoryQuery {
            after: None,
            before: None,
            ..query.clone()
        })
    );
    let order = if newest_first {
        ("Show oldest first", Some(SortDirection::Ascending))
    } else {
        ("Show newest first", Some(SortDirection::Descending))
    };
    let order_href = link(None, None, order.1);
    let page = &details.page;
    let previous = page.previous.clone().map(|c| link(None, Some(c), dir));
    let next = page.next.clone().map(|c| link(Some(c), None, dir));
    let pay_by = details.pay_by.to_us();
    let empty = page.rows.is_empty().then(|| {
        view! { <tr><td class="table__cell" colspan="10">"No periods match this search."</td></tr> }
    });
    let rows = page.rows.iter().map(period_row).collect_view();
    let caption = format!(
        "Account periods by period end, {}",
        if newest_first {
            "newest first"
        } else {
            "oldest first"
        }
    );
    view! {
        <p class="hint">{format!("Information is current as of {}. Payments processed after this date and time are not reflected.", date_time(details.information_current_as_of))}</p>
        {bill_notes(&details)}
        <p class="body"><a href=order_href>{order.0}</a>" · "<a href=export download="">"Download these periods (CSV)"</a></p>
        <div class="table-scroll" role="region" aria-labelledby="period-details-caption" tabindex="0">
            <table class="table">
                <caption class="table__caption" id="period-details-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="table__header">"Period ending"</th>
                        <th scope="col" class="table__header">"Tax type"</th>
                        <th scope="col" class="table__header">"Account ID"</th>
                        <th scope="col" class="table__header">"Status"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Tax"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Penalty"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Interest"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Payments and credits"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Balance"</th>
                        <th scope="col" class="table__header table__cell--numeric">{format!("Balance if paid by {pay_by}")}</th>
                    </tr>
                </thead>
                <tbody>{empty}{rows}</tbody>
            </table>
        </div>
        <nav aria-label="Pages of account periods">
            <ul class="pagination__list">
                {previous.map(|href| view! { <li><a href=href>"Previous page"</a></li> })}
                {next.map(|href| view! { <li><a href=href>"Next page"</a></li> })}
            </ul>
        </nav>
    }
}

fn period_row(row: &PeriodRow) -> impl IntoView {
    let figures = row.figures;
    view! {
        <tr>
            <th scope="row" class="table__header">{row.period_end.to_us()}</th>
            <td class="table__cell">{row.tax_type.label()}</td>
            <td class="table__cell"><a href=account_href(row.account_id)>{row.account_number.clone()}</a></td>
            <td class="table__cell">{row.status.label()}</td>
            <td class="table__cell table__cell--numeric">{figures.tax.to_string()}</td>
            <td class="table__cell table__cell--numeric">{figures.penalty.to_string()}</td>
            <td class="table__cell table__cell--numeric">{figures.interest.to_string()}</td>
            <td class="table__cell table__cell--numeric">{figures.payments.to_string()}</td>
            <td class="table__cell table__cell--numeric">{figures.balance.to_string()}</td>
            <td class="table__cell table__cell--numeric">{row.balance_if_paid_by.map(|m| m.to_string()).unwrap_or_default()}</td>
        </tr>
    }
}
