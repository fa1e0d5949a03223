//! Post-incident reviews and their remediation items.
//!
//! A [`Review`] belongs to one incident. Its text lives in [`Section`]s, edited as
//! plain text; the timeline section is the facilitator's choice of the incident's
//! entries, each with an optional tag. The workflow runs draft → in review →
//! approved → published; approval needs a technical and a non-technical sign-off.
//! The content of an approved or published review is signed: changing it needs an
//! explicit [`Review::reopen`], which records who reopened it and why and keeps the
//! sign-offs it sets aside in the history. Remediation items still move (status,
//! owner, due date) after approval, with [`Review::with_item_progress`], without
//! touching the sign-offs. Customer-facing sections are written by people and are
//! the only text the customer-facing review carries.

use super::id::{EntryId, IncidentId};
use super::timeline::{check_link, Tag};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A part of the review document edited as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// What happened, in a few sentences.
    Summary,
    /// Customer impact in numbers.
    Impact,
    /// Narrative: what led up to the incident.
    LeadUp,
    /// Narrative: the fault.
    Fault,
    /// Narrative: how it was detected.
    Detection,
    /// Narrative: the response.
    Response,
    /// Narrative: the recovery.
    Recovery,
    /// Technical causes.
    TechnicalCauses,
    /// Process causes.
    ProcessCauses,
    /// Causes in how the team responded.
    ResponseCauses,
    /// Contributing factors.
    ContributingFactors,
    /// What went well.
    WentWell,
    /// What went wrong.
    WentWrong,
    /// Where the team got lucky.
    Lucky,
    /// Lessons learned.
    Lessons,
    /// Similar risks elsewhere.
    SimilarRisks,
    /// The summary for people inside the company.
    InternalMessage,
    /// Customer-facing: summary.
    CustomerSummary,
    /// Customer-facing: what happened.
    CustomerWhatHappened,
    /// Customer-facing: what we are doing about it.
    CustomerActions,
    /// Customer-facing: the apology.
    CustomerApology,
}

impl Section {
    /// The internal document's sections, in document order.
    pub const INTERNAL: [Section; 17] = [
        Self::Summary,
        Self::Impact,
        Self::LeadUp,
        Self::Fault,
        Self::Detection,
        Self::Response,
        Self::Recovery,
        Self::TechnicalCauses,
        Self::ProcessCauses,
        Self::ResponseCauses,
        Self::ContributingFactors,
        Self::WentWell,
        Self::WentWrong,
        Self::Lucky,
        Self::Lessons,
        Self::SimilarRisks,
        Self::InternalMessage,
    ];

    /// The customer-facing review's own sections, in order.
    pub const CUSTOMER: [Section; 4] =
        [Self::CustomerSummary, Self::CustomerWhatHappened, Self::CustomerActions, Self::CustomerApology];

    /// Whether the section belongs to the customer-facing review.
    pub fn is_customer_facing(self) -> bool {
        Self::CUSTOMER.contains(&self)
    }

    /// A stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Summary => "summary",
            Self::Impact => "impact",
            Self::LeadUp => "lead_up",
            Self::Fault => "fault",
            Self::Detection => "detection",
            Self::Response => "response",
            Self::Recovery => "recovery",
            Self::TechnicalCauses => "technical_causes",
            Self::ProcessCauses => "process_causes",
            Self::ResponseCauses => "response_causes",
            Self::ContributingFactors => "contributing_factors",
            Self::WentWell => "went_well",
            Self::WentWrong => "went_wrong",
            Self::Lucky => "lucky",
            Self::Lessons => "lessons",
            Self::SimilarRisks => "similar_risks",
            Self::InternalMessage => "internal_message",
            Self::CustomerSummary => "customer_summary",
            Self::CustomerWhatHappened => "customer_what_happened",
            Self::CustomerActions => "customer_actions",
            Self::CustomerApology => "customer_apology",
        }
    }
}

/// Where a review stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Being written.
    #[default]
    Draft,
    /// Waiting for sign-offs.
    InReview,
    /// Signed off by a technical and a non-technical reviewer.
    Approved,
    /// Shared.
    Published,
}

/// Which of the two sign-offs the seed asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reviewer {
    /// Checks the technical account.
    Technical,
    /// Checks clarity for non-engineers and customers.
    NonTechnical,
}

/// A reviewer's sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    /// Who signed.
    pub name: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A step of the review's workflow, kept in its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowEvent {
    /// The status after the step.
    pub status: ReviewStatus,
    /// Who took it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Whether it was an edit that returned a review in review to draft.
    #[serde(default)]
    pub reopened_by_edit: bool,
    /// Why a signed review was reopened ([`Review::reopen`]); `None` for other steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The sign-offs this step set aside, kept for the record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<PastSignOff>,
}

