//! `/accounts/:account_id/periods/:period_id/return[?kind=amended]`: the
//! return form. Each line as the paper form labels it; the computed lines
//! worked out as the person types (`wire::returns::work_out_partial`, the
//! same code the server runs on submit, whose result counts); what is typed
//! saved as a draft a moment after each change, so a closed tab or an ended
//! session loses nothing and File Now resumes it. "Continue to review" saves
//! and goes to the review once the server finds no problem.

use super::{api, refused, stylesheet, Target};
use crate::{
    components::{
        error_summary::focus_field, ErrorSummary, FormState, Loaded, MoneyInput, Submit,
        SubmitButton, TextInput,
    },
    format::date_time,
    lazy::lazy_page,
    paths,
    session::use_session,
    shell::{Page, RequireSession},
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::{collections::BTreeMap, time::Duration};
use wire::{
    returns::{
        definition::{Cell, Input, LineKind},
        view::{DraftView, SaveDraft},
        work_out, work_out_partial, ComputedReturn, FilingContext, ReturnDraft, ReturnKind,
    },
    FieldErrors,
};

lazy_page!(pub ReturnFormRoute in returns => view! { <RequireSession><ReturnFormPage/></RequireSession> });

/// How long after the last keystroke the draft is saved.
const SAVE_AFTER: Duration = Duration::from_millis(700);

#[component]
pub fn ReturnFormPage() -> impl IntoView {
    let Some(target) = Target::from_address() else {
        return view! { <crate::pages::NotFound/> }.into_any();
    };
    let draft =
        LocalResource::new(move || api::draft(target.account_id, target.period_id, target.kind));
    let form = FormState::new();
    let title = match target.kind {
        ReturnKind::Original => TITLE,
        ReturnKind::Amended => AMEND_TITLE,
    };
    view! {
        {stylesheet()}
        <Page title=title error=form.has_errors()>
            <Loaded data=draft refused=refused() view=move |draft| view! { <ReturnForm target=target draft=draft form=form/> }/>
        </Page>
    }
    .into_any()
}

pub const TITLE: &str = "File Return";
pub const AMEND_TITLE: &str = "Amend Return";

/// The form's number and title, and whether it amends.
pub fn form_title(draft: &DraftView) -> String {
    let definition = draft.form.definition();
    match draft.kind {
        ReturnKind::Original => format!("{} {}", definition.number, definition.title),
        ReturnKind::Amended => format!("Amended {} {}", definition.number, definition.title),
    }
}

/// The account and period a return page is about.
#[component]
pub fn PeriodFacts(draft: DraftView) -> impl IntoView {
    view! {
        <dl class="facts">
            <div class="facts__row"><dt>"Business"</dt>" "<dd>{draft.account.legal_name.clone()}</dd></div>
            <div class="facts__row"><dt>"Account ID"</dt>" "<dd>{draft.account.account_number.clone()}</dd></div>
            <div class="facts__row"><dt>"Return Period Ending On"</dt>" "<dd>{draft.period_end.to_us()}</dd></div>
            <div class="facts__row"><dt>"Due"</dt>" "<dd>{draft.due_date.to_us()}</dd></div>
        </dl>
        {draft.amends.map(|amends| view! {
            <p class="body">
                "This amended return replaces return "{amends.confirmation_number}", filed "
                {amends.filed_on.to_us()}". The return you filed stays in your history as filed."
            </p>
        })}
    }
}

/// The lines worked out from what is typed so far (a box that does not
/// parse counts as blank until it does).
fn worked_out(
    context: &FilingContext,
    values: &BTreeMap<String, String>,
) -> Option<ComputedReturn> {
    let draft = ReturnDraft {
        form: context.form,
        values: values.clone(),
    };
    work_out_partial(&draft, context).0
}

#[component]
fn ReturnForm(target: Target, draft: DraftView, form: FormState) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let definition = draft.form.definition();
    let title = form_title(&draft);
    let context = StoredValue::new(draft.context.clone());
    // One signal per box the person types into, from the draft as saved.
    let boxes: Vec<(String, RwSignal<String>)> = definition
        .entered_cells()
        .map(|(cell, _)| {
            let key = cell.key();
            let text = draft.values.get(&key).cloned().unwrap_or_default();
            (key, RwSignal::new(text))
        })
        .collect();
    let signals: BTreeMap<String, RwSignal<String>> = boxes.iter().cloned().collect();
    let boxes = StoredValue::new(boxes);
    let values = Memo::new(move |_| {
        boxes.with_value(|boxes| {
            boxes
                .iter()
                .map(|(key, text)| (key.clone(), text.get()))
                .filter(|(_, text)| !text.trim().is_empty())
                .collect::<BTreeMap<_, _>>()
        })
    });
    let computed = Memo::new(move |_| context.with_value(|c| worked_out(c, &values.get())));

    // Saved as the person goes: a moment after the last change.
    let saved = RwSignal::new(
        draft
            .saved_at
            .map(|at| (at, draft.saved_by.clone().unwrap_or_default())),
    );
    let save_problem = RwSignal::new(None::<String>);
    let kind = target.kind;
    // One save at a time, so they land in order; what changes meanwhile is
    // saved as soon as the save on its way has answered.
    let queued = StoredValue::new(None::<BTreeMap<String, String>>);
    let save: Submit<BTreeMap<String, String>, DraftView> = Submit::new(
        move |values: BTreeMap<String, String>| {
            let body = SaveDraft { kind, values };
            async move { api::save_draft(target.account_id, target.period_id, &body).await }
        },
        move |answer| match answer {
            Ok(view) => {
                save_problem.set(None);
                saved.set(
                    view.saved_at
                        .map(|at| (at, view.saved_by.unwrap_or_default())),
                );
            }
            Err(error) if error.is_unauthorized() => session.expired(),
            Err(error) => save_problem.set(Some(error.message())),
        },
    );
    Effect::new(move |_| {
        if !save.is_pending() {
            if let Some(values) = queued.try_update_value(Option::take).flatten() {
                save.dispatch(values);
            }
        }
    });
    let save_now = move |values: BTreeMap<String, String>| {
        if save.pending().get_untracked() {
            queued.set_value(Some(values));
        } else {
            save.dispatch(values);
        }
    };
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let cancel_timer = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
    };
    on_cleanup(cancel_timer);
    Effect::new(move |first: Option<()>| {
        let values = values.get();
        if first.is_none() {
            return;
        }
        cancel_timer();
        let handle = set_timeout_with_handle(
            move || {
                timer.set_value(None);
                save_now(values);
            },
            SAVE_AFTER,
        );
        timer.set_value(handle.ok());
    });

    // Continue to review: saved now, then the review if the server agrees.
    let proceed = Submit::form(
        form,
        move |values: BTreeMap<String, String>| {
            let body = SaveDraft { kind, values };
            async move { api::save_draft(target.account_id, target.period_id, &body).await }
        },
        move |view: DraftView| {
            saved.set(
                view.saved_at
                    .map(|at| (at, view.saved_by.clone().unwrap_or_default())),
            );
            if view.problems.is_empty() && view.computed.is_some() {
                navigate(&target.review_href(), Default::default());
            } else {
                form.fail_fields(FieldErrors(view.problems));
            }
        },
    );
    let on_submit = proceed.on_submit(form, move || {
        cancel_timer();
        let values = values.get_untracked();
        let draft = ReturnDraft {
            form: definition.code,
            values: values.clone(),
        };
        match context.with_value(|c| work_out(&draft, c)) {
            Ok(_) => Ok(values),
            Err(errors) => {
                // Keep what was typed even so.
                save_now(values);
                Err(errors.0.into_iter().map(Into::into).collect())
            }
        }
    });

    // A Change link on the review lands on its box.
    request_animation_frame(|| {
        let hash = window().location().hash().unwrap_or_default();
        if let Some(field) = hash.strip_prefix('#').filter(|f| !f.is_empty()) {
            focus_field(field);
        }
    });

    let lines = definition
        .lines
        .iter()
        .map(|line| {
            let cells: Vec<Cell> = definition
                .cells()
                .filter(|c| std::ptr::eq(c.line, line))
                .collect();
            match line.kind {
                LineKind::Entered(input) => entered_line(&cells, input, &signals, form).into_any(),
                _ => computed_line(&cells, computed).into_any(),
            }
        })
        .collect_view();
    let total_key = definition.total_due_line;
    let total = move || {
        computed.with(|c| {
            c.as_ref()
                .map(|c| c.amount(total_key).to_string())
                .unwrap_or_default()
        })
    };
    let saved_text = move || match (save_problem.get(), saved.get()) {
        (Some(problem), _) => format!("Your latest changes are not saved yet: {problem}"),
        (None, Some((at, by))) => format!("Draft saved {} by {by}.", date_time(at)),
        (None, None) => "Your draft is saved as you type.".to_owned(),
    };
    view! {
        <h2 class="heading-m">{title}</h2>
        <PeriodFacts draft=draft.clone()/>
            <ErrorSummary form=form/>
            <p class="body">
                "Enter amounts in dollars and cents, for example 1250.00. A blank box counts as zero. "
                "Lines marked “worked out for you” are computed as you type."
            </p>
            <form class="return-form" novalidate on:submit=on_submit>
                {lines}
                <p class="return-total">"Total amount due: "<strong>{total}</strong></p>
                <p class="hint" role="status">{saved_text}</p>
                <div class="button-group">
                    <SubmitButton pending=proceed.pending()>"Continue to review"</SubmitButton>
                    <a href=paths::SUMMARY>"Back to Summary"</a>
                </div>
            </form>
    }
}

