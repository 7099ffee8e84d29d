//! One module per page.

pub mod forgot;
pub mod home;
pub mod not_found;
pub mod profile;
pub mod register;
pub mod reset_password;
pub mod sign_in;
pub mod summary;
pub mod verify_email;

pub use forgot::{ForgotPage, ForgotPasswordPage, ForgotUsernamePage};
pub use home::HomeRedirect;
pub use not_found::NotFound;
pub use profile::ProfilePage;
pub use register::RegisterPage;
pub use reset_password::ResetPasswordPage;
pub use sign_in::SignInPage;
pub use summary::SummaryPage;
pub use verify_email::VerifyEmailPage;
