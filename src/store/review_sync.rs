//! The local side of a shared review: for each of the review's CouchDB
//! documents, the revision this browser last synced and its content (the base
//! of the next change), and the conflicts the server holds. Kept in the
//! incident's [`super::Share`], so a pull stores them in the same transaction
//! as the review's records it changes.
//!
//! A review's part that differs from its base waits to be sent, as an edit of
//! the base's revision; a part the server moved on from its base is applied
//! here only if it is still the base here. When both moved, the server keeps
//! both revisions (a CouchDB conflict) and so does the share, until someone
//! chooses: [`ReviewConflict::chosen`] is then sent as the one revision left.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A revision of one of the review's documents on the server: the base this
/// browser last synced, or a live revision of a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Leaf {
    /// The CouchDB revision.
    pub rev: String,
    /// The CouchDB user who wrote it.
    #[serde(default)]
    pub author: String,
    /// The part's content at that revision (`null`: the part is empty, such as
    /// a section without text).
    pub part: Value,
    /// Whether its writer's review was signed (approved or published) when it
    /// was written: an item moved on after approval, or signed content kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed: bool,
}

/// A document changed here and on another device from the same revision (or,
/// for signed content, changed elsewhere while the review here is signed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewConflict {
    /// The live revisions on the server, including this browser's own when it
    /// reached the server.
    pub leaves: Vec<Leaf>,
    /// What the user chose to keep, waiting to be sent. An empty part is a
    /// choice too: stored as `null`, read back as `Some(Value::Null)` (no
    /// choice is no field at all).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "a_choice")]
    pub chosen: Option<Value>,
}

/// A `chosen` field that is there holds a choice, `null` included (serde reads
/// `null` as `None` for an `Option` otherwise).
fn a_choice<'de, D: Deserializer<'de>>(field: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(field).map(Some)
}

impl ReviewConflict {
    /// The revisions that are not `mine` (the part as it is here): what the
    /// other devices wrote.
    pub fn theirs<'a>(&'a self, mine: &'a Value) -> impl Iterator<Item = &'a Leaf> + 'a {
        self.leaves.iter().filter(move |leaf| leaf.part != *mine)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_part_chosen_is_read_back_as_a_choice() {
        let leaf = Leaf { rev: "2-a".into(), author: "bo".into(), part: Value::Null, signed: false };
        for chosen in [None, Some(Value::Null), Some(Value::String("Kept text".into()))] {
            let conflict = ReviewConflict { leaves: vec![leaf.clone()], chosen };
            let stored = serde_json::to_value(&conflict).unwrap();
            assert_eq!(serde_json::from_value::<ReviewConflict>(stored).unwrap(), conflict);
        }
        let unchosen = serde_json::json!({ "leaves": [] });
        assert_eq!(serde_json::from_value::<ReviewConflict>(unchosen).unwrap().chosen, None);
    }
}
