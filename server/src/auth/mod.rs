//! Signing in and out, sessions, and the `SignedIn` extractor.

pub mod device;
pub mod email_tokens;
pub mod extract;
pub mod lockout;
pub mod password;
pub mod recovery;
pub mod registration;
pub mod routes;
pub mod session;
pub mod two_step;
pub mod unlock;

pub use extract::{SignedIn, SigningIn, SourceAddress};
pub use routes::{routes, session_view};
