//! The review as a small document model that Markdown and HTML both render, so
//! that the two formats always carry the same content.
//!
//! [`internal`] builds the internal review: every part of PRODUCT.md §4 in order.
//! [`customer`] builds the customer-facing review from nothing but the review's
//! customer sections, the time and text of the timeline entries marked
//! customer-safe, and neutral header data (title, when the impact started and
//! ended, how long it lasted). Nothing else of the bundle is read there: no
//! severity, no component, no person, no evidence link, no recorded change.

use super::json::IncidentBundle;
use super::words::Words;
use super::{fill, incident_ref, utc};
use crate::domain::milestone::Milestone;
use crate::domain::order::map_of;
use crate::domain::review::{Review, Reviewer, Section};
use crate::domain::roles::Role;
use crate::domain::severity::SeverityLadder;
use crate::domain::timeline::{Change, Tag, Timeline, TimelineEntry, Visibility};
use crate::domain::wall::Wall;
use crate::domain::{EntryId, Incident, Language};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// A document: a title for the page and blocks in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Document {
    /// The page title (HTML `<title>`); the first block is the visible heading.
    pub title: String,
    /// The language of the words.
    pub lang: Language,
    /// The content.
    pub blocks: Vec<Block>,
}

/// A block of a document. Every string is plain text, escaped by the renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    /// A heading of level 1 to 4.
    Heading(u8, String),
    /// Text a person wrote: paragraphs separated by blank lines, lines kept.
    Text(String),
    /// A remark written by the app.
    Note(String),
    /// Labelled values.
    Fields(Vec<(String, Vec<Inline>)>),
    /// A bulleted list.
    List(Vec<Vec<Inline>>),
    /// A table with a header row.
    Table { head: Vec<String>, rows: Vec<Vec<Vec<Inline>>> },
}

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Inline {
    /// Plain text; line breaks are kept where the block allows them.
    Text(String),
    /// Emphasised text.
    Strong(String),
    /// A link; written as a link only for an `http`, `https` or `mailto` address,
    /// otherwise as its text.
    Link { text: String, url: String },
}

fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

fn link(url: &str) -> Inline {
    Inline::Link { text: url.to_owned(), url: url.to_owned() }
}

/// When the incident's impact started: the impact-started milestone, else the
/// detection, else the declaration.
fn start(incident: &Incident) -> DateTime<Utc> {
    let m = incident.milestones();
    m.get(Milestone::ImpactStarted).or(m.get(Milestone::Detected)).unwrap_or(incident.declared_at())
}

fn name_or_unnamed(name: &str, w: Words) -> String {
    if name.trim().is_empty() {
        w.unnamed().to_owned()
    } else {
        name.trim().to_owned()
    }
}

/// An entry for the internal review: the change it records, then its text,
/// worded as the timeline on screen words it.
fn entry_words(entry: &TimelineEntry, ladder: &SeverityLadder, w: Words) -> String {
    w.values().entry(entry, ladder)
}

fn section_blocks(blocks: &mut Vec<Block>, review: Option<&Review>, section: Section, level: u8, w: Words) {
    blocks.push(Block::Heading(level, w.values().section_heading(section).to_owned()));
    let written = review.map_or("", |r| r.section(section));
    if written.trim().is_empty() {
        blocks.push(Block::Note(w.not_written().to_owned()));
    } else {
        blocks.push(Block::Text(written.to_owned()));
    }
}

