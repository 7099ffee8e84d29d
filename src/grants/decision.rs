//! Approve a request and Change a grant: the same form. Access type (Master
//! Administrator or Tax Administrator), for a Tax Administrator the Give
//! Rights and Access Rights of each account of the business, and an optional
//! end date. Approving saves at once; a change goes Next, then a review, then
//! Submit (seed 002), and there a Master Administrator making someone else one
//! may step down in the same change (seed 001).

use super::{
    api, current_customer,
    manage::only_masters,
    manage_path, manage_title, refusal,
    subject::{id_param, load_subject, Subject, Target},
    Gone, NoBusiness,
};
use crate::{
    components::{
        date_input::part_id, field::ErrorMessage, form_errors, CheckboxGroup, Choice, DateInput,
        DateValue, ErrorSummary, FocusedHeading, FormError, FormState, LevelSelect, Loaded,
        RadioGroup, Reveal, Submit, SubmitButton, SubmitOrCancel, SummaryRow, Table,
    },
    format::today,
    paths,
    session::{use_flash, use_session},
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use wire::{
    access::{AccessType, AccountLevel, AccountLevelChoice, Level, Relationship},
    date::DatePart,
    grants::{DecisionContext, GrantDecisionForm, GrantRow, RequestKind, STEP_DOWN_FIELD},
    CivilDate,
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub ApproveAdditionalRoute in grants => view! { <RequireSession><ApprovePage kind=RequestKind::Additional/></RequireSession> });
lazy_page!(pub ApproveThirdPartyRoute in grants => view! { <RequireSession><ApprovePage kind=RequestKind::ThirdParty/></RequireSession> });
lazy_page!(pub ChangeAdditionalRoute in grants => view! { <RequireSession><ChangePage kind=RequestKind::Additional/></RequireSession> });
lazy_page!(pub ChangeThirdPartyRoute in grants => view! { <RequireSession><ChangePage kind=RequestKind::ThirdParty/></RequireSession> });

pub const APPROVE_TITLE: &str = "Approve request";
pub const CHANGE_TITLE: &str = "Change access";
pub const REVIEW_HEADING: &str = "Check the access, then submit";

/// The id of the Access Rights box of one account.
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

/// What the form needs besides the person: the business's accounts, and
/// whether the caller may step down here.
#[derive(Debug, Clone)]
struct Decidable {
    subject: Option<Subject>,
    context: DecisionContext,
    may_step_down: bool,
}

/// Whether the caller holds its own (not a secondary logon's) Master
/// Administrator grant on the business, and so may hand it over.
async fn may_step_down(reg_number: &str, customer_id: i64) -> Result<bool, crate::api::ApiError> {
    let query = crate::api::query_string(&[("q", reg_number.to_owned())]);
    let mine = api::my_access(&query).await?;
    Ok(mine.items.iter().any(|row| {
        row.customer_id == customer_id
            && row.access_type == AccessType::MasterAdministrator
            && row.relationship != Relationship::Secondary
    }))
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
                (Some(c), Some(target)) => {
                    let customer_id = c.id;
                    let reg_number = c.reg_number.clone();
                    let data = LocalResource::new(move || {
                        let reg_number = reg_number.clone();
                        async move {
                            let subject = load_subject(customer_id, kind, target).await?;
                            let context = api::decision_context(customer_id).await?;
                            let may_step_down = matches!(target, Target::Grant(_))
                                && may_step_down(&reg_number, customer_id).await?;
                            Ok(Decidable { subject, context, may_step_down })
                        }
                    });
                    view! {
                        <Loaded data=data refused=refusal(only_masters(kind, &c.legal_name)) view={move |loaded: Decidable| {
                            match loaded.subject {
                                Some(subject) => view! {
                                    <DecisionForm kind=kind target=target customer_id=customer_id subject=subject
                                        context=loaded.context may_step_down=loaded.may_step_down form=form/>
                                }
                                .into_any(),
                                None => view! { <Gone kind=kind/> }.into_any(),
                            }
                        }}/>
                    }
                    .into_any()
                }
            }}
        </Page>
    }
}

