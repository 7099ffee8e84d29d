//! Any number of choices: checkboxes in a fieldset with a legend.

use super::field::{described_by, option_id, Choice, ErrorMessage, Hint};
use leptos::prelude::*;

#[component]
pub fn CheckboxGroup(
    /// The group's `name`; the first checkbox's id (error links land there).
    #[prop(into)]
    id: String,
    #[prop(into)] legend: String,
    options: Vec<Choice>,
    /// The values that are ticked, in the order of `options`.
    selected: RwSignal<Vec<String>>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let describedby = {
        let id = id.clone();
        move || described_by(&id, hint.with(Option::is_some), has_error())
    };
    let order: Vec<String> = options.iter().map(|c| c.value.clone()).collect();
    let items = options
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let input_id = option_id(&id, index);
            let item_hint_id = format!("{input_id}-item-hint");
            let value = choice.value.clone();
            let order = order.clone();
            let checked = {
                let value = value.clone();
                move || selected.with(|s| s.contains(&value))
            };
            let toggle = {
                let value = value.clone();
                move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| {
                        s.retain(|v| *v != value);
                        if on {
                            s.push(value.clone());
                            s.sort_by_key(|v| order.iter().position(|o| o == v));
                        }
                    });
                }
            };
            view! {
                <div class="choice">
                    <input
                        class="choice__input"
                        type="checkbox"
                        id=input_id.clone()
                        name=id.clone()
                        value=value
                        aria-describedby=choice.hint.is_some().then(|| item_hint_id.clone())
                        prop:checked=checked
                        on:change=toggle
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
                <div class="choices">{items}</div>
            </fieldset>
        </div>
    }
}
