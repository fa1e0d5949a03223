//! The manager's view across incidents: every review with its status and due
//! date, the remediation plan filtered by owner, team, status and dates with its
//! counts, exports and a chart of open items by due week and owner, each item's
//! status, owner and due date changed in place, and incident metrics over a date
//! range (by worst severity and by catalog component, means and medians),
//! charted and in tables. The filters and the range live in the page's address.

use super::chart::BarChart;
use super::charts;
use super::load::{load, Loaded};
use super::rows::{status_options, Feedback, PlanTable, Saving};
use crate::domain::plan::{
    counts, incidents_by_week, metrics, open_items_by_week, plan, ComponentGroup, GroupMetrics, PlanFilter, Times,
};
use crate::domain::review::ItemStatus;
use crate::ui::common::context::AppContext;
use crate::ui::common::date_field::TypedDate;
use crate::ui::common::task::{effect, spawn_for_view};
use crate::ui::i18n::{fill, Text};
use crate::ui::review::exports::PlanScope;
use crate::ui::review::ReviewCommands;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

/// The plan page.
///
/// What it shows is read once; an item saved from the plan replaces its review
/// with the review as stored, and an item another tab changed meanwhile makes
/// the page read everything again (and say so) instead of overwriting it.
#[component]
pub fn PlanPage() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let data = RwSignal::new(Loaded::default());
    let ready = RwSignal::new(false);
    let commands = ReviewCommands::new();
    let range = Range::new(&use_query_map().get_untracked(), Utc::now().date_naive());
    // Every incident's timeline and review: a read that ends with the page.
    spawn_for_view(async move {
        data.set(load(context).await);
        ready.set(true);
    });
    view! {
        <h1>{move || text().plan_title}</h1>
        <Show when=move || ready.get() fallback=move || view! { <p role="status">{text().loading}</p> }>
            <ReviewList data />
            <Plan data commands range />
            <MetricsRange data range />
        </Show>
    }
}

/// The metrics' date range: what its two fields hold, and the dates in use,
/// the last ones read whole from each field. Dates other than the last 90 days
/// (the default) live in the page's address with the plan's filters,
/// `/plan?from=2026-01-01&to=2026-03-31`.
#[derive(Clone, Copy)]
struct Range {
    from: TypedDate,
    to: TypedDate,
    /// The first and last days counted.
    applied: RwSignal<(NaiveDate, NaiveDate)>,
    /// The default range, the last 90 days.
    default: (NaiveDate, NaiveDate),
}

impl Range {
    /// The range the address gives, or the last 90 days; a date in the address
    /// that cannot be read stays in its field, refused with the reason.
    fn new(query: &ParamsMap, today: NaiveDate) -> Range {
        let default = (today - Duration::days(90), today);
        let given = |name: &str, or: NaiveDate| TypedDate::new(query.get(name).unwrap_or_else(|| or.to_string()));
        let range = Range {
            from: given("from", default.0),
            to: given("to", default.1),
            applied: RwSignal::new(default),
            default,
        };
        range.apply();
        range
    }

    /// Reads both fields, and uses each date read whole; a field refused says why
    /// and its date in use stays.
    fn apply(&self) {
        let (mut from, mut to) = self.applied.get_untracked();
        if let Some(date) = self.from.read_needed() {
            from = date;
        }
        if let Some(date) = self.to.read_needed() {
            to = date;
        }
        if self.applied.get_untracked() != (from, to) {
            self.applied.set((from, to));
        }
    }

    /// The range's part of the address: each date in use that is not the default.
    fn query(&self) -> Vec<String> {
        let (from, to) = self.applied.get();
        [("from", from, self.default.0), ("to", to, self.default.1)]
            .into_iter()
            .filter(|(_, date, default)| date != default)
            .map(|(name, date, _)| format!("{name}={date}"))
            .collect()
    }
}

