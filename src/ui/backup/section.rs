//! The settings page's "Backup and restore" section: download the whole
//! workspace as one file, and restore one after seeing what it adds.

use super::commands::BackupCommands;
use super::reminder::{last_backup, note_backup};
use crate::domain::export::workspace::{export_workspace, import_workspace, WorkspaceBundle, MAX_BACKUP_BYTES};
use crate::domain::export::ImportProblem;
use crate::domain::wall::Wall;
use crate::store::bundles::{Contradicts, Plan, Taken};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::files::{download, size_words, FileError};
use crate::ui::common::problems::{problem_list, take_chosen_file, Expected, NotTaken};
use crate::ui::common::task::action;
use crate::ui::common::time;
use crate::ui::i18n::{fill, Text};
use chrono::Utc;
use leptos::prelude::*;

/// What the last backup did.
#[derive(Clone)]
enum Took {
    Downloaded { file: String, incidents: usize, entries: usize, runbooks: usize, left_out: usize },
    NotTaken,
    File(String),
}

/// What the last restore did.
#[derive(Clone)]
enum Restore {
    Preview(Box<(WorkspaceBundle, Plan)>),
    Nothing,
    Restored(Plan),
    NotTaken(NotTaken),
    Contradicts(Vec<ImportProblem>),
    NotSaved,
}

impl Restore {
    fn of(result: Result<Plan, Failed<Contradicts>>) -> Restore {
        match result {
            Ok(plan) => Restore::Restored(plan),
            Err(Failed::Refused(Contradicts(problems))) => Restore::Contradicts(problems),
            Err(Failed::Store(_)) => Restore::NotSaved,
        }
    }
}

/// The plan of a restore, in sentences.
fn plan_words(text: &Text, plan: &Plan) -> Vec<String> {
    let (b, counts) = (text.backup, &text.counts);
    let mut words = vec![if plan.replaces {
        fill(
            b.plan_replace,
            &[
                ("incidents", &counts.incidents.of(plan.incidents_added)),
                ("entries", &counts.entries.of(plan.entries_added)),
                ("runbooks", &counts.runbook_versions.of(plan.runbooks_added)),
                ("replaced", &counts.runbook_versions.of(plan.runbooks_replaced)),
            ],
        )
    } else {
        fill(
            b.plan_merge,
            &[
                ("added", &counts.incidents.of(plan.incidents_added)),
                ("entries", &counts.entries.of(plan.entries_added)),
                ("merged", &counts.incidents.of(plan.incidents_merged)),
                ("runbooks", &counts.runbook_versions.of(plan.runbooks_added)),
            ],
        )
    }];
    if plan.settings_kept > 0 {
        words.push(fill(b.plan_settings_kept, &[("count", &plan.settings_kept.to_string())]));
    }
    if plan.ladder_kept && !plan.replaces {
        words.push(b.plan_ladder_kept.to_owned());
    }
    if plan.reviews_kept > 0 {
        words.push(fill(b.plan_reviews_kept, &[("count", &plan.reviews_kept.to_string())]));
    }
    if !plan.stay_deleted.is_empty() {
        words.push(fill(b.plan_stay_deleted, &[("titles", &plan.stay_deleted.join(", "))]));
    }
    if !plan.stay_here.is_empty() {
        words.push(fill(b.plan_stay_here, &[("titles", &plan.stay_here.join(", "))]));
    }
    words
}

