//! One module per page.

pub mod home;
pub mod not_found;
pub mod profile;
pub mod sign_in;
pub mod summary;

pub use home::HomeRedirect;
pub use not_found::NotFound;
pub use profile::ProfilePage;
pub use sign_in::SignInPage;
pub use summary::SummaryPage;
