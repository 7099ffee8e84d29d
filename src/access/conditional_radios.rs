//! Radios where choosing an option reveals the one box that goes with it
//! (GOV.UK "conditionally revealing a related question"). The revealed part
//! stays in the page while hidden, so what was typed there is kept.

use crate::components::{
    field::{described_by, option_id, ErrorMessage, Hint},
    Choice,
};
use leptos::prelude::*;

/// One option and, optionally, what choosing it reveals.
pub struct RevealingChoice {
    pub choice: Choice,
    pub reveal: Option<ViewFn>,
}

impl RevealingChoice {
    pub fn plain(choice: Choice) -> Self {
        Self {
            choice,
            reveal: None,
        }
    }

    pub fn revealing(choice: Choice, reveal: impl Into<ViewFn>) -> Self {
        Self {
            choice,
            reveal: Some(reveal.into()),
        }
    }
}

#[component]
pub fn ConditionalRadios(
    /// The group's `name`; the first radio's id (error links land there).
    #[prop(into)]
    id: String,
    #[prop(into)] legend: String,
    options: Vec<RevealingChoice>,
    selected: RwSignal<Option<String>>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let describedby = {
        let id = id.clone();
        move || described_by(&id, hint.with(Option::is_some), has_error())
    };
    let items = options
        .into_iter()
        .enumerate()
        .map(|(index, RevealingChoice { choice, reveal })| {
            let input_id = option_id(&id, index);
            let conditional_id = format!("{input_id}-conditional");
            let item_hint_id = format!("{input_id}-item-hint");
            let value = choice.value.clone();
            let checked = {
                let value = value.clone();
                move || selected.with(|s| s.as_deref() == Some(value.as_str()))
            };
            let shown = checked.clone();
            let controls = reveal.is_some().then(|| conditional_id.clone());
            view! {
                <div class="choice">
                    <input
                        class="choice__input"
                        type="radio"
                        id=input_id.clone()
                        name=id.clone()
                        value=value.clone()
                        aria-controls=controls
                        aria-describedby=choice.hint.is_some().then(|| item_hint_id.clone())
                        prop:checked=checked
                        on:change=move |_| selected.set(Some(value.clone()))
                    />
                    <label class="label choice__label" for=input_id>{choice.label}</label>
                    {choice.hint.map(|text| view! { <div class="hint choice__hint" id=item_hint_id>{text}</div> })}
                </div>
                {reveal.map(|reveal| view! {
                    <div class="choice__conditional" id=conditional_id hidden=move || !shown()>
                        {reveal.run()}
                    </div>
                })}
            }
        })
        .collect_view();
    let hint_view = {
        let id = id.clone();
        move || {
            hint.get()
                .map(|text| view! { <Hint id=id.clone() text=text/> })
        }
    };
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <fieldset class="fieldset" aria-describedby=describedby>
                <legend class="fieldset__legend">{legend}</legend>
                {hint_view}
                <ErrorMessage id=id.clone() error=error/>
                <div class="choices">{items}</div>
            </fieldset>
        </div>
    }
}
