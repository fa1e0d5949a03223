//! Team sync: a shared incident replicated with a CouchDB server over the CouchDB
//! replication protocol, the way PouchDB does, in both directions.
//!
//! The interface is small: [`Remote`] is what replication needs of a server
//! (revs-diff, bulk docs, the changes feed, bulk get, documents and `_local`
//! checkpoints); [`replicate::round`] runs one round of it against the
//! [`Store`](crate::store::Store), where a shared incident's state is kept
//! ([`crate::store::Share`]); [`database::Database`] is the one implementation: the
//! requests and answers of the protocol over a [`database::Transport`], which in
//! the app is the browser's `fetch` ([`couch::Couch`]), the only code that makes
//! a network request, and only to the server a user configured. [`docs`] is how an incident is laid out as
//! documents, [`status`] what the screens say. `docs`, `status` and
//! `replicate` are plain Rust with native tests (`replicate` against a server in
//! memory, `tests/sync_memory.rs`). [`team`] replicates the team workspace
//! database (the ladder, people, catalog and runbooks every member reads and
//! only its admins change) over the same [`database::Database`].

pub mod couch;
pub mod database;
pub mod docs;
pub mod replicate;
pub mod review;
pub mod status;
pub mod team;

use serde_json::Value;
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

/// The future every remote operation returns; not `Send`, as fetch is not.
pub type RemoteFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, RemoteError>> + 'a>>;

/// Why the server did not do what was asked, in terms a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemoteError {
    /// No answer: the network is down, the server stopped, the address is wrong,
    /// or the server does not allow this app's origin (CORS).
    #[error("the server cannot be reached")]
    Unreachable,
    /// The session ended or never began: sign in again.
    #[error("not signed in")]
    SignedOut,
    /// The user name or password is wrong.
    #[error("wrong user name or password")]
    WrongPassword,
    /// The server refused (a viewer writing, a database only admins may create),
    /// with its reason.
    #[error("the server refused: {0}")]
    Forbidden(String),
    /// The database does not exist on the server.
    #[error("the server has no such database")]
    NotFound,
    /// The database has no incident document, so its entries cannot be shown.
    #[error("the shared database holds no incident")]
    NoIncident,
    /// Any other answer; the detail is for bug reports.
    #[error("the server answered {0}")]
    Server(String),
}

/// A page of the changes feed: each changed document's id with its leaf
/// revisions, and the sequence to continue from (opaque: an integer on
/// pouchdb-server, a string on CouchDB).
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    /// The changed documents, in the server's order.
    pub results: Vec<(String, Vec<String>)>,
    /// Where the next page starts.
    pub last_seq: Value,
}

/// What replication needs of the server holding one incident's database.
pub trait Remote {
    /// Of these documents at these revisions, the ids the server lacks
    /// (`POST /db/_revs_diff`).
    fn revs_diff(&self, revs: Vec<(String, String)>) -> RemoteFuture<'_, BTreeSet<String>>;

    /// Stores documents with the revisions they carry (`POST /db/_bulk_docs`,
    /// `new_edits: false`). Returns the documents refused, with the reason.
    fn bulk_docs(&self, docs: Vec<Value>) -> RemoteFuture<'_, Vec<(String, String)>>;

    /// At most `limit` changes after `since` (`GET /db/_changes`).
    fn changes(&self, since: Value, limit: usize) -> RemoteFuture<'_, Changes>;

    /// The documents at these revisions (`POST /db/_bulk_get`).
    fn bulk_get(&self, wanted: Vec<(String, String)>) -> RemoteFuture<'_, Vec<Value>>;

    /// One document (a `_local` one too), or `None` if there is none.
    fn get<'a>(&'a self, id: &'a str) -> RemoteFuture<'a, Option<Value>>;

    /// Writes a `_local` document over whatever it held.
    fn put_local<'a>(&'a self, id: &'a str, doc: Value) -> RemoteFuture<'a, ()>;
}
