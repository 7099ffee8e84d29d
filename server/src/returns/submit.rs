//! Submit: the server works the return out again (its figures are the ones
//! filed) and files it exactly once. The draft's key is unique on
//! `tax_returns`, so a second submit of the same draft — a double click, a
//! retry, another tab, ten at once — finds the return already filed and gets
//! the same confirmation; an original for a period that already has one is
//! refused by a second unique index.

use super::{context, drafts::PeriodPath, store, view};
use crate::{
    access::account_guards::AccountFiler,
    audit::{self, Event},
    db::Dialect,
    http::{
        error::{ApiError, ApiResult},
        json::Json,
    },
    state::AppState,
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use wire::{
    returns::{
        amount_due,
        view::{ReturnView, SubmitReturn},
        work_out, ReturnDraft, ReturnKind,
    },
    FieldErrors,
};

fn draft_key_error(message: &str) -> ApiError {
    let mut errors = FieldErrors::new();
    errors.add("draft_key", message);
    ApiError::Validation(errors)
}

/// The return the key filed, if it is this period's: the answer to a repeat.
async fn already_filed(
    tx: &mut sqlx::AnyConnection,
    key: &str,
    period_id: i64,
) -> ApiResult<Option<i64>> {
    match store::return_by_key(tx, key).await? {
        Some(filed) if filed.period_id == period_id => Ok(Some(filed.id)),
        Some(_) => Err(draft_key_error("This draft is not for this period")),
        None => Ok(None),
    }
}

/// `POST /api/accounts/{account_id}/periods/{period_id}/returns`: 201 with
/// the return as filed; 200 with the same return when it was filed already.
pub async fn submit(
    State(state): State<AppState>,
    filer: AccountFiler,
    Path(path): Path<PeriodPath>,
    Json(body): Json<SubmitReturn>,
) -> ApiResult<Response> {
    if body.draft_key.trim().is_empty() || body.draft_key.len() > 100 {
        return Err(draft_key_error("Save the return before you submit it"));
    }
    let rules = crate::rules::load(&state.db).await?;
    let now = state.now();
    let today = state.clock.today();
    let mut tx = crate::db::begin(&state.db).await?;
    // The draft's row first, locked: concurrent submits of one draft wait
    // here for the first to commit, then find it filed. (SQLite's
    // transaction already holds the write lock: `db::begin`.)
    let lock = match Dialect::of(&state.db) {
        Dialect::Postgres => " FOR UPDATE",
        Dialect::Sqlite => "",
    };
    let draft: Option<(i64, String, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT period_id, kind, submitted_return_id FROM return_drafts \
         WHERE idempotency_key = $1{lock}"
    ))
    .bind(&body.draft_key)
    .fetch_optional(&mut *tx)
    .await?;
    match draft {
        Some((period_id, _, Some(filed))) if period_id == path.period_id => {
            tx.commit().await?;
            return answer(&state, &filer, filed, StatusCode::OK).await;
        }
        Some((period_id, kind, None))
            if period_id == path.period_id && kind == body.kind.code() => {}
        Some(_) => {
            return Err(draft_key_error(
                "This draft is not for this period and return",
            ))
        }
        None => return Err(draft_key_error("Save the return before you submit it")),
    }
    let target = context::load(&mut tx, filer.account.id, path.period_id).await?;
    let context = context::filing_context(&target, body.kind, &rules, today)?;
    let values =
        super::drafts::check_values(&context, &body.values).map_err(ApiError::Validation)?;
    let draft = ReturnDraft {
        form: context.form,
        values: values.clone(),
    };
    let computed = work_out(&draft, &context).map_err(ApiError::Validation)?;
    let filer_name: String = sqlx::query_scalar("SELECT name FROM logons WHERE id = $1")
        .bind(filer.signed_in.logon_id)
        .fetch_one(&mut *tx)
        .await?;
    let inserted = store::insert(
        &mut tx,
        &store::NewReturn {
            period_id: target.period_id,
            kind: body.kind,
            form: context.form,
            entries: &values,
            computed: &computed,
            amount_due: amount_due(&computed, &context),
            amends_return_id: match body.kind {
                ReturnKind::Amended => target.latest_return().map(|r| r.id),
                ReturnKind::Original => None,
            },
            idempotency_key: &body.draft_key,
            filed_at: now,
            filed_on: today,
            filed_by: (Some(filer.signed_in.logon_id), &filer_name),
        },
    )
    .await?;
    let Some(id) = inserted else {
        // Taken meanwhile: by this very draft (another of the concurrent
        // submits won), or the period got its original from another draft.
        if let Some(id) = already_filed(&mut tx, &body.draft_key, path.period_id).await? {
            tx.commit().await?;
            return answer(&state, &filer, id, StatusCode::OK).await;
        }
        return Err(ApiError::Conflict(
            "A return for this period has just been filed. Open the period to see it, or amend it."
                .to_owned(),
        ));
    };
    sqlx::query(
        "UPDATE return_drafts SET submitted_return_id = $1, entries = $2, updated_at = $3, \
           updated_by_logon_id = $4 \
         WHERE idempotency_key = $5",
    )
    .bind(id)
    .bind(serde_json::to_string(&values).map_err(anyhow::Error::from)?)
    .bind(now)
    .bind(filer.signed_in.logon_id)
    .bind(&body.draft_key)
    .execute(&mut *tx)
    .await?;
    let detail = format!(
        "{} period ending {}, confirmation {}",
        target.account.tax_type.label(),
        target.period.end().to_us(),
        store::confirmation_number(id)
    );
    audit::record(
        &mut *tx,
        now,
        Event {
            logon_id: Some(filer.signed_in.logon_id),
            customer_id: Some(target.account.customer_id),
            account_id: Some(target.account.id),
            action: match body.kind {
                ReturnKind::Original => "return_filed",
                ReturnKind::Amended => "return_amended",
            },
            success: true,
            detail: Some(&detail),
            source_address: None,
        },
    )
    .await?;
    tx.commit().await?;
    answer(&state, &filer, id, StatusCode::CREATED).await
}

async fn answer(
    state: &AppState,
    filer: &AccountFiler,
    return_id: i64,
    status: StatusCode,
) -> ApiResult<Response> {
    let mut conn = state.db.acquire().await?;
    let view: ReturnView = view::return_view(&mut conn, return_id, true).await?;
    debug_assert_eq!(view.account.id, filer.account.id);
    Ok((status, Json(view)).into_response())
}
