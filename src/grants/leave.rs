//! `/more/access/{customer_id}/leave`: the confirmation before a logon gives
//! up its own access to a business. It cannot be undone; the server refuses
//! the last Master Administrator, and that reason is shown here.

use super::{api, refusal};
use crate::{
    components::{ErrorSummary, FormState, Loaded, Problem, Submit, SubmitOrCancel},
    paths,
    session::{use_flash, use_session},
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub LeaveRoute in grants => view! { <RequireSession><LeavePage/></RequireSession> });

pub const TITLE: &str = "Leave a business";

#[component]
pub fn LeavePage() -> impl IntoView {
    let params = use_params_map();
    let customer_id = params
        .read_untracked()
        .get("customer_id")
        .and_then(|id| id.parse::<i64>().ok());
    let form = FormState::new();
    let summary = LocalResource::new(move || async move {
        match customer_id {
            Some(id) => api::customer_summary(id).await.map(|s| Some((id, s))),
            None => Ok(None),
        }
    });
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <Loaded data=summary refused=refusal("You cannot leave this business.") view={move |found| match found {
                Some((id, summary)) => view! {
                    <Confirm form=form customer_id=id legal_name=summary.customer.legal_name/>
                }
                .into_any(),
                None => view! { <crate::pages::NotFound/> }.into_any(),
            }}/>
        </Page>
    }
}

#[component]
fn Confirm(form: FormState, customer_id: i64, legal_name: String) -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let name = legal_name.clone();
    let leave = Submit::form(
        form,
        move |()| api::leave(customer_id),
        move |()| {
            // The logon reaches one business fewer (maybe the current one).
            session.refresh();
            flash.show_on(paths::MY_ACCESS, format!("You have left {name}."));
            navigate(paths::MY_ACCESS, Default::default());
        },
    );
    let on_submit = leave.on_submit(form, || Ok(()));
    view! {
        <p class="body">{format!("You are about to leave {legal_name}.")}</p>
        <Problem message="This cannot be undone. You will no longer be able to act for this business; to act for it again you must ask for access again."/>
        <form class="form" novalidate on:submit=on_submit>
            <SubmitOrCancel pending=leave.pending() label=format!("Leave {legal_name}") cancel=paths::MY_ACCESS warning=true/>
        </form>
    }
}
