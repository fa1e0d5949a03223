//! The search in the incident's timeline: the entries whose line, author or
//! evidence contain what is typed, "n of m", and the next and previous match
//! brought into view in the windowed list (the browser's find-in-page sees only
//! the rows drawn).

use crate::domain::{EntryId, Timeline, TimelineEntry};
use crate::ui::common::context::AppContext;
use crate::ui::common::window::WindowHandle;
use crate::ui::common::words::entry_text;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// The search in the timeline: what is typed, the entries it finds (their
/// places among the entries shown) and the one brought into view.
#[derive(Clone, Copy)]
pub(super) struct Search {
    query: RwSignal<String>,
    /// The places, among the entries shown, of those that match.
    matches: Memo<Vec<usize>>,
    /// The match last brought into view: its number among the matches then,
    /// and its entry.
    at: RwSignal<(usize, Option<EntryId>)>,
    /// The number of the current match among the matches now: that entry's,
    /// while it still matches (entries added or filtered move it), or the
    /// number it had, within the matches there are.
    position: Memo<Option<usize>>,
    /// The entry of the current match, marked in the list.
    pub(super) current: Memo<Option<EntryId>>,
    timeline: RwSignal<Timeline>,
    /// The places in the timeline of the entries shown.
    admitted: Memo<Vec<usize>>,
    handle: WindowHandle,
}

impl Search {
    pub(super) fn new(timeline: RwSignal<Timeline>, admitted: Memo<Vec<usize>>, handle: WindowHandle) -> Self {
        let context = AppContext::get();
        let query = RwSignal::new(String::new());
        let at = RwSignal::new((0usize, None::<EntryId>));
        // What an entry is found by: its line as shown, its author, its
        // evidence; in lower case.
        let matches = Memo::new(move |_| {
            let wanted = query.with(|q| q.trim().to_lowercase());
            if wanted.is_empty() {
                return Vec::new();
            }
            let text = context.text();
            context.settings.with(|s| {
                timeline.with(|t| {
                    admitted.with(|a| {
                        a.iter()
                            .enumerate()
                            .filter(|(_, i)| {
                                let entry = &t.entries()[**i];
                                let line = entry_text(text, s.ladder(), entry);
                                let found = |part: &str| part.to_lowercase().contains(&wanted);
                                found(&line) || found(entry.author()) || entry.evidence().iter().any(|e| found(e))
                            })
                            .map(|(place, _)| place)
                            .collect()
                    })
                })
            })
        });
        let id_at = move |place: usize| entry_at(timeline, admitted, place);
        let position = Memo::new(move |_| {
            let (number, entry) = at.get();
            let total = matches.with(Vec::len);
            if total == 0 {
                return None;
            }
            let same =
                entry.and_then(|entry| matches.with(|m| m.iter().position(|place| id_at(*place) == Some(entry))));
            Some(same.unwrap_or(number.min(total - 1)))
        });
        let current = Memo::new(move |_| {
            let place = matches.with(|m| position.get().and_then(|p| m.get(p).copied()))?;
            id_at(place)
        });
        Self { query, matches, at, position, current, timeline, admitted, handle }
    }

    /// Brings match `at` (counted from 0, wrapping around) into view.
    fn show(self, at: isize) {
        let total = self.matches.with_untracked(Vec::len);
        if total == 0 {
            return;
        }
        let at = at.rem_euclid(total as isize) as usize;
        if let Some(place) = self.matches.with_untracked(|m| m.get(at).copied()) {
            let entry = untrack(|| entry_at(self.timeline, self.admitted, place));
            self.at.set((at, entry));
            self.handle.reveal(place, false);
        }
    }

    fn step(self, by: isize) {
        let from = self.position.get_untracked().unwrap_or(0);
        self.show(from as isize + by);
    }
}

/// The entry at `place` among the entries shown.
fn entry_at(timeline: RwSignal<Timeline>, admitted: Memo<Vec<usize>>, place: usize) -> Option<EntryId> {
    let index = admitted.with(|a| a.get(place).copied())?;
    timeline.with(|t| t.entries().get(index).map(TimelineEntry::id))
}

/// The search field, "n of m" and the buttons to the previous and next match;
/// Enter and Shift+Enter in the field do what the buttons do.
#[component]
pub(super) fn SearchBar(search: Search) -> impl IntoView {
    let context = AppContext::get();
    let t = move || context.text().cockpit;
    let status = move || {
        let total = search.matches.with(Vec::len);
        if search.query.with(|q| q.trim().is_empty()) {
            String::new()
        } else if total == 0 {
            t().search_none.to_owned()
        } else {
            let n = (search.position.get().unwrap_or(0) + 1).to_string();
            fill(t().search_count, &[("n", &n), ("total", &total.to_string())])
        }
    };
    let none = move || search.matches.with(Vec::is_empty);
    view! {
        <div class="timeline__search" role="search" aria-label=move || t().search_label>
            <label for="timeline-search">{move || t().search_label}</label>
            <input
                id="timeline-search"
                type="search"
                autocomplete="off"
                aria-describedby="timeline-search-status timeline-search-hint"
                prop:value=move || search.query.get()
                on:input=move |ev| {
                    search.query.set(event_target_value(&ev));
                    search.show(0);
                }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" && !ev.is_composing() {
                        ev.prevent_default();
                        search.step(if ev.shift_key() { -1 } else { 1 });
                    }
                }
            />
            <button type="button" class="button button--small" disabled=none on:click=move |_| search.step(-1)>
                {move || t().search_previous}
            </button>
            <button type="button" class="button button--small" disabled=none on:click=move |_| search.step(1)>
                {move || t().search_next}
            </button>
            <span id="timeline-search-status" class="timeline__search-status" role="status">{status}</span>
            <span id="timeline-search-hint" class="visually-hidden">{move || t().search_hint}</span>
        </div>
    }
}
