//! A secondary logon's forms: Security Groups → Change, Change Access (also
//! Account Access → Change), and Deactivate Access (final, so confirmed).

use super::{
    access_form::{
        access_errors, AccessSettings, AccessTypeField, AccountTypesField, ACCESS_TYPE_FIELD,
        TAX_TYPES_FIELD,
    },
    api, logon_path,
    secondary_add::{chosen_groups, group_choices},
    secondary_page::{use_logon_id, WithLogon},
    BackLink,
};
use crate::{
    api::ApiError,
    components::{CheckboxGroup, ErrorSummary, FormState, LoadError, Loading},
    pages::profile_form::form_errors,
    session::{use_flash, use_session},
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate};
use wire::secondary::{ChangeGroupsRequest, ChangeSecondaryAccessRequest, SecondaryLogonView};

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

/// A refusal: 401 ends the session; anything else goes on the form.
fn refused(error: ApiError, form: FormState, type_chosen: Option<bool>) {
    if error.is_unauthorized() {
        use_session().expired();
        return;
    }
    match (type_chosen, error.status(), error.body()) {
        (Some(chosen), Some(422), Some(body)) if !body.fields.is_empty() => {
            form.fail(access_errors(body.fields.clone().into(), chosen))
        }
        _ => form.fail(form_errors(&error)),
    }
}

fn back_link(id: i64) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || view! { <BackLink href=logon_path(id) label="Back to the secondary logon"/> }.into_any()
}

// ---- Security Groups → Change ------------------------------------------------

lazy_page!(pub ChangeGroupsRoute in users => view! { <RequireSession><ChangeGroupsPage/></RequireSession> });

#[component]
pub fn ChangeGroupsPage() -> impl IntoView {
    let id = use_logon_id();
    view! { <WithLogon id=id content=|logon| view! { <GroupsForm logon=logon/> }/> }
}

#[component]
fn GroupsForm(logon: SecondaryLogonView) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let groups = LocalResource::new(api::security_groups);
    let retry = Callback::new(move |_| groups.refetch());
    let selected = RwSignal::new(
        logon
            .groups
            .iter()
            .map(|g| g.id.to_string())
            .collect::<Vec<_>>(),
    );
    let pending = RwSignal::new(false);
    let id = logon.id;
    let done = back_to_logon(id);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = ChangeGroupsRequest {
            groups: chosen_groups(&selected.get_untracked()),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        let done = done.clone();
        spawn_local(async move {
            match api::change_groups(id, &request).await {
                Ok(_) => done("The security groups have been changed.".into()),
                Err(error) => refused(error, form, None),
            }
            pending.set(false);
        });
    };
    let back = back_link(id);
    view! {
        <Page
            title="Change Security Groups"
            error=form.has_errors()
            before_title=move || view! { {back()} <ErrorSummary form=form/> }
        >
            <p class="body">{format!("Choose the security groups of {} ({}). The logon reaches the customers in every group you tick.", logon.name, logon.username)}</p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || {
                    let submit = submit.clone();
                    Suspend::new(async move {
                    match groups.await {
                        Ok(groups) => view! {
                            <form class="form" novalidate on:submit=submit>
                                <CheckboxGroup id="groups" legend="Security groups" options=group_choices(&groups)
                                    selected=selected error=form.error_for("groups")/>
                                <div class="button-group">
                                    <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>"Save"</button>
                                    <A href=logon_path(id)>"Cancel"</A>
                                </div>
                            </form>
                        }.into_any(),
                        Err(error) if error.is_unauthorized() => {
                            session.expired();
                            view! { <Loading/> }.into_any()
                        }
                        Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                    }
                })
                }}
            </Suspense>
        </Page>
    }
}

// ---- Change Access -------------------------------------------------------------

lazy_page!(pub ChangeAccessRoute in users => view! { <RequireSession><ChangeAccessPage/></RequireSession> });

#[component]
pub fn ChangeAccessPage() -> impl IntoView {
    let id = use_logon_id();
    view! { <WithLogon id=id content=|logon| view! { <AccessForm logon=logon/> }/> }
}

#[component]
fn AccessForm(logon: SecondaryLogonView) -> impl IntoView {
    let form = FormState::new();
    let settings = AccessSettings::from(Some(logon.access_type), &logon.tax_types);
    let pending = RwSignal::new(false);
    let id = logon.id;
    let done = back_to_logon(id);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = ChangeSecondaryAccessRequest {
            access_type: settings.chosen_type(),
            tax_types: settings.tax_types(),
        };
        let chosen = request.access_type.is_some();
        if let Err(errors) = request.parse() {
            form.fail(access_errors(errors, chosen));
            return;
        }
        pending.set(true);
        let done = done.clone();
        spawn_local(async move {
            match api::change_access(id, &request).await {
                Ok(_) => done("The access has been changed.".into()),
                Err(error) => refused(error, form, Some(chosen)),
            }
            pending.set(false);
        });
    };
    let back = back_link(id);
    view! {
        <Page
            title="Change Access"
            error=form.has_errors()
            before_title=move || view! { {back()} <ErrorSummary form=form/> }
        >
            <p class="body">{format!("What {} ({}) may do. The logon never gets more than you have, and loses what you lose.", logon.name, logon.username)}</p>
            <form class="form" novalidate on:submit=submit>
                <AccessTypeField settings=settings error=form.error_for(ACCESS_TYPE_FIELD)/>
                <AccountTypesField settings=settings error=form.error_for(TAX_TYPES_FIELD)/>
                <div class="button-group">
                    <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>"Save"</button>
                    <A href=logon_path(id)>"Cancel"</A>
                </div>
            </form>
        </Page>
    }
}

// ---- Deactivate Access -----------------------------------------------------------

lazy_page!(pub DeactivateRoute in users => view! { <RequireSession><DeactivatePage/></RequireSession> });

#[component]
pub fn DeactivatePage() -> impl IntoView {
    let id = use_logon_id();
    view! { <WithLogon id=id content=|logon| view! { <DeactivateConfirm logon=logon/> }/> }
}

#[component]
fn DeactivateConfirm(logon: SecondaryLogonView) -> impl IntoView {
    let form = FormState::new();
    let pending = RwSignal::new(false);
    let id = logon.id;
    let done = back_to_logon(id);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let done = done.clone();
        spawn_local(async move {
            match api::deactivate(id).await {
                Ok(view) => done(format!("Access deactivated for {}.", view.username)),
                Err(error) => refused(error, form, None),
            }
            pending.set(false);
        });
    };
    let back = back_link(id);
    view! {
        <Page
            title="Deactivate Access"
            error=form.has_errors()
            before_title=move || view! { {back()} <ErrorSummary form=form/> }
        >
            <div class="warning-text">
                <p class="body"><strong>{format!(
                    "Deactivating the access of {} ({}) is final. The logon is signed out and can never log in again.",
                    logon.name, logon.username
                )}</strong></p>
            </div>
            <p class="body">"To give this person access again later, add a new secondary logon. If you only want to stop them for a while, use Disable instead."</p>
            <form class="form" novalidate on:submit=submit>
                <div class="button-group">
                    <button type="submit" class="button button--warning" aria-disabled=move || pending.get().then_some("true")>"Deactivate Access"</button>
                    <A href=logon_path(id)>"Cancel"</A>
                </div>
            </form>
        </Page>
    }
}
