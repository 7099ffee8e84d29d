//! A secondary logon's forms: Security Groups → Change, Change Access (also
//! Account Access → Change; seed 002: Next, a review, then Submit, and the
//! person is emailed), and Disable and Deactivate Access, each confirmed on a
//! page of its own that says whether it can be undone.

use super::{
    access_form::{
        access_errors, AccessSettings, AccessTypeField, AccountTypesField, ACCESS_TYPE_FIELD,
        TAX_TYPES_FIELD,
    },
    api, logon_path,
    secondary_add::{chosen_groups, group_choices},
    secondary_page::{use_logon_id, WithLogon},
};
use crate::{
    api::ApiError,
    components::{
        form_errors, BackLink, CheckboxGroup, ErrorSummary, FocusedHeading, FormError, FormState,
        Loaded, Submit, SubmitButton, SubmitOrCancel, SummaryRow,
    },
    session::use_flash,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use wire::secondary::{ChangeGroupsRequest, ChangeSecondaryAccessRequest, SecondaryLogonView};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub ChangeGroupsRoute in users => view! { <RequireSession><ChangeGroupsPage/></RequireSession> });
lazy_page!(pub ChangeAccessRoute in users => view! { <RequireSession><ChangeAccessPage/></RequireSession> });
lazy_page!(pub DisableRoute in users => view! { <RequireSession><DisablePage/></RequireSession> });
lazy_page!(pub DeactivateRoute in users => view! { <RequireSession><DeactivatePage/></RequireSession> });

/// Returns a closure that shows `message` on the logon's page and goes there.
fn back_to_logon(id: i64) -> impl Fn(String) + Clone + 'static {
    let flash = use_flash();
    let navigate = use_navigate();
    move |message: String| {
        let path = logon_path(id);
        flash.show_on(&path, message);
        navigate(&path, Default::default());
    }
}

/// A refusal of the access settings: a 422 on them goes by the box it is
/// about (the account types once a type is chosen).
fn access_refused(error: &ApiError, type_chosen: bool) -> Vec<FormError> {
    match (error.status(), error.body()) {
        (Some(422), Some(body)) if !body.fields.is_empty() => {
            access_errors(body.fields.clone().into(), type_chosen)
        }
        _ => form_errors(error),
    }
}

/// One of the logon's pages: its title, the link back to it, the error
/// summary, and the form (`children`) with Save or its own buttons.
#[component]
fn LogonFormPage(
    title: &'static str,
    id: i64,
    form: FormState,
    children: Children,
) -> impl IntoView {
    view! {
        <Page
            title=title
            error=form.has_errors()
            before_title=move || view! {
                <BackLink href=logon_path(id) label="Back to the secondary logon"/>
                <ErrorSummary form=form/>
            }
        >
            {children()}
        </Page>
    }
}

// ---- Security Groups → Change ------------------------------------------------

#[component]
pub fn ChangeGroupsPage() -> impl IntoView {
    let id = use_logon_id();
    view! { <WithLogon id=id content=|logon| view! { <GroupsForm logon=logon/> }/> }
}

