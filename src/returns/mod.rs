//! Returns, as the server's `returns` feature: File Now's form with its lines
//! worked out as the person types (and saved as a draft as they go), the
//! review with a Change link per line, Submit, the confirmation, and a
//! return as filed with its Amend link. Every page here is a lazy page of
//! the `returns` feature (crate::lazy): none of it is in the first download.

pub mod account;
pub mod api;
pub mod chart;
pub mod confirmation;
pub mod filed;
pub mod form;
pub mod history;
pub mod lines;
mod loaded;
pub mod review;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use wire::returns::ReturnKind;

/// `/accounts/:account_id/periods/:period_id/return`: the form.
pub const FORM: &str = "/accounts/:account_id/periods/:period_id/return";
/// `…/return/review`: every line, with Change links, and Submit.
pub const REVIEW: &str = "/accounts/:account_id/periods/:period_id/return/review";
/// `/returns/:return_id`: a return exactly as filed.
pub const FILED: &str = "/returns/:return_id";
/// `/returns/:return_id/confirmation`: what Submit leads to.
pub const CONFIRMATION: &str = "/returns/:return_id/confirmation";

/// Which period's return a page is about, and whether it amends one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub account_id: i64,
    pub period_id: i64,
    pub kind: ReturnKind,
}

impl Target {
    /// The address's account, period and `?kind=`; `None` when they are not numbers.
    pub fn from_address() -> Option<Self> {
        let params = use_params_map().read_untracked();
        let kind = use_query_map()
            .read_untracked()
            .get("kind")
            .and_then(|k| ReturnKind::from_code(&k))
            .unwrap_or_default();
        Some(Self {
            account_id: params.get("account_id")?.parse().ok()?,
            period_id: params.get("period_id")?.parse().ok()?,
            kind,
        })
    }

    fn with_kind(&self, path: String) -> String {
        match self.kind {
            ReturnKind::Original => path,
            ReturnKind::Amended => format!("{path}?kind=amended"),
        }
    }

    pub fn form_href(&self) -> String {
        self.with_kind(format!(
            "/accounts/{}/periods/{}/return",
            self.account_id, self.period_id
        ))
    }

    /// The form, scrolled to and focused on one box (a Change link).
    pub fn change_href(&self, field: &str) -> String {
        format!("{}#{field}", self.form_href())
    }

    pub fn review_href(&self) -> String {
        self.with_kind(format!(
            "/accounts/{}/periods/{}/return/review",
            self.account_id, self.period_id
        ))
    }
}

/// The return id in the address, if it is a number.
pub fn return_id_from_address() -> Option<i64> {
    use_params_map()
        .read_untracked()
        .get("return_id")
        .and_then(|id| id.parse().ok())
}

pub fn filed_href(return_id: i64) -> String {
    format!("/returns/{return_id}")
}

pub fn confirmation_href(return_id: i64) -> String {
    format!("/returns/{return_id}/confirmation")
}

/// The page's stylesheet (the lines' layout and the print styles): a file
/// of its own, so none of it is in the first download's CSS.
pub fn stylesheet() -> impl IntoView {
    view! { <link rel="stylesheet" href="/returns.css"/> }
}
