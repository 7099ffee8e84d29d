//! `/profile/secret-question`: "Update Your Secret Question".

use super::profile_form::{back_to_profile, on_failure, CancelLink};
use crate::{
    api,
    components::{Choice, ErrorSummary, FormState, RadioGroup, TextInput},
    shell::Page,
};
use crate::{lazy::lazy_page, session::RequireSession};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use wire::{
    profile::{SecretQuestionRequest, ANSWER_FIELD, CURRENT_PASSWORD_FIELD, QUESTION_FIELD},
    registration::SECRET_QUESTIONS,
};

pub const TITLE: &str = "Update Your Secret Question";

lazy_page!(pub SecretQuestionRoute in profile => view! { <RequireSession><SecretQuestionPage/></RequireSession> });

#[component]
pub fn SecretQuestionPage() -> impl IntoView {
    let form = FormState::new();
    let question = RwSignal::new(None::<String>);
    let answer = RwSignal::new(String::new());
    let current_password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let done = back_to_profile();
    let options = SECRET_QUESTIONS
        .iter()
        .map(|q| Choice::new(*q, *q))
        .collect::<Vec<_>>();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = SecretQuestionRequest {
            question: question.get_untracked().unwrap_or_default(),
            answer: answer.get_untracked(),
            current_password: current_password.get_untracked(),
        };
        if let Err(errors) = request.parse() {
            form.fail_fields(errors);
            return;
        }
        pending.set(true);
        let done = done.clone();
        spawn_local(async move {
            match api::update_secret_question(&request).await {
                Ok(()) => done("Your secret question has been updated.".into()),
                Err(error) => on_failure(error, form),
            }
            pending.set(false);
        });
    };
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            <form class="form" novalidate on:submit=submit>
                <RadioGroup
                    id=QUESTION_FIELD
                    legend="Secret question"
                    options=options
                    selected=question
                    error=form.error_for(QUESTION_FIELD)
                />
                <TextInput
                    id=ANSWER_FIELD
                    label="Answer"
                    hint="Capital letters and extra spaces do not matter."
                    value=answer
                    error=form.error_for(ANSWER_FIELD)
                    autocomplete="off"
                    width_class="input--width-20"
                />
                <TextInput
                    id=CURRENT_PASSWORD_FIELD
                    label="Current password"
                    value=current_password
                    input_type="password"
                    error=form.error_for(CURRENT_PASSWORD_FIELD)
                    autocomplete="current-password"
                    width_class="input--width-20"
                />
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    "Save secret question"
                </button>
            </form>
            <CancelLink/>
        </Page>
    }
}
