//! A return's lines as a table: every box in form order with its amount, as
//! the review shows them (with a Change link each) and as a filed return
//! shows them.

use leptos::prelude::*;
use wire::returns::{
    definition::{Cell, Input, LineKind},
    ComputedReturn,
};

/// What a box holds, as the form prints it.
pub fn cell_text(computed: &ComputedReturn, cell: Cell) -> String {
    let key = cell.key();
    match cell.line.kind {
        LineKind::Entered(Input::Count) => {
            computed.counts.get(&key).copied().unwrap_or(0).to_string()
        }
        _ => computed.amount(&key).to_string(),
    }
}

/// The words of a box: the line's label, and its column's.
pub fn cell_label(cell: Cell) -> String {
    match cell.column {
        Some(column) => format!("{} ({})", cell.line.label, column.label),
        None => cell.line.label.to_owned(),
    }
}

/// Every box of the return. `change` gives the Change link of a box the
/// person typed (the review); `None` leaves the column out (a filed return).
#[component]
pub fn LinesTable(
    #[prop(into)] caption: String,
    computed: ComputedReturn,
    #[prop(optional)] change: Option<Callback<String, String>>,
) -> impl IntoView {
    let definition = computed.definition();
    let rows = definition
        .cells()
        .map(|cell| {
            let typed = matches!(cell.line.kind, LineKind::Entered(_));
            let change_cell = change.map(|href| {
                let link = typed.then(|| {
                    let href = href.run(cell.key());
                    view! {
                        <a href=href>"Change"<span class="visually-hidden">" "{cell.name()}</span></a>
                    }
                });
                view! { <td class="table__cell">{link}</td> }
            });
            let is_total = cell.key() == definition.total_due_line;
            view! {
                <tr class:return-lines__total=is_total>
                    <th scope="row" class="table__header">{cell.name()}</th>
                    <td class="table__cell table__cell--wrap">{cell_label(cell)}</td>
                    <td class="table__cell table__cell--numeric">{cell_text(&computed, cell)}</td>
                    {change_cell}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" aria-labelledby="return-lines-caption" tabindex="0">
            <table class="table return-lines">
                <caption class="table__caption" id="return-lines-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="table__header">"Line"</th>
                        <th scope="col" class="table__header">"Description"</th>
                        <th scope="col" class="table__header table__cell--numeric">"Amount"</th>
                        {change.map(|_| view! {
                            <th scope="col" class="table__header"><span class="visually-hidden">"Change"</span></th>
                        })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