/// Every incident's review with its status and due date.
#[component]
fn ReviewList(data: RwSignal<Loaded>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let today = Utc::now().date_naive();
    view! {
        <section aria-labelledby="reviews-heading">
            <h2 id="reviews-heading">{move || text().review.reviews_title}</h2>
            {move || {
                let rows: Vec<_> =
                    data.with(|d| d.incidents.iter().map(|r| (r.incident.clone(), r.review.clone(), r.due)).collect());
                if rows.is_empty() {
                    return view! { <p class="field__hint">{text().review.reviews_empty}</p> }.into_any();
                }
                view! {
                    <table class="plan__reviews">
                        <thead>
                            <tr>
                                <th scope="col">{text().plan_incident}</th>
                                <th scope="col">{text().review.column_review_status}</th>
                                <th scope="col">{text().review.column_due}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|(incident, review, due)| {
                                    let status = review.as_ref().map_or(text().review.no_review, |r| text().review.status(r.status()));
                                    let late = due.is_some_and(|d| d < today)
                                        && review.as_ref().is_none_or(|r| !matches!(r.status(), crate::domain::ReviewStatus::Approved | crate::domain::ReviewStatus::Published));
                                    view! {
                                        <tr>
                                            <td>
                                                <A href=format!("/incidents/{}/review", incident.id())>{incident.title().to_owned()}</A>
                                            </td>
                                            <td>{status}</td>
                                            <td class:plan__late=late>
                                                {due.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}
                                                {late.then(|| format!(" · {}", text().plan_overdue_badge))}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}

/// The remediation plan with its filters, counts and exports.
///
/// The filters live in the page's address (`/plan?owner=ana&status=committed`),
/// with the metrics' range, so a view can be shared and survives a reload; the
/// address is replaced, not pushed, as they change. Items the filter leaves out for being candidates or
/// won't-do are counted, with a button that shows them.
#[component]
fn Plan(data: RwSignal<Loaded>, commands: ReviewCommands, range: Range) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let today = Utc::now().date_naive();
    let query = use_query_map().get_untracked();
    let given = |name: &str| query.get(name).unwrap_or_default();
    let owner = RwSignal::new(given("owner"));
    let team = RwSignal::new(given("team"));
    let status = RwSignal::new(
        Some(given("status")).filter(|s| ItemStatus::choices().iter().any(|c| c.key() == s)).unwrap_or_default(),
    );
    let overdue = RwSignal::new(given("overdue") == "1");
    let within = RwSignal::new(given("within"));
    let unplanned = RwSignal::new(given("unplanned") == "1");
    let navigate = use_navigate();
    effect(move |_| {
        let mut pairs = Vec::new();
        for (name, value) in [("owner", owner.get()), ("team", team.get()), ("status", status.get())] {
            if !value.trim().is_empty() {
                pairs.push(format!("{name}={}", encoded(value.trim())));
            }
        }
        if let Ok(days) = within.get().trim().parse::<u32>() {
            pairs.push(format!("within={days}"));
        }
        for (name, on) in [("overdue", overdue.get()), ("unplanned", unplanned.get())] {
            if on {
                pairs.push(format!("{name}=1"));
            }
        }
        pairs.extend(range.query());
        let query = pairs.join("&");
        let address = if query.is_empty() { "/plan".to_owned() } else { format!("/plan?{query}") };
        let now = window().location();
        if format!("{}{}", now.pathname().unwrap_or_default(), now.search().unwrap_or_default()) != address {
            navigate(&address, NavigateOptions { replace: true, scroll: false, ..NavigateOptions::default() });
        }
    });
    let filter = move || PlanFilter {
        owner: owner.get(),
        team: team.get(),
        status: Some(status.get()).filter(|s| !s.is_empty()),
        overdue: overdue.get(),
        due_within: within.get().trim().parse().ok(),
        include_unplanned: unplanned.get() || matches!(status.get().as_str(), "candidate" | "wont_do"),
    };
    let rows = Memo::new(move |_| data.with(|d| plan(&d.reviewed(), &filter(), today)));
    // The candidates and won't-do items the filter leaves out.
    let left_out = move || {
        let filter = filter();
        if filter.include_unplanned {
            return 0;
        }
        let all = data.with(|d| plan(&d.reviewed(), &PlanFilter { include_unplanned: true, ..filter }, today));
        all.len().saturating_sub(rows.with(Vec::len))
    };
    let export_problem = RwSignal::new(None::<String>);
    let feedback = RwSignal::new(None::<Feedback>);
    let export = move |ics: bool| {
        let rows = rows.get_untracked();
        let scope = untrack(|| scope(text(), &filter(), &status.get()));
        let reviewed = data.with_untracked(Loaded::reviewed);
        let result = crate::ui::review::exports::plan_download(context, &rows, reviewed, &scope, ics);
        export_problem.set(result.err());
    };
    view! {
        <section aria-labelledby="plan-heading">
            <h2 id="plan-heading">{move || text().plan_title}</h2>
            <fieldset class="plan__filters">
                <legend>{move || text().plan_filters}</legend>
                <div class="field">
                    <label for="plan-owner">{move || text().plan_owner}</label>
                    <input id="plan-owner" type="search" bind:value=owner />
                </div>
                <div class="field">
                    <label for="plan-team">{move || text().plan_team}</label>
                    <input id="plan-team" type="search" bind:value=team />
                </div>
                <div class="field">
                    <label for="plan-status">{move || text().plan_status}</label>
                    <select id="plan-status" on:change=move |ev| status.set(event_target_value(&ev))>
                        <option value="">{move || text().plan_status_all}</option>
                        {status_options(status)}
                    </select>
                </div>
                <div class="field">
                    <label for="plan-within">{move || text().plan_due_within}</label>
                    <input id="plan-within" type="number" min="0" inputmode="numeric" bind:value=within />
                </div>
                <div class="field field--inline">
                    <input id="plan-overdue" type="checkbox" bind:checked=overdue />
                    <label for="plan-overdue">{move || text().plan_overdue}</label>
                </div>
                <div class="field field--inline">
                    <input id="plan-unplanned" type="checkbox" bind:checked=unplanned />
                    <label for="plan-unplanned">{move || text().plan_unplanned}</label>
                </div>
            </fieldset>
            <p class="plan__counts" role="status">
                {move || {
                    let c = rows.with(|rows| counts(rows, today));
                    fill(
                        if c.shown == 1 { text().plan_counts_one } else { text().plan_counts },
                        &[
                            ("shown", &c.shown.to_string()),
                            ("overdue", &c.overdue.to_string()),
                            ("due_week", &c.due_this_week.to_string()),
                            ("done", &c.done.to_string()),
                        ],
                    )
                }}
            </p>
            {move || {
                let count = left_out();
                (count > 0)
                    .then(|| {
                        view! {
                            <p class="plan__left-out">
                                {text().review.left_out(count)}
                                " "
                                <button type="button" class="button button--small" on:click=move |_| unplanned.set(true)>
                                    {text().review.plan_show_left_out}
                                </button>
                            </p>
                        }
                    })
            }}
            <div class="plan__exports">
                <button type="button" class="button" on:click=move |_| export(false)>{move || text().plan_export_csv}</button>
                <button type="button" class="button" on:click=move |_| export(true)>{move || text().plan_export_ics}</button>
                <span class="field__error" role="alert">{move || export_problem.get()}</span>
            </div>
            {move || rows.with(Vec::is_empty).then(|| view! { <p class="field__hint">{text().plan_empty}</p> })}
            {move || {
                let weeks = rows.with(|rows| open_items_by_week(rows));
                (!weeks.is_empty()).then(|| view! { <BarChart chart=charts::open_items(text(), &weeks) /> })
            }}
            <p id="plan-saved" class="plan__saved" role="status" tabindex="-1">
                {move || match feedback.get() {
                    Some(Feedback::Saved(title)) => fill(text().plan.saved, &[("title", &title)]),
                    _ => String::new(),
                }}
            </p>
            <p class="field__error" role="alert">{move || feedback.get().and_then(|f| f.problem(text()))}</p>
            <Show when=move || !rows.with(Vec::is_empty)>
                <PlanTable rows saving=Saving { today, data, commands, feedback } />
            </Show>
        </section>
    }
}

/// A query-string value: unreserved characters as they are, every other byte
/// of its UTF-8 percent-encoded.
fn encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The view's filter in words (for the calendar and the CSV) and as a file-name
/// part, both in the user's language.
fn scope(text: &Text, filter: &PlanFilter, status: &str) -> PlanScope {
    let (r, e) = (text.review, text.exports);
    let pair = |label: &str, value: &str| fill(e.plan_scope_pair, &[("label", label), ("value", value)]);
    let mut words = Vec::new();
    let mut name = Vec::new();
    for (label, file, value) in
        [(text.plan_owner, e.plan_file_owner, &filter.owner), (text.plan_team, e.plan_file_team, &filter.team)]
    {
        if !value.trim().is_empty() {
            words.push(pair(label, value.trim()));
            name.push(fill(file, &[("value", value.trim())]));
        }
    }
    match ItemStatus::choices().into_iter().find(|s| s.key() == status) {
        Some(chosen) => {
            let shown = r.item_status(&chosen);
            words.push(pair(text.plan_status, shown));
            // "Won't do" as "wont-do", not "won-t-do".
            name.push(shown.replace(['\'', '’'], ""));
        }
        None if filter.include_unplanned => {
            words.push(text.plan_unplanned.to_owned());
            name.push(e.plan_file_with_candidates.to_owned());
        }
        None => words.push(text.plan_status_all.to_owned()),
    }
    if let Some(days) = filter.due_within {
        words.push(pair(text.plan_due_within, &days.to_string()));
        name.push(fill(e.plan_file_within, &[("days", &days.to_string())]));
    }
    if filter.overdue {
        words.push(text.plan_overdue.to_owned());
        name.push(e.plan_file_overdue.to_owned());
    }
    PlanScope { words: words.join(e.plan_scope_separator), name: name.join("-") }
}

/// A time as the metrics table shows it.
fn shown(text: &Text, time: Option<Duration>) -> String {
    time.map_or("—".to_owned(), |d| text.age(d.num_minutes()))
}

/// One metrics table: a row per group with its count and, for each response
/// time, its mean and median.
fn metrics_table(
    text: &'static Text,
    caption: &'static str,
    group: &'static str,
    rows: Vec<(String, GroupMetrics)>,
) -> impl IntoView {
    let p = text.plan;
    let measures = [p.detect, p.acknowledge, p.mitigate, p.resolve];
    let times = |m: &GroupMetrics| [m.detect, m.acknowledge, m.mitigate, m.resolve];
    view! {
        <table class="plan__metrics">
            <caption>{caption}</caption>
            <colgroup span="2"></colgroup>
            {measures.map(|_| view! { <colgroup span="2"></colgroup> }).into_iter().collect_view()}
            <thead>
                <tr>
                    <th scope="col" rowspan="2">{group}</th>
                    <th scope="col" rowspan="2">{text.metrics_count}</th>
                    {measures.map(|m| view! { <th scope="colgroup" colspan="2">{m}</th> }).into_iter().collect_view()}
                </tr>
                <tr>
                    {measures
                        .map(|_| view! { <th scope="col">{p.mean}</th> <th scope="col">{p.median}</th> })
                        .into_iter()
                        .collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, m)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{m.count}</td>
                                {times(&m)
                                    .map(|t: Times| view! { <td>{shown(text, t.mean)}</td> <td>{shown(text, t.median)}</td> })
                                    .into_iter()
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Counts and response times (means and medians) over a date range, by the
/// worst severity each incident had and by catalog component.
#[component]
fn MetricsRange(data: RwSignal<Loaded>, range: Range) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let tables = move || {
        let (from, to) = range.applied.get();
        let start = Utc.from_utc_datetime(&from.and_hms_opt(0, 0, 0)?);
        let end = Utc.from_utc_datetime(&(to + Duration::days(1)).and_hms_opt(0, 0, 0)?);
        let incidents = data.with(Loaded::timelines);
        context.settings.with(|s| {
            let found = metrics(&incidents, s.ladder(), s.catalog(), start, end, Utc::now());
            Some((found, incidents_by_week(&incidents, s.ladder(), from, to)))
        })
    };
    // Each field is read when it is left or Enter is pressed in it, not while typing.
    type Label = fn(&Text) -> &'static str;
    let fields: [(&str, TypedDate, Label); 2] =
        [("metrics-from", range.from, |t| t.metrics_from), ("metrics-to", range.to, |t| t.metrics_to)];
    view! {
        <section aria-labelledby="metrics-heading">
            <h2 id="metrics-heading">{move || text().metrics_range_title}</h2>
            <div class="plan__range">
                {fields
                    .map(|(id, field, label)| {
                        let error = format!("{id}-error");
                        view! {
                            <div class="field">
                                <label for=id>{move || label(text())}</label>
                                <input
                                    id=id
                                    type="text"
                                    autocomplete="off"
                                    placeholder=move || text().time.date_placeholder
                                    bind:value=field.text
                                    on:input=move |_| field.typed()
                                    on:change=move |_| range.apply()
                                    aria-describedby=error.clone()
                                    aria-invalid=move || field.invalid().to_string()
                                />
                                <p id=error class="field__error" role="alert">{move || field.message(text().time)}</p>
                            </div>
                        }
                    })
                    .into_iter()
                    .collect_view()}
            </div>
            {move || {
                let Some((found, weeks)) = tables() else { return ().into_any() };
                if found.by_severity.is_empty() {
                    return view! { <p class="field__hint">{text().metrics_none}</p> }.into_any();
                }
                let text = text();
                let ladder = context.ladder();
                let charts = [
                    charts::incidents_by_week(text, &ladder, &weeks),
                    charts::response_times(text, &ladder, &found.by_severity),
                ];
                let severities =
                    found.by_severity.into_iter().map(|(s, m)| (ladder.name(&s).to_owned(), m)).collect();
                let components = found
                    .by_component
                    .into_iter()
                    .map(|(c, m)| match c {
                        ComponentGroup::Catalog(name) => (name, m),
                        ComponentGroup::Typed(name) => (fill(text.plan.not_in_catalog, &[("name", &name)]), m),
                    })
                    .collect();
                view! {
                    {charts.into_iter().map(|chart| view! { <BarChart chart /> }).collect_view()}
                    {metrics_table(text, text.metrics_by_severity, text.plan.worst_severity, severities)}
                    {metrics_table(text, text.metrics_by_component, text.chart_component, components)}
                }
                .into_any()
            }}
        </section>
    }
}
