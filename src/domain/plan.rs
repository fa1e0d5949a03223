//! The remediation plan across incidents, review due dates and incident metrics.
//!
//! Everything here is computed from incidents, their timelines and their reviews;
//! nothing is stored on its own.

use super::catalog::{Affected, Catalog};
use super::incident::Incident;
use super::milestone::{Metric, Milestone, Milestones};
use super::review::{add_days, ItemStatus, RemediationItem, Review};
use super::severity::{Review as ReviewRule, Severity, SeverityLadder};
use super::timeline::{Change, Timeline};
use crate::domain::order::sort;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;

/// The worst severity an incident ever had, from its declaration and every change.
pub fn worst_severity(incident: &Incident, ladder: &SeverityLadder, timeline: &Timeline) -> Severity {
    let mut worst = incident.severity().clone();
    for entry in timeline.entries() {
        let seen = match entry.change() {
            Some(Change::Declared { severity }) => severity,
            Some(Change::Severity { from, .. }) => from,
            _ => continue,
        };
        if ladder.rank(seen) < ladder.rank(&worst) {
            worst = seen.clone();
        }
    }
    worst
}

/// The day the review is due: the review rule of the worst severity, counted from
/// the day the incident was resolved (or declared, while it is not).
pub fn review_due(incident: &Incident, ladder: &SeverityLadder, timeline: &Timeline) -> Option<NaiveDate> {
    let worst = worst_severity(incident, ladder, timeline);
    let ReviewRule::Required { within_days, business_days } = ladder.level(&worst)?.review() else { return None };
    let from = incident.milestones().get(Milestone::Resolved).unwrap_or(incident.declared_at()).date_naive();
    Some(add_days(from, within_days, business_days))
}

/// The due date priority items get by default: four weeks for the built-in SEV1,
/// eight for SEV2, counted from `today`.
pub fn default_priority_due(worst: &Severity, today: NaiveDate) -> Option<NaiveDate> {
    match worst.builtin_rank() {
        Some(1) => Some(today + Duration::weeks(4)),
        Some(2) => Some(today + Duration::weeks(8)),
        _ => None,
    }
}

/// One line of the plan: an item and the incident it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// The incident.
    pub incident: Incident,
    /// The item.
    pub item: RemediationItem,
}

impl PlanRow {
    /// Whether the item is past due and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !matches!(self.item.status, ItemStatus::Done | ItemStatus::WontDo { .. })
            && self.item.due.is_some_and(|d| d < today)
    }
}

/// What the manager narrows the plan to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanFilter {
    /// Only items of this owner (case-insensitive, part of the name).
    pub owner: String,
    /// Only items of this team (case-insensitive, part of the name).
    pub team: String,
    /// Only items in this status (its key), or every status of the plan.
    pub status: Option<String>,
    /// Only overdue items.
    pub overdue: bool,
    /// Only items due within this many days from today (overdue ones included).
    pub due_within: Option<u32>,
    /// Candidates and won't-do items too, not only the plan.
    pub include_unplanned: bool,
}

/// Counts shown above the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanCounts {
    /// Items shown.
    pub shown: usize,
    /// Of those, overdue.
    pub overdue: usize,
    /// Of those, done.
    pub done: usize,
    /// Of those, due in the next 7 days.
    pub due_this_week: usize,
}

fn contains(haystack: &str, needle: &str) -> bool {
    needle.trim().is_empty() || haystack.to_lowercase().contains(&needle.trim().to_lowercase())
}

/// The plan's rows that pass `filter`, by due date (undated last), then incident.
pub fn plan(reviews: &[(Incident, Review)], filter: &PlanFilter, today: NaiveDate) -> Vec<PlanRow> {
    let mut rows: Vec<PlanRow> = reviews
        .iter()
        .flat_map(|(incident, review)| {
            review.items().iter().map(|item| PlanRow { incident: incident.clone(), item: item.clone() })
        })
        .filter(|row| filter.include_unplanned || row.item.status.is_planned())
        .filter(|row| contains(&row.item.owner, &filter.owner) && contains(&row.item.team, &filter.team))
        .filter(|row| filter.status.as_deref().is_none_or(|key| row.item.status.key() == key))
        .filter(|row| !filter.overdue || row.is_overdue(today))
        .filter(|row| {
            filter.due_within.is_none_or(|days| {
                row.item.due.is_some_and(|due| due <= today + Duration::days(i64::from(days)))
                    && !matches!(row.item.status, ItemStatus::Done | ItemStatus::WontDo { .. })
            })
        })
        .collect();
    crate::domain::order::sort_by(&mut rows, |a, b| {
        (a.item.due.is_none(), a.item.due, a.incident.declared_at(), a.item.number).cmp(&(
            b.item.due.is_none(),
            b.item.due,
            b.incident.declared_at(),
            b.item.number,
        ))
    });
    rows
}

