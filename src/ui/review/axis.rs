//! The incident's milestones on a time axis, shown on demand in the review's
//! timeline section: a line from the first milestone to the last, each one a
//! mark spaced by the time between them, and the same times as a list.

use super::state::ReviewState;
use crate::domain::wall::Wall;
use crate::domain::Milestone;
use crate::ui::common::context::AppContext;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The drawing's size in its own units; it scales to the width of the page.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 120.0;
/// Room at each end of the line for the labels.
const MARGIN: f64 = 70.0;
const LINE: f64 = 60.0;

/// Where each milestone falls on the line, from 0 (the first) to 1 (the last).
fn spread(set: &[(Milestone, DateTime<Utc>)]) -> Vec<f64> {
    let (Some(first), Some(last)) = (set.first(), set.last()) else { return Vec::new() };
    let span = (last.1 - first.1).num_seconds() as f64;
    set.iter().map(|(_, at)| if span > 0.0 { (*at - first.1).num_seconds() as f64 / span } else { 0.5 }).collect()
}

/// The button that shows the axis, and the axis.
#[component]
pub fn MilestoneAxis(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let shown = RwSignal::new(false);
    let set = move || {
        state.incident.with(|incident| {
            incident.as_ref().map_or_else(Vec::new, |i| {
                let mut set: Vec<_> =
                    Milestone::ALL.into_iter().filter_map(|m| i.milestones().get(m).map(|at| (m, at))).collect();
                crate::domain::order::sort_by_key(&mut set, |(_, at)| *at);
                set
            })
        })
    };
    let drawing = move || {
        let set = set();
        if set.is_empty() {
            return view! { <p class="field__hint">{r().axis_none}</p> }.into_any();
        }
        let marks = set
            .iter()
            .zip(spread(&set))
            .enumerate()
            .map(|(n, ((milestone, at), place))| {
                let x = format!("{:.1}", MARGIN + place * (WIDTH - 2.0 * MARGIN));
                // Labels alternate above and below the line so that close ones do not collide.
                let (name_y, time_y) = if n % 2 == 0 { ("22", "38") } else { ("92", "108") };
                view! {
                    <g class="axis__mark">
                        <line class="axis__tick" x1=x.clone() x2=x.clone() y1="48" y2="72"></line>
                        <circle class="axis__dot" cx=x.clone() cy=LINE.to_string() r="5"></circle>
                        <text class="axis__name" x=x.clone() y=name_y text-anchor="middle">
                            {text().milestone(*milestone)}
                        </text>
                        <text class="axis__time" x=x y=time_y text-anchor="middle">
                            {Wall::of(at).clock()}
                        </text>
                    </g>
                }
            })
            .collect_view();
        let list = set
            .iter()
            .map(|(milestone, at)| {
                view! {
                    <li>
                        {text().milestone(*milestone)} {text().colon}
                        <time datetime=at.to_rfc3339()>{format!("{} {}", Wall::of(at).date_time(), text().utc_suffix)}</time>
                    </li>
                }
            })
            .collect_view();
        view! {
            <figure class="axis">
                <figcaption id="axis-title" class="axis__title">{r().axis_title}</figcaption>
                <svg
                    class="axis__picture"
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    role="img"
                    aria-labelledby="axis-title axis-desc"
                    focusable="false"
                >
                    <title>{r().axis_title}</title>
                    <desc id="axis-desc">{r().axis_desc}</desc>
                    <line
                        class="axis__line"
                        x1=MARGIN.to_string()
                        x2=(WIDTH - MARGIN).to_string()
                        y1=LINE.to_string()
                        y2=LINE.to_string()
                    ></line>
                    {marks}
                </svg>
                <ul class="axis__list">{list}</ul>
            </figure>
        }
        .into_any()
    };
    view! {
        <button
            type="button"
            class="button"
            aria-expanded=move || shown.get().to_string()
            on:click=move |_| shown.update(|shown| *shown = !*shown)
        >
            {move || r().axis_button}
        </button>
        <Show when=move || shown.get()>{drawing}</Show>
    }
}
