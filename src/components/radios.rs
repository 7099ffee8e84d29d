//! One choice from a few: radios in a fieldset with a legend (GOV.UK radios).
//! An option may reveal one more question when chosen (GOV.UK "conditionally
//! revealing a related question"); the revealed part stays in the page while
//! hidden, so what was typed there is kept.

use super::field::{choice_item, option_id, Choice, Fieldset};
use leptos::prelude::*;

/// What choosing the option with this value reveals.
pub struct Reveal {
    pub value: String,
    pub view: ViewFn,
}

impl Reveal {
    pub fn new(value: impl Into<String>, view: impl Into<ViewFn>) -> Self {
        Self {
            value: value.into(),
            view: view.into(),
        }
    }
}

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
    /// What some options reveal when chosen.
    #[prop(optional)]
    reveals: Vec<Reveal>,
) -> impl IntoView {
    let mut reveals = reveals;
    let items = options
        .into_iter()
        .enumerate()
        .map(|(index, choice)| {
            let value = choice.value.clone();
            let conditional_id = format!("{}-conditional", option_id(&id, index));
            let checked = {
                let value = value.clone();
                move || selected.with(|s| s.as_deref() == Some(value.as_str()))
            };
            let reveal = reveals
                .iter()
                .position(|r| r.value == value)
                .map(|at| reveals.remove(at).view);
            let controls = reveal.is_some().then(|| conditional_id.clone());
            let shown = checked.clone();
            let choose = move |_| selected.set(Some(value.clone()));
            view! {
                {choice_item("radio", &id, index, choice, checked, choose, controls)}
                {reveal.map(|reveal| view! {
                    <div class="choice__conditional" id=conditional_id hidden=move || !shown()>
                        {reveal.run()}
                    </div>
                })}
            }
        })
        .collect_view();
    view! {
        <Fieldset id=id legend=legend hint=hint error=error>
            <div class="choices" class:choices--inline=inline>{items}</div>
        </Fieldset>
    }
}
