//! The severity ladder: ordered levels, each defined by customer impact.
//!
//! A [`Severity`] is the stable id of a level; the [`SeverityLadder`] in the
//! workspace settings says its name, its place (worst first) and what it demands.
//! The default ladder is PRODUCT.md §3: SEV1..SEV4, whose ids are their default
//! names. Levels can be renamed, edited, added and reordered; ids never change, so
//! incidents and runbook conditions keep pointing at the same level.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable id of a severity level.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Severity(String);

impl Severity {
    /// The id of a level; built-in levels are `SEV1`..`SEV4`.
    pub fn new(id: &str) -> Self {
        Self(id.to_owned())
    }

    /// The built-in level with rank `n` (1 is the worst), if there is one.
    pub fn builtin(rank: u8) -> Option<Self> {
        (1..=4).contains(&rank).then(|| Self(format!("SEV{rank}")))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Which built-in level this is (1..=4), if any.
    pub fn builtin_rank(&self) -> Option<u8> {
        match self.0.as_str() {
            "SEV1" => Some(1),
            "SEV2" => Some(2),
            "SEV3" => Some(3),
            "SEV4" => Some(4),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// When a post-incident review is due for a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Review {
    /// No review is expected.
    NotRequired,
    /// A review is welcome but not required.
    Optional,
    /// A review is required within this many days of resolution.
    Required {
        /// The number of days.
        within_days: u32,
        /// Whether the days are business days (Monday to Friday).
        business_days: bool,
    },
}

/// One level of the ladder. Text fields left `None` on a built-in level show the
/// default wording of PRODUCT.md §3 in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityLevel {
    id: Severity,
    name: String,
    impact: Option<String>,
    response: Option<String>,
    update_minutes: Option<u32>,
    review: Review,
}

/// The longest level name accepted, in characters.
pub const MAX_LEVEL_NAME: usize = 24;

/// What a responder fills in to add or edit a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelDraft {
    /// The short name, such as `SEV1` or `P0`.
    pub name: String,
    /// Customer impact that defines the level; empty keeps a built-in default.
    pub impact: String,
    /// Who is paged and how fast; empty keeps a built-in default.
    pub response: String,
    /// Minutes between status updates, if updates are due.
    pub update_minutes: Option<u32>,
    /// When a review is due.
    pub review: Review,
}

/// Why a ladder change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LadderError {
    /// The level name is empty.
    #[error("the level needs a name")]
    EmptyName,
    /// The level name is too long.
    #[error("the level name is longer than {MAX_LEVEL_NAME} characters")]
    NameTooLong,
    /// Another level already has this name.
    #[error("another level is already called {0}")]
    DuplicateName(String),
    /// Status updates cannot be due every zero minutes.
    #[error("the status-update cadence must be at least one minute")]
    ZeroCadence,
    /// No level has this id.
    #[error("there is no level {0}")]
    Unknown(Severity),
}

impl SeverityLevel {
    fn builtin(rank: u8, update_minutes: Option<u32>, review: Review) -> Self {
        let id = Severity::builtin(rank).unwrap_or_else(|| Severity::new("SEV1"));
        Self { name: id.0.clone(), id, impact: None, response: None, update_minutes, review }
    }

    /// The level's id.
    pub fn id(&self) -> &Severity {
        &self.id
    }

    /// The level's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The customer impact that defines it, if not the built-in default.
    pub fn impact(&self) -> Option<&str> {
        self.impact.as_deref()
    }

    /// The expected response, if not the built-in default.
    pub fn response(&self) -> Option<&str> {
        self.response.as_deref()
    }

    /// Minutes between status updates, if updates are due.
    pub fn update_minutes(&self) -> Option<u32> {
        self.update_minutes
    }

    /// When a review is due.
    pub fn review(&self) -> Review {
        self.review
    }
}

/// The ordered severity levels of a workspace, worst first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<SeverityLevel>", into = "Vec<SeverityLevel>")]
pub struct SeverityLadder {
    levels: Vec<SeverityLevel>,
}

