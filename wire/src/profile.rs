//! Manage My Profile: what the signed-in logon sees of itself.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub username: String,
    pub name: String,
    pub email: String,
    /// As entered, e.g. `+1 (555) 555-5555`; `None` when not given.
    pub phone: Option<String>,
    /// When the password was last set, in seconds since the Unix epoch (UTC).
    pub password_changed_at: i64,
    pub secret_question: String,
}
