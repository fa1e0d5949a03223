//! A shared incident's review, replicated as editable CouchDB documents with
//! real revisions.
//!
//! The review's records here (`store::documents::split_review`) travel one
//! document each: `review` (the workflow: status, sign-offs, history, removed
//! items), `review-header` (owner and meeting), `review-chosen` (the timeline
//! entries chosen), `review-section:<key>` and `review-item:<number>`. Who
//! wrote it and when (the `meta` record) stays in each browser. A document's
//! body is `{ type: "review", author, part }`, `part` being the record's data
//! (`null` for an empty part: a section without text is a document too, so
//! emptying it is an edit like any other, never a deletion a concurrent edit
//! would win over silently).
//!
//! **Revisions.** The share remembers, per document, the revision last synced
//! and its content (the base, [`Leaf`]). A part that differs from its base is
//! sent as a child of the base (`new_edits: false`, `_revisions` naming both):
//! `<generation + 1>-<hash of the base and the content>`, so the same edit of
//! the same base is the same revision whichever browser sends it. When another
//! device sent a child of the same base first, the server keeps both: a CouchDB
//! conflict (`_conflicts`), which every replica then sees in the changes feed
//! (`style=all_docs` lists each live revision).
//!
//! **Receiving.** A document the server moved on from the base is applied here
//! only if the part here is still the base; otherwise the next round sends the
//! part here, and the conflict appears. A document with two live revisions or
//! more is a [`ReviewConflict`]: nothing is applied, both contents are kept,
//! and the review page asks which to keep ([`resolve`]). The choice is sent as
//! a child of one live revision with every other live revision deleted, so the
//! server, and each replica after its next round, holds one revision again.
//!
//! **Items added apart.** An item's number is its document, so two items
//! added on two devices apart take the same number and meet on the server as
//! two first revisions of one document: not one item edited twice, but two
//! items. The winner (CouchDB's: the highest generation, then revision) keeps
//! the number; the device that sent a losing first revision moves its item to
//! the next free number, sends it at once and resolves the document to the
//! winner. Other devices take the winner meanwhile; nothing asks a user to
//! choose between two items that are both wanted.
//!
//! **Signed reviews.** Each revision says whether its writer's review was
//! signed (approved or published) when it was written (`signed`). A change of
//! the content (not the workflow) written under an unsigned review that
//! arrives while the review here is signed is not applied: it is held as a
//! conflict, and taking it is refused until the review is reopened, as an edit
//! here would be. Changes written under a signed review (an item moved on after
//! approval, signed content kept over such a change) apply as any other.

use super::docs::revision_of;
use super::replicate::SyncError;
use super::Remote;
use crate::domain::order::{map_of, set_of};
use crate::domain::Review;
use crate::store::documents::{join_review, json, split_review, Table};
use crate::store::review_sync::{Leaf, ReviewConflict};
use crate::store::{Batch, Edit, Revised, Share, ShareWrite, Store, StoreError};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The workflow's document.
pub const WORKFLOW_DOC: &str = "review";

/// The prefix of the review's other documents.
const PREFIX: &str = "review-";

/// Whether a document id is one of the review's documents.
pub fn is_review_doc(id: &str) -> bool {
    id == WORKFLOW_DOC || id.starts_with(PREFIX)
}

/// The document of a review record's key (`None` for `meta`, which stays here).
pub fn doc_of_key(incident: &str, key: &str) -> Option<String> {
    if key == incident {
        return Some(WORKFLOW_DOC.to_owned());
    }
    let rest = key.strip_prefix(incident)?.strip_prefix('/')?;
    match rest {
        "header" | "chosen" => Some(format!("{PREFIX}{rest}")),
        _ => {
            let (kind, name) = rest.split_once('/')?;
            matches!(kind, "section" | "item").then(|| format!("{PREFIX}{kind}:{name}"))
        }
    }
}

