//! What the runbook editor holds while a runbook is typed: its steps and
//! fields, why it was not saved and where, and what the status line says.
//! Shared by the editor (`editor.rs`), its step rows (`steps.rs`) and the
//! import (`import.rs`, `preview.rs`), whose previews hold a form each and word
//! an invalid runbook the way the editor does.

use super::text::LibraryText;
use crate::domain::runbook::{MAX_DETAILS, MAX_NAME, MAX_STEP, MAX_STEPS};
use crate::domain::runbook_commonmark::Understood;
use crate::domain::{Completion, RunbookDraft, RunbookError, Severity, Step};
use crate::ui::i18n::fill;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The whole form as typed, the editor's draft (`ui::common::drafts`): its steps
/// are a list, so the form is kept as one.
#[derive(Serialize, Deserialize)]
struct Typed {
    name: String,
    description: String,
    attach_at: Vec<Severity>,
    steps: Vec<Step>,
}

/// A runbook as typed, as the text of its draft.
pub(super) fn typed(draft: &RunbookDraft) -> String {
    let typed = Typed {
        name: draft.name.clone(),
        description: draft.description.clone(),
        attach_at: draft.attach_at.clone(),
        steps: draft.steps.clone(),
    };
    serde_json::to_string(&typed).unwrap_or_default()
}

/// The runbook a draft's text holds, if it holds one.
pub(super) fn read_typed(text: &str) -> Option<RunbookDraft> {
    let typed: Typed = crate::domain::decode::from_text(text)?;
    Some(RunbookDraft {
        name: typed.name,
        description: typed.description,
        steps: typed.steps,
        attach_at: typed.attach_at,
    })
}

thread_local! {
    /// The next step row key, shared by every form on the page.
    static NEXT_KEY: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// One step as the editor holds it while typing.
#[derive(Clone, Copy)]
pub(super) struct StepRow {
    pub(super) key: u32,
    pub(super) text: RwSignal<String>,
    pub(super) required: RwSignal<bool>,
    pub(super) role: RwSignal<String>,
    /// The severity id, or empty for any severity.
    pub(super) min_severity: RwSignal<String>,
    pub(super) component: RwSignal<String>,
    /// Markdown.
    pub(super) details: RwSignal<String>,
    /// The completing event's key (`Completion::key`), or empty for none.
    pub(super) completes_when: RwSignal<String>,
}

impl StepRow {
    pub(super) fn new(key: u32, step: &Step) -> Self {
        Self {
            key,
            text: RwSignal::new(step.text.clone()),
            required: RwSignal::new(step.required),
            role: RwSignal::new(step.role.clone().unwrap_or_default()),
            min_severity: RwSignal::new(step.min_severity.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default()),
            component: RwSignal::new(step.component.clone().unwrap_or_default()),
            details: RwSignal::new(step.details.clone()),
            completes_when: RwSignal::new(step.completes_when.map(Completion::key).unwrap_or_default()),
        }
    }

    pub(super) fn step(&self) -> Step {
        let optional = |text: String| (!text.trim().is_empty()).then_some(text);
        let min_severity = self.min_severity.get_untracked();
        Step {
            text: self.text.get_untracked(),
            required: self.required.get_untracked(),
            role: optional(self.role.get_untracked()),
            min_severity: (!min_severity.is_empty()).then(|| Severity::new(&min_severity)),
            component: optional(self.component.get_untracked()),
            details: self.details.get_untracked(),
            completes_when: Completion::from_key(&self.completes_when.get_untracked()),
        }
    }

    pub(super) fn text_id(key: u32) -> String {
        format!("step-{key}-text")
    }
}

/// What the editor holds, as typed.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) name: RwSignal<String>,
    pub(super) description: RwSignal<String>,
    pub(super) attach_at: RwSignal<Vec<Severity>>,
    pub(super) steps: RwSignal<Vec<StepRow>>,
    pub(super) next_key: StoredValue<u32>,
}

