//! Any number of choices: checkboxes in a fieldset with a legend.

use super::field::{choice_item, Choice, Fieldset};
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
    let order: Vec<String> = options.iter().map(|c| c.value.clone()).collect();
    let items = options
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let value = choice.value.clone();
            let order = order.clone();
            let checked = {
                let value = value.clone();
                move || selected.with(|s| s.contains(&value))
            };
            let toggle = move |on: bool| {
                selected.update(|s| {
                    s.retain(|v| *v != value);
                    if on {
                        s.push(value.clone());
                        s.sort_by_key(|v| order.iter().position(|o| o == v));
                    }
                });
            };
            choice_item("checkbox", &id, index, choice, checked, toggle, None)
        })
        .collect_view();
    view! {
        <Fieldset id=id legend=legend hint=hint error=error>
            <div class="choices">{items}</div>
        </Fieldset>
    }
}