/// Counts for the rows shown.
pub fn counts(rows: &[PlanRow], today: NaiveDate) -> PlanCounts {
    PlanCounts {
        shown: rows.len(),
        overdue: rows.iter().filter(|r| r.is_overdue(today)).count(),
        done: rows.iter().filter(|r| r.item.status == ItemStatus::Done).count(),
        due_this_week: rows
            .iter()
            .filter(|r| !r.is_overdue(today) && r.item.due.is_some_and(|d| d <= today + Duration::days(7)))
            .filter(|r| !matches!(r.item.status, ItemStatus::Done | ItemStatus::WontDo { .. }))
            .count(),
    }
}

/// One response time (to detect, acknowledge, mitigate or resolve) over a
/// group's incidents: only incidents with both of its milestones count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Times {
    /// How many incidents had both milestones.
    pub measured: usize,
    /// The mean, if any incident was measured.
    pub mean: Option<Duration>,
    /// The median (of an even count, the mean of the middle two), if any
    /// incident was measured.
    pub median: Option<Duration>,
}

impl Times {
    /// The mean and median of `values`.
    pub fn of(mut values: Vec<Duration>) -> Times {
        sort(&mut values);
        let n = values.len();
        if n == 0 {
            return Times::default();
        }
        let total = values.iter().fold(Duration::zero(), |a, b| a + *b);
        let median = if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2 };
        Times { measured: n, mean: Some(total / n as i32), median: Some(median) }
    }
}

/// Incident metrics for one group (a severity or a component).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupMetrics {
    /// How many incidents.
    pub count: usize,
    /// From impact start to detection.
    pub detect: Times,
    /// From detection to acknowledgement.
    pub acknowledge: Times,
    /// From impact start (or detection) to mitigation.
    pub mitigate: Times,
    /// From impact start (or detection) to resolution.
    pub resolve: Times,
}

impl GroupMetrics {
    /// The metrics of `group`, as it stands at `now` (only finished durations count).
    fn of(group: &[&Incident], now: DateTime<Utc>) -> GroupMetrics {
        let times = |pick: fn(&Milestones, DateTime<Utc>) -> Option<Metric>| {
            Times::of(
                group
                    .iter()
                    .filter_map(|i| pick(i.milestones(), now))
                    .filter(|m| !m.running)
                    .map(|m| m.duration)
                    .collect(),
            )
        };
        GroupMetrics {
            count: group.len(),
            detect: times(Milestones::time_to_detect),
            acknowledge: times(Milestones::time_to_acknowledge),
            mitigate: times(Milestones::time_to_mitigate),
            resolve: times(Milestones::time_to_resolve),
        }
    }
}

/// A component the metrics group incidents by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ComponentGroup {
    /// A component of the catalog, by its name there, whichever of its names
    /// (name or public name, in any case) the incidents typed.
    Catalog(String),
    /// A name the catalog does not know, as typed.
    Typed(String),
}

/// Incident metrics by severity and by component.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Metrics {
    /// By the worst severity each incident had, in the ladder's order.
    pub by_severity: Vec<(Severity, GroupMetrics)>,
    /// By affected component: the catalog's components by name, then the names
    /// the catalog does not know.
    pub by_component: Vec<(ComponentGroup, GroupMetrics)>,
}

