//! What replication asks of one CouchDB database, as requests and answers: the
//! paths, the bodies and how each answer is read, over any [`Transport`] that
//! sends a request and returns the JSON answer with its status.
//!
//! The app's transport is the browser's `fetch` ([`super::couch::Fetch`]); the
//! native protocol tests (`tests/e2e/protocol.rs`) run this same code over plain
//! HTTP against a real server, so what they test is what the app sends.

use super::docs::{self, DESIGN_DOC};
use super::{Changes, Remote, RemoteError, RemoteFuture};
use crate::domain::order::set_of;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// One request to a database: `path` is relative to the database (empty for the
/// database itself) and already encoded; the answer is its status and its JSON
/// (`Null` when the body is not JSON). No answer at all is
/// [`RemoteError::Unreachable`].
pub trait Transport {
    fn call<'a>(&'a self, method: &'a str, path: &'a str, body: Option<&'a Value>) -> RemoteFuture<'a, (u16, Value)>;
}

/// The characters a path segment or query value keeps as they are: the
/// unreserved ones of RFC 3986.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A path segment or query value encoded for an address.
pub fn encode(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// A document id as a path: `_local/` and `_design/` stay as they are, the rest
/// is encoded.
pub fn doc_path(id: &str) -> String {
    for prefix in ["_local/", "_design/"] {
        if let Some(rest) = id.strip_prefix(prefix) {
            return format!("{prefix}{}", encode(rest));
        }
    }
    encode(id)
}

/// A sequence as the changes feed takes it: the server's string as it is
/// (encoded), a number as its digits.
pub fn since_param(since: &Value) -> String {
    match since {
        Value::String(text) => encode(text),
        Value::Number(n) => n.to_string(),
        _ => "0".to_owned(),
    }
}

/// The reason a refusal gives, or its error name.
fn reason(body: &Value) -> String {
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    text("reason").or_else(|| text("error")).unwrap_or_default()
}

/// The error for an answer that is not a success.
pub fn refusal(status: u16, body: &Value) -> RemoteError {
    match status {
        401 => RemoteError::SignedOut,
        403 => RemoteError::Forbidden(reason(body)),
        404 => RemoteError::NotFound,
        _ => RemoteError::Server(format!("{status} {}", reason(body))),
    }
}

/// One incident's database, reached through a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Database<T> {
    transport: T,
}

impl<T: Transport> Database<T> {
    /// The database the transport sends to.
    pub fn over(transport: T) -> Database<T> {
        Database { transport }
    }

    /// The transport, for what is particular to it.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Sends a request and reads the answer.
    pub async fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, Value), RemoteError> {
        self.transport.call(method, path, body).await
    }

    /// Sends a request and reads a successful answer; anything else is refused.
    pub async fn ok(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, RemoteError> {
        match self.call(method, path, body).await? {
            (200..=299, answer) => Ok(answer),
            (status, answer) => Err(refusal(status, &answer)),
        }
    }

    /// Creates the database with its rules: `_security` naming `lead` its admin
    /// and the writers and viewers its members, and the design document that
    /// keeps viewers from writing and authors honest. A database that exists
    /// already is kept (sharing again after a stop).
    pub async fn create(&self, lead: &str) -> Result<(), RemoteError> {
        match self.call("PUT", "", None).await? {
            (200..=299 | 412, _) => {}
            (status, answer) => return Err(refusal(status, &answer)),
        }
        self.ok("PUT", "_security", Some(&docs::security(lead))).await?;
        let design = docs::design_doc();
        match self.call("PUT", &doc_path(DESIGN_DOC), Some(&design)).await? {
            (200..=299 | 409, _) => Ok(()),
            (status, answer) => Err(refusal(status, &answer)),
        }
    }
}

