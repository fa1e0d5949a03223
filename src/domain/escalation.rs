//! Escalations: working down a component's escalation path until someone answers.
//!
//! Every step of an escalation is a timeline entry carrying an
//! [`EscalationEvent`]. Where an escalation stands is never stored on its own: an
//! [`Escalation`] reads it from the incident's timeline, so it always agrees with
//! what the timeline says, survives a reload, and merges like any other entries.
//! The same [`Escalation`] makes the entry that records the next event.
//!
//! An escalation starts at the path's first step and waits that step's time for
//! an answer. When the wait runs out without one, the responder escalates to the
//! next step (or earlier, at any time); past the last step the path is exhausted.
//! Someone answering, or a responder stopping it, ends the escalation; it can be
//! started again from the first step.

use super::catalog::{Component, EscalationStep};
use super::event::Change;
use super::id::IncidentId;
use super::timeline::{EntryKind, Stamp, Timeline, TimelineEntry};
use chrono::{DateTime, Duration, Utc};

pub use super::event::EscalationEvent;

/// Where the current step of an escalation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for an answer from the current step.
    Waiting,
    /// The current step answered.
    Answered {
        /// Who answered.
        who: String,
        /// When.
        at: DateTime<Utc>,
    },
    /// A responder stopped the escalation.
    Stopped {
        /// When.
        at: DateTime<Utc>,
    },
    /// Nobody answered, to the end of the path.
    Exhausted {
        /// When it was recorded.
        at: DateTime<Utc>,
    },
}

/// The latest escalation of a component, as its timeline entries tell it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationState {
    /// The current step, from 0.
    pub step: usize,
    /// Who the current step reaches.
    pub who: String,
    /// When the escalation started.
    pub started_at: DateTime<Utc>,
    /// When the current step started.
    pub step_started_at: DateTime<Utc>,
    /// How long the current step waits for an answer, in minutes.
    pub wait_minutes: u32,
    /// Where the current step stands.
    pub phase: Phase,
}

/// The clock of the current step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// Not waiting for anyone.
    Off,
    /// Waiting, with this much time left.
    Running(Duration),
    /// The wait ran out this long ago without an answer.
    RanOut(Duration),
}

impl EscalationState {
    /// When the current step's wait runs out: the step's start plus its wait.
    pub fn deadline(&self) -> DateTime<Utc> {
        self.step_started_at + Duration::minutes(i64::from(self.wait_minutes))
    }

    /// Whether the escalation waits for an answer.
    pub fn is_waiting(&self) -> bool {
        self.phase == Phase::Waiting
    }

    /// The current step's clock at `now`.
    pub fn timer(&self, now: DateTime<Utc>) -> Timer {
        if !self.is_waiting() {
            return Timer::Off;
        }
        let deadline = self.deadline();
        if now < deadline {
            Timer::Running(deadline - now)
        } else {
            Timer::RanOut(now - deadline)
        }
    }
}

/// Why an escalation action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EscalationError {
    /// The component has no escalation path.
    #[error("the component has no escalation path")]
    NoPath,
    /// An escalation is already waiting for an answer.
    #[error("the escalation is already waiting for an answer")]
    AlreadyWaiting,
    /// Nobody is being waited for.
    #[error("the escalation is not waiting for an answer")]
    NotWaiting,
    /// The current step is the last one of the path.
    #[error("there is no further step on the escalation path")]
    NoNextStep,
}

/// A component's escalation in one incident: its state, read from the timeline,
/// and the entries that move it on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation<'a> {
    component: &'a Component,
    state: Option<EscalationState>,
}

