//! What the severity ladder editor holds and says: which form is open, the
//! level form as typed, why it was not saved or removed, and the words for a
//! level's cadence, review rule and cadence warnings. Shared by the ladder list (`ladder.rs`) and the
//! level form (`level_form.rs`).

use super::ladder_text::LadderText;
use crate::domain::severity::{LadderError, LevelDraft, Place, RemoveError, Removed, Review, Uses, MAX_LEVEL_NAME};
use crate::domain::{Severity, SeverityLadder, SeverityLevel};
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// Which form is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Editing {
    Level(Severity),
    New,
}

/// What the status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Notice {
    Saving,
    Saved,
    Moved(Severity),
    /// Reading what uses the level (by name) before removing it.
    Checking(String),
    /// The level was removed; it can be put back.
    Removed(Removed),
    /// A removed level is back.
    Restored(Severity),
    /// The level (by name) was not removed, and why.
    NotRemoved(String, RemoveError),
    /// A removed level (by name) could not be put back: its name is taken.
    NotRestored(String),
}

/// Why the form was not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FormProblem {
    Ladder(LadderError),
    MinutesInvalid,
    DaysInvalid,
    NotSaved,
    /// Another tab changed (or removed) the level since the form was opened on
    /// it; the level as it is now.
    Changed(Option<SeverityLevel>),
}

/// The form control a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Name,
    Minutes,
    Days,
    Form,
}

impl FormProblem {
    pub(super) fn field(&self) -> Field {
        match self {
            Self::Ladder(LadderError::EmptyName | LadderError::NameTooLong | LadderError::DuplicateName(_)) => {
                Field::Name
            }
            Self::Ladder(LadderError::ZeroCadence) | Self::MinutesInvalid => Field::Minutes,
            Self::DaysInvalid => Field::Days,
            Self::Ladder(LadderError::Unknown(_)) | Self::NotSaved | Self::Changed(_) => Field::Form,
        }
    }

    /// The message, in words a responder can act on.
    pub(super) fn message(&self, text: &LadderText, ladder: &SeverityLadder) -> String {
        let max = MAX_LEVEL_NAME.to_string();
        match self {
            Self::Ladder(LadderError::EmptyName) => text.name_empty.to_owned(),
            Self::Ladder(LadderError::NameTooLong) => fill(text.name_too_long, &[("max", &max)]),
            Self::Ladder(LadderError::DuplicateName(name)) => {
                // Name the level as it is spelled on the ladder.
                let existing = ladder.levels().iter().map(SeverityLevel::name).find(|n| n.eq_ignore_ascii_case(name));
                fill(text.name_taken, &[("name", existing.unwrap_or(name))])
            }
            Self::Ladder(LadderError::ZeroCadence) => text.cadence_zero.to_owned(),
            Self::Ladder(LadderError::Unknown(_)) => text.level_gone.to_owned(),
            Self::MinutesInvalid => text.minutes_invalid.to_owned(),
            Self::DaysInvalid => text.days_invalid.to_owned(),
            Self::NotSaved => text.not_saved.to_owned(),
            Self::Changed(Some(_)) => text.level_changed_elsewhere.to_owned(),
            Self::Changed(None) => text.level_gone.to_owned(),
        }
    }
}

/// The review choice as the form's drop-down holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rule {
    NotRequired,
    Optional,
    Required,
}

impl Rule {
    pub(super) const ALL: [Rule; 3] = [Self::NotRequired, Self::Optional, Self::Required];

    pub(super) fn key(self) -> &'static str {
        match self {
            Self::NotRequired => "not-required",
            Self::Optional => "optional",
            Self::Required => "required",
        }
    }

    pub(super) fn label(self, text: &LadderText) -> &'static str {
        match self {
            Self::NotRequired => text.review_option_not_required,
            Self::Optional => text.review_option_optional,
            Self::Required => text.review_option_required,
        }
    }
}

/// What the form holds, as typed.
#[derive(Clone, Copy)]
pub(super) struct LevelForm {
    pub(super) name: RwSignal<String>,
    pub(super) impact: RwSignal<String>,
    pub(super) response: RwSignal<String>,
    pub(super) minutes: RwSignal<String>,
    pub(super) rule: RwSignal<Rule>,
    pub(super) days: RwSignal<String>,
    pub(super) business_days: RwSignal<bool>,
    /// Where a new level goes.
    pub(super) place: RwSignal<Place>,
}

