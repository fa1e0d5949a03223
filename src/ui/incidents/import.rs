//! Importing an incident exported as JSON: validated as a whole, refused with every
//! problem in words, and stored in one batch so that nothing is half imported.
//!
//! An incident that is already in the workspace is refused rather than replaced:
//! the file cannot know what was recorded here since it was exported.

use super::commands::{Imported, ListCommands, NotImported};
use crate::domain::export::json::MAX_IMPORT_BYTES;
use crate::domain::export::merge::{Merge, ReviewMerge};
use crate::domain::export::{import_json, ImportProblem, IncidentBundle};
use crate::domain::Tombstone;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::files::size_words;
use crate::ui::common::problems::{problem_list, take_chosen_file, Expected, NotTaken};
use crate::ui::common::task::action;
use crate::ui::common::time;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos_router::components::A;

/// What the last import did.
#[derive(Clone)]
enum Outcome {
    Imported(Imported),
    /// The incident is here: what merging would add, waiting for a confirmation.
    Preview(Box<(IncidentBundle, Merge)>),
    /// The incident is here with everything the file holds.
    Nothing(String),
    Deleted(Tombstone),
    NotTaken(NotTaken),
    Contradicts(Vec<ImportProblem>),
    NotSaved,
}

impl Outcome {
    fn of(result: Result<Imported, Failed<NotImported>>) -> Outcome {
        match result {
            Ok(imported) => Outcome::Imported(imported),
            Err(Failed::Refused(NotImported::Deleted(tombstone))) => Outcome::Deleted(tombstone),
            Err(Failed::Refused(NotImported::Contradicts(problems))) => Outcome::Contradicts(problems),
            Err(Failed::Store(_)) => Outcome::NotSaved,
        }
    }
}

/// The import form on the incident list.
#[component]
pub fn ImportIncident(commands: ListCommands) -> impl IntoView {
    let context = AppContext::get();
    let e = move || context.text().exports;
    let outcome = RwSignal::new(None::<Outcome>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    // Reads the chosen file and checks it whole; a new incident is stored at
    // once, one already here waits for the merge to be confirmed. The outcome is
    // set before the action stops being pending.
    let import = action(move |_: &()| async move {
        let Some(input) = file_input.get_untracked() else { return };
        let result = match take_chosen_file(&input, MAX_IMPORT_BYTES, import_json).await {
            None => None,
            Some(Ok(bundle)) => Some(match commands.check(&bundle).await {
                // A new incident is stored at once, from what the check read.
                Ok(checked) if checked.merge.is_new => Outcome::of(commands.import(bundle, Some(checked)).await),
                Ok(checked) if checked.merge.adds_nothing() => Outcome::Nothing(bundle.incident().title().to_owned()),
                Ok(checked) => Outcome::Preview(Box::new((bundle, checked.merge))),
                Err(refused) => Outcome::of(Err(refused)),
            }),
            Some(Err(not_taken)) => Some(Outcome::NotTaken(not_taken)),
        };
        outcome.set(result);
    });
    let confirm = action(move |bundle: &IncidentBundle| {
        let bundle = bundle.clone();
        // Confirmed later: computed again from what is stored now.
        async move { outcome.set(Some(Outcome::of(commands.import(bundle, None).await))) }
    });
    let importing = Signal::derive(move || import.pending().get() || confirm.pending().get());
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
        outcome.get().map(|shown| match shown {
            Outcome::Imported(Imported { id, title, entries, merged }) => view! {
                {fill(
                    if merged { e.merged } else { e.imported },
                    &[("title", &title), ("entries", &text.counts.entries.of(entries))],
                )}
                " "
                <A href=format!("/incidents/{id}")>{e.open_imported}</A>
            }
            .into_any(),
            Outcome::Preview(preview) => {
                let (bundle, merge) = *preview;
                let title = bundle.incident().title().to_owned();
                let review = match merge.review_merge {
                    ReviewMerge::Added => Some(e.merge_review_added),
                    ReviewMerge::KeptHere => Some(e.merge_review_kept),
                    ReviewMerge::NoneInFile | ReviewMerge::Same => None,
                };
                let words = fill(
                    e.merge_preview,
                    &[
                        ("title", &title),
                        ("entries", &text.counts.entries.of(merge.entries.len())),
                        ("runs", &text.counts.checklists.of(merge.runs.len())),
                        ("here", &merge.entries_here.to_string()),
                    ],
                );
                view! {
                    <p>{words}</p>
                    {review.map(|words| view! { <p>{words}</p> })}
                    <div class="import__actions">
                        <button
                            type="button"
                            class="button button--primary"
                            on:click=move |_| {
                                submit(confirm, bundle.clone());
                            }
                        >
                            {fill(e.merge_confirm, &[("title", &title)])}
                        </button>
                        <button type="button" class="button" on:click=move |_| outcome.set(None)>
                            {e.merge_cancel}
                        </button>
                    </div>
                }
                .into_any()
            }
            Outcome::Nothing(title) => fill(e.merge_nothing, &[("title", &title)]).into_any(),
            Outcome::Contradicts(problems) => problem_list(text, e.import_contradicts, &problems, Expected::Incident),
            Outcome::Deleted(tombstone) => fill(
                e.import_deleted,
                &[("title", tombstone.title()), ("at", &time::show(tombstone.deleted_at(), false, text.utc_suffix))],
            )
            .into_any(),
            Outcome::NotTaken(NotTaken::TooLarge) => {
                fill(e.import_too_large, &[("size", &size_words(MAX_IMPORT_BYTES))]).into_any()
            }
            Outcome::NotTaken(NotTaken::Unreadable(detail)) => {
                fill(e.import_unreadable, &[("detail", &detail)]).into_any()
            }
            Outcome::NotSaved => e.import_not_saved.to_owned().into_any(),
            Outcome::NotTaken(NotTaken::Refused(problems)) => {
                problem_list(text, e.import_refused, &problems, Expected::Incident)
            }
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