/// The record's key of a document, and its table.
fn key_of_doc(incident: &str, doc: &str) -> Option<(Table, String)> {
    if doc == WORKFLOW_DOC {
        return Some((Table::Reviews, incident.to_owned()));
    }
    let rest = doc.strip_prefix(PREFIX)?;
    let key = match rest.split_once(':') {
        Some((kind @ ("section" | "item"), name)) if !name.is_empty() => format!("{incident}/{kind}/{name}"),
        None if matches!(rest, "header" | "chosen") => format!("{incident}/{rest}"),
        _ => return None,
    };
    Some((Table::ReviewParts, key))
}

/// The section a document holds, by its key (`summary`...), if it is one.
pub fn section_of_doc(doc: &str) -> Option<&str> {
    doc.strip_prefix("review-section:")
}

/// The item a document holds, by its number, if it is one.
pub fn item_of_doc(doc: &str) -> Option<u32> {
    doc.strip_prefix("review-item:")?.parse().ok()
}

/// The document of item `number`.
fn item_doc(number: u32) -> String {
    format!("{PREFIX}item:{number:08}")
}

/// Whether the live revisions of `doc` are items added apart under the same
/// number: an item document whose revisions, but for the winner, are all
/// first revisions (a first revision that is live has no descendant, so it
/// began on its own, not as an edit of what the others edited).
fn added_apart(doc: &str, live: &[Leaf]) -> bool {
    let Some(winner) = winning(live) else { return false };
    item_of_doc(doc).is_some() && live.iter().all(|leaf| leaf.rev == winner.rev || generation(&leaf.rev) == 1)
}

/// Whether the review here, with `changes`, is signed off.
fn signed_here(local: &Option<Revised<Review>>, changes: &BTreeMap<String, Value>) -> bool {
    local.as_ref().and_then(|l| with_parts(&l.value, changes)).is_some_and(|r| r.is_signed())
}

/// A review's parts as documents: document id to content.
pub fn parts(review: &Review) -> Result<BTreeMap<String, Value>, StoreError> {
    let incident = review.incident().to_string();
    let parts = split_review(&incident, json(review)?).into_iter();
    Ok(map_of(parts.filter_map(|part| Some((doc_of_key(&incident, &part.key)?, part.data)))))
}

/// The content of a document in `review` (`null` when the part is empty).
pub fn part_of(review: &Review, doc: &str) -> Value {
    parts(review).ok().and_then(|mut parts| parts.remove(doc)).unwrap_or(Value::Null)
}

/// `review` with the documents' contents set (`null` empties a part), read
/// back through the domain's checks; `None` if the result breaks a rule.
fn with_parts(review: &Review, changed: &BTreeMap<String, Value>) -> Option<Review> {
    let incident = review.incident().to_string();
    let mut records: BTreeMap<String, Value> =
        map_of(split_review(&incident, json(review).ok()?).into_iter().map(|p| (p.key, p.data)));
    for (doc, part) in changed {
        let (_, key) = key_of_doc(&incident, doc)?;
        match part {
            Value::Null => records.remove(&key),
            part => records.insert(key, part.clone()),
        };
    }
    let workflow = records.remove(&incident)?;
    crate::domain::decode::from_value(&join_review(workflow, records.into_iter().collect())).ok()
}

/// A review put together from documents alone (joining a shared review),
/// written by this browser at `at`; `None` without the workflow and header.
fn from_parts(incident: &str, docs: &BTreeMap<String, Value>, at: DateTime<Utc>) -> Option<Review> {
    let mut records = BTreeMap::new();
    for (doc, part) in docs.iter().filter(|(_, part)| !part.is_null()) {
        records.insert(key_of_doc(incident, doc)?.1, part.clone());
    }
    records.insert(format!("{incident}/meta"), json!({ "authors": [], "updated_at": at }));
    let workflow = records.remove(incident)?;
    crate::domain::decode::from_value(&join_review(workflow, records.into_iter().collect())).ok()
}

/// A revision's generation: the number before its dash.
fn generation(rev: &str) -> u64 {
    rev.split_once('-').and_then(|(generation, _)| generation.parse().ok()).unwrap_or(0)
}

