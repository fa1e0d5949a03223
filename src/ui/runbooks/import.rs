//! The import section of the runbook library: a file input taking one or more
//! Markdown files, and a text area with an Import button for pasted Markdown.
//! Any CommonMark runbook is read (`domain::runbook_commonmark`); a preview of
//! each shows what Sitrep understood (the name, the description, the steps and
//! where the rest of the file went) as an editable form, and nothing is stored
//! until Save. Saving stores every previewed runbook in one write, each as a new
//! runbook or as the next version of the runbook with its name (never over it);
//! a refused file names each line and what is wrong with it.

use super::form::{editor_message, EditProblem, Form, Place, Preview, StepRow};
use super::preview::PreviewForm;
use super::steps::StepHints;
use super::text::LibraryText;
use crate::domain::runbook::{MAX_DETAILS, MAX_NAME, MAX_STEP, MAX_STEPS};
use crate::domain::runbook_commonmark::{understand, Understood};
use crate::domain::runbook_markdown::{
    plan_import, ImportError, ImportPlan, Imported, Problem as LineProblem, MAX_MARKDOWN_BYTES,
};
use crate::domain::{Runbook, RunbookDraft, RunbookError, SeverityLadder};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::{new_runbook_id, AppContext};
use crate::ui::common::files::{size_words, MAX_READ_BYTES};
use crate::ui::common::focus::focus_soon;
use crate::ui::common::task::action;
use crate::ui::i18n::{fill, Text};
use chrono::Utc;
use gloo_file::File;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The largest Markdown file the import reads, in bytes.
fn import_limit() -> usize {
    MAX_MARKDOWN_BYTES.min(MAX_READ_BYTES)
}

/// What saving did to one previewed runbook.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Saved {
    Created(String),
    NewVersion { name: String, version: u32, archived: bool },
    Unchanged { name: String, archived: bool },
}

/// What the import's status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Imports {
    Working,
    Saved(Vec<Saved>),
    Invalid { name: String, error: RunbookError },
    Nothing,
    NotSaved,
    Discarded,
}

/// A file that could not be previewed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    Lines(Vec<ImportError>),
    TooLarge,
    Unreadable(String),
}