impl Form {
    pub(super) fn new(draft: &RunbookDraft) -> Self {
        let form = Self {
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            attach_at: RwSignal::new(Vec::new()),
            steps: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
        };
        form.fill_from(draft);
        form
    }

    pub(super) fn fill_from(&self, draft: &RunbookDraft) {
        self.name.set(draft.name.clone());
        self.description.set(draft.description.clone());
        self.attach_at.set(draft.attach_at.clone());
        let rows = draft.steps.iter().map(|step| StepRow::new(self.key(), step)).collect();
        self.steps.set(rows);
    }

    /// A key for a new step row, unique on the page: the import's preview holds
    /// several forms at once, and the keys make their fields' ids.
    pub(super) fn key(&self) -> u32 {
        let key = NEXT_KEY.with(|next| {
            let key = next.get();
            next.set(key + 1);
            key
        });
        self.next_key.set_value(key + 1);
        key
    }

    /// Subscribes to every field of the form, steps included.
    pub(super) fn track(&self) {
        self.name.track();
        self.description.track();
        self.attach_at.track();
        self.steps.with(|rows| {
            for row in rows {
                row.text.track();
                row.required.track();
                row.role.track();
                row.min_severity.track();
                row.component.track();
                row.completes_when.track();
            }
        });
    }

    pub(super) fn draft(&self) -> RunbookDraft {
        RunbookDraft {
            name: self.name.get_untracked(),
            description: self.description.get_untracked(),
            steps: self.steps.with_untracked(|rows| rows.iter().map(StepRow::step).collect()),
            attach_at: self.attach_at.get_untracked(),
        }
    }

    /// The place (from 1) of the step with `key`.
    pub(super) fn number(&self, key: u32) -> usize {
        self.steps.with(|rows| rows.iter().position(|r| r.key == key).map_or(0, |i| i + 1))
    }

    /// The key of step `number` (from 1).
    pub(super) fn key_of(&self, number: usize) -> Option<u32> {
        // `None` too once the form has gone (its page left while a save was out).
        self.steps.try_with_untracked(|rows| rows.get(number.checked_sub(1)?).map(|r| r.key)).flatten()
    }
}

/// One runbook read from a file or pasted text, as the preview's form holds it.
#[derive(Clone)]
pub(super) struct Preview {
    pub(super) key: u32,
    pub(super) file: String,
    pub(super) understood: Understood,
    pub(super) form: Form,
    pub(super) problem: RwSignal<Option<EditProblem>>,
    pub(super) notice: RwSignal<Option<EditNotice>>,
}

/// Why the editor did not save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum EditProblem {
    Runbook(RunbookError),
    NameTaken(String),
}

/// The part of the form a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Name,
    Steps,
    Step(usize),
}

impl EditProblem {
    pub(super) fn place(&self) -> Place {
        match self {
            Self::Runbook(RunbookError::EmptyName | RunbookError::NameTooLong) | Self::NameTaken(_) => Place::Name,
            Self::Runbook(RunbookError::NoSteps | RunbookError::TooManySteps) => Place::Steps,
            Self::Runbook(
                RunbookError::EmptyStep(n) | RunbookError::StepTooLong(n) | RunbookError::DetailsTooLong(n),
            ) => Place::Step(*n),
        }
    }
}