/// The live revision the server shows of a document that has several, as
/// CouchDB picks it: the highest generation, then the highest revision.
fn winning(live: &[Leaf]) -> Option<&Leaf> {
    live.iter().max_by(|a, b| (generation(&a.rev), &a.rev).cmp(&(generation(&b.rev), &b.rev)))
}

/// The revision after `parent` with `content`, and its `_revisions`.
fn child(parent: Option<&str>, content: &Value) -> (String, Value) {
    let generation = parent.and_then(|p| p.split_once('-')?.0.parse::<u64>().ok()).unwrap_or(0) + 1;
    let hash = revision_of(&json!({ "parent": parent, "content": content })).split_off(2);
    let mut ids = vec![Value::String(hash.clone())];
    if let Some((_, parent_hash)) = parent.and_then(|p| p.split_once('-')) {
        ids.push(Value::String(parent_hash.to_owned()));
    }
    (format!("{generation}-{hash}"), json!({ "start": generation, "ids": ids }))
}

/// The document that makes `part` the child of `parent`, written under a
/// signed review or not.
fn edit_doc(doc: &str, parent: Option<&str>, part: &Value, author: &str, signed: bool) -> (String, Value) {
    let (rev, revisions) = child(parent, part);
    let mut body =
        json!({ "_id": doc, "_rev": rev, "_revisions": revisions, "type": "review", "author": author, "part": part });
    if signed {
        body["signed"] = Value::Bool(true);
    }
    (rev, body)
}

/// The document that deletes the live revision `leaf` (the losing side of a
/// conflict once resolved).
fn deletion_doc(doc: &str, leaf: &str, author: &str) -> Value {
    let (rev, revisions) = child(Some(leaf), &json!({ "deleted": true }));
    json!({ "_id": doc, "_rev": rev, "_revisions": revisions, "_deleted": true, "type": "review", "author": author })
}

/// What one document sends: its documents and the base it leaves.
struct Sending {
    doc: String,
    bodies: Vec<Value>,
    base: Leaf,
}

/// The review's documents that wait to be sent: the parts here that differ
/// from their base, and the conflicts resolved here.
fn outgoing(share: &Share, review: Option<&Review>) -> Result<Vec<Sending>, StoreError> {
    let here = match review {
        Some(review) => parts(review)?,
        None => BTreeMap::new(),
    };
    let user = share.user.as_str();
    let signed = review.is_some_and(Review::is_signed);
    let leaf = |rev: String, part: Value| Leaf { rev, author: user.to_owned(), part, signed };
    let mut out = Vec::new();
    for (doc, conflict) in &share.conflicts {
        let Some(chosen) = &conflict.chosen else { continue };
        // The choice is a child of the server's winning revision, so that a
        // device holding that revision as its base sees its content go on.
        let Some(winner) = winning(&conflict.leaves) else { continue };
        let (rev, body) = edit_doc(doc, Some(&winner.rev), chosen, user, signed);
        let mut bodies = vec![body];
        let others = conflict.leaves.iter().filter(|other| other.rev != winner.rev);
        bodies.extend(others.map(|other| deletion_doc(doc, &other.rev, user)));
        out.push(Sending { doc: doc.clone(), bodies, base: leaf(rev, chosen.clone()) });
    }
    let docs: std::collections::BTreeSet<&String> = set_of(here.keys().chain(share.review.keys()));
    for doc in docs {
        if share.conflicts.contains_key(doc) {
            continue;
        }
        let part = here.get(doc).cloned().unwrap_or(Value::Null);
        let base = share.review.get(doc);
        if base.map_or(part.is_null(), |base| base.part == part) {
            continue;
        }
        let (rev, body) = edit_doc(doc, base.map(|b| b.rev.as_str()), &part, user, signed);
        out.push(Sending { doc: doc.clone(), bodies: vec![body], base: leaf(rev, part) });
    }
    Ok(out)
}