/// The days a newly required review gets before the responder changes them.
const DEFAULT_REVIEW_DAYS: &str = "5";

impl LevelForm {
    pub(super) fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            impact: RwSignal::new(String::new()),
            response: RwSignal::new(String::new()),
            minutes: RwSignal::new(String::new()),
            rule: RwSignal::new(Rule::NotRequired),
            days: RwSignal::new(DEFAULT_REVIEW_DAYS.to_owned()),
            business_days: RwSignal::new(false),
            place: RwSignal::new(Place::Bottom),
        }
    }

    /// Shows `level` in the form, or an empty form for a new level.
    pub(super) fn fill_from(&self, level: Option<&SeverityLevel>) {
        self.name.set(level.map(|l| l.name().to_owned()).unwrap_or_default());
        self.impact.set(level.and_then(SeverityLevel::impact).unwrap_or_default().to_owned());
        self.response.set(level.and_then(SeverityLevel::response).unwrap_or_default().to_owned());
        self.minutes.set(level.and_then(SeverityLevel::update_minutes).map(|m| m.to_string()).unwrap_or_default());
        let (rule, days, business_days) = match level.map(SeverityLevel::review) {
            Some(Review::Required { within_days, business_days }) => {
                (Rule::Required, within_days.to_string(), business_days)
            }
            Some(Review::Optional) => (Rule::Optional, DEFAULT_REVIEW_DAYS.to_owned(), false),
            Some(Review::NotRequired) | None => (Rule::NotRequired, DEFAULT_REVIEW_DAYS.to_owned(), false),
        };
        self.rule.set(rule);
        self.days.set(days);
        self.business_days.set(business_days);
        self.place.set(Place::Bottom);
    }

    /// The draft the form describes, or why it does not describe one. The ladder
    /// checks the name and the cadence.
    pub(super) fn draft(&self) -> Result<LevelDraft, FormProblem> {
        let update_minutes = whole_number(&self.minutes.get_untracked()).map_err(|()| FormProblem::MinutesInvalid)?;
        let review = match self.rule.get_untracked() {
            Rule::NotRequired => Review::NotRequired,
            Rule::Optional => Review::Optional,
            Rule::Required => match whole_number(&self.days.get_untracked()) {
                Ok(Some(within_days)) if within_days > 0 => {
                    Review::Required { within_days, business_days: self.business_days.get_untracked() }
                }
                _ => return Err(FormProblem::DaysInvalid),
            },
        };
        Ok(LevelDraft {
            name: self.name.get_untracked(),
            impact: self.impact.get_untracked(),
            response: self.response.get_untracked(),
            update_minutes,
            review,
        })
    }
}

/// A whole number as typed (full-width digits from an input method included);
/// `None` when the field is empty.
fn whole_number(typed: &str) -> Result<Option<u32>, ()> {
    let digits: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            c => c,
        })
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(());
    }
    digits.parse().map(Some).map_err(|_| ())
}

/// The warnings the level in the form would be part of, with the cadence as
/// typed (none while it is not a number): read as typed (tracked).
pub(super) fn form_warnings(
    text: &LadderText,
    ladder: &SeverityLadder,
    editing: &Editing,
    form: &LevelForm,
) -> Vec<String> {
    let Ok(minutes) = whole_number(&form.minutes.get()) else { return Vec::new() };
    let id = match editing {
        Editing::Level(id) => id.clone(),
        Editing::New => Severity::new(""),
    };
    let warnings = form.place.with(|place| ladder.cadence_warnings_if(&id, minutes, place));
    warnings
        .into_iter()
        .map(|w| {
            if w.worse == id {
                fill(text.form_cadence_slower, &[("milder", ladder.name(&w.milder))])
            } else {
                fill(text.form_cadence_faster, &[("worse", ladder.name(&w.worse))])
            }
        })
        .collect()
}

/// What stops a level from being removed, line by line: why, then the
/// incidents and the runbooks that use it (the first few by name).
pub(super) fn not_removed(text: &LadderText, name: &str, why: &RemoveError) -> Vec<String> {
    match why {
        RemoveError::InUse(Uses { incidents, runbooks }) => {
            let mut lines = vec![fill(text.in_use, &[("name", name)])];
            if !incidents.is_empty() {
                let (count, titles) = (incidents.len().to_string(), listed(text, incidents));
                lines.push(fill(text.in_use_incidents, &[("count", &count), ("titles", &titles)]));
            }
            if !runbooks.is_empty() {
                let (count, names) = (runbooks.len().to_string(), listed(text, runbooks));
                lines.push(fill(text.in_use_runbooks, &[("count", &count), ("names", &names)]));
            }
            lines
        }
        RemoveError::LastLevel => vec![text.last_level.to_owned()],
        RemoveError::Unknown(_) => vec![text.level_gone.to_owned()],
    }
}

