//! One replication loop per browser for each shared incident, however many tabs
//! show it: the loop runs while its tab holds the Web Lock `sitrep-sync:<id>`.
//! The other tabs wait in the lock's queue; when the holding tab closes, the
//! browser hands the lock, and so the loop, to the next one.
//!
//! The tabs that wait show the holder's status: the holder posts each status
//! on the `sitrep-sync` channel, and answers a tab that asks when it opens.
//! Where the browser has no Web Locks (an address that is not a secure context),
//! each tab runs its own loop, which is harmless: rounds are idempotent.

use crate::domain::IncidentId;
use crate::sync::status::Status;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{BroadcastChannel, MessageEvent};

#[wasm_bindgen]
extern "C" {
    /// The browser's `navigator.locks` (web-sys has it only behind its unstable flag).
    type LockManager;

    /// Waits for the lock `name`, then calls `callback` and holds the lock until
    /// the promise it returns settles.
    #[wasm_bindgen(method, catch)]
    fn request(this: &LockManager, name: &str, callback: &js_sys::Function) -> Result<js_sys::Promise, JsValue>;
}

/// The name of the lock of `id`'s loop.
pub fn lock_name(id: IncidentId) -> String {
    format!("sitrep-sync:{id}")
}

/// Runs `work` while holding the lock `name`: waits for the lock, runs it, lets
/// the lock go when it ends. Without Web Locks, runs it at once.
pub async fn holding(name: &str, work: Pin<Box<dyn Future<Output = ()>>>) {
    let locks = js_sys::Reflect::get(&gloo_utils::window().navigator(), &JsValue::from_str("locks"))
        .ok()
        .filter(|locks| locks.is_object());
    let Some(locks) = locks else { return work.await };
    // Shared with the lock's callback, so that the work still runs if the request
    // itself is refused.
    let work = Rc::new(RefCell::new(Some(work)));
    let given = work.clone();
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        future_to_promise(async move {
            let taken = given.borrow_mut().take();
            if let Some(work) = taken {
                work.await;
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    match locks.unchecked_into::<LockManager>().request(name, callback.unchecked_ref()) {
        Ok(promise) => {
            let _ = JsFuture::from(promise).await;
        }
        Err(_) => {
            let taken = work.borrow_mut().take();
            if let Some(work) = taken {
                work.await;
            }
        }
    }
}

/// A message between the tabs of one browser about team sync.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Message {
    /// The loop of an incident is at this status (sent by the tab holding it).
    Status {
        /// The shared incident.
        incident: String,
        /// Its status.
        status: Status,
    },
    /// A tab that shows an incident asks the holder for its status.
    Ask {
        /// The shared incident.
        incident: String,
    },
}

/// This tab's end of the `sitrep-sync` channel.
#[derive(Clone)]
pub struct Channel(Option<BroadcastChannel>);

impl Channel {
    /// Opens the channel; `heard` is called with each message from another tab.
    pub fn open(heard: impl Fn(IncidentId, Option<Status>) + 'static) -> Self {
        let channel = BroadcastChannel::new("sitrep-sync").ok();
        if let Some(channel) = &channel {
            let listener = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let Some(text) = event.data().as_string() else { return };
                match crate::domain::decode::from_text::<Message>(&text) {
                    Some(Message::Status { incident, status }) => {
                        if let Ok(id) = incident.parse() {
                            heard(id, Some(status));
                        }
                    }
                    Some(Message::Ask { incident }) => {
                        if let Ok(id) = incident.parse() {
                            heard(id, None);
                        }
                    }
                    None => {}
                }
            });
            channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            // The listener lives as long as the page.
            listener.forget();
        }
        Self(channel)
    }

    /// Tells the other tabs the status of `id`'s loop.
    pub fn tell(&self, id: IncidentId, status: &Status) {
        self.post(&Message::Status { incident: id.to_string(), status: status.clone() });
    }

    /// Asks the tab running `id`'s loop for its status.
    pub fn ask(&self, id: IncidentId) {
        self.post(&Message::Ask { incident: id.to_string() });
    }

    fn post(&self, message: &Message) {
        if let (Some(channel), Ok(text)) = (&self.0, serde_json::to_string(message)) {
            let _ = channel.post_message(&JsValue::from_str(&text));
        }
    }
}