/// How many of the review's documents wait to be sent.
pub async fn waiting(store: &dyn Store, share: &Share) -> Result<usize, StoreError> {
    let review = store.review(share.incident).await?;
    Ok(outgoing(share, review.as_ref().map(|r| &r.value))?.len())
}

/// Sends the review's changes, as edits of their bases; the share then
/// remembers what the server took as the new bases. Returns the share to
/// store, how many documents were sent, and those the server refused.
pub async fn push(
    store: &dyn Store,
    remote: &dyn Remote,
    share: &Share,
) -> Result<(Share, usize, Vec<(String, String)>), SyncError> {
    let review = store.review(share.incident).await?;
    let sending = outgoing(share, review.as_ref().map(|r| &r.value))?;
    let mut next = share.clone();
    if sending.is_empty() {
        return Ok((next, 0, Vec::new()));
    }
    let bodies = sending.iter().flat_map(|s| s.bodies.iter().cloned()).collect();
    let refused = remote.bulk_docs(bodies).await?;
    let mut sent = 0;
    for s in sending {
        if refused.iter().any(|(id, _)| *id == s.doc) {
            continue;
        }
        sent += 1;
        next.conflicts.remove(&s.doc);
        next.review.insert(s.doc, s.base);
    }
    Ok((next, sent, refused))
}

/// What a page of the changes feed brings to the review.
#[derive(Debug, Default)]
pub struct Pulled {
    /// The review's change here, if any.
    pub edit: Option<Edit<Review>>,
    /// The bases after it.
    pub bases: BTreeMap<String, Leaf>,
    /// The conflicts after it.
    pub conflicts: BTreeMap<String, ReviewConflict>,
    /// How many documents changed the review here.
    pub applied: usize,
    /// The review's documents the server has that could not be applied here
    /// yet, after it ([`Share::held`]).
    pub held: BTreeMap<String, Vec<String>>,
    /// How many items added here were moved to a new number, because an item
    /// added elsewhere took theirs first: they wait to be sent.
    pub moved: usize,
}

/// A live revision the server sent, or `None` for a deleted one.
fn leaf_of(doc: &Value) -> Option<(String, Leaf)> {
    if doc.get("_deleted").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    let id = doc.get("_id")?.as_str()?.to_owned();
    let rev = doc.get("_rev")?.as_str()?.to_owned();
    let author = super::docs::author_of(doc).unwrap_or_default().to_owned();
    let part = doc.get("part").cloned().unwrap_or(Value::Null);
    let signed = doc.get("signed").and_then(Value::as_bool) == Some(true);
    Some((id, Leaf { rev, author, part, signed }))
}

