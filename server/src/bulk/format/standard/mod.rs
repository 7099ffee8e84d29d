//! IRS Publication 1220's standard format, as Connecticut takes it: 750-byte
//! records T, then per payer A, B…, C and optionally K, then F; with or
//! without line breaks; Connecticut's combined federal/state code 08.
//!
//! [`read`] streams any [`std::io::BufRead`] once, holding one record at a
//! time, and reports every error (never only the first) to an [`ErrorSink`];
//! records go to a [`RecordSink`] provisionally, and only a
//! [`Verdict::Accepted`] lets them be filed. [`Writer`] produces the format
//! from records; [`sample`] generates valid files of any size.

pub mod error;
mod fields;
pub mod framing;
pub mod layout;
mod parse;
pub mod records;
pub mod sample;
mod validate;
pub mod write;

pub use error::{ErrorSink, FirstErrors, RecordError, RecordKind};
pub use framing::{Framing, LineEnd};
pub use parse::CONNECTICUT_CODE;
pub use records::*;
pub use validate::{read, Acknowledgement, Discard, Options, RecordSink, Rejection, Verdict};
pub use write::Writer;

#[cfg(test)]
mod tests;