/// A problem in words a responder can act on.
pub(super) fn editor_message(text: &LibraryText, problem: &EditProblem) -> String {
    let max = |n: usize| n.to_string();
    match problem {
        EditProblem::NameTaken(name) => fill(text.name_taken, &[("name", name)]),
        EditProblem::Runbook(RunbookError::EmptyName) => text.name_empty.to_owned(),
        EditProblem::Runbook(RunbookError::NameTooLong) => fill(text.name_too_long, &[("max", &max(MAX_NAME))]),
        EditProblem::Runbook(RunbookError::NoSteps) => text.steps_missing.to_owned(),
        EditProblem::Runbook(RunbookError::TooManySteps) => fill(text.steps_too_many, &[("max", &max(MAX_STEPS))]),
        EditProblem::Runbook(RunbookError::EmptyStep(n)) => fill(text.step_empty, &[("number", &n.to_string())]),
        EditProblem::Runbook(RunbookError::StepTooLong(n)) => {
            fill(text.step_too_long, &[("number", &n.to_string()), ("max", &max(MAX_STEP))])
        }
        EditProblem::Runbook(RunbookError::DetailsTooLong(n)) => {
            fill(text.details_too_long, &[("number", &n.to_string()), ("max", &max(MAX_DETAILS))])
        }
    }
}

/// What the editor's status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum EditNotice {
    Saving,
    Saved(u32),
    NoChanges,
    Moved(usize),
    Removed(usize),
    /// Step `n + 1` merged into step `n`.
    Merged(usize),
    /// Step `n` split into this many steps.
    Split(usize, usize),
    /// Step `n` has no list to split.
    NothingToSplit(usize),
    NotSaved,
    /// Not saved: version `n` was saved elsewhere after the form began.
    Stale(u32),
}

impl EditNotice {
    /// The notice in words, for a form of `count` steps.
    pub(super) fn words(&self, text: &LibraryText, count: usize) -> String {
        let n = |number: &usize| number.to_string();
        match self {
            EditNotice::Saving => text.saving.to_owned(),
            EditNotice::Saved(version) => fill(text.saved, &[("version", &version.to_string())]),
            EditNotice::NoChanges => text.no_changes.to_owned(),
            EditNotice::Moved(number) => {
                fill(text.step_moved, &[("number", &n(number)), ("count", &count.to_string())])
            }
            EditNotice::Removed(number) => fill(text.step_removed, &[("number", &n(number))]),
            EditNotice::Merged(number) => {
                fill(text.step_merged, &[("number", &n(number)), ("next", &(number + 1).to_string())])
            }
            EditNotice::Split(number, parts) => {
                fill(text.step_split, &[("number", &n(number)), ("count", &parts.to_string())])
            }
            EditNotice::NothingToSplit(number) => fill(text.split_nothing, &[("number", &n(number))]),
            EditNotice::NotSaved => text.not_saved.to_owned(),
            EditNotice::Stale(version) => fill(text.stale, &[("version", &version.to_string())]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::ui::i18n;

    #[test]
    fn the_form_as_typed_comes_back_from_its_draft() {
        let mut step = Step::new("Fail over to the replica", true);
        step.role = Some("Incident lead".into());
        let draft = RunbookDraft {
            name: "Database failover".into(),
            description: "When the primary stops answering".into(),
            steps: vec![step, Step::new("Tell the status page", false)],
            attach_at: vec![Severity::new("SEV1")],
        };
        assert_eq!(read_typed(&typed(&draft)), Some(draft));
        assert_eq!(read_typed("not json"), None);
        assert_eq!(read_typed(r#"{"name":"Half a form"}"#), None, "a draft of another shape is no form");
    }

    #[test]
    fn every_refusal_is_filled_in_every_language() {
        let refusals = [
            EditProblem::NameTaken("Major incident".into()),
            EditProblem::Runbook(RunbookError::EmptyName),
            EditProblem::Runbook(RunbookError::NameTooLong),
            EditProblem::Runbook(RunbookError::NoSteps),
            EditProblem::Runbook(RunbookError::TooManySteps),
            EditProblem::Runbook(RunbookError::EmptyStep(3)),
            EditProblem::Runbook(RunbookError::StepTooLong(3)),
            EditProblem::Runbook(RunbookError::DetailsTooLong(3)),
        ];
        for language in [Language::English, Language::TraditionalChinese] {
            for refusal in &refusals {
                let message = editor_message(i18n::text(language).library, refusal);
                assert!(!message.contains('{') && !message.contains('}'), "{language:?}: {message}");
            }
        }
    }
}
