//! Bar charts drawn as inline SVG: no script, no request, nothing the page's
//! policy forbids. Each chart is a figure whose picture is named by its title and
//! description, with a legend, and with the same numbers as a table for those who
//! would rather read them (or cannot see the picture).

use leptos::prelude::*;

/// The drawing's size in its own units; it scales to the width of the page.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
/// Room for the value axis on the left and the category labels below.
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 10.0;

/// One series of bars: its name in the legend, its colour class and a value
/// for each category, with the value as the table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub class: &'static str,
    pub values: Vec<(f64, String)>,
}

/// A bar chart: a bar (or a stack of bars) per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Unique on the page; the ids of the chart's parts start with it.
    pub id: &'static str,
    pub title: String,
    /// Says what the bars are and where the numbers are.
    pub description: String,
    /// The heading of the table's first column.
    pub category: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Stacked bars (parts of one whole) rather than bars side by side.
    pub stacked: bool,
}

/// A coordinate as an attribute's value.
fn coord(value: f64) -> String {
    format!("{value:.1}")
}

/// A round number at least as large as `value`, for the top of the value axis.
fn nice_top(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|step| step * magnitude).find(|top| *top >= value).unwrap_or(value)
}

/// Shows every `every`-th category label, so that the labels of many weeks do
/// not run into each other.
fn label_every(categories: usize) -> usize {
    categories.div_ceil(12).max(1)
}

/// The rectangles of a chart: (x, y, width, height, class, tooltip).
fn bars(chart: &Chart, top: f64) -> Vec<(f64, f64, f64, f64, &'static str, String)> {
    let plot = (WIDTH - LEFT - 4.0, HEIGHT - BOTTOM - TOP);
    let band = plot.0 / chart.categories.len().max(1) as f64;
    let scale = |value: f64| value / top * plot.1;
    let mut out = Vec::new();
    for (at, category) in chart.categories.iter().enumerate() {
        let start = LEFT + band * at as f64 + band * 0.15;
        let mut base = 0.0;
        let width = if chart.stacked { band * 0.7 } else { band * 0.7 / chart.series.len().max(1) as f64 };
        for (which, series) in chart.series.iter().enumerate() {
            let Some((value, shown)) = series.values.get(at) else { continue };
            if *value <= 0.0 {
                continue;
            }
            let height = scale(*value);
            let x = if chart.stacked { start } else { start + width * which as f64 };
            let y = TOP + plot.1 - base - height;
            if chart.stacked {
                base += height;
            }
            out.push((x, y, width, height, series.class, format!("{category}, {}: {shown}", series.name)));
        }
    }
    out
}

/// The chart as a figure: the picture, its legend and its table.
#[component]
pub fn BarChart(chart: Chart) -> impl IntoView {
    let totals = (0..chart.categories.len()).map(|at| {
        let values = chart.series.iter().filter_map(|s| s.values.get(at).map(|v| v.0));
        if chart.stacked {
            values.sum::<f64>()
        } else {
            values.fold(0.0, f64::max)
        }
    });
    let top = nice_top(totals.fold(0.0, f64::max));
    let (title_id, desc_id) = (format!("{}-title", chart.id), format!("{}-desc", chart.id));
    let labelled = format!("{title_id} {desc_id}");
    let plot_bottom = HEIGHT - BOTTOM;
    let band = (WIDTH - LEFT - 4.0) / chart.categories.len().max(1) as f64;
    let every = label_every(chart.categories.len());
    let ticks = [0.0, top / 2.0, top]
        .into_iter()
        .map(|value| {
            let y = plot_bottom - value / top * (plot_bottom - TOP);
            view! {
                <line class="chart__grid" x1=coord(LEFT) x2=coord(WIDTH) y1=coord(y) y2=coord(y)></line>
                <text class="chart__tick" x=coord(LEFT - 6.0) y=coord(y + 4.0) text-anchor="end">
                    {format!("{value}")}
                </text>
            }
        })
        .collect_view();
    let labels = chart
        .categories
        .iter()
        .enumerate()
        .filter(|(at, _)| at % every == 0)
        .map(|(at, label)| {
            let x = LEFT + band * (at as f64 + 0.5);
            view! {
                <text class="chart__tick" x=coord(x) y=coord(plot_bottom + 18.0) text-anchor="middle">
                    {label.clone()}
                </text>
            }
        })
        .collect_view();
    let rects = bars(&chart, top)
        .into_iter()
        .map(|(x, y, width, height, class, tip)| {
            view! {
                <rect class=format!("chart__bar {class}") x=coord(x) y=coord(y) width=coord(width) height=coord(height)>
                    <title>{tip}</title>
                </rect>
            }
        })
        .collect_view();
    let legend = chart
        .series
        .iter()
        .map(|s| {
            view! {
                <li>
                    <span class=format!("chart__swatch {}", s.class)></span>
                    {s.name.clone()}
                </li>
            }
        })
        .collect_view();
    let head = chart.series.iter().map(|s| view! { <th scope="col">{s.name.clone()}</th> }).collect_view();
    let rows = chart
        .categories
        .iter()
        .enumerate()
        .map(|(at, category)| {
            let cells = chart
                .series
                .iter()
                .map(|s| view! { <td>{s.values.get(at).map(|v| v.1.clone()).unwrap_or_default()}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{category.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption class="chart__title" id=title_id.clone()>{chart.title.clone()}</figcaption>
            <svg
                class="chart__picture"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby=labelled
                focusable="false"
            >
                <title>{chart.title.clone()}</title>
                <desc id=desc_id>{chart.description.clone()}</desc>
                {ticks}
                <line class="chart__axis" x1=coord(LEFT) x2=coord(WIDTH) y1=coord(plot_bottom) y2=coord(plot_bottom)></line>
                {rects}
                {labels}
            </svg>
            <ul class="chart__legend">{legend}</ul>
            <table class="chart__table">
                <caption>{chart.title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{chart.category.clone()}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}
