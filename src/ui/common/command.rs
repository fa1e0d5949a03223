//! The one way the interface writes: a queue per aggregate and a submit that
//! ignores repeats.
//!
//! Every aggregate (an incident with its timeline and runs, a review, the runbook
//! library, the workspace settings, the incident list) has a small command layer
//! in its feature folder, and that layer is the only code that writes to the
//! store. Its commands run through the aggregate's [`Queue`]: each one starts
//! after the previous one has been stored (or refused), computes its change from
//! the state as last acknowledged, writes it, and only then updates the signals
//! the pages read. Two changes made in quick succession (a section saved on blur
//! and an item added by the same click) therefore both reach the store, each on
//! top of the other, and a failed write never becomes the base of the next one.
//!
//! Forms hold a Leptos [`Action`] per submit and call [`submit`], which ignores a
//! submit made while the previous one is still pending; the action's `pending()`
//! is the form's "busy" state.

use crate::store::StoreError;
use futures::channel::oneshot;
use futures::future::{FutureExt, Shared};
use leptos::prelude::*;
use std::future::Future;

/// The writes of one aggregate, run one after another in the order they were made.
#[derive(Clone, Copy)]
pub struct Queue {
    /// Finishes when the last queued write has finished.
    tail: StoredValue<Option<Shared<oneshot::Receiver<()>>>, LocalStorage>,
}

impl Default for Queue {
    fn default() -> Self {
        Self::new()
    }
}

impl Queue {
    /// An empty queue, owned by the current reactive owner.
    pub fn new() -> Self {
        Self { tail: StoredValue::new_local(None) }
    }

    /// Runs `write` once every write queued before it has finished, and returns
    /// its result. `write` is called only then, so it reads the state that the
    /// earlier writes left.
    pub async fn run<T, F, Fut>(self, write: F) -> T
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = T>,
    {
        let (finished, done) = oneshot::channel::<()>();
        let previous = self.tail.try_update_value(|tail| tail.replace(done.shared())).flatten();
        if let Some(previous) = previous {
            // A dropped sender (a write whose page went away) also ends the wait.
            let _ = previous.await;
        }
        let result = write().await;
        let _ = finished.send(());
        result
    }
}

/// Why a command changed nothing: the domain refused the change (the form says
/// why), or the store failed (the command layer has already put it in the
/// workspace's problem banner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed<E> {
    /// The domain refused the change, computed from the state as last stored.
    Refused(E),
    /// Storing failed; nothing changed on screen.
    Store(StoreError),
}

impl<E> Failed<E> {
    /// A change not made because its page had gone before its turn came in the
    /// queue (a change waiting behind a read of a long timeline): there is
    /// nothing left to compute it from and nobody to show it to. Nothing was
    /// stored; what was typed stays a draft (`super::drafts`). Not put in the
    /// problem banner: nothing went wrong in the workspace.
    pub fn page_left() -> Self {
        Failed::Store(StoreError::Failed("the page was left before the change was made".to_owned()))
    }
}

/// The refusal of a change that would change nothing (a role given to its
/// holder, the same components again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unchanged;

/// Dispatches `input` to `action` unless its previous submit is still pending:
/// a second Enter or click while a write is under way is ignored. Says whether
/// the input was dispatched.
pub fn submit<I: 'static, O: 'static>(action: Action<I, O>, input: I) -> bool {
    if action.pending().get_untracked() {
        return false;
    }
    action.dispatch_local(input);
    true
}
