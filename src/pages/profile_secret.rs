//! `/profile/secret-question`: "Update Your Secret Question".

use super::profile::{back_to_profile, CurrentPassword, ProfileForm};
use crate::{
    api,
    components::{Choice, FormError, FormState, RadioGroup, Submit, TextInput},
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use wire::{
    profile::{SecretQuestionRequest, ANSWER_FIELD, CURRENT_PASSWORD_FIELD, QUESTION_FIELD},
    registration::SECRET_QUESTIONS,
};

// The routes of this file's pages, each loaded when first shown (crate::lazy).
lazy_page!(pub SecretQuestionRoute in profile => view! { <RequireSession><SecretQuestionPage/></RequireSession> });

pub const TITLE: &str = "Update Your Secret Question";

/// The secret questions as radio options.
pub fn question_choices() -> Vec<Choice> {
    SECRET_QUESTIONS
        .iter()
        .map(|q| Choice::new(*q, *q))
        .collect()
}

#[component]
pub fn SecretQuestionPage() -> impl IntoView {
    let form = FormState::new();
    let question = RwSignal::new(None::<String>);
    let answer = RwSignal::new(String::new());
    let current_password = RwSignal::new(String::new());
    let done = back_to_profile();
    let save = Submit::form(
        form,
        |request: SecretQuestionRequest| async move { api::update_secret_question(&request).await },
        move |()| done("Your secret question has been updated.".into()),
    );
    let on_submit = save.on_submit(form, move || {
        let request = SecretQuestionRequest {
            question: question.get_untracked().unwrap_or_default(),
            answer: answer.get_untracked(),
            current_password: current_password.get_untracked(),
        };
        request.parse().map_err(FormError::all)?;
        Ok(request)
    });
    view! {
        <ProfileForm title=TITLE form=form on_submit=on_submit pending=save.pending() button="Save secret question">
            <RadioGroup
                id=QUESTION_FIELD
                legend="Secret question"
                options=question_choices()
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
            <CurrentPassword value=current_password error=form.error_for(CURRENT_PASSWORD_FIELD)/>
        </ProfileForm>
    }
}
