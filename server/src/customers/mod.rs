//! The customers a logon works on: the Customers list (client switcher), choosing
//! the current customer, and each customer's Summary.

mod recent;
pub mod summary;
mod switcher;

use crate::http::Routes;
use crate::state::AppState;

pub use summary::customer_header;

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/customers", switcher::list)
        .get("/customers/recent", recent::recent)
        .post("/session/customer", switcher::switch)
        .get("/customers/{customer_id}/summary", summary::summary)
}
