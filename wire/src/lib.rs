//! The contract between the browser app and the server: request and response
//! bodies, identifiers, and the input rules both sides enforce. The browser runs
//! these rules for instant feedback; the server runs them again and its verdict
//! is the one that counts.

pub mod access;
pub mod activity;
pub mod assessment;
pub mod bulk;
pub mod calendar;
pub mod date;
pub mod effective;
pub mod error;
pub mod grants;
pub mod hartford;
pub mod ids;
pub mod messages;
pub mod money;
pub mod paging;
pub mod password;
pub mod payments;
pub mod period;
pub mod profile;
pub mod registration;
pub mod returns;
pub mod rules;
pub mod secondary;
pub mod session;
pub mod summary;
pub mod tax;
pub mod two_step;

pub use date::CivilDate;
pub use error::{ErrorBody, FieldError, FieldErrors};
pub use ids::{AccountId, CtRegNumber};
pub use money::Money;
