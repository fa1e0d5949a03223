//! Milestones of an incident and the durations measured between them.
//!
//! The five milestones happen in a fixed order: impact started, detected,
//! acknowledged, mitigated, resolved. Each may be set to any time, back-dated
//! included, as long as the order holds; a time that would break it is refused
//! with both times named.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A point in the life of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// Customers started to be affected.
    ImpactStarted,
    /// Someone or something noticed.
    Detected,
    /// A responder took it on.
    Acknowledged,
    /// Customers stopped being affected, perhaps by a workaround.
    Mitigated,
    /// The fault is fixed.
    Resolved,
}

impl Milestone {
    /// Every milestone, in the order they must happen.
    pub const ALL: [Milestone; 5] =
        [Self::ImpactStarted, Self::Detected, Self::Acknowledged, Self::Mitigated, Self::Resolved];

    /// A stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            Self::ImpactStarted => "impact_started",
            Self::Detected => "detected",
            Self::Acknowledged => "acknowledged",
            Self::Mitigated => "mitigated",
            Self::Resolved => "resolved",
        }
    }
}

/// A milestone time that would break the order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{milestone:?} at {at} would come {} {other:?} at {other_at}", if *.before { "before" } else { "after" })]
pub struct OutOfOrder {
    /// The milestone being set.
    pub milestone: Milestone,
    /// The time it was to be set to.
    pub at: DateTime<Utc>,
    /// The milestone it conflicts with.
    pub other: Milestone,
    /// That milestone's time.
    pub other_at: DateTime<Utc>,
    /// Whether `at` is before `other_at` although `milestone` comes after `other`
    /// (otherwise it is after although it comes before).
    pub before: bool,
}

/// The milestones set so far.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "BTreeMap<Milestone, DateTime<Utc>>", into = "BTreeMap<Milestone, DateTime<Utc>>")]
pub struct Milestones {
    times: BTreeMap<Milestone, DateTime<Utc>>,
}

impl TryFrom<BTreeMap<Milestone, DateTime<Utc>>> for Milestones {
    type Error = OutOfOrder;

    fn try_from(times: BTreeMap<Milestone, DateTime<Utc>>) -> Result<Self, Self::Error> {
        let mut milestones = Milestones::default();
        for (milestone, at) in times {
            milestones = milestones.with(milestone, at)?;
        }
        Ok(milestones)
    }
}

impl From<Milestones> for BTreeMap<Milestone, DateTime<Utc>> {
    fn from(milestones: Milestones) -> Self {
        milestones.times
    }
}

/// The durations between milestones; `None` until both ends are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metric {
    /// How long it took, or has taken so far.
    pub duration: Duration,
    /// Whether the end is not reached yet and the duration runs until now.
    pub running: bool,
}

impl Milestones {
    /// When a milestone was reached, if set.
    pub fn get(&self, milestone: Milestone) -> Option<DateTime<Utc>> {
        self.times.get(&milestone).copied()
    }

    /// These milestones with `milestone` set to `at`, if the order still holds.
    pub fn with(&self, milestone: Milestone, at: DateTime<Utc>) -> Result<Milestones, OutOfOrder> {
        for (&other, &other_at) in &self.times {
            let conflict = (other < milestone && at < other_at) || (other > milestone && at > other_at);
            if other != milestone && conflict {
                return Err(OutOfOrder { milestone, at, other, other_at, before: other < milestone });
            }
        }
        let mut times = self.times.clone();
        times.insert(milestone, at);
        Ok(Self { times })
    }

    fn between(&self, from: Milestone, to: Milestone, now: DateTime<Utc>) -> Option<Metric> {
        let start = self.get(from)?;
        match self.get(to) {
            Some(end) => Some(Metric { duration: end - start, running: false }),
            None => Some(Metric { duration: (now - start).max(Duration::zero()), running: true }),
        }
    }

    /// Time to detect: from impact start to detection.
    pub fn time_to_detect(&self, now: DateTime<Utc>) -> Option<Metric> {
        self.between(Milestone::ImpactStarted, Milestone::Detected, now)
    }

    /// Time to acknowledge: from detection to acknowledgement.
    pub fn time_to_acknowledge(&self, now: DateTime<Utc>) -> Option<Metric> {
        self.between(Milestone::Detected, Milestone::Acknowledged, now)
    }

    /// Time to mitigate: from impact start (or detection) to mitigation.
    pub fn time_to_mitigate(&self, now: DateTime<Utc>) -> Option<Metric> {
        self.between(self.start(), Milestone::Mitigated, now)
    }

    /// Time to resolve: from impact start (or detection) to resolution.
    pub fn time_to_resolve(&self, now: DateTime<Utc>) -> Option<Metric> {
        self.between(self.start(), Milestone::Resolved, now)
    }

    fn start(&self) -> Milestone {
        if self.times.contains_key(&Milestone::ImpactStarted) {
            Milestone::ImpactStarted
        } else {
            Milestone::Detected
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    #[test]
    fn milestones_keep_their_order() {
        let m = Milestones::default().with(Milestone::Detected, at(10)).unwrap();
        let m = m.with(Milestone::ImpactStarted, at(2)).unwrap();
        let err = m.with(Milestone::Acknowledged, at(5)).unwrap_err();
        assert_eq!(
            err,
            OutOfOrder {
                milestone: Milestone::Acknowledged,
                at: at(5),
                other: Milestone::Detected,
                other_at: at(10),
                before: true
            }
        );
        let err = m.with(Milestone::ImpactStarted, at(11)).unwrap_err();
        assert_eq!((err.other, err.before), (Milestone::Detected, false));
        assert!(m.with(Milestone::Detected, at(2)).is_ok(), "equal times are in order");
    }

    #[test]
    fn metrics_run_until_their_end_is_set() {
        let m = Milestones::default()
            .with(Milestone::ImpactStarted, at(0))
            .and_then(|m| m.with(Milestone::Detected, at(4)))
            .unwrap();
        assert_eq!(m.time_to_detect(at(30)), Some(Metric { duration: Duration::minutes(4), running: false }));
        assert_eq!(m.time_to_acknowledge(at(30)), Some(Metric { duration: Duration::minutes(26), running: true }));
        assert_eq!(m.time_to_resolve(at(30)), Some(Metric { duration: Duration::minutes(30), running: true }));
        assert_eq!(Milestones::default().time_to_detect(at(30)), None);
    }

    #[test]
    fn stored_milestones_out_of_order_do_not_decode() {
        let json = serde_json::json!({"detected": "2026-11-24T09:10:00Z", "impact_started": "2026-11-24T09:20:00Z"});
        assert!(serde_json::from_value::<Milestones>(json).is_err());
    }
}
