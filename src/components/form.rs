//! The error state of one form: what the error summary lists and what each
//! field shows inline.

use crate::api::ApiError;
use leptos::prelude::*;
use wire::{date::DatePart, FieldError, FieldErrors};

/// One problem with a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// The field it belongs to (the wire name, e.g. `username`), for the inline
    /// message; `None` for a problem with the form as a whole.
    pub field: Option<String>,
    /// The id of the box the summary links to and focuses.
    pub target: Option<String>,
    pub message: String,
}

impl FormError {
    /// An error on a field whose input has the field's name as its id.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_owned()),
            target: Some(field.to_owned()),
            message: message.into(),
        }
    }

    /// An error on the form as a whole: listed in the summary without a link.
    pub fn general(message: impl Into<String>) -> Self {
        Self {
            field: None,
            target: None,
            message: message.into(),
        }
    }
}

impl From<FieldError> for FormError {
    fn from(error: FieldError) -> Self {
        Self::field(&error.field, error.message)
    }
}

impl FormError {
    /// The shared validation rules' errors, each by its box.
    pub fn all(errors: FieldErrors) -> Vec<FormError> {
        errors.0.into_iter().map(FormError::from).collect()
    }

    /// Points the summary link at the box `targets` names for this error's
    /// field (a wire field name, e.g. `levels`, to an id), if it names one.
    pub fn pointing(mut self, targets: &[(&str, String)]) -> Self {
        if let Some((_, target)) = targets
            .iter()
            .find(|(field, _)| self.field.as_deref() == Some(*field))
        {
            self.target = Some(target.clone());
        }
        self
    }
}

/// A refused call as the error summary lists it: the field errors of a 422,
/// each by its box, or one general problem with the server's own words.
pub fn form_errors(error: &ApiError) -> Vec<FormError> {
    match error.body() {
        Some(body) if !body.fields.is_empty() => {
            body.fields.iter().cloned().map(FormError::from).collect()
        }
        _ => vec![FormError::general(error.message())],
    }
}

/// Errors plus a count of failed submits; every failed submit moves focus to
/// the error summary, even when the errors are the same as last time.
#[derive(Clone, Copy)]
pub struct FormState {
    errors: RwSignal<Vec<FormError>>,
    failed_submits: RwSignal<u32>,
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

impl FormState {
    pub fn new() -> Self {
        Self {
            errors: RwSignal::new(Vec::new()),
            failed_submits: RwSignal::new(0),
        }
    }

    /// Records a failed submit with these errors.
    pub fn fail(&self, errors: impl IntoIterator<Item = FormError>) {
        self.errors.set(errors.into_iter().collect());
        self.failed_submits.update(|n| *n += 1);
    }

    /// Records a failed submit from the shared validation rules or a 422 body.
    pub fn fail_fields(&self, errors: FieldErrors) {
        self.fail(errors.0.into_iter().map(FormError::from));
    }

    pub fn clear(&self) {
        self.errors.set(Vec::new());
    }

    pub fn errors(&self) -> Signal<Vec<FormError>> {
        self.errors.into()
    }

    pub fn failed_submits(&self) -> Signal<u32> {
        self.failed_submits.into()
    }

    /// True while the form shows its error summary.
    pub fn has_errors(&self) -> Signal<bool> {
        let errors = self.errors;
        Signal::derive(move || errors.with(|e| !e.is_empty()))
    }

    /// The inline message for a field.
    pub fn error_for(&self, field: &str) -> Signal<Option<String>> {
        let errors = self.errors;
        let field = field.to_owned();
        Signal::derive(move || {
            errors.with(|all| {
                all.iter()
                    .find(|e| e.field.as_deref() == Some(field.as_str()))
                    .map(|e| e.message.clone())
            })
        })
    }

    /// For a date field: which box the error points at (`None` with an error
    /// means the whole date).
    pub fn date_part_for(&self, field: &str) -> Signal<Option<DatePart>> {
        let errors = self.errors;
        let field = field.to_owned();
        Signal::derive(move || {
            errors.with(|all| {
                let target = all
                    .iter()
                    .find(|e| e.field.as_deref() == Some(field.as_str()))?
                    .target
                    .clone()?;
                [DatePart::Month, DatePart::Day, DatePart::Year]
                    .into_iter()
                    .find(|part| target == super::date_input::part_id(&field, *part))
            })
        })
    }
}
