//! Pieces every input shares: hint and error ids, `aria-describedby`, the
//! inline error message, options of a choice group.

use leptos::prelude::*;

pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

pub fn error_id(id: &str) -> String {
    format!("{id}-error")
}

/// `aria-describedby` for a field: its hint and its error, when present.
pub fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(hint_id(id));
    }
    if has_error {
        ids.push(error_id(id));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The hint under a label or legend.
#[component]
pub fn Hint(#[prop(into)] id: String, #[prop(into)] text: String) -> impl IntoView {
    view! { <div class="hint" id=hint_id(&id)>{text}</div> }
}

/// The inline error above an input: "Error: <message>", the prefix for screen
/// readers only.
#[component]
pub fn ErrorMessage(
    #[prop(into)] id: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p class="error-message" id=error_id(&id)>
                    <span class="visually-hidden">"Error:"</span>
                    " "
                    {message}
                </p>
            }
        })
    }
}

/// One option of a radio or checkbox group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The id of the n-th option of a group: the first takes the group's id, so
/// an error summary link to the group lands on it (GOV.UK convention).
pub fn option_id(group_id: &str, index: usize) -> String {
    if index == 0 {
        group_id.to_owned()
    } else {
        format!("{group_id}-{}", index + 1)
    }
}
