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
    let numeric: Vec<bool> = columns.iter().map(|c| c.numeric).collect();
    let column_count = columns.len();
    let head: Vec<(String, bool)> = columns.into_iter().map(|c| (c.header, c.numeric)).collect();
    let head = move || {
        head.iter()
            .map(|(header, numeric)| {
                view! {
                    <th scope="col" class="table__header" class:table__cell--numeric=*numeric>
                        {header.clone()}
                    </th>
                }
            })
            .collect_view()
    };
    let body = move || {
        let rows = rows.get();
        if rows.is_empty() {
            return empty_row(column_count, empty.clone());
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
    view! {
        <Table id=id caption=caption head=head>{body}</Table>
    }
}

/// The frame every table shares: a region that scrolls sideways on narrow
/// screens (so the page itself never does), named by the table's caption,
/// then the header row and the body (`children`).
#[component]
pub fn Table(
    /// The table's id; the caption is `<id>-caption`.
    #[prop(into)]
    id: String,
    #[prop(into)] caption: String,
    /// The cells of the header row.
    #[prop(into)]
    head: ViewFn,
    children: Children,
) -> impl IntoView {
    let caption_id = format!("{id}-caption");
    let region_label = caption_id.clone();
    view! {
        <div class="table-scroll" role="region" aria-labelledby=region_label tabindex="0">
            <table class="table" id=id>
                <caption class="table__caption" id=caption_id>{caption}</caption>
                <thead class="table__head">
                    <tr class="table__row">{head.run()}</tr>
                </thead>
                <tbody class="table__body">{children()}</tbody>
            </table>
        </div>
    }
}

/// The one row of a table with nothing to list.
pub fn empty_row(columns: usize, text: impl Into<String>) -> AnyView {
    let text = text.into();
    view! { <tr><td class="table__cell" colspan=columns.to_string()>{text}</td></tr> }.into_any()
}