#[component]
fn GroupsForm(logon: SecondaryLogonView) -> impl IntoView {
    let form = FormState::new();
    let groups = LocalResource::new(api::security_groups);
    let selected = RwSignal::new(
        logon
            .groups
            .iter()
            .map(|g| g.id.to_string())
            .collect::<Vec<_>>(),
    );
    let id = logon.id;
    let done = back_to_logon(id);
    let save = Submit::form(
        form,
        move |request: ChangeGroupsRequest| async move { api::change_groups(id, &request).await },
        move |_| done("The security groups have been changed.".into()),
    );
    let on_submit = save.on_submit(form, move || {
        let request = ChangeGroupsRequest {
            groups: chosen_groups(&selected.get_untracked()),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    let pending = save.pending();
    view! {
        <LogonFormPage title="Change Security Groups" id=id form=form>
            <p class="body">{format!("Choose the security groups of {} ({}). The logon reaches the customers in every group you tick.", logon.name, logon.username)}</p>
            <Loaded data=groups view={move |groups| view! {
                <form class="form" novalidate on:submit=on_submit.clone()>
                    <CheckboxGroup id="groups" legend="Security groups" options=group_choices(&groups)
                        selected=selected error=form.error_for("groups")/>
                    <SubmitOrCancel pending=pending label="Save" cancel=logon_path(id)/>
                </form>
            }}/>
        </LogonFormPage>
    }
}

// ---- Change Access -------------------------------------------------------------

#[component]
pub fn ChangeAccessPage() -> impl IntoView {
    let id = use_logon_id();
    view! { <WithLogon id=id content=|logon| view! { <AccessForm logon=logon/> }/> }
}

#[component]
fn AccessForm(logon: SecondaryLogonView) -> impl IntoView {
    let form = FormState::new();
    let settings = AccessSettings::from(Some(logon.access_type), &logon.tax_types);
    let id = logon.id;
    let done = back_to_logon(id);
    let who = format!("{} ({})", logon.name, logon.username);
    // Seed 002: Next shows the change, Submit makes it.
    let reviewing = RwSignal::new(None::<ChangeSecondaryAccessRequest>);
    let save = Submit::form_with(
        form,
        move |request: ChangeSecondaryAccessRequest| async move {
            api::change_access(id, &request).await
        },
        move |error| {
            reviewing.set(None);
            access_refused(error, settings.chosen_type().is_some())
        },
        move |_| done("The access has been changed. We have emailed them about it.".into()),
    );
    let on_submit = save.on_submit(form, move || match reviewing.get_untracked() {
        Some(request) => Ok(request),
        None => {
            let request = ChangeSecondaryAccessRequest {
                access_type: settings.chosen_type(),
                tax_types: settings.tax_types(),
            };
            let chosen = request.access_type.is_some();
            request
                .parse()
                .map_err(|errors| access_errors(errors, chosen))?;
            form.clear();
            reviewing.set(Some(request));
            Err(Vec::new())
        }
    });
    let pending = save.pending();
    view! {
        <LogonFormPage title="Change Access" id=id form=form>
            <p class="body">{format!("What {who} may do. The logon never gets more than you have, and loses what you lose.")}</p>
            <form class="form" novalidate on:submit=on_submit>
                <div hidden=move || reviewing.with(Option::is_some)>
                    <AccessTypeField settings=settings error=form.error_for(ACCESS_TYPE_FIELD)/>
                    <AccountTypesField settings=settings error=form.error_for(TAX_TYPES_FIELD)/>
                    <SubmitOrCancel pending=pending label="Next" cancel=logon_path(id)/>
                </div>
                {move || reviewing.get().map(|_| view! {
                    <AccessReview settings=settings who=who.clone() id=id reviewing=reviewing pending=pending/>
                })}
            </form>
        </LogonFormPage>
    }
}

/// The access as it will be, before Submit.
#[component]
fn AccessReview(
    settings: AccessSettings,
    who: String,
    id: i64,
    reviewing: RwSignal<Option<ChangeSecondaryAccessRequest>>,
    pending: Signal<bool>,
) -> impl IntoView {
    let access_type = settings
        .chosen_type()
        .map(|t| t.label())
        .unwrap_or_default();
    let logon_label = who.clone();
    let types = settings
        .summary()
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect_view();
    view! {
        <FocusedHeading text=crate::grants::decision::REVIEW_HEADING/>
        <dl class="summary-list review">
            <SummaryRow term="Secondary logon">{logon_label}</SummaryRow>
            <SummaryRow term="Access Type">{access_type}</SummaryRow>
            <SummaryRow term="Account Access"><ul class="access-levels">{types}</ul></SummaryRow>
        </dl>
        <p class="body">{format!("When you submit, the change counts from their next request and {who} gets an email from us once it is processed.")}</p>
        <div class="button-group">
            <SubmitButton pending=pending>"Submit"</SubmitButton>
            <button type="button" class="button button--secondary" on:click=move |_| reviewing.set(None)>
                "Change"<span class="visually-hidden">" the access"</span>
            </button>
            <A href=logon_path(id)>"Cancel"</A>
        </div>
    }
}

// ---- Disable and Deactivate Access --------------------------------------------

#[component]
pub fn DisablePage() -> impl IntoView {
    let id = use_logon_id();
    view! { <WithLogon id=id content=|logon| view! { <DisableConfirm logon=logon/> }/> }
}

/// Disable, confirmed first: what happens, and that Activate undoes it.
#[component]
fn DisableConfirm(logon: SecondaryLogonView) -> impl IntoView {
    let consequence = format!(
        "{} ({}) will be logged out now and will not be able to log in while the logon is disabled.",
        logon.name, logon.username
    );
    confirm_page(
        Confirm {
            title: "Disable Logon",
            label: "Disable",
            consequence,
            undo: "Their security groups and account access stay as they are. You can undo this at any time: Activate on the logon's page lets them log in again.",
        },
        logon.id,
        |id| api::logon_action(id, "disable"),
        |view| {
            format!(
                "{} is disabled. It cannot log in until you activate it.",
                view.username
            )
        },
    )
}

#[component]
pub fn DeactivatePage() -> impl IntoView {
    let id = use_logon_id();
    view! { <WithLogon id=id content=|logon| view! { <DeactivateConfirm logon=logon/> }/> }
}

#[component]
fn DeactivateConfirm(logon: SecondaryLogonView) -> impl IntoView {
    let consequence = format!(
        "Deactivating the access of {} ({}) is final and cannot be undone. The logon is logged out and can never log in again.",
        logon.name, logon.username
    );
    confirm_page(
        Confirm {
            title: "Deactivate Access",
            label: "Deactivate Access",
            consequence,
            undo: "To give this person access again later, add a new secondary logon. If you only want to stop them for a while, use Disable instead.",
        },
        logon.id,
        api::deactivate,
        |view| format!("Access deactivated for {}.", view.username),
    )
}

/// The words of a warning action's confirmation page.
struct Confirm {
    title: &'static str,
    /// The warning button's label.
    label: &'static str,
    /// What happens, in bold.
    consequence: String,
    /// Whether it can be undone, and how.
    undo: &'static str,
}

/// A warning action on the logon confirmed on a page of its own: what
/// happens, whether it can be undone, then the warning button, which sends
/// `send` and goes back to the logon's page saying `done`.
fn confirm_page<Fu>(
    words: Confirm,
    id: i64,
    send: impl Fn(i64) -> Fu + 'static,
    done: impl Fn(SecondaryLogonView) -> String + 'static,
) -> impl IntoView
where
    Fu: std::future::Future<Output = Result<SecondaryLogonView, ApiError>> + 'static,
{
    let form = FormState::new();
    let back = back_to_logon(id);
    let action = Submit::form(form, move |()| send(id), move |view| back(done(view)));
    let on_submit = action.on_submit(form, || Ok(()));
    view! {
        <LogonFormPage title=words.title id=id form=form>
            <div class="warning-text">
                <p class="body"><strong>{words.consequence}</strong></p>
            </div>
            <p class="body">{words.undo}</p>
            <form class="form" novalidate on:submit=on_submit>
                <SubmitOrCancel pending=action.pending() label=words.label cancel=logon_path(id) warning=true/>
            </form>
        </LogonFormPage>
    }
}