/// The import form: a file input for one or more files, a text area with an
/// Import button for pasted Markdown, and the preview of what was read.
#[component]
pub(super) fn ImportSection() -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let pasted = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Imports>);
    let previews = RwSignal::new(Vec::<Preview>::new());
    let refusals = RwSignal::new(Vec::<(String, Refusal)>::new());
    let file_input = NodeRef::<leptos::html::Input>::new();

    // Shows what was read: a preview of each runbook understood, the problems
    // of each file refused.
    let show = move |read: Vec<(String, Result<Understood, Refusal>)>| {
        let mut shown = Vec::new();
        let mut refused = Vec::new();
        for (file, result) in read {
            match result {
                Ok(understood) => {
                    let form = Form::new(&understood.draft);
                    shown.push(Preview {
                        key: form.key(),
                        file,
                        understood,
                        form,
                        problem: RwSignal::new(None),
                        notice: RwSignal::new(None),
                    });
                }
                Err(refusal) => refused.push((file, refusal)),
            }
        }
        let first = shown.first().map(|p| format!("import-{}-name", p.key));
        previews.set(shown);
        refusals.set(refused);
        outcome.set(None);
        if let Some(id) = first {
            focus_soon(id);
        }
    };
    let read = move |markdown: &str, file: &str| -> Result<Understood, Refusal> {
        let ladder = context.settings.with_untracked(|s| s.ladder().clone());
        understand(markdown, file, &ladder).map_err(Refusal::Lines)
    };

    // Stores every previewed runbook, as last stored: each a new runbook or the
    // next version of the one with its name, all in one write or none.
    let save = action(move |drafts: &Vec<(u32, RunbookDraft)>| {
        let drafts = drafts.clone();
        async move {
            let at = Utc::now();
            let mut results = Vec::new();
            let stored = context
                .add_runbook_versions(|library| -> Result<Vec<Runbook>, (u32, Imports)> {
                    let mut library = library.clone();
                    let mut versions = Vec::new();
                    for (key, draft) in drafts {
                        let imported = Imported { draft, version: None };
                        let name = imported.draft.name.trim().to_owned();
                        let invalid = |error| (key, Imports::Invalid { name: name.clone(), error });
                        let plan = plan_import(&library, &imported);
                        let existing = match &plan {
                            ImportPlan::New => None,
                            ImportPlan::NewVersion(id) | ImportPlan::Unchanged(id) => library.get(*id).cloned(),
                        };
                        let runbook = match (plan, existing) {
                            (ImportPlan::New, _) | (_, None) => {
                                let runbook = Runbook::create(new_runbook_id(), imported.draft, at).map_err(invalid)?;
                                results.push(Saved::Created(runbook.name().to_owned()));
                                runbook
                            }
                            (_, Some(existing)) => match existing.edited(imported.draft, at).map_err(invalid)? {
                                // A changed runbook becomes the next version of the one
                                // with its name; an archived one stays archived.
                                Some(runbook) => {
                                    results.push(Saved::NewVersion {
                                        name: runbook.name().to_owned(),
                                        version: runbook.version(),
                                        archived: runbook.is_archived(),
                                    });
                                    runbook
                                }
                                None => {
                                    results.push(Saved::Unchanged {
                                        name: existing.name().to_owned(),
                                        archived: existing.is_archived(),
                                    });
                                    continue;
                                }
                            },
                        };
                        library = library.with(runbook.clone());
                        versions.push(runbook);
                    }
                    if versions.is_empty() {
                        return Err((0, Imports::Saved(std::mem::take(&mut results))));
                    }
                    Ok(versions)
                })
                .await;
            let done = |saved: Vec<Saved>| {
                previews.set(Vec::new());
                pasted.set(String::new());
                if let Some(input) = file_input.try_get_untracked().flatten() {
                    input.set_value("");
                }
                outcome.set(Some(Imports::Saved(saved)));
            };
            match stored {
                Ok(_) => done(results),
                Err(Failed::Refused((_, Imports::Saved(unchanged)))) => done(unchanged),
                Err(Failed::Refused((key, refused))) => {
                    if let Imports::Invalid { error, .. } = &refused {
                        let preview = previews.try_with_untracked(|p| p.iter().find(|p| p.key == key).cloned());
                        if let Some(preview) = preview.flatten() {
                            let problem = EditProblem::Runbook(error.clone());
                            let id = match problem.place() {
                                Place::Name => format!("import-{key}-name"),
                                Place::Steps => format!("import-{key}-name"),
                                Place::Step(n) => {
                                    preview.form.key_of(n).map_or(format!("import-{key}-name"), StepRow::text_id)
                                }
                            };
                            preview.problem.set(Some(problem));
                            focus_soon(id);
                        }
                    }
                    outcome.set(Some(refused));
                }
                Err(Failed::Store(_)) => outcome.set(Some(Imports::NotSaved)),
            }
        }
    });
    let busy = save.pending();

    let on_file = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(input) = file_input.get_untracked() else { return };
        let files: Vec<File> = match input.files() {
            Some(list) => (0..list.length()).filter_map(|i| list.get(i)).map(File::from).collect(),
            None => Vec::new(),
        };
        if files.is_empty() {
            return;
        }
        outcome.set(Some(Imports::Working));
        spawn_local(async move {
            let mut read_files = Vec::new();
            for file in files {
                let name = file.name();
                let result = if file.size() > import_limit() as u64 {
                    Err(Refusal::TooLarge)
                } else {
                    match crate::ui::common::files::read_text(&file).await {
                        Ok(markdown) => read(&markdown, &name),
                        Err(error) => Err(Refusal::Unreadable(error)),
                    }
                };
                read_files.push((name, result));
            }
            show(read_files);
        });
    };
    let on_paste_import = move |_| {
        if busy.get_untracked() {
            return;
        }
        let markdown = pasted.get_untracked();
        if markdown.trim().is_empty() {
            return outcome.set(Some(Imports::Nothing));
        }
        let name = l().preview_pasted;
        show(vec![(name.to_owned(), read(&markdown, name))]);
    };
    let on_save = move |_| {
        if busy.get_untracked() {
            return;
        }
        let drafts: Vec<(u32, RunbookDraft)> = previews.with_untracked(|previews| {
            previews
                .iter()
                .map(|p| {
                    p.problem.set(None);
                    (p.key, p.form.draft())
                })
                .collect()
        });
        if drafts.is_empty() {
            return;
        }
        outcome.set(Some(Imports::Working));
        submit(save, drafts);
    };
    let on_discard = move |_| {
        previews.set(Vec::new());
        outcome.set(Some(Imports::Discarded));
        focus_soon("runbook-import-file".to_owned());
    };

    let status = move || {
        let text = l();
        outcome.get().map(|outcome| match outcome {
            Imports::Working => text.importing.to_owned(),
            Imports::Saved(saved) => saved.iter().map(|saved| saved_words(text, saved)).collect::<Vec<_>>().join(" "),
            Imports::Invalid { name, error } => {
                let problem = editor_message(text, &EditProblem::Runbook(error));
                fill(text.preview_invalid, &[("name", &name), ("problem", &problem)])
            }
            Imports::Nothing => text.import_nothing.to_owned(),
            Imports::NotSaved => text.not_saved.to_owned(),
            Imports::Discarded => text.discarded.to_owned(),
        })
    };
    let refused_view = move || {
        refusals
            .get()
            .into_iter()
            .map(|(file, refusal)| {
                let text = context.text();
                let l = text.library;
                match refusal {
                    Refusal::TooLarge => view! {
                        <p class="runbooks__refused">
                            {format!("{file}: {}", fill(l.import_too_large, &[("size", &size_words(import_limit()))]))}
                        </p>
                    }
                    .into_any(),
                    Refusal::Unreadable(detail) => view! {
                        <p class="runbooks__refused">
                            {format!("{file}: {}", fill(l.import_unreadable, &[("detail", &detail)]))}
                        </p>
                    }
                    .into_any(),
                    Refusal::Lines(errors) => view! {
                        <p class="runbooks__refused">{fill(l.file_refused, &[("file", &file)])}</p>
                        <ul class="runbooks__errors">
                            {errors
                                .iter()
                                .map(|error| {
                                    let message = context.settings.with(|s| line_message(text, s.ladder(), error));
                                    view! { <li>{message}</li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                }
            })
            .collect_view()
    };
    let refused = move || outcome.with(|o| matches!(o, Some(Imports::Invalid { .. })));
    let count = move || previews.with(Vec::len);

    view! {
        <section class="runbooks__section runbooks__import" aria-labelledby="runbooks-import">
            <h2 id="runbooks-import">{move || l().import_heading}</h2>
            <p class="field__hint">{move || l().import_intro}</p>
            <div class="field">
                <label for="runbook-import-file">{move || l().import_file_label}</label>
                <input
                    id="runbook-import-file"
                    type="file"
                    multiple
                    accept=".md,.markdown,.txt,text/markdown,text/plain"
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
            <div class="runbooks__refusals">{refused_view}</div>
            <Show when=move || { count() > 0 }>
                <div class="runbooks__previews">
                    <h3 class="runbooks__preview-title">{move || l().preview_heading}</h3>
                    <p class="field__hint">{move || l().preview_intro}</p>
                    <StepHints />
                    <For each=move || previews.get() key=|preview| preview.key let(preview)>
                        <PreviewForm preview />
                    </For>
                    <div class="runbooks__preview-actions">
                        <button type="button" class="button button--primary" disabled=move || busy.get() on:click=on_save>
                            {move || {
                                match count() {
                                    1 => l().save_import.to_owned(),
                                    n => fill(l().save_imports, &[("count", &n.to_string())]),
                                }
                            }}
                        </button>
                        <button type="button" class="button" disabled=move || busy.get() on:click=on_discard>
                            {move || l().discard_imports}
                        </button>
                    </div>
                </div>
            </Show>
            <div class="runbooks__outcome" class:runbooks__outcome--refused=refused role="status">
                {status}
            </div>
        </section>
    }
}

/// What saving did to one runbook, in words.
fn saved_words(text: &LibraryText, saved: &Saved) -> String {
    match saved {
        Saved::Created(name) => fill(text.import_created, &[("name", name)]),
        Saved::NewVersion { name, version, archived } => {
            let template = if *archived { text.import_new_version_archived } else { text.import_new_version };
            fill(template, &[("name", name), ("version", &version.to_string())])
        }
        Saved::Unchanged { name, archived } => {
            fill(if *archived { text.import_unchanged_archived } else { text.import_unchanged }, &[("name", name)])
        }
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
        LineProblem::UnknownCompletion(value) => fill(l.problem_unknown_completion, &[("value", value)]),
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
            LineProblem::UnknownCompletion(word()),
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
