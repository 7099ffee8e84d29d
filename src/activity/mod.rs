//! The activity record as the browser shows it (the server's `activity/`):
//! `/activity`, "View Activity", the logon's own record, newest first; and
//! [`business`], everything done on the current business. The search and the
//! page live in the address, so every page is a real link.

pub mod business;

pub use business::BusinessActivityPage;

use crate::{
    api,
    components::{
        data_table::Column, page_status, Choice, DataTable, DateInput, DateValue, ErrorSummary,
        FormError, FormState, Loaded, Pagination, RadioGroup, TextInput,
    },
    paths,
    shell::{Page, PageTracker},
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::{use_navigate, use_query_map};
use wire::{
    activity::{ActivityPage, ActivityQuery, ActivityRow, DEFAULT_PAGE_SIZE, PAGE_SIZES},
    CivilDate,
};

pub const TITLE: &str = "View Activity";

/// `?page=…&page_size=…&q=…&from=…&to=…`, leaving out what is not set.
pub fn query_string(query: &ActivityQuery) -> String {
    let mut parts = Vec::new();
    let mut add = |key: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            parts.push(format!("{key}={}", js_sys::encode_uri_component(&value)));
        }
    };
    add("page", query.page.map(|p| p.to_string()));
    add("page_size", query.page_size.map(|p| p.to_string()));
    add("q", query.q.clone());
    add("from", query.from.clone());
    add("to", query.to.clone());
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn row(entry: ActivityRow, show_who: bool) -> Vec<String> {
    let when = crate::format::date_time(entry.occurred_at);
    let mut cells = vec![when];
    if show_who {
        cells.push(entry.who.unwrap_or_default());
    }
    cells.extend([
        entry.description,
        entry.business.unwrap_or_default(),
        entry.source_address.unwrap_or_default(),
        entry.outcome,
    ]);
    cells
}

/// The search and page in the address.
pub fn activity_query() -> Memo<ActivityQuery> {
    let query_map = use_query_map();
    Memo::new(move |_| {
        let map = query_map.read();
        ActivityQuery {
            page: map.get("page").and_then(|p| p.parse().ok()),
            page_size: map.get("page_size").and_then(|p| p.parse().ok()),
            q: map.get("q"),
            from: map.get("from"),
            to: map.get("to"),
        }
    })
}

lazy_page!(pub ActivityRoute in profile => view! { <RequireSession><ActivityPageView/></RequireSession> });

#[component]
pub fn ActivityPageView() -> impl IntoView {
    let query = activity_query();
    let results = LocalResource::new(move || {
        let text = query_string(&query.get());
        async move { api::activity(&text).await }
    });
    let form = FormState::new();
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <SearchForm form=form query=query.get_untracked() path=paths::ACTIVITY/>
            <Loaded data=results view={move |page| view! {
                <Results page=page query=query.get_untracked() path=paths::ACTIVITY caption="Your activity, newest first"/>
            }}/>
        </Page>
    }
}

/// Search by words and dates; the search goes into the address of `path`.
#[component]
pub fn SearchForm(form: FormState, query: ActivityQuery, path: &'static str) -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(query.q.clone().unwrap_or_default());
    let from = DateValue::new();
    let to = DateValue::new();
    for (value, iso) in [(from, &query.from), (to, &query.to)] {
        if let Some(date) = iso.as_deref().and_then(CivilDate::parse_iso) {
            value.set(date);
        }
    }
    let size = RwSignal::new(Some(
        query.page_size.unwrap_or(DEFAULT_PAGE_SIZE).to_string(),
    ));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errors = Vec::new();
        let from_date = from
            .parse_if_typed("from", "Start date")
            .unwrap_or_else(|e| {
                errors.push(e);
                None
            });
        let to_date = to.parse_if_typed("to", "End date").unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let next = ActivityQuery {
            page: None,
            page_size: size.get_untracked().and_then(|s| s.parse().ok()),
            q: Some(text.get_untracked().trim().to_owned()),
            from: from_date.map(CivilDate::to_iso),
            to: to_date.map(CivilDate::to_iso),
        };
        if errors.is_empty() {
            if let Err(rule_errors) = next.parse() {
                errors.extend(rule_errors.0.into_iter().map(FormError::from));
            }
        }
        if !errors.is_empty() {
            form.fail(errors);
            return;
        }
        form.clear();
        navigate(
            &format!("{path}{}", query_string(&next)),
            Default::default(),
        );
    };
    let sizes = PAGE_SIZES
        .iter()
        .map(|s| Choice::new(s.to_string(), s.to_string()))
        .collect::<Vec<_>>();
    view! {
        <form class="form" novalidate on:submit=submit>
            <TextInput
                id="q"
                label="Search by action or business"
                hint="For example, Logged in or Changed password."
                value=text
                error=form.error_for("q")
                width_class="input--width-20"
            />
            <DateInput id="from" legend="Start date" hint="For example, 11/01/2026" value=from
                error=form.error_for("from") error_part=form.date_part_for("from")/>
            <DateInput id="to" legend="End date" hint="For example, 11/30/2026" value=to
                error=form.error_for("to") error_part=form.date_part_for("to")/>
            <RadioGroup id="page_size" legend="Rows per page" options=sizes selected=size inline=true
                error=form.error_for("page_size")/>
            <button type="submit" class="button">"Search"</button>
        </form>
    }
}

/// One page of activity and the links to the others. `show_who` adds the
/// "Who" column for lists of more than one logon's activity.
#[component]
pub fn Results(
    page: ActivityPage,
    query: ActivityQuery,
    path: &'static str,
    #[prop(into)] caption: String,
    #[prop(optional)] show_who: bool,
) -> impl IntoView {
    let tracker = expect_context::<PageTracker>();
    let count = page.page_count();
    let current = page.page.min(count);
    let status = page_status(current, count, page.total, "event", "events");
    // A new page of results is announced, as a new page would be.
    if query.page.is_some() || query.q.is_some() {
        tracker.announce(status.clone());
    }
    let link = move |n: u32| {
        format!(
            "{path}{}",
            query_string(&ActivityQuery {
                page: Some(n),
                ..query.clone()
            })
        )
    };
    let rows: Vec<Vec<String>> = page
        .rows
        .into_iter()
        .map(|entry| row(entry, show_who))
        .collect();
    let mut columns = vec![Column::text("Date and time")];
    if show_who {
        columns.push(Column::text("Who"));
    }
    columns.extend([
        Column::text("Action"),
        Column::text("Business"),
        Column::text("Source address"),
        Column::text("Outcome"),
    ]);
    view! {
        <p class="body">{status}</p>
        <DataTable
            id="activity"
            caption=caption
            columns=columns
            rows=Signal::stored(rows)
            empty="No activity matches your search."
        />
        <Pagination current=current count=count link=link/>
    }
}
