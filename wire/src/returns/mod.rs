//! Returns: the forms as data ([`definition`], [`forms`]), the draft as typed
//! and parsed ([`draft`]), and the computation both sides run ([`compute`]).
//! The browser shows computed lines as the person types; the server computes
//! again on submit, and its result is the one filed.

pub mod compute;
pub mod definition;
pub mod draft;
pub mod forms;

pub use compute::{compute, evaluate, AppliedRate, ComputedReturn, ReturnContext};
pub use definition::{FormCode, FormDefinition};
pub use draft::{ReturnDraft, ReturnEntries};

#[cfg(test)]
mod tests;