/// Metrics of the incidents declared in `[from, to)`, each with its timeline:
/// by the worst severity it had (a SEV1 lowered to SEV3 counts as a SEV1) and
/// by the catalog component each affected name is (names the catalog does not
/// know are grouped as typed), as they stand at `now` (only finished durations
/// count).
pub fn metrics(
    incidents: &[(Incident, Timeline)],
    ladder: &SeverityLadder,
    catalog: &Catalog,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Metrics {
    let mut by_severity: BTreeMap<Severity, Vec<&Incident>> = BTreeMap::new();
    let mut by_component: BTreeMap<ComponentGroup, Vec<&Incident>> = BTreeMap::new();
    for (incident, timeline) in incidents.iter().filter(|(i, _)| i.declared_at() >= from && i.declared_at() < to) {
        by_severity.entry(worst_severity(incident, ladder, timeline)).or_default().push(incident);
        for affected in catalog.affected(incident.components()) {
            let group = match affected {
                Affected::Known(component) => ComponentGroup::Catalog(component.name().to_owned()),
                Affected::Unknown(name) => ComponentGroup::Typed(name),
            };
            by_component.entry(group).or_default().push(incident);
        }
    }
    let mut by_severity: Vec<(Severity, GroupMetrics)> =
        by_severity.into_iter().map(|(s, group)| (s, GroupMetrics::of(&group, now))).collect();
    crate::domain::order::sort_by_key(&mut by_severity, |(s, _)| ladder.rank(s));
    Metrics {
        by_severity,
        by_component: by_component.into_iter().map(|(c, group)| (c, GroupMetrics::of(&group, now))).collect(),
    }
}

/// The Monday that starts the week of `day` (weeks as ISO 8601 counts them).
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The incidents declared from `from` to `to` (both days included, in UTC),
/// each with its timeline, counted by the week they were declared in and by the
/// worst severity they had, as the metrics count them: every week of the range
/// in order, the weeks without an incident too.
pub fn incidents_by_week(
    incidents: &[(Incident, Timeline)],
    ladder: &SeverityLadder,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, BTreeMap<Severity, usize>)> {
    let mut weeks: BTreeMap<NaiveDate, BTreeMap<Severity, usize>> = BTreeMap::new();
    let mut week = week_of(from);
    while week <= to {
        weeks.insert(week, BTreeMap::new());
        week += Duration::days(7);
    }
    for (incident, timeline) in incidents {
        let day = incident.declared_at().date_naive();
        if day < from || day > to {
            continue;
        }
        if let Some(counts) = weeks.get_mut(&week_of(day)) {
            *counts.entry(worst_severity(incident, ladder, timeline)).or_default() += 1;
        }
    }
    weeks.into_iter().collect()
}

/// The plan's open items (committed or in progress) with a due date, counted by
/// the week they are due in and by owner: the weeks that have any, in order.
pub fn open_items_by_week(rows: &[PlanRow]) -> Vec<(NaiveDate, BTreeMap<String, usize>)> {
    let mut weeks: BTreeMap<NaiveDate, BTreeMap<String, usize>> = BTreeMap::new();
    for row in rows {
        let open = matches!(row.item.status, ItemStatus::Committed | ItemStatus::InProgress);
        if let (true, Some(due)) = (open, row.item.due) {
            *weeks.entry(week_of(due)).or_default().entry(row.item.owner.clone()).or_default() += 1;
        }
    }
    weeks.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::review::{ItemDraft, ItemKind, Priority};
    use crate::domain::{Declaration, EntryId, IncidentId, Stamp};
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    fn incident(n: u64, severity: &str, day: u32) -> Incident {
        let declaration =
            Declaration { title: format!("i{n}"), severity: Severity::new(severity), reason: String::new() };
        Incident::declare(
            IncidentId::from_parts(n, 0),
            declaration,
            Stamp::new(EntryId::from_parts(n, 0), at(day, 9), ""),
        )
        .unwrap()
        .0
    }

    fn draft(title: &str, owner: &str, due: Option<(u32, u32)>, status: ItemStatus) -> ItemDraft {
        ItemDraft {
            title: title.into(),
            kind: ItemKind::Fix,
            owner: owner.into(),
            team: "SRE".into(),
            due: due.and_then(|(m, d)| NaiveDate::from_ymd_opt(2026, m, d)),
            priority: Priority::Normal,
            status,
            link: String::new(),
        }
    }

    #[test]
    fn review_due_follows_the_worst_severity() {
        let ladder = SeverityLadder::default();
        let sev1 = incident(1, "SEV1", 23);
        let timeline = Timeline::default();
        assert_eq!(review_due(&sev1, &ladder, &timeline), NaiveDate::from_ymd_opt(2026, 11, 26));
        let sev2 = incident(2, "SEV2", 27);
        assert_eq!(review_due(&sev2, &ladder, &timeline), NaiveDate::from_ymd_opt(2026, 12, 4), "business days");
        let (lowered, entry) = sev1
            .change_severity(Severity::new("SEV3"), "contained", Stamp::new(EntryId::from_parts(9, 9), at(23, 10), ""))
            .unwrap();
        let timeline = Timeline::from_entries(vec![entry]);
        assert_eq!(
            review_due(&lowered, &ladder, &timeline),
            NaiveDate::from_ymd_opt(2026, 11, 26),
            "worst level counts"
        );
        assert_eq!(review_due(&incident(3, "SEV3", 23), &ladder, &Timeline::default()), None);
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(default_priority_due(&Severity::new("SEV1"), today), NaiveDate::from_ymd_opt(2026, 12, 22));
        assert_eq!(default_priority_due(&Severity::new("SEV2"), today), NaiveDate::from_ymd_opt(2027, 1, 19));
    }

    #[test]
    fn the_plan_filters_and_counts() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let now = at(24, 9);
        let a = incident(1, "SEV1", 20);
        let review = Review::start(a.id(), "Ana", now)
            .with_new_item(draft("Late", "Ana", Some((11, 20)), ItemStatus::Committed), None, "Ana", now)
            .and_then(|r| {
                r.with_new_item(draft("Soon", "Bo", Some((11, 28)), ItemStatus::InProgress), None, "Ana", now)
            })
            .and_then(|r| r.with_new_item(draft("Idea", "", None, ItemStatus::Candidate), None, "Ana", now))
            .and_then(|r| r.with_new_item(draft("Shipped", "Bo", Some((11, 10)), ItemStatus::Done), None, "Ana", now))
            .unwrap();
        let reviews = vec![(a, review)];
        let titles =
            |filter: &PlanFilter| plan(&reviews, filter, today).into_iter().map(|r| r.item.title).collect::<Vec<_>>();
        assert_eq!(titles(&PlanFilter::default()), ["Shipped", "Late", "Soon"]);
        assert_eq!(titles(&PlanFilter { overdue: true, ..PlanFilter::default() }), ["Late"]);
        assert_eq!(titles(&PlanFilter { owner: "bo".into(), ..PlanFilter::default() }), ["Shipped", "Soon"]);
        assert_eq!(titles(&PlanFilter { due_within: Some(7), ..PlanFilter::default() }), ["Late", "Soon"]);
        assert_eq!(
            titles(&PlanFilter { include_unplanned: true, ..PlanFilter::default() }),
            ["Shipped", "Late", "Soon", "Idea"]
        );
        let rows = plan(&reviews, &PlanFilter::default(), today);
        assert_eq!(counts(&rows, today), PlanCounts { shown: 3, overdue: 1, done: 1, due_this_week: 1 });
    }

    #[test]
    fn incidents_count_by_week_and_severity_with_empty_weeks_kept() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let (lowered, lowering) = incident(3, "SEV1", 17)
            .change_severity(Severity::new("SEV3"), "contained", Stamp::new(EntryId::from_parts(9, 9), at(17, 10), ""))
            .unwrap();
        let incidents = [
            (incident(1, "SEV1", 3), Timeline::default()),
            (incident(2, "SEV2", 4), Timeline::default()),
            (lowered, Timeline::from_entries(vec![lowering])),
            (incident(4, "SEV1", 30), Timeline::default()),
        ];
        let weeks = incidents_by_week(&incidents, &SeverityLadder::default(), day(4), day(20));
        let weeks: Vec<_> = weeks
            .into_iter()
            .map(|(week, counts)| (week, counts.into_iter().map(|(s, n)| (s.to_string(), n)).collect::<Vec<_>>()))
            .collect();
        assert_eq!(
            weeks,
            [(day(2), vec![("SEV2".to_owned(), 1)]), (day(9), vec![]), (day(16), vec![("SEV1".to_owned(), 1)]),],
            "the 3rd is before the range and the 30th after it; the week of the 9th had none; the SEV1 lowered to SEV3 counts as a SEV1"
        );
    }

    #[test]
    fn open_items_count_by_due_week_and_owner() {
        let now = at(24, 9);
        let a = incident(1, "SEV1", 20);
        let review = Review::start(a.id(), "Ana", now)
            .with_new_item(draft("Late", "Ana", Some((11, 20)), ItemStatus::Committed), None, "Ana", now)
            .and_then(|r| {
                r.with_new_item(draft("Soon", "Bo", Some((11, 18)), ItemStatus::InProgress), None, "Ana", now)
            })
            .and_then(|r| r.with_new_item(draft("Later", "Bo", Some((12, 2)), ItemStatus::Committed), None, "Ana", now))
            .and_then(|r| r.with_new_item(draft("Shipped", "Bo", Some((11, 10)), ItemStatus::Done), None, "Ana", now))
            .unwrap();
        let rows = plan(&[(a, review)], &PlanFilter::default(), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        let weeks = open_items_by_week(&rows);
        let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            weeks,
            [
                (day(11, 16), BTreeMap::from([("Ana".to_owned(), 1), ("Bo".to_owned(), 1)])),
                (day(11, 30), BTreeMap::from([("Bo".to_owned(), 1)])),
            ]
        );
    }

    /// `incident` with each milestone set to the minute after 09:00 of its day.
    fn with_milestones(incident: Incident, minutes: &[(Milestone, i64)]) -> Incident {
        let start = incident.declared_at();
        minutes.iter().fold(incident, |incident, (milestone, minute)| {
            let stamp = Stamp::new(EntryId::from_parts(99, *minute as u128), start, "");
            incident.set_milestone(*milestone, start + Duration::minutes(*minute), stamp).unwrap().0
        })
    }

    #[test]
    fn times_have_means_and_medians_of_odd_and_even_counts() {
        let minutes = |m: &[i64]| m.iter().map(|m| Duration::minutes(*m)).collect::<Vec<_>>();
        assert_eq!(Times::of(Vec::new()), Times { measured: 0, mean: None, median: None });
        let odd = Times::of(minutes(&[30, 5, 10]));
        assert_eq!((odd.measured, odd.mean, odd.median), (3, Some(Duration::minutes(15)), Some(Duration::minutes(10))));
        let even = Times::of(minutes(&[40, 5, 10, 1]));
        assert_eq!(even.median, Some(Duration::seconds(450)), "the mean of the middle two, 5 and 10 minutes");
        assert_eq!(even.mean, Some(Duration::seconds(840)));
    }

    #[test]
    fn metrics_group_by_the_worst_severity_and_the_catalog_component() {
        use crate::domain::catalog::{Component, ComponentDraft, ComponentId};
        let ladder = SeverityLadder::default();
        let catalog = Catalog::default()
            .with_component(
                Component::new(
                    ComponentId::new("pay").unwrap(),
                    ComponentDraft {
                        name: "Payments API".into(),
                        public_name: "Payments".into(),
                        ..Default::default()
                    },
                )
                .unwrap(),
            )
            .unwrap();
        let stamp = |n: u64| Stamp::new(EntryId::from_parts(n, 1), at(20, 10), "");
        // A SEV1 lowered to SEV3, naming the component by its public name.
        let (lowered, lowering) =
            incident(1, "SEV1", 20).change_severity(Severity::new("SEV3"), "contained", stamp(1)).unwrap();
        let (lowered, _) = lowered.change_components(&["payments".into()], stamp(2)).unwrap();
        let lowered = with_milestones(
            lowered,
            &[(Milestone::ImpactStarted, 0), (Milestone::Detected, 10), (Milestone::Acknowledged, 15)],
        );
        // A SEV3 all along, naming the component by its name and one the catalog lacks.
        let (sev3, _) =
            incident(2, "SEV3", 21).change_components(&["Payments API".into(), "Edge cache".into()], stamp(3)).unwrap();
        let sev3 = with_milestones(
            sev3,
            &[
                (Milestone::ImpactStarted, 0),
                (Milestone::Detected, 20),
                (Milestone::Acknowledged, 30),
                (Milestone::Mitigated, 40),
                (Milestone::Resolved, 60),
            ],
        );
        let outside = incident(3, "SEV2", 2);
        let incidents = [
            (lowered, Timeline::from_entries(vec![lowering])),
            (sev3, Timeline::default()),
            (outside, Timeline::default()),
        ];
        let m = metrics(&incidents, &ladder, &catalog, at(10, 0), at(25, 0), at(24, 0));

        let severities: Vec<_> = m.by_severity.iter().map(|(s, g)| (s.to_string(), g.count)).collect();
        assert_eq!(severities, [("SEV1".to_owned(), 1), ("SEV3".to_owned(), 1)], "the lowered SEV1 counts as a SEV1");
        let sev1 = m.by_severity[0].1;
        assert_eq!(sev1.detect.mean, Some(Duration::minutes(10)));
        assert_eq!(sev1.acknowledge.median, Some(Duration::minutes(5)));
        assert_eq!(sev1.mitigate, Times::default(), "not mitigated: no time, not a running one");
        assert_eq!(sev1.resolve.measured, 0);

        let components: Vec<_> = m.by_component.iter().map(|(c, g)| (c.clone(), g.count)).collect();
        assert_eq!(
            components,
            [(ComponentGroup::Catalog("Payments API".into()), 2), (ComponentGroup::Typed("Edge cache".into()), 1)],
            "the public name and the name are one component; the unknown name stays as typed"
        );
        let payments = m.by_component[0].1;
        assert_eq!(payments.detect.measured, 2);
        assert_eq!(payments.detect.mean, Some(Duration::minutes(15)));
        assert_eq!(payments.detect.median, Some(Duration::minutes(15)), "the median of two is their mean");
        assert_eq!(payments.acknowledge.mean, Some(Duration::seconds(450)));
        assert_eq!((payments.mitigate.measured, payments.mitigate.median), (1, Some(Duration::minutes(40))));
        assert_eq!(payments.resolve.mean, Some(Duration::minutes(60)));
    }
}
