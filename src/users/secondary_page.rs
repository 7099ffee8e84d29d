//! `/more/secondary-logons/{id}` (Settings) and `…/{id}/activity` (Activity):
//! one secondary logon, what it may reach, and what its parent can do to it.

use super::{api, logon_path, BackLink, SECONDARY_LOGONS_PATH};
use crate::{
    api::ApiError,
    components::{data_table::Column, DataTable, LoadError, Loading},
    format::date_long,
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{html, prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};
use wire::{
    activity::{ActivityPage, ActivityRow},
    secondary::{SecondaryLogonView, SecondaryStatus, TemporaryPasswordView},
};

/// The logon id in the address, if it is a number.
pub fn use_logon_id() -> Option<i64> {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
}

/// What a page says when the server refuses a logon's page.
pub fn logon_load_message(error: &ApiError) -> String {
    match error.status() {
        Some(404) => "We could not find that secondary logon.".to_owned(),
        Some(403) => super::secondary_list::NOT_FOR_SECONDARY.to_owned(),
        _ => error.message(),
    }
}

/// Loads logon `id`, then shows `content` with it; a page of its own says
/// what went wrong otherwise.
#[component]
pub fn WithLogon<F, V>(id: Option<i64>, content: F) -> impl IntoView
where
    F: Fn(SecondaryLogonView) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = use_session();
    let Some(id) = id else {
        return view! { <crate::pages::NotFound/> }.into_any();
    };
    let logon = LocalResource::new(move || api::secondary_logon(id));
    let retry = Callback::new(move |_| logon.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    match logon.await {
                        Ok(view) => content(view).into_any(),
                        Err(error) if error.is_unauthorized() => {
                            session.expired();
                            view! { <Loading/> }.into_any()
                        }
                        Err(error) => view! {
                            <Page title="Secondary Logon" before_title=|| view! { <BackLink href=SECONDARY_LOGONS_PATH label="Back to Secondary Logons"/> }>
                                <LoadError message=logon_load_message(&error) on_retry=retry/>
                            </Page>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Settings,
    Activity,
}

lazy_page!(pub SecondaryLogonSettingsRoute in users => view! { <RequireSession><SecondaryLogonPage tab=Tab::Settings/></RequireSession> });
lazy_page!(pub SecondaryLogonActivityRoute in users => view! { <RequireSession><SecondaryLogonPage tab=Tab::Activity/></RequireSession> });

#[component]
pub fn SecondaryLogonPage(tab: Tab) -> impl IntoView {
    let id = use_logon_id();
    view! { <WithLogon id=id content=move |logon| view! { <LogonDetails logon=logon tab=tab/> }/> }
}

#[component]
fn LogonDetails(logon: SecondaryLogonView, tab: Tab) -> impl IntoView {
    let title = logon.name.clone();
    let id = logon.id;
    let logon = RwSignal::new(logon);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let settings_href = logon_path(id);
    let activity_href = format!("{}/activity", logon_path(id));
    view! {
        <Page title=title before_title=|| view! { <BackLink href=SECONDARY_LOGONS_PATH label="Back to Secondary Logons"/> }>
            <ActionOutcome outcome=outcome/>
            {move || view! { <LogonFacts logon=logon.get()/> }}
            <Actions logon=logon outcome=outcome/>
            <nav class="sub-nav" aria-label="Secondary logon">
                <ul class="sub-nav__list">
                    <li class="sub-nav__item"><A href=settings_href exact=true>"Settings"</A></li>
                    <li class="sub-nav__item"><A href=activity_href exact=true>"Activity"</A></li>
                </ul>
            </nav>
            {match tab {
                Tab::Settings => view! { {move || view! { <Settings logon=logon.get()/> }} }.into_any(),
                Tab::Activity => view! { <LogonActivity id=id/> }.into_any(),
            }}
        </Page>
    }
}

/// What an action did (or why it failed): announced, and focused so a
/// keyboard user is not left on a button that has gone.
#[component]
fn ActionOutcome(outcome: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    let panel = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if outcome.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(panel) = panel.get_untracked() {
                    let _ = panel.focus();
                }
            });
        }
    });
    view! {
        <div class="outcome" role="status" aria-live="polite" tabindex="-1" node_ref=panel>
            {move || outcome.get().map(|result| match result {
                Ok(text) => view! { <div class="notice"><p class="body">{text}</p></div> }.into_any(),
                Err(text) => view! { <div class="notice notice--problem"><p class="body">{text}</p></div> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn LogonFacts(logon: SecondaryLogonView) -> impl IntoView {
    let row = |term: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{term}</dt>
                " "
                <dd class="summary-list__value">{value}</dd>
            </div>
        }
    };
    view! {
        <dl class="summary-list logon-facts">
            {row("Logon", logon.username)}
            {row("Name", logon.name)}
            {row("Email", logon.email)}
            {row("Access Type", logon.access_type.label().to_owned())}
            {row("Status", logon.status.label().to_owned())}
        </dl>
    }
}

/// The actions the logon's status allows.
#[component]
fn Actions(
    logon: RwSignal<SecondaryLogonView>,
    outcome: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let session = use_session();
    let pending = RwSignal::new(false);
    let temporary = RwSignal::new(None::<TemporaryPasswordView>);
    // The password is shown once: this signal is disposed with the page.

    let fail = move |error: ApiError| {
        if error.is_unauthorized() {
            session.expired();
        } else {
            outcome.set(Some(Err(error.message())));
        }
    };
    let run = move |action: &'static str| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        temporary.set(None);
        let id = logon.get_untracked().id;
        spawn_local(async move {
            match api::logon_action(id, action).await {
                Ok(view) => {
                    let text = match action {
                        "disable" => format!(
                            "{} is disabled. It cannot log in until you activate it.",
                            view.username
                        ),
                        "activate" => format!("{} is activated.", view.username),
                        _ => format!("{} is unlocked and can log in again.", view.username),
                    };
                    logon.set(view);
                    outcome.set(Some(Ok(text)));
                }
                Err(error) => fail(error),
            }
            pending.set(false);
        });
    };
    let resend = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let view = logon.get_untracked();
        spawn_local(async move {
            match api::resend_invitation(view.id).await {
                Ok(()) => outcome.set(Some(Ok(format!(
                    "A new Logon Access Email has been sent to {}. Links in earlier emails no longer work.",
                    view.email
                )))),
                Err(error) => fail(error),
            }
            pending.set(false);
        });
    };
    let generate = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let id = logon.get_untracked().id;
        spawn_local(async move {
            match api::temporary_password(id).await {
                Ok(password) => {
                    outcome.set(None);
                    temporary.set(Some(password));
                    // Issuing one unlocks a locked logon: show its status as it is now.
                    if let Ok(view) = api::secondary_logon(id).await {
                        logon.set(view);
                    }
                }
                Err(error) => fail(error),
            }
            pending.set(false);
        });
    };

    let status = move || logon.with(|l| l.status);
    let id = move || logon.with(|l| l.id);
    let busy = move || pending.get().then_some("true");
    view! {
        {move || match status() {
            SecondaryStatus::Cancelled => view! {
                <p class="body">"This logon's access was deactivated. Add a new secondary logon to give access again."</p>
            }.into_any(),
            status => {
                let access_href = format!("{}/access", logon_path(id()));
                let deactivate_href = format!("{}/deactivate", logon_path(id()));
                view! {
                    <ul class="logon-actions">
                        <li><A href=access_href>"Change Access"</A></li>
                        {(status == SecondaryStatus::Pending).then(|| view! {
                            <li><button type="button" class="link-button" aria-disabled=busy on:click=resend>"Resend Logon Access Email"</button></li>
                        })}
                        {matches!(status, SecondaryStatus::Active | SecondaryStatus::Locked).then(|| view! {
                            <li><button type="button" class="link-button" aria-disabled=busy on:click=generate>"Generate temporary password"</button></li>
                        })}
                        {(status == SecondaryStatus::Locked).then(|| view! {
                            <li><button type="button" class="link-button" aria-disabled=busy on:click=move |_| run("unlock")>"Unlock"</button></li>
                        })}
                        {match status {
                            SecondaryStatus::Disabled => view! {
                                <li><button type="button" class="link-button" aria-disabled=busy on:click=move |_| run("activate")>"Activate"</button></li>
                            }.into_any(),
                            _ => view! {
                                <li><button type="button" class="link-button" aria-disabled=busy on:click=move |_| run("disable")>"Disable"</button></li>
                            }.into_any(),
                        }}
                        <li><A href=deactivate_href>"Deactivate Access"</A></li>
                    </ul>
                }.into_any()
            }
        }}
        {move || temporary.get().map(|password| {
            let name = logon.with_untracked(|l| l.name.clone());
            view! { <TemporaryPassword password=password name=name on_done=Callback::new(move |_| temporary.set(None))/> }
        })}
    }
}

