//! The notice of a new version: a polite status line under the header with a
//! button. It never takes focus and never reloads by itself, so whatever is being
//! typed stays; the new version starts on the button, or at the next cold start.

use super::worker::{AppVersion, Version};
use crate::ui::common::context::AppContext;
use leptos::prelude::*;

/// Says that a new version is ready, or that another tab started one.
#[component]
pub fn UpdateNotice(app_version: AppVersion) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().offline;
    view! {
        <div class="update-notice" role="status">
            {move || match app_version.version() {
                Version::Current => None,
                Version::Ready => Some(
                    view! {
                        <div class="banner banner--info">
                        <p class="banner__message">{move || text().update_ready}</p>
                        <button
                            type="button"
                            class="banner__action"
                            on:click=move |_| app_version.start_new_version()
                        >
                            {move || text().update_now}
                        </button>
                        </div>
                    }
                    .into_any(),
                ),
                Version::Starting => Some(
                    view! {
                        <div class="banner banner--info">
                            <p class="banner__message">{move || text().updating}</p>
                        </div>
                    }.into_any(),
                ),
                Version::StartedElsewhere => Some(
                    view! {
                        <div class="banner banner--info">
                        <p class="banner__message">{move || text().updated_elsewhere}</p>
                        <button type="button" class="banner__action" on:click=|_| crate::ui::reload()>
                            {move || text().reload_now}
                        </button>
                        </div>
                    }
                    .into_any(),
                ),
            }}
        </div>
    }
}
