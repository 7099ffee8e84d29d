//! Signing in and out: the password, the 2-step code, lockouts, registration and recovery.

pub mod device;
pub mod email_tokens;
pub mod hashing;
pub mod lockout;
pub mod password;
pub mod pending;
pub mod recovery;
pub mod registration;
pub mod routes;
pub mod two_step;
pub mod unlock;

pub use routes::{routes, session_view};
