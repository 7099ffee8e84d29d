//! Drafts: what has been typed into a return, saved as the person goes, so a
//! closed tab or an ended session loses nothing and File Now resumes it. One
//! open draft per period and kind, shared by everyone who may file there;
//! its key is the submit's idempotency key.

use super::context::{self, PeriodForFiling};
use crate::{
    access::account_guards::AccountFiler,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
        query::Query,
    },
    state::AppState,
};
use axum::extract::{Path, State};
use serde::Deserialize;
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use wire::{
    returns::{
        view::{DraftView, SaveDraft},
        work_out, FilingContext, ReturnDraft, ReturnKind,
    },
    FieldErrors,
};

/// The longest text a box keeps.
pub const VALUE_MAX: usize = 40;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindQuery {
    #[serde(default)]
    pub kind: Option<ReturnKind>,
}

#[derive(Debug, Deserialize)]
pub struct PeriodPath {
    pub account_id: i64,
    pub period_id: i64,
}

/// An open draft as stored.
pub struct OpenDraft {
    pub key: String,
    pub values: BTreeMap<String, String>,
    pub updated_at: i64,
    pub updated_by: String,
}

pub async fn open_draft(
    conn: &mut AnyConnection,
    period_id: i64,
    kind: ReturnKind,
) -> ApiResult<Option<OpenDraft>> {
    let row: Option<(String, String, i64, String)> = sqlx::query_as(
        "SELECT d.idempotency_key, d.entries, d.updated_at, l.name FROM return_drafts d \
         JOIN logons l ON l.id = d.updated_by_logon_id \
         WHERE d.period_id = $1 AND d.kind = $2 AND d.submitted_return_id IS NULL",
    )
    .bind(period_id)
    .bind(kind.code())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(key, entries, updated_at, updated_by)| {
        Ok(OpenDraft {
            key,
            values: serde_json::from_str(&entries).map_err(anyhow::Error::from)?,
            updated_at,
            updated_by,
        })
    })
    .transpose()
}

/// The boxes as typed: only the form's own, each short. Anything else is
/// refused whole (nothing is saved), under the box it names.
pub fn check_values(
    context: &FilingContext,
    values: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, FieldErrors> {
    let definition = context.form.definition();
    let typed: Vec<String> = definition
        .entered_cells()
        .map(|(cell, _)| cell.key())
        .collect();
    let mut errors = FieldErrors::new();
    for (key, text) in values {
        if !typed.contains(key) {
            let message = match definition.cells().find(|c| c.key() == *key) {
                Some(cell) => format!("{} is worked out for you and cannot be typed", cell.name()),
                None => format!("Form {} has no box {key}", definition.number),
            };
            errors.add(key, message);
        } else if text.chars().count() > VALUE_MAX {
            errors.add(key, format!("Enter no more than {VALUE_MAX} characters"));
        }
    }
    if errors.is_empty() {
        Ok(values
            .iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    } else {
        Err(errors)
    }
}

fn view(
    target: PeriodForFiling,
    context: FilingContext,
    values: BTreeMap<String, String>,
    draft: Option<(String, i64, String)>,
) -> DraftView {
    let draft_values = ReturnDraft {
        form: context.form,
        values: values.clone(),
    };
    let (computed, problems) = match work_out(&draft_values, &context) {
        Ok(computed) => (Some(computed), Vec::new()),
        Err(errors) => (None, errors.0),
    };
    let amends = match context.kind {
        ReturnKind::Amended => target.latest_return().map(|r| r.as_ref()),
        ReturnKind::Original => None,
    };
    let (draft_key, saved_at, saved_by) = match draft {
        Some((key, at, by)) => (Some(key), Some(at), Some(by)),
        None => (None, None, None),
    };
    DraftView {
        account: target.account,
        period_id: target.period_id,
        period_end: target.period.end(),
        due_date: target.ledger.due.effective,
        kind: context.kind,
        form: context.form,
        values,
        draft_key,
        saved_at,
        saved_by,
        context,
        amends,
        computed,
        problems,
    }
}

/// `GET /api/accounts/{account_id}/periods/{period_id}/draft?kind=`: the draft
/// to resume, or a fresh one (an amendment starts from the return it replaces).
pub async fn get(
    State(state): State<AppState>,
    filer: AccountFiler,
    Path(path): Path<PeriodPath>,
    Query(query): Query<KindQuery>,
) -> ApiResult<Json<DraftView>> {
    let kind = query.kind.unwrap_or_default();
    let rules = crate::rules::load(&state.db).await?;
    let mut conn = state.db.acquire().await?;
    let target = context::load(&mut conn, filer.account.id, path.period_id).await?;
    let context = context::filing_context(&target, kind, &rules, state.clock.today())?;
    let draft = open_draft(&mut conn, target.period_id, kind).await?;
    let (values, saved) = match draft {
        Some(draft) => (
            draft.values,
            Some((draft.key, draft.updated_at, draft.updated_by)),
        ),
        None => match (kind, target.latest_return()) {
            (ReturnKind::Amended, Some(latest)) => (latest.entries.clone(), None),
            _ => (BTreeMap::new(), None),
        },
    };
    Ok(Json(view(target, context, values, saved)))
}

/// `PUT /api/accounts/{account_id}/periods/{period_id}/draft`: saves what is typed.
pub async fn save(
    State(state): State<AppState>,
    filer: AccountFiler,
    Path(path): Path<PeriodPath>,
    Json(body): Json<SaveDraft>,
) -> ApiResult<Json<DraftView>> {
    let rules = crate::rules::load(&state.db).await?;
    let now = state.now();
    let mut tx = crate::db::begin(&state.db).await?;
    let target = context::load(&mut tx, filer.account.id, path.period_id).await?;
    let context = context::filing_context(&target, body.kind, &rules, state.clock.today())?;
    let values = check_values(&context, &body.values).map_err(ApiError::Validation)?;
    let form = serde_json::to_value(context.form)
        .map_err(anyhow::Error::from)?
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let key: String = sqlx::query_scalar(
        "INSERT INTO return_drafts (period_id, kind, form, entries, idempotency_key, \
           created_by_logon_id, updated_by_logon_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $7) \
         ON CONFLICT (period_id, kind) WHERE submitted_return_id IS NULL DO UPDATE SET \
           entries = excluded.entries, updated_by_logon_id = excluded.updated_by_logon_id, \
           updated_at = excluded.updated_at \
         RETURNING idempotency_key",
    )
    .bind(target.period_id)
    .bind(body.kind.code())
    .bind(form)
    .bind(serde_json::to_string(&values).map_err(anyhow::Error::from)?)
    .bind(crate::crypto::random_token())
    .bind(filer.signed_in.logon_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let name: String = sqlx::query_scalar("SELECT name FROM logons WHERE id = $1")
        .bind(filer.signed_in.logon_id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Json(view(target, context, values, Some((key, now, name)))))
}
