//! A level on one account or tax type, as a select box (the label is the
//! caller's: it names what the level is for).

use leptos::prelude::*;
use wire::access::Level;

#[component]
pub fn LevelSelect(
    #[prop(into)] id: String,
    level: RwSignal<Level>,
    /// The levels offered, in order.
    levels: &'static [Level],
    #[prop(optional, into)] disabled: Signal<bool>,
    /// What the box shows, when that is not `level` (All Access for a Master
    /// Administrator, whatever was chosen before).
    #[prop(optional, into)]
    shown: Option<Signal<Level>>,
) -> impl IntoView {
    let shown = shown.unwrap_or_else(|| level.into());
    let options = levels
        .iter()
        .map(|&choice| {
            view! {
                <option value=choice.code() prop:selected=move || shown.get() == choice>
                    {choice.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            class="select"
            id=id.clone()
            name=id
            disabled=move || disabled.get()
            prop:value=move || shown.get().code()
            on:change=move |ev| {
                if let Some(chosen) = Level::from_code(&event_target_value(&ev)) {
                    level.set(chosen);
                }
            }
        >
            {options}
        </select>
    }
}