impl<'a> Escalation<'a> {
    /// Reads `component`'s latest escalation from an incident's timeline.
    pub fn read(component: &'a Component, timeline: &Timeline) -> Self {
        let mut state: Option<EscalationState> = None;
        for entry in timeline.entries() {
            let Some(Change::Escalation { event }) = entry.change() else { continue };
            if !event.is_for(component) {
                continue;
            }
            let at = entry.event_at();
            match event {
                EscalationEvent::Started { who, wait_minutes, .. } => {
                    state = Some(EscalationState {
                        step: 0,
                        who: who.clone(),
                        started_at: at,
                        step_started_at: at,
                        wait_minutes: *wait_minutes,
                        phase: Phase::Waiting,
                    });
                }
                EscalationEvent::Escalated { to, who, wait_minutes, .. } => {
                    let started_at = state.as_ref().map_or(at, |s| s.started_at);
                    state = Some(EscalationState {
                        step: *to,
                        who: who.clone(),
                        started_at,
                        step_started_at: at,
                        wait_minutes: *wait_minutes,
                        phase: Phase::Waiting,
                    });
                }
                EscalationEvent::Answered { step, who, .. } => {
                    if let Some(state) = &mut state {
                        state.step = *step;
                        state.phase = Phase::Answered { who: who.clone(), at };
                    }
                }
                EscalationEvent::Stopped { .. } => {
                    if let Some(state) = &mut state {
                        state.phase = Phase::Stopped { at };
                    }
                }
                EscalationEvent::Exhausted { .. } => {
                    if let Some(state) = &mut state {
                        state.phase = Phase::Exhausted { at };
                    }
                }
            }
        }
        Self { component, state }
    }

