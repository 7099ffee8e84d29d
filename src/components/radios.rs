//! One choice from a few: radios in a fieldset with a legend (GOV.UK radios).

use super::field::{described_by, option_id, Choice, ErrorMessage, Hint};
use leptos::prelude::*;

#[component]
pub fn RadioGroup(
    /// The group's `name`; the first radio's id (error links land there).
    #[prop(into)]
    id: String,
    #[prop(into)] legend: String,
    options: Vec<Choice>,
    selected: RwSignal<Option<String>>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    /// Side by side (for two short options such as Yes / No).
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let describedby = {
        let id = id.clone();
        move || described_by(&id, hint.with(Option::is_some), has_error())
    };
    let items = options
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let input_id = option_id(&id, index);
            let item_hint_id = format!("{input_id}-item-hint");
            let value = choice.value.clone();
            let checked = {
                let value = value.clone();
                move || selected.with(|s| s.as_deref() == Some(value.as_str()))
            };
            view! {
                <div class="choice">
                    <input
                        class="choice__input"
                        type="radio"
                        id=input_id.clone()
                        name=id.clone()
                        value=value.clone()
                        aria-describedby=choice.hint.is_some().then(|| item_hint_id.clone())
                        prop:checked=checked
                        on:change=move |_| selected.set(Some(value.clone()))
                    />
                    <label class="label choice__label" for=input_id>{choice.label}</label>
                    {choice.hint.map(|text| view! { <div class="hint choice__hint" id=item_hint_id>{text}</div> })}
                </div>
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
                <div class="choices" class:choices--inline=inline>{items}</div>
            </fieldset>
        </div>
    }
}
