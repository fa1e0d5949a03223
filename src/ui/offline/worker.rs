//! Registers the service worker and follows its versions.
//!
//! The browser checks `/sw.js` for a new build when a page opens; this module
//! checks too, 10 s after the page opens, when the network comes back and every
//! half hour. A check that cannot reach the host (the host down while the network is
//! up, which fires no `online` event), or a new build that fails to install, is
//! tried again after 10 s, then after twice as long each time, up to the half
//! hour. A new build
//! installs beside the running one (Workbox's precache: the new files are fetched
//! whole before anything changes) and then waits. It takes over when the user
//! says so here ([`AppVersion::start_new_version`] sends the waiting worker
//! `SKIP_WAITING`), and this tab then reloads; other tabs are told and keep
//! running their version until they reload. If the new version upgrades the
//! IndexedDB database, the old tabs close their connection and say so, and a tab
//! whose upgrade is still blocked says so too (`StoreError::Blocked`).

use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The address of the service worker, written by `scripts/finish-build.mjs`.
const WORKER: &str = "/sw.js";
/// How often an open tab asks whether a new build is out.
const CHECK_EVERY: Duration = Duration::from_secs(30 * 60);
/// How long after a check that could not reach the host the next one is made;
/// each further failure doubles it, up to [`CHECK_EVERY`].
const RETRY_FIRST: Duration = Duration::from_secs(10);

/// Which version of the app this tab runs, compared with the newest it knows of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// The newest version this browser has (or no service worker at all).
    Current,
    /// A new version is installed and waits for the user's word.
    Ready,
    /// The user asked for the new version: it takes over, then this tab reloads.
    Starting,
    /// Another tab started a new version; this tab still runs its own.
    StartedElsewhere,
}

/// The service worker's registration and the version news it brings.
#[derive(Clone, Copy)]
pub struct AppVersion {
    version: RwSignal<Version>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl AppVersion {
    /// Registers the service worker and listens to it for the rest of the page's
    /// life. Where the browser has no service workers (or the page is not a secure
    /// context), the app works as before, online only.
    pub fn watch() -> Self {
        let this = Self { version: RwSignal::new(Version::Current), registration: StoredValue::new_local(None) };
        if let Some(container) = container() {
            spawn_local(this.register(container));
        }
        this
    }

    /// This tab's version news.
    pub fn version(&self) -> Version {
        self.version.get()
    }

    /// Starts the waiting version: the worker takes over, and this tab reloads
    /// once it has (see `controllerchange` in [`AppVersion::register`]).
    pub fn start_new_version(&self) {
        let waiting = self.registration.with_value(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting));
        let Some(waiting) = waiting else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
        if waiting.post_message(&message).is_ok() {
            self.version.set(Version::Starting);
        }
    }

    async fn register(self, container: ServiceWorkerContainer) {
        let version = self.version;
        // A page that was already controlled sees a change of worker only when a
        // new version takes over; the first visit's worker taking control is not news.
        let controlled_at_start = container.controller().is_some();
        on(&container, "controllerchange", move || match version.get_untracked() {
            Version::Starting => crate::ui::reload(),
            _ if controlled_at_start => version.set(Version::StartedElsewhere),
            _ => {}
        });
        let Ok(registration) = JsFuture::from(container.register(WORKER)).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        self.registration.set_value(Some(registration.clone()));
        let ready = {
            let container = container.clone();
            move || {
                if container.controller().is_some() && version.get_untracked() == Version::Current {
                    version.set(Version::Ready);
                }
            }
        };
        if registration.waiting().is_some() {
            ready();
        }
        // What wakes the checks before their time: the network back (check at
        // once), or a new build that failed to install, a file missing or the host
        // gone half-way (`false`: check again after the wait a failed check gets).
        let (wake, mut woken) = futures::channel::mpsc::unbounded::<bool>();
        let (found, failed) = (registration.clone(), wake.clone());
        on(&registration, "updatefound", move || {
            let Some(installing) = found.installing() else {
                return;
            };
            let (worker, ready, failed) = (installing.clone(), ready.clone(), failed.clone());
            on(&installing, "statechange", move || match worker.state() {
                ServiceWorkerState::Installed => ready(),
                ServiceWorkerState::Redundant => {
                    let _ = failed.unbounded_send(false);
                }
                _ => {}
            });
        });
        on(&gloo_utils::window(), "online", move || {
            let _ = wake.unbounded_send(true);
        });
        // Like the listeners, the checks go on for the page's life. The first is
        // made 10 s after the page opens: the browser checked as it loaded the
        // page, and the page's start is left to itself.
        let (mut pause, mut retry) = (RETRY_FIRST, RETRY_FIRST);
        loop {
            let reached = match futures::future::select(gloo_timers::future::sleep(pause), woken.next()).await {
                futures::future::Either::Right((Some(false), _)) => false,
                _ => reaches_host(&registration).await,
            };
            (pause, retry) = if reached { (CHECK_EVERY, RETRY_FIRST) } else { (retry, (retry * 2).min(CHECK_EVERY)) };
        }
    }
}

/// Asks the browser to check for a new build; whether the host answered it.
async fn reaches_host(registration: &ServiceWorkerRegistration) -> bool {
    match registration.update() {
        Ok(checked) => JsFuture::from(checked).await.is_ok(),
        Err(_) => false,
    }
}

/// The page's service worker container, where the browser has one.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = gloo_utils::window().navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| navigator.service_worker())
}

/// Calls `react` on every `event` at `target` for the rest of the page's life.
fn on(target: &web_sys::EventTarget, event: &str, react: impl Fn() + 'static) {
    let listener = Closure::<dyn Fn()>::new(react);
    let _ = target.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    listener.forget();
}
