//! Merging an imported incident into the one already in the workspace.
//!
//! Two responders who each kept notes on the same incident combine them by
//! importing one's export into the other's workspace. Entries and runbook runs
//! never change once recorded, so they merge as a union by id: one already here
//! is kept, one that is not is added, and the incident is the fold of the union
//! ([`Incident::from_timeline`]). A record whose id is here with other content,
//! or stored here under another incident, refuses the whole file: the file would
//! otherwise change or move what was recorded here. The review is a document
//! edited in place, whose history the file cannot show: one here is kept as it
//! is, and the merge says so when the file's differs.

use super::json::{problem, ImportProblem, ImportProblemKind, IncidentBundle};
use crate::domain::order::map_of;
use crate::domain::{Incident, IncidentId, Review, RunbookRun, TimelineEntry};
use std::collections::BTreeMap;

/// What the workspace holds of the incident a file brings.
#[derive(Debug, Clone, Default)]
pub struct Here {
    /// The incident, if it is here.
    pub incident: Option<Incident>,
    /// Its entries.
    pub timeline: Vec<TimelineEntry>,
    /// Its runbook runs.
    pub runs: Vec<RunbookRun>,
    /// Its review.
    pub review: Option<Review>,
    /// Entry and run ids of the file that are stored here under another
    /// incident, with that incident.
    pub elsewhere: BTreeMap<String, IncidentId>,
}

/// What happens to the file's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewMerge {
    /// The file has none.
    NoneInFile,
    /// It is added: there is none here.
    Added,
    /// The same review is here.
    Same,
    /// Another version is here and is kept.
    KeptHere,
}

/// What a merge stores, and what it leaves as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The incident to store: the file's when it is new here, otherwise the fold
    /// of the union of both timelines.
    pub incident: Incident,
    /// Whether the incident is new here.
    pub is_new: bool,
    /// The entries to add, in the file's order.
    pub entries: Vec<TimelineEntry>,
    /// The runbook runs to add.
    pub runs: Vec<RunbookRun>,
    /// The review to add, if there is none here.
    pub review: Option<Review>,
    /// What happens to the file's review.
    pub review_merge: ReviewMerge,
    /// How many of the file's entries are already here.
    pub entries_here: usize,
    /// How many of the file's runs are already here.
    pub runs_here: usize,
}

impl Merge {
    /// Whether the file brings nothing that is not already here.
    pub fn adds_nothing(&self) -> bool {
        !self.is_new && self.entries.is_empty() && self.runs.is_empty() && self.review.is_none()
    }
}

