//! The runbook library at `/runbooks`: the runbooks in use and the archived
//! ones, each with the buttons that duplicate, archive, restore and export it
//! as Markdown, and the import section (`import.rs`) below them. Every change is
//! a new version (`domain::runbook`), added through
//! `AppContext::add_runbook_versions`; the list shows it once stored.

use super::import::ImportSection;
use super::text::LibraryText;
use crate::domain::runbook::MAX_NAME;
use crate::domain::runbook_markdown::to_markdown;
use crate::domain::{Library, Runbook, RunbookId, Severity, SeverityLadder};
use crate::ui::common::command::submit;
use crate::ui::common::context::{new_runbook_id, AppContext};
use crate::ui::common::files::{download, safe_file_name, FileError};
use crate::ui::common::focus::focus_soon;
use crate::ui::common::managed::ManagedNote;
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

/// The MIME type of Markdown downloads.
const MARKDOWN_MIME: &str = "text/markdown;charset=utf-8";

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
fn copy_name(text: &LibraryText, library: &Library, name: &str) -> String {
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
    while library.by_name(&candidate).is_some() && number < 1000 {
        candidate = named(&format!(" ({number})"));
        number += 1;
    }
    candidate
}

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

/// What a button of one runbook in the list does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemAction {
    Duplicate,
    Archive,
    Restore,
    Export,
}

impl ItemAction {
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

fn action_id(id: RunbookId, action: ItemAction) -> String {
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
    // Adds the version that a duplicate, archive or restore makes of the runbook
    // as last stored; says so and moves focus once it is stored.
    let change = action(move |(id, action): &(RunbookId, ItemAction)| {
        let (id, action) = (*id, *action);
        async move {
            let text = l();
            let at = Utc::now();
            let stored = context
                .add_runbook_versions(|library| {
                    let Some(runbook) = library.get(id) else { return Err(()) };
                    let version = match action {
                        // The copy has the original's checked content and a name
                        // within the limit, so it is not refused; say so if it is.
                        ItemAction::Duplicate => {
                            let name = copy_name(text, library, runbook.name());
                            match runbook.duplicate(new_runbook_id(), &name, at) {
                                Ok(copy) => copy,
                                Err(_) => return Err(()),
                            }
                        }
                        ItemAction::Archive => runbook.with_archived(true, at),
                        ItemAction::Restore => runbook.with_archived(false, at),
                        ItemAction::Export => return Err(()),
                    };
                    Ok(vec![version])
                })
                .await;
            let Some(version) = stored.ok().and_then(|versions| versions.into_iter().next()) else {
                return notice.set(Some(Notice::NotSaved));
            };
            let name = version.name().to_owned();
            let (done, focus_after) = match action {
                ItemAction::Duplicate => (Notice::Duplicated(name), link_id(version.id())),
                ItemAction::Archive => (Notice::Archived(name), action_id(id, ItemAction::Restore)),
                ItemAction::Restore | ItemAction::Export => {
                    (Notice::Restored(name), action_id(id, ItemAction::Archive))
                }
            };
            notice.set(Some(done));
            focus_soon(focus_after);
        }
    });
    let busy: Signal<bool> = change.pending().into();

    let act = Callback::new(move |(id, action): (RunbookId, ItemAction)| {
        if busy.get_untracked() {
            return;
        }
        let Some(runbook) = context.library.with_untracked(|library| library.get(id).cloned()) else { return };
        if action == ItemAction::Export {
            let markdown = to_markdown(&runbook, &context.settings.with_untracked(|s| s.ladder().clone()));
            let file = safe_file_name(runbook.name(), "md");
            notice.set(Some(match download(&file, MARKDOWN_MIME, &markdown) {
                Ok(()) => Notice::Exported(file),
                Err(FileError::Browser(detail)) => Notice::ExportFailed(detail),
                Err(FileError::TooLarge) => Notice::ExportFailed(String::new()),
            }));
            return;
        }
        notice.set(Some(Notice::Working));
        submit(change, (id, action));
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
                <ManagedNote prefix="runbook/" />
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
fn RunbookItem(runbook: Runbook, act: Callback<(RunbookId, ItemAction)>, busy: Signal<bool>) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let id = runbook.id();
    let name = runbook.name().to_owned();
    let link_text = name.clone();
    let actions = if runbook.is_archived() {
        vec![ItemAction::Restore, ItemAction::Export]
    } else {
        vec![ItemAction::Duplicate, ItemAction::Archive, ItemAction::Export]
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
                                disabled=move || busy.get() && action != ItemAction::Export
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::ui::i18n;

    #[test]
    fn list_words_use_the_ladder_names() {
        let (en, zh) = (i18n::text(Language::English), i18n::text(Language::TraditionalChinese));
        let ladder = SeverityLadder::default();
        let levels = [Severity::new("SEV1"), Severity::new("SEV2")];
        assert_eq!(attach_words(en.library, en.list_separator, &ladder, &levels), "attaches at SEV1, SEV2");
        assert_eq!(attach_words(zh.library, zh.list_separator, &ladder, &levels), "於 SEV1、SEV2 自動加入");
        assert_eq!(attach_words(en.library, en.list_separator, &ladder, &[]), "added by hand only");
        assert_eq!((steps_words(en.library, 1), steps_words(en.library, 5)), ("1 step".into(), "5 steps".into()));
    }
}
