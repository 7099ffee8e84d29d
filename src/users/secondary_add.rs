//! `/more/secondary-logons/add`: "Create a Logon for Someone Else". Saving mails
//! the person a link to set their password; the page then says so, and OK
//! returns to the list.

use super::{
    access_form::{
        access_errors, AccessSettings, AccessTypeField, AccountTypesField, ACCESS_TYPE_FIELD,
        TAX_TYPES_FIELD,
    },
    api, BackLink, SECONDARY_LOGONS_PATH,
};
use crate::{
    components::{CheckboxGroup, Choice, ErrorSummary, FormState, LoadError, Loading, TextInput},
    pages::profile_form::form_errors,
    session::use_session,
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, html, prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate};
use wire::secondary::{NewSecondaryLogonRequest, SecondaryLogonView, SecurityGroupView};

pub const TITLE: &str = "Create a Logon for Someone Else";

lazy_page!(pub AddSecondaryLogonRoute in users => view! { <RequireSession><AddSecondaryLogonPage/></RequireSession> });

#[component]
pub fn AddSecondaryLogonPage() -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let created = RwSignal::new(None::<SecondaryLogonView>);
    let groups = LocalResource::new(api::security_groups);
    let retry = Callback::new(move |_| groups.refetch());
    view! {
        <Page
            title=TITLE
            error=form.has_errors()
            before_title=move || view! {
                <BackLink href=SECONDARY_LOGONS_PATH label="Back to Secondary Logons"/>
                <ErrorSummary form=form/>
            }
        >
            {move || match created.get() {
                Some(logon) => view! { <Created logon=logon/> }.into_any(),
                None => view! {
                    <Suspense fallback=|| view! { <Loading/> }>
                        {move || Suspend::new(async move {
                            match groups.await {
                                Ok(groups) => view! { <AddForm form=form groups=groups created=created/> }.into_any(),
                                Err(error) if error.is_unauthorized() => {
                                    session.expired();
                                    view! { <Loading/> }.into_any()
                                }
                                Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                            }
                        })}
                    </Suspense>
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
    created: RwSignal<Option<SecondaryLogonView>>,
) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let confirm_email = RwSignal::new(String::new());
    let settings = AccessSettings::all();
    // Default is ticked to start with, as seed 000 shows.
    let selected_groups = RwSignal::new(
        groups
            .iter()
            .filter(|g| g.is_default)
            .map(|g| g.id.to_string())
            .collect::<Vec<_>>(),
    );
    let pending = RwSignal::new(false);
    let session = use_session();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
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
        if let Err(errors) = request.parse() {
            form.fail(access_errors(errors, type_chosen));
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match api::add_secondary_logon(&request).await {
                Ok(logon) => {
                    form.clear();
                    created.set(Some(logon));
                }
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => form.fail(form_errors(&error)),
            }
            pending.set(false);
        });
    };

    view! {
        <div class="with-side-note">
            <form class="form" novalidate on:submit=submit>
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
                <div class="button-group">
                    <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>"Save"</button>
                    <A href=SECONDARY_LOGONS_PATH>"Cancel"</A>
                </div>
            </form>
            <SecondaryNote/>
        </div>
    }
}

/// After Save: the email has gone; OK returns to the list.
#[component]
fn Created(logon: SecondaryLogonView) -> impl IntoView {
    let navigate = use_navigate();
    let notice = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(element) = notice.get() {
            let _ = element.focus();
        }
    });
    view! {
        <div class="notice" role="status" tabindex="-1" node_ref=notice>
            <p class="body">{format!(
                "An email has been sent to {}. It asks {} to go to the Taxpayer Portal and create a password for the logon {}.",
                logon.email, logon.name, logon.username
            )}</p>
        </div>
        <button type="button" class="button" on:click=move |_| navigate(SECONDARY_LOGONS_PATH, Default::default())>
            "OK"
        </button>
    }
}