impl Default for SeverityLadder {
    fn default() -> Self {
        let required = |within_days, business_days| Review::Required { within_days, business_days };
        Self {
            levels: vec![
                SeverityLevel::builtin(1, Some(20), required(3, false)),
                SeverityLevel::builtin(2, Some(30), required(5, true)),
                SeverityLevel::builtin(3, Some(240), Review::Optional),
                SeverityLevel::builtin(4, None, Review::NotRequired),
            ],
        }
    }
}

impl TryFrom<Vec<SeverityLevel>> for SeverityLadder {
    type Error = LadderError;

    fn try_from(levels: Vec<SeverityLevel>) -> Result<Self, Self::Error> {
        for (i, level) in levels.iter().enumerate() {
            check_name(&level.name)?;
            if levels[..i].iter().any(|other| other.name == level.name || other.id == level.id) {
                return Err(LadderError::DuplicateName(level.name.clone()));
            }
        }
        if levels.is_empty() {
            return Ok(Self::default());
        }
        Ok(Self { levels })
    }
}

impl From<SeverityLadder> for Vec<SeverityLevel> {
    fn from(ladder: SeverityLadder) -> Self {
        ladder.levels
    }
}

fn check_name(name: &str) -> Result<(), LadderError> {
    if name.trim().is_empty() {
        Err(LadderError::EmptyName)
    } else if name.chars().count() > MAX_LEVEL_NAME {
        Err(LadderError::NameTooLong)
    } else {
        Ok(())
    }
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

impl SeverityLadder {
    /// The levels, worst first.
    pub fn levels(&self) -> &[SeverityLevel] {
        &self.levels
    }

    /// The level with this id.
    pub fn level(&self, id: &Severity) -> Option<&SeverityLevel> {
        self.levels.iter().find(|level| &level.id == id)
    }

    /// The name to show for a level; an id no longer on the ladder shows as itself.
    pub fn name<'a>(&'a self, id: &'a Severity) -> &'a str {
        self.level(id).map_or(id.as_str(), SeverityLevel::name)
    }

    /// The place of a level, 0 being the worst. Unknown levels count as the worst,
    /// so that nothing that might be serious is treated as mild.
    pub fn rank(&self, id: &Severity) -> usize {
        self.levels.iter().position(|level| &level.id == id).unwrap_or(0)
    }

    /// Whether `id` is `threshold` or worse.
    pub fn at_least(&self, id: &Severity, threshold: &Severity) -> bool {
        self.rank(id) <= self.rank(threshold)
    }

    /// The worst level.
    pub fn worst(&self) -> &Severity {
        &self.levels[0].id
    }

    /// The level a suggestion of built-in rank `rank` (1..=4) means on this ladder:
    /// the built-in level if it is still there, else the level at that place.
    pub fn for_builtin_rank(&self, rank: u8) -> &Severity {
        let wanted = Severity::builtin(rank);
        self.levels
            .iter()
            .find(|level| Some(&level.id) == wanted.as_ref())
            .map(|level| &level.id)
            .unwrap_or_else(|| &self.levels[(usize::from(rank.max(1)) - 1).min(self.levels.len() - 1)].id)
    }

    fn checked(&self, draft: &LevelDraft, except: Option<&Severity>) -> Result<(String, Option<u32>), LadderError> {
        let name = draft.name.trim().to_owned();
        check_name(&name)?;
        if self.levels.iter().any(|level| Some(&level.id) != except && level.name.eq_ignore_ascii_case(&name)) {
            return Err(LadderError::DuplicateName(name));
        }
        if draft.update_minutes == Some(0) {
            return Err(LadderError::ZeroCadence);
        }
        Ok((name, draft.update_minutes))
    }

    /// This ladder with a level changed as `draft` says.
    pub fn with_edited(&self, id: &Severity, draft: &LevelDraft) -> Result<Self, LadderError> {
        let (name, update_minutes) = self.checked(draft, Some(id))?;
        let mut ladder = self.clone();
        let level =
            ladder.levels.iter_mut().find(|level| &level.id == id).ok_or_else(|| LadderError::Unknown(id.clone()))?;
        level.name = name;
        level.impact = non_empty(&draft.impact);
        level.response = non_empty(&draft.response);
        level.update_minutes = update_minutes;
        level.review = draft.review;
        Ok(ladder)
    }

    /// This ladder with a new, mildest level under the id `id` (which the caller
    /// makes unique, for example from a ULID).
    pub fn with_added(&self, id: Severity, draft: &LevelDraft) -> Result<Self, LadderError> {
        let (name, update_minutes) = self.checked(draft, None)?;
        if self.level(&id).is_some() {
            return Err(LadderError::DuplicateName(id.0));
        }
        let mut ladder = self.clone();
        ladder.levels.push(SeverityLevel {
            id,
            name,
            impact: non_empty(&draft.impact),
            response: non_empty(&draft.response),
            update_minutes,
            review: draft.review,
        });
        Ok(ladder)
    }

    /// This ladder with a level moved one place towards worse (`up`) or milder.
    pub fn with_moved(&self, id: &Severity, up: bool) -> Self {
        let mut ladder = self.clone();
        if let Some(at) = ladder.levels.iter().position(|level| &level.id == id) {
            let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|&i| i < ladder.levels.len()) };
            if let Some(other) = other {
                ladder.levels.swap(at, other);
            }
        }
        ladder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str) -> LevelDraft {
        LevelDraft {
            name: name.into(),
            impact: String::new(),
            response: String::new(),
            update_minutes: Some(60),
            review: Review::Optional,
        }
    }

    #[test]
    fn default_ladder_follows_the_product_brief() {
        let ladder = SeverityLadder::default();
        let names: Vec<_> = ladder.levels().iter().map(SeverityLevel::name).collect();
        assert_eq!(names, ["SEV1", "SEV2", "SEV3", "SEV4"]);
        let cadence: Vec<_> = ladder.levels().iter().map(SeverityLevel::update_minutes).collect();
        assert_eq!(cadence, [Some(20), Some(30), Some(240), None]);
        assert_eq!(ladder.levels()[0].review(), Review::Required { within_days: 3, business_days: false });
        assert_eq!(ladder.levels()[1].review(), Review::Required { within_days: 5, business_days: true });
    }

    #[test]
    fn levels_compare_by_place_and_ids_survive_renaming_and_moving() {
        let sev2 = Severity::new("SEV2");
        let ladder = SeverityLadder::default().with_edited(&sev2, &draft("P1")).unwrap();
        assert_eq!(ladder.name(&sev2), "P1");
        assert!(ladder.at_least(&Severity::new("SEV1"), &sev2));
        assert!(!ladder.at_least(&Severity::new("SEV3"), &sev2));
        let moved = ladder.with_moved(&sev2, true);
        assert_eq!(moved.rank(&sev2), 0);
        assert_eq!(moved.with_moved(&sev2, true), moved, "the worst level cannot move up");
        assert_eq!(ladder.rank(&Severity::new("gone")), 0, "unknown levels count as the worst");
    }

    #[test]
    fn edits_are_checked() {
        let ladder = SeverityLadder::default();
        let sev1 = Severity::new("SEV1");
        assert_eq!(ladder.with_edited(&sev1, &draft(" ")), Err(LadderError::EmptyName));
        assert_eq!(ladder.with_edited(&sev1, &draft("sev2")), Err(LadderError::DuplicateName("sev2".into())));
        assert_eq!(
            ladder.with_added(Severity::new("x"), &LevelDraft { update_minutes: Some(0), ..draft("SEV5") }),
            Err(LadderError::ZeroCadence)
        );
        let added = ladder.with_added(Severity::new("x"), &draft("SEV5")).unwrap();
        assert_eq!(added.levels().last().unwrap().name(), "SEV5");
        assert_eq!(added.for_builtin_rank(4), &Severity::new("SEV4"));
    }

    #[test]
    fn stored_ladders_decode_only_when_valid() {
        let json = serde_json::to_value(SeverityLadder::default()).unwrap();
        assert_eq!(serde_json::from_value::<SeverityLadder>(json.clone()).unwrap(), SeverityLadder::default());
        let mut duplicate = json;
        duplicate[1]["name"] = "SEV1".into();
        assert!(serde_json::from_value::<SeverityLadder>(duplicate).is_err());
    }
}
