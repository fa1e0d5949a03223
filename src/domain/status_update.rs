//! Status updates: what the communications manager tells customers (public) and
//! the company (internal), and when the next public update is due.
//!
//! A posted update is a timeline entry of kind [`EntryKind::StatusUpdate`] whose
//! text is the update as posted and whose [`Change::StatusUpdate`] carries its
//! audience, phase and the next update time it promised. The history and the
//! cadence are read from the timeline, never stored apart from it.
//!
//! The cadence follows PRODUCT.md §3: at the built-in SEV1 the first public post
//! is due within 5 minutes of the declaration, then one at least every
//! `update_minutes` (20 by default), slowing to every 60 minutes once the incident
//! is 2 hours old; every other level posts every `update_minutes` from the
//! declaration, and a level without `update_minutes` (SEV4) has no cadence.

use super::catalog::{Affected, Catalog};
use super::event::Change;
use super::incident::Incident;
use super::settings::Language;
use super::severity::{SeverityLadder, SeverityLevel};
use super::timeline::{EntryKind, Stamp, Timeline, TimelineEntry};
use super::wall::Wall;
use chrono::{DateTime, Duration, Utc};

pub use super::event::{Audience, Phase, StatusUpdate, MAX_UPDATE_TEXT};

/// Minutes from the declaration to the first public post at the built-in SEV1.
pub const SEV1_FIRST_POST_MINUTES: u32 = 5;
/// Minutes after the declaration from which SEV1 updates slow down.
pub const SEV1_SLOW_AFTER_MINUTES: u32 = 120;
/// Minutes between SEV1 updates once they have slowed down (at least).
pub const SEV1_SLOW_MINUTES: u32 = 60;

/// Why an update was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateError {
    /// The text is empty or only spaces.
    #[error("the update has no text")]
    EmptyText,
    /// The text is longer than [`MAX_UPDATE_TEXT`] characters.
    #[error("the update is longer than {MAX_UPDATE_TEXT} characters")]
    TooLong,
    /// The promised next update time is not after the time of posting.
    #[error("the next update time has already passed")]
    NextUpdateInPast,
}

/// Builds the timeline entry that records posting `update` with `text` in
/// `incident`. The text is trimmed; it must not be empty nor longer than
/// [`MAX_UPDATE_TEXT`] characters, and a promised next update must be later
/// than the stamp's time.
pub fn post(incident: &Incident, update: StatusUpdate, text: &str, stamp: Stamp) -> Result<TimelineEntry, UpdateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(UpdateError::EmptyText);
    }
    if text.chars().count() > MAX_UPDATE_TEXT {
        return Err(UpdateError::TooLong);
    }
    if update.next_update_due().is_some_and(|due| due <= stamp.at) {
        return Err(UpdateError::NextUpdateInPast);
    }
    let change = Change::StatusUpdate { update };
    Ok(TimelineEntry::system(incident.id(), EntryKind::StatusUpdate, change, text, stamp))
}

/// A posted update as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted<'a> {
    /// The entry recording it (its text is the update, its event time when it was posted).
    pub entry: &'a TimelineEntry,
    /// Its audience, phase and promised next update.
    pub update: &'a StatusUpdate,
}

/// Every posted update of a timeline, newest first.
pub fn history(timeline: &Timeline) -> Vec<Posted<'_>> {
    timeline
        .entries()
        .iter()
        .rev()
        .filter_map(|entry| match entry.change() {
            Some(Change::StatusUpdate { update }) => Some(Posted { entry, update }),
            _ => None,
        })
        .collect()
}

/// How often a level wants public updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cadence {
    /// Minutes from the declaration (or a severity change) to the first public post.
    pub first_minutes: u32,
    /// Minutes between public posts.
    pub every_minutes: u32,
    /// From how many minutes after the declaration, and to how many minutes
    /// between posts, updates slow down.
    pub slow_down: Option<(u32, u32)>,
}

impl Cadence {
    /// The cadence of `level`: PRODUCT.md §3 for the built-in SEV1, the level's
    /// `update_minutes` for every other; `None` when it wants no updates.
    pub fn of(level: &SeverityLevel) -> Option<Cadence> {
        let every = level.update_minutes()?.max(1);
        Some(if level.id().builtin_rank() == Some(1) {
            Cadence {
                first_minutes: SEV1_FIRST_POST_MINUTES.min(every),
                every_minutes: every,
                slow_down: Some((SEV1_SLOW_AFTER_MINUTES, every.max(SEV1_SLOW_MINUTES))),
            }
        } else {
            Cadence { first_minutes: every, every_minutes: every, slow_down: None }
        })
    }

