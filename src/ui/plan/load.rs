//! The plan's one read of the store: every incident with its review and the
//! review's due date. The plan writes nothing.

use crate::domain::plan::review_due;
use crate::domain::{Incident, Review, Timeline};
use crate::ui::common::context::AppContext;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::convert::Infallible;

/// What the page loaded: every incident with its review (if any) and the review's
/// due date, newest first.
#[derive(Clone, Default)]
pub struct Loaded {
    pub incidents: Vec<(Incident, Option<Review>, Option<NaiveDate>)>,
}

impl Loaded {
    /// The incidents that have a review, with it.
    pub fn reviewed(&self) -> Vec<(Incident, Review)> {
        self.incidents.iter().filter_map(|(i, r, _)| r.clone().map(|r| (i.clone(), r))).collect()
    }
}

/// Reads every incident and review, and each incident's timeline for its due
/// date. A failure to read the incidents or the reviews goes to the problem
/// banner and leaves the page empty; an unreadable timeline counts as empty.
pub async fn load(context: AppContext) -> Loaded {
    let store = context.store();
    let read = match (store.incidents().await, store.reviews().await) {
        (Ok(i), Ok(r)) => Ok((i.items, r.items)),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let Ok((incidents, reviews)) = context.report::<_, Infallible>(read) else { return Loaded::default() };
    let ladder = context.settings.with_untracked(|s| s.ladder().clone());
    let mut rows = Vec::new();
    for incident in incidents {
        let review = reviews.iter().find(|r| r.incident() == incident.id()).cloned();
        let timeline = store.timeline(incident.id()).await.map(|t| Timeline::from_entries(t.items)).unwrap_or_default();
        let due = review_due(&incident, &ladder, &timeline);
        rows.push((incident, review, due));
    }
    rows.sort_by_key(|(i, _, _)| std::cmp::Reverse(i.declared_at()));
    Loaded { incidents: rows }
}