/// Reads the review's documents of a page of the changes feed (`changed`: each
/// document with its live revisions) against the share's bases and the review
/// here, written at `now` when it is joined.
pub async fn pull(
    store: &dyn Store,
    remote: &dyn Remote,
    share: &Share,
    changed_docs: &[(String, Vec<String>)],
    now: DateTime<Utc>,
) -> Result<Pulled, SyncError> {
    let mut pulled = Pulled {
        bases: share.review.clone(),
        conflicts: share.conflicts.clone(),
        held: share.held.clone(),
        ..Pulled::default()
    };
    // The page's documents, and those held back before: each is read again
    // until it applies (the feed will not bring it again unless it changes).
    let mut changed: BTreeMap<String, Vec<String>> = share.held.clone();
    changed.extend(changed_docs.iter().filter(|(doc, _)| is_review_doc(doc)).cloned());
    if changed.is_empty() {
        return Ok(pulled);
    }
    pulled.held.clear();
    let local: Option<Revised<Review>> = store.review(share.incident).await?;
    // Each live revision: the base is known; the others are fetched.
    let mut leaves: BTreeMap<String, Vec<Leaf>> = BTreeMap::new();
    let mut wanted = Vec::new();
    for (doc, revs) in &changed {
        leaves.entry(doc.clone()).or_default();
        for rev in revs {
            match share.review.get(doc) {
                Some(base) if base.rev == *rev => leaves.entry(doc.clone()).or_default().push(base.clone()),
                _ => wanted.push((doc.clone(), rev.clone())),
            }
        }
    }
    if local.is_none() && !leaves.contains_key(WORKFLOW_DOC) {
        // Joining: the parts need the workflow they belong to.
        if let Some(doc) = remote.get(WORKFLOW_DOC).await? {
            if let Some(rev) = doc.get("_rev").and_then(Value::as_str) {
                wanted.push((WORKFLOW_DOC.to_owned(), rev.to_owned()));
            }
        }
    }
    if !wanted.is_empty() {
        for doc in remote.bulk_get(wanted).await? {
            if let Some((id, leaf)) = leaf_of(&doc) {
                let live = leaves.entry(id).or_default();
                if !live.iter().any(|l| l.rev == leaf.rev) {
                    live.push(leaf);
                }
            }
        }
    }
    let mut here = match &local {
        Some(review) => parts(&review.value)?,
        None => BTreeMap::new(),
    };
    let mut changes: BTreeMap<String, Value> = BTreeMap::new();
    let mut moves: Vec<(String, Value)> = Vec::new();
    // The workflow first, so that content arriving with a sign-off is held.
    let mut order: Vec<String> = leaves.keys().cloned().collect();
    crate::domain::order::sort_by_key(&mut order, |doc| doc != WORKFLOW_DOC);
    for doc in order {
        let mut live = leaves.remove(&doc).unwrap_or_default();
        crate::domain::order::sort_by(&mut live, |a, b| a.rev.cmp(&b.rev));
        let mine = here.get(&doc).cloned().unwrap_or(Value::Null);
        let base = pulled.bases.get(&doc).cloned();
        match live.as_slice() {
            [] => {}
            [leaf] => {
                pulled.conflicts.remove(&doc);
                if base.as_ref().is_some_and(|b| b.rev == leaf.rev) {
                    continue;
                }
                if leaf.part == mine || base.as_ref().is_some_and(|b| b.part == leaf.part) {
                    // Ours, or the base's content under a new revision (a
                    // conflict resolved to it): what changed here since goes
                    // on from there.
                    pulled.bases.insert(doc, leaf.clone());
                } else if base.as_ref().map_or(mine.is_null(), |b| b.part == mine) {
                    if signed_here(&local, &changes) && doc != WORKFLOW_DOC && !leaf.signed {
                        pulled.conflicts.insert(doc, ReviewConflict { leaves: live, chosen: None });
                    } else {
                        changes.insert(doc.clone(), leaf.part.clone());
                        here.insert(doc.clone(), leaf.part.clone());
                        pulled.bases.insert(doc, leaf.clone());
                    }
                }
                // Otherwise the part here changed since: the next round sends it
                // as an edit of the base, and the server keeps both.
            }
            _ if added_apart(&doc, &live) && !signed_here(&local, &changes) => {
                // Two items added apart took the same number: each first
                // revision that lost is an item of its own. The device that
                // sent it moves it to a new number and resolves the document
                // to the winner; the others take the winner meanwhile.
                let Some(winner) = winning(&live).cloned() else { continue };
                pulled.conflicts.remove(&doc);
                let sent_here = base.as_ref().filter(|b| b.author == share.user && b.rev != winner.rev);
                if sent_here.is_some_and(|b| live.iter().any(|l| l.rev == b.rev)) && !mine.is_null() {
                    moves.push((doc.clone(), mine));
                    changes.insert(doc.clone(), winner.part.clone());
                    here.insert(doc.clone(), winner.part.clone());
                    pulled.conflicts.insert(doc, ReviewConflict { leaves: live, chosen: Some(winner.part) });
                } else if winner.part == mine || base.as_ref().is_some_and(|b| b.rev == winner.rev) {
                    pulled.bases.insert(doc, winner);
                } else if base.as_ref().map_or(mine.is_null(), |b| b.part == mine) {
                    changes.insert(doc.clone(), winner.part.clone());
                    here.insert(doc.clone(), winner.part.clone());
                    pulled.bases.insert(doc, winner);
                } else {
                    pulled.conflicts.insert(doc, ReviewConflict { leaves: live, chosen: None });
                }
            }
            _ => {
                if let Some(own) = live.iter().find(|leaf| leaf.part == mine) {
                    pulled.bases.insert(doc.clone(), own.clone());
                }
                let chosen = pulled.conflicts.get(&doc).filter(|c| c.leaves == live).and_then(|c| c.chosen.clone());
                pulled.conflicts.insert(doc, ReviewConflict { leaves: live, chosen });
            }
        }
    }
    if !moves.is_empty() {
        // After every number the review here and the server use.
        let merged = local.as_ref().and_then(|l| with_parts(&l.value, &changes));
        let used =
            merged.iter().flat_map(|r| r.items().iter().map(|i| i.number).chain(r.removed().iter().map(|i| i.number)));
        let known = pulled.bases.keys().chain(pulled.conflicts.keys()).filter_map(|doc| item_of_doc(doc));
        let mut number = used.chain(known).max().unwrap_or(0);
        pulled.moved = moves.len();
        for (_, mut item) in moves.iter().cloned() {
            number += 1;
            item["number"] = number.into();
            changes.insert(item_doc(number), item);
        }
    }
    if changes.is_empty() {
        return Ok(pulled);
    }
    let incident = share.incident.to_string();
    let review = match &local {
        Some(review) => with_parts(&review.value, &changes),
        None => from_parts(&incident, &here, now),
    };
    match (review, local) {
        (Some(review), Some(local)) => {
            pulled.applied = changes.len();
            pulled.edit = Some(Edit::change(local, review));
        }
        (Some(review), None) => {
            pulled.applied = changes.len();
            pulled.edit = Some(Edit::create(review));
        }
        // The documents break a rule of the review (or the workflow has not
        // come yet): nothing is applied, and their bases stay.
        (None, _) => {
            for doc in changes.keys() {
                match share.review.get(doc) {
                    Some(base) => pulled.bases.insert(doc.clone(), base.clone()),
                    None => pulled.bases.remove(doc),
                };
                // Held, and read again at the next pull: an item removed
                // elsewhere while in conflict here, say, fits once the conflict
                // is settled.
                if let Some(revs) = changed.get(doc) {
                    pulled.held.insert(doc.clone(), revs.clone());
                }
            }
            // Nothing moved either: the documents stay as they were.
            pulled.moved = 0;
            for (doc, _) in &moves {
                match share.conflicts.get(doc) {
                    Some(conflict) => pulled.conflicts.insert(doc.clone(), conflict.clone()),
                    None => pulled.conflicts.remove(doc),
                };
            }
        }
    }
    Ok(pulled)
}

