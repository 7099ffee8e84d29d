//! `/return-history`: View Return History (seed 001) for the business the
//! logon works on: returns of the last 3 years by period end or by filing
//! date range, one tax type or View All, newest first or oldest first, in
//! keyset pages, and the same search as CSV. The search lives in the
//! address, so every page is a real link. A confirmation number opens the
//! return exactly as filed (original and amendments alike).

use super::{account_href, api, filed_href, stylesheet};
use crate::{
    api::query_string,
    components::{
        Choice, DateInput, DateValue, ErrorSummary, FormError, FormState, Loaded, RadioGroup,
        Refusal,
    },
    format::date_time,
    lazy::lazy_page,
    paths::RETURN_HISTORY as PATH,
    session::use_session,
    shell::{Page, RequireSession},
};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};
use wire::{
    access::SortDirection,
    ledger::{DateBasis, HistoryQuery, KeysetPage, ReturnRow},
    tax::TaxType,
    CivilDate,
};

lazy_page!(pub ReturnHistoryRoute in returns => view! { <RequireSession><ReturnHistoryPage/></RequireSession> });

pub const TITLE: &str = "View Return History";

fn dir_code(dir: Option<SortDirection>) -> String {
    match dir {
        Some(SortDirection::Ascending) => "ascending".to_owned(),
        Some(SortDirection::Descending) => "descending".to_owned(),
        None => String::new(),
    }
}

/// The search as the address and the API take it.
pub(super) fn query_text(query: &HistoryQuery) -> String {
    query_string(&[
        ("tax_type", query.tax_type.clone().unwrap_or_default()),
        (
            "by",
            query.by.map(|b| b.code().to_owned()).unwrap_or_default(),
        ),
        ("from", query.from.clone().unwrap_or_default()),
        ("to", query.to.clone().unwrap_or_default()),
        ("dir", dir_code(query.dir)),
        ("after", query.after.clone().unwrap_or_default()),
        ("before", query.before.clone().unwrap_or_default()),
        ("pay_by", query.pay_by.clone().unwrap_or_default()),
    ])
}

/// The search in the address.
pub(super) fn history_query() -> Memo<HistoryQuery> {
    let map = use_query_map();
    Memo::new(move |_| {
        let map = map.read();
        HistoryQuery {
            tax_type: map.get("tax_type"),
            by: match map.get("by").as_deref() {
                Some("filed") => Some(DateBasis::Filed),
                Some("period_end") => Some(DateBasis::PeriodEnd),
                _ => None,
            },
            from: map.get("from"),
            to: map.get("to"),
            dir: match map.get("dir").as_deref() {
                Some("ascending") => Some(SortDirection::Ascending),
                Some("descending") => Some(SortDirection::Descending),
                _ => None,
            },
            after: map.get("after"),
            before: map.get("before"),
            pay_by: map.get("pay_by"),
            ..HistoryQuery::default()
        }
    })
}

#[component]
pub fn ReturnHistoryPage() -> impl IntoView {
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
                Some(id) => api::return_history(id, &text).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        {stylesheet()}
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <p class="body">"Returns filed in the last 3 years. Choose a tax type, or View All, and the dates to search by."</p>
            <SearchForm form=form query=query.get_untracked() path=PATH/>
            <Loaded data=results refused=search_refused(form) view=move |found| match found {
                Some(page) => {
                    let customer = customer_id.get_untracked().unwrap_or_default();
                    view! { <Results page=page query=query.get_untracked() customer_id=customer/> }.into_any()
                }
                None => view! {
                    <p class="body">"Choose the business to work on from your customers first."</p>
                }
                .into_any(),
            }/>
        </Page>
    }
}

/// A search the server refuses (422: the dates, say) goes in the error
/// summary, keyed to its boxes.
pub(super) fn search_refused(form: FormState) -> Refusal {
    Callback::new(move |error: crate::api::ApiError| {
        (error.status() == Some(422)).then(|| {
            let errors: Vec<FormError> = error
                .body()
                .map(|b| b.fields.iter().cloned().map(FormError::from).collect())
                .unwrap_or_default();
            form.fail(errors);
            view! { <p class="body">"Change the search to see returns."</p> }.into_any()
        })
    })
}