impl WorkflowEvent {
    /// A step to `status` by `by` at `at`, with nothing set aside.
    fn step(status: ReviewStatus, by: &str, at: DateTime<Utc>) -> WorkflowEvent {
        WorkflowEvent { status, by: by.to_owned(), at, reopened_by_edit: false, reason: None, set_aside: Vec::new() }
    }
}

/// A sign-off set aside when its review went back to draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastSignOff {
    /// Which sign-off it was.
    pub reviewer: Reviewer,
    /// Who signed.
    pub name: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A remediation item removed from the review, kept for the record. Its number
/// is never given to another item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedItem {
    /// The item's number.
    pub number: u32,
    /// Its title when removed.
    pub title: String,
    /// Who removed it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// What moves on a remediation item after its review is signed: where it stands,
/// who owns it and when it is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemProgress {
    /// Where it stands.
    pub status: ItemStatus,
    /// Who owns it.
    pub owner: String,
    /// When it is due.
    pub due: Option<NaiveDate>,
}

/// An entry of the incident's timeline chosen for the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenEntry {
    /// The timeline entry.
    pub entry: EntryId,
    /// Its tag in the review.
    pub tag: Option<Tag>,
}

/// The kind of a remediation item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Stops it happening again.
    Prevent,
    /// Notices it sooner.
    Detect,
    /// Makes it hurt less.
    Mitigate,
    /// Changes how the team works.
    Process,
    /// Repairs what broke.
    Fix,
}

impl ItemKind {
    /// Every kind.
    pub const ALL: [ItemKind; 5] = [Self::Prevent, Self::Detect, Self::Mitigate, Self::Process, Self::Fix];

    /// A stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Prevent => "prevent",
            Self::Detect => "detect",
            Self::Mitigate => "mitigate",
            Self::Process => "process",
            Self::Fix => "fix",
        }
    }
}

/// How urgent an item is; priority items get the severity's deadline by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Must be done by the deadline the severity sets.
    Priority,
    /// Planned normally.
    Normal,
}

/// Where an item stands. Only committed, in-progress and done items are the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ItemStatus {
    /// Proposed, not agreed.
    Candidate,
    /// Agreed, with an owner and a date.
    Committed,
    /// Being worked on.
    InProgress,
    /// Finished.
    Done,
    /// Decided against, with the reason.
    WontDo {
        /// Why not.
        reason: String,
    },
}

impl ItemStatus {
    /// Whether the item counts as part of the remediation plan.
    pub fn is_planned(&self) -> bool {
        matches!(self, Self::Committed | Self::InProgress | Self::Done)
    }

    /// One status of each kind, in the order a form offers them ("won't do"
    /// without a reason).
    pub fn choices() -> [ItemStatus; 5] {
        [Self::Candidate, Self::Committed, Self::InProgress, Self::Done, Self::WontDo { reason: String::new() }]
    }

    /// A stable machine name.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Candidate => "candidate",
            Self::Committed => "committed",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::WontDo { .. } => "wont_do",
        }
    }

    /// The status a form chose by its key, with the reason typed for "won't do"
    /// (an unknown key is a candidate).
    pub fn from_key(key: &str, reason: &str) -> ItemStatus {
        match key {
            "committed" => Self::Committed,
            "in_progress" => Self::InProgress,
            "done" => Self::Done,
            "wont_do" => Self::WontDo { reason: reason.to_owned() },
            _ => Self::Candidate,
        }
    }
}

/// A remediation item. A stored or imported one is decoded through the same
/// checks as a new one (a title; an owner and a date once committed; a reason for
/// "won't do"; an http or https link), so a `javascript:` link never arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredItem")]
pub struct RemediationItem {
    /// A number unique within the review, from 1.
    pub number: u32,
    /// What will be done.
    pub title: String,
    /// Its kind.
    pub kind: ItemKind,
    /// Who owns it.
    pub owner: String,
    /// The owner's team.
    #[serde(default)]
    pub team: String,
    /// When it is due.
    pub due: Option<NaiveDate>,
    /// How urgent it is.
    pub priority: Priority,
    /// Where it stands.
    pub status: ItemStatus,
    /// A link to the tracker, http or https.
    pub link: Option<String>,
}

/// The stored shape of a [`RemediationItem`], before its checks.
#[derive(Deserialize)]
struct StoredItem {
    number: u32,
    title: String,
    kind: ItemKind,
    owner: String,
    #[serde(default)]
    team: String,
    due: Option<NaiveDate>,
    priority: Priority,
    status: ItemStatus,
    link: Option<String>,
}

impl TryFrom<StoredItem> for RemediationItem {
    type Error = ReviewError;

    fn try_from(item: StoredItem) -> Result<Self, Self::Error> {
        let draft = ItemDraft {
            title: item.title,
            kind: item.kind,
            owner: item.owner,
            team: item.team,
            due: item.due,
            priority: item.priority,
            status: item.status,
            link: item.link.unwrap_or_default(),
        };
        Review::checked_item(draft, item.number, None)
    }
}

