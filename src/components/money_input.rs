//! An amount of money: a text box with a `$` prefix and the decimal keypad.
//! Parse what was typed with [`parse`] (`Money::parse_input`).

use super::text_input::TextInput;
use leptos::prelude::*;
use wire::Money;

#[component]
pub fn MoneyInput(
    #[prop(into)] id: String,
    /// Say the unit in the label or hint ("Amount, in dollars"): the `$` is
    /// hidden from screen readers.
    #[prop(into)]
    label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] name: MaybeProp<String>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <TextInput
            id=id
            label=label
            value=value
            name=name
            hint=hint
            error=error
            inputmode="decimal"
            autocomplete="off"
            no_spellcheck=true
            width_class="input--width-10"
            prefix="$"
        />
    }
}

/// The amount in a money box, or the message to show.
pub fn parse(text: &str) -> Result<Money, String> {
    Money::parse_input(text)
}
