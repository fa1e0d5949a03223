//! The runbook library and the runbook editor.
//!
//! The library lists the runbooks in use and the archived ones; it duplicates,
//! archives, restores and exports them as Markdown, and imports Markdown as a new
//! runbook or as the next version of the runbook with the same name (never over
//! it). The editor creates a runbook or saves its next version. Every change is a
//! new version (`domain::runbook`), and the library signal shows it only once the
//! store has saved it.

use super::text::LibraryText;
use crate::domain::runbook::{MAX_NAME, MAX_STEP, MAX_STEPS};
use crate::domain::runbook_markdown::{
    from_markdown, plan_import, to_markdown, ImportError, ImportPlan, Imported, Problem as LineProblem,
    MAX_MARKDOWN_BYTES,
};
use crate::domain::{Runbook, RunbookDraft, RunbookError, RunbookId, Severity, SeverityLadder, Step};
use crate::store::Batch;
use crate::ui::common::context::{new_runbook_id, AppContext, Problem};
use crate::ui::common::files::{download, read_chosen_file, safe_file_name, size_words, FileError, MAX_READ_BYTES};
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::i18n::{fill, Text};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::cell::Cell;

/// The MIME type of Markdown downloads.
const MARKDOWN_MIME: &str = "text/markdown;charset=utf-8";

/// Stores one new runbook version; once stored, the library shows it. A failure
/// is shown in the banner and changes nothing.
async fn save_version(context: AppContext, runbook: Runbook) -> bool {
    match context.store().write(Batch { runbooks: vec![runbook.clone()], ..Batch::default() }).await {
        Ok(()) => {
            context.library.update(|library| *library = library.with(runbook));
            true
        }
        Err(error) => {
            context.problem.set(Some(Problem::Store(error)));
            false
        }
    }
}

/// The largest Markdown file the import reads, in bytes.
fn import_limit() -> usize {
    MAX_MARKDOWN_BYTES.min(MAX_READ_BYTES)
}

/// "5 steps".
fn steps_words(text: &LibraryText, count: usize) -> String {
    if count == 1 {
        text.one_step.to_owned()
    } else {
        fill(text.steps_count, &[("count", &count.to_string())])
    }
}

/// "attaches at SEV1, SEV2" with the ladder's names, or "added by hand only".
fn attach_words(text: &LibraryText, separator: &str, ladder: &SeverityLadder, attach_at: &[Severity]) -> String {
    if attach_at.is_empty() {
        return text.attaches_never.to_owned();
    }
    let levels = attach_at.iter().map(|level| ladder.name(level)).collect::<Vec<_>>().join(separator);
    fill(text.attaches_at, &[("levels", &levels)])
}

/// The name of a copy: "Copy of <name>", kept within the name limit and made
/// different from every runbook's name.
fn copy_name(text: &LibraryText, context: AppContext, name: &str) -> String {
    let room = |suffix: &str| {
        let template = fill(text.copy_name, &[("name", "")]);
        MAX_NAME.saturating_sub(template.chars().count() + suffix.chars().count())
    };
    let named = |suffix: &str| {
        let base: String = name.chars().take(room(suffix)).collect();
        format!("{}{suffix}", fill(text.copy_name, &[("name", base.trim_end())]))
    };
    let mut candidate = named("");
    let mut number = 2;
    while context.library.with_untracked(|l| l.by_name(&candidate).is_some()) && number < 1000 {
        candidate = named(&format!(" ({number})"));
        number += 1;
    }
    candidate
}

// --- The library ---------------------------------------------------------------

/// What the library's status line says after an action on a runbook.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Notice {
    Working,
    Duplicated(String),
    Archived(String),
    Restored(String),
    Exported(String),
    ExportFailed(String),
    NotSaved,
}

impl Notice {
    fn message(&self, text: &LibraryText) -> String {
        match self {
            Self::Working => text.working.to_owned(),
            Self::Duplicated(name) => fill(text.duplicated, &[("name", name)]),
            Self::Archived(name) => fill(text.archived, &[("name", name)]),
            Self::Restored(name) => fill(text.restored, &[("name", name)]),
            Self::Exported(file) => fill(text.exported, &[("file", file)]),
            Self::ExportFailed(detail) => fill(text.export_failed, &[("detail", detail)]),
            Self::NotSaved => text.not_saved.to_owned(),
        }
    }
}