/// What a facilitator fills in for a remediation item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDraft {
    /// What will be done.
    pub title: String,
    /// Its kind.
    pub kind: ItemKind,
    /// Who owns it.
    pub owner: String,
    /// The owner's team.
    pub team: String,
    /// When it is due; `None` takes the default for priority items.
    pub due: Option<NaiveDate>,
    /// How urgent it is.
    pub priority: Priority,
    /// Where it stands.
    pub status: ItemStatus,
    /// A tracker link.
    pub link: String,
}

/// Why a review change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// Approval needs both sign-offs.
    #[error("approval needs a technical and a non-technical sign-off")]
    MissingSignOff,
    /// The step does not follow from the current status.
    #[error("a review in {0:?} cannot move to {1:?}")]
    WrongStep(ReviewStatus, ReviewStatus),
    /// A sign-off needs a name.
    #[error("a sign-off needs the reviewer's name")]
    NoSignOffName,
    /// Sign-offs are given while the review is in review.
    #[error("sign-offs are given while the review is in review")]
    NotInReview,
    /// A remediation item needs a title.
    #[error("the item needs a title")]
    NoItemTitle,
    /// A committed item needs an owner and a due date.
    #[error("a committed item needs an owner and a due date")]
    CommittedNeedsOwnerAndDate,
    /// "Won't do" needs a reason.
    #[error("say why the item won't be done")]
    WontDoNeedsReason,
    /// The tracking link is not http or https.
    #[error("`{0}` is not an http or https link")]
    BadLink(String),
    /// No item has this number.
    #[error("there is no item {0}")]
    NoSuchItem(u32),
    /// A section is longer than [`MAX_SECTION`] characters.
    #[error("a section is longer than {MAX_SECTION} characters")]
    SectionTooLong,
    /// Two remediation items have the same number.
    #[error("item {0} appears twice")]
    DuplicateItem(u32),
    /// The review is approved or published: its content changes only once reopened.
    #[error("the review is signed off; reopen it to change it")]
    Signed,
    /// Reopening needs a reason.
    #[error("say why the review is reopened")]
    ReopenNeedsReason,
}

/// The longest section text, in characters.
pub const MAX_SECTION: usize = 50_000;

/// A post-incident review. A stored or imported one is decoded through the rules
/// its changes keep: sections no longer than [`MAX_SECTION`], item numbers unique,
/// sign-offs named, and an approved or published review signed off twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredReview")]
pub struct Review {
    incident: IncidentId,
    status: ReviewStatus,
    owner: String,
    #[serde(default)]
    authors: Vec<String>,
    meeting_at: Option<DateTime<Utc>>,
    #[serde(default)]
    sections: BTreeMap<Section, String>,
    #[serde(default)]
    chosen: Vec<ChosenEntry>,
    #[serde(default)]
    items: Vec<RemediationItem>,
    technical: Option<SignOff>,
    non_technical: Option<SignOff>,
    #[serde(default)]
    history: Vec<WorkflowEvent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    removed: Vec<RemovedItem>,
    updated_at: DateTime<Utc>,
}

/// The stored shape of a [`Review`], before its checks.
#[derive(Deserialize)]
struct StoredReview {
    incident: IncidentId,
    status: ReviewStatus,
    owner: String,
    #[serde(default)]
    authors: Vec<String>,
    meeting_at: Option<DateTime<Utc>>,
    #[serde(default)]
    sections: BTreeMap<Section, String>,
    #[serde(default)]
    chosen: Vec<ChosenEntry>,
    #[serde(default)]
    items: Vec<RemediationItem>,
    technical: Option<SignOff>,
    non_technical: Option<SignOff>,
    #[serde(default)]
    history: Vec<WorkflowEvent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    removed: Vec<RemovedItem>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<StoredReview> for Review {
    type Error = ReviewError;

    fn try_from(r: StoredReview) -> Result<Self, Self::Error> {
        if r.sections.values().any(|text| text.chars().count() > MAX_SECTION) {
            return Err(ReviewError::SectionTooLong);
        }
        let mut numbers = std::collections::BTreeSet::new();
        if let Some(number) =
            r.items.iter().map(|i| i.number).chain(r.removed.iter().map(|i| i.number)).find(|n| !numbers.insert(*n))
        {
            return Err(ReviewError::DuplicateItem(number));
        }
        let signed = [&r.technical, &r.non_technical];
        if signed.iter().any(|s| s.as_ref().is_some_and(|s| s.name.trim().is_empty())) {
            return Err(ReviewError::NoSignOffName);
        }
        let approved = matches!(r.status, ReviewStatus::Approved | ReviewStatus::Published);
        if approved && signed.iter().any(|s| s.is_none()) {
            return Err(ReviewError::MissingSignOff);
        }
        Ok(Review {
            incident: r.incident,
            status: r.status,
            owner: r.owner,
            authors: r.authors,
            meeting_at: r.meeting_at,
            sections: r.sections,
            chosen: r.chosen,
            items: r.items,
            technical: r.technical,
            non_technical: r.non_technical,
            history: r.history,
            removed: r.removed,
            updated_at: r.updated_at,
        })
    }
}

impl Review {
    /// A new draft review of `incident`, started by `by`.
    pub fn start(incident: IncidentId, by: &str, at: DateTime<Utc>) -> Review {
        Review {
            incident,
            status: ReviewStatus::Draft,
            owner: by.trim().to_owned(),
            authors: vec![by.trim().to_owned()].into_iter().filter(|a| !a.is_empty()).collect(),
            meeting_at: None,
            sections: BTreeMap::new(),
            chosen: Vec::new(),
            items: Vec::new(),
            technical: None,
            non_technical: None,
            history: vec![WorkflowEvent::step(ReviewStatus::Draft, by, at)],
            removed: Vec::new(),
            updated_at: at,
        }
    }

