//! `/returns/:return_id/confirmation`: what Submit leads to. The
//! confirmation number, when and by whom it was filed, the amount due and
//! how to pay it, and a print stylesheet (returns.css) for a paper copy.

use super::{api, filed_href, refused, return_id_from_address, stylesheet};
use crate::{
    components::Loaded,
    format::date_time,
    lazy::lazy_page,
    paths,
    shell::{Page, RequireSession},
};
use leptos::prelude::*;
use wire::returns::{view::ReturnView, view::HOW_TO_PAY, ReturnKind};

lazy_page!(pub ReturnConfirmationRoute in returns => view! { <RequireSession><ReturnConfirmationPage/></RequireSession> });

pub const TITLE: &str = "Return submitted";

#[component]
pub fn ReturnConfirmationPage() -> impl IntoView {
    let Some(return_id) = return_id_from_address() else {
        return view! { <crate::pages::NotFound/> }.into_any();
    };
    let filed = LocalResource::new(move || api::filed(return_id));
    view! {
        {stylesheet()}
        <Page title=TITLE>
            <Loaded data=filed refused=refused() view=|filed| view! { <Confirmation filed=filed/> }/>
        </Page>
    }
    .into_any()
}

/// Who filed what, when: the facts both the confirmation and a filed return show.
#[component]
pub fn FiledFacts(filed: ReturnView) -> impl IntoView {
    let form = filed
        .form
        .map(|f| f.definition().number)
        .unwrap_or("Paper return");
    view! {
        <dl class="facts">
            <div class="facts__row"><dt>"Confirmation number"</dt>" "<dd>{filed.confirmation_number.clone()}</dd></div>
            <div class="facts__row"><dt>"Return"</dt>" "<dd>{format!("{form} ({})", filed.kind.label())}</dd></div>
            <div class="facts__row"><dt>"Business"</dt>" "<dd>{filed.account.legal_name.clone()}</dd></div>
            <div class="facts__row"><dt>"Account ID"</dt>" "<dd>{filed.account.account_number.clone()}</dd></div>
            <div class="facts__row"><dt>"Return Period Ending On"</dt>" "<dd>{filed.period_end.to_us()}</dd></div>
            <div class="facts__row"><dt>"Filed on"</dt>" "<dd>{date_time(filed.filed_at)}</dd></div>
            <div class="facts__row"><dt>"Filed by"</dt>" "<dd>{filed.filed_by.clone()}</dd></div>
            <div class="facts__row"><dt>"Amount due"</dt>" "<dd>{filed.total_due.to_string()}</dd></div>
        </dl>
    }
}

#[component]
fn Confirmation(filed: ReturnView) -> impl IntoView {
    let what = match filed.kind {
        ReturnKind::Original => "Your return has been submitted.",
        ReturnKind::Amended => "Your amended return has been submitted.",
    };
    let due = (!filed.total_due.is_zero() && !filed.total_due.is_negative()).then(|| {
        view! {
            <h2 class="heading-m">"Make a Payment"</h2>
            <p class="body">{format!("Amount due with this return: {}. Due {}.", filed.total_due, filed.due_date.to_us())}</p>
            <p class="body">{HOW_TO_PAY}</p>
        }
    });
    let print = |_| {
        let _ = window().print();
    };
    let return_id = filed.return_id;
    view! {
            <div class="confirmation-panel">
                <p class="body">{what}</p>
                <p class="confirmation-panel__label">"Your confirmation number is"</p>
                <p class="confirmation-panel__number"><strong>{filed.confirmation_number.clone()}</strong></p>
            </div>
            <FiledFacts filed=filed.clone()/>
            <p class="body">"Keep the confirmation number: it is how we find this return if you contact us."</p>
            {due}
            <div class="button-group no-print">
                <button type="button" class="button button--secondary" on:click=print>"Print this page"</button>
                <a href=filed_href(return_id)>"View the return as filed"</a>
                <a href=paths::SUMMARY>"Back to Summary"</a>
            </div>
    }
}
