//! Tabs in step: every change a command layer stores is announced to the
//! workspace's other open tabs, which read that aggregate again.
//!
//! The announcement is a `BroadcastChannel` message naming what changed (never
//! the data: each tab reads the store, where the change already is). A tab that
//! hears one re-reads the aggregate through its command layer's queue, so a
//! refresh never interleaves with a write of its own. Views read stored values
//! through memos of what they show, so a refresh redraws only what changed:
//! focus and text being typed stay.

use crate::domain::IncidentId;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel every tab of the workspace listens on.
const CHANNEL: &str = "sitrep-workspace";

/// What another tab stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// An incident, its timeline or its runs.
    Incident(IncidentId),
    /// An incident's review.
    Review(IncidentId),
    /// A new incident (declared or imported).
    Incidents,
    /// The workspace settings.
    Settings,
    /// The runbook library.
    Library,
}

impl Changed {
    /// The message that names the change.
    fn message(self) -> String {
        match self {
            Changed::Incident(id) => format!("incident:{id}"),
            Changed::Review(id) => format!("review:{id}"),
            Changed::Incidents => "incidents".to_owned(),
            Changed::Settings => "settings".to_owned(),
            Changed::Library => "library".to_owned(),
        }
    }

    /// Reads a message; anything else (another build's message, say) is ignored.
    fn parse(message: &str) -> Option<Self> {
        match message.split_once(':') {
            Some(("incident", id)) => id.parse().ok().map(Changed::Incident),
            Some(("review", id)) => id.parse().ok().map(Changed::Review),
            _ => match message {
                "incidents" => Some(Changed::Incidents),
                "settings" => Some(Changed::Settings),
                "library" => Some(Changed::Library),
                _ => None,
            },
        }
    }
}

/// The latest changes, numbered, so that every follower hears each one even when
/// several are set before the followers run (a merge announces the list, the
/// incident and its review at once).
#[derive(Clone, Copy)]
struct Log(RwSignal<Vec<(u64, Changed)>>);

/// How many changes the log keeps for followers that have not run yet.
const LOG_LENGTH: usize = 256;

impl Log {
    fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    fn push(&self, changed: Changed) {
        self.0.update(|log| {
            let next = log.last().map_or(1, |(n, _)| n + 1);
            log.push((next, changed));
            if log.len() > LOG_LENGTH {
                log.remove(0);
            }
        });
    }

    /// Calls `react` with every change pushed from now on, in order.
    fn follow(&self, react: impl Fn(Changed) + 'static) {
        let log = self.0;
        let seen = std::cell::Cell::new(log.with_untracked(|log| log.last().map_or(0, |(n, _)| *n)));
        Effect::new(move |_| {
            let new: Vec<(u64, Changed)> =
                log.with(|log| log.iter().filter(|(n, _)| *n > seen.get()).copied().collect());
            if let Some((last, _)) = new.last() {
                seen.set(*last);
            }
            for (_, changed) in new {
                react(changed);
            }
        });
    }
}

/// This tab's end of the channel, and the changes heard and stored.
#[derive(Clone, Copy)]
pub struct Tabs {
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
    /// The changes heard from other tabs (and from team sync).
    heard: Log,
    /// The changes this tab's command layers stored.
    stored: Log,
}

impl Tabs {
    /// Opens the channel and listens for the rest of the page's life. Where the
    /// browser has no `BroadcastChannel`, tabs see each other's changes on reload.
    pub fn open() -> Self {
        let heard = Log::new();
        let channel = BroadcastChannel::new(CHANNEL).ok();
        if let Some(channel) = &channel {
            let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(changed) = event.data().as_string().as_deref().and_then(Changed::parse) {
                    heard.push(changed);
                }
            });
            channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            // The listener lives as long as the page.
            listener.forget();
        }
        Self { channel: StoredValue::new_local(channel), heard, stored: Log::new() }
    }

    /// Calls `react` with each change heard from another tab from now on (not
    /// with one heard before, which the caller's own first read already shows).
    pub fn on_heard(&self, react: impl Fn(Changed) + 'static) {
        self.heard.follow(react);
    }

    /// Calls `react` with each change this tab's command layers store from now
    /// on (team sync sends them).
    pub fn on_stored(&self, react: impl Fn(Changed) + 'static) {
        self.stored.follow(react);
    }

    /// Tells the other tabs, and this tab's views, that team sync stored
    /// `changed` (entries received from the server): every open view of it
    /// re-reads, as for a change heard from another tab.
    pub fn arrived(&self, changed: Changed) {
        self.post(changed);
        self.heard.push(changed);
    }

    /// Tells the other tabs that `changed` was stored.
    pub fn announce(&self, changed: Changed) {
        self.stored.push(changed);
        self.post(changed);
    }

    fn post(&self, changed: Changed) {
        self.channel.with_value(|channel| {
            if let Some(channel) = channel {
                let _ = channel.post_message(&changed.message().into());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_reads_back_from_its_message() {
        let id = IncidentId::from_parts(1, 2);
        for changed in
            [Changed::Incident(id), Changed::Review(id), Changed::Incidents, Changed::Settings, Changed::Library]
        {
            assert_eq!(Changed::parse(&changed.message()), Some(changed));
        }
        assert_eq!(Changed::parse("incident:not-an-id"), None);
        assert_eq!(Changed::parse("something else"), None);
    }
}