    /// Whether the review is approved or published, so that its content is signed.
    pub fn is_signed(&self) -> bool {
        matches!(self.status, ReviewStatus::Approved | ReviewStatus::Published)
    }

    /// The sign-offs given, to be set aside.
    fn taken_sign_offs(&mut self) -> Vec<PastSignOff> {
        let technical = self.technical.take().map(|s| (Reviewer::Technical, s));
        let non_technical = self.non_technical.take().map(|s| (Reviewer::NonTechnical, s));
        technical
            .into_iter()
            .chain(non_technical)
            .map(|(reviewer, s)| PastSignOff { reviewer, name: s.name, at: s.at })
            .collect()
    }

    /// The review after an edit of its content by `by`. A signed review refuses
    /// any change ([`Review::reopen`] first); a review in review returns to draft,
    /// its sign-offs set aside in the history. The author joins the authors.
    fn edited(&self, by: &str, at: DateTime<Utc>, change: impl FnOnce(&mut Review)) -> Result<Review, ReviewError> {
        let mut review = self.clone();
        change(&mut review);
        if review == *self {
            return Ok(review);
        }
        if self.is_signed() {
            return Err(ReviewError::Signed);
        }
        if self.status == ReviewStatus::InReview {
            review.status = ReviewStatus::Draft;
            let set_aside = review.taken_sign_offs();
            review.history.push(WorkflowEvent {
                reopened_by_edit: true,
                set_aside,
                ..WorkflowEvent::step(ReviewStatus::Draft, by, at)
            });
        }
        let by = by.trim();
        if !by.is_empty() && !review.authors.iter().any(|a| a == by) {
            review.authors.push(by.to_owned());
        }
        review.updated_at = at;
        Ok(review)
    }

