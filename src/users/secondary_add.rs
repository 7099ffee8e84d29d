//! `/more/secondary-logons/add`: "Create a Logon for Someone Else". It starts
//! from the creator's own access and the Default group (seed 000), so Logon,
//! Name, Email, Confirm Email and Save are enough; the access settings are
//! there to change. Saving mails the person a link to set their password; the
//! page then says so, and OK returns to the list.

use super::{
    access_form::{
        access_errors, AccessSettings, AccessTypeField, AccountTypesField, ACCESS_TYPE_FIELD,
        TAX_TYPES_FIELD,
    },
    api,
};
use crate::{
    components::{
        BackLink, CheckboxGroup, Choice, Confirmation, ErrorSummary, FormState, Loaded, Submit,
        SubmitOrCancel, SummaryRow, TextInput,
    },
    paths,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use wire::access::{AccessType, Level};
use wire::secondary::{
    NewSecondaryLogonRequest, SecondaryDefaults, SecondaryLogonView, SecurityGroupView,
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub AddSecondaryLogonRoute in users => view! { <RequireSession><AddSecondaryLogonPage/></RequireSession> });

pub const TITLE: &str = "Create a Logon for Someone Else";

#[component]
pub fn AddSecondaryLogonPage() -> impl IntoView {
    let form = FormState::new();
    let created = RwSignal::new(None::<SecondaryLogonView>);
    let starting = LocalResource::new(|| async {
        Ok::<_, crate::api::ApiError>((
            api::security_groups().await?,
            api::secondary_defaults().await?,
        ))
    });
    view! {
        <Page
            title=TITLE
            error=form.has_errors()
            before_title=move || view! {
                <BackLink href=paths::SECONDARY_LOGONS label="Back to Secondary Logons"/>
                <ErrorSummary form=form/>
            }
        >
            {move || match created.get() {
                Some(logon) => view! { <Created logon=logon/> }.into_any(),
                None => view! {
                    <Loaded data=starting view={move |(groups, defaults)| view! {
                        <AddForm form=form groups=groups defaults=defaults created=created/>
                    }}/>
                }.into_any(),
            }}
        </Page>
    }
}

/// The side note of seed 000: what a secondary logon is.
#[component]
pub fn SecondaryNote() -> impl IntoView {
    view! {
        <aside class="side-note" aria-labelledby="side-note-heading">
            <h2 class="heading-s" id="side-note-heading">"Secondary Logons"</h2>
            <ul class="list">
                <li>"Perform work on your behalf."</li>
                <li>"May only have access to customers and accounts that you have access to."</li>
                <li>"Will lose access to customers and accounts that you lose access to."</li>
                <li>"Will have their logons cancelled when your logon is cancelled."</li>
                <li>"Can have their access managed for all customers and accounts."</li>
            </ul>
        </aside>
    }
}

/// The security groups as checkboxes (values are the group ids).
pub fn group_choices(groups: &[SecurityGroupView]) -> Vec<Choice> {
    groups
        .iter()
        .map(|g| {
            let choice = Choice::new(g.id.to_string(), g.name.clone());
            if g.description.trim().is_empty() {
                choice
            } else {
                choice.with_hint(g.description.clone())
            }
        })
        .collect()
}

/// The ticked group ids.
pub fn chosen_groups(selected: &[String]) -> Vec<i64> {
    selected.iter().filter_map(|v| v.parse().ok()).collect()
}

#[component]
fn AddForm(
    form: FormState,
    groups: Vec<SecurityGroupView>,
    defaults: SecondaryDefaults,
    created: RwSignal<Option<SecondaryLogonView>>,
) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let confirm_email = RwSignal::new(String::new());
    let settings = AccessSettings::creators(&defaults);
    // Default is ticked to start with, as seed 000 shows.
    let selected_groups = RwSignal::new(
        groups
            .iter()
            .filter(|g| g.is_default)
            .map(|g| g.id.to_string())
            .collect::<Vec<_>>(),
    );
    let save = Submit::form(
        form,
        |request: NewSecondaryLogonRequest| async move { api::add_secondary_logon(&request).await },
        move |logon| created.set(Some(logon)),
    );
    let on_submit = save.on_submit(form, move || {
        let request = NewSecondaryLogonRequest {
            username: username.get_untracked(),
            name: name.get_untracked(),
            email: email.get_untracked(),
            confirm_email: confirm_email.get_untracked(),
            access_type: settings.chosen_type(),
            groups: chosen_groups(&selected_groups.get_untracked()),
            tax_types: settings.tax_types(),
        };
        let type_chosen = request.access_type.is_some();
        request
            .parse()
            .map_err(|errors| access_errors(errors, type_chosen))?;
        Ok(request)
    });

    view! {
        <div class="with-side-note">
            <form class="form" novalidate on:submit=on_submit>
                <p class="body">"Enter the details of the person who will use the logon. Be sure to give their own email address: we send them a link to create their password."</p>
                <TextInput
                    id="username"
                    label="Logon"
                    hint="The username they will log in with: 3 to 64 characters, letters, numbers, full stops, hyphens, underscores or @. It cannot be changed later."
                    value=username
                    error=form.error_for("username")
                    autocomplete="off"
                    no_spellcheck=true
                    width_class="input--width-20"
                />
                <TextInput id="name" label="Name" value=name error=form.error_for("name") autocomplete="off"/>
                <TextInput id="email" label="Email" value=email input_type="email"
                    error=form.error_for("email") autocomplete="off" no_spellcheck=true/>
                <TextInput id="confirm_email" label="Confirm Email" value=confirm_email input_type="email"
                    error=form.error_for("confirm_email") autocomplete="off" no_spellcheck=true/>
                <AccessTypeField settings=settings error=form.error_for(ACCESS_TYPE_FIELD)/>
                <h2 class="heading-m">"Access Settings"</h2>
                <CheckboxGroup
                    id="groups"
                    legend="Security groups"
                    hint="The logon reaches the customers in the groups you tick."
                    options=group_choices(&groups)
                    selected=selected_groups
                    error=form.error_for("groups")
                />
                <AccountTypesField settings=settings error=form.error_for(TAX_TYPES_FIELD)/>
                <SubmitOrCancel pending=save.pending() label="Save" cancel=paths::SECONDARY_LOGONS/>
            </form>
            <SecondaryNote/>
        </div>
    }
}

