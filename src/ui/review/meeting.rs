//! The facilitator's meeting mode: the agenda, then the chosen entries one at a
//! time in large type, with causes, contributing factors and remediation items
//! captured on the spot; below, every chosen entry in a windowed list
//! (`common::window`), the one on screen marked, each a button that shows it.

use super::items::RemediationItems;
use super::state::{me, ReviewState};
use crate::domain::review::Section;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::drafts::{keep_new, DraftNote};
use crate::ui::common::focus::{focus, typing};
use crate::ui::common::task::{action, effect};
use crate::ui::common::time;
use crate::ui::common::window::{WindowHandle, WindowedList};
use crate::ui::common::words::entry_text;
use crate::ui::i18n::fill;
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

/// The facilitator's meeting mode: the agenda, then the chosen entries one at a
/// time in large type, with causes, contributing factors and remediation items
/// captured on the spot.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let context = AppContext::get();
    let state = ReviewState::load(context);
    let text = move || context.text();
    let r = move || context.text().review;
    let walking = RwSignal::new(false);
    let at = RwSignal::new(0usize);
    let chosen = move || {
        let ids: Vec<_> = state.review.with(|r| r.as_ref().map(|r| r.chosen().to_vec()).unwrap_or_default());
        state.timeline.with(|t| {
            let mut entries: Vec<_> = ids
                .iter()
                .filter_map(|c| t.entries().iter().find(|e| e.id() == c.entry).map(|e| (e.clone(), c.tag)))
                .collect();
            crate::domain::order::sort_by_key(&mut entries, |(e, _)| (e.event_at(), e.id()));
            entries
        })
    };
    let total = move || chosen().len();
    // Every chosen entry in a windowed list, the one on screen marked; a click
    // (or Enter) on one shows it.
    let keys = Memo::new(move |_| chosen().iter().map(|(e, _)| e.id().to_string()).collect::<Vec<_>>());
    let handle = WindowHandle::default();
    effect(move |_| {
        if walking.get() {
            handle.reveal(at.get(), false);
        }
    });
    let row = Callback::new(move |key: String| {
        let Some((index, entry)) =
            chosen().into_iter().enumerate().find(|(_, (e, _))| e.id().to_string() == key).map(|(i, (e, _))| (i, e))
        else {
            return ().into_any();
        };
        let place = Memo::new(move |_| keys.with(|k| k.iter().position(|x| *x == key)).unwrap_or(index));
        let sentence = {
            let entry = entry.clone();
            move || context.settings.with(|s| entry_text(text(), s.ladder(), &entry))
        };
        let when = entry.event_at();
        view! {
            <button
                type="button"
                class="meeting__pick"
                aria-current=move || (walking.get() && at.get() == place.get()).then_some("true")
                on:click=move |_| {
                    walking.set(true);
                    at.set(place.get_untracked());
                }
            >
                {move || time::show(when, true, text().utc_suffix)}
                " · "
                {sentence}
            </button>
        }
        .into_any()
    });
    // The arrow keys walk the timeline, except in a field, where they move the
    // caret (or pick in a list) as everywhere else.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !walking.get_untracked() || typing(&ev) {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" => at.update(|i| *i = (*i + 1).min(total().saturating_sub(1))),
            "ArrowLeft" => at.update(|i| *i = i.saturating_sub(1)),
            _ => return,
        }
        ev.prevent_default();
    };
    let id = move || state.incident.with(|i| i.as_ref().map(|i| i.id().to_string())).unwrap_or_default();
    view! {
        <div class="meeting" on:keydown=on_keydown>
            <p class="incident__back">
                <A href=move || format!("/incidents/{}/review", id())>{move || r().end_meeting}</A>
            </p>
            <h1>
                {move || {
                    format!("{}: {}", r().meeting_title, state.incident.with(|i| i.as_ref().map(|i| i.title().to_owned()).unwrap_or_default()))
                }}
            </h1>
            <Show when=move || !walking.get()>
                <section aria-labelledby="agenda-heading">
                    <h2 id="agenda-heading">{move || r().agenda_title}</h2>
                    <ol class="meeting__agenda">
                        {move || r().agenda.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}
                    </ol>
                    <button
                        type="button"
                        class="button button--primary"
                        on:click=move |_| {
                            walking.set(true);
                            at.set(0);
                            focus("meeting-entry");
                        }
                    >
                        {move || r().start_walkthrough}
                    </button>
                </section>
            </Show>
            <Show when=move || walking.get()>
                <section class="meeting__walk" aria-labelledby="meeting-entry-heading">
                    {move || {
                        let list = chosen();
                        if list.is_empty() {
                            return view! { <p id="meeting-entry" tabindex="-1">{r().no_chosen}</p> }.into_any();
                        }
                        let index = at.get().min(list.len() - 1);
                        let (entry, tag) = list[index].clone();
                        let sentence = context.settings.with(|s| entry_text(text(), s.ladder(), &entry));
                        view! {
                            <h2 id="meeting-entry-heading">
                                {fill(r().entry_of, &[("n", &(index + 1).to_string()), ("total", &list.len().to_string())])}
                            </h2>
                            <div id="meeting-entry" class="meeting__entry" tabindex="-1" aria-live="polite">
                                <p class="meeting__time">
                                    {time::show(entry.event_at(), true, text().utc_suffix)}
                                    {tag.map(|t| format!(" · {}", text().tag(t)))}
                                </p>
                                <p class="meeting__text">{sentence}</p>
                            </div>
                        }
                        .into_any()
                    }}
                    <div class="meeting__nav">
                        <button type="button" class="button" on:click=move |_| at.update(|i| *i = i.saturating_sub(1))>
                            {move || r().previous}
                        </button>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| at.update(|i| *i = (*i + 1).min(total().saturating_sub(1)))
                        >
                            {move || r().next}
                        </button>
                        <span class="field__hint">{move || r().keys_hint}</span>
                    </div>
                </section>
            </Show>
            <Show when=move || keys.with(|k| !k.is_empty())>
                <section class="meeting__chosen" aria-labelledby="meeting-list-heading">
                    <h2 id="meeting-list-heading">{move || r().chosen_list}</h2>
                    <WindowedList
                        keys
                        row
                        item_class=Callback::new(|_| "meeting__list-entry".to_owned())
                        label=Signal::derive(move || r().chosen_list.to_owned())
                        class="meeting__list"
                        id_prefix="meeting-entry-"
                        handle
                    />
                </section>
            </Show>
            <Show when=move || state.review.with(Option::is_some)>
                <section class="meeting__capture" aria-labelledby="capture-heading">
                    <h2 id="capture-heading">{move || r().capture_title}</h2>
                    <Capture state section=Section::TechnicalCauses />
                    <Capture state section=Section::ContributingFactors />
                    <RemediationItems state />
                </section>
            </Show>
        </div>
    }
}

