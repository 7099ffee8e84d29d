//! Approve a request and Change a grant: the same form. Access type
//! (Master Administrator or Tax Administrator), for a Tax Administrator a
//! level per account of the business, and an optional end date.

use super::{
    api,
    conditional_radios::{ConditionalRadios, RevealingChoice},
    current_customer,
    grants::only_masters,
    manage_path, retarget,
    subject::{id_param, load_subject, Subject, Target},
    LoadRefusal, NoBusiness,
};
use crate::{
    components::{
        date_input::part_id, field::ErrorMessage, Choice, DateInput, DateValue, ErrorSummary,
        FormError, FormState, Loading,
    },
    format::today,
    session::{use_flash, use_session},
    shell::Page,
};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate};
use wire::{
    access::{AccessType, AccountLevel, AccountLevelChoice, Level},
    date::DatePart,
    requests::{DecisionContext, GrantDecisionForm, RequestKind},
    CivilDate,
};

pub const APPROVE_TITLE: &str = "Approve request";
pub const CHANGE_TITLE: &str = "Change access";

/// The id of the level box of one account.
fn level_id(account_id: i64) -> String {
    format!("level-{account_id}")
}

/// "Sales & Use 0108824360".
fn account_name(account: &AccountLevel) -> String {
    format!("{} {}", account.tax_type.label(), account.account_number)
}

#[component]
pub fn ApprovePage(kind: RequestKind) -> impl IntoView {
    let request_id = id_param("request_id");
    view! { <DecisionPage kind=kind target=request_id.map(Target::Request)/> }
}

#[component]
pub fn ChangePage(kind: RequestKind) -> impl IntoView {
    let grant_id = id_param("grant_id");
    view! { <DecisionPage kind=kind target=grant_id.map(Target::Grant)/> }
}

#[component]
fn DecisionPage(kind: RequestKind, target: Option<Target>) -> impl IntoView {
    let customer = current_customer();
    let form = FormState::new();
    let title = match target {
        Some(Target::Grant(_)) => CHANGE_TITLE,
        _ => APPROVE_TITLE,
    };
    view! {
        <Page title=title error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match (customer.get(), target) {
                (None, _) => view! { <NoBusiness/> }.into_any(),
                (Some(_), None) => view! { <Gone kind=kind/> }.into_any(),
                (Some(c), Some(target)) => view! {
                    <Loaded kind=kind target=target customer_id=c.id legal_name=c.legal_name form=form/>
                }
                .into_any(),
            }}
        </Page>
    }
}

/// The request or grant is not (or no longer) there: decided, lapsed, revoked.
#[component]
fn Gone(kind: RequestKind) -> impl IntoView {
    view! {
        <div class="notice notice--problem">
            <p class="body">"We could not find that. It may have been decided already, have lapsed, or have been revoked."</p>
        </div>
        <p class="body"><A href=manage_path(kind)>{format!("Go back to {}", super::manage_title(kind))}</A></p>
    }
}