/// The internal review.
pub(super) fn internal(bundle: &IncidentBundle, ladder: &SeverityLadder, lang: Language) -> Document {
    let w = Words(lang);
    let incident = bundle.incident();
    let review = bundle.review();
    let timeline = Timeline::from_entries(bundle.timeline().to_vec());
    let title = format!("{}{}{}", w.internal_review(), w.reason_separator(), incident.title());
    let mut blocks = vec![Block::Heading(1, title.clone())];

    // Header.
    let mut fields: Vec<(String, Vec<Inline>)> = Vec::new();
    let mut field = |label: &str, value: Vec<Inline>| fields.push((label.to_owned(), value));
    field(w.incident(), text(incident_ref(incident.id())));
    field(w.severity(), text(ladder.name(incident.severity())));
    let worst = crate::domain::plan::worst_severity(incident, ladder, &timeline);
    if &worst != incident.severity() {
        field(w.worst_severity(), text(ladder.name(&worst)));
    }
    field(w.incident_status(), text(w.values().status(incident.status())));
    field(w.review_status(), text(review.map_or(w.no_review(), |r| w.values().review_status(r.status()))));
    field(w.declared(), text(utc(incident.declared_at())));
    field(w.declared_by(), text(name_or_unnamed(incident.declared_by(), w)));
    for milestone in Milestone::ALL {
        if let Some(at) = incident.milestones().get(milestone) {
            field(w.values().milestone(milestone), text(utc(at)));
        }
    }
    let duration = match incident.milestones().get(Milestone::Resolved) {
        Some(end) => w.span(end - start(incident)),
        None => w.not_resolved().to_owned(),
    };
    field(w.duration(), text(duration));
    field(w.owner(), text(review.map_or(w.not_set().to_owned(), |r| name_or_unnamed(r.owner(), w))));
    let authors = review.map(|r| r.authors().join(w.list_separator())).filter(|a| !a.is_empty());
    field(w.authors(), text(authors.unwrap_or_else(|| w.nobody().to_owned())));
    let meeting = review.and_then(Review::meeting_at).map_or(w.not_set().to_owned(), utc);
    field(w.meeting(), text(meeting));
    let components = incident.components().join(w.list_separator());
    field(w.components(), text(if components.is_empty() { w.nobody().to_owned() } else { components }));
    for role in Role::ALL {
        let holders = incident.roles().holders(role);
        if !holders.is_empty() {
            field(w.values().role(role), text(holders.join(w.list_separator())));
        }
    }
    if !bundle.runs().is_empty() {
        let runs: Vec<String> = bundle
            .runs()
            .iter()
            .map(|run| {
                fill(
                    w.runbook_run(),
                    &[
                        ("name", run.runbook().name()),
                        ("version", &run.runbook().version().to_string()),
                        ("at", &utc(run.started_at())),
                    ],
                )
            })
            .collect();
        field(w.runbooks(), text(runs.join(w.list_separator())));
    }
    blocks.push(Block::Fields(fields));

    blocks.push(Block::Heading(2, w.severity_history().to_owned()));
    let history: Vec<Vec<Inline>> = timeline
        .entries()
        .iter()
        .filter(|e| matches!(e.change(), Some(Change::Declared { .. } | Change::Severity { .. })))
        .map(|e| vec![Inline::Strong(utc(e.event_at())), Inline::Text(format!(" · {}", entry_words(e, ladder, w)))])
        .collect();
    blocks.push(if history.is_empty() { Block::Note(w.no_entries().to_owned()) } else { Block::List(history) });

    section_blocks(&mut blocks, review, Section::Summary, 2, w);
    section_blocks(&mut blocks, review, Section::Impact, 2, w);
    blocks.push(Block::Heading(2, w.narrative().to_owned()));
    for section in [Section::LeadUp, Section::Fault, Section::Detection, Section::Response, Section::Recovery] {
        section_blocks(&mut blocks, review, section, 3, w);
    }

    // Timeline: the entries chosen for the review with their review tags, in
    // timeline order; while none is chosen, the whole timeline with the entries'
    // own tags, saying so.
    blocks.push(Block::Heading(2, w.timeline().to_owned()));
    let chosen: BTreeMap<EntryId, Option<Tag>> =
        review.map(|r| map_of(r.chosen().iter().map(|c| (c.entry, c.tag)))).unwrap_or_default();
    let rows: Vec<(&TimelineEntry, Option<Tag>)> = if chosen.is_empty() {
        if !timeline.is_empty() {
            blocks.push(Block::Note(w.timeline_fallback().to_owned()));
        }
        timeline.entries().iter().map(|e| (e, e.tag())).collect()
    } else {
        timeline.entries().iter().filter_map(|e| chosen.get(&e.id()).map(|tag| (e, *tag))).collect()
    };
    if rows.is_empty() {
        blocks.push(Block::Note(w.no_entries().to_owned()));
    } else {
        let head = [w.col_time(), w.col_tag(), w.col_kind(), w.col_by(), w.col_visibility(), w.col_entry()];
        let rows = rows
            .into_iter()
            .map(|(entry, tag)| {
                let mut said = text(entry_words(entry, ladder, w));
                if !entry.evidence().is_empty() {
                    said.push(Inline::Text(format!(" · {}{}", w.evidence(), w.reason_separator())));
                    for (i, url) in entry.evidence().iter().enumerate() {
                        if i > 0 {
                            said.push(Inline::Text(" ".into()));
                        }
                        said.push(link(url));
                    }
                }
                vec![
                    text(Wall::of(&entry.event_at()).date_time()),
                    text(tag.map_or("", |t| w.values().tag(t))),
                    text(w.values().entry_kind(entry.kind())),
                    text(name_or_unnamed(entry.author(), w)),
                    text(w.values().visibility(entry.visibility())),
                    said,
                ]
            })
            .collect();
        blocks.push(Block::Table { head: head.iter().map(|h| (*h).to_owned()).collect(), rows });
    }

    blocks.push(Block::Heading(2, w.causes().to_owned()));
    for section in
        [Section::TechnicalCauses, Section::ProcessCauses, Section::ResponseCauses, Section::ContributingFactors]
    {
        section_blocks(&mut blocks, review, section, 3, w);
    }
    for section in [Section::WentWell, Section::WentWrong, Section::Lucky, Section::Lessons, Section::SimilarRisks] {
        section_blocks(&mut blocks, review, section, 2, w);
    }

    blocks.push(Block::Heading(2, w.remediation().to_owned()));
    let items = review.map_or(&[][..], Review::items);
    if items.is_empty() {
        blocks.push(Block::Note(w.no_items().to_owned()));
    } else {
        let head = [
            w.col_number(),
            w.col_title(),
            w.col_kind(),
            w.col_owner(),
            w.col_team(),
            w.col_priority(),
            w.col_due(),
            w.col_status(),
            w.col_link(),
        ];
        let rows = items
            .iter()
            .map(|item| {
                vec![
                    text(item.number.to_string()),
                    text(&item.title),
                    text(w.values().item_kind(item.kind)),
                    text(&item.owner),
                    text(&item.team),
                    text(w.values().priority(item.priority)),
                    text(item.due.map(|d| d.to_string()).unwrap_or_default()),
                    text(w.item_status(&item.status)),
                    item.link.as_deref().map_or_else(Vec::new, |url| vec![link(url)]),
                ]
            })
            .collect();
        blocks.push(Block::Table { head: head.iter().map(|h| (*h).to_owned()).collect(), rows });
    }

    blocks.push(Block::Heading(2, w.messaging().to_owned()));
    section_blocks(&mut blocks, review, Section::InternalMessage, 3, w);
    blocks.push(Block::Heading(3, w.external_message().to_owned()));
    for section in Section::CUSTOMER {
        section_blocks(&mut blocks, review, section, 4, w);
    }

    blocks.push(Block::Heading(2, w.sign_offs().to_owned()));
    let sign_offs = [Reviewer::Technical, Reviewer::NonTechnical]
        .into_iter()
        .map(|reviewer| {
            let signed = review
                .and_then(|r| r.sign_off(reviewer))
                .map_or(w.not_signed().to_owned(), |s| fill(w.signed(), &[("name", &s.name), ("at", &utc(s.at))]));
            (w.values().reviewer(reviewer).to_owned(), text(signed))
        })
        .collect();
    blocks.push(Block::Fields(sign_offs));
    if let Some(review) = review.filter(|r| !r.history().is_empty()) {
        blocks.push(Block::Heading(3, w.history().to_owned()));
        let events = review
            .history()
            .iter()
            .map(|event| {
                let mut said = fill(
                    w.history_event(),
                    &[
                        ("at", &utc(event.at)),
                        ("status", w.values().review_status(event.status)),
                        ("by", &name_or_unnamed(&event.by, w)),
                    ],
                );
                if event.reopened_by_edit {
                    said = format!("{said}{}{}", w.reason_separator(), w.reopened());
                }
                if let Some(reason) = &event.reason {
                    said =
                        format!("{said}{}{}", w.reason_separator(), fill(w.reopened_because(), &[("reason", reason)]));
                }
                if !event.set_aside.is_empty() {
                    let names: Vec<String> = event
                        .set_aside
                        .iter()
                        .map(|s| {
                            let signed = fill(w.signed(), &[("name", &s.name), ("at", &utc(s.at))]);
                            format!("{}{}{signed}", w.values().reviewer(s.reviewer), w.reason_separator())
                        })
                        .collect();
                    let names = names.join("; ");
                    said = format!("{said}{}{}", w.reason_separator(), fill(w.set_aside(), &[("names", &names)]));
                }
                text(said)
            })
            .collect();
        blocks.push(Block::List(events));
        if !review.removed().is_empty() {
            blocks.push(Block::Heading(3, w.removed_items().to_owned()));
            let removed = review
                .removed()
                .iter()
                .map(|item| {
                    text(fill(
                        w.removed_item(),
                        &[
                            ("at", &utc(item.at)),
                            ("number", &item.number.to_string()),
                            ("title", &item.title),
                            ("by", &name_or_unnamed(&item.by, w)),
                        ],
                    ))
                })
                .collect();
            blocks.push(Block::List(removed));
        }
    }

    Document { title, lang, blocks }
}

