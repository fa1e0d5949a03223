//! A date typed as text, `YYYY-MM-DD`, read with [`time::read_typed_date`] when
//! it is used: what the field holds, and why it was refused, until it is typed
//! in again. The due dates of the review and the plan and the metrics' range
//! read their dates through it.

use super::time::{self, DateRefusal};
use super::time_text::TimeText;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Why what a date field holds was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Refused, with what was typed.
    Refused(DateRefusal, String),
    /// Empty where a date is needed.
    Missing,
}

/// A date field: the text it holds and why it was last refused.
#[derive(Debug, Clone, Copy, Default)]
pub struct TypedDate {
    /// What the field holds, as typed.
    pub text: RwSignal<String>,
    /// Why it was not used, until it is typed in again.
    pub problem: RwSignal<Option<DateProblem>>,
}

impl TypedDate {
    /// A field holding `text`.
    pub fn new(text: String) -> Self {
        TypedDate { text: RwSignal::new(text), problem: RwSignal::new(None) }
    }

    /// A field holding `date`, or empty.
    pub fn holding(date: Option<NaiveDate>) -> Self {
        Self::new(date.map(|d| d.to_string()).unwrap_or_default())
    }

    /// Reads what the field holds: the date, or `None` when it is empty. A date
    /// cut short or impossible is refused: the field keeps it and says why.
    pub fn read(&self) -> Result<Option<NaiveDate>, ()> {
        let typed = self.text.get_untracked();
        let read = time::read_typed_date(&typed).map_err(|refusal| DateProblem::Refused(refusal, typed));
        self.problem.set(read.as_ref().err().cloned());
        read.map_err(|_| ())
    }

    /// Reads a date that is needed: empty is refused too.
    pub fn read_needed(&self) -> Option<NaiveDate> {
        let date = self.read().ok()?;
        if date.is_none() {
            self.problem.set(Some(DateProblem::Missing));
        }
        date
    }

    /// The field was typed in: the problem is gone until it is read again.
    pub fn typed(&self) {
        if self.problem.get_untracked().is_some() {
            self.problem.set(None);
        }
    }

    /// Whether the field's date was refused, for `aria-invalid`.
    pub fn invalid(&self) -> bool {
        self.problem.with(Option::is_some)
    }

    /// Why the field's date was not used, in words.
    pub fn message(&self, text: &TimeText) -> Option<String> {
        self.problem.get().map(|problem| match problem {
            DateProblem::Refused(refusal, typed) => text.date_refusal(refusal, &typed),
            DateProblem::Missing => text.date_missing.to_owned(),
        })
    }
}
