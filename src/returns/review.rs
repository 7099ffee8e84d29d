//! `…/return/review`: the return as the server worked it out from the saved
//! draft, every line with a Change link back to its box (WCAG 3.3.4), then
//! Submit. Submit sends the draft's key: a double click, a retry or a second
//! tab finds the return already filed, never a second one.

use super::{
    api, confirmation_href,
    form::{form_title, PeriodFacts},
    lines::LinesTable,
    refused, stylesheet, Target,
};
use crate::{
    api::ApiError,
    components::{ErrorSummary, FormError, FormState, Loaded, Submit, SubmitButton},
    lazy::lazy_page,
    shell::{Page, RequireSession},
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wire::returns::view::{DraftView, SubmitReturn};

lazy_page!(pub ReviewReturnRoute in returns => view! { <RequireSession><ReviewReturnPage/></RequireSession> });

pub const TITLE: &str = "Review your return";

#[component]
pub fn ReviewReturnPage() -> impl IntoView {
    let Some(target) = Target::from_address() else {
        return view! { <crate::pages::NotFound/> }.into_any();
    };
    let draft =
        LocalResource::new(move || api::draft(target.account_id, target.period_id, target.kind));
    let form = FormState::new();
    view! {
        {stylesheet()}
        <Page title=TITLE error=form.has_errors()>
            <Loaded data=draft refused=refused() view=move |draft| view! { <Review target=target draft=draft form=form/> }/>
        </Page>
    }
    .into_any()
}

#[component]
fn Review(target: Target, draft: DraftView, form: FormState) -> impl IntoView {
    let (Some(computed), Some(key)) = (draft.computed.clone(), draft.draft_key.clone()) else {
        // Nothing saved yet, or what is saved has problems: back to the form.
        return view! {
            <p class="body">"This return is not ready to submit: some of its boxes need attention."</p>
            <p class="body"><a href=target.form_href()>"Go back to the return"</a></p>
        }
        .into_any();
    };
    let navigate = use_navigate();
    let values = draft.values.clone();
    let kind = draft.kind;
    let submit = Submit::form_with(
        form,
        move |body: SubmitReturn| async move {
            api::submit(target.account_id, target.period_id, &body).await
        },
        problems,
        move |filed| navigate(&confirmation_href(filed.return_id), Default::default()),
    );
    let on_submit = submit.on_submit(form, move || {
        Ok(SubmitReturn {
            kind,
            draft_key: key.clone(),
            values: values.clone(),
        })
    });
    let definition = computed.definition();
    let total = computed.total_due().to_string();
    let caption = format!("{}, every line", form_title(&draft));
    let change = Callback::new(move |field: String| target.change_href(&field));
    view! {
        <h2 class="heading-m">{form_title(&draft)}</h2>
            <PeriodFacts draft=draft.clone()/>
            <ErrorSummary form=form/>
            <p class="body">
                "Check every line of your "{definition.number}" before you submit it. "
                "To change a line, use its Change link; your return is kept as a draft until you submit it."
            </p>
            <LinesTable caption=caption computed=computed change=change/>
            <p class="return-total">"Total amount due: "<strong>{total}</strong></p>
            <form novalidate on:submit=on_submit>
                <p class="body">
                    "By submitting this return you declare that, to the best of your knowledge and belief, "
                    "it is true, complete and correct."
                </p>
                <div class="button-group">
                    <SubmitButton pending=submit.pending()>"Submit"</SubmitButton>
                    <a href=target.form_href()>"Go back to the return"</a>
                </div>
            </form>
    }
    .into_any()
}

/// A refused submit, for the error summary: the review has no boxes, so
/// every problem is a sentence of its own.
fn problems(error: &ApiError) -> Vec<FormError> {
    let errors: Vec<FormError> = error
        .body()
        .map(|b| {
            b.fields
                .iter()
                .map(|f| FormError::general(f.message.clone()))
                .collect()
        })
        .unwrap_or_default();
    if errors.is_empty() {
        vec![FormError::general(error.message())]
    } else {
        errors
    }
}
