//! The severity ladder: ordered levels, each defined by customer impact.
//!
//! A [`Severity`] is the stable id of a level; the [`SeverityLadder`] in the
//! workspace settings says its name, its place (worst first) and what it demands.
//! The default ladder is PRODUCT.md §3: SEV1..SEV4, whose ids are their default
//! names. Levels can be renamed, edited, inserted at any place, reordered and, when
//! nothing uses them, removed; ids never change, so incidents and runbook
//! conditions keep pointing at the same level.
//!
//! A level's colour ([`SeverityLadder::tone`]) belongs to the level, not to its
//! place: the built-in levels have theirs, and a new level gets one from its
//! neighbours when it is inserted and keeps it when others move around it.

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
    /// The colour of a level that is not built in (0 strongest ..= [`MILDEST_TONE`]),
    /// given when it was inserted. Ladders stored before levels had one get it
    /// from the level's place when they are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tone: Option<u8>,
}

/// The mildest colour a level can have: 0 is stronger than the built-in SEV1's
/// (1), 5 milder than SEV4's (4).
pub const MILDEST_TONE: u8 = 5;

/// Where a new level goes on the ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Just above (worse than) this level.
    Above(Severity),
    /// Below every level, as the mildest.
    Bottom,
}

/// What still points at a level, so that removing it would change what they
/// mean: the incidents that are or ever were at it (by title), and the runbooks
/// in use that attach at it or have a step conditioned on it (by name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uses {
    /// Titles of the incidents at the level now or earlier in their timeline.
    pub incidents: Vec<String>,
    /// Names of the runbooks in use that refer to the level.
    pub runbooks: Vec<String>,
}

impl Uses {
    /// Whether nothing uses the level.
    pub fn is_empty(&self) -> bool {
        self.incidents.is_empty() && self.runbooks.is_empty()
    }
}

/// A level taken off the ladder and where it was, so that it can be put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The level as it was.
    pub level: SeverityLevel,
    /// Its place, 0 being the worst.
    pub place: usize,
}

/// A worse level that asks for status updates less often than a milder one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CadenceWarning {
    /// The worse level, with the slower cadence (or none).
    pub worse: Severity,
    /// The nearest milder level whose updates are due more often.
    pub milder: Severity,
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

/// Why a level was not removed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemoveError {
    /// No level has this id (another tab removed it first).
    #[error("there is no level {0}")]
    Unknown(Severity),
    /// The ladder needs at least one level.
    #[error("the last level cannot be removed")]
    LastLevel,
    /// Incidents or runbooks use the level.
    #[error("the level is used by {} incidents and {} runbooks", .0.incidents.len(), .0.runbooks.len())]
    InUse(Uses),
}