/// Why a conflict was not resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The review here is signed off: content from elsewhere is taken only once
    /// it is reopened.
    #[error("the review is signed off; reopen it to take this change")]
    Signed,
    /// The choice would break a rule of the review.
    #[error("this version cannot be put into the review")]
    Invalid,
    /// The share or the review could not be read or written.
    #[error(transparent)]
    Sync(#[from] SyncError),
}

/// Resolves the conflict of `doc` by keeping `keep` (the content here or one
/// of the live revisions'): the review here takes it and the share remembers
/// the choice, in one write; the next round sends it and deletes the other
/// revisions on the server.
pub async fn resolve(store: &dyn Store, share: Revised<Share>, doc: &str, keep: Value) -> Result<(), ResolveError> {
    let Some(conflict) = share.value.conflicts.get(doc) else { return Ok(()) };
    let base = store.review(share.value.incident).await.map_err(SyncError::from)?;
    let edit = match &base {
        Some(base) => {
            let changed = BTreeMap::from([(doc.to_owned(), keep.clone())]);
            let review = with_parts(&base.value, &changed).ok_or(ResolveError::Invalid)?;
            if review == base.value {
                None
            } else if base.value.is_signed()
                && doc != WORKFLOW_DOC
                && !conflict.leaves.iter().any(|leaf| leaf.part == keep && leaf.signed)
            {
                return Err(ResolveError::Signed);
            } else {
                Some(Edit::change(base.clone(), review))
            }
        }
        None => None,
    };
    let mut next = share.value.clone();
    next.conflicts.insert(doc.to_owned(), ReviewConflict { chosen: Some(keep), ..conflict.clone() });
    let batch = Batch {
        reviews: edit.into_iter().collect(),
        share: Some(ShareWrite::Put(Edit::change(share, next))),
        ..Batch::default()
    };
    store.write(batch).await.map_err(SyncError::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_record_but_meta_is_one_document_and_back() {
        let i = "01J";
        for (key, doc) in [
            ("01J", Some("review")),
            ("01J/header", Some("review-header")),
            ("01J/chosen", Some("review-chosen")),
            ("01J/meta", None),
            ("01J/section/summary", Some("review-section:summary")),
            ("01J/item/00000003", Some("review-item:00000003")),
        ] {
            assert_eq!(doc_of_key(i, key).as_deref(), doc, "{key}");
            if let Some(doc) = doc {
                assert_eq!(key_of_doc(i, doc).map(|(_, k)| k).as_deref(), Some(key));
                assert!(is_review_doc(doc));
            }
        }
        assert_eq!(key_of_doc(i, "review-meta"), None);
        assert_eq!(key_of_doc(i, "review-section:"), None);
        assert!(!is_review_doc("entry:1") && !is_review_doc("incident"));
        assert_eq!(item_of_doc("review-item:00000003"), Some(3));
        assert_eq!(section_of_doc("review-section:lead_up"), Some("lead_up"));
    }

    #[test]
    fn an_edit_is_a_child_of_its_base_and_the_same_edit_is_the_same_revision() {
        let (first, revisions) = child(None, &json!("a"));
        assert!(first.starts_with("1-"));
        assert_eq!(revisions["ids"].as_array().unwrap().len(), 1);
        let (second, revisions) = child(Some(&first), &json!("b"));
        assert!(second.starts_with("2-"), "{second}");
        assert_eq!(revisions["start"], 2);
        assert_eq!(revisions["ids"][1].as_str(), Some(&first[2..]));
        assert_eq!(child(Some(&first), &json!("b")).0, second, "the same edit of the same base");
        assert_ne!(child(Some(&first), &json!("c")).0, second, "another edit of the same base: a conflict");
        let deleted = deletion_doc("review-section:summary", &second, "ana");
        assert_eq!(deleted["_deleted"], true);
        assert!(deleted["_rev"].as_str().unwrap().starts_with("3-"));
    }

    #[test]
    fn items_added_apart_are_told_from_an_item_edited_apart() {
        let leaf =
            |rev: &str| Leaf { rev: rev.into(), author: "ana".into(), part: json!({ "number": 1 }), signed: false };
        let (a, b) = (child(None, &json!("a")).0, child(None, &json!("b")).0);
        let apart = [leaf(&a), leaf(&b)];
        assert!(added_apart("review-item:00000001", &apart), "two first revisions");
        assert!(!added_apart("review-section:summary", &apart), "a section is one part, not numbered");
        let edited = child(Some(&a), &json!("a2")).0;
        assert!(added_apart("review-item:00000001", &[leaf(&edited), leaf(&b)]), "one went on, the other began apart");
        let edited_apart = [leaf(&edited), leaf(&child(Some(&a), &json!("a3")).0)];
        assert!(!added_apart("review-item:00000001", &edited_apart), "two edits of one item");
        // Every device names the same winner: the higher generation, then revision.
        assert_eq!(winning(&[leaf(&b), leaf(&edited)]).unwrap().rev, edited);
        let higher = if a > b { &a } else { &b };
        assert_eq!(&winning(&apart).unwrap().rev, higher);
    }
}