/// The temporary password, shown once, with what the person must do with it.
#[component]
fn TemporaryPassword(
    password: TemporaryPasswordView,
    name: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let panel = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    let until = date_long(password.expires_at).unwrap_or_default();
    view! {
        <div class="notice temporary-password" role="status" tabindex="-1" node_ref=panel aria-labelledby="temporary-password-heading">
            <h2 class="heading-m" id="temporary-password-heading">"Temporary password"</h2>
            <p class="body">{format!("Give this password to {name}. It is shown only once: copy it now.")}</p>
            <p class="temporary-password__value"><code>{password.password}</code></p>
            <p class="body">{format!("It works until {until}. {name} must change it at their next log in.")}</p>
            <button type="button" class="button button--secondary" on:click=move |_| on_done.run(())>"Hide the password"</button>
        </div>
    }
}

#[component]
fn Settings(logon: SecondaryLogonView) -> impl IntoView {
    let groups_href = format!("{}/groups", logon_path(logon.id));
    let access_href = format!("{}/access", logon_path(logon.id));
    let editable = logon.status != SecondaryStatus::Cancelled;
    let groups = logon
        .groups
        .into_iter()
        .map(|g| view! { <li>{g.name}</li> })
        .collect_view();
    let types = logon
        .tax_types
        .into_iter()
        .map(|t| view! { <li>{format!("{}: {}", t.tax_type.label(), t.level.label())}</li> })
        .collect_view();
    view! {
        <div class="logon-settings">
            <section class="logon-settings__part" aria-labelledby="groups-heading">
                <h2 class="heading-m" id="groups-heading">"Security Groups"</h2>
                <ul class="list">{groups}</ul>
                {editable.then(|| view! {
                    <p class="body"><A href=groups_href>"Change"<span class="visually-hidden">" Security Groups"</span></A></p>
                })}
            </section>
            <section class="logon-settings__part" aria-labelledby="access-heading">
                <h2 class="heading-m" id="access-heading">"Account Access"</h2>
                <ul class="list">{types}</ul>
                {editable.then(|| view! {
                    <p class="body"><A href=access_href>"Change"<span class="visually-hidden">" Account Access"</span></A></p>
                })}
            </section>
        </div>
    }
}

