//! The Security Groups tab (`/more/security-groups`): each group with how many
//! customers and secondary logons it has; Add, Change and Delete (Default has
//! neither Change nor Delete: it always exists).

use super::{api, BackLink, ManageTabs, SECURITY_GROUPS_PATH};
use crate::{
    components::{ErrorSummary, FormState, LoadError, Loading, TextInput},
    pages::profile_form::form_errors,
    session::{use_flash, use_session},
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
};
use wire::secondary::{SecurityGroupForm, SecurityGroupView};

pub const TITLE: &str = "Security Groups";
pub const ADD_PATH: &str = "/more/security-groups/add";

fn group_path(id: i64, action: &str) -> String {
    format!("{SECURITY_GROUPS_PATH}/{id}/{action}")
}

fn back() -> AnyView {
    view! { <BackLink href=SECURITY_GROUPS_PATH label="Back to Security Groups"/> }.into_any()
}

/// Shows `message` on the Security Groups tab and goes there.
fn back_to_groups() -> impl Fn(String) + Clone + 'static {
    let flash = use_flash();
    let navigate = use_navigate();
    move |message: String| {
        flash.show_on(SECURITY_GROUPS_PATH, message);
        navigate(SECURITY_GROUPS_PATH, Default::default());
    }
}

lazy_page!(pub SecurityGroupsRoute in users => view! { <RequireSession><SecurityGroupsPage/></RequireSession> });

