//! Checklists: a runbook run's steps, their state and whether they apply now.
//!
//! Step state is not stored on its own: it is read from the incident's timeline,
//! where every done, reopened and skipped step is an entry. The latest entry for a
//! step decides its state, so history is never rewritten and a checklist always
//! agrees with the timeline.
//!
//! A step that names a [`Completion`] (an incident lead assigned, a public update
//! posted, a milestone set) is also done by itself, by the entry recording that
//! event, [`StepState::Completed`] saying which. The rules, read in the order the
//! entries were recorded (recorded time, then id, so every browser agrees):
//!
//! - The event counts whenever it was recorded in the incident, before the run
//!   started too: a runbook attached when the severity is raised does not ask
//!   for an incident lead the incident already has.
//! - An open step is completed by the first matching entry; a step already done,
//!   completed or skipped stays as it is.
//! - Reopening (unticking) a completed step is an entry like any other, and the
//!   events recorded before it are used up: the step stays open until a matching
//!   event is recorded after the reopening (the role handed to someone else, the
//!   next public update), which completes it again.
//! - A step can still be done, skipped and reopened by hand.

use super::id::EntryId;
use super::incident::Incident;
use super::runbook::{Completion, Library, Runbook, RunbookRun, Step};
use super::severity::{Severity, SeverityLadder};
use super::timeline::{Change, EntryKind, Stamp, StepAction, Timeline, TimelineEntry};
use chrono::{DateTime, Utc};

/// Where one step stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepState {
    /// Not done yet.
    Open,
    /// Done, by whom and when.
    Done {
        /// Who did it.
        by: String,
        /// When.
        at: DateTime<Utc>,
    },
    /// Done by itself: the timeline recorded the event the step names.
    Completed(Completed),
    /// Skipped, by whom, when and why.
    Skipped {
        /// Who skipped it.
        by: String,
        /// When.
        at: DateTime<Utc>,
        /// Why.
        reason: String,
    },
}

impl StepState {
    /// Whether the step is done (by hand or by itself) or skipped.
    pub fn is_settled(&self) -> bool {
        !matches!(self, Self::Open)
    }

    /// Whether the step is done, by hand or by itself.
    pub fn is_done(&self) -> bool {
        matches!(self, Self::Done { .. } | Self::Completed(_))
    }
}

/// Why a step is done by itself: the entry that recorded its event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    /// The event the step names.
    pub event: Completion,
    /// For a role, who took it.
    pub holder: Option<String>,
    /// When the event happened (the entry's event time).
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub by: String,
    /// The entry.
    pub entry: EntryId,
}

/// One step of a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The step's place in the runbook, from 0.
    pub index: usize,
    /// The step as the run's runbook version has it.
    pub step: Step,
    /// Where it stands.
    pub state: StepState,
    /// Whether it applies to the incident as it is now.
    pub applies: bool,
}

/// A run's steps with their state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    /// The run.
    pub run: RunbookRun,
    /// Its steps, in runbook order.
    pub items: Vec<Item>,
}

/// Why a step action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    /// Skipping needs a reason.
    #[error("say why the step is skipped")]
    NoReason,
    /// Only an open step can be done or skipped.
    #[error("the step is already done or skipped")]
    NotOpen,
    /// Only a done or skipped step can be reopened.
    #[error("the step is already open")]
    AlreadyOpen,
    /// The run has no such step.
    #[error("there is no such step")]
    NoSuchStep,
}

