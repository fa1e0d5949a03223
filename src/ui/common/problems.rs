//! The problems of a refused file (an incident export or a workspace backup) in
//! words a person can act on, with the place in the file they were found.

use crate::domain::export::json::BUNDLE_TYPE;
use crate::domain::export::workspace::WORKSPACE_TYPE;
use crate::domain::export::{ImportProblem, ImportProblemKind};
use crate::ui::common::files::{read_chosen_file, FileError};
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;

/// Which file an import expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// One incident's export.
    Incident,
    /// A workspace backup.
    Backup,
}

/// One problem of a refused file, in words a person can act on.
pub fn problem_words(text: &Text, problem: &ImportProblem, expected: Expected) -> String {
    let e = text.exports;
    let words = match &problem.kind {
        ImportProblemKind::WrongType { found } => match (expected, found.as_str()) {
            (Expected::Incident, WORKSPACE_TYPE) => e.problem_is_backup.to_owned(),
            (Expected::Incident, _) => fill(e.problem_wrong_type, &[("found", found)]),
            (Expected::Backup, BUNDLE_TYPE) => e.problem_is_incident.to_owned(),
            (Expected::Backup, _) => fill(e.problem_wrong_type_backup, &[("found", found)]),
        },
        ImportProblemKind::TooLarge { size, limit } => {
            fill(e.problem_too_large, &[("size", &size.to_string()), ("limit", &limit.to_string())])
        }
        ImportProblemKind::NotJson { line, column, detail } => fill(
            e.problem_not_json,
            &[("detail", detail), ("line", &line.to_string()), ("column", &column.to_string())],
        ),
        ImportProblemKind::Missing => e.problem_missing.to_owned(),
        ImportProblemKind::WrongShape(shape) => fill(e.problem_wrong_shape, &[("shape", e.shape(*shape))]),
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
        ImportProblemKind::DiffersHere => e.problem_differs_here.to_owned(),
        ImportProblemKind::DuplicateIncident(id) => fill(e.problem_duplicate_incident, &[("id", &id.to_string())]),
        ImportProblemKind::DuplicateRunbook(id) => fill(e.problem_duplicate_runbook, &[("id", id)]),
        ImportProblemKind::More(count) => return fill(e.problem_more, &[("count", &count.to_string())]),
    };
    if problem.path.is_empty() {
        words
    } else {
        fill(e.problem_at, &[("path", &problem.path), ("problem", &words)])
    }
}

/// A refused file's problems under the sentence that leads them.
pub fn problem_list(
    text: &'static Text,
    lead: &'static str,
    problems: &[ImportProblem],
    expected: Expected,
) -> AnyView {
    view! {
        {lead}
        <ul class="import__problems">
            {problems.iter().map(|p| view! { <li>{problem_words(text, p, expected)}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Why a chosen file was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotTaken {
    /// It was read and refused, with every problem found.
    Refused(Vec<ImportProblem>),
    /// It is larger than the limit.
    TooLarge,
    /// The browser could not read it (its words).
    Unreadable(String),
}

/// Reads the file chosen in `input` (at most `limit` bytes) and checks it whole
/// with `check`; `None` when no file is chosen. The field is emptied either way,
/// so the same file can be chosen again once it is fixed.
pub async fn take_chosen_file<T>(
    input: &web_sys::HtmlInputElement,
    limit: usize,
    check: impl FnOnce(&str) -> Result<T, Vec<ImportProblem>>,
) -> Option<Result<T, NotTaken>> {
    let taken = match read_chosen_file(input, limit).await {
        Ok(None) => None,
        Ok(Some((_, text))) => Some(check(&text).map_err(NotTaken::Refused)),
        Err(FileError::TooLarge) => Some(Err(NotTaken::TooLarge)),
        Err(FileError::Browser(detail)) => Some(Err(NotTaken::Unreadable(detail))),
    };
    input.set_value("");
    taken
}
