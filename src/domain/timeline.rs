//! The incident timeline: what happened, when, and who said so.
//!
//! Every entry has an event time (when it happened, which may be back-dated) and a
//! recorded time (when it was written down). A [`Timeline`] always lists entries by
//! event time, then by id, so two browsers that hold the same entries show them in
//! the same order.

use super::event::MAX_UPDATE_TEXT;
use super::id::{EntryId, IncidentId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::event::{Change, Command, StepAction};

/// The longest entry text accepted, in characters.
pub const MAX_TEXT: usize = 20_000;

/// What sort of event an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Something a responder wrote down.
    Note,
    /// The incident's status changed (declaring it included).
    StatusChange,
    /// The incident's severity changed.
    SeverityChange,
    /// Someone took or handed over a role.
    RoleChange,
    /// A runbook step was done, undone or skipped.
    StepDone,
    /// A status update was posted.
    StatusUpdate,
    /// Someone was escalated to.
    Escalation,
    /// A milestone such as "detected" was set.
    Milestone,
    /// A decision was taken.
    Decision,
}

/// What an entry shows about the response, for the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// How the problem was noticed.
    Detection,
    /// Finding out what was wrong.
    Diagnosis,
    /// Putting it right.
    Repair,
    /// A moment that changed the course of the incident.
    KeyMoment,
}

impl Tag {
    /// Every tag.
    pub const ALL: [Tag; 4] = [Self::Detection, Self::Diagnosis, Self::Repair, Self::KeyMoment];

    /// A stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Detection => "detection",
            Self::Diagnosis => "diagnosis",
            Self::Repair => "repair",
            Self::KeyMoment => "key_moment",
        }
    }
}

/// Who may read an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Only the team.
    #[default]
    Internal,
    /// Fit for customers: may appear in the customer-facing review.
    CustomerSafe,
}

/// The most evidence links an entry carries.
pub const MAX_LINKS: usize = 20;

/// Checks an evidence link: http or https, with a host, no spaces.
pub fn check_link(link: &str) -> Result<String, EntryError> {
    let link = link.trim();
    let lower = link.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let host_ok = rest.is_some_and(|rest| rest.split(['/', '?', '#']).next().is_some_and(|host| !host.is_empty()));
    if !host_ok || link.chars().any(char::is_whitespace) || link.len() > 2_000 {
        return Err(EntryError::BadLink(link.to_owned()));
    }
    Ok(link.to_owned())
}

/// Who recorded an entry, when, and under which id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The new entry's id.
    pub id: EntryId,
    /// The time the entry is recorded.
    pub at: DateTime<Utc>,
    /// The responder's display name.
    pub author: String,
}

impl Stamp {
    /// Builds a stamp.
    pub fn new(id: EntryId, at: DateTime<Utc>, author: &str) -> Self {
        Self { id, at, author: author.to_owned() }
    }

    /// A stamp for a second change recorded in the same action: same time and
    /// author, and an id that sorts right after this one, so that the timeline
    /// keeps the order in which the changes were made.
    pub fn next(&self) -> Self {
        let id = self.id.successor().unwrap_or(self.id);
        Self { id, at: self.at, author: self.author.clone() }
    }
}

/// What a responder writes to add a note to the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The incident the note belongs to.
    pub incident: IncidentId,
    /// The note's text.
    pub text: String,
    /// When it happened, if earlier than now.
    pub event_at: Option<DateTime<Utc>>,
    /// An optional tag for the review.
    pub tag: Option<Tag>,
    /// Who may read it.
    pub visibility: Visibility,
    /// Links to evidence (dashboards, logs, tickets); http and https only.
    pub evidence: Vec<String>,
}

/// Why an entry was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// The text is empty or only spaces.
    #[error("the entry has no text")]
    EmptyText,
    /// The text is longer than [`MAX_TEXT`] characters.
    #[error("the entry is longer than {MAX_TEXT} characters")]
    TooLong,
    /// The event time is later than the time of recording.
    #[error("the event time is in the future")]
    InFuture,
    /// An evidence link is not an http or https address.
    #[error("`{0}` is not an http or https link")]
    BadLink(String),
    /// Too many evidence links.
    #[error("an entry carries at most {MAX_LINKS} links")]
    TooManyLinks,
    /// A status update promises its next update no later than it was posted.
    #[error("the status update promises its next update before it was posted")]
    NextUpdateInPast,
}