/// The box label: "Line 1: …", or in a line with columns "Line 1, column A, General rate".
fn box_label(cell: Cell, input: Input) -> String {
    let unit = match input {
        Input::Amount => ", in dollars",
        Input::Count => "",
    };
    match cell.column {
        Some(column) => format!("{}, {}{unit}", cell.name(), column.label),
        None => format!("{}: {}{unit}", cell.name(), cell.line.label),
    }
}

fn entered_box(
    cell: Cell,
    input: Input,
    signals: &BTreeMap<String, RwSignal<String>>,
    form: FormState,
) -> AnyView {
    let key = cell.key();
    let Some(value) = signals.get(&key).copied() else {
        return ().into_any();
    };
    let label = box_label(cell, input);
    let error = form.error_for(&key);
    match input {
        Input::Amount => view! { <MoneyInput id=key label=label value=value error=error/> }.into_any(),
        Input::Count => view! {
            <TextInput id=key label=label value=value error=error inputmode="numeric" autocomplete="off" width_class="input--width-10"/>
        }
        .into_any(),
    }
}

fn entered_line(
    cells: &[Cell],
    input: Input,
    signals: &BTreeMap<String, RwSignal<String>>,
    form: FormState,
) -> impl IntoView {
    let boxes = cells
        .iter()
        .map(|cell| entered_box(*cell, input, signals, form))
        .collect_view();
    match cells.first() {
        Some(first) if first.column.is_some() => view! {
            <fieldset class="fieldset return-line">
                <legend class="fieldset__legend">{format!("{}: {}", Cell { column: None, ..*first }.name(), first.line.label)}</legend>
                <div class="return-line__columns">{boxes}</div>
            </fieldset>
        }
        .into_any(),
        _ => view! { <div class="return-line">{boxes}</div> }.into_any(),
    }
}

