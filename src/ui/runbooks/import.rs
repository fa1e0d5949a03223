//! The import section of the runbook library: a file input that imports the
//! Markdown file it is given, and a text area with an Import button for pasted
//! Markdown. A runbook comes in as a new runbook or as the next version of the
//! runbook with the same name (never over it); a refused file names each line
//! and what is wrong with it.

use super::form::{editor_message, EditProblem};
use crate::domain::runbook::{MAX_DETAILS, MAX_NAME, MAX_STEP, MAX_STEPS};
use crate::domain::runbook_markdown::{
    from_markdown, plan_import, ImportError, ImportPlan, Imported, Problem as LineProblem, MAX_MARKDOWN_BYTES,
};
use crate::domain::{Runbook, RunbookError, SeverityLadder};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::{new_runbook_id, AppContext};
use crate::ui::common::files::{read_chosen_file, size_words, FileError, MAX_READ_BYTES};
use crate::ui::i18n::{fill, Text};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The largest Markdown file the import reads, in bytes.
fn import_limit() -> usize {
    MAX_MARKDOWN_BYTES.min(MAX_READ_BYTES)
}

/// Where the Markdown came from: the chosen file or the text area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    File,
    Pasted,
}

/// What the import's status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Imports {
    Working,
    Created(String),
    NewVersion { name: String, version: u32, archived: bool },
    Unchanged { name: String, archived: bool },
    Refused(Vec<ImportError>),
    Invalid { name: String, error: RunbookError },
    Nothing,
    TooLarge,
    Unreadable(String),
    NotSaved,
}

