//! An account's balance and payments month by month: an SVG the app draws
//! (a line for the balance, a bar for each month's payments) and, as its
//! accessible alternative, the same figures as a table.

use crate::components::{data_table::Column, DataTable};
use leptos::prelude::*;
use wire::{ledger::ChartPoint, Money};

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 70.0;
const BOTTOM: f64 = 24.0;

fn dollars(money: Money) -> f64 {
    money.cents() as f64 / 100.0
}

#[component]
pub fn AccountChart(points: Vec<ChartPoint>) -> impl IntoView {
    if points.is_empty() {
        return view! { <p class="body">"No ledger activity to chart yet."</p> }.into_any();
    }
    let top = points
        .iter()
        .flat_map(|p| [dollars(p.balance), dollars(p.payments)])
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let low = points
        .iter()
        .map(|p| dollars(p.balance))
        .fold(0.0_f64, f64::min);
    let span = top - low;
    let plot_height = HEIGHT - BOTTOM - 10.0;
    let y = move |value: f64| 10.0 + (top - value) / span * plot_height;
    let step = (WIDTH - LEFT - 10.0) / points.len() as f64;
    let x = move |index: usize| LEFT + step * (index as f64 + 0.5);
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(dollars(p.balance))))
        .collect();
    let bars = points
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.payments.is_zero())
        .map(|(i, p)| {
            let top_y = y(dollars(p.payments));
            let height = (y(0.0) - top_y).max(1.0);
            view! {
                <rect x=format!("{:.1}", x(i) - step * 0.3) y=format!("{top_y:.1}") width=format!("{:.1}", step * 0.6)
                    height=format!("{height:.1}") fill="#5694ca"/>
            }
        })
        .collect_view();
    let first = points
        .first()
        .map(|p| p.month_end.to_us())
        .unwrap_or_default();
    let last = points
        .last()
        .map(|p| p.month_end.to_us())
        .unwrap_or_default();
    let rows: Vec<Vec<String>> = points
        .iter()
        .map(|p| {
            vec![
                p.month_end.to_us(),
                p.balance.to_string(),
                p.payments.to_string(),
            ]
        })
        .collect();
    let zero = y(0.0);
    view! {
        <figure class="account-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="account-chart-title" focusable="false">
                <title id="account-chart-title">
                    {format!("Balance (line) and payments (bars) by month, {first} to {last}; the figures are in the table below.")}
                </title>
                <line x1=LEFT.to_string() x2=(WIDTH - 10.0).to_string() y1=format!("{zero:.1}") y2=format!("{zero:.1}") stroke="#0b0c0c"/>
                <text x=(LEFT - 6.0).to_string() y=format!("{:.1}", y(top) + 4.0) text-anchor="end" font-size="12" fill="#0b0c0c">
                    {Money::from_cents((top * 100.0) as i64).to_string()}
                </text>
                <text x=(LEFT - 6.0).to_string() y=format!("{:.1}", zero + 4.0) text-anchor="end" font-size="12" fill="#0b0c0c">"$0.00"</text>
                <text x=LEFT.to_string() y=(HEIGHT - 6.0).to_string() font-size="12" fill="#0b0c0c">{first.clone()}</text>
                <text x=(WIDTH - 10.0).to_string() y=(HEIGHT - 6.0).to_string() text-anchor="end" font-size="12" fill="#0b0c0c">{last.clone()}</text>
                {bars}
                <polyline points=line.join(" ") fill="none" stroke="#0b0c0c" stroke-width="2"/>
            </svg>
            <figcaption class="hint">"Line: balance at each month's end. Bars: payments and credits in the month."</figcaption>
        </figure>
        <details class="details">
            <summary class="details__summary">"Show the chart's figures as a table"</summary>
            <div class="details__text">
                <DataTable
                    id="account-chart-data"
                    caption="Balance and payments by month"
                    columns=vec![Column::text("Month ending"), Column::numeric("Balance"), Column::numeric("Payments and credits")]
                    rows=Signal::stored(rows)
                    row_headers=true
                />
            </div>
        </details>
    }
    .into_any()
}