    /// The cadence of the incident's current severity on `ladder`. A built-in
    /// level missing from the ladder keeps its default; another unknown level has
    /// no cadence.
    pub fn for_incident(incident: &Incident, ladder: &SeverityLadder) -> Option<Cadence> {
        let severity = incident.severity();
        match ladder.level(severity) {
            Some(level) => Self::of(level),
            None => SeverityLadder::default().level(severity).and_then(Self::of),
        }
    }

    /// Minutes between posts for a post made `since_declared` after the declaration.
    pub fn every_at(&self, since_declared: Duration) -> u32 {
        match self.slow_down {
            Some((after, every)) if since_declared >= minutes(after) => every,
            _ => self.every_minutes,
        }
    }
}

fn minutes(n: u32) -> Duration {
    Duration::minutes(i64::from(n))
}

/// When the next public update is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// The time it is due by.
    pub at: DateTime<Utc>,
    /// Whether that time has passed.
    pub overdue: bool,
    /// Whether no public update has been posted yet.
    pub first: bool,
}

/// When the next public update of `incident` is due at `now`, or `None` when none
/// is: the incident is resolved or closed, its level has no cadence, or the last
/// public update said "resolved" without promising another.
///
/// The clock runs from the last public update (internal ones do not count), or
/// from the declaration for the first one, at the pace of the current severity.
/// After a severity change the current level's first-post time counts from the
/// change, so raising the severity gives a short grace rather than an update
/// overdue since long ago. A next update time promised in the last public update
/// is kept when it is earlier than the cadence asks.
pub fn next_due(incident: &Incident, ladder: &SeverityLadder, timeline: &Timeline, now: DateTime<Utc>) -> Option<Due> {
    if !incident.status().is_open() {
        return None;
    }
    let cadence = Cadence::for_incident(incident, ladder)?;
    let last_public = timeline.entries().iter().rev().find_map(|entry| match entry.change() {
        Some(Change::StatusUpdate { update }) if update.audience() == Audience::Public => {
            Some((entry.event_at(), update))
        }
        _ => None,
    });
    let declared = incident.declared_at();
    let (anchor, mut at) = match last_public {
        Some((_, update)) if update.phase() == Phase::Resolved && update.next_update_due().is_none() => return None,
        Some((posted, _)) => (posted, posted + minutes(cadence.every_at(posted - declared))),
        None => (declared, declared + minutes(cadence.first_minutes)),
    };
    let severity_changed = timeline.entries().iter().rev().find_map(|entry| match entry.change() {
        Some(Change::Severity { .. }) if entry.event_at() > anchor => Some(entry.event_at()),
        _ => None,
    });
    if let Some(changed) = severity_changed {
        at = at.max(changed + minutes(cadence.first_minutes.min(cadence.every_at(changed - declared))));
    }
    if let Some(promised) = last_public.and_then(|(_, update)| update.next_update_due()) {
        at = at.min(promised);
    }
    Some(Due { at, overdue: now > at, first: last_public.is_none() })
}

/// The next update the last public update promised, if it promised one. While
/// it stands, customers wait for another update: after resolving, that is the
/// final update, owed until a public update that promises nothing more is posted.
pub fn promised_next(timeline: &Timeline) -> Option<DateTime<Utc>> {
    timeline.entries().iter().rev().find_map(|entry| match entry.change() {
        Some(Change::StatusUpdate { update }) if update.audience() == Audience::Public => {
            Some(update.next_update_due())
        }
        _ => None,
    })?
}

/// The next update time to suggest for an update posted at `now`: `now` plus the
/// current level's pace; `None` when the level has no cadence.
pub fn suggested_next(incident: &Incident, ladder: &SeverityLadder, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let cadence = Cadence::for_incident(incident, ladder)?;
    Some(now + minutes(cadence.every_at(now - incident.declared_at())))
}

