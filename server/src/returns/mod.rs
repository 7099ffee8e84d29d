//! Returns: the account page and its periods, drafts saved as the person
//! types, the submit that files exactly once, a return as filed, View Return
//! History and View Account Period Details. Filing needs the file right on
//! the account (403 saying who can), everything else the view right (404
//! for an account the caller cannot see); `access::account_guards` decides.

pub mod context;
pub mod drafts;
pub mod history;
pub mod store;
pub mod submit;
pub mod view;

use crate::{http::Routes, ledger, state::AppState};

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/accounts/{account_id}", ledger::account::account_page)
        .get(
            "/accounts/{account_id}/periods",
            ledger::periods::account_periods,
        )
        .get(
            "/accounts/{account_id}/periods/export",
            ledger::periods::export_account_periods,
        )
        .get(
            "/accounts/{account_id}/periods/{period_id}/draft",
            drafts::get,
        )
        .put(
            "/accounts/{account_id}/periods/{period_id}/draft",
            drafts::save,
        )
        .post(
            "/accounts/{account_id}/periods/{period_id}/returns",
            submit::submit,
        )
        .get("/returns/{return_id}", view::show)
        .get("/customers/{customer_id}/returns", history::list)
        .get("/customers/{customer_id}/returns/export", history::export)
        .get(
            "/customers/{customer_id}/period-details",
            ledger::periods::customer_period_details,
        )
        .get(
            "/customers/{customer_id}/period-details/export",
            ledger::periods::export_customer_period_details,
        )
}
