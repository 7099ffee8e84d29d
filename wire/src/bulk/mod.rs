//! Bulk filing of information returns (1099-MISC, 1099-NEC, W-2G) with the
//! CT-1096 annual summary: the form tables, the payee record, the rules the
//! manual-entry form and the CSV upload share, and the CT-1096 computation.
//!
//! Three ways in (keyed by hand, CSV, the IRS Publication 1220 standard format)
//! end in the same [`Payee`] values; the server's readers build them, the
//! browser runs [`PayeeInput::parse`] for instant feedback. Nothing here touches
//! a database or the network, and nothing pulls in a heavy dependency, because
//! the browser carries this module.

pub mod columns;
pub mod ct1096;
pub mod form;
pub mod payee;
pub mod text;
pub mod tin;

pub use ct1096::{
    due_date, is_weekday, BusinessDays, Ct1096, Ct1096Totals, FormCounts,
    ELECTRONIC_FILING_THRESHOLD,
};
pub use form::{AmountBox, AmountCode, FormType};
pub use payee::{
    check_manual_entry_room, Address, Amounts, Correction, Payee, PayeeInput, MANUAL_ENTRY_MAX,
};
pub use tin::{Tin, TinKind, TinProblem};
