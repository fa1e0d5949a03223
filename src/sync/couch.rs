//! The CouchDB client over the browser's `fetch`: the only code of the app that
//! makes a network request.
//!
//! Every request goes to the origin the user typed (checked by [`server_origin`])
//! and nowhere else: a [`Couch`] holds that origin and builds each address from
//! it and an encoded path, so no document content can point a request anywhere
//! else. Requests carry the `_session` cookie (`credentials: include`); the
//! password is sent once, to `_session`, and never kept.

use super::docs::{self, DESIGN_DOC};
use super::{Changes, Remote, RemoteError, RemoteFuture};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, Request, RequestCredentials, RequestInit, RequestMode, Response};

/// The origin (`scheme://host[:port]`) of an address a user typed, if it is an
/// http or https address with a host and nothing else that would change where
/// requests go (a user name, a password, a query).
pub fn server_origin(address: &str) -> Option<String> {
    let address = address.trim().trim_end_matches('/');
    let (scheme, rest) = address.split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return None;
    }
    let host = rest.split('/').next()?;
    let path = &rest[host.len()..];
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if host.is_empty() || !host.chars().all(plain) || !path.is_empty() {
        return None;
    }
    Some(format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

/// A path segment encoded for an address.
fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// A document id as a path: `_local/` and `_design/` stay as they are, the rest
/// is encoded.
fn doc_path(id: &str) -> String {
    for prefix in ["_local/", "_design/"] {
        if let Some(rest) = id.strip_prefix(prefix) {
            return format!("{prefix}{}", encode(rest));
        }
    }
    encode(id)
}

/// A sequence as the changes feed takes it: the server's string as it is, a
/// number as its digits.
fn since_param(since: &Value) -> String {
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
fn refusal(status: u16, body: &Value) -> RemoteError {
    match status {
        401 => RemoteError::SignedOut,
        403 => RemoteError::Forbidden(reason(body)),
        404 => RemoteError::NotFound,
        _ => RemoteError::Server(format!("{status} {}", reason(body))),
    }
}

/// Sends one request to `origin` + `/` + `path` and reads the JSON answer.
async fn send(
    origin: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
    signal: Option<&AbortSignal>,
) -> Result<(u16, Value), RemoteError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Include);
    let headers = Headers::new().map_err(|_| RemoteError::Unreachable)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    init.set_headers(&headers);
    init.set_signal(signal);
    let url = format!("{origin}/{path}");
    let request = Request::new_with_str_and_init(&url, &init).map_err(|_| RemoteError::Unreachable)?;
    let window = gloo_utils::window();
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| RemoteError::Unreachable)?
        .dyn_into()
        .map_err(|_| RemoteError::Unreachable)?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.map_err(|_| RemoteError::Unreachable)?,
        Err(_) => return Err(RemoteError::Unreachable),
    };
    let body = text.as_string().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or(Value::Null);
    Ok((status, body))
}

/// Signs in with a name and password (`POST /_session`); the server answers with
/// the session cookie, which the browser keeps. Returns the user's name.
pub async fn sign_in(origin: &str, name: &str, password: &str) -> Result<String, RemoteError> {
    let body = json!({ "name": name, "password": password });
    match send(origin, "POST", "_session", Some(&body), None).await? {
        (200, answer) => Ok(answer.get("name").and_then(Value::as_str).unwrap_or(name).to_owned()),
        (401, _) => Err(RemoteError::WrongPassword),
        (status, answer) => Err(refusal(status, &answer)),
    }
}

/// The user the session cookie signs in, if any (`GET /_session`).
pub async fn signed_in(origin: &str) -> Result<Option<String>, RemoteError> {
    match send(origin, "GET", "_session", None, None).await? {
        (200, answer) => Ok(answer["userCtx"]["name"].as_str().map(str::to_owned)),
        (status, answer) => Err(refusal(status, &answer)),
    }
}

/// One incident's database on a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Couch {
    origin: String,
    database: String,
}

impl Couch {
    /// The database `database` on the server at `origin` (see [`server_origin`]).
    pub fn new(origin: &str, database: &str) -> Couch {
        Couch { origin: origin.to_owned(), database: database.to_owned() }
    }

    async fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, Value), RemoteError> {
        let path = if path.is_empty() { encode(&self.database) } else { format!("{}/{path}", encode(&self.database)) };
        send(&self.origin, method, &path, body, None).await
    }

    async fn ok(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, RemoteError> {
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

    /// Waits for a change after `since` (the longpoll changes feed), for at most
    /// about `seconds`, or until `stop` is aborted. The server's own timeout is
    /// asked for, and the request is also aborted a little after it, as some
    /// servers ignore it.
    pub async fn wait_for_change(&self, since: &Value, seconds: u32, stop: &AbortController) {
        let path = format!(
            "{}/_changes?feed=longpoll&limit=1&timeout={}&since={}",
            encode(&self.database),
            seconds * 1000,
            since_param(since)
        );
        let signal = stop.signal();
        let deadline = stop.clone();
        let timer = gloo_timers::callback::Timeout::new((seconds + 5) * 1000, move || deadline.abort());
        let _ = send(&self.origin, "GET", &path, None, Some(&signal)).await;
        drop(timer);
    }
}

impl Remote for Couch {
    fn revs_diff(&self, revs: Vec<(String, String)>) -> RemoteFuture<'_, BTreeSet<String>> {
        Box::pin(async move {
            let mut body = serde_json::Map::new();
            for (id, rev) in revs {
                body.insert(id, json!([rev]));
            }
            let answer = self.ok("POST", "_revs_diff", Some(&Value::Object(body))).await?;
            Ok(answer.as_object().map(|missing| missing.keys().cloned().collect()).unwrap_or_default())
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
    fn only_a_plain_http_or_https_origin_is_a_server() {
        assert_eq!(server_origin(" https://Couch.Example.com/ "), Some("https://couch.example.com".into()));
        assert_eq!(server_origin("http://127.0.0.1:5984"), Some("http://127.0.0.1:5984".into()));
        for refused in [
            "couch.example.com",
            "ftp://couch.example.com",
            "javascript:alert(1)",
            "https://user:pw@couch.example.com",
            "https://couch.example.com/db",
            "https://couch.example.com?x=1",
            "https://",
        ] {
            assert_eq!(server_origin(refused), None, "{refused}");
        }
    }
}
