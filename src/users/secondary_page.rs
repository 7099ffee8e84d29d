//! `/more/secondary-logons/{id}` (Settings) and `…/{id}/activity` (Activity):
//! one secondary logon, what it may reach, and what its parent can do to it.

use super::{api, logon_path, NOT_FOR_SECONDARY};
use crate::{
    api::ApiError,
    components::{
        data_table::Column, BackLink, DataTable, LoadError, Loaded, Pagination, Submit, SummaryRow,
    },
    format::date_long,
    paths,
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::{html, prelude::*};
use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};
use wire::{
    activity::{ActivityPage, ActivityRow},
    secondary::{SecondaryLogonView, SecondaryStatus, TemporaryPasswordView},
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub SecondaryLogonSettingsRoute in users => view! { <RequireSession><SecondaryLogonPage tab=Tab::Settings/></RequireSession> });
lazy_page!(pub SecondaryLogonActivityRoute in users => view! { <RequireSession><SecondaryLogonPage tab=Tab::Activity/></RequireSession> });

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
        Some(403) => NOT_FOR_SECONDARY.to_owned(),
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
    let Some(id) = id else {
        return view! { <crate::pages::NotFound/> }.into_any();
    };
    let logon = LocalResource::new(move || api::secondary_logon(id));
    let retry = Callback::new(move |_| logon.refetch());
    // Its own page, with the link back, says what went wrong.
    let refused = Callback::new(move |error: ApiError| {
        Some(
            view! {
                <Page title="Secondary Logon" before_title=back_to_list>
                    <LoadError message=logon_load_message(&error) on_retry=retry/>
                </Page>
            }
            .into_any(),
        )
    });
    view! { <Loaded data=logon refused=refused view={content}/> }.into_any()
}

fn back_to_list() -> impl IntoView {
    view! { <BackLink href=paths::SECONDARY_LOGONS label="Back to Secondary Logons"/> }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Settings,
    Activity,
}

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
    let activity_href = paths::fill(paths::SECONDARY_LOGON_ACTIVITY, &[id]);
    view! {
        <Page title=title before_title=back_to_list>
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
    view! {
        <dl class="summary-list logon-facts">
            <SummaryRow term="Logon">{logon.username}</SummaryRow>
            <SummaryRow term="Name">{logon.name}</SummaryRow>
            <SummaryRow term="Email">{logon.email}</SummaryRow>
            <SummaryRow term="Access Type">{logon.access_type.label()}</SummaryRow>
            <SummaryRow term="Status">{logon.status.label()}</SummaryRow>
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
    let temporary = RwSignal::new(None::<TemporaryPasswordView>);
    // The password is shown once: this signal is disposed with the page.

    let fail = move |error: ApiError| {
        if error.is_unauthorized() {
            session.expired();
        } else {
            outcome.set(Some(Err(error.message())));
        }
    };
    // Disable, Activate and Unlock: the logon as it is now.
    let run_call = Submit::new(
        |(id, action): (i64, &'static str)| async move {
            api::logon_action(id, action)
                .await
                .map(|view| (view, action))
        },
        move |answer| match answer {
            Ok((view, action)) => {
                let text = match action {
                    "activate" => format!("{} is activated.", view.username),
                    _ => format!("{} is unlocked and can log in again.", view.username),
                };
                logon.set(view);
                outcome.set(Some(Ok(text)));
            }
            Err(error) => fail(error),
        },
    );
    let resend_call = Submit::new(
        |view: SecondaryLogonView| async move {
            api::resend_invitation(view.id).await.map(|()| view.email)
        },
        move |answer| {
            match answer {
            Ok(email) => outcome.set(Some(Ok(format!(
                "A new Logon Access Email has been sent to {email}. Links in earlier emails no longer work."
            )))),
            Err(error) => fail(error),
        }
        },
    );
    // Issuing one unlocks a locked logon: its status is read again with it.
    let generate_call = Submit::new(
        |id: i64| async move {
            let password = api::temporary_password(id).await?;
            Ok((password, api::secondary_logon(id).await.ok()))
        },
        move |answer| match answer {
            Ok((password, view)) => {
                outcome.set(None);
                temporary.set(Some(password));
                if let Some(view) = view {
                    logon.set(view);
                }
            }
            Err(error) => fail(error),
        },
    );
    // One action at a time, whichever it is.
    let in_flight = Memo::new(move |_| {
        run_call.is_pending() || resend_call.is_pending() || generate_call.is_pending()
    });
    let busy = move || in_flight.get().then_some("true");
    let run = move |action: &'static str| {
        if !in_flight.get_untracked() {
            temporary.set(None);
            run_call.dispatch((logon.with_untracked(|l| l.id), action));
        }
    };
    let resend = move |_| {
        if !in_flight.get_untracked() {
            resend_call.dispatch(logon.get_untracked());
        }
    };
    let generate = move |_| {
        if !in_flight.get_untracked() {
            generate_call.dispatch(logon.with_untracked(|l| l.id));
        }
    };

    let status = move || logon.with(|l| l.status);
    let id = move || logon.with(|l| l.id);
    view! {
        {move || match status() {
            SecondaryStatus::Cancelled => view! {
                <p class="body">"This logon's access was deactivated. Add a new secondary logon to give access again."</p>
            }.into_any(),
            status => {
                let access_href = paths::fill(paths::SECONDARY_LOGON_ACCESS, &[id()]);
                let deactivate_href = paths::fill(paths::SECONDARY_LOGON_DEACTIVATE, &[id()]);
                let disable_href = paths::fill(paths::SECONDARY_LOGON_DISABLE, &[id()]);
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
                        {(status == SecondaryStatus::Disabled).then(|| view! {
                            <li><button type="button" class="link-button" aria-disabled=busy on:click=move |_| run("activate")>"Activate"</button></li>
                        })}
                    </ul>
                    // What takes access away looks like it, and asks first
                    // on a page of its own (issue 14 §3).
                    <div class="button-group">
                        {(status != SecondaryStatus::Disabled).then(|| view! {
                            <a href=disable_href class="button button--warning">"Disable"</a>
                        })}
                        <a href=deactivate_href class="button button--warning">"Deactivate Access"</a>
                    </div>
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
    let groups_href = paths::fill(paths::SECONDARY_LOGON_GROUPS, &[logon.id]);
    let access_href = paths::fill(paths::SECONDARY_LOGON_ACCESS, &[logon.id]);
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
    let query = use_query_map();
    let page = Memo::new(move |_| query.read().get("page").and_then(|p| p.parse::<u32>().ok()));
    let results = LocalResource::new(move || {
        let text = crate::api::query_string(&[(
            "page",
            page.get().map(|p| p.to_string()).unwrap_or_default(),
        )]);
        async move { api::secondary_activity(id, &text).await }
    });
    view! { <Loaded data=results view={move |page| view! { <ActivityTable id=id page=page/> }}/> }
}

#[component]
fn ActivityTable(id: i64, page: ActivityPage) -> impl IntoView {
    let count = page.page_count();
    let current = page.page.min(count);
    let link = move |n: u32| {
        format!(
            "{}?page={n}",
            paths::fill(paths::SECONDARY_LOGON_ACTIVITY, &[id])
        )
    };
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
        <Pagination current=current count=count link=link/>
    }
}