/// An action on one runbook of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Duplicate,
    Archive,
    Restore,
    Export,
}

impl Action {
    fn key(self) -> &'static str {
        match self {
            Self::Duplicate => "duplicate",
            Self::Archive => "archive",
            Self::Restore => "restore",
            Self::Export => "export",
        }
    }

    /// The button's visible text and its accessible name template.
    fn words(self, text: &LibraryText) -> (&'static str, &'static str) {
        match self {
            Self::Duplicate => (text.duplicate, text.duplicate_aria),
            Self::Archive => (text.archive, text.archive_aria),
            Self::Restore => (text.restore, text.restore_aria),
            Self::Export => (text.export_markdown, text.export_markdown_aria),
        }
    }
}

fn action_id(id: RunbookId, action: Action) -> String {
    format!("runbook-{id}-{}", action.key())
}

fn link_id(id: RunbookId) -> String {
    format!("runbook-{id}-link")
}

/// The runbook library at `/runbooks`.
#[component]
pub fn RunbookLibrary() -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);

    let act = Callback::new(move |(id, action): (RunbookId, Action)| {
        if busy.get_untracked() {
            return;
        }
        let Some(runbook) = context.library.with_untracked(|library| library.get(id).cloned()) else { return };
        let text = l();
        let at = Utc::now();
        let (changed, done, focus_after) = match action {
            Action::Export => {
                let markdown = to_markdown(&runbook, &context.settings.with_untracked(|s| s.ladder().clone()));
                let file = safe_file_name(runbook.name(), "md");
                notice.set(Some(match download(&file, MARKDOWN_MIME, &markdown) {
                    Ok(()) => Notice::Exported(file),
                    Err(FileError::Browser(detail)) => Notice::ExportFailed(detail),
                    Err(FileError::TooLarge) => Notice::ExportFailed(String::new()),
                }));
                return;
            }
            Action::Duplicate => {
                let name = copy_name(text, context, runbook.name());
                let copy = match runbook.duplicate(new_runbook_id(), &name, at) {
                    Ok(copy) => copy,
                    // The copy has the original's checked content and a name within
                    // the limit, so this does not happen; say so if it ever does.
                    Err(_) => return notice.set(Some(Notice::NotSaved)),
                };
                let focus_after = link_id(copy.id());
                (copy, Notice::Duplicated(name), focus_after)
            }
            Action::Archive => (
                runbook.with_archived(true, at),
                Notice::Archived(runbook.name().to_owned()),
                action_id(id, Action::Restore),
            ),
            Action::Restore => (
                runbook.with_archived(false, at),
                Notice::Restored(runbook.name().to_owned()),
                action_id(id, Action::Archive),
            ),
        };
        busy.set(true);
        notice.set(Some(Notice::Working));
        spawn_local(async move {
            let saved = save_version(context, changed).await;
            busy.set(false);
            if saved {
                notice.set(Some(done));
                focus_soon(focus_after);
            } else {
                notice.set(Some(Notice::NotSaved));
            }
        });
    });

    let active = move || context.library.with(|library| library.active().into_iter().cloned().collect::<Vec<_>>());
    let archived = move || context.library.with(|library| library.archived().into_iter().cloned().collect::<Vec<_>>());

    view! {
        <div class="runbooks">
            <h1>{move || l().title}</h1>
            <p class="field__hint runbooks__intro">{move || l().intro}</p>
            <p class="runbooks__new">
                <A href="/runbooks/new" attr:class="button button--primary">
                    {move || l().new_runbook}
                </A>
            </p>
            <p class="runbooks__status" role="status">{move || notice.get().map(|n| n.message(l()))}</p>
            <section class="runbooks__section" aria-labelledby="runbooks-active">
                <h2 id="runbooks-active">{move || l().active_heading}</h2>
                {move || {
                    let list = active();
                    if list.is_empty() {
                        view! { <p class="runbooks__empty">{l().no_active}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="runbooks__list">
                                {list
                                    .into_iter()
                                    .map(|runbook| view! { <RunbookItem runbook act busy /> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </section>
            <section class="runbooks__section" aria-labelledby="runbooks-archived">
                <h2 id="runbooks-archived">{move || l().archived_heading}</h2>
                <p class="field__hint">{move || l().archived_intro}</p>
                {move || {
                    let list = archived();
                    if list.is_empty() {
                        view! { <p class="runbooks__empty">{l().no_archived}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="runbooks__list runbooks__list--archived">
                                {list
                                    .into_iter()
                                    .map(|runbook| view! { <RunbookItem runbook act busy /> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </section>
            <ImportSection />
        </div>
    }
}

/// One runbook in a list: its name (a link to the editor), version, steps, when
/// it attaches, its description and its actions.
#[component]
fn RunbookItem(runbook: Runbook, act: Callback<(RunbookId, Action)>, busy: RwSignal<bool>) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let id = runbook.id();
    let name = runbook.name().to_owned();
    let link_text = name.clone();
    let actions = if runbook.is_archived() {
        vec![Action::Restore, Action::Export]
    } else {
        vec![Action::Duplicate, Action::Archive, Action::Export]
    };
    let (version, steps, attach_at) = (runbook.version(), runbook.steps().len(), runbook.attach_at().to_vec());
    let description = runbook.description().to_owned();
    view! {
        <li class="runbooks__item" class:runbooks__item--archived=runbook.is_archived()>
            <h3 class="runbooks__name">
                <A href=format!("/runbooks/{id}") attr:id=link_id(id)>
                    {link_text}
                </A>
            </h3>
            <p class="runbooks__meta">
                {move || {
                    let (text, separator) = (l(), context.text().list_separator);
                    let attach = context.settings.with(|s| attach_words(text, separator, s.ladder(), &attach_at));
                    [fill(text.version, &[("version", &version.to_string())]), steps_words(text, steps), attach]
                        .join(" · ")
                }}
            </p>
            {(!description.is_empty()).then(|| view! { <p class="runbooks__description">{description}</p> })}
            <div class="runbooks__actions">
                {actions
                    .into_iter()
                    .map(|action| {
                        let name = name.clone();
                        view! {
                            <button
                                type="button"
                                class="button"
                                id=action_id(id, action)
                                aria-label=move || fill(action.words(l()).1, &[("name", &name)])
                                disabled=move || busy.get() && action != Action::Export
                                on:click=move |_| act.run((id, action))
                            >
                                {move || action.words(l()).0}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </li>
    }
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
fn ImportSection() -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let pasted = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Imports>);
    let busy = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();

    // Imports `markdown`; `done` runs after a successful import.
    let import = move |markdown: String, done: Box<dyn FnOnce()>| {
        if markdown.trim().is_empty() {
            return outcome.set(Some(Imports::Nothing));
        }
        let ladder = context.settings.with_untracked(|s| s.ladder().clone());
        let imported: Imported = match from_markdown(&markdown, &ladder) {
            Ok(imported) => imported,
            Err(errors) => return outcome.set(Some(Imports::Refused(errors))),
        };
        let at = Utc::now();
        let plan = context.library.with_untracked(|library| plan_import(library, &imported));
        let existing = match &plan {
            ImportPlan::New => None,
            ImportPlan::NewVersion(id) | ImportPlan::Unchanged(id) => {
                context.library.with_untracked(|library| library.get(*id).cloned())
            }
        };
        let name = imported.draft.name.trim().to_owned();
        let invalid = |error| Imports::Invalid { name: name.clone(), error };
        let (runbook, success) = match (plan, existing) {
            (ImportPlan::New, _) | (_, None) => match Runbook::create(new_runbook_id(), imported.draft.clone(), at) {
                Ok(runbook) => {
                    let created = Imports::Created(runbook.name().to_owned());
                    (runbook, created)
                }
                Err(error) => return outcome.set(Some(invalid(error))),
            },
            (ImportPlan::Unchanged(_), Some(existing)) => {
                let (name, archived) = (existing.name().to_owned(), existing.is_archived());
                done();
                return outcome.set(Some(Imports::Unchanged { name, archived }));
            }
            // A changed runbook becomes the next version of the one with its name;
            // an archived one stays archived until someone restores it.
            (ImportPlan::NewVersion(_), Some(existing)) => match existing.edited(imported.draft.clone(), at) {
                Ok(Some(runbook)) => {
                    let success = Imports::NewVersion {
                        name: runbook.name().to_owned(),
                        version: runbook.version(),
                        archived: runbook.is_archived(),
                    };
                    (runbook, success)
                }
                Ok(None) => {
                    let (name, archived) = (existing.name().to_owned(), existing.is_archived());
                    done();
                    return outcome.set(Some(Imports::Unchanged { name, archived }));
                }
                Err(error) => return outcome.set(Some(invalid(error))),
            },
        };
        busy.set(true);
        outcome.set(Some(Imports::Working));
        spawn_local(async move {
            let saved = save_version(context, runbook).await;
            busy.set(false);
            if saved {
                outcome.set(Some(success));
                done();
            } else {
                outcome.set(Some(Imports::NotSaved));
            }
        });
    };

    let clear_file = move || {
        if let Some(input) = file_input.get_untracked() {
            input.set_value("");
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
                Ok(Some((_, markdown))) => import(markdown, Box::new(clear_file)),
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
        import(pasted.get_untracked(), Box::new(move || pasted.set(String::new())));
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

// --- The editor -----------------------------------------------------------------

const SAVE_BUTTON_ID: &str = "runbook-save";

thread_local! {
    /// "Saved as version N", carried from `/runbooks/new` to the new runbook's
    /// address, where a fresh editor shows it.
    static JUST_SAVED: Cell<Option<(RunbookId, u32)>> = const { Cell::new(None) };
}

/// One step as the editor holds it while typing.
#[derive(Clone, Copy)]
struct StepRow {
    key: u32,
    text: RwSignal<String>,
    required: RwSignal<bool>,
    role: RwSignal<String>,
    /// The severity id, or empty for any severity.
    min_severity: RwSignal<String>,
    component: RwSignal<String>,
}

impl StepRow {
    fn new(key: u32, step: &Step) -> Self {
        Self {
            key,
            text: RwSignal::new(step.text.clone()),
            required: RwSignal::new(step.required),
            role: RwSignal::new(step.role.clone().unwrap_or_default()),
            min_severity: RwSignal::new(step.min_severity.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default()),
            component: RwSignal::new(step.component.clone().unwrap_or_default()),
        }
    }

    fn step(&self) -> Step {
        let optional = |text: String| (!text.trim().is_empty()).then_some(text);
        let min_severity = self.min_severity.get_untracked();
        Step {
            text: self.text.get_untracked(),
            required: self.required.get_untracked(),
            role: optional(self.role.get_untracked()),
            min_severity: (!min_severity.is_empty()).then(|| Severity::new(&min_severity)),
            component: optional(self.component.get_untracked()),
        }
    }

    fn text_id(key: u32) -> String {
        format!("step-{key}-text")
    }
}

/// What the editor holds, as typed.
#[derive(Clone, Copy)]
struct Form {
    name: RwSignal<String>,
    description: RwSignal<String>,
    attach_at: RwSignal<Vec<Severity>>,
    steps: RwSignal<Vec<StepRow>>,
    next_key: StoredValue<u32>,
}

impl Form {
    fn new(draft: &RunbookDraft) -> Self {
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

    fn fill_from(&self, draft: &RunbookDraft) {
        self.name.set(draft.name.clone());
        self.description.set(draft.description.clone());
        self.attach_at.set(draft.attach_at.clone());
        let rows = draft.steps.iter().map(|step| StepRow::new(self.key(), step)).collect();
        self.steps.set(rows);
    }

    fn key(&self) -> u32 {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        key
    }

    fn draft(&self) -> RunbookDraft {
        RunbookDraft {
            name: self.name.get_untracked(),
            description: self.description.get_untracked(),
            steps: self.steps.with_untracked(|rows| rows.iter().map(StepRow::step).collect()),
            attach_at: self.attach_at.get_untracked(),
        }
    }

    /// The place (from 1) of the step with `key`.
    fn number(&self, key: u32) -> usize {
        self.steps.with(|rows| rows.iter().position(|r| r.key == key).map_or(0, |i| i + 1))
    }

    /// The key of step `number` (from 1).
    fn key_of(&self, number: usize) -> Option<u32> {
        self.steps.with_untracked(|rows| rows.get(number.checked_sub(1)?).map(|r| r.key))
    }
}

/// Why the editor did not save.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EditProblem {
    Runbook(RunbookError),
    NameTaken(String),
}

/// The part of the form a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Name,
    Steps,
    Step(usize),
}

impl EditProblem {
    fn place(&self) -> Place {
        match self {
            Self::Runbook(RunbookError::EmptyName | RunbookError::NameTooLong) | Self::NameTaken(_) => Place::Name,
            Self::Runbook(RunbookError::NoSteps | RunbookError::TooManySteps) => Place::Steps,
            Self::Runbook(RunbookError::EmptyStep(n) | RunbookError::StepTooLong(n)) => Place::Step(*n),
        }
    }
}

/// A problem in words a responder can act on.
fn editor_message(text: &LibraryText, problem: &EditProblem) -> String {
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
    }
}

/// What the editor's status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EditNotice {
    Saving,
    Saved(u32),
    NoChanges,
    Moved(usize),
    Removed(usize),
    NotSaved,
}

/// The runbook editor at `/runbooks/new` and `/runbooks/:id`.
#[component]
pub fn RunbookEditor() -> impl IntoView {
    let context = AppContext::get();
    let params = use_params_map();
    let target = Memo::new(move |_| params.with(|p| p.get("id")));
    move || {
        let text = context.text();
        match target.get() {
            None => view! { <EditorForm existing=None /> }.into_any(),
            Some(id) if id == "new" => view! { <EditorForm existing=None /> }.into_any(),
            Some(id) => {
                let known = id
                    .parse::<RunbookId>()
                    .ok()
                    .filter(|id| context.library.with_untracked(|library| library.get(*id).is_some()));
                match known {
                    Some(id) => view! { <EditorForm existing=Some(id) /> }.into_any(),
                    None => view! {
                        <h1>{text.not_found_title}</h1>
                        <p>{text.library.runbook_missing}</p>
                        <p>
                            <A href="/runbooks">{text.library.all_runbooks}</A>
                        </p>
                    }
                    .into_any(),
                }
            }
        }
    }
}

/// The editor's form for a new runbook (`existing` is `None`) or a stored one.
#[component]
fn EditorForm(existing: Option<RunbookId>) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let stored = move || existing.and_then(|id| context.library.with(|library| library.get(id).cloned()));
    let initial = existing
        .and_then(|id| context.library.with_untracked(|library| library.get(id).map(Runbook::draft)))
        .unwrap_or_else(|| RunbookDraft { steps: vec![Step::new("", true)], ..RunbookDraft::default() });
    let form = Form::new(&initial);
    let problem = RwSignal::new(None::<EditProblem>);
    let just_saved = JUST_SAVED.with(|saved| match saved.take() {
        Some((id, version)) if Some(id) == existing => Some(EditNotice::Saved(version)),
        _ => None,
    });
    if just_saved.is_some() {
        // Focus stays on Save, as before the runbook moved to its own address.
        focus_soon(SAVE_BUTTON_ID.to_owned());
    }
    let notice = RwSignal::new(just_saved);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let draft = form.draft();
        let taken = context.library.with_untracked(|library| {
            library.by_name(&draft.name).filter(|other| Some(other.id()) != existing).map(|r| r.name().to_owned())
        });
        let at = Utc::now();
        let result = match (taken, existing) {
            (Some(name), _) if !draft.name.trim().is_empty() => Err(EditProblem::NameTaken(name)),
            (_, None) => Runbook::create(new_runbook_id(), draft, at).map(Some).map_err(EditProblem::Runbook),
            (_, Some(id)) => match context.library.with_untracked(|library| library.get(id).cloned()) {
                Some(current) => current.edited(draft, at).map_err(EditProblem::Runbook),
                None => Ok(None),
            },
        };
        let runbook = match result {
            Err(refused) => {
                let id = match refused.place() {
                    Place::Name => "runbook-name".to_owned(),
                    Place::Steps => "runbook-add-step".to_owned(),
                    Place::Step(n) => form.key_of(n).map_or("runbook-add-step".to_owned(), StepRow::text_id),
                };
                problem.set(Some(refused));
                notice.set(None);
                return focus(&id);
            }
            Ok(None) => {
                problem.set(None);
                return notice.set(Some(EditNotice::NoChanges));
            }
            Ok(Some(runbook)) => runbook,
        };
        problem.set(None);
        notice.set(Some(EditNotice::Saving));
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let (id, version, draft) = (runbook.id(), runbook.version(), runbook.draft());
            let saved = save_version(context, runbook).await;
            busy.set(false);
            if !saved {
                return notice.set(Some(EditNotice::NotSaved));
            }
            if existing.is_none() {
                JUST_SAVED.with(|just| just.set(Some((id, version))));
                navigate(&format!("/runbooks/{id}"), Default::default());
            } else {
                form.fill_from(&draft);
                notice.set(Some(EditNotice::Saved(version)));
            }
        });
    };

    let add_step = move |_| {
        let key = form.key();
        form.steps.update(|rows| rows.push(StepRow::new(key, &Step::new("", true))));
        if matches!(problem.get_untracked().map(|p| p.place()), Some(Place::Steps)) {
            problem.set(None);
        }
        focus_soon(StepRow::text_id(key));
    };

    let status = move || {
        let text = l();
        let count = form.steps.with(Vec::len).to_string();
        notice.get().map(|n| match n {
            EditNotice::Saving => text.saving.to_owned(),
            EditNotice::Saved(version) => fill(text.saved, &[("version", &version.to_string())]),
            EditNotice::NoChanges => text.no_changes.to_owned(),
            EditNotice::Moved(number) => fill(text.step_moved, &[("number", &number.to_string()), ("count", &count)]),
            EditNotice::Removed(number) => fill(text.step_removed, &[("number", &number.to_string())]),
            EditNotice::NotSaved => text.not_saved.to_owned(),
        })
    };
    let error_at =
        move |place: Place| problem.with(|p| p.as_ref().filter(|p| p.place() == place).map(|p| editor_message(l(), p)));
    let heading = move || match stored() {
        Some(runbook) => runbook.name().to_owned(),
        None => l().new_title.to_owned(),
    };
    let components = move || {
        context.settings.with(|s| s.catalog().components().iter().map(|c| c.name().to_owned()).collect::<Vec<_>>())
    };

    view! {
        <div class="runbook-editor">
            <p class="runbooks__back">
                <A href="/runbooks">{move || l().all_runbooks}</A>
            </p>
            <h1>{heading}</h1>
            <p class="runbooks__version">
                {move || {
                    stored()
                        .map(|runbook| {
                            view! {
                                <strong>{fill(l().current_version, &[("version", &runbook.version().to_string())])}</strong>
                                " "
                            }
                        })
                }}
                {move || l().running_keep_version}
            </p>
            {move || {
                stored()
                    .filter(Runbook::is_archived)
                    .map(|_| view! { <p class="runbooks__archived-note">{l().archived_note}</p> })
            }}
            <form class="runbook-editor__form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="runbook-name">{move || l().name_label}</label>
                    <input
                        id="runbook-name"
                        type="text"
                        autocomplete="off"
                        maxlength=(MAX_NAME * 2).to_string()
                        bind:value=form.name
                        aria-invalid=move || error_at(Place::Name).is_some().to_string()
                        aria-describedby="runbook-name-hint runbook-name-error"
                    />
                    <p id="runbook-name-hint" class="field__hint">
                        {move || fill(l().name_hint, &[("max", &MAX_NAME.to_string())])}
                    </p>
                    <p id="runbook-name-error" class="field__error" aria-live="assertive">
                        {move || error_at(Place::Name)}
                    </p>
                </div>
                <div class="field">
                    <label for="runbook-description">{move || l().description_label}</label>
                    <textarea
                        id="runbook-description"
                        rows="3"
                        bind:value=form.description
                        aria-describedby="runbook-description-hint"
                    ></textarea>
                    <p id="runbook-description-hint" class="field__hint">{move || l().description_hint}</p>
                </div>
                <fieldset class="runbook-editor__attach">
                    <legend>{move || l().attach_legend}</legend>
                    <p class="field__hint">{move || l().attach_hint}</p>
                    <div class="runbook-editor__levels">
                        {move || {
                            context
                                .ladder()
                                .levels()
                                .iter()
                                .map(|level| {
                                    let id = format!("runbook-attach-{}", level.id());
                                    let (checked, toggled) = (level.id().clone(), level.id().clone());
                                    view! {
                                        <span class="runbook-editor__level">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                prop:checked=move || form.attach_at.with(|a| a.contains(&checked))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    form.attach_at.update(|attach| {
                                                        attach.retain(|level| level != &toggled);
                                                        if on {
                                                            attach.push(toggled.clone());
                                                        }
                                                    });
                                                }
                                            />
                                            <label for=id>{level.name().to_owned()}</label>
                                        </span>
                                    }
                                })
                                .collect_view()
                        }}
                    </div>
                </fieldset>
                <section class="runbook-editor__steps" aria-labelledby="runbook-steps-heading">
                    <h2 id="runbook-steps-heading">{move || l().steps_heading}</h2>
                    <p class="field__hint">{move || l().steps_hint}</p>
                    <ul class="field__hint runbook-editor__hints">
                        <li id="runbook-role-hint">
                            <strong>{move || l().step_role_label}</strong>
                            ": "
                            {move || l().step_role_hint}
                        </li>
                        <li id="runbook-component-hint">
                            <strong>{move || l().step_component_label}</strong>
                            ": "
                            {move || l().step_component_hint}
                        </li>
                    </ul>
                    <datalist id="runbook-components">
                        {move || components().into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
                    </datalist>
                    <ol class="runbook-editor__list">
                        <For each=move || form.steps.get() key=|row| row.key let(row)>
                            <StepEditor row form problem notice />
                        </For>
                    </ol>
                    <button type="button" class="button" id="runbook-add-step" on:click=add_step aria-describedby="runbook-steps-error">
                        {move || l().add_step}
                    </button>
                    <p id="runbook-steps-error" class="field__error" aria-live="assertive">
                        {move || error_at(Place::Steps)}
                    </p>
                </section>
                <div class="runbook-editor__save">
                    <button type="submit" class="button button--primary" id=SAVE_BUTTON_ID disabled=move || busy.get()>
                        {move || if busy.get() { l().saving } else { l().save }}
                    </button>
                    <p class="runbook-editor__status" role="status">{status}</p>
                </div>
            </form>
        </div>
    }
}

/// One step of the editor: its text, whether it is required, its role and its
/// conditions, and the buttons that move and remove it.
#[component]
fn StepEditor(
    row: StepRow,
    form: Form,
    problem: RwSignal<Option<EditProblem>>,
    notice: RwSignal<Option<EditNotice>>,
) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let key = row.key;
    let number = move || form.number(key);
    let count = move || form.steps.with(Vec::len);
    let ids = |part: &str| format!("step-{key}-{part}");
    let text_id = StepRow::text_id(key);
    let error_id = ids("error");
    let error = move || {
        problem.with(|p| p.as_ref().filter(|p| p.place() == Place::Step(number())).map(|p| editor_message(l(), p)))
    };
    let (up_id, down_id) = (ids("up"), ids("down"));

    let on_move = {
        let (up_id, down_id) = (up_id.clone(), down_id.clone());
        move |up: bool| {
            let from = form.number(key);
            let last = form.steps.with_untracked(Vec::len);
            let to = if up { from.saturating_sub(1) } else { from + 1 };
            if from == 0 || to == 0 || to > last {
                return;
            }
            form.steps.update(|rows| rows.swap(from - 1, to - 1));
            problem.set(None);
            notice.set(Some(EditNotice::Moved(to)));
            // Keep focus on the button just used, unless the step reached the end
            // where that button is disabled.
            let again = if up { to > 1 } else { to < last };
            focus_soon(if again == up { up_id.clone() } else { down_id.clone() });
        }
    };
    let on_up = {
        let on_move = on_move.clone();
        move |_: leptos::ev::MouseEvent| on_move(true)
    };
    let on_down = move |_: leptos::ev::MouseEvent| on_move(false);
    let on_remove = move |_| {
        let from = form.number(key);
        form.steps.update(|rows| rows.retain(|r| r.key != key));
        problem.set(None);
        notice.set(Some(EditNotice::Removed(from)));
        let next = form.key_of(from).or_else(|| form.key_of(from.saturating_sub(1)));
        focus_soon(next.map_or("runbook-add-step".to_owned(), StepRow::text_id));
    };

    // A level since removed from the ladder stays as it was until changed.
    let kept = row.min_severity.get_untracked();
    let severity_options = move || {
        let ladder = context.ladder();
        let text = l();
        let mut options: Vec<(String, String)> = ladder
            .levels()
            .iter()
            .map(|level| (level.id().as_str().to_owned(), fill(text.level_or_worse, &[("level", level.name())])))
            .collect();
        if !kept.is_empty() && ladder.level(&Severity::new(&kept)).is_none() {
            options.push((kept.clone(), fill(text.level_or_worse, &[("level", &kept)])));
        }
        std::iter::once((String::new(), text.any_severity.to_owned()))
            .chain(options)
            .map(|(value, label)| {
                let chosen = value.clone();
                view! {
                    <option value=value prop:selected=move || row.min_severity.with(|s| s == &chosen)>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <li class="runbook-editor__step">
            <fieldset class="runbook-editor__fieldset">
                <legend class="runbook-editor__legend">
                    {move || fill(l().step_legend, &[("number", &number().to_string())])}
                </legend>
                <div class="field runbook-editor__text">
                    <label for=text_id.clone()>{move || l().step_text_label}</label>
                    <input
                        id=text_id
                        type="text"
                        autocomplete="off"
                        bind:value=row.text
                        aria-invalid=move || error().is_some().to_string()
                        aria-describedby=error_id.clone()
                    />
                    <p id=error_id class="field__error" aria-live="assertive">
                        {error}
                    </p>
                </div>
                <div class="runbook-editor__row">
                    <div class="field field--inline runbook-editor__required">
                        <input id=ids("required") type="checkbox" bind:checked=row.required />
                        <label for=ids("required")>{move || l().step_required_label}</label>
                    </div>
                    <div class="field">
                        <label for=ids("role")>{move || l().step_role_label}</label>
                        <input
                            id=ids("role")
                            type="text"
                            autocomplete="off"
                            bind:value=row.role
                            aria-describedby="runbook-role-hint"
                        />
                    </div>
                    <div class="field">
                        <label for=ids("severity")>{move || l().step_severity_label}</label>
                        <select id=ids("severity") on:change=move |ev| row.min_severity.set(event_target_value(&ev))>
                            {severity_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for=ids("component")>{move || l().step_component_label}</label>
                        <input
                            id=ids("component")
                            type="text"
                            autocomplete="off"
                            list="runbook-components"
                            bind:value=row.component
                            aria-describedby="runbook-component-hint"
                        />
                    </div>
                </div>
                <div class="runbook-editor__actions">
                    <button
                        type="button"
                        class="button"
                        id=up_id
                        aria-label=move || fill(l().move_up_aria, &[("number", &number().to_string())])
                        disabled=move || { number() <= 1 }
                        on:click=on_up
                    >
                        {move || l().move_up}
                    </button>
                    <button
                        type="button"
                        class="button"
                        id=down_id
                        aria-label=move || fill(l().move_down_aria, &[("number", &number().to_string())])
                        disabled=move || { number() >= count() }
                        on:click=on_down
                    >
                        {move || l().move_down}
                    </button>
                    <button
                        type="button"
                        class="button runbook-editor__remove"
                        aria-label=move || fill(l().remove_step_aria, &[("number", &number().to_string())])
                        on:click=on_remove
                    >
                        {move || l().remove_step}
                    </button>
                </div>
            </fieldset>
        </li>
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
            LineProblem::TooManyProblems,
        ]
    }

    #[test]
    fn every_message_is_filled_in_every_language() {
        let ladder = SeverityLadder::default();
        let refusals = [
            EditProblem::NameTaken("Major incident".into()),
            EditProblem::Runbook(RunbookError::EmptyName),
            EditProblem::Runbook(RunbookError::NameTooLong),
            EditProblem::Runbook(RunbookError::NoSteps),
            EditProblem::Runbook(RunbookError::TooManySteps),
            EditProblem::Runbook(RunbookError::EmptyStep(3)),
            EditProblem::Runbook(RunbookError::StepTooLong(3)),
        ];
        for language in LANGUAGES {
            let text = i18n::text(language);
            let mut messages: Vec<String> = problems()
                .iter()
                .map(|problem| line_message(text, &ladder, &ImportError { line: 7, problem: problem.clone() }))
                .collect();
            messages.extend(refusals.iter().map(|refusal| editor_message(text.library, refusal)));
            for message in messages {
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
    }

    #[test]
    fn list_words_use_the_ladder_names() {
        let (en, zh) = (i18n::text(Language::English), i18n::text(Language::TraditionalChinese));
        let ladder = SeverityLadder::default();
        let levels = [Severity::new("SEV1"), Severity::new("SEV2")];
        assert_eq!(attach_words(en.library, en.list_separator, &ladder, &levels), "attaches at SEV1, SEV2");
        assert_eq!(attach_words(zh.library, zh.list_separator, &ladder, &levels), "於 SEV1、SEV2 自動加入");
        assert_eq!(attach_words(en.library, en.list_separator, &ladder, &[]), "added by hand only");
        assert_eq!((steps_words(en.library, 1), steps_words(en.library, 5)), ("1 step".into(), "5 steps".into()));
        assert_eq!(size_words(MAX_MARKDOWN_BYTES), "256 KB");
    }
}