/// Appends a line to a section during the meeting.
#[component]
fn Capture(state: ReviewState, section: Section) -> impl IntoView {
    let context = AppContext::get();
    let r = move || context.text().review;
    let value = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let id = format!("capture-{}", section.key());
    // The line is a draft until captured.
    let draft = keep_new(value, &state.draft_scope(), &id);
    // A second Enter while the line is being stored does not add it twice; the
    // line is cleared only once stored, so a failed write loses nothing.
    let capture = action(move |line: &String| {
        let line = line.trim().to_owned();
        async move {
            let captured = state
                .change(context, |review| {
                    let current = review.section(section);
                    let text = if current.is_empty() { format!("- {line}") } else { format!("{current}\n- {line}") };
                    review.with_section(section, &text, &me(context), Utc::now())
                })
                .await;
            match captured {
                Ok(()) => {
                    value.set(String::new());
                    done.set(true);
                }
                Err(Failed::Refused(_)) => refused.set(true),
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let label = move || if section == Section::TechnicalCauses { r().capture_cause } else { r().capture_factor };
    view! {
        <form
            class="meeting__capture-form"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let line = value.get_untracked();
                if !line.trim().is_empty() {
                    submit(capture, line);
                }
            }
        >
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text" bind:value=value on:input=move |_| {
                done.set(false);
                refused.set(false);
            } />
            <button type="submit" class="button button--small">{move || r().capture_add}</button>
            <span role="status" class="field__hint">{move || done.get().then(|| r().captured)}</span>
            <span role="alert" class="field__error">{move || refused.get().then(|| r().signed_refused)}</span>
            <DraftNote
                drafts=vec![draft]
                name=Signal::derive(move || label().to_owned())
                first=id.clone()
                discard=move || value.set(String::new())
            />
        </form>
    }
}
