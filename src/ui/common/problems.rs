//! The problems of a refused file (an incident export or a workspace backup) in
//! words a person can act on, with the place in the file they were found.

use crate::domain::export::json::BUNDLE_TYPE;
use crate::domain::export::workspace::WORKSPACE_TYPE;
use crate::domain::export::{ImportProblem, ImportProblemKind};
use crate::ui::i18n::{fill, Text};

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
