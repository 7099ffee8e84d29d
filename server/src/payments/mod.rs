//! Payments (issue 12). So far Manage Payment Channels: a business's bank
//! accounts, listed for anyone who reaches it, added, renamed and removed by
//! those who manage its settings (`access::guards::CustomerSettingsManager`).

pub mod channels;

use crate::{http::Routes, state::AppState};

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/customers/{customer_id}/bank-accounts", channels::list)
        .post("/customers/{customer_id}/bank-accounts", channels::add)
        .put(
            "/customers/{customer_id}/bank-accounts/{bank_account_id}",
            channels::rename,
        )
        .delete(
            "/customers/{customer_id}/bank-accounts/{bank_account_id}",
            channels::remove,
        )
}
