//! The status updates posted so far, newest first.

use super::state::IncidentState;
use crate::domain::status_update::{self as updates, Audience, StatusUpdate};
use crate::domain::TimelineEntry;
use crate::ui::common::context::AppContext;
use crate::ui::common::time;
use crate::ui::common::words::author_name;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// Every posted update, newest first.
#[component]
pub fn History(state: IncidentState) -> impl IntoView {
    let context = AppContext::get();
    let t = move || context.text().updates;
    let posted = Memo::new(move |_| {
        state.timeline.with(|timeline| {
            updates::history(timeline).into_iter().map(|p| (p.entry.clone(), p.update.clone())).collect::<Vec<_>>()
        })
    });
    view! {
        <h3 class="updates__subtitle updates__history-title" id="updates-history-heading">{move || t().history_title}</h3>
        <Show when=move || posted.with(Vec::is_empty)>
            <p class="updates__empty">{move || t().history_empty}</p>
        </Show>
        <ol class="updates__history" aria-label=move || t().history_title>
            <For each=move || posted.get() key=|(entry, _)| entry.id() let(item)>
                <HistoryItem entry=item.0 update=item.1 />
            </For>
        </ol>
    }
}

/// One posted update.
#[component]
fn HistoryItem(entry: TimelineEntry, update: StatusUpdate) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let t = move || context.text().updates;
    let posted_at = entry.event_at();
    let author = entry.author().to_owned();
    let body = entry.text().to_owned();
    let (who, phase, next) = (update.audience(), update.phase(), update.next_update_due());
    view! {
        <li class="updates__item" class:updates__item--public=who == Audience::Public>
            <div class="updates__meta">
                <time datetime=posted_at.to_rfc3339() class="updates__time">
                    {move || time::show(posted_at, false, text().utc_suffix)}
                </time>
                <span class=format!("updates__badge updates__badge--{}", who.key())>{move || t().audience(who)}</span>
                <span class="updates__phase">{move || t().phase(phase)}</span>
                <span class="updates__author">{move || author_name(text(), &author)}</span>
            </div>
            <p class="updates__text">{body}</p>
            <p class="updates__next">
                {move || match next {
                    Some(at) => fill(t().history_next, &[("time", &time::show(at, false, text().utc_suffix))]),
                    None => t().history_final.to_owned(),
                }}
            </p>
        </li>
    }
}
