//! What uses a severity level: the incidents that are or ever were at it, and
//! the runbooks in use that attach at it or condition a step on it. A level that
//! anything uses stays on the ladder (`SeverityLadder::with_removed`), so no
//! incident's history and no runbook condition ever names a level that is gone.

use super::incident::Incident;
use super::runbook::Library;
use super::severity::{Severity, Uses};
use super::timeline::{Change, Timeline};

/// What uses `level` among `incidents` (each with its timeline) and the
/// runbooks in use of `library`.
pub fn level_uses<'a>(
    level: &Severity,
    incidents: impl IntoIterator<Item = (&'a Incident, &'a Timeline)>,
    library: &Library,
) -> Uses {
    let incidents = incidents
        .into_iter()
        .filter(|(incident, timeline)| incident.severity() == level || was_at(timeline, level))
        .map(|(incident, _)| incident.title().to_owned())
        .collect();
    let runbooks = library
        .active()
        .into_iter()
        .filter(|runbook| {
            runbook.attach_at().contains(level)
                || runbook.steps().iter().any(|step| step.min_severity.as_ref() == Some(level))
        })
        .map(|runbook| runbook.name().to_owned())
        .collect();
    Uses { incidents, runbooks }
}

/// Whether the timeline records the incident at `level` at some time.
fn was_at(timeline: &Timeline, level: &Severity) -> bool {
    timeline.entries().iter().any(|entry| match entry.change() {
        Some(Change::Declared { severity }) => severity == level,
        Some(Change::Severity { from, to }) => from == level || to == level,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::id::{EntryId, IncidentId, RunbookId};
    use crate::domain::incident::Declaration;
    use crate::domain::runbook::{Runbook, RunbookDraft, Step};
    use crate::domain::timeline::Stamp;
    use chrono::{TimeZone, Utc};

    fn stamp(n: u64) -> Stamp {
        Stamp::new(EntryId::from_parts(n, u128::from(n)), Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap(), "Ana")
    }

    fn declared(n: u64, title: &str, severity: &str) -> (Incident, Vec<crate::domain::TimelineEntry>) {
        let declaration = Declaration { title: title.into(), severity: Severity::new(severity), reason: String::new() };
        let (incident, entry) =
            Incident::declare(IncidentId::from_parts(n, u128::from(n)), declaration, stamp(n)).unwrap();
        (incident, vec![entry])
    }

    #[test]
    fn incidents_at_a_level_now_or_before_and_runbooks_naming_it_use_it() {
        let (now_at_sev2, entries_a) = declared(1, "Checkout down", "SEV2");
        let (was, entries_b) = declared(2, "Slow search", "SEV3");
        let (moved, entry) = was.change_severity(Severity::new("SEV4"), "Fewer users", stamp(3)).unwrap();
        let (other, entries_c) = declared(4, "Typo", "SEV4");
        let timelines = [
            Timeline::from_entries(entries_a),
            Timeline::from_entries([entries_b, vec![entry]].concat()),
            Timeline::from_entries(entries_c),
        ];
        let incidents = [(&now_at_sev2, &timelines[0]), (&moved, &timelines[1]), (&other, &timelines[2])];
        let mut step = Step::new("Page the vendor", true);
        step.min_severity = Some(Severity::new("SEV3"));
        let draft = |name: &str, steps: Vec<Step>, attach_at: Vec<Severity>| RunbookDraft {
            name: name.into(),
            description: String::new(),
            steps,
            attach_at,
        };
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        let library = Library::from_versions([
            Runbook::create(
                RunbookId::from_parts(1, 1),
                draft("Major", vec![Step::new("Lead", true)], vec![Severity::new("SEV2")]),
                at,
            )
            .unwrap(),
            Runbook::create(RunbookId::from_parts(1, 2), draft("Vendor", vec![step], vec![]), at).unwrap(),
        ]);

        let uses = |id: &str| level_uses(&Severity::new(id), incidents, &library);
        assert_eq!(uses("SEV2"), Uses { incidents: vec!["Checkout down".into()], runbooks: vec!["Major".into()] });
        assert_eq!(
            uses("SEV3"),
            Uses { incidents: vec!["Slow search".into()], runbooks: vec!["Vendor".into()] },
            "an incident that was at the level once, and a step's condition"
        );
        assert_eq!(uses("SEV4").incidents, ["Slow search", "Typo"]);
        assert!(uses("SEV1").is_empty());
    }
}