/// The search: tax type or View All, by period end or filing date, the
/// dates, and (View Account Period Details) the pay-by date. It goes into
/// `path`'s address.
#[component]
pub(super) fn SearchForm(
    form: FormState,
    query: HistoryQuery,
    path: &'static str,
    #[prop(optional)] with_pay_by: bool,
) -> impl IntoView {
    let navigate = use_navigate();
    let tax_type = RwSignal::new(query.tax_type.clone().unwrap_or_else(|| "all".to_owned()));
    let by = RwSignal::new(Some(query.by.unwrap_or_default().code().to_owned()));
    let from = DateValue::new();
    let to = DateValue::new();
    let pay_by = DateValue::new();
    for (value, iso) in [
        (from, &query.from),
        (to, &query.to),
        (pay_by, &query.pay_by),
    ] {
        if let Some(date) = iso.as_deref().and_then(CivilDate::parse_iso) {
            value.set(date);
        }
    }
    let dir = query.dir;
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errors = Vec::new();
        let mut date = |value: DateValue, field, label| {
            value.parse_if_typed(field, label).unwrap_or_else(|e| {
                errors.push(e);
                None
            })
        };
        let from_date = date(from, "from", "Start date");
        let to_date = date(to, "to", "End date");
        let pay_by_date = date(pay_by, "pay_by", "The pay-by date");
        let next = HistoryQuery {
            tax_type: Some(tax_type.get_untracked()).filter(|t| t != "all"),
            by: match by.get_untracked().as_deref() {
                Some("filed") => Some(DateBasis::Filed),
                _ => Some(DateBasis::PeriodEnd),
            },
            from: from_date.map(CivilDate::to_iso),
            to: to_date.map(CivilDate::to_iso),
            dir,
            pay_by: pay_by_date.map(CivilDate::to_iso),
            ..HistoryQuery::default()
        };
        // The server checks again; its answer counts.
        if let (true, Some(today)) = (errors.is_empty(), crate::format::today()) {
            if let Err(rule_errors) = next.parse(today) {
                errors.extend(rule_errors.0.into_iter().map(FormError::from));
            }
        }
        if !errors.is_empty() {
            form.fail(errors);
            return;
        }
        form.clear();
        navigate(&format!("{path}{}", query_text(&next)), Default::default());
    };
    let options = std::iter::once(("all".to_owned(), "View All".to_owned()))
        .chain(
            TaxType::ALL
                .iter()
                .map(|t| (t.code().to_owned(), t.label().to_owned())),
        )
        .map(|(value, label)| {
            let selected = value == tax_type.get_untracked();
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let bases = vec![
        Choice::new(DateBasis::PeriodEnd.code(), "Period end"),
        Choice::new(DateBasis::Filed.code(), "Filing date"),
    ];
    view! {
        <form class="form" novalidate on:submit=submit>
            <div class="form-group">
                <label class="label" for="tax_type">"Tax type"</label>
                <select class="select" id="tax_type" name="tax_type" on:change=move |ev| tax_type.set(event_target_value(&ev))>
                    {options}
                </select>
            </div>
            <RadioGroup id="by" legend="Search by" options=bases selected=by inline=true error=form.error_for("by")/>
            <DateInput id="from" legend="Start date" hint="For example, 01/01/2026. Leave blank for 3 years ago." value=from
                error=form.error_for("from") error_part=form.date_part_for("from")/>
            <DateInput id="to" legend="End date" hint="Leave blank for today." value=to
                error=form.error_for("to") error_part=form.date_part_for("to")/>
            {with_pay_by.then(|| view! {
                <DateInput id="pay_by" legend="Balance if paid by" hint="The date you mean to pay, within 12 months. Leave blank for today." value=pay_by
                    error=form.error_for("pay_by") error_part=form.date_part_for("pay_by")/>
            })}
            <button type="submit" class="button">"Search"</button>
        </form>
    }
}

#[component]
fn Results(page: KeysetPage<ReturnRow>, query: HistoryQuery, customer_id: i64) -> impl IntoView {
    let newest_first = query.dir != Some(SortDirection::Ascending);
    let by_filing = query.by == Some(DateBasis::Filed);
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
    let export = {
        let q = HistoryQuery {
            after: None,
            before: None,
            ..query.clone()
        };
        format!(
            "/api/customers/{customer_id}/returns/export{}",
            query_text(&q)
        )
    };
    let order = if newest_first {
        ("Show oldest first", Some(SortDirection::Ascending))
    } else {
        ("Show newest first", Some(SortDirection::Descending))
    };
    let order_href = link(None, None, order.1);
    let previous = page.previous.clone().map(|c| link(None, Some(c), dir));
    let next = page.next.clone().map(|c| link(Some(c), None, dir));
    let empty = page.rows.is_empty().then(|| {
        view! { <tr><td class="table__cell" colspan="10">"No returns match this search."</td></tr> }
    });
    let rows = page
        .rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row" class="table__header"><a href=filed_href(row.return_id)>{row.confirmation_number.clone()}</a></th>
                    <td class="table__cell">{if row.amended { "Amended" } else { "Original" }}</td>
                    <td class="table__cell">{row.tax_type.label()}</td>
                    <td class="table__cell"><a href=account_href(row.account_id)>{row.account_number.clone()}</a></td>
                    <td class="table__cell">{row.period_end.to_us()}</td>
                    <td class="table__cell">{date_time(row.filed_at)}</td>
                    <td class="table__cell">{row.filed_by.clone()}</td>
                    <td class="table__cell table__cell--numeric">{row.tax.to_string()}</td>
                    <td class="table__cell table__cell--numeric">{row.total_due.to_string()}</td>
                    <td class="table__cell">{if row.processed { "Posted" } else { "Not posted yet" }}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = format!(
        "Returns by {}, {}",
        if by_filing {
            "filing date"
        } else {
            "period end"
        },
        if newest_first {
            "newest first"
        } else {
            "oldest first"
        }
    );
    view! {
        <p class="body"><a href=order_href>{order.0}</a>" · "<a href=export download="">"Download these returns (CSV)"</a></p>
        <div class="table-scroll" role="region" aria-labelledby="history-caption" tabindex="0">
            <table class="table">
                <caption class="table__caption" id="history-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="table__header">"Confirmation number"</th>
                        <th scope="col" class="table__header">"Return"</th>
                        <th scope="col" class="table__header">"Tax type"</th>
                        <th scope="col" class="table__header">"Account ID"</th>
                        <th scope="col" class="table__header">"Period ending"</th>
                        <th scope="col" class="table__header">"Filed"</th>
                        <th scope="col" class="table__header">"Filed by"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Tax"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Total due"</th>
                        <th scope="col" class="table__header">"Posted"</th>
                    </tr>
                </thead>
                <tbody>{empty}{rows}</tbody>
            </table>
        </div>
        <nav aria-label="Pages of returns">
            <ul class="pagination__list">
                {previous.map(|href| view! { <li><a href=href>"Previous page"</a></li> })}
                {next.map(|href| view! { <li><a href=href>"Next page"</a></li> })}
            </ul>
        </nav>
    }
}