/// The names an update for `audience` may use for the incident's affected
/// components: for the public, only catalog components with a name customers
/// may see (their public name, or the name of a component classified public);
/// internally, every name as the incident lists it.
pub fn component_names(catalog: &Catalog, affected: &[String], audience: Audience) -> Vec<String> {
    if audience == Audience::Internal {
        return affected.to_vec();
    }
    let mut names: Vec<String> = Vec::new();
    for found in catalog.affected(affected) {
        if let Affected::Known(component) = found {
            let shareable = component.has_public_name() || !component.classification().is_internal();
            let name = component.public_name().to_owned();
            if shareable && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// The values a template is filled with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TemplateValues {
    /// The affected components, as the audience may see them (see [`component_names`]).
    pub components: Vec<String>,
    /// A sentence on the impact; may be empty.
    pub impact: String,
    /// The next update time as it should read (see [`next_update_words`]); `None`
    /// for no promise.
    pub next_update: Option<String>,
}

/// Joins names as a sentence lists them: "A, B and C" or "A、B、C".
pub fn list_words(language: Language, names: &[String]) -> String {
    match (language, names) {
        (_, []) => String::new(),
        (_, [one]) => one.clone(),
        (Language::English, [init @ .., last]) => format!("{} and {last}", init.join(", ")),
        (Language::TraditionalChinese, names) => names.join("、"),
    }
}

/// A next update time as an update states it, in UTC so that customers in any
/// time zone read it alike: `10:40 UTC`, with the date when it is not today's.
pub fn next_update_words(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if at.date_naive() == now.date_naive() {
        format!("{} UTC", Wall::of(&at).clock())
    } else {
        format!("{} UTC", Wall::of(&at).date_time())
    }
}

/// The suggested text of an update for `audience` telling `phase`, in `language`.
/// Sentences whose value is missing are left out; with no component the update
/// speaks of "some of our services".
pub fn template(language: Language, audience: Audience, phase: Phase, values: &TemplateValues) -> String {
    // The sentences below are written for these two languages; a new language
    // does not compile until it has its own.
    let english = match language {
        Language::English => true,
        Language::TraditionalChinese => false,
    };
    let components = if values.components.is_empty() {
        match (english, audience) {
            (true, Audience::Public) => "some of our services".to_owned(),
            (true, Audience::Internal) => "unknown components".to_owned(),
            (false, Audience::Public) => "部分服務".to_owned(),
            (false, Audience::Internal) => "尚未確認的元件".to_owned(),
        }
    } else {
        list_words(language, &values.components)
    };
    let c = components.as_str();
    // Traditional Chinese puts a space between its characters and Latin words.
    let latin = |ch: Option<char>| !english && ch.is_some_and(|ch| ch.is_ascii_alphanumeric());
    let (before, after) =
        (if latin(c.chars().next()) { " " } else { "" }, if latin(c.chars().last()) { " " } else { "" });
    let impact = values.impact.trim();
    let impact = (!impact.is_empty()).then(|| with_full_stop(impact, english));
    let next = values.next_update.as_deref().map(str::trim).filter(|n| !n.is_empty());

    let mut parts: Vec<String> = Vec::new();
    let mut push = |part: Option<String>| parts.extend(part);
    match (english, audience, phase) {
        (true, Audience::Public, Phase::Investigating) => {
            push(Some(format!("We are investigating a problem affecting {c}.")));
            push(impact);
        }
        (true, Audience::Public, Phase::Identified) => {
            push(Some(format!("We have found the cause of the problem affecting {c} and are working on a fix.")));
            push(impact);
        }
        (true, Audience::Public, Phase::Monitoring) => {
            push(Some(format!("A fix is in place for the problem affecting {c}. We are monitoring the results.")));
            push(impact);
        }
        (true, Audience::Public, Phase::Resolved) => {
            push(Some(format!("The problem affecting {c} has been resolved.")));
            push(impact);
            push(Some("Thank you for your patience.".to_owned()));
        }
        (true, Audience::Internal, Phase::Investigating) => {
            push(Some(format!("Investigating: {c} affected; cause not known yet.")));
            push(impact.map(|i| format!("Impact: {i}")));
        }
        (true, Audience::Internal, Phase::Identified) => {
            push(Some(format!("Identified: cause of the {c} problem found; fix in progress.")));
            push(impact.map(|i| format!("Impact: {i}")));
        }
        (true, Audience::Internal, Phase::Monitoring) => {
            push(Some(format!("Monitoring: fix applied to {c}; watching that it holds.")));
            push(impact.map(|i| format!("Impact: {i}")));
        }
        (true, Audience::Internal, Phase::Resolved) => {
            push(Some(format!("Resolved: {c} back to normal.")));
            push(impact.map(|i| format!("Impact: {i}")));
        }
        (false, Audience::Public, Phase::Investigating) => {
            push(Some(format!("我們正在調查影響{before}{c}{after}的問題。")));
            push(impact);
        }
        (false, Audience::Public, Phase::Identified) => {
            push(Some(format!("我們已找出影響{before}{c}{after}的問題原因，正在進行修復。")));
            push(impact);
        }
        (false, Audience::Public, Phase::Monitoring) => {
            push(Some(format!("影響{before}{c}{after}的問題已完成修復，我們正在觀察修復成效。")));
            push(impact);
        }
        (false, Audience::Public, Phase::Resolved) => {
            push(Some(format!("影響{before}{c}{after}的問題已解決。")));
            push(impact);
            push(Some("感謝您的耐心等候。".to_owned()));
        }
        (false, Audience::Internal, Phase::Investigating) => {
            push(Some(format!("調查中：{c}{after}受影響，原因尚未確認。")));
            push(impact.map(|i| format!("影響：{i}")));
        }
        (false, Audience::Internal, Phase::Identified) => {
            push(Some(format!("已找出原因：{c}{after}問題的原因已找到，修復中。")));
            push(impact.map(|i| format!("影響：{i}")));
        }
        (false, Audience::Internal, Phase::Monitoring) => {
            push(Some(format!("觀察中：{c}{after}已套用修復，確認是否穩定。")));
            push(impact.map(|i| format!("影響：{i}")));
        }
        (false, Audience::Internal, Phase::Resolved) => {
            push(Some(format!("已解決：{c}{after}已恢復正常。")));
            push(impact.map(|i| format!("影響：{i}")));
        }
    }
    if let Some(next) = next {
        parts.push(match (english, audience) {
            (true, Audience::Public) => format!("We will post the next update by {next}."),
            (true, Audience::Internal) => format!("Next update by {next}."),
            (false, Audience::Public) => format!("我們將於 {next} 前提供下次更新。"),
            (false, Audience::Internal) => format!("下次更新：{next} 前。"),
        });
    }
    parts.join(if english { " " } else { "" })
}

/// A sentence ending in a full stop (or other closing punctuation).
fn with_full_stop(sentence: &str, english: bool) -> String {
    let ends = sentence.ends_with(['.', '!', '?', '。', '！', '？']);
    match (ends, english) {
        (true, _) => sentence.to_owned(),
        (false, true) => format!("{sentence}."),
        (false, false) => format!("{sentence}。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{Classification, Component, ComponentDraft, ComponentId};
    use crate::domain::id::{EntryId, IncidentId};
    use crate::domain::incident::{Declaration, Status};
    use crate::domain::severity::{LevelDraft, Review, Severity};
    use chrono::TimeZone;

    /// 09:00 plus `minute` minutes.
    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap() + Duration::minutes(minute)
    }

    fn stamp(n: u128, minute: i64) -> Stamp {
        Stamp::new(EntryId::from_parts(0, n), at(minute), "Ana")
    }

    /// What happens to the incident, minutes after its declaration at 09:00.
    #[derive(Debug, Clone, Copy)]
    enum Act {
        /// A public update, promising the next one this many minutes later.
        Public(Phase, Option<i64>),
        /// An internal update.
        Internal,
        /// The severity changes to this level.
        Severity(&'static str),
        /// The status changes.
        Status(Status),
    }

    /// A named case: the level declared, what happens (minutes after 09:00) and
    /// when to look.
    type Case = (&'static str, &'static str, Vec<(i64, Act)>, Vec<i64>);

    /// Declares an incident at `level` at 09:00, plays the `acts` done by then,
    /// and describes when the next public update is due at the given minute.
    fn due_at(ladder: &SeverityLadder, level: &str, acts: &[(i64, Act)], check: i64) -> String {
        let declaration =
            Declaration { title: "Checkout fails".into(), severity: Severity::new(level), reason: String::new() };
        let (mut incident, declared) =
            Incident::declare(IncidentId::from_parts(0, 1), declaration, stamp(1, 0)).unwrap();
        let mut timeline = Timeline::default().with(declared);
        for (n, (minute, act)) in acts.iter().enumerate().filter(|(_, (minute, _))| *minute <= check) {
            let stamp = stamp(n as u128 + 2, *minute);
            match act {
                Act::Public(phase, next) => {
                    let update = StatusUpdate::new(Audience::Public, *phase, next.map(|n| at(minute + n)));
                    timeline = timeline.with(post(&incident, update, "update", stamp).unwrap());
                }
                Act::Internal => {
                    let update = StatusUpdate::new(Audience::Internal, Phase::Investigating, None);
                    timeline = timeline.with(post(&incident, update, "update", stamp).unwrap());
                }
                Act::Severity(to) => {
                    let (changed, entry) = incident.change_severity(Severity::new(to), "reason", stamp).unwrap();
                    incident = changed;
                    timeline = timeline.with(entry);
                }
                Act::Status(status) => {
                    let (changed, entries) = incident.change_status(*status, stamp).unwrap();
                    incident = changed;
                    for entry in entries {
                        timeline = timeline.with(entry);
                    }
                }
            }
        }
        let shown = match next_due(&incident, ladder, &timeline, at(check)) {
            None => "nothing due".to_owned(),
            Some(due) => format!(
                "{} due {}{}",
                if due.first { "first" } else { "next" },
                due.at.format("%H:%M"),
                if due.overdue { ", overdue" } else { "" }
            ),
        };
        format!("  @{check}: {shown}")
    }

    /// [`due_at`] at each of `checks`.
    fn due(ladder: &SeverityLadder, level: &str, acts: &[(i64, Act)], checks: &[i64]) -> String {
        checks.iter().map(|check| due_at(ladder, level, acts, *check)).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn cadence_follows_the_severity_ladder() {
        use crate::domain::Status as S;
        use Act::*;
        let ladder = SeverityLadder::default();
        let investigating = Public(Phase::Investigating, None);
        let cases: Vec<Case> = vec![
            (
                "SEV1: first post within 5 minutes, then every 20",
                "SEV1",
                vec![(4, investigating), (10, Internal)],
                vec![0, 3, 6, 23, 25],
            ),
            ("SEV1 overdue before the first post", "SEV1", vec![(9, investigating)], vec![6, 9]),
            (
                "SEV1 slows down to every 60 minutes after 2 hours",
                "SEV1",
                vec![(100, investigating), (119, investigating), (120, investigating)],
                vec![101, 120, 121],
            ),
            (
                "an earlier promise is kept, a later one is not",
                "SEV1",
                vec![(3, Public(Phase::Investigating, Some(10))), (20, Public(Phase::Identified, Some(45)))],
                vec![4, 21],
            ),
            ("SEV2 every 30 minutes, from the declaration", "SEV2", vec![(25, investigating)], vec![0, 26]),
            ("SEV3 every 4 hours", "SEV3", vec![], vec![0]),
            ("SEV4 has no cadence", "SEV4", vec![(1, investigating)], vec![0, 2]),
            (
                "raising the severity gives the new level's first-post time from the change",
                "SEV3",
                vec![(10, investigating), (90, Severity("SEV1"))],
                vec![91, 96],
            ),
            ("raising to SEV1 before any public post", "SEV3", vec![(60, Severity("SEV1"))], vec![61]),
            (
                "raising within the cadence keeps the deadline",
                "SEV2",
                vec![(5, investigating), (10, Severity("SEV1"))],
                vec![11],
            ),
            (
                "lowering the severity slows the pace but keeps the promise",
                "SEV1",
                vec![(5, Public(Phase::Investigating, Some(20))), (10, Severity("SEV3"))],
                vec![11],
            ),
            (
                "lowering to a level without cadence stops the countdown",
                "SEV2",
                vec![(5, investigating), (10, Severity("SEV4"))],
                vec![11],
            ),
            (
                "a resolved public update ends the cadence unless it promises more",
                "SEV2",
                vec![(5, Public(Phase::Resolved, None))],
                vec![6],
            ),
            ("a resolved update that promises more", "SEV2", vec![(6, Public(Phase::Resolved, Some(60)))], vec![7]),
            (
                "a resolved incident stops the countdown",
                "SEV2",
                vec![(5, investigating), (10, Status(S::Resolved))],
                vec![11],
            ),
            (
                "reopening restarts it",
                "SEV2",
                vec![(5, investigating), (10, Status(S::Resolved)), (20, Status(S::Investigating))],
                vec![21],
            ),
        ];
        let shown: Vec<_> = cases
            .iter()
            .map(|(name, level, acts, checks)| format!("{name}\n{}", due(&ladder, level, acts, checks)))
            .collect();
        expect_test::expect![[r#"
            SEV1: first post within 5 minutes, then every 20
              @0: first due 09:05
              @3: first due 09:05
              @6: next due 09:24
              @23: next due 09:24
              @25: next due 09:24, overdue
            SEV1 overdue before the first post
              @6: first due 09:05, overdue
              @9: next due 09:29
            SEV1 slows down to every 60 minutes after 2 hours
              @101: next due 11:00
              @120: next due 12:00
              @121: next due 12:00
            an earlier promise is kept, a later one is not
              @4: next due 09:13
              @21: next due 09:40
            SEV2 every 30 minutes, from the declaration
              @0: first due 09:30
              @26: next due 09:55
            SEV3 every 4 hours
              @0: first due 13:00
            SEV4 has no cadence
              @0: nothing due
              @2: nothing due
            raising the severity gives the new level's first-post time from the change
              @91: next due 10:35
              @96: next due 10:35, overdue
            raising to SEV1 before any public post
              @61: first due 10:05
            raising within the cadence keeps the deadline
              @11: next due 09:25
            lowering the severity slows the pace but keeps the promise
              @11: next due 09:25
            lowering to a level without cadence stops the countdown
              @11: nothing due
            a resolved public update ends the cadence unless it promises more
              @6: nothing due
            a resolved update that promises more
              @7: next due 09:36
            a resolved incident stops the countdown
              @11: nothing due
            reopening restarts it
              @21: next due 09:35"#]]
        .assert_eq(&shown.join("\n"));
    }

    #[test]
    fn a_promised_update_is_owed_until_a_public_update_promises_nothing_more() {
        let declaration =
            Declaration { title: "Checkout fails".into(), severity: Severity::new("SEV2"), reason: String::new() };
        let (incident, declared) = Incident::declare(IncidentId::from_parts(0, 1), declaration, stamp(1, 0)).unwrap();
        let public = |phase, next: Option<i64>, n, minute| {
            let update = StatusUpdate::new(Audience::Public, phase, next.map(at));
            post(&incident, update, "update", stamp(n, minute)).unwrap()
        };
        let internal =
            post(&incident, StatusUpdate::new(Audience::Internal, Phase::Identified, None), "x", stamp(3, 6));
        let mut timeline = Timeline::default().with(declared);
        assert_eq!(promised_next(&timeline), None, "nothing promised yet");
        timeline = timeline.with(public(Phase::Investigating, Some(30), 2, 5)).with(internal.unwrap());
        assert_eq!(promised_next(&timeline), Some(at(30)), "internal updates promise nothing to customers");
        let (resolved, entries) = incident.change_status(Status::Resolved, stamp(4, 10)).unwrap();
        timeline = entries.into_iter().fold(timeline, |t, e| t.with(e));
        assert_eq!(next_due(&resolved, &SeverityLadder::default(), &timeline, at(11)), None);
        assert_eq!(promised_next(&timeline), Some(at(30)), "resolving does not keep the promise");
        timeline = timeline.with(public(Phase::Resolved, None, 5, 12));
        assert_eq!(promised_next(&timeline), None, "the final update keeps it");
    }

    #[test]
    fn edited_and_added_levels_use_their_own_cadence() {
        let draft = |name: &str, minutes| LevelDraft {
            name: name.into(),
            impact: String::new(),
            response: String::new(),
            update_minutes: minutes,
            review: Review::Optional,
        };
        let ladder = SeverityLadder::default()
            .with_edited(&Severity::new("SEV1"), &draft("P0", Some(15)))
            .unwrap()
            .with_edited(&Severity::new("SEV4"), &draft("SEV4", Some(45)))
            .unwrap()
            .with_added(Severity::new("custom"), &draft("P5", Some(90)))
            .unwrap();
        let cases: [Case; 4] = [
            (
                "SEV1 renamed P0, every 15 minutes, still slows down after 2 hours",
                "SEV1",
                vec![(3, Act::Public(Phase::Investigating, None)), (130, Act::Public(Phase::Monitoring, None))],
                vec![4, 131],
            ),
            ("SEV4 given a cadence of 45 minutes", "SEV4", vec![], vec![0]),
            ("an added level every 90 minutes", "custom", vec![], vec![0]),
            ("a level missing from the ladder", "gone", vec![], vec![0]),
        ];
        let shown: Vec<_> = cases
            .iter()
            .map(|(name, level, acts, checks)| format!("{name}\n{}", due(&ladder, level, acts, checks)))
            .collect();
        expect_test::expect![[r#"
            SEV1 renamed P0, every 15 minutes, still slows down after 2 hours
              @4: next due 09:18
              @131: next due 12:10
            SEV4 given a cadence of 45 minutes
              @0: first due 09:45
            an added level every 90 minutes
              @0: first due 10:30
            a level missing from the ladder
              @0: nothing due"#]]
        .assert_eq(&shown.join("\n"));
    }

    #[test]
    fn suggested_next_time_follows_the_current_pace() {
        let declaration = Declaration { title: "Down".into(), severity: Severity::new("SEV1"), reason: String::new() };
        let (incident, _) = Incident::declare(IncidentId::from_parts(0, 1), declaration, stamp(1, 0)).unwrap();
        let ladder = SeverityLadder::default();
        let shown: Vec<_> = [1, 119, 121]
            .into_iter()
            .map(|m| suggested_next(&incident, &ladder, at(m)).map(|t| t.format("%H:%M").to_string()))
            .collect();
        assert_eq!(shown, [Some("09:21".to_owned()), Some("11:19".to_owned()), Some("12:01".to_owned())]);
    }

    #[test]
    fn posting_checks_the_text_and_the_promise() {
        let declaration = Declaration { title: "Down".into(), severity: Severity::new("SEV1"), reason: String::new() };
        let (incident, _) = Incident::declare(IncidentId::from_parts(0, 1), declaration, stamp(1, 0)).unwrap();
        let public = |next: Option<i64>| StatusUpdate::new(Audience::Public, Phase::Investigating, next.map(at));
        let cases: Vec<(&str, Option<i64>, Result<(), UpdateError>)> = vec![
            (" We are looking into it. ", Some(30), Ok(())),
            ("Final.", None, Ok(())),
            ("  \n ", Some(30), Err(UpdateError::EmptyText)),
            ("", None, Err(UpdateError::EmptyText)),
            ("promise in the past", Some(5), Err(UpdateError::NextUpdateInPast)),
            ("promise now", Some(10), Err(UpdateError::NextUpdateInPast)),
        ];
        for (text, next, expected) in cases {
            let result = post(&incident, public(next), text, stamp(2, 10));
            assert_eq!(result.as_ref().map(|_| ()).map_err(Clone::clone), expected, "{text:?}");
            if let Ok(entry) = result {
                assert_eq!(entry.text(), text.trim());
                assert_eq!(entry.kind(), EntryKind::StatusUpdate);
                assert_eq!(entry.event_at(), at(10));
            }
        }
        let longest = "字".repeat(MAX_UPDATE_TEXT);
        assert!(post(&incident, public(None), &longest, stamp(2, 10)).is_ok());
        let too_long = format!("{longest}x");
        assert_eq!(post(&incident, public(None), &too_long, stamp(2, 10)), Err(UpdateError::TooLong));
    }

    #[test]
    fn history_lists_updates_newest_first_and_survives_storage() {
        let declaration = Declaration { title: "Down".into(), severity: Severity::new("SEV2"), reason: String::new() };
        let (incident, declared) = Incident::declare(IncidentId::from_parts(0, 1), declaration, stamp(1, 0)).unwrap();
        let first = post(
            &incident,
            StatusUpdate::new(Audience::Public, Phase::Investigating, Some(at(30))),
            "one",
            stamp(2, 1),
        )
        .unwrap();
        let second =
            post(&incident, StatusUpdate::new(Audience::Internal, Phase::Identified, None), "two", stamp(3, 2))
                .unwrap();
        let json = serde_json::to_string(&second).unwrap();
        expect_test::expect![[r#"{"id":"00000000000000000000000003","incident":"00000000000000000000000001","event_at":"2026-11-24T09:02:00Z","recorded_at":"2026-11-24T09:02:00Z","author":"Ana","kind":"status_update","text":"two","change":{"type":"status_update","update":{"audience":"internal","phase":"identified"}},"visibility":"internal"}"#]]
            .assert_eq(&json);
        let restored: TimelineEntry = serde_json::from_str(&json).unwrap();
        assert_eq!(restored, second);
        let timeline = Timeline::from_entries(vec![second, declared, first]);
        let shown: Vec<_> = history(&timeline)
            .iter()
            .map(|p| {
                format!(
                    "{} {} {} {:?}",
                    p.entry.text(),
                    p.update.audience().key(),
                    p.update.phase().key(),
                    p.update.next_update_due()
                )
            })
            .collect();
        expect_test::expect![[
            r#"["two internal identified None", "one public investigating Some(2026-11-24T09:30:00Z)"]"#
        ]]
        .assert_eq(&format!("{shown:?}"));
    }

    #[test]
    fn keys_round_trip_and_phases_follow_the_status() {
        for audience in Audience::ALL {
            assert_eq!(Audience::from_key(audience.key()), Some(audience));
        }
        for phase in Phase::ALL {
            assert_eq!(Phase::from_key(phase.key()), Some(phase));
        }
        let phases: Vec<_> =
            Status::ALL.into_iter().map(|s| format!("{}→{}", s.key(), Phase::for_status(s).key())).collect();
        expect_test::expect!["triage→investigating investigating→investigating identified→identified mitigating→identified monitoring→monitoring resolved→resolved closed→resolved"]
            .assert_eq(&phases.join(" "));
    }

    fn component(id: &str, name: &str, public_name: &str, classification: Classification) -> Component {
        let draft = ComponentDraft {
            name: name.into(),
            public_name: public_name.into(),
            classification,
            ..ComponentDraft::default()
        };
        Component::new(ComponentId::new(id).unwrap(), draft).unwrap()
    }

    #[test]
    fn public_updates_name_only_what_customers_may_see() {
        let catalog = Catalog::default()
            .with_component(component("a", "pay-db-eu", "Payments", Classification::Restricted))
            .unwrap()
            .with_component(component("b", "Dashboard", "", Classification::Public))
            .unwrap()
            .with_component(component("c", "kafka-main", "", Classification::Internal))
            .unwrap()
            .with_component(component("d", "checkout-api", "Payments", Classification::Confidential))
            .unwrap();
        let affected: Vec<String> =
            ["pay-db-eu", "dashboard", "kafka-main", "checkout-api", "mystery-box"].map(String::from).to_vec();
        let cases = [
            (Audience::Public, expect_test::expect![[r#"["Payments", "Dashboard"]"#]]),
            (
                Audience::Internal,
                expect_test::expect![[r#"["pay-db-eu", "dashboard", "kafka-main", "checkout-api", "mystery-box"]"#]],
            ),
        ];
        for (audience, expected) in cases {
            expected.assert_eq(&format!("{:?}", component_names(&catalog, &affected, audience)));
        }
    }

    #[test]
    fn lists_and_times_read_naturally() {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let shown: Vec<_> = [&[][..], &["A"], &["A", "B"], &["A", "B", "C"]]
            .into_iter()
            .flat_map(|n| Language::ALL.map(|l| format!("{:?}", list_words(l, &names(n)))))
            .collect();
        expect_test::expect![[r#""" "" "A" "A" "A and B" "A、B" "A, B and C" "A、B、C""#]].assert_eq(&shown.join(" "));
        assert_eq!(next_update_words(at(40), at(0)), "09:40 UTC");
        assert_eq!(next_update_words(at(24 * 60), at(0)), "2026-11-25 09:00 UTC");
    }

    #[test]
    fn templates_in_both_languages() {
        let full = TemplateValues {
            components: vec!["Payments".into(), "Dashboard".into()],
            impact: "Some card payments fail".into(),
            next_update: Some("09:40 UTC".into()),
        };
        let mut lines = Vec::new();
        for language in Language::ALL {
            for audience in Audience::ALL {
                for phase in Phase::ALL {
                    lines.push(format!(
                        "{} {} {}: {}",
                        language.tag(),
                        audience.key(),
                        phase.key(),
                        template(language, audience, phase, &full)
                    ));
                }
            }
        }
        expect_test::expect![[r#"
            en public investigating: We are investigating a problem affecting Payments and Dashboard. Some card payments fail. We will post the next update by 09:40 UTC.
            en public identified: We have found the cause of the problem affecting Payments and Dashboard and are working on a fix. Some card payments fail. We will post the next update by 09:40 UTC.
            en public monitoring: A fix is in place for the problem affecting Payments and Dashboard. We are monitoring the results. Some card payments fail. We will post the next update by 09:40 UTC.
            en public resolved: The problem affecting Payments and Dashboard has been resolved. Some card payments fail. Thank you for your patience. We will post the next update by 09:40 UTC.
            en internal investigating: Investigating: Payments and Dashboard affected; cause not known yet. Impact: Some card payments fail. Next update by 09:40 UTC.
            en internal identified: Identified: cause of the Payments and Dashboard problem found; fix in progress. Impact: Some card payments fail. Next update by 09:40 UTC.
            en internal monitoring: Monitoring: fix applied to Payments and Dashboard; watching that it holds. Impact: Some card payments fail. Next update by 09:40 UTC.
            en internal resolved: Resolved: Payments and Dashboard back to normal. Impact: Some card payments fail. Next update by 09:40 UTC.
            zh-TW public investigating: 我們正在調查影響 Payments、Dashboard 的問題。Some card payments fail。我們將於 09:40 UTC 前提供下次更新。
            zh-TW public identified: 我們已找出影響 Payments、Dashboard 的問題原因，正在進行修復。Some card payments fail。我們將於 09:40 UTC 前提供下次更新。
            zh-TW public monitoring: 影響 Payments、Dashboard 的問題已完成修復，我們正在觀察修復成效。Some card payments fail。我們將於 09:40 UTC 前提供下次更新。
            zh-TW public resolved: 影響 Payments、Dashboard 的問題已解決。Some card payments fail。感謝您的耐心等候。我們將於 09:40 UTC 前提供下次更新。
            zh-TW internal investigating: 調查中：Payments、Dashboard 受影響，原因尚未確認。影響：Some card payments fail。下次更新：09:40 UTC 前。
            zh-TW internal identified: 已找出原因：Payments、Dashboard 問題的原因已找到，修復中。影響：Some card payments fail。下次更新：09:40 UTC 前。
            zh-TW internal monitoring: 觀察中：Payments、Dashboard 已套用修復，確認是否穩定。影響：Some card payments fail。下次更新：09:40 UTC 前。
            zh-TW internal resolved: 已解決：Payments、Dashboard 已恢復正常。影響：Some card payments fail。下次更新：09:40 UTC 前。"#]]
        .assert_eq(&lines.join("\n"));

        let bare = TemplateValues { impact: " ".into(), ..TemplateValues::default() };
        let shown: Vec<_> = Language::ALL
            .into_iter()
            .flat_map(|l| Audience::ALL.map(|a| template(l, a, Phase::Investigating, &bare)))
            .collect();
        expect_test::expect![[r#"
            We are investigating a problem affecting some of our services.
            Investigating: unknown components affected; cause not known yet.
            我們正在調查影響部分服務的問題。
            調查中：尚未確認的元件受影響，原因尚未確認。"#]]
        .assert_eq(&shown.join("\n"));
    }
}