fn activity_row(entry: ActivityRow) -> Vec<String> {
    let when = crate::format::date_time(entry.occurred_at);
    vec![
        when,
        entry.description,
        entry.business.unwrap_or_default(),
        entry.outcome,
    ]
}

/// The Activity tab: what the secondary logon did, newest first.
#[component]
fn LogonActivity(id: i64) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let page = Memo::new(move |_| query.read().get("page").and_then(|p| p.parse::<u32>().ok()));
    let results = LocalResource::new(move || {
        let text = crate::api::query_string(&[(
            "page",
            page.get().map(|p| p.to_string()).unwrap_or_default(),
        )]);
        async move { api::secondary_activity(id, &text).await }
    });
    let retry = Callback::new(move |_| results.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => view! { <ActivityTable id=id page=page/> }.into_any(),
                    Err(error) if error.is_unauthorized() => {
                        session.expired();
                        view! { <Loading/> }.into_any()
                    }
                    Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ActivityTable(id: i64, page: ActivityPage) -> impl IntoView {
    let count = page.page_count();
    let current = page.page.min(count);
    let link = move |n: u32| format!("{}/activity?page={n}", logon_path(id));
    let previous = (current > 1).then(|| link(current - 1));
    let next = (current < count).then(|| link(current + 1));
    let rows: Vec<Vec<String>> = page.rows.into_iter().map(activity_row).collect();
    view! {
        <DataTable
            id="logon-activity"
            caption="This logon's activity, newest first"
            columns=vec![
                Column::text("Date and time"),
                Column::text("Action"),
                Column::text("Business"),
                Column::text("Outcome"),
            ]
            rows=Signal::stored(rows)
            empty="No activity yet."
        />
        <nav class="pagination" aria-label="Pagination">
            <ul class="pagination__list">
                {previous.map(|href| view! { <li><A href=href>"Previous"<span class="visually-hidden">" page"</span></A></li> })}
                <li aria-current="page">{format!("Page {current} of {count}")}</li>
                {next.map(|href| view! { <li><A href=href>"Next"<span class="visually-hidden">" page"</span></A></li> })}
            </ul>
        </nav>
    }
}
