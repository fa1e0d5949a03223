//! The browser's storage for the site, as the Storage API reports it: whether it
//! is persistent (the browser will not clear it to free space, or after weeks
//! unused) and how much of the quota is used.
//!
//! Browsers keep a site's data "best-effort" unless the site asks for
//! persistence and the browser grants it (Chromium decides from engagement and
//! installation without asking; Firefox asks the user; Safari may clear
//! best-effort data after seven days without a visit).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the browser says about the site's storage; `None` where it cannot say.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StorageFacts {
    /// Whether the storage is persistent.
    pub persisted: Option<bool>,
    /// Bytes used by the site.
    pub usage: Option<f64>,
    /// Bytes the site may use.
    pub quota: Option<f64>,
}

fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

async fn resolve(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<wasm_bindgen::JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Reads the site's storage facts.
pub async fn facts() -> StorageFacts {
    let Some(manager) = manager() else { return StorageFacts::default() };
    let persisted = resolve(manager.persisted()).await.and_then(|v| v.as_bool());
    // A dictionary, not a class: it cannot be checked with `instanceof`.
    let estimate = resolve(manager.estimate()).await.map(|v| v.unchecked_into::<web_sys::StorageEstimate>());
    StorageFacts {
        persisted,
        usage: estimate.as_ref().and_then(|e| e.get_usage()),
        quota: estimate.as_ref().and_then(|e| e.get_quota()),
    }
}

/// Asks the browser to keep the site's storage persistent; whether it does.
pub async fn request_persistence() -> Option<bool> {
    let manager = manager()?;
    resolve(manager.persist()).await.and_then(|v| v.as_bool())
}
