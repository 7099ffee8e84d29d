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
pub mod period_details;
pub mod review;

use crate::{
    api::ApiError,
    components::{Problem, Refusal},
    paths::{self, fill},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use wire::returns::ReturnKind;

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
        self.with_kind(fill(paths::RETURN_FORM, &[self.account_id, self.period_id]))
    }

    /// The form, scrolled to and focused on one box (a Change link).
    pub fn change_href(&self, field: &str) -> String {
        format!("{}#{field}", self.form_href())
    }

    pub fn review_href(&self) -> String {
        self.with_kind(fill(
            paths::RETURN_REVIEW,
            &[self.account_id, self.period_id],
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
    fill(paths::FILED_RETURN, &[return_id])
}

pub fn confirmation_href(return_id: i64) -> String {
    fill(paths::RETURN_CONFIRMATION, &[return_id])
}

pub fn account_href(account_id: i64) -> String {
    fill(paths::ACCOUNT, &[account_id])
}

/// What a returns page says when the server refuses it: a 404 never says
/// more than that the thing is not there; a 403 is the server's sentence,
/// which names who may file.
pub fn refused() -> Refusal {
    Callback::new(move |error: ApiError| {
        let message = match error.status() {
            Some(404) => "We could not find that return or period.".to_owned(),
            Some(403) => error.message(),
            _ => return None,
        };
        Some(
            view! {
                <Problem message=message>
                    <p class="body"><a href=paths::SUMMARY>"Back to Summary"</a></p>
                </Problem>
            }
            .into_any(),
        )
    })
}

/// The page's stylesheet (the lines' layout and the print styles): a file
/// of its own, so none of it is in the first download's CSS.
pub fn stylesheet() -> impl IntoView {
    view! { <link rel="stylesheet" href="/returns.css"/> }
}
