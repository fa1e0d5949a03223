//! Post-incident reviews and their remediation items.
//!
//! A [`Review`] belongs to one incident. Its text lives in [`Section`]s, edited as
//! plain text; the timeline section is the facilitator's choice of the incident's
//! entries, each with an optional tag. The workflow runs draft → in review →
//! approved → published; approval needs a technical and a non-technical sign-off,
//! and editing an approved or published review returns it to draft, which the
//! review's history records. Customer-facing sections are written by people and
//! are the only text the customer-facing review carries.

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
    /// Whether it was an edit that returned an approved or published review to draft.
    #[serde(default)]
    pub reopened_by_edit: bool,
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
    updated_at: DateTime<Utc>,
}

impl TryFrom<StoredReview> for Review {
    type Error = ReviewError;

    fn try_from(r: StoredReview) -> Result<Self, Self::Error> {
        if r.sections.values().any(|text| text.chars().count() > MAX_SECTION) {
            return Err(ReviewError::SectionTooLong);
        }
        let mut numbers = std::collections::BTreeSet::new();
        if let Some(item) = r.items.iter().find(|item| !numbers.insert(item.number)) {
            return Err(ReviewError::DuplicateItem(item.number));
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
            history: vec![WorkflowEvent {
                status: ReviewStatus::Draft,
                by: by.to_owned(),
                at,
                reopened_by_edit: false,
            }],
            updated_at: at,
        }
    }

    /// The review after an edit by `by`: an approved or published review returns to
    /// draft (and its sign-offs are cleared), which the history records. The author
    /// joins the authors.
    fn edited(&self, by: &str, at: DateTime<Utc>, change: impl FnOnce(&mut Review)) -> Review {
        let mut review = self.clone();
        change(&mut review);
        if review == *self {
            return review;
        }
        if matches!(self.status, ReviewStatus::Approved | ReviewStatus::Published | ReviewStatus::InReview) {
            review.status = ReviewStatus::Draft;
            review.technical = None;
            review.non_technical = None;
            review.history.push(WorkflowEvent {
                status: ReviewStatus::Draft,
                by: by.to_owned(),
                at,
                reopened_by_edit: true,
            });
        }
        let by = by.trim();
        if !by.is_empty() && !review.authors.iter().any(|a| a == by) {
            review.authors.push(by.to_owned());
        }
        review.updated_at = at;
        review
    }

    /// The review with a section's text replaced.
    pub fn with_section(&self, section: Section, text: &str, by: &str, at: DateTime<Utc>) -> Review {
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
    pub fn with_header(&self, owner: &str, meeting_at: Option<DateTime<Utc>>, by: &str, at: DateTime<Utc>) -> Review {
        let owner = owner.trim().to_owned();
        self.edited(by, at, |r| {
            r.owner = owner;
            r.meeting_at = meeting_at;
        })
    }

    /// The review with a timeline entry chosen (with `tag`) or, for `None`, left out.
    pub fn with_entry(&self, entry: EntryId, choice: Option<Option<Tag>>, by: &str, at: DateTime<Utc>) -> Review {
        self.edited(by, at, |r| {
            r.chosen.retain(|c| c.entry != entry);
            if let Some(tag) = choice {
                r.chosen.push(ChosenEntry { entry, tag });
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
        let number = self.items.iter().map(|i| i.number).max().unwrap_or(0) + 1;
        let item = Self::checked_item(draft, number, default_due)?;
        Ok(self.edited(by, at, |r| r.items.push(item)))
    }

    /// The review with item `number` replaced by `draft`.
    pub fn with_item(&self, number: u32, draft: ItemDraft, by: &str, at: DateTime<Utc>) -> Result<Review, ReviewError> {
        let at_index = self.items.iter().position(|i| i.number == number).ok_or(ReviewError::NoSuchItem(number))?;
        let item = Self::checked_item(draft, number, None)?;
        Ok(self.edited(by, at, |r| r.items[at_index] = item))
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
        if status == Draft {
            review.technical = None;
            review.non_technical = None;
        }
        review.history.push(WorkflowEvent { status, by: by.to_owned(), at, reopened_by_edit: false });
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

    #[test]
    fn approval_needs_two_sign_offs_and_edits_return_to_draft() {
        let review = Review::start(IncidentId::from_parts(1, 1), "Ana", at(0));
        let review = review.with_section(Section::Summary, "DNS change broke sign-in", "Ana", at(1));
        assert_eq!(
            review.with_status(ReviewStatus::Approved, "Ana", at(2)),
            Err(ReviewError::WrongStep(ReviewStatus::Draft, ReviewStatus::Approved))
        );
        assert_eq!(review.with_sign_off(Reviewer::Technical, "Bo", at(2)), Err(ReviewError::NotInReview));
        let review = review.with_status(ReviewStatus::InReview, "Ana", at(2)).unwrap();
        let review = review.with_sign_off(Reviewer::Technical, "Bo", at(3)).unwrap();
        assert_eq!(review.with_status(ReviewStatus::Approved, "Ana", at(4)), Err(ReviewError::MissingSignOff));
        let review = review.with_sign_off(Reviewer::NonTechnical, "Cy", at(4)).unwrap();
        let approved = review.with_status(ReviewStatus::Approved, "Ana", at(5)).unwrap();
        assert_eq!(approved.status(), ReviewStatus::Approved);
        let edited = approved.with_section(Section::Lessons, "Stage DNS changes", "Di", at(6));
        assert_eq!(edited.status(), ReviewStatus::Draft);
        assert!(edited.sign_off(Reviewer::Technical).is_none());
        assert!(edited.history().last().unwrap().reopened_by_edit);
        assert_eq!(edited.authors(), ["Ana", "Di"]);
        let same = approved.with_section(Section::Summary, "DNS change broke sign-in", "Di", at(7));
        assert_eq!(same.status(), ReviewStatus::Approved, "an edit that changes nothing is no edit");
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