#[component]
pub fn SecurityGroupsPage() -> impl IntoView {
    let session = use_session();
    let groups = LocalResource::new(api::security_groups);
    let retry = Callback::new(move |_| groups.refetch());
    view! {
        <Page title=TITLE before_title=|| view! { <BackLink href=super::more::PATH label="Back to More..."/> }>
            <ManageTabs/>
            <p class="body"><A href=ADD_PATH>"Add"<span class="visually-hidden">" a security group"</span></A></p>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match groups.await {
                        Ok(groups) => view! { <GroupTable groups=groups/> }.into_any(),
                        Err(error) if error.is_unauthorized() => {
                            session.expired();
                            view! { <Loading/> }.into_any()
                        }
                        Err(error) if error.status() == Some(403) => {
                            view! { <p class="body">{super::secondary_list::NOT_FOR_SECONDARY}</p> }.into_any()
                        }
                        Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn GroupTable(groups: Vec<SecurityGroupView>) -> impl IntoView {
    let rows = groups
        .into_iter()
        .map(|g| {
            let actions = (!g.is_default).then(|| {
                let which = format!(" {}", g.name);
                let which_too = which.clone();
                view! {
                    <ul class="table-actions">
                        <li><A href=group_path(g.id, "change")>"Change"<span class="visually-hidden">{which}</span></A></li>
                        <li><A href=group_path(g.id, "delete")>"Delete"<span class="visually-hidden">{which_too}</span></A></li>
                    </ul>
                }
            });
            view! {
                <tr class="table__row">
                    <th scope="row" class="table__header">{g.name}</th>
                    <td class="table__cell">{g.description}</td>
                    <td class="table__cell table__cell--numeric">{g.customer_count}</td>
                    <td class="table__cell table__cell--numeric">{g.logon_count}</td>
                    <td class="table__cell">{actions}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" aria-labelledby="groups-caption" tabindex="0">
            <table class="table" id="groups-table">
                <caption class="table__caption" id="groups-caption">"Security groups"</caption>
                <thead class="table__head">
                    <tr class="table__row">
                        <th scope="col" class="table__header">"Name"</th>
                        <th scope="col" class="table__header">"Description"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Customers"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Secondary Logons"</th>
                        <th scope="col" class="table__header"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody class="table__body">{rows}</tbody>
            </table>
        </div>
    }
}

/// The group in the address (`/more/security-groups/{id}/…`), loaded from the list.
fn use_group() -> (
    Option<i64>,
    LocalResource<Result<Option<SecurityGroupView>, crate::api::ApiError>>,
) {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    let group = LocalResource::new(move || async move {
        let groups = api::security_groups().await?;
        Ok(groups
            .into_iter()
            .find(|g| Some(g.id) == id && !g.is_default))
    });
    (id, group)
}

lazy_page!(pub AddSecurityGroupRoute in users => view! { <RequireSession><SecurityGroupFormPage change=false/></RequireSession> });
lazy_page!(pub ChangeSecurityGroupRoute in users => view! { <RequireSession><SecurityGroupFormPage change=true/></RequireSession> });

/// Add (`/more/security-groups/add`) and Change (`…/{id}/change`).
#[component]
pub fn SecurityGroupFormPage(change: bool) -> impl IntoView {
    let session = use_session();
    if !change {
        return view! { <GroupForm group=None/> }.into_any();
    }
    let (_, group) = use_group();
    let retry = Callback::new(move |_| group.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(Some(group)) => view! { <GroupForm group=Some(group)/> }.into_any(),
                    Ok(None) => view! { <crate::pages::NotFound/> }.into_any(),
                    Err(error) if error.is_unauthorized() => {
                        session.expired();
                        view! { <Loading/> }.into_any()
                    }
                    Err(error) => view! {
                        <Page title="Change Security Group" before_title=back><LoadError message=error.message() on_retry=retry/></Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn GroupForm(group: Option<SecurityGroupView>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let editing = group.as_ref().map(|g| g.id);
    let name = RwSignal::new(group.as_ref().map(|g| g.name.clone()).unwrap_or_default());
    let description = RwSignal::new(group.map(|g| g.description).unwrap_or_default());
    let pending = RwSignal::new(false);
    let done = back_to_groups();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = SecurityGroupForm {
            name: name.get_untracked(),
            description: description.get_untracked(),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        let done = done.clone();
        spawn_local(async move {
            let result = match editing {
                Some(id) => api::change_security_group(id, &request).await,
                None => api::add_security_group(&request).await,
            };
            match result {
                Ok(saved) => done(match editing {
                    Some(_) => format!("The security group {} has been saved.", saved.name),
                    None => format!("The security group {} has been added. Move customers to it on the Customer Security tab.", saved.name),
                }),
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => form.fail(form_errors(&error)),
            }
            pending.set(false);
        });
    };
    let title = if editing.is_some() {
        "Change Security Group"
    } else {
        "Add a Security Group"
    };
    view! {
        <Page title=title error=form.has_errors() before_title=move || view! { {back()} <ErrorSummary form=form/> }>
            <form class="form" novalidate on:submit=submit>
                <TextInput id="name" label="Name" value=name error=form.error_for("name")
                    autocomplete="off" width_class="input--width-20"/>
                <TextInput id="description" label="Description (optional)" value=description
                    hint="For example, which clients it holds or who works on them."
                    error=form.error_for("description") autocomplete="off"/>
                <div class="button-group">
                    <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>"Save"</button>
                    <A href=SECURITY_GROUPS_PATH>"Cancel"</A>
                </div>
            </form>
        </Page>
    }
}

lazy_page!(pub DeleteSecurityGroupRoute in users => view! { <RequireSession><DeleteSecurityGroupPage/></RequireSession> });

/// `/more/security-groups/{id}/delete`: confirmed, since its customers move.
#[component]
pub fn DeleteSecurityGroupPage() -> impl IntoView {
    let session = use_session();
    let (_, group) = use_group();
    let retry = Callback::new(move |_| group.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(Some(group)) => view! { <DeleteConfirm group=group/> }.into_any(),
                    Ok(None) => view! { <crate::pages::NotFound/> }.into_any(),
                    Err(error) if error.is_unauthorized() => {
                        session.expired();
                        view! { <Loading/> }.into_any()
                    }
                    Err(error) => view! {
                        <Page title="Delete Security Group" before_title=back><LoadError message=error.message() on_retry=retry/></Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DeleteConfirm(group: SecurityGroupView) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let pending = RwSignal::new(false);
    let done = back_to_groups();
    let id = group.id;
    let name = group.name.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        let done = done.clone();
        let name = name.clone();
        spawn_local(async move {
            match api::delete_security_group(id).await {
                Ok(()) => done(format!("The security group {name} has been deleted. Its customers are back in Default.")),
                Err(error) if error.is_unauthorized() => session.expired(),
                Err(error) => form.fail(form_errors(&error)),
            }
            pending.set(false);
        });
    };
    let customers = match group.customer_count {
        1 => "its 1 customer goes".to_owned(),
        n => format!("its {n} customers go"),
    };
    view! {
        <Page title="Delete Security Group" error=form.has_errors() before_title=move || view! { {back()} <ErrorSummary form=form/> }>
            <p class="body">{format!(
                "Delete the security group {}? {customers} back to Default, and secondary logons that had it no longer reach them through it.",
                group.name
            )}</p>
            <form class="form" novalidate on:submit=submit>
                <div class="button-group">
                    <button type="submit" class="button button--warning" aria-disabled=move || pending.get().then_some("true")>"Delete"</button>
                    <A href=SECURITY_GROUPS_PATH>"Cancel"</A>
                </div>
            </form>
        </Page>
    }
}