fn computed_line(cells: &[Cell], computed: Memo<Option<ComputedReturn>>) -> impl IntoView {
    let Some(first) = cells.first().copied() else {
        return ().into_any();
    };
    let line = first.line;
    let note = match line.kind {
        LineKind::Supplied(_) => "filled in by the portal",
        _ => "worked out for you",
    };
    let amount = move |key: String| {
        move || {
            computed.with(|c| {
                c.as_ref()
                    .map(|c| c.amount(&key).to_string())
                    .unwrap_or_else(|| "—".to_owned())
            })
        }
    };
    let heading = format!(
        "{}: {}",
        Cell {
            column: None,
            ..first
        }
        .name(),
        line.label
    );
    let body = if first.column.is_some() {
        let cells = cells
            .iter()
            .map(|cell| {
                let label = cell.column.map(|c| format!("Column {}, {}", c.letter, c.label)).unwrap_or_default();
                view! { <div class="facts__row"><dt>{label}</dt>" "<dd>{amount(cell.key())}</dd></div> }
            })
            .collect_view();
        view! { <dl class="facts return-line__cells">{cells}</dl> }.into_any()
    } else {
        view! { <p class="return-line__amount">{amount(first.key())}</p> }.into_any()
    };
    view! {
        <div class="return-line return-line--computed" id=line.key tabindex="-1">
            <p class="label">{heading}" "<span class="return-line__note">"(" {note} ")"</span></p>
            {body}
        </div>
    }
    .into_any()
}
