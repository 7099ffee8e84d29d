//! The contract between the browser app and the server: request and response
//! bodies, identifiers, and the input rules both sides enforce. The browser runs
//! these rules for instant feedback; the server runs them again and its verdict
//! is the one that counts.

/// `Debug` for a type that holds a password, an answer, a code or a token:
/// it names the type and its plain fields and leaves the rest out, so a
/// request logged by mistake shows no secret.
#[macro_export]
macro_rules! debug_without_secrets {
    ($name:ident { $($shown:ident),* }) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($name))
                    $(.field(stringify!($shown), &self.$shown))*
                    .finish_non_exhaustive()
            }
        }
    };
}

pub mod access;
pub mod activity;
pub mod assessment;
pub mod bulk;
pub mod calendar;
pub mod date;
pub mod effective;
pub mod email;
pub mod error;
pub mod grants;
pub mod hartford;
pub mod ids;
pub mod ledger;
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
pub use email::Email;
pub use error::{ErrorBody, FieldError, FieldErrors};
pub use ids::{AccountId, CtRegNumber};
pub use money::Money;

#[cfg(test)]
mod tests {
    #[test]
    fn requests_with_secrets_show_none_of_them_in_debug() {
        let sign_in = crate::session::SignInRequest {
            username: "JaneSmith".into(),
            password: "Maple Avenue 800 Hartford".into(),
        };
        let shown = format!("{sign_in:?}");
        assert!(
            shown.contains("JaneSmith") && !shown.contains("Maple"),
            "{shown}"
        );
        let change = crate::profile::ChangePasswordRequest {
            current_password: Some("old secret words".into()),
            new_password: "new secret words".into(),
            confirm_password: "new secret words".into(),
        };
        assert!(!format!("{change:?}").contains("secret"));
    }
}