/// The customer-facing review: only what a person wrote for customers, and
/// entries a person marked customer-safe.
pub(super) fn customer(bundle: &IncidentBundle, lang: Language) -> Document {
    let w = Words(lang);
    let incident = bundle.incident();
    let title = format!("{}{}{}", w.customer_review(), w.reason_separator(), incident.title());
    let mut blocks = vec![Block::Heading(1, title.clone())];

    // Neutral header data: when customers were affected, and for how long.
    let milestones = incident.milestones();
    let started = start(incident);
    let ended = milestones.get(Milestone::Mitigated).or(milestones.get(Milestone::Resolved));
    let mut fields = vec![(w.impact_started().to_owned(), text(utc(started)))];
    fields.push((w.impact_ended().to_owned(), text(ended.map_or(w.ongoing().to_owned(), utc))));
    if let Some(ended) = ended {
        fields.push((w.duration().to_owned(), text(w.span(ended - started))));
    }
    blocks.push(Block::Fields(fields));

    // The sections a person wrote for customers; unwritten ones are left out.
    if let Some(review) = bundle.review() {
        for section in Section::CUSTOMER {
            let written = review.section(section);
            if !written.trim().is_empty() {
                blocks.push(Block::Heading(2, w.values().section_heading(section).to_owned()));
                blocks.push(Block::Text(written.to_owned()));
            }
        }
    }

    // Every entry marked customer-safe, chosen for the review or not: its time and
    // its text, never its author, evidence or recorded change.
    let timeline = Timeline::from_entries(bundle.timeline().to_vec());
    let safe: Vec<Vec<Inline>> = timeline
        .entries()
        .iter()
        .filter(|e| e.visibility() == Visibility::CustomerSafe && !e.text().trim().is_empty())
        .map(|e| vec![Inline::Strong(utc(e.event_at())), Inline::Text(format!(" · {}", e.text().trim()))])
        .collect();
    if !safe.is_empty() {
        blocks.push(Block::Heading(2, w.timeline().to_owned()));
        blocks.push(Block::List(safe));
    }

    Document { title, lang, blocks }
}