impl<T: Transport> Remote for Database<T> {
    fn revs_diff(&self, revs: Vec<(String, String)>) -> RemoteFuture<'_, BTreeSet<String>> {
        Box::pin(async move {
            let mut body = serde_json::Map::new();
            for (id, rev) in revs {
                body.insert(id, json!([rev]));
            }
            let answer = self.ok("POST", "_revs_diff", Some(&Value::Object(body))).await?;
            Ok(answer.as_object().map(|missing| set_of(missing.keys().cloned())).unwrap_or_default())
        })
    }

    fn bulk_docs(&self, docs: Vec<Value>) -> RemoteFuture<'_, Vec<(String, String)>> {
        Box::pin(async move {
            let body = json!({ "docs": docs, "new_edits": false });
            let answer = self.ok("POST", "_bulk_docs", Some(&body)).await?;
            let refused = answer.as_array().into_iter().flatten().filter(|r| r.get("error").is_some());
            Ok(refused.map(|r| (r["id"].as_str().unwrap_or_default().to_owned(), reason(r))).collect())
        })
    }

    fn changes(&self, since: Value, limit: usize) -> RemoteFuture<'_, Changes> {
        Box::pin(async move {
            let path = format!("_changes?style=all_docs&limit={limit}&since={}", since_param(&since));
            let answer = self.ok("GET", &path, None).await?;
            let results = answer["results"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|change| {
                    let id = change["id"].as_str()?.to_owned();
                    let revs =
                        change["changes"].as_array()?.iter().filter_map(|c| c["rev"].as_str()).map(str::to_owned);
                    Some((id, revs.collect()))
                })
                .collect();
            Ok(Changes { results, last_seq: answer["last_seq"].clone() })
        })
    }

    fn bulk_get(&self, wanted: Vec<(String, String)>) -> RemoteFuture<'_, Vec<Value>> {
        Box::pin(async move {
            let docs: Vec<Value> = wanted.into_iter().map(|(id, rev)| json!({ "id": id, "rev": rev })).collect();
            let answer = self.ok("POST", "_bulk_get?revs=true", Some(&json!({ "docs": docs }))).await?;
            let found = answer["results"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|result| result["docs"].as_array().cloned().unwrap_or_default())
                .filter_map(|doc| doc.get("ok").cloned());
            Ok(found.collect())
        })
    }

    fn get<'a>(&'a self, id: &'a str) -> RemoteFuture<'a, Option<Value>> {
        Box::pin(async move {
            match self.call("GET", &doc_path(id), None).await? {
                (200, doc) => Ok(Some(doc)),
                (404, _) => Ok(None),
                (status, answer) => Err(refusal(status, &answer)),
            }
        })
    }

    fn put_local<'a>(&'a self, id: &'a str, doc: Value) -> RemoteFuture<'a, ()> {
        Box::pin(async move {
            let mut doc = doc;
            if let Some(rev) = self.get(id).await?.and_then(|old| old.get("_rev").cloned()) {
                doc["_rev"] = rev;
            }
            self.ok("PUT", &doc_path(id), Some(&doc)).await.map(drop)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_sequences_are_encoded_as_one_segment() {
        assert_eq!(doc_path("entry:01/x y"), "entry%3A01%2Fx%20y");
        assert_eq!(doc_path("_local/sitrep-1"), "_local/sitrep-1");
        assert_eq!(doc_path("_design/sitrep"), "_design/sitrep");
        assert_eq!(since_param(&json!("12-g1AAAA=?")), "12-g1AAAA%3D%3F");
        assert_eq!(since_param(&json!(12)), "12");
        assert_eq!(since_param(&Value::Null), "0");
    }

    #[test]
    fn a_refusal_carries_the_servers_reason() {
        assert_eq!(refusal(403, &json!({ "error": "forbidden", "reason": "no" })), RemoteError::Forbidden("no".into()));
        assert_eq!(refusal(401, &Value::Null), RemoteError::SignedOut);
        assert_eq!(refusal(500, &json!({ "error": "boom" })), RemoteError::Server("500 boom".into()));
    }
}
