//! The CouchDB client over the browser's `fetch`: the only code of the app that
//! makes a network request. What each request says and how its answer is read
//! is [`super::database`]'s; this module sends them.
//!
//! Every request goes to the origin the user typed (checked by [`server_origin`])
//! and nowhere else: a [`Couch`] holds that origin and builds each address from
//! it and an encoded path, so no document content can point a request anywhere
//! else. Requests carry the `_session` cookie (`credentials: include`); the
//! password is sent once, to `_session`, and never kept.

use super::database::{encode, refusal, since_param, Database, Transport};
use super::{RemoteError, RemoteFuture};
use serde_json::{json, Value};
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

/// The user the session cookie signs in and their roles, if any (`GET /_session`).
pub async fn session(origin: &str) -> Result<Option<(String, Vec<String>)>, RemoteError> {
    match send(origin, "GET", "_session", None, None).await? {
        (200, answer) => {
            let roles = answer["userCtx"]["roles"].as_array().into_iter().flatten().filter_map(Value::as_str);
            let roles = roles.map(str::to_owned).collect();
            Ok(answer["userCtx"]["name"].as_str().map(|name| (name.to_owned(), roles)))
        }
        (status, answer) => Err(refusal(status, &answer)),
    }
}

/// The browser's transport to one database on a server: `fetch` to the
/// server's origin, with the session cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    origin: String,
    database: String,
}

impl Transport for Fetch {
    fn call<'a>(&'a self, method: &'a str, path: &'a str, body: Option<&'a Value>) -> RemoteFuture<'a, (u16, Value)> {
        Box::pin(async move {
            let database = encode(&self.database);
            let path = if path.is_empty() { database } else { format!("{database}/{path}") };
            send(&self.origin, method, &path, body, None).await
        })
    }
}

/// One incident's database on a server, reached from the browser.
pub type Couch = Database<Fetch>;

impl Couch {
    /// The database `database` on the server at `origin` (see [`server_origin`]).
    pub fn new(origin: &str, database: &str) -> Couch {
        Database::over(Fetch { origin: origin.to_owned(), database: database.to_owned() })
    }

    /// Waits for a change after `since` (the longpoll changes feed), for at most
    /// about `seconds`, or until `stop` is aborted. The server's own timeout is
    /// asked for, and the request is also aborted a little after it, as some
    /// servers ignore it.
    pub async fn wait_for_change(&self, since: &Value, seconds: u32, stop: &AbortController) {
        let Fetch { origin, database } = self.transport();
        let path = format!(
            "{}/_changes?feed=longpoll&limit=1&timeout={}&since={}",
            encode(database),
            seconds * 1000,
            since_param(since)
        );
        let signal = stop.signal();
        let deadline = stop.clone();
        let timer = gloo_timers::callback::Timeout::new((seconds + 5) * 1000, move || deadline.abort());
        let _ = send(origin, "GET", &path, None, Some(&signal)).await;
        drop(timer);
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