/// The most items a refusal names before it counts the rest.
const LISTED: usize = 5;

/// `items` joined, the first few named and the rest counted.
fn listed(text: &LadderText, items: &[String]) -> String {
    let list = items.iter().take(LISTED).map(String::as_str).collect::<Vec<_>>().join(text.list_separator);
    if items.len() > LISTED {
        fill(text.list_more, &[("list", &list), ("count", &(items.len() - LISTED).to_string())])
    } else {
        list
    }
}

/// How often a level asks for status updates.
pub(super) fn cadence(text: &LadderText, minutes: Option<u32>) -> String {
    match minutes {
        None => text.updates_none.to_owned(),
        Some(m) if m >= 60 && m % 60 == 0 => fill(text.updates_every_hours, &[("hours", &(m / 60).to_string())]),
        Some(m) => fill(text.updates_every_minutes, &[("minutes", &m.to_string())]),
    }
}

/// When a level's review is due.
pub(super) fn review_rule(text: &LadderText, review: Review) -> String {
    match review {
        Review::NotRequired => text.review_not_required.to_owned(),
        Review::Optional => text.review_optional.to_owned(),
        Review::Required { within_days: 1, business_days: false } => text.review_within_one_day.to_owned(),
        Review::Required { within_days: 1, business_days: true } => text.review_within_one_business_day.to_owned(),
        Review::Required { within_days, business_days } => {
            let template = if business_days { text.review_within_business_days } else { text.review_within_days };
            fill(template, &[("days", &within_days.to_string())])
        }
    }
}

pub(super) fn edit_button_id(id: &Severity) -> String {
    format!("ladder-edit-{id}")
}

pub(super) fn move_button_id(id: &Severity, up: bool) -> String {
    format!("ladder-{}-{id}", if up { "up" } else { "down" })
}

pub(super) fn remove_button_id(id: &Severity) -> String {
    format!("ladder-remove-{id}")
}

pub(super) const ADD_BUTTON_ID: &str = "ladder-add";

pub(super) const UNDO_BUTTON_ID: &str = "ladder-undo";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_whole_and_may_be_full_width() {
        assert_eq!(whole_number(" 30 "), Ok(Some(30)));
        assert_eq!(whole_number("３０"), Ok(Some(30)));
        assert_eq!(whole_number(""), Ok(None));
        assert_eq!(whole_number("1.5"), Err(()));
        assert_eq!(whole_number("-3"), Err(()));
        assert_eq!(whole_number("99999999999"), Err(()));
    }

    #[test]
    fn rules_read_as_sentences() {
        let en = &crate::ui::settings::ladder_text::EN;
        assert_eq!(cadence(en, Some(20)), "Status updates every 20 min");
        assert_eq!(cadence(en, Some(240)), "Status updates every 4 h");
        assert_eq!(cadence(en, None), "No status updates");
        let review = |within_days, business_days| review_rule(en, Review::Required { within_days, business_days });
        assert_eq!(review(3, false), "Review required within 3 days");
        assert_eq!(review(5, true), "Review required within 5 business days");
        assert_eq!(review(1, false), "Review required within 1 day");
        assert_eq!(review_rule(en, Review::Optional), "Review optional");
        assert_eq!(review_rule(en, Review::NotRequired), "Review not required");
    }

    #[test]
    fn a_refused_removal_names_what_uses_the_level() {
        let en = &crate::ui::settings::ladder_text::EN;
        let titles: Vec<String> = (1..=7).map(|n| format!("Outage {n}")).collect();
        let uses = Uses { incidents: titles, runbooks: vec!["Major incident".into()] };
        assert_eq!(
            not_removed(en, "SEV2", &RemoveError::InUse(uses)),
            [
                "SEV2 cannot be removed while anything uses it: an incident's history or a runbook would name a level that no longer exists.",
                "Incidents at this level now or earlier (7): Outage 1, Outage 2, Outage 3, Outage 4, Outage 5 and 2 more",
                "Runbooks that attach at it or condition a step on it (1): Major incident",
            ]
        );
    }
}