/// One level box per account: a Change starts from the grant's levels.
fn level_boxes(
    context: &DecisionContext,
    current: Option<&GrantRow>,
) -> Vec<(AccountLevel, RwSignal<Level>)> {
    context
        .accounts
        .iter()
        .map(|account| {
            let start = current
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
        .collect()
}

#[component]
fn DecisionForm(
    kind: RequestKind,
    target: Target,
    customer_id: i64,
    subject: Subject,
    context: DecisionContext,
    may_step_down: bool,
    form: FormState,
) -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let current = subject.current.clone();
    let access_type = RwSignal::new(current.as_ref().map(|g| g.access_type.code().to_owned()));
    let levels = level_boxes(&context, current.as_ref());
    let ends = DateValue::new();
    if let Some(date) = current.as_ref().and_then(|g| g.ends_on) {
        ends.set(date);
    }
    let step_down = RwSignal::new(Vec::<String>::new());
    // Not oneself: handing over is to someone else.
    let own_grant = current.as_ref().is_some_and(|g| {
        session
            .view_untracked()
            .is_some_and(|v| v.username == g.username)
    });
    let offer_step_down = may_step_down && !own_grant;
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
    let label = subject.firm.clone().unwrap_or_else(|| subject.who.clone());
    let business = context.legal_name.clone();
    // A change is reviewed before it is sent (seed 002: Next, review, Submit).
    let reviewing = RwSignal::new(None::<GrantDecisionForm>);

    let read = {
        let levels = levels.clone();
        move || {
            let chosen = access_type
                .get_untracked()
                .as_deref()
                .and_then(AccessType::from_code);
            GrantDecisionForm {
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
                step_down: offer_step_down
                    && chosen == Some(AccessType::MasterAdministrator)
                    && step_down.with_untracked(|t| !t.is_empty()),
            }
        }
    };
    let checked = {
        let targets = targets.clone();
        move |request: GrantDecisionForm| {
            let today = today().unwrap_or(CivilDate::new(2000, 1, 1).expect("a real date"));
            request.parse(today).map(|_| request).map_err(|errors| {
                FormError::all(errors)
                    .into_iter()
                    .map(|e| e.pointing(&targets))
                    .collect::<Vec<_>>()
            })
        }
    };

    let decide = {
        let targets = targets.clone();
        let label = label.clone();
        let business = business.clone();
        Submit::form_with(
            form,
            move |request: GrantDecisionForm| async move {
                match target {
                    Target::Request(id) => api::approve(customer_id, id, &request).await,
                    Target::Grant(id) => api::change_grant(customer_id, id, &request).await,
                }
                .map(|grant| (grant, request.step_down))
            },
            move |error| {
                // Back to the form, where the problem can be put right.
                reviewing.set(None);
                form_errors(error)
                    .into_iter()
                    .map(|e| e.pointing(&targets))
                    .collect()
            },
            move |(grant, stepped_down): (GrantRow, bool)| {
                let (path, message) = match (target, stepped_down) {
                    (Target::Request(_), _) => (
                        manage_path(kind),
                        format!(
                            "You approved the request. {label} is now a {} of this business.",
                            grant.access_type.label()
                        ),
                    ),
                    (Target::Grant(_), false) => (
                        manage_path(kind),
                        format!("You changed the access of {label}. We have emailed them about it."),
                    ),
                    (Target::Grant(_), true) => (
                        paths::MY_ACCESS,
                        format!(
                            "{label} is now a Master Administrator of {business}, and you are a Tax Administrator with All Access to every account."
                        ),
                    ),
                };
                flash.show_on(path, message);
                navigate(path, Default::default());
            },
        )
    };
    let on_submit = {
        let read = read.clone();
        let checked = checked.clone();
        decide.on_submit(form, move || match target {
            Target::Request(_) => checked(read()),
            Target::Grant(_) => match reviewing.get_untracked() {
                // Submit, on the review.
                Some(request) => Ok(request),
                // Next: check, then show the review.
                None => {
                    let request = checked(read())?;
                    form.clear();
                    reviewing.set(Some(request));
                    Err(Vec::new())
                }
            },
        })
    };

    let levels_view = {
        let levels = levels.clone();
        move || view! { <LevelsTable levels=levels.clone() error=form.error_for("levels")/> }
    };
    let step_down_view = {
        let option = Choice::new("yes", "Step down: make me a Tax Administrator").with_hint(format!(
            "Once {label} is a Master Administrator, you keep All Access to every account of {business} but can no longer manage its logons and access."
        ));
        move || {
            view! {
                <CheckboxGroup id=STEP_DOWN_FIELD legend="Your own access" options=vec![option.clone()]
                    selected=step_down error=form.error_for(STEP_DOWN_FIELD)/>
            }
        }
    };
    let master = AccessType::MasterAdministrator;
    let tax = AccessType::TaxAdministrator;
    let options = vec![
        Choice::new(master.code(), master.label()).with_hint(
            "All access to all accounts, and manages who else may act for the business.",
        ),
        Choice::new(tax.code(), tax.label()).with_hint("A level for each tax account."),
    ];
    let mut reveals = vec![Reveal::new(tax.code(), levels_view)];
    if offer_step_down {
        reveals.push(Reveal::new(master.code(), step_down_view));
    }
    let next_label = match target {
        Target::Request(_) => "Save and approve",
        Target::Grant(_) => "Next",
    };
    let pending = decide.pending();
    let accounts = levels.clone();
    let (person, firm, business_name) = (
        subject.who.clone(),
        subject.firm.clone(),
        context.legal_name.clone(),
    );
    view! {
        <dl class="summary-list">
            <SummaryRow term="Who">{person}</SummaryRow>
            {firm.map(|firm| view! { <SummaryRow term="Firm">{firm}</SummaryRow> })}
            <SummaryRow term="Business">{business_name}</SummaryRow>
        </dl>
        <form class="form" novalidate on:submit=on_submit>
            <div hidden=move || reviewing.with(Option::is_some)>
                <RadioGroup
                    id="access_type"
                    legend="Access type"
                    options=options
                    reveals=reveals
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
                <SubmitOrCancel pending=pending label=next_label cancel=manage_path(kind)/>
            </div>
            {move || reviewing.get().map(|request| view! {
                <Review request=request accounts=accounts.clone() label=label.clone() kind=kind
                    reviewing=reviewing pending=pending/>
            })}
        </form>
    }
}

/// The change as it will be made, before Submit sends it.
#[component]
fn Review(
    request: GrantDecisionForm,
    accounts: Vec<(AccountLevel, RwSignal<Level>)>,
    label: String,
    kind: RequestKind,
    reviewing: RwSignal<Option<GrantDecisionForm>>,
    pending: Signal<bool>,
) -> impl IntoView {
    let access = request.access_type.unwrap_or(AccessType::TaxAdministrator);
    let rights = match access {
        AccessType::MasterAdministrator => {
            view! { <p class="body">"All Access to every account"</p> }.into_any()
        }
        AccessType::TaxAdministrator => {
            let lines = accounts
                .iter()
                .map(|(account, _)| {
                    let level = request
                        .levels
                        .iter()
                        .find(|l| l.account_id == account.account_id)
                        .map(|l| l.level)
                        .unwrap_or(Level::NoAccess);
                    view! { <li>{format!("{}: {}", account_name(account), level.label())}</li> }
                })
                .collect_view();
            view! { <ul class="access-levels">{lines}</ul> }.into_any()
        }
    };
    let ends = CivilDate::parse_parts(&request.end_month, &request.end_day, &request.end_year)
        .map(|d| d.to_us())
        .unwrap_or_else(|_| "No end date".to_owned());
    let mine = request.step_down.then(|| {
        view! {
            <SummaryRow term="Your access">
                "Tax Administrator, with All Access to every account (you step down)"
            </SummaryRow>
        }
    });
    view! {
        <FocusedHeading text=REVIEW_HEADING/>
        <dl class="summary-list review">
            <SummaryRow term="Access type">{access.label()}</SummaryRow>
            <SummaryRow term="Access Rights">{rights}</SummaryRow>
            <SummaryRow term="End date">{ends}</SummaryRow>
            {mine}
        </dl>
        <p class="body">{format!(
            "When you submit, the change counts at once and {label} gets an email from us once it is processed."
        )}</p>
        <div class="button-group">
            <SubmitButton pending=pending>"Submit"</SubmitButton>
            <button type="button" class="button button--secondary" on:click=move |_| reviewing.set(None)>
                "Change"<span class="visually-hidden">" the access"</span>
            </button>
            <A href=manage_path(kind)>{format!("Cancel and go back to {}", manage_title(kind))}</A>
        </div>
    }
}

/// Seed 002's table: per account, Give Rights (a tick) and Access Rights (its
/// level). They move together: no tick is No Access.
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
            let give_id = format!("give-{}", account.account_id);
            view! {
                <tr class="table__row">
                    <th scope="row" class="table__header">{name.clone()}</th>
                    <td class="table__cell">
                        <div class="choice choice--small">
                            <input
                                class="choice__input"
                                type="checkbox"
                                id=give_id.clone()
                                prop:checked=move || level.get() != Level::NoAccess
                                on:change=move |ev| {
                                    let give = event_target_checked(&ev);
                                    level.set(match (give, level.get_untracked()) {
                                        (false, _) => Level::NoAccess,
                                        (true, Level::NoAccess) => Level::ViewOnly,
                                        (true, kept) => kept,
                                    });
                                }
                            />
                            <label class="label choice__label" for=give_id>
                                <span class="visually-hidden">{format!("Give rights on {name}")}</span>
                            </label>
                        </div>
                    </td>
                    <td class="table__cell">
                        <label class="visually-hidden" for=id.clone()>{format!("Access Rights for {name}")}</label>
                        <LevelSelect id=id level=level levels=&Level::ALL/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <ErrorMessage id="levels" error=error/>
            <Table id="levels-table" caption="Level for each account" head=move || view! {
                    <th scope="col" class="table__header">"Account"</th>
                    <th scope="col" class="table__header">"Give Rights"</th>
                    <th scope="col" class="table__header">"Access Rights"</th>
            }>
                {rows}
            </Table>
        </div>
    }
}