impl SeverityLevel {
    fn builtin(rank: u8, update_minutes: Option<u32>, review: Review) -> Self {
        let id = Severity::builtin(rank).unwrap_or_else(|| Severity::new("SEV1"));
        Self { name: id.0.clone(), id, impact: None, response: None, update_minutes, review, tone: None }
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
        let mut levels = levels;
        // A level stored before levels had a colour of their own keeps the one
        // its place gave it then.
        for (place, level) in levels.iter_mut().enumerate() {
            if level.id.builtin_rank().is_none() && level.tone.is_none() {
                level.tone = Some(u8::try_from(place + 1).unwrap_or(4).min(4));
            }
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

/// Whether a worse level's updates (`worse`) are due less often than a milder
/// level's: no updates at all is less often than any.
fn slower(worse: Option<u32>, milder: Option<u32>) -> bool {
    match (worse, milder) {
        (None, Some(_)) => true,
        (Some(worse), Some(milder)) => worse > milder,
        (_, None) => false,
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
        self.with_inserted(id, draft, &Place::Bottom)
    }

    /// This ladder with a new level at `place`, under the id `id` (which the
    /// caller makes unique, for example from a ULID). Its colour comes from its
    /// neighbours: one step stronger than the level below it at the top, one
    /// step milder than the level above it at the bottom, and between two
    /// levels the next step after the worse one if that is free, else the worse
    /// one's (never milder than the level it is worse than).
    pub fn with_inserted(&self, id: Severity, draft: &LevelDraft, place: &Place) -> Result<Self, LadderError> {
        let (name, update_minutes) = self.checked(draft, None)?;
        if self.level(&id).is_some() {
            return Err(LadderError::DuplicateName(id.0));
        }
        let at = match place {
            Place::Above(other) => self
                .levels
                .iter()
                .position(|level| &level.id == other)
                .ok_or_else(|| LadderError::Unknown(other.clone()))?,
            Place::Bottom => self.levels.len(),
        };
        let above = at.checked_sub(1).map(|i| self.tone_at(i));
        let below = (at < self.levels.len()).then(|| self.tone_at(at));
        let tone = match (above, below) {
            (None, Some(below)) => below.saturating_sub(1),
            (Some(above), None) => (above + 1).min(MILDEST_TONE),
            (Some(above), Some(below)) if above + 1 < below => above + 1,
            (Some(above), Some(_)) => above,
            (None, None) => 1,
        };
        let mut ladder = self.clone();
        ladder.levels.insert(
            at,
            SeverityLevel {
                id,
                name,
                impact: non_empty(&draft.impact),
                response: non_empty(&draft.response),
                update_minutes,
                review: draft.review,
                tone: Some(tone),
            },
        );
        Ok(ladder)
    }

    /// The colour of the level at index `i`.
    fn tone_at(&self, i: usize) -> u8 {
        let level = &self.levels[i];
        level.id.builtin_rank().or(level.tone).unwrap_or(1).min(MILDEST_TONE)
    }

    /// The colour of a level's badge, 0 (stronger than the built-in SEV1) to
    /// [`MILDEST_TONE`]: the built-in levels SEV1..SEV4 have 1..4 wherever they
    /// are, other levels the one they were given. A level no longer on the
    /// ladder shows as the worst built-in level, as it counts as the worst.
    pub fn tone(&self, id: &Severity) -> u8 {
        id.builtin_rank()
            .or_else(|| self.levels.iter().position(|level| &level.id == id).map(|i| self.tone_at(i)))
            .unwrap_or(1)
    }

    /// This ladder without the level `id`, and the level as removed with its
    /// place (to put it back with [`SeverityLadder::with_restored`]). Refused
    /// when `uses` says something still points at it, since an incident or a
    /// runbook condition would then name a level that no longer exists, and for
    /// the last level.
    pub fn with_removed(&self, id: &Severity, uses: &Uses) -> Result<(Self, Removed), RemoveError> {
        let place =
            self.levels.iter().position(|level| &level.id == id).ok_or_else(|| RemoveError::Unknown(id.clone()))?;
        if !uses.is_empty() {
            return Err(RemoveError::InUse(uses.clone()));
        }
        if self.levels.len() == 1 {
            return Err(RemoveError::LastLevel);
        }
        let mut ladder = self.clone();
        let level = ladder.levels.remove(place);
        Ok((ladder, Removed { level, place }))
    }

    /// This ladder with a removed level back at its place (or at the bottom if
    /// the ladder is shorter now), unless another level has taken its name or id
    /// meanwhile.
    pub fn with_restored(&self, removed: &Removed) -> Result<Self, LadderError> {
        let level = &removed.level;
        if self.levels.iter().any(|other| other.id == level.id || other.name.eq_ignore_ascii_case(&level.name)) {
            return Err(LadderError::DuplicateName(level.name.clone()));
        }
        let mut ladder = self.clone();
        ladder.levels.insert(removed.place.min(self.levels.len()), level.clone());
        Ok(ladder)
    }

    /// The worse levels whose status updates are due less often than a milder
    /// level's (or not at all while a milder level has them), each with the
    /// nearest such milder level, worst first. A warning, not a refusal: a team
    /// may mean it, but usually it is a slip made while reordering.
    pub fn cadence_warnings(&self) -> Vec<CadenceWarning> {
        self.levels
            .iter()
            .enumerate()
            .filter_map(|(i, worse)| {
                let milder = self.levels[i + 1..].iter().find(|m| slower(worse.update_minutes, m.update_minutes))?;
                Some(CadenceWarning { worse: worse.id.clone(), milder: milder.id.clone() })
            })
            .collect()
    }

    /// The warnings the level `id` would be part of with status updates every
    /// `update_minutes`, before it is saved: the nearest milder level with more
    /// frequent updates, and the nearest worse level with less frequent ones. A
    /// level not on the ladder yet is taken to be at `place` (an unknown place
    /// being the bottom); a level on it stays where it is.
    pub fn cadence_warnings_if(
        &self,
        id: &Severity,
        update_minutes: Option<u32>,
        place: &Place,
    ) -> Vec<CadenceWarning> {
        let mut minutes: Vec<(&Severity, Option<u32>)> =
            self.levels.iter().map(|level| (&level.id, level.update_minutes)).collect();
        let at = match minutes.iter().position(|(other, _)| *other == id) {
            Some(at) => {
                minutes[at].1 = update_minutes;
                at
            }
            None => {
                let at = match place {
                    Place::Above(other) => minutes.iter().position(|(o, _)| *o == other).unwrap_or(minutes.len()),
                    Place::Bottom => minutes.len(),
                };
                minutes.insert(at, (id, update_minutes));
                at
            }
        };
        let milder = minutes[at + 1..].iter().find(|(_, m)| slower(update_minutes, *m));
        let worse = minutes[..at].iter().rev().find(|(_, w)| slower(*w, update_minutes));
        let mut warnings = Vec::new();
        if let Some((worse, _)) = worse {
            warnings.push(CadenceWarning { worse: (*worse).clone(), milder: id.clone() });
        }
        if let Some((milder, _)) = milder {
            warnings.push(CadenceWarning { worse: id.clone(), milder: (*milder).clone() });
        }
        warnings
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
    fn a_level_is_inserted_where_chosen_and_colours_stay_with_their_levels() {
        let ladder = SeverityLadder::default();
        let (sev0, sev1) = (Severity::new("zero"), Severity::new("SEV1"));
        let top = ladder.with_inserted(sev0.clone(), &draft("SEV0"), &Place::Above(sev1.clone())).unwrap();
        let names: Vec<_> = top.levels().iter().map(SeverityLevel::name).collect();
        assert_eq!(names, ["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"], "a SEV0 in one step");
        assert_eq!(top.tone(&sev0), 0, "stronger than SEV1");
        let tones = |l: &SeverityLadder| ["SEV1", "SEV2", "SEV3", "SEV4"].map(|id| l.tone(&Severity::new(id)));
        assert_eq!(tones(&top), [1, 2, 3, 4], "the others keep their colours");
        let moved = top.with_moved(&Severity::new("SEV3"), true);
        assert_eq!((tones(&moved), moved.tone(&sev0)), ([1, 2, 3, 4], 0), "moving keeps colours");

        let between =
            ladder.with_inserted(Severity::new("b"), &draft("SEV1.5"), &Place::Above(Severity::new("SEV2"))).unwrap();
        assert_eq!(between.rank(&Severity::new("b")), 1);
        assert_eq!(between.tone(&Severity::new("b")), 1, "no step free between 1 and 2: the worse one's");
        let bottom = ladder.with_inserted(Severity::new("m"), &draft("SEV5"), &Place::Bottom).unwrap();
        assert_eq!((bottom.rank(&Severity::new("m")), bottom.tone(&Severity::new("m"))), (4, MILDEST_TONE));
        let gap = bottom.with_removed(&Severity::new("SEV4"), &Uses::default()).unwrap().0;
        let filled = gap.with_inserted(Severity::new("f"), &draft("SEV4b"), &Place::Above(Severity::new("m"))).unwrap();
        assert_eq!(filled.tone(&Severity::new("f")), 4, "the free step between 3 and 5");
        assert_eq!(
            ladder.with_inserted(Severity::new("x"), &draft("X"), &Place::Above(Severity::new("gone"))),
            Err(LadderError::Unknown(Severity::new("gone")))
        );
        assert_eq!(ladder.tone(&Severity::new("gone")), 1, "an unknown level shows as the worst");
    }

    #[test]
    fn only_unused_levels_are_removed_and_a_removal_can_be_undone() {
        let ladder = SeverityLadder::default();
        let sev3 = Severity::new("SEV3");
        let (without, removed) = ladder.with_removed(&sev3, &Uses::default()).unwrap();
        assert_eq!(without.levels().len(), 3);
        assert!(without.level(&sev3).is_none());
        assert_eq!(removed.place, 2);
        assert_eq!(without.with_restored(&removed).unwrap(), ladder, "undo puts it back where it was");
        let taken = without.with_added(Severity::new("other"), &draft("sev3")).unwrap();
        assert_eq!(taken.with_restored(&removed), Err(LadderError::DuplicateName("SEV3".into())));

        let used = Uses { incidents: vec!["Checkout down".into()], runbooks: vec![] };
        assert_eq!(ladder.with_removed(&sev3, &used), Err(RemoveError::InUse(used.clone())));
        let by_runbook = Uses { incidents: vec![], runbooks: vec!["Major incident".into()] };
        assert!(matches!(ladder.with_removed(&sev3, &by_runbook), Err(RemoveError::InUse(_))));
        assert_eq!(
            ladder.with_removed(&Severity::new("gone"), &Uses::default()),
            Err(RemoveError::Unknown(Severity::new("gone")))
        );
        let mut one = ladder;
        for id in ["SEV2", "SEV3", "SEV4"] {
            one = one.with_removed(&Severity::new(id), &Uses::default()).unwrap().0;
        }
        assert_eq!(one.with_removed(&Severity::new("SEV1"), &Uses::default()), Err(RemoveError::LastLevel));
    }

    #[test]
    fn a_worse_level_with_slower_updates_is_warned_about() {
        let ladder = SeverityLadder::default();
        assert_eq!(ladder.cadence_warnings(), [], "the default ladder is consistent");
        let every = |minutes| LevelDraft { update_minutes: minutes, ..draft("SEV2") };
        let slow = ladder.with_edited(&Severity::new("SEV2"), &every(Some(300))).unwrap();
        assert_eq!(
            slow.cadence_warnings(),
            [CadenceWarning { worse: Severity::new("SEV2"), milder: Severity::new("SEV3") }]
        );
        let none = ladder.with_edited(&Severity::new("SEV2"), &every(None)).unwrap();
        assert_eq!(
            none.cadence_warnings(),
            [CadenceWarning { worse: Severity::new("SEV2"), milder: Severity::new("SEV3") }],
            "no updates at all is slower than any"
        );
        let equal = ladder.with_edited(&Severity::new("SEV2"), &every(Some(20))).unwrap();
        assert_eq!(equal.cadence_warnings(), [], "as often is fine");
        let moved = ladder.with_moved(&Severity::new("SEV3"), true).with_moved(&Severity::new("SEV3"), true);
        assert_eq!(
            moved.cadence_warnings(),
            [CadenceWarning { worse: Severity::new("SEV3"), milder: Severity::new("SEV1") }],
            "a level moved above faster ones is warned about"
        );

        // Before saving: the level as it would be, at its place.
        let sev2 = Severity::new("SEV2");
        assert_eq!(
            ladder.cadence_warnings_if(&sev2, Some(15), &Place::Bottom),
            [CadenceWarning { worse: Severity::new("SEV1"), milder: sev2.clone() }],
            "faster than the worse SEV1"
        );
        assert_eq!(
            ladder.cadence_warnings_if(&sev2, Some(25), &Place::Bottom),
            [],
            "between SEV1's 20 and SEV3's 240 minutes"
        );
        let new = Severity::new("new");
        assert_eq!(
            ladder.cadence_warnings_if(&new, Some(60), &Place::Above(Severity::new("SEV1"))),
            [CadenceWarning { worse: new.clone(), milder: Severity::new("SEV1") }],
            "a new worst level updated hourly is slower than SEV1"
        );
        assert_eq!(ladder.cadence_warnings_if(&new, None, &Place::Bottom), [], "the mildest may have none");
    }

    #[test]
    fn custom_levels_stored_without_a_colour_keep_the_one_of_their_place() {
        let mut json = serde_json::to_value(SeverityLadder::default()).unwrap();
        json.as_array_mut().unwrap().insert(
            2,
            serde_json::json!({"id": "old", "name": "Old", "impact": null, "response": null,
                "update_minutes": 60, "review": "Optional"}),
        );
        let ladder: SeverityLadder = serde_json::from_value(json).unwrap();
        assert_eq!(ladder.tone(&Severity::new("old")), 3);
        let moved = ladder.with_moved(&Severity::new("old"), true);
        assert_eq!(moved.tone(&Severity::new("old")), 3, "and keep it once moved");
        let again: SeverityLadder = serde_json::from_value(serde_json::to_value(&moved).unwrap()).unwrap();
        assert_eq!(again, moved);
        assert!(serde_json::to_value(SeverityLadder::default()).unwrap()[0].get("tone").is_none());
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