/// One event on an incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "EntryData", into = "EntryData")]
pub struct TimelineEntry {
    id: EntryId,
    incident: IncidentId,
    event_at: DateTime<Utc>,
    recorded_at: DateTime<Utc>,
    author: String,
    kind: EntryKind,
    text: String,
    change: Option<Change>,
    tag: Option<Tag>,
    visibility: Visibility,
    evidence: Vec<String>,
}

/// The stored shape of a [`TimelineEntry`]; decoding checks the entry's rules.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct EntryData {
    id: EntryId,
    incident: IncidentId,
    event_at: DateTime<Utc>,
    recorded_at: DateTime<Utc>,
    author: String,
    kind: EntryKind,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    change: Option<Change>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tag: Option<Tag>,
    #[serde(default)]
    visibility: Visibility,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<String>,
}

impl TryFrom<EntryData> for TimelineEntry {
    type Error = EntryError;

    fn try_from(data: EntryData) -> Result<Self, Self::Error> {
        match &data.change {
            None => {
                checked_text(&data.text)?;
            }
            Some(Change::StatusUpdate { update }) => {
                let text = data.text.trim();
                if text.is_empty() {
                    return Err(EntryError::EmptyText);
                }
                if text.chars().count() > MAX_UPDATE_TEXT {
                    return Err(EntryError::TooLong);
                }
                if update.next_update_due().is_some_and(|due| due <= data.event_at) {
                    return Err(EntryError::NextUpdateInPast);
                }
            }
            Some(_) => {}
        }
        if data.event_at > data.recorded_at
            && !matches!(data.change, Some(Change::Command { command: Command::Milestone { .. } }))
        {
            return Err(EntryError::InFuture);
        }
        let evidence = checked_links(&data.evidence)?;
        Ok(Self {
            id: data.id,
            incident: data.incident,
            event_at: data.event_at,
            recorded_at: data.recorded_at,
            author: data.author,
            kind: data.kind,
            text: data.text,
            change: data.change,
            tag: data.tag,
            visibility: data.visibility,
            evidence,
        })
    }
}

fn checked_links(links: &[String]) -> Result<Vec<String>, EntryError> {
    if links.len() > MAX_LINKS {
        return Err(EntryError::TooManyLinks);
    }
    links.iter().filter(|l| !l.trim().is_empty()).map(|l| check_link(l)).collect()
}

impl From<TimelineEntry> for EntryData {
    fn from(entry: TimelineEntry) -> Self {
        Self {
            id: entry.id,
            incident: entry.incident,
            event_at: entry.event_at,
            recorded_at: entry.recorded_at,
            author: entry.author,
            kind: entry.kind,
            text: entry.text,
            change: entry.change,
            tag: entry.tag,
            visibility: entry.visibility,
            evidence: entry.evidence,
        }
    }
}

fn checked_text(text: &str) -> Result<String, EntryError> {
    let text = text.trim();
    if text.is_empty() {
        Err(EntryError::EmptyText)
    } else if text.chars().count() > MAX_TEXT {
        Err(EntryError::TooLong)
    } else {
        Ok(text.to_owned())
    }
}

impl TimelineEntry {
    /// Records a responder's note. The event time defaults to the stamp's time and
    /// may be earlier, never later.
    pub fn note(new: NewEntry, stamp: Stamp) -> Result<TimelineEntry, EntryError> {
        let text = checked_text(&new.text)?;
        let event_at = new.event_at.unwrap_or(stamp.at);
        if event_at > stamp.at {
            return Err(EntryError::InFuture);
        }
        let evidence = checked_links(&new.evidence)?;
        Ok(Self {
            id: stamp.id,
            incident: new.incident,
            event_at,
            recorded_at: stamp.at,
            author: stamp.author,
            kind: EntryKind::Note,
            text,
            change: None,
            tag: new.tag,
            visibility: new.visibility,
            evidence,
        })
    }