    /// The component.
    pub fn component(&self) -> &'a Component {
        self.component
    }

    /// The latest escalation, if one was ever started.
    pub fn state(&self) -> Option<&EscalationState> {
        self.state.as_ref()
    }

    /// The current step as the catalog has it now, if it is still on the path.
    pub fn current_step(&self) -> Option<&'a EscalationStep> {
        self.state.as_ref().and_then(|s| self.component.escalation().get(s.step))
    }

    /// The step after the current one, with its place, if the path goes on.
    pub fn next_step(&self) -> Option<(usize, &'a EscalationStep)> {
        let next = self.state.as_ref()?.step + 1;
        self.component.escalation().get(next).map(|step| (next, step))
    }

    /// Whether the escalation waits for an answer.
    pub fn is_waiting(&self) -> bool {
        self.state.as_ref().is_some_and(EscalationState::is_waiting)
    }

    /// The entry that starts an escalation at the first step. Refused while one
    /// waits for an answer, or when the component has no path.
    pub fn start(&self, incident: IncidentId, stamp: Stamp) -> Result<TimelineEntry, EscalationError> {
        let first = self.component.escalation().first().ok_or(EscalationError::NoPath)?;
        if self.is_waiting() {
            return Err(EscalationError::AlreadyWaiting);
        }
        Ok(self.entry(
            incident,
            EscalationEvent::Started {
                component: self.component.id().clone(),
                name: self.component.name().to_owned(),
                who: first.who().to_owned(),
                wait_minutes: first.wait_minutes(),
            },
            stamp,
        ))
    }

    /// The entry recording that the current step answered.
    pub fn answer(&self, incident: IncidentId, stamp: Stamp) -> Result<TimelineEntry, EscalationError> {
        let state = self.waiting()?;
        let event = EscalationEvent::Answered {
            component: self.component.id().clone(),
            name: self.component.name().to_owned(),
            step: state.step,
            who: state.who.clone(),
        };
        Ok(self.entry(incident, event, stamp))
    }

    /// The entry that escalates to the next step: while waiting (whether or not the
    /// wait ran out) or after an answer, when the one who answered needs more help.
    /// Waiting at the last step, it records that the path is exhausted.
    pub fn escalate(&self, incident: IncidentId, stamp: Stamp) -> Result<TimelineEntry, EscalationError> {
        let state = self.state.as_ref().ok_or(EscalationError::NotWaiting)?;
        let answered = matches!(state.phase, Phase::Answered { .. });
        if !state.is_waiting() && !answered {
            return Err(EscalationError::NotWaiting);
        }
        let (component, name) = (self.component.id().clone(), self.component.name().to_owned());
        let event = match self.next_step() {
            Some((to, step)) => EscalationEvent::Escalated {
                component,
                name,
                from: state.step,
                to,
                who: step.who().to_owned(),
                wait_minutes: step.wait_minutes(),
                timed_out: state.is_waiting() && stamp.at >= state.deadline(),
            },
            None if answered => return Err(EscalationError::NoNextStep),
            None => EscalationEvent::Exhausted { component, name, step: state.step, who: state.who.clone() },
        };
        Ok(self.entry(incident, event, stamp))
    }

    /// The entry that stops an escalation waiting for an answer.
    pub fn stop(&self, incident: IncidentId, stamp: Stamp) -> Result<TimelineEntry, EscalationError> {
        let state = self.waiting()?;
        let event = EscalationEvent::Stopped {
            component: self.component.id().clone(),
            name: self.component.name().to_owned(),
            step: state.step,
        };
        Ok(self.entry(incident, event, stamp))
    }

    fn waiting(&self) -> Result<&EscalationState, EscalationError> {
        self.state.as_ref().filter(|s| s.is_waiting()).ok_or(EscalationError::NotWaiting)
    }

    fn entry(&self, incident: IncidentId, event: EscalationEvent, stamp: Stamp) -> TimelineEntry {
        TimelineEntry::system(incident, EntryKind::Escalation, Change::Escalation { event }, "", stamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{ComponentDraft, ComponentId, StepDraft};
    use crate::domain::id::EntryId;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap() + Duration::seconds(minute * 60)
    }

    fn component(id: &str, name: &str, waits: &[u32]) -> Component {
        let escalation = waits
            .iter()
            .enumerate()
            .map(|(i, wait)| StepDraft {
                who: format!("Level {}", i + 1),
                how_to_reach: format!("+886 2 000{i}"),
                wait_minutes: *wait,
                ..StepDraft::default()
            })
            .collect();
        let draft = ComponentDraft { name: name.into(), escalation, ..ComponentDraft::default() };
        Component::new(ComponentId::new(id).unwrap(), draft).unwrap()
    }

    /// What a responder does, and when (minutes after 09:00).
    #[derive(Debug, Clone, Copy)]
    enum Act {
        Start,
        Answer,
        Escalate,
        Stop,
    }

    fn describe(escalation: &Escalation<'_>, now: DateTime<Utc>) -> String {
        let Some(state) = escalation.state() else {
            return "none".into();
        };
        let phase = match &state.phase {
            Phase::Waiting => "waiting".to_owned(),
            Phase::Answered { who, at } => format!("answered by {who} at {}", at.format("%H:%M")),
            Phase::Stopped { at } => format!("stopped at {}", at.format("%H:%M")),
            Phase::Exhausted { at } => format!("exhausted at {}", at.format("%H:%M")),
        };
        let timer = match state.timer(now) {
            Timer::Off => "off".to_owned(),
            Timer::Running(left) => format!("{}s left", left.num_seconds()),
            Timer::RanOut(over) => format!("ran out {}s ago", over.num_seconds()),
        };
        format!(
            "step {} ({}) since {}, deadline {}, {phase}, timer {timer}",
            state.step,
            state.who,
            state.step_started_at.format("%H:%M:%S"),
            state.deadline().format("%H:%M:%S"),
        )
    }

    /// Plays `acts` on a fresh timeline; after each, describes the state at the
    /// same moment and one minute later, or the refusal.
    fn play(waits: &[u32], acts: &[(Act, i64)]) -> String {
        let payments = component("pay", "Payments API", waits);
        let incident = IncidentId::from_parts(0, 1);
        let mut timeline = Timeline::default();
        let mut lines = Vec::new();
        for (n, (act, minute)) in acts.iter().enumerate() {
            let escalation = Escalation::read(&payments, &timeline);
            let stamp = Stamp::new(EntryId::from_parts(0, n as u128 + 1), at(*minute), "Ana");
            let result = match act {
                Act::Start => escalation.start(incident, stamp),
                Act::Answer => escalation.answer(incident, stamp),
                Act::Escalate => escalation.escalate(incident, stamp),
                Act::Stop => escalation.stop(incident, stamp),
            };
            match result {
                Ok(entry) => {
                    assert_eq!(entry.kind(), EntryKind::Escalation);
                    let Some(Change::Escalation { event }) = entry.change() else { panic!("an escalation entry") };
                    let event = serde_json::to_string(event).unwrap();
                    timeline = timeline.with(entry);
                    let after = Escalation::read(&payments, &timeline);
                    lines.push(format!("{act:?} @{minute}: {event}"));
                    lines.push(format!("  now:   {}", describe(&after, at(*minute))));
                    lines.push(format!("  +1min: {}", describe(&after, at(*minute + 1))));
                }
                Err(refused) => lines.push(format!("{act:?} @{minute}: refused: {refused}")),
            }
        }
        lines.join("\n")
    }

    #[test]
    fn an_unanswered_escalation_works_down_the_path_to_its_end() {
        use Act::*;
        expect_test::expect![[r#"
            Escalate @0: refused: the escalation is not waiting for an answer
            Start @0: {"event":"started","component":"pay","name":"Payments API","who":"Level 1","wait_minutes":5}
              now:   step 0 (Level 1) since 09:00:00, deadline 09:05:00, waiting, timer 300s left
              +1min: step 0 (Level 1) since 09:00:00, deadline 09:05:00, waiting, timer 240s left
            Start @1: refused: the escalation is already waiting for an answer
            Escalate @6: {"event":"escalated","component":"pay","name":"Payments API","from":0,"to":1,"who":"Level 2","wait_minutes":10,"timed_out":true}
              now:   step 1 (Level 2) since 09:06:00, deadline 09:16:00, waiting, timer 600s left
              +1min: step 1 (Level 2) since 09:06:00, deadline 09:16:00, waiting, timer 540s left
            Escalate @7: {"event":"escalated","component":"pay","name":"Payments API","from":1,"to":2,"who":"Level 3","wait_minutes":1,"timed_out":false}
              now:   step 2 (Level 3) since 09:07:00, deadline 09:08:00, waiting, timer 60s left
              +1min: step 2 (Level 3) since 09:07:00, deadline 09:08:00, waiting, timer ran out 0s ago
            Escalate @9: {"event":"exhausted","component":"pay","name":"Payments API","step":2,"who":"Level 3"}
              now:   step 2 (Level 3) since 09:07:00, deadline 09:08:00, exhausted at 09:09, timer off
              +1min: step 2 (Level 3) since 09:07:00, deadline 09:08:00, exhausted at 09:09, timer off
            Escalate @10: refused: the escalation is not waiting for an answer
            Start @12: {"event":"started","component":"pay","name":"Payments API","who":"Level 1","wait_minutes":5}
              now:   step 0 (Level 1) since 09:12:00, deadline 09:17:00, waiting, timer 300s left
              +1min: step 0 (Level 1) since 09:12:00, deadline 09:17:00, waiting, timer 240s left"#]]
        .assert_eq(&play(
            &[5, 10, 1],
            &[(Escalate, 0), (Start, 0), (Start, 1), (Escalate, 6), (Escalate, 7), (Escalate, 9), (Escalate, 10), (Start, 12)],
        ));
    }

    #[test]
    fn answers_and_stops_end_an_escalation() {
        use Act::*;
        expect_test::expect![[r#"
            Answer @0: refused: the escalation is not waiting for an answer
            Start @0: {"event":"started","component":"pay","name":"Payments API","who":"Level 1","wait_minutes":2}
              now:   step 0 (Level 1) since 09:00:00, deadline 09:02:00, waiting, timer 120s left
              +1min: step 0 (Level 1) since 09:00:00, deadline 09:02:00, waiting, timer 60s left
            Answer @3: {"event":"answered","component":"pay","name":"Payments API","step":0,"who":"Level 1"}
              now:   step 0 (Level 1) since 09:00:00, deadline 09:02:00, answered by Level 1 at 09:03, timer off
              +1min: step 0 (Level 1) since 09:00:00, deadline 09:02:00, answered by Level 1 at 09:03, timer off
            Answer @4: refused: the escalation is not waiting for an answer
            Stop @4: refused: the escalation is not waiting for an answer
            Escalate @5: {"event":"escalated","component":"pay","name":"Payments API","from":0,"to":1,"who":"Level 2","wait_minutes":3,"timed_out":false}
              now:   step 1 (Level 2) since 09:05:00, deadline 09:08:00, waiting, timer 180s left
              +1min: step 1 (Level 2) since 09:05:00, deadline 09:08:00, waiting, timer 120s left
            Answer @6: {"event":"answered","component":"pay","name":"Payments API","step":1,"who":"Level 2"}
              now:   step 1 (Level 2) since 09:05:00, deadline 09:08:00, answered by Level 2 at 09:06, timer off
              +1min: step 1 (Level 2) since 09:05:00, deadline 09:08:00, answered by Level 2 at 09:06, timer off
            Escalate @7: refused: there is no further step on the escalation path
            Start @8: {"event":"started","component":"pay","name":"Payments API","who":"Level 1","wait_minutes":2}
              now:   step 0 (Level 1) since 09:08:00, deadline 09:10:00, waiting, timer 120s left
              +1min: step 0 (Level 1) since 09:08:00, deadline 09:10:00, waiting, timer 60s left
            Stop @9: {"event":"stopped","component":"pay","name":"Payments API","step":0}
              now:   step 0 (Level 1) since 09:08:00, deadline 09:10:00, stopped at 09:09, timer off
              +1min: step 0 (Level 1) since 09:08:00, deadline 09:10:00, stopped at 09:09, timer off"#]]
        .assert_eq(&play(
            &[2, 3],
            &[(Answer, 0), (Start, 0), (Answer, 3), (Answer, 4), (Stop, 4), (Escalate, 5), (Answer, 6), (Escalate, 7), (Start, 8), (Stop, 9)],
        ));
    }

    #[test]
    fn the_timer_counts_down_to_the_deadline_and_past_it() {
        let payments = component("pay", "Payments API", &[1, 1]);
        let incident = IncidentId::from_parts(0, 1);
        let started = Escalation::read(&payments, &Timeline::default())
            .start(incident, Stamp::new(EntryId::from_parts(0, 1), at(0), "Ana"))
            .unwrap();
        let timeline = Timeline::default().with(started);
        let state = Escalation::read(&payments, &timeline).state().cloned().unwrap();
        let seconds = [0, 1, 59, 60, 61, 3600];
        let timers: Vec<Timer> = seconds.iter().map(|s| state.timer(at(0) + Duration::seconds(*s))).collect();
        assert_eq!(
            timers,
            [
                Timer::Running(Duration::seconds(60)),
                Timer::Running(Duration::seconds(59)),
                Timer::Running(Duration::seconds(1)),
                Timer::RanOut(Duration::zero()),
                Timer::RanOut(Duration::seconds(1)),
                Timer::RanOut(Duration::seconds(3540)),
            ]
        );
    }

    #[test]
    fn events_belong_to_their_component_by_id_or_by_name() {
        let payments = component("pay", "Payments API", &[5]);
        let search = component("search", "Search", &[5]);
        let incident = IncidentId::from_parts(0, 1);
        let stamp = |n: u128| Stamp::new(EntryId::from_parts(0, n), at(n as i64), "Ana");
        let timeline = Timeline::default()
            .with(Escalation::read(&payments, &Timeline::default()).start(incident, stamp(1)).unwrap());
        assert!(Escalation::read(&payments, &timeline).is_waiting());
        assert!(Escalation::read(&search, &timeline).state().is_none(), "another component's escalation");
        let renamed = component("pay", "Payments gateway", &[5]);
        assert!(Escalation::read(&renamed, &timeline).is_waiting(), "same id, new name");
        let elsewhere = component("other-browser-id", "payments api", &[5]);
        assert!(Escalation::read(&elsewhere, &timeline).is_waiting(), "same name, other id");
        let no_path = component("quiet", "Quiet", &[]);
        assert_eq!(Escalation::read(&no_path, &timeline).start(incident, stamp(2)), Err(EscalationError::NoPath));
    }

    #[test]
    fn stored_escalation_events_decode() {
        let events = [
            r#"{"event":"started","component":"pay","name":"P","who":"A","wait_minutes":5}"#,
            r#"{"event":"escalated","component":"pay","name":"P","from":0,"to":1,"who":"B","wait_minutes":5}"#,
            r#"{"event":"exhausted","component":"pay","name":"P","step":1,"who":"B"}"#,
        ];
        for json in events {
            let event: EscalationEvent = serde_json::from_str(json).unwrap();
            assert_eq!(event.component().as_str(), "pay");
        }
        assert!(serde_json::from_str::<EscalationEvent>(
            r#"{"event":"started","component":"bad id","name":"P","who":"A","wait_minutes":5}"#
        )
        .is_err());
    }
}