/// Merges `bundle`, found at the JSON path `at`, into what is `here`: refused,
/// with every problem, when a record of the file would change or move a record
/// stored here.
pub fn merge(at: &str, bundle: &IncidentBundle, here: &Here) -> Result<Merge, Vec<ImportProblem>> {
    let expected = bundle.incident().id();
    let mut problems = Vec::new();
    let mut elsewhere = |path: String, id: String| {
        if let Some(found) = here.elsewhere.get(&id) {
            problems.push(problem(path, ImportProblemKind::OtherIncident { expected, found: *found }));
            true
        } else {
            false
        }
    };
    let stored: BTreeMap<_, _> = map_of(here.timeline.iter().map(|entry| (entry.id(), entry)));
    let mut entries = Vec::new();
    let mut entries_here = 0;
    let mut differing = Vec::new();
    for (i, entry) in bundle.timeline().iter().enumerate() {
        if elsewhere(format!("{at}.timeline[{i}].id"), entry.id().to_string()) {
            continue;
        }
        match stored.get(&entry.id()) {
            None => entries.push(entry.clone()),
            Some(mine) if *mine == entry => entries_here += 1,
            Some(_) => differing.push(problem(format!("{at}.timeline[{i}]"), ImportProblemKind::DiffersHere)),
        }
    }
    let stored: BTreeMap<_, _> = map_of(here.runs.iter().map(|run| (run.id(), run)));
    let mut runs = Vec::new();
    let mut runs_here = 0;
    for (i, run) in bundle.runs().iter().enumerate() {
        if elsewhere(format!("{at}.runs[{i}].id"), run.id().to_string()) {
            continue;
        }
        match stored.get(&run.id()) {
            None => runs.push(run.clone()),
            Some(mine) if *mine == run => runs_here += 1,
            Some(_) => differing.push(problem(format!("{at}.runs[{i}]"), ImportProblemKind::DiffersHere)),
        }
    }
    problems.extend(differing);
    if !problems.is_empty() {
        return Err(problems);
    }
    let (review, review_merge) = match (bundle.review(), &here.review) {
        (None, _) => (None, ReviewMerge::NoneInFile),
        (Some(theirs), None) => (Some(theirs.clone()), ReviewMerge::Added),
        (Some(theirs), Some(mine)) if theirs == mine => (None, ReviewMerge::Same),
        (Some(_), Some(_)) => (None, ReviewMerge::KeptHere),
    };
    let (incident, is_new) = match &here.incident {
        None => (bundle.incident().clone(), true),
        Some(mine) => (Incident::from_timeline(mine, here.timeline.iter().chain(&entries)).0, false),
    };
    Ok(Merge { incident, is_new, entries, runs, review, review_merge, entries_here, runs_here })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::timeline::{NewEntry, Visibility};
    use crate::domain::{Declaration, EntryId, Severity, Stamp, Status};
    use chrono::{DateTime, TimeZone, Utc};

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn declared() -> (Incident, TimelineEntry) {
        let declaration =
            Declaration { title: "Checkout fails".into(), severity: Severity::new("SEV2"), reason: String::new() };
        Incident::declare(
            IncidentId::from_parts(1, 1),
            declaration,
            Stamp::new(EntryId::from_parts(1, 1), at(0), "Ana"),
        )
        .unwrap()
    }

    fn note(incident: &Incident, n: u64, text: &str, by: &str) -> TimelineEntry {
        let new = NewEntry {
            incident: incident.id(),
            text: text.into(),
            event_at: None,
            tag: None,
            visibility: Visibility::Internal,
            evidence: Vec::new(),
        };
        TimelineEntry::note(new, Stamp::new(EntryId::from_parts(n, 9), at(n as u32), by)).unwrap()
    }

    #[test]
    fn two_responders_notes_merge_as_a_union_and_the_incident_is_their_fold() {
        let (incident, declaration) = declared();
        let ana = note(&incident, 2, "Rolled back", "Ana");
        let bo = note(&incident, 3, "Errors stop", "Bo");
        let resolved = incident.change_status(Status::Resolved, Stamp::new(EntryId::from_parts(4, 9), at(4), "Bo"));
        let (_, resolved) = resolved.unwrap();
        let theirs = IncidentBundle::new(
            incident.clone(),
            [vec![declaration.clone(), bo.clone()], resolved.clone()].concat(),
            Vec::new(),
            None,
        )
        .unwrap();
        let here = Here {
            incident: Some(incident.clone()),
            timeline: vec![declaration.clone(), ana.clone()],
            ..Here::default()
        };
        let merged = merge("data", &theirs, &here).unwrap();
        assert_eq!(merged.entries, [vec![bo], resolved].concat());
        assert_eq!((merged.entries_here, merged.is_new, merged.review_merge), (1, false, ReviewMerge::NoneInFile));
        assert_eq!(merged.incident.status(), Status::Resolved);

        // The same file again adds nothing.
        let here = Here {
            incident: Some(merged.incident.clone()),
            timeline: [here.timeline, merged.entries].concat(),
            ..Here::default()
        };
        assert!(merge("data", &theirs, &here).unwrap().adds_nothing());
    }

    #[test]
    fn a_record_that_would_change_or_move_one_here_refuses_the_file() {
        let (incident, declaration) = declared();
        let mine = note(&incident, 2, "Rolled back", "Ana");
        let forged = note(&incident, 2, "Nothing happened", "Ana");
        let moved = note(&incident, 3, "From another incident", "Mallory");
        let theirs =
            IncidentBundle::new(incident.clone(), vec![declaration.clone(), forged, moved.clone()], Vec::new(), None)
                .unwrap();
        let mut elsewhere = BTreeMap::new();
        elsewhere.insert(moved.id().to_string(), IncidentId::from_parts(7, 7));
        let here = Here { incident: Some(incident), timeline: vec![declaration, mine], elsewhere, ..Here::default() };
        let problems = merge("data", &theirs, &here).unwrap_err();
        let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(words.len(), 2, "{words:?}");
        assert!(words[0].starts_with("data.timeline[2].id: belongs to incident"), "{words:?}");
        assert!(words[1].starts_with("data.timeline[1]: "), "{words:?}");
    }

    #[test]
    fn a_review_here_is_kept_and_one_that_is_not_is_added() {
        let (incident, declaration) = declared();
        let review = Review::start(incident.id(), "Ana", at(30));
        let theirs =
            IncidentBundle::new(incident.clone(), vec![declaration.clone()], Vec::new(), Some(review.clone())).unwrap();
        let empty = Here { incident: Some(incident.clone()), timeline: vec![declaration.clone()], ..Here::default() };
        let merged = merge("data", &theirs, &empty).unwrap();
        assert_eq!((merged.review.as_ref(), merged.review_merge), (Some(&review), ReviewMerge::Added));
        let other = Review::start(incident.id(), "Bo", at(40));
        let here = Here { review: Some(other), ..empty };
        let merged = merge("data", &theirs, &here).unwrap();
        assert_eq!((merged.review, merged.review_merge), (None, ReviewMerge::KeptHere));
    }
}