    /// Records a change of the incident's state, made by the domain itself;
    /// `text` is an optional reason or note.
    pub(crate) fn system(incident: IncidentId, kind: EntryKind, change: Change, text: &str, stamp: Stamp) -> Self {
        Self {
            id: stamp.id,
            incident,
            event_at: stamp.at,
            recorded_at: stamp.at,
            author: stamp.author,
            kind,
            text: text.trim().to_owned(),
            change: Some(change),
            tag: None,
            visibility: Visibility::Internal,
            evidence: Vec::new(),
        }
    }

    /// Like [`TimelineEntry::system`], for a change that happened at `event_at`
    /// (a back-dated milestone, say).
    pub(crate) fn system_at(
        incident: IncidentId,
        kind: EntryKind,
        change: Change,
        event_at: DateTime<Utc>,
        stamp: Stamp,
    ) -> Self {
        Self { event_at, ..Self::system(incident, kind, change, "", stamp) }
    }

    /// The entry's id.
    pub fn id(&self) -> EntryId {
        self.id
    }

    /// The incident the entry belongs to.
    pub fn incident(&self) -> IncidentId {
        self.incident
    }

    /// When the event happened.
    pub fn event_at(&self) -> DateTime<Utc> {
        self.event_at
    }

    /// When the entry was written down.
    pub fn recorded_at(&self) -> DateTime<Utc> {
        self.recorded_at
    }

    /// Whether the event time was set earlier than the recording time.
    pub fn is_back_dated(&self) -> bool {
        self.event_at < self.recorded_at
    }

    /// The display name of who recorded it; empty if they had not set one.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// What sort of event it is.
    pub fn kind(&self) -> EntryKind {
        self.kind
    }

    /// The text as written; plain text, never markup.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The entry's tag, if any.
    pub fn tag(&self) -> Option<Tag> {
        self.tag
    }

    /// Who may read the entry.
    pub fn visibility(&self) -> Visibility {
        self.visibility
    }

    /// Links to evidence.
    pub fn evidence(&self) -> &[String] {
        &self.evidence
    }

    /// The state change the entry records, if any.
    pub fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }

    fn order_key(&self) -> (DateTime<Utc>, EntryId) {
        (self.event_at, self.id)
    }
}

/// One incident's entries in timeline order: event time, then id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    entries: Vec<TimelineEntry>,
}

impl Timeline {
    /// Puts entries in timeline order; an id seen twice is kept once.
    pub fn from_entries(mut entries: Vec<TimelineEntry>) -> Self {
        crate::domain::order::sort_by_key(&mut entries, TimelineEntry::order_key);
        entries.dedup_by_key(|entry| entry.id);
        Self { entries }
    }

    /// This timeline with one more entry in its place (see [`Timeline::insert`]).
    pub fn with(&self, entry: TimelineEntry) -> Self {
        let mut timeline = self.clone();
        timeline.insert(entry);
        timeline
    }

    /// Puts `more` entries in their places, sorted once however many come; an
    /// entry whose id is already present changes nothing. The entries already
    /// here are moved, not copied: a page appending to a long timeline does not
    /// copy it each time.
    pub fn insert_all(&mut self, more: Vec<TimelineEntry>) {
        if more.len() <= 4 {
            more.into_iter().for_each(|entry| self.insert(entry));
            return;
        }
        let known: std::collections::HashSet<EntryId> = self.entries.iter().map(|e| e.id).collect();
        let mut entries = std::mem::take(&mut self.entries);
        entries.extend(more.into_iter().filter(|e| !known.contains(&e.id)));
        *self = Self::from_entries(entries);
    }

    /// Puts one more entry in its place; an entry whose id is already present
    /// changes nothing.
    pub fn insert(&mut self, entry: TimelineEntry) {
        if let Err(at) = self.entries.binary_search_by_key(&entry.order_key(), TimelineEntry::order_key) {
            self.entries.insert(at, entry);
        }
    }

