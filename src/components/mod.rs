//! Accessible form and page building blocks (GOV.UK Design System patterns).

pub mod checkboxes;
pub mod data_table;
pub mod date_input;
pub mod error_summary;
pub mod field;
pub mod form;
pub mod money_input;
pub mod radios;
pub mod status;
pub mod text_input;

pub use checkboxes::CheckboxGroup;
pub use data_table::DataTable;
pub use date_input::{DateInput, DateValue};
pub use error_summary::ErrorSummary;
pub use field::Choice;
pub use form::{FormError, FormState};
pub use money_input::MoneyInput;
pub use radios::RadioGroup;
pub use status::{LoadError, Loading};
pub use text_input::TextInput;
