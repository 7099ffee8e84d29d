//! The bodies of the filing API: a draft as the form page loads and saves it,
//! the submit, and a return exactly as filed.

use super::{compute::ComputedReturn, definition::FormCode, filing::FilingContext, ReturnKind};
use crate::{
    date::CivilDate,
    error::FieldError,
    ledger::{AccountHeader, ReturnRef},
    money::Money,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The form page's data: what has been typed so far and what working it out needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub account: AccountHeader,
    pub period_id: i64,
    pub period_end: CivilDate,
    pub due_date: CivilDate,
    pub kind: ReturnKind,
    pub form: FormCode,
    /// Box by box, as typed (field key → text).
    pub values: BTreeMap<String, String>,
    /// The draft's idempotency key; `None` until the draft is first saved.
    pub draft_key: Option<String>,
    /// When and by whom it was last saved.
    pub saved_at: Option<i64>,
    pub saved_by: Option<String>,
    pub context: FilingContext,
    /// For an amended return: the return it replaces.
    pub amends: Option<ReturnRef>,
    /// The server's working of the saved values, when they are complete.
    pub computed: Option<ComputedReturn>,
    /// The saved values' problems (a draft saves with them; a submit does not).
    #[serde(default)]
    pub problems: Vec<FieldError>,
}

/// `PUT …/draft`: saves what is typed, as the person goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveDraft {
    pub kind: ReturnKind,
    pub values: BTreeMap<String, String>,
}

/// `POST …/returns`: files the draft. Sent twice (a double click, a retry,
/// two tabs), the same key finds the return already filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitReturn {
    pub kind: ReturnKind,
    pub draft_key: String,
    pub values: BTreeMap<String, String>,
}

/// A return exactly as filed, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnView {
    pub return_id: i64,
    pub confirmation_number: String,
    pub kind: ReturnKind,
    pub account: AccountHeader,
    pub period_id: i64,
    pub period_end: CivilDate,
    pub due_date: CivilDate,
    /// `None` for a return filed on paper before the portal kept lines.
    pub form: Option<FormCode>,
    /// What was typed, box by box.
    pub values: BTreeMap<String, String>,
    /// Every line as the server worked it out when it was filed.
    pub computed: Option<ComputedReturn>,
    /// Seconds since the epoch.
    pub filed_at: i64,
    pub filed_by: String,
    pub tax: Money,
    pub total_due: Money,
    /// Posted to the ledger by the processing step.
    pub processed_on: Option<CivilDate>,
    /// The return this one replaces.
    pub amends: Option<ReturnRef>,
    /// Every return for the period, original first.
    pub period_returns: Vec<ReturnRef>,
    /// The caller may amend the period (file right, and this is its latest return).
    pub may_amend: bool,
}

/// How to pay, until the portal takes payments online (the payments work
/// turns this into a Make a Payment link).
pub const HOW_TO_PAY: &str = "Pay the amount due by the due date to avoid more penalty and \
interest. Payments cannot be made on this portal yet: pay through your bank by electronic funds \
transfer, or mail a check payable to Commissioner of Revenue Services with your Connecticut Tax \
Registration Number, the tax type and the period ending date written on it, as the return's \
instructions say.";
