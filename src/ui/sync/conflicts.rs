//! The review page's conflicts of a shared review: each part changed here and
//! on another device from the same version, with both versions side by side
//! and a choice ("Keep yours", "Take theirs"), which [`TeamSync::resolve`]
//! stores and the next round sends to every device.

use super::conflicts_text::{of, ConflictText};
use super::state::TeamSync;
use crate::domain::review::{Review, Section};
use crate::domain::IncidentId;
use crate::store::review_sync::Leaf;
use crate::sync::review::{self, item_of_doc, section_of_doc, ResolveError};
use crate::ui::common::context::AppContext;
use crate::ui::common::task::action;
use crate::ui::i18n::{fill, Text};
use leptos::prelude::*;
use serde_json::Value;

/// The name of a review part, as the page names it.
fn part_name(text: &Text, t: &ConflictText, doc: &str) -> String {
    if let Some(key) = section_of_doc(doc) {
        let section = Section::INTERNAL.into_iter().chain(Section::CUSTOMER).find(|s| s.key() == key);
        return section.map_or_else(|| key.to_owned(), |s| text.review.section(s).to_owned());
    }
    if let Some(number) = item_of_doc(doc) {
        return fill(t.item, &[("number", &number.to_string())]);
    }
    match doc {
        review::WORKFLOW_DOC => t.workflow.to_owned(),
        "review-header" => t.header.to_owned(),
        _ => t.chosen_entries.to_owned(),
    }
}

/// A part's content as text: a section's text, an item's title, the owner, the
/// number of chosen entries, the status.
fn shown(t: &ConflictText, part: &Value) -> String {
    let field = |name: &str| part.get(name).and_then(Value::as_str).map(str::to_owned);
    let text = field("text")
        .or_else(|| field("title"))
        .or_else(|| field("owner"))
        .or_else(|| {
            let count = part.get("chosen")?.as_array()?.len();
            Some(fill(t.entries, &[("count", &count.to_string())]))
        })
        .or_else(|| field("status"))
        .unwrap_or_default();
    if text.trim().is_empty() {
        t.empty.to_owned()
    } else {
        text
    }
}

/// The conflicts of incident `id`'s shared review, if any; `review` is the
/// review as this page shows it (what "yours" is).
#[component]
pub fn ReviewConflicts(id: IncidentId, review: Signal<Option<Review>>) -> impl IntoView {
    let context = AppContext::get();
    // Without team sync (a view mounted on its own), there is nothing to show.
    let sync = use_context::<TeamSync>();
    let conflicts = Memo::new(move |_| {
        let shared = sync.and_then(|sync| sync.shares.with(|shares| shares.get(&id).map(|s| s.conflicts.clone())));
        shared.unwrap_or_default()
    });
    let failed = RwSignal::new(None::<(String, String)>);
    let resolve = action(move |(doc, keep): &(String, Value)| {
        let (doc, keep) = (doc.clone(), keep.clone());
        async move {
            let t = of(context.text().language);
            let Some(sync) = sync else { return };
            match sync.resolve(id, &doc, keep).await {
                Ok(()) => failed.set(None),
                Err(ResolveError::Signed) => failed.set(Some((doc, t.signed.to_owned()))),
                Err(error) => failed.set(Some((doc, fill(t.failed, &[("detail", &error.to_string())])))),
            }
        }
    });
    move || {
        let all = conflicts.get();
        if all.is_empty() {
            return None;
        }
        let text = context.text();
        let t = of(text.language);
        let rows = all
            .into_iter()
            .map(|(doc, conflict)| {
                let mine = review.with(|r| r.as_ref().map(|r| review::part_of(r, &doc))).unwrap_or(Value::Null);
                let theirs: Vec<Leaf> = conflict.theirs(&mine).cloned().collect();
                let name = part_name(text, t, &doc);
                let authors = theirs.iter().map(|l| l.author.as_str()).collect::<Vec<_>>().join(", ");
                let waiting = conflict.chosen.is_some();
                let keep_mine = {
                    let (doc, mine) = (doc.clone(), mine.clone());
                    move |_| {
                        resolve.dispatch_local((doc.clone(), mine.clone()));
                    }
                };
                let problem = {
                    let doc = doc.clone();
                    move || failed.with(|f| f.as_ref().filter(|(d, _)| *d == doc).map(|(_, message)| message.clone()))
                };
                view! {
                    <div class="conflict" role="group" aria-label=name.clone()>
                        <p class="conflict__title">
                            <strong>{fill(t.changed_by, &[("part", &name), ("author", &authors)])}</strong>
                        </p>
                        <div class="conflict__versions">
                            <div class="conflict__version">
                                <p class="conflict__label">{t.yours}</p>
                                <blockquote class="conflict__text">{shown(t, &mine)}</blockquote>
                                <button type="button" class="button" on:click=keep_mine>
                                    {t.keep_yours}
                                </button>
                            </div>
                            {theirs
                                .into_iter()
                                .map(|leaf| {
                                    let take = {
                                        let (doc, part) = (doc.clone(), leaf.part.clone());
                                        move |_| {
                                            resolve.dispatch_local((doc.clone(), part.clone()));
                                        }
                                    };
                                    view! {
                                        <div class="conflict__version">
                                            <p class="conflict__label">
                                                {fill(t.theirs, &[("author", &leaf.author)])}
                                            </p>
                                            <blockquote class="conflict__text">{shown(t, &leaf.part)}</blockquote>
                                            <button type="button" class="button" on:click=take>
                                                {t.take_theirs}
                                            </button>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <p class="field__hint" role="status">{waiting.then_some(t.chosen)}</p>
                        <p class="field__error" role="alert">{problem}</p>
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <section class="conflicts" role="alert" aria-labelledby="conflicts-heading">
                <h2 id="conflicts-heading">{t.title}</h2>
                <p>{t.intro}</p>
                {rows}
            </section>
        })
    }
}