/// After Save: the email has gone, and what the new logon can do is spelled
/// out (issue 14 §3: Add starts from the creator's own access, so nobody
/// grants more than they meant without seeing it), with Change Access; OK
/// returns to the list.
#[component]
fn Created(logon: SecondaryLogonView) -> impl IntoView {
    let navigate = use_navigate();
    let message = format!(
        "An email has been sent to {}. It asks {} to go to the Taxpayer Portal and create a password for the logon {}.",
        logon.email, logon.name, logon.username
    );
    let master = logon.access_type == AccessType::MasterAdministrator;
    let groups = logon
        .groups
        .iter()
        .map(|g| view! { <li>{g.name.clone()}</li> })
        .collect_view();
    let types = logon
        .tax_types
        .iter()
        .map(|t| {
            let level = if master { Level::AllAccess } else { t.level };
            view! { <li>{format!("{}: {}", t.tax_type.label(), level.label())}</li> }
        })
        .collect_view();
    let reach = if master {
        format!("{} is a Master Administrator of the customers in these groups: All Access to the account types below, and they can manage other logons' access.", logon.name)
    } else {
        format!("{} is a Tax Administrator of the customers in these groups, at the level shown for each account type below.", logon.name)
    };
    let access_href = paths::fill(paths::SECONDARY_LOGON_ACCESS, &[logon.id]);
    view! {
        <Confirmation message=message>
            <h2 class="heading-m">"What this logon can do"</h2>
            <p class="body">{reach}</p>
            <dl class="summary-list">
                <SummaryRow term="Access type">{logon.access_type.label()}</SummaryRow>
                <SummaryRow term="Security groups"><ul class="list">{groups}</ul></SummaryRow>
                <SummaryRow term="Account types">
                    <ul class="list">{types}</ul>
                </SummaryRow>
            </dl>
            <p class="body">
                "More than you meant? "
                <A href=access_href>"Change Access"<span class="visually-hidden">{format!(" for {}", logon.username)}</span></A>
            </p>
            <button type="button" class="button" on:click=move |_| navigate(paths::SECONDARY_LOGONS, Default::default())>
                "OK"
            </button>
        </Confirmation>
    }
}
