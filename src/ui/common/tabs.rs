//! Tabs in step: every change a command layer stores is announced to the
//! workspace's other open tabs, which read that aggregate again.
//!
//! The announcement is a `BroadcastChannel` message naming what changed (never
//! the data: each tab reads the store, where the change already is). A tab that
//! hears one re-reads the aggregate through its command layer's queue, so a
//! refresh never interleaves with a write of its own. Views read stored values
//! through memos of what they show, so a refresh redraws only what changed:
//! focus and text being typed stay.
//!
//! A tab that appended to an incident also says which entries it added and the
//! incident's revision after the write (a `told:` message, sent before the
//! change's own, which builds that know no better ignore). A tab whose page
//! holds the incident at a revision the messages follow on from then reads just
//! those entries, not the keys of the whole timeline ([`Tabs::told`]).

use super::task::effect;
use crate::domain::IncidentId;
use crate::store::Told;
use leptos::prelude::*;
use std::collections::VecDeque;
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
        effect(move |_| {
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

/// One write of an incident another tab said it made: the incident's revision
/// after it and the keys of the entries it added.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Write {
    incident: IncidentId,
    told: Told,
}

impl Write {
    /// The message that tells of the write.
    fn message(&self) -> String {
        format!("told:{}:{}:{}", self.incident, self.told.revision, self.told.keys.join(" "))
    }

    /// Reads a `told:` message.
    fn parse(message: &str) -> Option<Self> {
        let mut parts = message.strip_prefix("told:")?.splitn(3, ':');
        let incident = parts.next()?.parse().ok()?;
        let revision = parts.next()?.parse().ok()?;
        let keys = parts.next()?.split(' ').filter(|k| !k.is_empty()).map(str::to_owned).collect();
        Some(Self { incident, told: Told { revision, keys } })
    }
}

/// How many writes told of the tabs keep.
const TOLD_LENGTH: usize = 256;

/// Keeps `write`, in place of earlier messages about its revision or later
/// ones: an incident's revisions only grow, so those are from before the
/// incident was made again (which counts its revisions anew), or arrived ahead
/// of this one from another tab, which leaves a gap, never a wrong answer.
fn keep(writes: &mut VecDeque<Write>, write: Write) {
    writes.retain(|w| !(w.incident == write.incident && w.told.revision >= write.told.revision));
    writes.push_back(write);
    if writes.len() > TOLD_LENGTH {
        writes.pop_front();
    }
}

/// The entries the writes of `incident` right after `revision` added, as far
/// as they follow on from it one revision after another, with the revision
/// they reach; `None` if no write after `revision` was told of.
fn since(writes: &VecDeque<Write>, incident: IncidentId, revision: u64) -> Option<Told> {
    let mut told = Told { revision, keys: Vec::new() };
    while let Some(next) = writes.iter().find(|w| w.incident == incident && w.told.revision == told.revision + 1) {
        told.revision = next.told.revision;
        told.keys.extend(next.told.keys.iter().cloned());
    }
    (told.revision > revision).then_some(told)
}

/// This tab's end of the channel, and the changes heard and stored.
#[derive(Clone, Copy)]
pub struct Tabs {
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
    /// The writes of incidents other tabs told of, the latest last.
    writes: StoredValue<VecDeque<Write>, LocalStorage>,
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
        let writes = StoredValue::new_local(VecDeque::new());
        let channel = BroadcastChannel::new(CHANNEL).ok();
        if let Some(channel) = &channel {
            let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let Some(message) = event.data().as_string() else { return };
                if let Some(write) = Write::parse(&message) {
                    writes.update_value(|writes| keep(writes, write));
                } else if let Some(changed) = Changed::parse(&message) {
                    heard.push(changed);
                }
            });
            channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            // The listener lives as long as the page.
            listener.forget();
        }
        Self { channel: StoredValue::new_local(channel), writes, heard, stored: Log::new() }
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

    /// Tells the other tabs that a write of `incident` stored, taking it to
    /// `told.revision`, added the entries `told.keys` (and maybe runs and a
    /// changed incident), then that the incident changed.
    pub fn appended(&self, incident: IncidentId, told: Told) {
        self.send(Write { incident, told }.message());
        self.announce(Changed::Incident(incident));
    }

    /// Tells the other tabs, and this tab's views, that team sync stored
    /// `writes` of `incident` (each the revision it took the incident to and
    /// the entries it added), as [`Tabs::appended`] and [`Tabs::arrived`] do.
    pub fn pulled(&self, incident: IncidentId, writes: Vec<Told>) {
        for told in writes {
            let write = Write { incident, told };
            self.send(write.message());
            self.writes.update_value(|writes| keep(writes, write));
        }
        self.arrived(Changed::Incident(incident));
    }

    /// What other tabs told of their writes of `incident` after `revision`,
    /// the revision a page holds it at ([`Store::catch_up`](crate::store::Store::catch_up)).
    pub fn told(&self, incident: IncidentId, revision: u64) -> Option<Told> {
        self.writes.with_value(|writes| since(writes, incident, revision))
    }

    fn post(&self, changed: Changed) {
        self.send(changed.message());
    }

    fn send(&self, message: String) {
        self.channel.with_value(|channel| {
            if let Some(channel) = channel {
                let _ = channel.post_message(&message.into());
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
        let write = Write { incident: id, told: Told { revision: 7, keys: vec!["a1".into(), "b2".into()] } };
        assert_eq!(Write::parse(&write.message()), Some(write.clone()));
        assert_eq!(Changed::parse(&write.message()), None, "a build that knows no told: ignores it");
        let none = Write { told: Told { keys: vec![], ..write.told }, ..write };
        assert_eq!(Write::parse(&none.message()), Some(none));
        assert_eq!(Write::parse("told:not-an-id:7:a1"), None);
        assert_eq!(Write::parse(&format!("told:{id}:seven:a1")), None);
    }

    #[test]
    fn told_writes_count_only_as_far_as_they_follow_on() {
        let id = IncidentId::from_parts(1, 2);
        let other = IncidentId::from_parts(3, 4);
        let write = |incident, revision, keys: &[&str]| Write {
            incident,
            told: Told { revision, keys: keys.iter().map(|k| (*k).to_owned()).collect() },
        };
        let mut writes = VecDeque::new();
        for w in [write(id, 4, &["a"]), write(other, 5, &["x"]), write(id, 5, &["b", "c"]), write(id, 7, &["e"])] {
            keep(&mut writes, w);
        }
        assert_eq!(since(&writes, id, 3), Some(Told { revision: 5, keys: vec!["a".into(), "b".into(), "c".into()] }));
        assert_eq!(
            since(&writes, id, 4),
            Some(Told { revision: 5, keys: vec!["b".into(), "c".into()] }),
            "6 was not told of"
        );
        assert_eq!(since(&writes, id, 5), None);
        assert_eq!(since(&writes, id, 6), Some(Told { revision: 7, keys: vec!["e".into()] }));
        assert_eq!(since(&writes, id, 7), None);
        assert_eq!(since(&writes, other, 4).map(|t| t.keys), Some(vec!["x".to_owned()]));
        keep(&mut writes, write(id, 5, &["d"]));
        assert_eq!(
            since(&writes, id, 4).map(|t| t.keys),
            Some(vec!["d".to_owned()]),
            "the latest message of a revision"
        );
        assert_eq!(since(&writes, id, 6), None, "a later revision told before it is forgotten");
        for revision in 100..100 + TOLD_LENGTH as u64 {
            keep(&mut writes, write(other, revision, &[]));
        }
        assert_eq!(writes.len(), TOLD_LENGTH);
        assert_eq!(since(&writes, id, 3), None, "the oldest are forgotten");
    }
}