    /// The review with a section's text replaced.
    pub fn with_section(
        &self,
        section: Section,
        text: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Review, ReviewError> {
        let text: String = text.chars().take(MAX_SECTION).collect();
        self.edited(by, at, |r| {
            if text.trim().is_empty() {
                r.sections.remove(&section);
            } else {
                r.sections.insert(section, text);
            }
        })
    }

    /// The review with the owner and the meeting time set.
    pub fn with_header(
        &self,
        owner: &str,
        meeting_at: Option<DateTime<Utc>>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Review, ReviewError> {
        let owner = owner.trim().to_owned();
        self.edited(by, at, |r| {
            r.owner = owner;
            r.meeting_at = meeting_at;
        })
    }

    /// The review with a timeline entry chosen (with `tag`) or, for `None`, left out.
    pub fn with_entry(
        &self,
        entry: EntryId,
        choice: Option<Option<Tag>>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Review, ReviewError> {
        self.with_entries(&[entry], choice, by, at)
    }

    /// The review with several timeline entries chosen (each with `tag`) or, for
    /// `None`, left out, in one change.
    pub fn with_entries(
        &self,
        entries: &[EntryId],
        choice: Option<Option<Tag>>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Review, ReviewError> {
        self.edited(by, at, |r| {
            for &entry in entries {
                match (r.chosen.iter_mut().find(|c| c.entry == entry), choice) {
                    (Some(chosen), Some(tag)) => chosen.tag = tag,
                    (None, Some(tag)) => r.chosen.push(ChosenEntry { entry, tag }),
                    (_, None) => r.chosen.retain(|c| c.entry != entry),
                }
            }
        })
    }

    /// Checks an item draft; `default_due` is the due date a priority item gets
    /// when none is given.
    fn checked_item(
        draft: ItemDraft,
        number: u32,
        default_due: Option<NaiveDate>,
    ) -> Result<RemediationItem, ReviewError> {
        let title = draft.title.trim().to_owned();
        if title.is_empty() {
            return Err(ReviewError::NoItemTitle);
        }
        let due = draft.due.or(if draft.priority == Priority::Priority { default_due } else { None });
        let owner = draft.owner.trim().to_owned();
        if matches!(draft.status, ItemStatus::Committed | ItemStatus::InProgress) && (owner.is_empty() || due.is_none())
        {
            return Err(ReviewError::CommittedNeedsOwnerAndDate);
        }
        if let ItemStatus::WontDo { reason } = &draft.status {
            if reason.trim().is_empty() {
                return Err(ReviewError::WontDoNeedsReason);
            }
        }
        let link = match draft.link.trim() {
            "" => None,
            link => Some(check_link(link).map_err(|_| ReviewError::BadLink(link.to_owned()))?),
        };
        Ok(RemediationItem {
            number,
            title,
            kind: draft.kind,
            owner,
            team: draft.team.trim().to_owned(),
            due,
            priority: draft.priority,
            status: draft.status,
            link,
        })
    }

    /// The review with a new remediation item.
    pub fn with_new_item(
        &self,
        draft: ItemDraft,
        default_due: Option<NaiveDate>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Review, ReviewError> {
        let used = self.items.iter().map(|i| i.number).chain(self.removed.iter().map(|i| i.number));
        let number = used.max().unwrap_or(0) + 1;
        let item = Self::checked_item(draft, number, default_due)?;
        self.edited(by, at, |r| r.items.push(item))
    }

    /// The review with item `number` replaced by `draft`.
    pub fn with_item(&self, number: u32, draft: ItemDraft, by: &str, at: DateTime<Utc>) -> Result<Review, ReviewError> {
        let at_index = self.items.iter().position(|i| i.number == number).ok_or(ReviewError::NoSuchItem(number))?;
        let item = Self::checked_item(draft, number, None)?;
        self.edited(by, at, |r| r.items[at_index] = item)
    }

    /// The review with item `number` moved on (status, owner, due date), in any
    /// status of the review: the follow-up of a signed review leaves its status
    /// and sign-offs as they are. The item keeps its rules (an owner and a date
    /// once committed, a reason for "won't do").
    pub fn with_item_progress(
        &self,
        number: u32,
        progress: ItemProgress,
        at: DateTime<Utc>,
    ) -> Result<Review, ReviewError> {
        let at_index = self.items.iter().position(|i| i.number == number).ok_or(ReviewError::NoSuchItem(number))?;
        let item = &self.items[at_index];
        let draft = ItemDraft {
            title: item.title.clone(),
            kind: item.kind,
            owner: progress.owner,
            team: item.team.clone(),
            due: progress.due,
            priority: item.priority,
            status: progress.status,
            link: item.link.clone().unwrap_or_default(),
        };
        let item = Self::checked_item(draft, number, None)?;
        let mut review = self.clone();
        if review.items[at_index] != item {
            review.items[at_index] = item;
            review.updated_at = at;
        }
        Ok(review)
    }

    /// The review without item `number`, which the review keeps as removed (by
    /// whom, when, its title), so that its number is never reused.
    pub fn without_item(&self, number: u32, by: &str, at: DateTime<Utc>) -> Result<Review, ReviewError> {
        let at_index = self.items.iter().position(|i| i.number == number).ok_or(ReviewError::NoSuchItem(number))?;
        let title = self.items[at_index].title.clone();
        self.edited(by, at, |r| {
            r.items.remove(at_index);
            r.removed.push(RemovedItem { number, title, by: by.trim().to_owned(), at });
        })
    }

    /// The signed review back to draft, so that its content can change: the
    /// history records who reopened it, when and why, and keeps the sign-offs it
    /// sets aside; approval then needs both sign-offs again.
    pub fn reopen(&self, by: &str, reason: &str, at: DateTime<Utc>) -> Result<Review, ReviewError> {
        if !self.is_signed() {
            return Err(ReviewError::WrongStep(self.status, ReviewStatus::Draft));
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ReviewError::ReopenNeedsReason);
        }
        let mut review = self.clone();
        review.status = ReviewStatus::Draft;
        let set_aside = review.taken_sign_offs();
        review.history.push(WorkflowEvent {
            reason: Some(reason.to_owned()),
            set_aside,
            ..WorkflowEvent::step(ReviewStatus::Draft, by, at)
        });
        review.updated_at = at;
        Ok(review)
    }

    /// The review moved to `status`, following the workflow.
    pub fn with_status(&self, status: ReviewStatus, by: &str, at: DateTime<Utc>) -> Result<Review, ReviewError> {
        use ReviewStatus::*;
        let allowed = matches!(
            (self.status, status),
            (Draft, InReview) | (InReview, Draft) | (InReview, Approved) | (Approved, Published)
        );
        if !allowed {
            return Err(ReviewError::WrongStep(self.status, status));
        }
        if status == Approved && (self.technical.is_none() || self.non_technical.is_none()) {
            return Err(ReviewError::MissingSignOff);
        }
        let mut review = self.clone();
        review.status = status;
        let set_aside = if status == Draft { review.taken_sign_offs() } else { Vec::new() };
        review.history.push(WorkflowEvent { set_aside, ..WorkflowEvent::step(status, by, at) });
        review.updated_at = at;
        Ok(review)
    }

    /// The review with a sign-off by `name`; only while in review.
    pub fn with_sign_off(&self, reviewer: Reviewer, name: &str, at: DateTime<Utc>) -> Result<Review, ReviewError> {
        if self.status != ReviewStatus::InReview {
            return Err(ReviewError::NotInReview);
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(ReviewError::NoSignOffName);
        }
        let sign_off = Some(SignOff { name: name.to_owned(), at });
        let mut review = self.clone();
        match reviewer {
            Reviewer::Technical => review.technical = sign_off,
            Reviewer::NonTechnical => review.non_technical = sign_off,
        }
        review.updated_at = at;
        Ok(review)
    }

    /// The incident reviewed.
    pub fn incident(&self) -> IncidentId {
        self.incident
    }

    /// Where the review stands.
    pub fn status(&self) -> ReviewStatus {
        self.status
    }

    /// Who owns it.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// Everyone who edited it.
    pub fn authors(&self) -> &[String] {
        &self.authors
    }

    /// When the review meeting is.
    pub fn meeting_at(&self) -> Option<DateTime<Utc>> {
        self.meeting_at
    }

    /// A section's text; empty if not written.
    pub fn section(&self, section: Section) -> &str {
        self.sections.get(&section).map_or("", String::as_str)
    }

    /// The chosen timeline entries, in the order they were chosen.
    pub fn chosen(&self) -> &[ChosenEntry] {
        &self.chosen
    }

    /// The remediation items.
    pub fn items(&self) -> &[RemediationItem] {
        &self.items
    }

    /// A sign-off, if given.
    pub fn sign_off(&self, reviewer: Reviewer) -> Option<&SignOff> {
        match reviewer {
            Reviewer::Technical => self.technical.as_ref(),
            Reviewer::NonTechnical => self.non_technical.as_ref(),
        }
    }

    /// The workflow history.
    pub fn history(&self) -> &[WorkflowEvent] {
        &self.history
    }

    /// The items removed, in the order they were removed.
    pub fn removed(&self) -> &[RemovedItem] {
        &self.removed
    }

    /// When it last changed.
    pub fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
}

/// Adds `days` calendar days, or business days (Monday to Friday) when `business`.
pub fn add_days(from: NaiveDate, days: u32, business: bool) -> NaiveDate {
    if !business {
        return from + Duration::days(i64::from(days));
    }
    let mut date = from;
    let mut left = days;
    while left > 0 {
        date += Duration::days(1);
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_statuses_come_back_from_their_keys() {
        for status in ItemStatus::choices() {
            assert_eq!(ItemStatus::from_key(status.key(), ""), status);
        }
        assert_eq!(ItemStatus::from_key("wont_do", "no budget"), ItemStatus::WontDo { reason: "no budget".into() });
        assert_eq!(ItemStatus::from_key("unheard_of", ""), ItemStatus::Candidate);
    }

    #[test]
    fn a_stored_item_with_a_script_link_or_no_owner_once_committed_is_refused() {
        let item = |link: &str, status: &str| {
            serde_json::json!({
                "number": 1, "title": "Alert on 5xx", "kind": "detect", "owner": "", "team": "",
                "due": null, "priority": "normal", "status": { "state": status }, "link": link
            })
        };
        let good: RemediationItem = serde_json::from_value(item("https://tracker.example/OPS-1", "candidate")).unwrap();
        assert_eq!(good.link.as_deref(), Some("https://tracker.example/OPS-1"));
        let script = serde_json::from_value::<RemediationItem>(item("javascript:alert(1)", "candidate"));
        assert!(script.unwrap_err().to_string().contains("is not an http or https link"));
        let committed = serde_json::from_value::<RemediationItem>(item("", "committed"));
        assert!(committed.unwrap_err().to_string().contains("needs an owner and a due date"));
    }
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn item(title: &str, status: ItemStatus) -> ItemDraft {
        ItemDraft {
            title: title.into(),
            kind: ItemKind::Prevent,
            owner: "Ana".into(),
            team: "SRE".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 22),
            priority: Priority::Normal,
            status,
            link: String::new(),
        }
    }

    fn approved() -> Review {
        let review = Review::start(IncidentId::from_parts(1, 1), "Ana", at(0));
        let review = review.with_section(Section::Summary, "DNS change broke sign-in", "Ana", at(1)).unwrap();
        let review = review.with_new_item(item("Stage DNS", ItemStatus::Committed), None, "Ana", at(1)).unwrap();
        let review = review.with_status(ReviewStatus::InReview, "Ana", at(2)).unwrap();
        let review = review.with_sign_off(Reviewer::Technical, "Bo", at(3)).unwrap();
        let review = review.with_sign_off(Reviewer::NonTechnical, "Cy", at(4)).unwrap();
        review.with_status(ReviewStatus::Approved, "Ana", at(5)).unwrap()
    }

    #[test]
    fn approval_needs_two_sign_offs_and_an_edit_in_review_sets_them_aside() {
        let review = Review::start(IncidentId::from_parts(1, 1), "Ana", at(0));
        let review = review.with_section(Section::Summary, "DNS change broke sign-in", "Ana", at(1)).unwrap();
        assert_eq!(
            review.with_status(ReviewStatus::Approved, "Ana", at(2)),
            Err(ReviewError::WrongStep(ReviewStatus::Draft, ReviewStatus::Approved))
        );
        assert_eq!(review.with_sign_off(Reviewer::Technical, "Bo", at(2)), Err(ReviewError::NotInReview));
        let review = review.with_status(ReviewStatus::InReview, "Ana", at(2)).unwrap();
        let review = review.with_sign_off(Reviewer::Technical, "Bo", at(3)).unwrap();
        assert_eq!(review.with_status(ReviewStatus::Approved, "Ana", at(4)), Err(ReviewError::MissingSignOff));
        let edited = review.with_section(Section::Lessons, "Stage DNS changes", "Di", at(6)).unwrap();
        assert_eq!(edited.status(), ReviewStatus::Draft);
        assert!(edited.sign_off(Reviewer::Technical).is_none());
        let last = edited.history().last().unwrap();
        assert!(last.reopened_by_edit);
        assert_eq!(last.set_aside, [PastSignOff { reviewer: Reviewer::Technical, name: "Bo".into(), at: at(3) }]);
        assert_eq!(edited.authors(), ["Ana", "Di"]);
        let approved = approved();
        assert_eq!(approved.status(), ReviewStatus::Approved);
        let same = approved.with_section(Section::Summary, "DNS change broke sign-in", "Di", at(7));
        assert_eq!(same.unwrap().status(), ReviewStatus::Approved, "an edit that changes nothing is no edit");
    }

    #[test]
    fn a_signed_review_refuses_edits_until_reopened_with_a_reason_and_keeps_its_sign_offs_on_record() {
        let published = approved().with_status(ReviewStatus::Published, "Ana", at(6)).unwrap();
        assert_eq!(published.with_section(Section::Lessons, "Stage DNS", "Di", at(7)), Err(ReviewError::Signed));
        assert_eq!(published.with_header("Di", None, "Di", at(7)), Err(ReviewError::Signed));
        assert_eq!(
            published.with_new_item(item("More", ItemStatus::Candidate), None, "Di", at(7)),
            Err(ReviewError::Signed)
        );
        assert_eq!(published.without_item(1, "Di", at(7)), Err(ReviewError::Signed));
        assert_eq!(published.reopen("Di", " ", at(7)), Err(ReviewError::ReopenNeedsReason));
        let reopened = published.reopen("Di", "Wrong root cause", at(8)).unwrap();
        assert_eq!(reopened.status(), ReviewStatus::Draft);
        assert!(
            reopened.sign_off(Reviewer::Technical).is_none() && reopened.sign_off(Reviewer::NonTechnical).is_none()
        );
        let event = reopened.history().last().unwrap();
        assert_eq!((event.by.as_str(), event.reason.as_deref()), ("Di", Some("Wrong root cause")));
        let names: Vec<_> = event.set_aside.iter().map(|s| (s.reviewer, s.name.as_str())).collect();
        assert_eq!(names, [(Reviewer::Technical, "Bo"), (Reviewer::NonTechnical, "Cy")]);
        assert!(reopened.with_section(Section::Lessons, "Stage DNS", "Di", at(9)).is_ok());
        assert_eq!(approved().reopen("Di", "x", at(8)).unwrap().status(), ReviewStatus::Draft);
        let draft = Review::start(IncidentId::from_parts(1, 1), "Ana", at(0));
        assert!(matches!(draft.reopen("Di", "x", at(1)), Err(ReviewError::WrongStep(..))));
    }

    #[test]
    fn items_move_on_after_publication_without_touching_the_sign_offs() {
        let published = approved().with_status(ReviewStatus::Published, "Ana", at(6)).unwrap();
        let done = ItemProgress { status: ItemStatus::Done, owner: "Eve".into(), due: None };
        let moved = published.with_item_progress(1, done, at(7)).unwrap();
        assert_eq!(moved.status(), ReviewStatus::Published);
        assert_eq!(moved.sign_off(Reviewer::Technical), published.sign_off(Reviewer::Technical));
        assert_eq!(moved.sign_off(Reviewer::NonTechnical).unwrap().name, "Cy");
        assert_eq!(moved.history(), published.history());
        let item = &moved.items()[0];
        assert_eq!((&item.status, item.owner.as_str(), item.title.as_str()), (&ItemStatus::Done, "Eve", "Stage DNS"));
        let no_owner = ItemProgress { status: ItemStatus::Committed, owner: String::new(), due: item.due };
        assert_eq!(moved.with_item_progress(1, no_owner, at(8)), Err(ReviewError::CommittedNeedsOwnerAndDate));
        let any = ItemProgress { status: ItemStatus::Done, owner: String::new(), due: None };
        assert_eq!(moved.with_item_progress(9, any, at(8)), Err(ReviewError::NoSuchItem(9)));
    }

    #[test]
    fn a_removed_item_is_recorded_and_its_number_never_reused() {
        let review = Review::start(IncidentId::from_parts(1, 1), "Ana", at(0));
        let review = review.with_new_item(item("One", ItemStatus::Candidate), None, "Ana", at(1)).unwrap();
        let review = review.with_new_item(item("Two", ItemStatus::Candidate), None, "Ana", at(1)).unwrap();
        let review = review.without_item(2, "Bo", at(2)).unwrap();
        assert_eq!(review.items().len(), 1);
        assert_eq!(review.removed(), [RemovedItem { number: 2, title: "Two".into(), by: "Bo".into(), at: at(2) }]);
        let review = review.with_new_item(item("Three", ItemStatus::Candidate), None, "Ana", at(3)).unwrap();
        assert_eq!(review.items()[1].number, 3);
        let json = serde_json::to_value(&review).unwrap();
        assert_eq!(serde_json::from_value::<Review>(json.clone()).unwrap(), review);
        let mut clash = json;
        clash["removed"][0]["number"] = 3.into();
        assert!(serde_json::from_value::<Review>(clash).unwrap_err().to_string().contains("item 3 appears twice"));
    }

    #[test]
    fn a_review_stored_before_reopening_and_removal_existed_still_loads() {
        let old = serde_json::json!({
            "incident": IncidentId::from_parts(1, 1), "status": "approved", "owner": "Ana", "meeting_at": null,
            "technical": {"name": "Bo", "at": at(3)}, "non_technical": {"name": "Cy", "at": at(4)},
            "history": [{"status": "draft", "by": "Ana", "at": at(0)}, {"status": "approved", "by": "Ana", "at": at(5)}],
            "updated_at": at(5)
        });
        let review: Review = serde_json::from_value(old.clone()).unwrap();
        assert!(review.removed().is_empty() && review.history()[1].set_aside.is_empty());
        let back = serde_json::to_value(&review).unwrap();
        let mut history = old["history"].clone();
        for event in history.as_array_mut().unwrap() {
            event["reopened_by_edit"] = false.into();
        }
        assert_eq!(back["history"], history);
        assert!(back.get("removed").is_none(), "nothing new is written for what is not there");
    }

    #[test]
    fn remediation_items_are_checked() {
        let review = Review::start(IncidentId::from_parts(1, 1), "Ana", at(0));
        let default_due = NaiveDate::from_ymd_opt(2026, 12, 22);
        let no_owner = ItemDraft { owner: " ".into(), ..item("Alert on DNS errors", ItemStatus::Committed) };
        assert_eq!(
            review.with_new_item(no_owner, default_due, "Ana", at(1)),
            Err(ReviewError::CommittedNeedsOwnerAndDate)
        );
        let wont = item("Rewrite DNS", ItemStatus::WontDo { reason: " ".into() });
        assert_eq!(review.with_new_item(wont, default_due, "Ana", at(1)), Err(ReviewError::WontDoNeedsReason));
        let bad = ItemDraft { link: "javascript:alert(1)".into(), ..item("x", ItemStatus::Candidate) };
        assert!(matches!(review.with_new_item(bad, default_due, "Ana", at(1)), Err(ReviewError::BadLink(_))));
        let priority =
            ItemDraft { due: None, priority: Priority::Priority, ..item("Stage DNS", ItemStatus::Committed) };
        let review = review.with_new_item(priority, default_due, "Ana", at(1)).unwrap();
        let review =
            review.with_new_item(item("Runbook for DNS", ItemStatus::Candidate), default_due, "Ana", at(2)).unwrap();
        let numbers: Vec<_> = review.items().iter().map(|i| (i.number, i.due, i.status.is_planned())).collect();
        assert_eq!(numbers, [(1, default_due, true), (2, default_due, false)]);
    }

    #[test]
    fn business_days_skip_weekends() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(add_days(friday, 5, true), NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
        assert_eq!(add_days(friday, 3, false), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    }
}
