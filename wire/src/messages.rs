//! Messages: letters from the agency, each with a Letter ID. A business's
//! messages are addressed to the customer; notices about a logon's own access
//! requests are addressed to the logon.

use serde::{Deserialize, Serialize};

/// `GET /api/customers/{customer_id}/messages` and `GET /api/messages/mine`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub id: i64,
    /// Printed on the letter; a business can quote it to prove who it is.
    pub letter_id: String,
    pub subject: String,
    pub body: String,
    /// Seconds since the Unix epoch.
    pub sent_at: i64,
    pub read: bool,
}
