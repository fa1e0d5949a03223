//! Downloads: the review and its incident in every export format, and the plan as
//! CSV and iCalendar.
//!
//! The files are made by the pure functions of `domain::export` from what the page
//! already shows, then offered through `files::download` with a safe file name and
//! an explicit MIME type. Nothing is sent anywhere.

use super::state::ReviewState;
use crate::domain::export::{
    customer_review_html, customer_review_markdown, export_json, internal_review_html, internal_review_markdown,
    plan_csv, plan_ics, IncidentBundle,
};
use crate::domain::plan::PlanRow;
use crate::domain::{Incident, Review};
use crate::ui::common::context::AppContext;
use crate::ui::common::files::{download, safe_file_name, FileError};
use crate::ui::i18n::fill;
use chrono::Utc;
use leptos::prelude::*;

const JSON_MIME: &str = "application/json";
const MARKDOWN_MIME: &str = "text/markdown;charset=utf-8";
const HTML_MIME: &str = "text/html;charset=utf-8";
const CSV_MIME: &str = "text/csv;charset=utf-8";
const CALENDAR_MIME: &str = "text/calendar;charset=utf-8";

/// Offers a file and says what happened, in the interface's words.
fn offer(context: AppContext, file_name: &str, mime: &str, contents: &str) -> Result<String, String> {
    let text = context.text();
    match download(file_name, mime, contents) {
        Ok(()) => Ok(fill(text.exports.downloaded, &[("file", file_name)])),
        Err(FileError::Browser(detail)) => Err(fill(text.export_failed, &[("detail", &detail)])),
        // Downloads are made in memory; only reading a chosen file has a size limit.
        Err(FileError::TooLarge) => Err(fill(text.export_failed, &[("detail", file_name)])),
    }
}

/// How the plan's view was narrowed: its filter in words, which the calendar's
/// description and the CSV's "Filter" column carry, and the same as a file-name
/// part in the user's language (empty for the whole plan), which both files'
/// names carry.
pub struct PlanScope {
    /// The filter in words.
    pub words: String,
    /// The filter as a part of a file name.
    pub name: String,
}

/// Offers the plan's rows as CSV or iCalendar (`ics`), the same rows in both;
/// the error says why the browser refused.
pub fn plan_download(
    context: AppContext,
    rows: &[PlanRow],
    reviews: Vec<(Incident, Review)>,
    scope: &PlanScope,
    ics: bool,
) -> Result<(), String> {
    let language = context.settings.with_untracked(|s| s.language());
    let now = Utc::now();
    let today = now.date_naive();
    let stem = match scope.name.as_str() {
        "" => format!("sitrep-{}-{today}", context.text().exports.plan_file),
        name => format!("sitrep-{}-{today}-{name}", context.text().exports.plan_file),
    };
    let (contents, extension, mime) = if ics {
        (plan_ics(rows, &reviews, &scope.words, now, language), "ics", CALENDAR_MIME)
    } else {
        (plan_csv(rows, &context.ladder(), today, &scope.words, language), "csv", CSV_MIME)
    };
    offer(context, &safe_file_name(&stem, extension), mime, &contents).map(|_| ())
}

/// One kind of download of the review page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Export {
    Json,
    InternalMarkdown,
    CustomerMarkdown,
    InternalHtml,
    CustomerHtml,
}

impl Export {
    const ALL: [Export; 5] =
        [Export::Json, Export::InternalMarkdown, Export::CustomerMarkdown, Export::InternalHtml, Export::CustomerHtml];

    /// The file name's ending after the incident's title, and the MIME type.
    fn file(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Export::Json => ("incident", "json", JSON_MIME),
            Export::InternalMarkdown => ("review", "md", MARKDOWN_MIME),
            Export::CustomerMarkdown => ("customer-review", "md", MARKDOWN_MIME),
            Export::InternalHtml => ("review", "html", HTML_MIME),
            Export::CustomerHtml => ("customer-review", "html", HTML_MIME),
        }
    }
}

/// Downloads of the review and the incident.
#[component]
pub fn ReviewExports(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let e = move || context.text().exports;
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let export = move |kind: Export| {
        let Some(incident) = state.incident.get_untracked() else { return };
        let bundle = IncidentBundle::new(
            incident.clone(),
            state.timeline.with_untracked(|t| t.entries().to_vec()),
            state.runs.get_untracked(),
            state.review.get_untracked(),
        );
        let bundle = match bundle {
            Ok(bundle) => bundle,
            Err(problems) => {
                let list = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
                return outcome.set(Some(Err(fill(e().records_do_not_fit, &[("problems", &list)]))));
            }
        };
        let language = context.settings.with_untracked(|s| s.language());
        let ladder = context.ladder();
        let contents = match kind {
            Export::Json => export_json(&bundle, Utc::now()),
            Export::InternalMarkdown => internal_review_markdown(&bundle, &ladder, language),
            Export::CustomerMarkdown => customer_review_markdown(&bundle, language),
            Export::InternalHtml => internal_review_html(&bundle, &ladder, language),
            Export::CustomerHtml => customer_review_html(&bundle, language),
        };
        let (suffix, extension, mime) = kind.file();
        let file_name = safe_file_name(&format!("{} {suffix}", incident.title()), extension);
        outcome.set(Some(offer(context, &file_name, mime, &contents)));
    };
    let label = move |kind: Export| {
        let e = e();
        match kind {
            Export::Json => e.json,
            Export::InternalMarkdown => e.internal_markdown,
            Export::CustomerMarkdown => e.customer_markdown,
            Export::InternalHtml => e.internal_html,
            Export::CustomerHtml => e.customer_html,
        }
    };
    view! {
        <section class="exports" aria-labelledby="exports-heading">
            <h2 id="exports-heading">{move || context.text().review.exports_title}</h2>
            <p class="field__hint">{move || e().intro}</p>
            <ul class="exports__list">
                {Export::ALL
                    .into_iter()
                    .map(|kind| {
                        view! {
                            <li>
                                <button type="button" class="button" on:click=move |_| export(kind)>
                                    {move || label(kind)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="field__hint">{move || e().json_hint}</p>
            <p class="field__hint">{move || e().customer_hint}</p>
            <p role="status" class="exports__outcome">
                {move || outcome.get().and_then(Result::ok)}
            </p>
            <p role="alert" class="field__error">
                {move || outcome.get().and_then(Result::err)}
            </p>
        </section>
    }
}
