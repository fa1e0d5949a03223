//! What still stands open when a responder resolves an incident: the required
//! checklist steps not yet done or skipped, the escalations waiting for an
//! answer, and the next public update the last one promised (after resolving,
//! the final update customers wait for). Read from the checklists and the
//! timeline, so it cannot disagree with them; resolving asks for confirmation
//! with this list, it never blocks.

use super::catalog::Catalog;
use super::checklist::Checklist;
use super::escalation::Escalation;
use super::status_update::promised_next;
use super::timeline::Timeline;
use chrono::{DateTime, Utc};

/// A required step still open: its runbook's name and what it asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenStep {
    pub runbook: String,
    pub step: String,
}

/// An escalation waiting for an answer: its component and who it reaches now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingEscalation {
    pub component: String,
    pub who: String,
}

/// What stands open before resolving.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BeforeResolving {
    /// Required steps that apply and are neither done (by hand or by the event
    /// they name) nor skipped, in run order.
    pub steps: Vec<OpenStep>,
    /// Escalations of catalog components still waiting for an answer.
    pub escalations: Vec<WaitingEscalation>,
    /// The next public update the last public update promised, if it did.
    pub final_update_by: Option<DateTime<Utc>>,
}

impl BeforeResolving {
    /// Reads what stands open from the incident's checklists, the catalog and
    /// the timeline.
    pub fn read(checklists: &[Checklist], catalog: &Catalog, timeline: &Timeline) -> Self {
        let steps = checklists
            .iter()
            .flat_map(|list| {
                list.open_required().map(|item| OpenStep {
                    runbook: list.run.runbook().name().to_owned(),
                    step: item.step.text.clone(),
                })
            })
            .collect();
        let escalations = catalog
            .components()
            .iter()
            .filter_map(|component| {
                let escalation = Escalation::read(component, timeline);
                let who = escalation.state().filter(|_| escalation.is_waiting())?.who.clone();
                Some(WaitingEscalation { component: component.name().to_owned(), who })
            })
            .collect();
        Self { steps, escalations, final_update_by: promised_next(timeline) }
    }

    /// Whether no required step is open and no escalation waits.
    pub fn nothing_open(&self) -> bool {
        self.steps.is_empty() && self.escalations.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status_update::{post, Audience, Phase, StatusUpdate};
    use crate::domain::{
        Completion, Declaration, EntryId, Incident, IncidentId, Role, RunId, Runbook, RunbookDraft, RunbookId,
        RunbookRun, Severity, SeverityLadder, Stamp, Step, StepAction,
    };
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn stamp(n: u128) -> Stamp {
        Stamp::new(EntryId::from_parts(1, n), at(n as u32), "Ana")
    }

    #[test]
    fn open_required_steps_and_a_promised_update_are_listed_until_settled() {
        let declaration =
            Declaration { title: "API down".into(), severity: Severity::new("SEV1"), reason: String::new() };
        let (incident, declared) = Incident::declare(IncidentId::from_parts(1, 1), declaration, stamp(0)).unwrap();
        let draft = RunbookDraft {
            name: "Major incident".into(),
            description: String::new(),
            steps: vec![Step::new("Name a lead", true), Step::new("Tell leadership", false), Step::new("Post", true)],
            attach_at: vec![Severity::new("SEV1")],
        };
        let runbook = Runbook::create(RunbookId::from_parts(1, 9), draft, at(0)).unwrap();
        let (run, started) = RunbookRun::start(RunId::from_parts(1, 5), incident.id(), &runbook, false, stamp(1));
        let update = StatusUpdate::new(Audience::Public, Phase::Investigating, Some(at(30)));
        let posted = post(&incident, update, "Investigating", stamp(2)).unwrap();
        let mut timeline = Timeline::from_entries(vec![declared, started, posted]);
        let ladder = SeverityLadder::default();
        let read = |timeline: &Timeline| {
            let lists = [Checklist::build(&run, &incident, &ladder, timeline)];
            BeforeResolving::read(&lists, &Catalog::default(), timeline)
        };
        let open = read(&timeline);
        let steps: Vec<_> = open.steps.iter().map(|s| format!("{}: {}", s.runbook, s.step)).collect();
        assert_eq!(steps, ["Major incident: Name a lead", "Major incident: Post"], "optional steps are not listed");
        assert_eq!(open.final_update_by, Some(at(30)));
        assert!(!open.nothing_open());

        let list = Checklist::build(&run, &incident, &ladder, &timeline);
        timeline = timeline.with(list.act(0, StepAction::Done, "", stamp(3)).unwrap());
        let list = Checklist::build(&run, &incident, &ladder, &timeline);
        timeline = timeline.with(list.act(2, StepAction::Skipped, "Posted by hand", stamp(4)).unwrap());
        let last = StatusUpdate::new(Audience::Public, Phase::Resolved, None);
        timeline = timeline.with(post(&incident, last, "Resolved", stamp(5)).unwrap());
        assert_eq!(read(&timeline), BeforeResolving::default(), "nothing stands open");
        assert!(read(&timeline).nothing_open());
    }

    #[test]
    fn a_step_done_by_itself_is_not_open() {
        let declaration =
            Declaration { title: "API down".into(), severity: Severity::new("SEV1"), reason: String::new() };
        let (incident, declared) = Incident::declare(IncidentId::from_parts(1, 1), declaration, stamp(0)).unwrap();
        let lead = Step::new("Name a lead", true).completed_when(Completion::RoleAssigned { role: Role::IncidentLead });
        let draft = RunbookDraft { name: "Major incident".into(), steps: vec![lead], ..RunbookDraft::default() };
        let runbook = Runbook::create(RunbookId::from_parts(1, 9), draft, at(0)).unwrap();
        let (run, started) = RunbookRun::start(RunId::from_parts(1, 5), incident.id(), &runbook, false, stamp(1));
        let ladder = SeverityLadder::default();
        let read = |incident: &Incident, timeline: &Timeline| {
            let lists = [Checklist::build(&run, incident, &ladder, timeline)];
            BeforeResolving::read(&lists, &Catalog::default(), timeline)
        };
        let timeline = Timeline::from_entries(vec![declared, started]);
        assert_eq!(read(&incident, &timeline).steps.len(), 1);
        let (incident, assigned) = incident.assign_role(Role::IncidentLead, "Mei", stamp(2)).unwrap();
        let timeline = timeline.with(assigned);
        assert!(read(&incident, &timeline).nothing_open(), "the lead assigned settles the step");
    }
}