impl Checklist {
    /// The checklist of `run` in `incident`, with states read from `timeline`:
    /// the step entries of the run, and the events that complete steps by
    /// themselves (the module's documentation has the rules).
    pub fn build(run: &RunbookRun, incident: &Incident, ladder: &SeverityLadder, timeline: &Timeline) -> Self {
        let steps = run.runbook().steps();
        let mut states = vec![StepState::Open; steps.len()];
        let events: Vec<Completion> = steps.iter().filter_map(|step| step.completes_when).collect();
        let counts = |change: &Change| match change {
            Change::Step { run: of, step, .. } => *of == run.id() && *step < steps.len(),
            change => events.iter().any(|event| event.is_met_by(change).is_some()),
        };
        let mut entries: Vec<&TimelineEntry> =
            timeline.entries().iter().filter(|entry| entry.change().is_some_and(counts)).collect();
        crate::domain::order::sort_by_key(&mut entries, |entry| (entry.recorded_at(), entry.id()));
        for entry in entries {
            let Some(change) = entry.change() else { continue };
            if let Change::Step { step, action, .. } = change {
                let (by, at) = (entry.author().to_owned(), entry.recorded_at());
                states[*step] = match action {
                    StepAction::Done => StepState::Done { by, at },
                    StepAction::Reopened => StepState::Open,
                    StepAction::Skipped => StepState::Skipped { by, at, reason: entry.text().to_owned() },
                };
                continue;
            }
            for (step, state) in steps.iter().zip(states.iter_mut()) {
                let Some(event) = step.completes_when else { continue };
                let Some(holder) = event.is_met_by(change) else { continue };
                if *state == StepState::Open {
                    *state = StepState::Completed(Completed {
                        event,
                        holder: holder.map(str::to_owned),
                        at: entry.event_at(),
                        by: entry.author().to_owned(),
                        entry: entry.id(),
                    });
                }
            }
        }
        let items = run
            .runbook()
            .steps()
            .iter()
            .zip(states)
            .enumerate()
            .map(|(index, (step, state))| Item {
                index,
                applies: step.applies(ladder, incident.severity(), incident.components()),
                step: step.clone(),
                state,
            })
            .collect();
        Self { run: run.clone(), items }
    }

    /// How many applicable steps are settled, and how many apply.
    pub fn progress(&self) -> (usize, usize) {
        let applicable = self.items.iter().filter(|item| item.applies);
        let total = applicable.clone().count();
        (applicable.filter(|item| item.state.is_settled()).count(), total)
    }

    /// Required steps that apply and are still open.
    pub fn open_required(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|item| item.applies && item.step.required && !item.state.is_settled())
    }

    /// The steps still to do, in runbook order: those that apply and are open.
    pub fn still_open(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|item| item.applies && !item.state.is_settled())
    }

    /// Records doing, reopening or skipping step `index`; a skip needs `reason`.
    pub fn act(
        &self,
        index: usize,
        action: StepAction,
        reason: &str,
        stamp: Stamp,
    ) -> Result<TimelineEntry, StepError> {
        let item = self.items.get(index).ok_or(StepError::NoSuchStep)?;
        match (action, item.state.is_settled()) {
            (StepAction::Done | StepAction::Skipped, true) => return Err(StepError::NotOpen),
            (StepAction::Reopened, false) => return Err(StepError::AlreadyOpen),
            (StepAction::Skipped, false) if reason.trim().is_empty() => return Err(StepError::NoReason),
            _ => {}
        }
        let reason = if action == StepAction::Skipped { reason } else { "" };
        let change = Change::Step { run: self.run.id(), step: index, text: item.step.text.clone(), action };
        Ok(TimelineEntry::system(self.run.incident(), EntryKind::StepDone, change, reason, stamp))
    }
}

