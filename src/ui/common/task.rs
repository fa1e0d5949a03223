//! Work a view starts that ends with the view: reading what it shows.
//!
//! A view's signals are disposed when it goes (a link followed, another
//! incident opened), and reading a disposed signal panics, which stops the whole
//! app. A read that feeds a view (an incident's first rows, the rest of a long
//! timeline, a re-read after another tab's change) is therefore started with
//! [`spawn_for_view`]: it is dropped at its next step once its view has gone, so
//! it neither reads the gone view's signals nor keeps the page busy decoding
//! thousands of entries nobody will see. Writes are not started this way: a
//! command runs to its end through its aggregate's queue
//! ([`super::command::Queue`]) and checks that its view is still there.
//!
//! The effects and actions views make are made here too ([`effect`],
//! [`action`]): boxed, so that Leptos's code around them is compiled once.

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::{on_cleanup, Action, Effect, LocalStorage, Owner};
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;

/// Runs `task` until it ends or the current reactive owner (the view, or the
/// effect that started it) is cleaned up, whichever comes first. Unlike
/// `leptos::task::spawn_local_scoped_with_cancellation`, the task does not run
/// as the owner's observer, so what it reads never makes the effect that
/// started it run again.
pub fn spawn_for_view(task: impl Future<Output = ()> + 'static) {
    spawn_for(Owner::current(), task);
}

/// Runs `task` until it ends or `view` is cleaned up: for a read started from a
/// callback that runs under another owner (a change heard from another tab
/// reaches the page through an effect of its own, which runs again for every
/// change heard).
pub fn spawn_for(view: Option<Owner>, task: impl Future<Output = ()> + 'static) {
    let (handle, registration) = AbortHandle::new_pair();
    match view {
        Some(view) => view.with(|| on_cleanup(move || handle.abort())),
        None => on_cleanup(move || handle.abort()),
    }
    spawn_local(async move {
        let _ = Abortable::new(task, registration).await;
    });
}

/// An effect: `run` runs now and again whenever a signal it read changes, until
/// the current owner is cleaned up, as `Effect::new` does. Leptos compiles each
/// effect's task (the loop that waits for a change, tracks what the function
/// reads and runs it) once per function type; boxed, every effect of the app
/// shares one copy of that task, about a kilobyte each before compression.
pub fn effect(run: impl FnMut(Option<()>) + 'static) -> Effect<LocalStorage> {
    let run: Box<dyn FnMut(Option<()>)> = Box::new(run);
    Effect::new(run)
}

/// An action (`Action::new_local`): `run` makes the work for each dispatched
/// input. Leptos compiles an action's wrapper of that work (its owner, its
/// thread check) once per function type; with the function and its work boxed,
/// the actions with the same input and output share one.
pub fn action<I: 'static, O: 'static, F: Future<Output = O> + 'static>(
    run: impl Fn(&I) -> F + 'static,
) -> Action<I, O> {
    let run: Run<I, O> = Box::new(move |input| Box::pin(run(input)));
    Action::new_local(run)
}

/// An action's function and its work, boxed.
type Run<I, O> = Box<dyn Fn(&I) -> Pin<Box<dyn Future<Output = O>>>>;
