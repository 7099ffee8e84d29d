//! A date as three boxes, Month, Day and Year, in a fieldset (GOV.UK date
//! input). Parsing and messages come from `CivilDate::parse_parts`.

use super::{field::Fieldset, form::FormError};
use leptos::prelude::*;
use wire::{
    date::{DatePart, DatePartError},
    CivilDate,
};

/// The id of one box: `<field>-month`, `<field>-day`, `<field>-year`.
pub fn part_id(field: &str, part: DatePart) -> String {
    format!("{field}-{}", part.name())
}

/// The error for a date field, linking to the box that is wrong (the month
/// box when the whole date is missing).
pub fn date_error(field: &str, label: &str, error: DatePartError) -> FormError {
    FormError {
        field: Some(field.to_owned()),
        target: Some(part_id(field, error.part().unwrap_or(DatePart::Month))),
        message: error.message(label),
    }
}

/// What is typed in the three boxes.
#[derive(Clone, Copy)]
pub struct DateValue {
    pub month: RwSignal<String>,
    pub day: RwSignal<String>,
    pub year: RwSignal<String>,
}

impl Default for DateValue {
    fn default() -> Self {
        Self::new()
    }
}

impl DateValue {
    pub fn new() -> Self {
        Self {
            month: RwSignal::new(String::new()),
            day: RwSignal::new(String::new()),
            year: RwSignal::new(String::new()),
        }
    }

    pub fn set(&self, date: CivilDate) {
        self.month.set(date.month().to_string());
        self.day.set(date.day().to_string());
        self.year.set(date.year().to_string());
    }

    pub fn parse(&self) -> Result<CivilDate, DatePartError> {
        CivilDate::parse_parts(
            &self.month.get_untracked(),
            &self.day.get_untracked(),
            &self.year.get_untracked(),
        )
    }

    /// For an optional date: `None` when all three boxes are empty, else
    /// [`DateValue::parse_for`].
    pub fn parse_if_typed(&self, field: &str, label: &str) -> Result<Option<CivilDate>, FormError> {
        let empty = [self.month, self.day, self.year]
            .iter()
            .all(|part| part.get_untracked().trim().is_empty());
        if empty {
            Ok(None)
        } else {
            self.parse_for(field, label).map(Some)
        }
    }

    /// Parses, or returns the form error for field `field` labelled `label`.
    pub fn parse_for(&self, field: &str, label: &str) -> Result<CivilDate, FormError> {
        self.parse().map_err(|e| date_error(field, label, e))
    }
}

#[component]
pub fn DateInput(
    /// The field's name; the boxes get `<id>-month`, `<id>-day`, `<id>-year`.
    #[prop(into)]
    id: String,
    #[prop(into)] legend: String,
    value: DateValue,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    /// The box the error is about; with an error and no part, every box is
    /// marked.
    #[prop(optional, into)]
    error_part: Signal<Option<DatePart>>,
    /// `bday` parts for a date of birth; leave out for other dates.
    #[prop(optional)]
    birthday: bool,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let boxes = [
        (
            DatePart::Month,
            "Month",
            value.month,
            "bday-month",
            "input--width-2",
        ),
        (
            DatePart::Day,
            "Day",
            value.day,
            "bday-day",
            "input--width-2",
        ),
        (
            DatePart::Year,
            "Year",
            value.year,
            "bday-year",
            "input--width-4",
        ),
    ]
    .into_iter()
    .map(|(part, label, text, autocomplete, width)| {
        let box_id = part_id(&id, part);
        let marked = move || has_error() && error_part.get().is_none_or(|p| p == part);
        let class = move || {
            if marked() {
                format!("input {width} input--error")
            } else {
                format!("input {width}")
            }
        };
        view! {
            <div class="date-input__item">
                <label class="label date-input__label" for=box_id.clone()>{label}</label>
                <input
                    class=class
                    id=box_id.clone()
                    name=box_id
                    type="text"
                    inputmode="numeric"
                    autocomplete=birthday.then_some(autocomplete)
                    aria-invalid=move || marked().then_some("true")
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
            </div>
        }
    })
    .collect_view();
    view! {
        <Fieldset id=id.clone() legend=legend hint=hint error=error role="group">
            <div class="date-input" id=id>{boxes}</div>
        </Fieldset>
    }
}