/// Runbooks that attach by themselves at `severity` and are not running yet.
/// A run of a runbook with the same name counts as running it: a teammate's
/// browser (team sync) started it from its own library, where the same
/// runbook (the defaults every workspace starts with) has another id.
pub fn to_attach<'a>(library: &'a Library, severity: &Severity, running: &[RunbookRun]) -> Vec<&'a Runbook> {
    let same = |run: &RunbookRun, runbook: &Runbook| {
        run.runbook().id() == runbook.id()
            || run.runbook().name().trim().to_lowercase() == runbook.name().trim().to_lowercase()
    };
    library.attaching_at(severity).into_iter().filter(|runbook| running.iter().all(|run| !same(run, runbook))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status_update::{post, Audience, Phase, StatusUpdate};
    use crate::domain::{Declaration, EntryId, IncidentId, Milestone, Role, RunId, RunbookDraft, RunbookId};
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn stamp(n: u128) -> Stamp {
        Stamp::new(EntryId::from_parts(1, n), at(n as u32), "Ana")
    }

    fn setup(severity: &str) -> (Incident, RunbookRun, Timeline) {
        let declaration =
            Declaration { title: "API down".into(), severity: Severity::new(severity), reason: String::new() };
        let (incident, declared) = Incident::declare(IncidentId::from_parts(1, 1), declaration, stamp(0)).unwrap();
        let mut late = Step::new("Engage the cloud vendor", true);
        late.min_severity = Some(Severity::new("SEV2"));
        let draft = RunbookDraft {
            name: "Major incident".into(),
            description: String::new(),
            steps: vec![Step::new("Name a lead", true), Step::new("Post an update", false), late],
            attach_at: vec![Severity::new("SEV1"), Severity::new("SEV2")],
        };
        let runbook = Runbook::create(RunbookId::from_parts(1, 9), draft, at(0)).unwrap();
        let (run, started) = RunbookRun::start(RunId::from_parts(1, 5), incident.id(), &runbook, false, stamp(1));
        (incident, run, Timeline::from_entries(vec![declared, started]))
    }

    #[test]
    fn actions_become_entries_and_the_latest_one_decides() {
        let ladder = SeverityLadder::default();
        let (incident, run, mut timeline) = setup("SEV1");
        let list = Checklist::build(&run, &incident, &ladder, &timeline);
        assert_eq!(list.progress(), (0, 3));
        assert_eq!(list.open_required().count(), 2);
        timeline = timeline.with(list.act(0, StepAction::Done, "", stamp(2)).unwrap());
        let list = Checklist::build(&run, &incident, &ladder, &timeline);
        assert_eq!(list.act(1, StepAction::Skipped, " ", stamp(3)), Err(StepError::NoReason));
        timeline = timeline.with(list.act(1, StepAction::Skipped, "No customers yet", stamp(3)).unwrap());
        let list = Checklist::build(&run, &incident, &ladder, &timeline);
        assert_eq!(list.act(0, StepAction::Done, "", stamp(4)), Err(StepError::NotOpen));
        assert_eq!(list.act(2, StepAction::Reopened, "", stamp(4)), Err(StepError::AlreadyOpen));
        assert_eq!(list.items[0].state, StepState::Done { by: "Ana".into(), at: at(2) });
        assert_eq!(
            list.items[1].state,
            StepState::Skipped { by: "Ana".into(), at: at(3), reason: "No customers yet".into() }
        );
        assert_eq!(list.progress(), (2, 3));
        timeline = timeline.with(list.act(0, StepAction::Reopened, "", stamp(5)).unwrap());
        let list = Checklist::build(&run, &incident, &ladder, &timeline);
        assert_eq!(list.items[0].state, StepState::Open);
        assert_eq!(timeline.len(), 5, "undoing adds an entry; nothing is removed");
    }

    #[test]
    fn the_steps_still_open_skip_the_settled_and_those_that_do_not_apply() {
        let ladder = SeverityLadder::default();
        let (incident, run, timeline) = setup("SEV1");
        let list = Checklist::build(&run, &incident, &ladder, &timeline);
        let open = |list: &Checklist| list.still_open().map(|item| item.index).collect::<Vec<_>>();
        assert_eq!(open(&list), [0, 1, 2]);
        let timeline = timeline.with(list.act(0, StepAction::Done, "", stamp(2)).unwrap());
        let list = Checklist::build(&run, &incident, &ladder, &timeline);
        assert_eq!(open(&list), [1, 2], "ticking the first step brings up the next");
        let (lower, _) = incident.change_severity(Severity::new("SEV3"), "Contained", stamp(6)).unwrap();
        assert_eq!(open(&Checklist::build(&run, &lower, &ladder, &timeline)), [1]);
    }

    #[test]
    fn a_lower_severity_marks_steps_that_no_longer_apply() {
        let ladder = SeverityLadder::default();
        let (incident, run, timeline) = setup("SEV1");
        let (lower, _) = incident.change_severity(Severity::new("SEV3"), "Contained", stamp(6)).unwrap();
        let list = Checklist::build(&run, &lower, &ladder, &timeline);
        let applies: Vec<_> = list.items.iter().map(|item| item.applies).collect();
        assert_eq!(applies, [true, true, false]);
        assert_eq!(list.items.len(), 3, "steps are marked, not deleted");
        assert_eq!(list.progress(), (0, 2));
    }

    /// A run of "Name a lead" (completed by a lead assigned), "Post the first
    /// update" (by a public update) and "Mark mitigated" (by the milestone),
    /// started at minute 1 in an incident declared at minute 0.
    fn completing() -> (Incident, RunbookRun, Timeline) {
        let (incident, _, timeline) = setup("SEV1");
        let steps = vec![
            Step::new("Name a lead", true).completed_when(Completion::RoleAssigned { role: Role::IncidentLead }),
            Step::new("Post the first update", true).completed_when(Completion::PublicUpdatePosted),
            Step::new("Mark mitigated", false)
                .completed_when(Completion::MilestoneSet { milestone: Milestone::Mitigated }),
        ];
        let draft = RunbookDraft { name: "Auto".into(), steps, ..RunbookDraft::default() };
        let runbook = Runbook::create(RunbookId::from_parts(1, 10), draft, at(0)).unwrap();
        let (run, started) = RunbookRun::start(RunId::from_parts(1, 6), incident.id(), &runbook, false, stamp(1));
        (incident, run, timeline.with(started))
    }

    fn states(run: &RunbookRun, incident: &Incident, timeline: &Timeline) -> Vec<StepState> {
        let list = Checklist::build(run, incident, &SeverityLadder::default(), timeline);
        list.items.into_iter().map(|item| item.state).collect()
    }

    #[test]
    fn the_events_a_step_names_complete_it_with_their_entry() {
        let (incident, run, timeline) = completing();
        assert!(states(&run, &incident, &timeline).iter().all(|s| *s == StepState::Open));
        let (incident, lead) = incident.assign_role(Role::IncidentLead, "Mei", stamp(2)).unwrap();
        let (incident, scribe) = incident.assign_role(Role::Scribe, "Bo", stamp(3)).unwrap();
        let internal = StatusUpdate::new(Audience::Internal, Phase::Investigating, None);
        let internal = post(&incident, internal, "Looking", stamp(4)).unwrap();
        let timeline = timeline.with(lead.clone()).with(scribe).with(internal);
        let now = states(&run, &incident, &timeline);
        let by_lead = Completed {
            event: Completion::RoleAssigned { role: Role::IncidentLead },
            holder: Some("Mei".into()),
            at: at(2),
            by: "Ana".into(),
            entry: lead.id(),
        };
        assert_eq!(
            now,
            [StepState::Completed(by_lead), StepState::Open, StepState::Open],
            "a scribe or an internal update completes nothing"
        );
        let public = StatusUpdate::new(Audience::Public, Phase::Investigating, None);
        let public = post(&incident, public, "We are investigating", stamp(5)).unwrap();
        // Back-dated: the milestone's time, not when it was recorded, is when it happened.
        let (incident, mitigated) = incident.set_milestone(Milestone::Mitigated, at(4), stamp(6)).unwrap();
        let timeline = timeline.with(public.clone()).with(mitigated);
        let list = Checklist::build(&run, &incident, &SeverityLadder::default(), &timeline);
        assert!(
            matches!(&list.items[1].state, StepState::Completed(c) if c.entry == public.id() && c.holder.is_none())
        );
        assert!(matches!(&list.items[2].state, StepState::Completed(c) if c.at == at(4)));
        assert_eq!(list.progress(), (3, 3));
        assert_eq!(list.open_required().count(), 0, "completed steps count as done");
        assert!(list.items.iter().all(|item| item.state.is_done()));
    }

    #[test]
    fn an_event_recorded_before_the_run_started_counts() {
        let (incident, run, timeline) = completing();
        let (incident, lead) = incident
            .assign_role(Role::IncidentLead, "Mei", Stamp::new(EntryId::from_parts(2, 0), at(0), "Ana"))
            .unwrap();
        let timeline = timeline.with(lead);
        assert!(matches!(states(&run, &incident, &timeline)[0], StepState::Completed(_)));
    }

    #[test]
    fn a_reopened_step_stays_open_until_a_new_event() {
        let (incident, run, timeline) = completing();
        let (incident, lead) = incident.assign_role(Role::IncidentLead, "Mei", stamp(2)).unwrap();
        let timeline = timeline.with(lead);
        let list = Checklist::build(&run, &incident, &SeverityLadder::default(), &timeline);
        assert_eq!(list.act(0, StepAction::Done, "", stamp(3)), Err(StepError::NotOpen));
        let reopened = list.act(0, StepAction::Reopened, "", stamp(3)).unwrap();
        let timeline = timeline.with(reopened);
        assert_eq!(states(&run, &incident, &timeline)[0], StepState::Open, "the event it used does not tick it again");
        // Leaving the role is not taking it.
        let (incident, left) = incident.release_role(Role::IncidentLead, "Mei", stamp(4)).unwrap();
        let timeline = timeline.with(left);
        assert_eq!(states(&run, &incident, &timeline)[0], StepState::Open);
        let (incident, bo) = incident.assign_role(Role::IncidentLead, "Bo", stamp(5)).unwrap();
        let timeline = timeline.with(bo);
        assert!(
            matches!(&states(&run, &incident, &timeline)[0], StepState::Completed(c) if c.holder.as_deref() == Some("Bo")),
            "a new lead after the reopening completes it again"
        );
    }

    #[test]
    fn completing_steps_are_still_done_and_skipped_by_hand() {
        let (incident, run, timeline) = completing();
        let list = Checklist::build(&run, &incident, &SeverityLadder::default(), &timeline);
        let timeline = timeline.with(list.act(0, StepAction::Done, "", stamp(2)).unwrap());
        let timeline = timeline.with(list.act(1, StepAction::Skipped, "No customers yet", stamp(3)).unwrap());
        let (incident, lead) = incident.assign_role(Role::IncidentLead, "Mei", stamp(4)).unwrap();
        let public = post(&incident, StatusUpdate::new(Audience::Public, Phase::Investigating, None), "Hi", stamp(5));
        let timeline = timeline.with(lead).with(public.unwrap());
        let now = states(&run, &incident, &timeline);
        assert_eq!(now[0], StepState::Done { by: "Ana".into(), at: at(2) }, "done by hand stays done by hand");
        assert!(matches!(now[1], StepState::Skipped { .. }), "a skipped step stays skipped");
    }

    #[test]
    fn runbooks_attach_once_per_incident() {
        let (_, run, _) = setup("SEV1");
        let library = Library::from_versions([run.runbook().clone()]);
        assert_eq!(to_attach(&library, &Severity::new("SEV2"), &[]).len(), 1);
        assert!(to_attach(&library, &Severity::new("SEV2"), std::slice::from_ref(&run)).is_empty());
        assert!(to_attach(&library, &Severity::new("SEV3"), &[]).is_empty());
        // The same runbook from another workspace's library (another id) runs already.
        let draft = RunbookDraft {
            name: "major incident ".into(),
            description: String::new(),
            steps: vec![Step::new("Name a lead", true)],
            attach_at: vec![Severity::new("SEV2")],
        };
        let theirs = Runbook::create(RunbookId::from_parts(2, 9), draft.clone(), at(0)).unwrap();
        let (their_run, _) = RunbookRun::start(RunId::from_parts(2, 5), run.incident(), &theirs, false, stamp(2));
        assert!(to_attach(&library, &Severity::new("SEV2"), std::slice::from_ref(&their_run)).is_empty());
        let other =
            Runbook::create(RunbookId::from_parts(3, 9), RunbookDraft { name: "Data loss".into(), ..draft }, at(0));
        let (other_run, _) =
            RunbookRun::start(RunId::from_parts(3, 5), run.incident(), &other.unwrap(), false, stamp(3));
        assert_eq!(to_attach(&library, &Severity::new("SEV2"), &[other_run]).len(), 1, "another runbook is not it");
    }
}
