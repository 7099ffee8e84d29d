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

/// `aria-describedby` of a field as its hint and error come and go (tracked).
pub fn describing(
    id: &str,
    hint: MaybeProp<String>,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let id = id.to_owned();
    move || described_by(&id, hint.with(Option::is_some), error.with(Option::is_some))
}

/// The hint of field `id`, while it has one (tracked).
pub fn hint_of(
    id: &str,
    hint: MaybeProp<String>,
) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    let id = id.to_owned();
    move || {
        hint.get()
            .map(|text| view! { <Hint id=id.clone() text=text/> }.into_any())
    }
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

/// A question answered in several boxes (radios, checkboxes, a date): the
/// fieldset with its legend, hint and inline error, then `children`.
#[component]
pub fn Fieldset(
    /// The group's id: the hint and error ids derive from it.
    #[prop(into)]
    id: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    /// `group` for boxes that make one answer together (a date).
    #[prop(optional)]
    role: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let describedby = describing(&id, hint, error);
    let hint_view = hint_of(&id, hint);
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <fieldset class="fieldset" role=role aria-describedby=describedby>
                <legend class="fieldset__legend">{legend}</legend>
                {hint_view}
                <ErrorMessage id=id error=error/>
                {children()}
            </fieldset>
        </div>
    }
}

/// One radio or checkbox of a group, with its label and hint; `controls`
/// names what choosing it reveals.
pub fn choice_item(
    kind: &'static str,
    group_id: &str,
    index: usize,
    choice: Choice,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    on_change: impl Fn(bool) + 'static,
    controls: Option<String>,
) -> impl IntoView {
    let input_id = option_id(group_id, index);
    let item_hint_id = format!("{input_id}-item-hint");
    view! {
        <div class="choice">
            <input
                class="choice__input"
                type=kind
                id=input_id.clone()
                name=group_id.to_owned()
                value=choice.value
                aria-controls=controls
                aria-describedby=choice.hint.is_some().then(|| item_hint_id.clone())
                prop:checked=checked
                on:change=move |ev| on_change(event_target_checked(&ev))
            />
            <label class="label choice__label" for=input_id>{choice.label}</label>
            {choice.hint.map(|text| view! { <div class="hint choice__hint" id=item_hint_id>{text}</div> })}
        </div>
    }
}