/// The import form: a file input that imports the file it is given, and a text
/// area with an Import button for pasted Markdown.
#[component]
pub(super) fn ImportSection() -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let pasted = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Imports>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    // Empties the file input or the text area once their Markdown is in the
    // library (or already was).
    let done = move |source: Source| match source {
        Source::File => {
            if let Some(input) = file_input.get_untracked() {
                input.set_value("");
            }
        }
        Source::Pasted => pasted.set(String::new()),
    };
    // Adds the imported runbook to the library as last stored: as a new runbook,
    // or as the next version of the runbook with its name (never over it).
    let save = Action::new_local(move |(imported, source): &(Imported, Source)| {
        let (imported, source) = (imported.clone(), *source);
        async move {
            let at = Utc::now();
            let mut success = None;
            let stored = context
                .add_runbook_versions(|library| -> Result<Vec<Runbook>, Imports> {
                    let plan = plan_import(library, &imported);
                    let existing = match &plan {
                        ImportPlan::New => None,
                        ImportPlan::NewVersion(id) | ImportPlan::Unchanged(id) => library.get(*id),
                    };
                    let name = imported.draft.name.trim().to_owned();
                    let invalid = |error| Imports::Invalid { name: name.clone(), error };
                    let unchanged = |existing: &Runbook| Imports::Unchanged {
                        name: existing.name().to_owned(),
                        archived: existing.is_archived(),
                    };
                    let runbook = match (plan, existing) {
                        (ImportPlan::New, _) | (_, None) => {
                            let runbook =
                                Runbook::create(new_runbook_id(), imported.draft.clone(), at).map_err(invalid)?;
                            success = Some(Imports::Created(runbook.name().to_owned()));
                            runbook
                        }
                        (ImportPlan::Unchanged(_), Some(existing)) => return Err(unchanged(existing)),
                        // A changed runbook becomes the next version of the one with
                        // its name; an archived one stays archived until someone
                        // restores it.
                        (ImportPlan::NewVersion(_), Some(existing)) => {
                            match existing.edited(imported.draft.clone(), at).map_err(invalid)? {
                                Some(runbook) => {
                                    success = Some(Imports::NewVersion {
                                        name: runbook.name().to_owned(),
                                        version: runbook.version(),
                                        archived: runbook.is_archived(),
                                    });
                                    runbook
                                }
                                None => return Err(unchanged(existing)),
                            }
                        }
                    };
                    Ok(vec![runbook])
                })
                .await;
            match stored {
                Ok(_) => {
                    outcome.set(success);
                    done(source);
                }
                Err(Failed::Refused(unchanged @ Imports::Unchanged { .. })) => {
                    done(source);
                    outcome.set(Some(unchanged));
                }
                Err(Failed::Refused(refused)) => outcome.set(Some(refused)),
                Err(Failed::Store(_)) => outcome.set(Some(Imports::NotSaved)),
            }
        }
    });
    let busy = save.pending();

    // Imports `markdown` once it reads as a runbook.
    let import = move |markdown: String, source: Source| {
        if markdown.trim().is_empty() {
            return outcome.set(Some(Imports::Nothing));
        }
        let ladder = context.settings.with_untracked(|s| s.ladder().clone());
        let imported: Imported = match from_markdown(&markdown, &ladder) {
            Ok(imported) => imported,
            Err(errors) => return outcome.set(Some(Imports::Refused(errors))),
        };
        outcome.set(Some(Imports::Working));
        if !submit(save, (imported, source)) {
            // Another import is being stored; this one is not made.
            outcome.set(None);
        }
    };

    let on_file = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(input) = file_input.get_untracked() else { return };
        outcome.set(Some(Imports::Working));
        spawn_local(async move {
            match read_chosen_file(&input, import_limit()).await {
                Ok(Some((_, markdown))) => import(markdown, Source::File),
                Ok(None) => outcome.set(None),
                Err(FileError::TooLarge) => outcome.set(Some(Imports::TooLarge)),
                Err(FileError::Browser(detail)) => outcome.set(Some(Imports::Unreadable(detail))),
            }
        });
    };
    let on_paste_import = move |_| {
        if busy.get_untracked() {
            return;
        }
        import(pasted.get_untracked(), Source::Pasted);
    };

    let status = move || {
        let text = l();
        let words = |template: &str, name: &str| fill(template, &[("name", name)]);
        outcome.get().map(|outcome| match outcome {
            Imports::Working => text.importing.to_owned().into_any(),
            Imports::Created(name) => words(text.import_created, &name).into_any(),
            Imports::NewVersion { name, version, archived } => {
                let template = if archived { text.import_new_version_archived } else { text.import_new_version };
                fill(template, &[("name", &name), ("version", &version.to_string())]).into_any()
            }
            Imports::Unchanged { name, archived } => {
                words(if archived { text.import_unchanged_archived } else { text.import_unchanged }, &name).into_any()
            }
            Imports::Invalid { name, error } => {
                let problem = editor_message(text, &EditProblem::Runbook(error));
                fill(text.import_invalid, &[("name", &name), ("problem", &problem)]).into_any()
            }
            Imports::Nothing => text.import_nothing.to_owned().into_any(),
            Imports::TooLarge => fill(text.import_too_large, &[("size", &size_words(import_limit()))]).into_any(),
            Imports::Unreadable(detail) => fill(text.import_unreadable, &[("detail", &detail)]).into_any(),
            Imports::NotSaved => text.not_saved.to_owned().into_any(),
            Imports::Refused(errors) => view! {
                <span class="runbooks__refused">{text.import_refused}</span>
                <ul class="runbooks__errors">
                    {errors
                        .iter()
                        .map(|error| {
                            let message = context.settings.with(|s| line_message(context.text(), s.ladder(), error));
                            view! { <li>{message}</li> }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        })
    };
    let refused = move || outcome.with(|o| matches!(o, Some(Imports::Refused(_) | Imports::Invalid { .. })));

    view! {
        <section class="runbooks__section runbooks__import" aria-labelledby="runbooks-import">
            <h2 id="runbooks-import">{move || l().import_heading}</h2>
            <p class="field__hint">{move || l().import_intro}</p>
            <div class="field">
                <label for="runbook-import-file">{move || l().import_file_label}</label>
                <input
                    id="runbook-import-file"
                    type="file"
                    accept=".md,text/markdown,text/plain"
                    node_ref=file_input
                    aria-describedby="runbook-import-file-hint"
                    disabled=move || busy.get()
                    on:change=on_file
                />
                <p id="runbook-import-file-hint" class="field__hint">
                    {move || fill(l().import_file_hint, &[("size", &size_words(import_limit()))])}
                </p>
            </div>
            <div class="field">
                <label for="runbook-import-text">{move || l().paste_label}</label>
                <textarea
                    id="runbook-import-text"
                    rows="8"
                    spellcheck="false"
                    class="runbooks__paste"
                    bind:value=pasted
                    aria-describedby="runbook-import-text-hint"
                ></textarea>
                <p id="runbook-import-text-hint" class="field__hint">{move || l().paste_hint}</p>
            </div>
            <button type="button" class="button" disabled=move || busy.get() on:click=on_paste_import>
                {move || l().import_button}
            </button>
            <div class="runbooks__outcome" class:runbooks__outcome--refused=refused role="status">
                {status}
            </div>
        </section>
    }
}

/// Why a Markdown file or line was refused, in words a responder can act on.
fn problem_message(text: &Text, ladder: &SeverityLadder, problem: &LineProblem) -> String {
    let l = text.library;
    let max = |n: usize| n.to_string();
    match problem {
        LineProblem::TooLarge { .. } => fill(l.problem_too_large, &[("size", &size_words(MAX_MARKDOWN_BYTES))]),
        LineProblem::ControlCharacter { code } => {
            fill(l.problem_control_character, &[("code", &format!("{code:04X}"))])
        }
        LineProblem::NoHeader => l.problem_no_header.to_owned(),
        LineProblem::UnclosedHeader => l.problem_unclosed_header.to_owned(),
        LineProblem::MissingFormat => l.problem_missing_format.to_owned(),
        LineProblem::UnsupportedFormat(format) => fill(l.problem_unsupported_format, &[("format", format)]),
        LineProblem::UnknownKey(key) => fill(l.problem_unknown_key, &[("key", key)]),
        LineProblem::DuplicateKey(key) => fill(l.problem_duplicate_key, &[("key", key)]),
        LineProblem::MissingName => l.problem_missing_name.to_owned(),
        LineProblem::BadVersion(value) => fill(l.problem_bad_version, &[("value", value)]),
        LineProblem::UnknownSeverity(level) => {
            let levels = ladder.levels().iter().map(|level| level.name()).collect::<Vec<_>>().join(text.list_separator);
            fill(l.problem_unknown_severity, &[("level", level), ("levels", &levels)])
        }
        LineProblem::UnknownAttribute(attribute) => fill(l.problem_unknown_attribute, &[("attribute", attribute)]),
        LineProblem::DuplicateAttribute(attribute) => fill(l.problem_duplicate_attribute, &[("attribute", attribute)]),
        LineProblem::AttributeOutsideStep => l.problem_attribute_outside_step.to_owned(),
        LineProblem::StrayText => l.problem_stray_text.to_owned(),
        LineProblem::EmptyName => l.problem_empty_name.to_owned(),
        LineProblem::NameTooLong => fill(l.problem_name_too_long, &[("max", &max(MAX_NAME))]),
        LineProblem::NoSteps => l.problem_no_steps.to_owned(),
        LineProblem::TooManySteps => fill(l.problem_too_many_steps, &[("max", &max(MAX_STEPS))]),
        LineProblem::EmptyStep => l.problem_empty_step.to_owned(),
        LineProblem::StepTooLong => fill(l.problem_step_too_long, &[("max", &max(MAX_STEP))]),
        LineProblem::DetailsTooLong => fill(l.problem_details_too_long, &[("max", &max(MAX_DETAILS))]),
        LineProblem::NoStepsFound => l.problem_no_steps_found.to_owned(),
        LineProblem::TooManyProblems => l.problem_too_many_problems.to_owned(),
    }
}

/// One refused line: "Line 7: …", or the problem alone when it is about the
/// whole file (line 0).
fn line_message(text: &Text, ladder: &SeverityLadder, error: &ImportError) -> String {
    let problem = problem_message(text, ladder, &error.problem);
    if error.line == 0 {
        problem
    } else {
        fill(text.library.import_line, &[("line", &error.line.to_string()), ("problem", &problem)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::ui::i18n;

    const LANGUAGES: [Language; 2] = [Language::English, Language::TraditionalChinese];

    fn problems() -> Vec<LineProblem> {
        let word = || "x".to_owned();
        vec![
            LineProblem::TooLarge { bytes: 1 },
            LineProblem::ControlCharacter { code: 7 },
            LineProblem::NoHeader,
            LineProblem::UnclosedHeader,
            LineProblem::MissingFormat,
            LineProblem::UnsupportedFormat(word()),
            LineProblem::UnknownKey(word()),
            LineProblem::DuplicateKey(word()),
            LineProblem::MissingName,
            LineProblem::BadVersion(word()),
            LineProblem::UnknownSeverity(word()),
            LineProblem::UnknownAttribute(word()),
            LineProblem::DuplicateAttribute(word()),
            LineProblem::AttributeOutsideStep,
            LineProblem::StrayText,
            LineProblem::EmptyName,
            LineProblem::NameTooLong,
            LineProblem::NoSteps,
            LineProblem::TooManySteps,
            LineProblem::EmptyStep,
            LineProblem::StepTooLong,
            LineProblem::DetailsTooLong,
            LineProblem::NoStepsFound,
            LineProblem::TooManyProblems,
        ]
    }

    #[test]
    fn every_message_is_filled_in_every_language() {
        let ladder = SeverityLadder::default();
        for language in LANGUAGES {
            let text = i18n::text(language);
            for problem in problems() {
                let message = line_message(text, &ladder, &ImportError { line: 7, problem });
                assert!(!message.contains('{') && !message.contains('}'), "{language:?}: {message}");
            }
        }
    }

    #[test]
    fn lines_are_numbered_unless_the_whole_file_is_meant() {
        let (text, ladder) = (i18n::text(Language::English), SeverityLadder::default());
        let unknown = ImportError { line: 7, problem: LineProblem::UnknownSeverity("SEV9".into()) };
        assert_eq!(
            line_message(text, &ladder, &unknown),
            "Line 7: No severity level is called “SEV9” in this workspace. Use one of SEV1, SEV2, SEV3, SEV4, \
             or add the level in Settings."
        );
        let large = ImportError { line: 0, problem: LineProblem::TooLarge { bytes: 300_000 } };
        assert_eq!(
            line_message(text, &ladder, &large),
            "The file is larger than 256 KB. Import one runbook at a time."
        );
        assert_eq!(size_words(MAX_MARKDOWN_BYTES), "256 KB");
    }
}
