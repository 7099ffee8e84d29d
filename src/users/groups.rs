//! The Security Groups tab (`/more/security-groups`): each group with how many
//! customers and secondary logons it has; Add, Change and Delete (Default has
//! neither Change nor Delete: it always exists).

use super::{api, ManageTabs, NOT_FOR_SECONDARY};
use crate::{
    api::ApiError,
    components::{
        refuse_with, BackLink, ErrorSummary, FormError, FormState, LoadError, Loaded, Refusal,
        Submit, SubmitOrCancel, Table, TextInput,
    },
    paths,
    session::use_flash,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
};
use wire::secondary::{SecurityGroupForm, SecurityGroupView};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub SecurityGroupsRoute in users => view! { <RequireSession><SecurityGroupsPage/></RequireSession> });
lazy_page!(pub AddSecurityGroupRoute in users => view! { <RequireSession><SecurityGroupFormPage change=false/></RequireSession> });
lazy_page!(pub ChangeSecurityGroupRoute in users => view! { <RequireSession><SecurityGroupFormPage change=true/></RequireSession> });
lazy_page!(pub DeleteSecurityGroupRoute in users => view! { <RequireSession><DeleteSecurityGroupPage/></RequireSession> });

pub const TITLE: &str = "Security Groups";

fn back() -> AnyView {
    view! { <BackLink href=paths::SECURITY_GROUPS label="Back to Security Groups"/> }.into_any()
}

/// Shows `message` on the Security Groups tab and goes there.
fn back_to_groups() -> impl Fn(String) + Clone + 'static {
    let flash = use_flash();
    let navigate = use_navigate();
    move |message: String| {
        flash.show_on(paths::SECURITY_GROUPS, message);
        navigate(paths::SECURITY_GROUPS, Default::default());
    }
}

#[component]
pub fn SecurityGroupsPage() -> impl IntoView {
    let groups = LocalResource::new(api::security_groups);
    view! {
        <Page title=TITLE before_title=|| view! { <BackLink href=paths::MORE label="Back to More..."/> }>
            <ManageTabs/>
            <p class="body"><a href=paths::SECURITY_GROUP_ADD class="button">"Add a security group"</a></p>
            <Loaded data=groups refused=refuse_with(&[403], NOT_FOR_SECONDARY)
                view={|groups| view! { <GroupTable groups=groups/> }}/>
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
                        <li><A href=paths::fill(paths::SECURITY_GROUP_CHANGE, &[g.id])>"Change"<span class="visually-hidden">{which}</span></A></li>
                        <li><a href=paths::fill(paths::SECURITY_GROUP_DELETE, &[g.id]) class="button button--warning button--small">"Delete"<span class="visually-hidden">{which_too}</span></a></li>
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
        <Table id="groups-table" caption="Security groups" head=move || view! {
                <th scope="col" class="table__header">"Name"</th>
                <th scope="col" class="table__header">"Description"</th>
                <th scope="col" class="table__header table__cell--numeric">"Customers"</th>
                <th scope="col" class="table__header table__cell--numeric">"Secondary Logons"</th>
                <th scope="col" class="table__header"><span class="visually-hidden">"Actions"</span></th>
        }>
            {rows}
        </Table>
    }
}

/// The group in the address (`/more/security-groups/{id}/…`), loaded from the
/// list; `None` when it is not one of the logon's own (or is Default).
fn use_group() -> LocalResource<Result<Option<SecurityGroupView>, ApiError>> {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    LocalResource::new(move || async move {
        let groups = api::security_groups().await?;
        Ok(groups
            .into_iter()
            .find(|g| Some(g.id) == id && !g.is_default))
    })
}

/// A failure to load the group: its own page, with the way back.
fn group_refused(
    title: &'static str,
    group: LocalResource<Result<Option<SecurityGroupView>, ApiError>>,
) -> Refusal {
    let retry = Callback::new(move |_| group.refetch());
    Callback::new(move |error: ApiError| {
        Some(view! { <Page title=title before_title=back><LoadError message=error.message() on_retry=retry/></Page> }.into_any())
    })
}

/// Add (`/more/security-groups/add`) and Change (`…/{id}/change`).
#[component]
pub fn SecurityGroupFormPage(change: bool) -> impl IntoView {
    if !change {
        return view! { <GroupForm group=None/> }.into_any();
    }
    let group = use_group();
    view! {
        <Loaded data=group refused=group_refused("Change Security Group", group) view={|group: Option<SecurityGroupView>| match group {
            Some(group) => view! { <GroupForm group=Some(group)/> }.into_any(),
            None => view! { <crate::pages::NotFound/> }.into_any(),
        }}/>
    }
    .into_any()
}

#[component]
fn GroupForm(group: Option<SecurityGroupView>) -> impl IntoView {
    let form = FormState::new();
    let editing = group.as_ref().map(|g| g.id);
    let name = RwSignal::new(group.as_ref().map(|g| g.name.clone()).unwrap_or_default());
    let description = RwSignal::new(group.map(|g| g.description).unwrap_or_default());
    let done = back_to_groups();
    let save = Submit::form(
        form,
        move |request: SecurityGroupForm| async move {
            match editing {
                Some(id) => api::change_security_group(id, &request).await,
                None => api::add_security_group(&request).await,
            }
        },
        move |saved| {
            done(match editing {
                Some(_) => format!("The security group {} has been saved.", saved.name),
                None => format!("The security group {} has been added. Move customers to it on the Customer Security tab.", saved.name),
            })
        },
    );
    let on_submit = save.on_submit(form, move || {
        let request = SecurityGroupForm {
            name: name.get_untracked(),
            description: description.get_untracked(),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    let title = if editing.is_some() {
        "Change Security Group"
    } else {
        "Add a Security Group"
    };
    view! {
        <Page title=title error=form.has_errors() before_title=move || view! { {back()} <ErrorSummary form=form/> }>
            <form class="form" novalidate on:submit=on_submit>
                <TextInput id="name" label="Name" value=name error=form.error_for("name")
                    autocomplete="off" width_class="input--width-20"/>
                <TextInput id="description" label="Description (optional)" value=description
                    hint="For example, which clients it holds or who works on them."
                    error=form.error_for("description") autocomplete="off"/>
                <SubmitOrCancel pending=save.pending() label="Save" cancel=paths::SECURITY_GROUPS/>
            </form>
        </Page>
    }
}

/// `/more/security-groups/{id}/delete`: confirmed, since its customers move.
#[component]
pub fn DeleteSecurityGroupPage() -> impl IntoView {
    let group = use_group();
    view! {
        <Loaded data=group refused=group_refused("Delete Security Group", group) view={|group: Option<SecurityGroupView>| match group {
            Some(group) => view! { <DeleteConfirm group=group/> }.into_any(),
            None => view! { <crate::pages::NotFound/> }.into_any(),
        }}/>
    }
}

#[component]
fn DeleteConfirm(group: SecurityGroupView) -> impl IntoView {
    let form = FormState::new();
    let done = back_to_groups();
    let id = group.id;
    let name = group.name.clone();
    let delete = Submit::form(
        form,
        move |()| api::delete_security_group(id),
        move |()| {
            done(format!(
                "The security group {name} has been deleted. Its customers are back in Default."
            ))
        },
    );
    let on_submit = delete.on_submit(form, || Ok(()));
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
            <form class="form" novalidate on:submit=on_submit>
                <SubmitOrCancel pending=delete.pending() label="Delete" cancel=paths::SECURITY_GROUPS warning=true/>
            </form>
        </Page>
    }
}
