//! The plan's one read of the store: every incident with its timeline, its
//! review and the review's due date. The plan's writes (an item moved on inline)
//! go through the review's command layer (`ui::review::ReviewCommands`).

use crate::domain::plan::review_due;
use crate::domain::{Incident, Review, Timeline};
use crate::ui::common::context::AppContext;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::convert::Infallible;

/// One incident as the plan reads it.
#[derive(Clone)]
pub struct Reviewed {
    /// The incident.
    pub incident: Incident,
    /// Its timeline, for the worst severity it had.
    pub timeline: Timeline,
    /// Its review, once started.
    pub review: Option<Review>,
    /// When the review is due, if its severity asks for one.
    pub due: Option<NaiveDate>,
}

/// What the page loaded: every incident, newest first.
#[derive(Clone, Default)]
pub struct Loaded {
    pub incidents: Vec<Reviewed>,
}

impl Loaded {
    /// The incidents that have a review, with it.
    pub fn reviewed(&self) -> Vec<(Incident, Review)> {
        self.incidents.iter().filter_map(|r| r.review.clone().map(|review| (r.incident.clone(), review))).collect()
    }

    /// Every incident with its timeline.
    pub fn timelines(&self) -> Vec<(Incident, Timeline)> {
        self.incidents.iter().map(|r| (r.incident.clone(), r.timeline.clone())).collect()
    }

    /// Shows `review` as its incident's review, as stored.
    pub fn with_review(&mut self, review: Review) {
        if let Some(row) = self.incidents.iter_mut().find(|r| r.incident.id() == review.incident()) {
            row.review = Some(review);
        }
    }
}

/// Reads every incident and review, and each incident's timeline for its due
/// date and worst severity. A failure to read the incidents or the reviews goes
/// to the problem banner and leaves the page empty; an unreadable timeline
/// counts as empty.
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
        rows.push(Reviewed { incident, timeline, review, due });
    }
    crate::domain::order::sort_by_key(&mut rows, |r| std::cmp::Reverse(r.incident.declared_at()));
    Loaded { incidents: rows }
}
