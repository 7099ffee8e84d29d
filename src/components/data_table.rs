//! A data table with a caption and column headers, inside a region that
//! scrolls sideways on narrow screens (so the page itself never does).

use leptos::prelude::*;

/// One column: its header and whether it holds numbers (right-aligned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub numeric: bool,
}

impl Column {
    pub fn text(header: impl Into<String>) -> Self {
        Self {
            header: header.into(),
            numeric: false,
        }
    }

    pub fn numeric(header: impl Into<String>) -> Self {
        Self {
            header: header.into(),
            numeric: true,
        }
    }
}

#[component]
pub fn DataTable(
    /// The table's id; the caption is `<id>-caption` and names the region.
    #[prop(into)]
    id: String,
    #[prop(into)] caption: String,
    columns: Vec<Column>,
    /// One `Vec` of cell texts per row, in column order.
    #[prop(into)]
    rows: Signal<Vec<Vec<String>>>,
    /// The first cell of each row is that row's header (`<th scope="row">`).
    #[prop(optional)]
    row_headers: bool,
    /// Shown instead of the body when there are no rows.
    #[prop(into, default = "Nothing to show.".to_owned())]
    empty: String,
) -> impl IntoView {
    let caption_id = format!("{id}-caption");
    let numeric: Vec<bool> = columns.iter().map(|c| c.numeric).collect();
    let column_count = columns.len();
    let head = columns
        .into_iter()
        .map(|column| {
            view! {
                <th scope="col" class="table__header" class:table__cell--numeric=column.numeric>
                    {column.header}
                </th>
            }
        })
        .collect_view();
    let body = move || {
        let rows = rows.get();
        if rows.is_empty() {
            let empty = empty.clone();
            return view! {
                <tr>
                    <td class="table__cell" colspan=column_count.to_string()>{empty}</td>
                </tr>
            }
            .into_any();
        }
        rows.into_iter()
            .map(|row| {
                let cells = row
                    .into_iter()
                    .enumerate()
                    .map(|(index, text)| {
                        let is_numeric = numeric.get(index).copied().unwrap_or(false);
                        if index == 0 && row_headers {
                            view! {
                                <th scope="row" class="table__header" class:table__cell--numeric=is_numeric>
                                    {text}
                                </th>
                            }
                            .into_any()
                        } else {
                            view! {
                                <td class="table__cell" class:table__cell--numeric=is_numeric>
                                    {text}
                                </td>
                            }
                            .into_any()
                        }
                    })
                    .collect_view();
                view! { <tr class="table__row">{cells}</tr> }
            })
            .collect_view()
            .into_any()
    };
    let region_label = caption_id.clone();
    view! {
        <div class="table-scroll" role="region" aria-labelledby=region_label tabindex="0">
            <table class="table" id=id>
                <caption class="table__caption" id=caption_id>{caption}</caption>
                <thead class="table__head">
                    <tr class="table__row">{head}</tr>
                </thead>
                <tbody class="table__body">{body}</tbody>
            </table>
        </div>
    }
}
