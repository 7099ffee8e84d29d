//! A labelled text input with an optional hint and an inline error.

use super::field::{describing, hint_of, ErrorMessage};
use leptos::prelude::*;

#[component]
pub fn TextInput(
    /// The input's id; also its `name` unless `name` is given. Error summary
    /// links point here.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] name: MaybeProp<String>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    /// `text`, `password`, `email`, `tel`…
    #[prop(into, default = "text".to_owned())]
    input_type: String,
    #[prop(optional, into)] autocomplete: MaybeProp<String>,
    #[prop(optional, into)] inputmode: MaybeProp<String>,
    /// Turn off spell checking (usernames, codes).
    #[prop(optional)]
    no_spellcheck: bool,
    /// An extra class for the input, e.g. `input--width-10`.
    #[prop(optional, into)]
    width_class: MaybeProp<String>,
    /// Text shown before the box, e.g. `$`; hidden from screen readers, so
    /// the label must say what the unit is.
    #[prop(optional, into)]
    prefix: MaybeProp<String>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let describedby = describing(&id, hint, error);
    let input_class = move || {
        let mut class = String::from("input");
        if let Some(width) = width_class.get() {
            class.push(' ');
            class.push_str(&width);
        }
        if has_error() {
            class.push_str(" input--error");
        }
        class
    };
    let name = {
        let id = id.clone();
        move || name.get().unwrap_or_else(|| id.clone())
    };
    // Password boxes get a "Show password" button (NIST SP 800-63B-4: let people
    // check what they typed); it swaps the type and says what changed.
    let is_password = input_type == "password";
    let shown = RwSignal::new(false);
    let current_type = move || {
        if is_password && shown.get() {
            "text".to_owned()
        } else {
            input_type.clone()
        }
    };
    let input = view! {
        <input
            class=input_class
            id=id.clone()
            name=name
            type=current_type
            autocomplete=move || autocomplete.get()
            inputmode=move || inputmode.get()
            spellcheck=no_spellcheck.then_some("false")
            aria-describedby=describedby
            aria-invalid=move || has_error().then_some("true")
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    };
    let input = match prefix.get_untracked() {
        Some(prefix) => view! {
            <div class="input-wrapper">
                <div class="input-prefix" aria-hidden="true">{prefix}</div>
                {input}
            </div>
        }
        .into_any(),
        None if is_password => view! {
            <div class="password-input">
                {input}
                <button
                    type="button"
                    class="button button--secondary password-input__toggle"
                    aria-controls=id.clone()
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide password" } else { "Show password" }}
                </button>
                <span class="visually-hidden" aria-live="polite">
                    {move || if shown.get() { "Your password is visible" } else { "" }}
                </span>
            </div>
        }
        .into_any(),
        None => input.into_any(),
    };
    let hint_view = hint_of(&id, hint);
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <label class="label" for=id.clone()>{label}</label>
            {hint_view}
            <ErrorMessage id=id.clone() error=error/>
            {input}
        </div>
    }
}