/// The backup and restore section of the settings page.
#[component]
pub fn BackupSection() -> impl IntoView {
    let context = AppContext::get();
    let b = move || context.text().backup;
    let commands = BackupCommands::new(context);
    let last = RwSignal::new(last_backup());
    let took = RwSignal::new(None::<Took>);
    let take = action(move |_: &()| async move {
        let outcome = match commands.take().await {
            Ok(Taken { bundle, left_out }) => {
                let now = Utc::now();
                let file = format!("sitrep-backup-{}.json", Wall::of(&now).in_file_name());
                match download(&file, "application/json", &export_workspace(&bundle, now)) {
                    Ok(()) => {
                        note_backup(now);
                        last.set(Some(now));
                        Some(Took::Downloaded {
                            file,
                            incidents: bundle.incidents().len(),
                            entries: bundle.entry_count(),
                            runbooks: bundle.runbooks().len(),
                            left_out: left_out.len(),
                        })
                    }
                    Err(FileError::Browser(detail)) => Some(Took::File(detail)),
                    Err(FileError::TooLarge) => None,
                }
            }
            Err(Failed::Refused(_)) => Some(Took::NotTaken),
            // The problem banner says what went wrong.
            Err(Failed::Store(_)) => None,
        };
        took.set(outcome);
    });

    let restore = RwSignal::new(None::<Restore>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let check = action(move |_: &()| async move {
        let Some(input) = file_input.get_untracked() else { return };
        let outcome = match take_chosen_file(&input, MAX_BACKUP_BYTES, import_workspace).await {
            None => None,
            Some(Ok(bundle)) => Some(match commands.check(&bundle).await {
                Ok(plan) if plan.changes_nothing() => Restore::Nothing,
                Ok(plan) => Restore::Preview(Box::new((bundle, plan))),
                Err(refused) => Restore::of(Err(refused)),
            }),
            Some(Err(not_taken)) => Some(Restore::NotTaken(not_taken)),
        };
        restore.set(outcome);
    });
    let confirm = action(move |bundle: &WorkspaceBundle| {
        let bundle = bundle.clone();
        async move { restore.set(Some(Restore::of(commands.restore(bundle).await))) }
    });
    let busy = Signal::derive(move || check.pending().get() || confirm.pending().get());

    let took_words = move || {
        let b = b();
        if take.pending().get() {
            return Some(b.reading.to_owned());
        }
        took.get().map(|took| match took {
            Took::Downloaded { file, incidents, entries, runbooks, left_out } => {
                let mut words = fill(
                    b.downloaded,
                    &[
                        ("file", &file),
                        ("incidents", &context.text().counts.incidents.of(incidents)),
                        ("entries", &context.text().counts.entries.of(entries)),
                        ("runbooks", &context.text().counts.runbook_versions.of(runbooks)),
                    ],
                );
                if left_out > 0 {
                    words.push(' ');
                    words.push_str(&fill(b.left_out, &[("count", &left_out.to_string())]));
                }
                words
            }
            Took::NotTaken => b.not_taken.to_owned(),
            Took::File(detail) => fill(b.file_unreadable, &[("detail", &detail)]),
        })
    };
    let last_words = move || {
        let text = context.text();
        match last.get() {
            Some(at) => fill(text.backup.last, &[("at", &time::show(at, false, text.utc_suffix))]),
            None => text.backup.never.to_owned(),
        }
    };
    let restore_view = move || {
        let text = context.text();
        let b = text.backup;
        if busy.get() {
            return Some(b.checking.to_owned().into_any());
        }
        restore.get().map(|shown| match shown {
            Restore::Preview(preview) => {
                let (bundle, plan) = *preview;
                view! {
                    {plan_words(text, &plan).into_iter().map(|words| view! { <p>{words}</p> }).collect_view()}
                    <div class="import__actions">
                        <button
                            type="button"
                            class="button button--primary"
                            on:click=move |_| {
                                submit(confirm, bundle.clone());
                            }
                        >
                            {b.restore_confirm}
                        </button>
                        <button type="button" class="button" on:click=move |_| restore.set(None)>
                            {b.cancel}
                        </button>
                    </div>
                }
                .into_any()
            }
            Restore::Nothing => b.plan_nothing.to_owned().into_any(),
            Restore::Restored(plan) => fill(
                b.restored,
                &[
                    ("added", &text.counts.incidents.of(plan.incidents_added)),
                    ("merged", &text.counts.incidents.of(plan.incidents_merged)),
                    ("entries", &text.counts.entries.of(plan.entries_added)),
                ],
            )
            .into_any(),
            Restore::NotTaken(NotTaken::Refused(problems)) => {
                problem_list(text, b.restore_refused, &problems, Expected::Backup)
            }
            Restore::Contradicts(problems) => problem_list(text, b.restore_contradicts, &problems, Expected::Backup),
            Restore::NotTaken(NotTaken::TooLarge) => {
                fill(b.too_large, &[("size", &size_words(MAX_BACKUP_BYTES))]).into_any()
            }
            Restore::NotTaken(NotTaken::Unreadable(detail)) => {
                fill(b.file_unreadable, &[("detail", &detail)]).into_any()
            }
            Restore::NotSaved => b.restore_not_saved.to_owned().into_any(),
        })
    };
    view! {
        <section class="backup" id="backup" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{move || b().title}</h2>
            <p class="field__hint">{move || b().intro}</p>
            <p>{last_words}</p>
            <button
                type="button"
                id="backup-download"
                class="button button--primary"
                on:click=move |_| {
                    submit(take, ());
                }
            >
                {move || b().download}
            </button>
            <p role="status">{took_words}</p>
            <div class="field">
                <label for="backup-file">{move || b().restore_label}</label>
                <input
                    id="backup-file"
                    type="file"
                    accept=".json,application/json"
                    node_ref=file_input
                    aria-describedby="backup-file-hint"
                    on:change=move |_| {
                        submit(check, ());
                    }
                />
                <p id="backup-file-hint" class="field__hint">{move || b().restore_hint}</p>
            </div>
            <div class="import__outcome" role="status">{restore_view}</div>
        </section>
    }
}
