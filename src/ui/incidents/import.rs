//! Importing an incident exported as JSON: validated as a whole, refused with every
//! problem in words, and stored in one batch so that nothing is half imported.
//!
//! An incident that is already in the workspace is refused rather than replaced:
//! the file cannot know what was recorded here since it was exported.

use super::commands::{AlreadyHere, Imported, ListCommands};
use crate::domain::export::json::MAX_IMPORT_BYTES;
use crate::domain::export::{import_json, ImportProblem, ImportProblemKind};
use crate::domain::Tombstone;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::files::{read_chosen_file, size_words, FileError};
use crate::ui::common::time;
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;
use leptos_router::components::A;

/// What the last import did.
#[derive(Clone)]
enum Outcome {
    Imported(Imported),
    Exists(String),
    Deleted(Tombstone),
    Refused(Vec<ImportProblem>),
    TooLarge,
    Unreadable(String),
    NotSaved,
}

/// One problem of a refused file, in words a person can act on.
pub fn problem_words(text: &Text, problem: &ImportProblem) -> String {
    let e = text.exports;
    let words = match &problem.kind {
        ImportProblemKind::TooLarge { size, limit } => {
            fill(e.problem_too_large, &[("size", &size.to_string()), ("limit", &limit.to_string())])
        }
        ImportProblemKind::NotJson { line, column, detail } => fill(
            e.problem_not_json,
            &[("detail", detail), ("line", &line.to_string()), ("column", &column.to_string())],
        ),
        ImportProblemKind::Missing => e.problem_missing.to_owned(),
        ImportProblemKind::WrongShape(shape) => fill(e.problem_wrong_shape, &[("shape", e.shape(*shape))]),
        ImportProblemKind::WrongType { found } => fill(e.problem_wrong_type, &[("found", found)]),
        ImportProblemKind::NewerVersion { version, supported } => {
            fill(e.problem_newer_version, &[("version", &version.to_string()), ("supported", &supported.to_string())])
        }
        ImportProblemKind::UnknownVersion { version } => {
            fill(e.problem_unknown_version, &[("version", &version.to_string())])
        }
        ImportProblemKind::Invalid { detail } => fill(e.problem_invalid, &[("detail", detail)]),
        ImportProblemKind::OtherIncident { found, .. } => {
            fill(e.problem_other_incident, &[("found", &found.to_string())])
        }
        ImportProblemKind::DuplicateEntry(id) => fill(e.problem_duplicate_entry, &[("id", &id.to_string())]),
        ImportProblemKind::DuplicateRun(id) => fill(e.problem_duplicate_run, &[("id", &id.to_string())]),
        ImportProblemKind::More(count) => return fill(e.problem_more, &[("count", &count.to_string())]),
    };
    if problem.path.is_empty() {
        words
    } else {
        fill(e.problem_at, &[("path", &problem.path), ("problem", &words)])
    }
}

/// The import form on the incident list.
#[component]
pub fn ImportIncident(commands: ListCommands) -> impl IntoView {
    let context = AppContext::get();
    let e = move || context.text().exports;
    let outcome = RwSignal::new(None::<Outcome>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    // Reads the chosen file, checks it whole and stores it; the outcome is set
    // before the action stops being pending.
    let import = Action::new_local(move |_: &()| async move {
        let Some(input) = file_input.get_untracked() else { return };
        let result = match read_chosen_file(&input, MAX_IMPORT_BYTES).await {
            Ok(None) => None,
            Ok(Some((_, text))) => Some(match import_json(&text) {
                Ok(bundle) => match commands.import(bundle).await {
                    Ok(imported) => Outcome::Imported(imported),
                    Err(Failed::Refused(AlreadyHere { title, deleted: None })) => Outcome::Exists(title),
                    Err(Failed::Refused(AlreadyHere { deleted: Some(tombstone), .. })) => Outcome::Deleted(tombstone),
                    Err(Failed::Store(_)) => Outcome::NotSaved,
                },
                Err(problems) => Outcome::Refused(problems),
            }),
            Err(FileError::TooLarge) => Some(Outcome::TooLarge),
            Err(FileError::Browser(detail)) => Some(Outcome::Unreadable(detail)),
        };
        // The same file can be chosen again after it was fixed.
        input.set_value("");
        outcome.set(result);
    });
    let importing = import.pending();
    let on_file = move |_| {
        if file_input.get_untracked().is_some() {
            submit(import, ());
        }
    };
    let message = move || {
        let text = context.text();
        let e = text.exports;
        if importing.get() {
            return Some(e.importing.to_owned().into_any());
        }
        outcome.get().map(|outcome| match outcome {
            Outcome::Imported(Imported { id, title, entries }) => view! {
                {fill(e.imported, &[("title", &title), ("entries", &entries.to_string())])}
                " "
                <A href=format!("/incidents/{id}")>{e.open_imported}</A>
            }
            .into_any(),
            Outcome::Exists(title) => fill(e.import_exists, &[("title", &title)]).into_any(),
            Outcome::Deleted(tombstone) => fill(
                e.import_deleted,
                &[("title", tombstone.title()), ("at", &time::show(tombstone.deleted_at(), false, text.utc_suffix))],
            )
            .into_any(),
            Outcome::TooLarge => fill(e.import_too_large, &[("size", &size_words(MAX_IMPORT_BYTES))]).into_any(),
            Outcome::Unreadable(detail) => fill(e.import_unreadable, &[("detail", &detail)]).into_any(),
            Outcome::NotSaved => e.import_not_saved.to_owned().into_any(),
            Outcome::Refused(problems) => view! {
                {e.import_refused}
                <ul class="import__problems">
                    {problems.iter().map(|p| view! { <li>{problem_words(text, p)}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    };
    view! {
        <section class="import" aria-labelledby="import-heading">
            <h2 id="import-heading">{move || e().import_heading}</h2>
            <p class="field__hint">{move || e().import_intro}</p>
            <div class="field">
                <label for="incident-import-file">{move || e().import_label}</label>
                <input
                    id="incident-import-file"
                    type="file"
                    accept=".json,application/json"
                    node_ref=file_input
                    aria-describedby="incident-import-hint"
                    on:change=on_file
                />
                <p id="incident-import-hint" class="field__hint">
                    {move || fill(e().import_hint, &[("size", &size_words(MAX_IMPORT_BYTES))])}
                </p>
            </div>
            <div class="import__outcome" role="status">{message}</div>
        </section>
    }
}