    /// The entries in order.
    pub fn entries(&self) -> &[TimelineEntry] {
        &self.entries
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn note(id: u128, text: &str, event: Option<u32>, recorded: u32) -> Result<TimelineEntry, EntryError> {
        TimelineEntry::note(
            NewEntry {
                incident: IncidentId::from_parts(0, 7),
                text: text.into(),
                event_at: event.map(at),
                tag: None,
                visibility: Visibility::Internal,
                evidence: Vec::new(),
            },
            Stamp::new(EntryId::from_parts(0, id), at(recorded), "Ana"),
        )
    }

    #[test]
    fn notes_default_to_now_and_may_be_back_dated() {
        let now = note(1, " rolled back ", None, 10).unwrap();
        assert_eq!(now.text(), "rolled back");
        assert_eq!(now.event_at(), at(10));
        assert!(!now.is_back_dated());
        let earlier = note(2, "alert fired", Some(3), 10).unwrap();
        assert_eq!((earlier.event_at(), earlier.recorded_at()), (at(3), at(10)));
        assert!(earlier.is_back_dated());
    }

    #[test]
    fn empty_long_and_future_notes_are_refused() {
        assert_eq!(note(1, " \n ", None, 10), Err(EntryError::EmptyText));
        assert_eq!(note(1, &"x".repeat(MAX_TEXT + 1), None, 10), Err(EntryError::TooLong));
        assert_eq!(note(1, "later", Some(11), 10), Err(EntryError::InFuture));
    }

    #[test]
    fn order_is_event_time_then_id_whatever_the_insertion_order() {
        let a = note(5, "a", Some(1), 9).unwrap();
        let b = note(3, "b", Some(2), 9).unwrap();
        let c = note(4, "c", Some(2), 9).unwrap();
        let d = note(1, "d", None, 9).unwrap();
        let expected = ["a", "b", "c", "d"];
        let texts = |t: &Timeline| t.entries().iter().map(|e| e.text().to_owned()).collect::<Vec<_>>();
        let sorted = Timeline::from_entries(vec![d.clone(), c.clone(), b.clone(), a.clone()]);
        assert_eq!(texts(&sorted), expected);
        let built = Timeline::default().with(c.clone()).with(a.clone()).with(d.clone()).with(b.clone()).with(c.clone());
        assert_eq!(texts(&built), expected);
        assert_eq!(built, sorted);
        // In place, as the incident page adds them: one already here, a few, and
        // five at once (sorted together), one of them twice.
        let mut growing = Timeline::from_entries(vec![c.clone()]);
        growing.insert(c.clone());
        growing.insert_all(vec![d.clone(), a.clone()]);
        assert_eq!(texts(&growing), ["a", "c", "d"]);
        growing.insert_all(vec![b.clone(), a.clone(), b.clone(), c.clone(), d.clone()]);
        assert_eq!(growing, sorted);
        // The rest of a timeline arriving after its last entries, some seen twice.
        let mut last = Timeline::from_entries(vec![d.clone(), c.clone()]);
        last.insert_all(vec![a, b, c, d]);
        assert_eq!(last, sorted);
    }

    #[test]
    fn stored_entries_decode_only_when_valid() {
        let entry = note(1, "<script>alert(1)</script>", Some(2), 9).unwrap();
        let json = serde_json::to_value(&entry).unwrap();
        expect_test::expect![[r#"{"author":"Ana","event_at":"2026-11-24T09:02:00Z","id":"00000000000000000000000001","incident":"00000000000000000000000007","kind":"note","recorded_at":"2026-11-24T09:09:00Z","text":"<script>alert(1)</script>","visibility":"internal"}"#]]
            .assert_eq(&json.to_string());
        assert_eq!(serde_json::from_value::<TimelineEntry>(json.clone()).unwrap(), entry);
        let mut future = json.clone();
        future["event_at"] = "2026-11-24T10:00:00Z".into();
        assert!(serde_json::from_value::<TimelineEntry>(future).is_err());
        let mut blank = json;
        blank["text"] = "".into();
        assert!(serde_json::from_value::<TimelineEntry>(blank).is_err());
    }
}
