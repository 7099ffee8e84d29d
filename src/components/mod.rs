//! Accessible form and page building blocks (GOV.UK Design System patterns),
//! and the two patterns every page uses to talk to the server: [`Loaded`]
//! for what a page loads, [`Submit`] for what it sends.

pub mod checkboxes;
pub mod data_table;
pub mod date_input;
pub mod error_summary;
pub mod field;
pub mod form;
pub mod level_select;
pub mod money_input;
pub mod notice;
pub mod pagination;
pub mod radios;
pub mod status;
pub mod submit;
pub mod text_input;

pub use checkboxes::CheckboxGroup;
pub use data_table::{empty_row, DataTable, Table};
pub use date_input::{DateInput, DateValue};
pub use error_summary::ErrorSummary;
pub use field::Choice;
pub use form::{form_errors, FormError, FormState};
pub use level_select::LevelSelect;
pub use money_input::MoneyInput;
pub use notice::{BackLink, Confirmation, FocusedHeading, Problem, SummaryRow};
pub use pagination::{page_status, Pagination, PaginationLinks};
pub use radios::{RadioGroup, Reveal};
pub use status::{refuse_with, LoadError, Loaded, Loading, Refusal};
pub use submit::{Submit, SubmitButton, SubmitOrCancel};
pub use text_input::TextInput;