#[component]
fn Loaded(
    kind: RequestKind,
    target: Target,
    customer_id: i64,
    legal_name: String,
    form: FormState,
) -> impl IntoView {
    let data = LocalResource::new(move || async move {
        let subject = load_subject(customer_id, kind, target).await?;
        let context = api::decision_context(customer_id).await?;
        Ok::<_, crate::api::ApiError>((subject, context))
    });
    let retry = Callback::new(move |_| data.refetch());
    let forbidden = only_masters(kind, &legal_name);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let forbidden = forbidden.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok((Some(subject), context)) => view! {
                            <DecisionForm kind=kind target=target customer_id=customer_id subject=subject context=context form=form/>
                        }
                        .into_any(),
                        Ok((None, _)) => view! { <Gone kind=kind/> }.into_any(),
                        Err(error) => view! { <LoadRefusal error=error forbidden=forbidden on_retry=retry/> }
                            .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn DecisionForm(
    kind: RequestKind,
    target: Target,
    customer_id: i64,
    subject: Subject,
    context: DecisionContext,
    form: FormState,
) -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let current = subject.current.clone();
    let access_type = RwSignal::new(current.as_ref().map(|g| g.access_type.code().to_owned()));
    // One level box per account: a Change starts from the grant's levels.
    let levels: Vec<(AccountLevel, RwSignal<Level>)> = context
        .accounts
        .iter()
        .map(|account| {
            let start = current
                .as_ref()
                .filter(|g| g.access_type == AccessType::TaxAdministrator)
                .and_then(|g| {
                    g.accounts
                        .iter()
                        .find(|a| a.account_id == account.account_id)
                })
                .map(|a| a.level)
                .unwrap_or(account.level);
            (account.clone(), RwSignal::new(start))
        })
        .collect();
    let ends = DateValue::new();
    if let Some(date) = current.as_ref().and_then(|g| g.ends_on) {
        ends.set(date);
    }
    let targets: Vec<(&'static str, String)> = vec![
        (
            "levels",
            levels
                .first()
                .map(|(a, _)| level_id(a.account_id))
                .unwrap_or_else(|| "access_type".to_owned()),
        ),
        ("ends_on", part_id("ends_on", DatePart::Month)),
    ];
    let pending = RwSignal::new(false);
    let label = subject.firm.clone().unwrap_or_else(|| subject.who.clone());
    let submit = {
        let levels = levels.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            if pending.get_untracked() {
                return;
            }
            let chosen = access_type
                .get_untracked()
                .as_deref()
                .and_then(AccessType::from_code);
            let request = GrantDecisionForm {
                access_type: chosen,
                levels: if chosen == Some(AccessType::TaxAdministrator) {
                    levels
                        .iter()
                        .map(|(a, level)| AccountLevelChoice {
                            account_id: a.account_id,
                            level: level.get_untracked(),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                end_month: ends.month.get_untracked(),
                end_day: ends.day.get_untracked(),
                end_year: ends.year.get_untracked(),
            };
            let today = today().unwrap_or(CivilDate::new(2000, 1, 1).expect("a real date"));
            if let Err(errors) = request.parse(today) {
                form.fail(
                    errors
                        .0
                        .into_iter()
                        .map(|e| retarget(FormError::from(e), &targets)),
                );
                return;
            }
            pending.set(true);
            let navigate = navigate.clone();
            let targets = targets.clone();
            let label = label.clone();
            spawn_local(async move {
                let outcome = match target {
                    Target::Request(id) => api::approve(customer_id, id, &request).await.map(|g| {
                        format!(
                            "You approved the request. {label} is now a {} of this business.",
                            g.access_type.label()
                        )
                    }),
                    Target::Grant(id) => api::change_grant(customer_id, id, &request)
                        .await
                        .map(|_| format!("You changed the access of {label}.")),
                };
                match outcome {
                    Ok(message) => {
                        flash.show_on(manage_path(kind), message);
                        navigate(manage_path(kind), Default::default());
                    }
                    Err(error) if error.is_unauthorized() => session.expired(),
                    Err(error) => form.fail(super::form_errors(&error, &targets)),
                }
                pending.set(false);
            });
        }
    };
    let levels_view = {
        let levels = levels.clone();
        move || view! { <LevelsTable levels=levels.clone() error=form.error_for("levels")/> }
    };
    let options = vec![
        RevealingChoice::plain(
            Choice::new(
                AccessType::MasterAdministrator.code(),
                AccessType::MasterAdministrator.label(),
            )
            .with_hint(
                "All access to all accounts, and manages who else may act for the business.",
            ),
        ),
        RevealingChoice::revealing(
            Choice::new(
                AccessType::TaxAdministrator.code(),
                AccessType::TaxAdministrator.label(),
            )
            .with_hint("A level for each tax account."),
            levels_view,
        ),
    ];
    let save_label = match target {
        Target::Request(_) => "Save and approve",
        Target::Grant(_) => "Save",
    };
    view! {
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Who"</dt>
                <dd class="summary-list__value">{subject.who.clone()}</dd>
            </div>
            {subject.firm.clone().map(|firm| view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Firm"</dt>
                    <dd class="summary-list__value">{firm}</dd>
                </div>
            })}
            <div class="summary-list__row">
                <dt class="summary-list__key">"Business"</dt>
                <dd class="summary-list__value">{context.legal_name.clone()}</dd>
            </div>
        </dl>
        <form class="form" novalidate on:submit=submit>
            <ConditionalRadios
                id="access_type"
                legend="Access type"
                options=options
                selected=access_type
                error=form.error_for("access_type")
            />
            <DateInput
                id="ends_on"
                legend="End date (optional)"
                hint="Leave empty for access with no end date. For example, 12/31/2027"
                value=ends
                error=form.error_for("ends_on")
                error_part=form.date_part_for("ends_on")
            />
            <div class="button-group">
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    {save_label}
                </button>
                <A href=manage_path(kind)>"Cancel"</A>
            </div>
        </form>
    }
}

/// A level box per account, in a table whose row headers name the accounts.
#[component]
fn LevelsTable(
    levels: Vec<(AccountLevel, RwSignal<Level>)>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let rows = levels
        .into_iter()
        .map(|(account, level)| {
            let name = account_name(&account);
            let id = level_id(account.account_id);
            let options = Level::ALL
                .into_iter()
                .map(|choice| {
                    view! {
                        <option value=choice.code() prop:selected=move || level.get() == choice>
                            {choice.label()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <tr class="table__row">
                    <th scope="row" class="table__header">{name.clone()}</th>
                    <td class="table__cell">
                        <label class="visually-hidden" for=id.clone()>{format!("Level for {name}")}</label>
                        <select
                            class="select"
                            id=id.clone()
                            name=id
                            on:change=move |ev| {
                                if let Some(chosen) = Level::from_code(&event_target_value(&ev)) {
                                    level.set(chosen);
                                }
                            }
                        >
                            {options}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <ErrorMessage id="levels" error=error/>
            <div class="table-scroll" role="region" aria-labelledby="levels-caption" tabindex="0">
                <table class="table" id="levels-table">
                    <caption class="table__caption" id="levels-caption">"Level for each account"</caption>
                    <thead class="table__head">
                        <tr class="table__row">
                            <th scope="col" class="table__header">"Account"</th>
                            <th scope="col" class="table__header">"Level"</th>
                        </tr>
                    </thead>
                    <tbody class="table__body">{rows}</tbody>
                </table>
            </div>
        </div>
    }
}
