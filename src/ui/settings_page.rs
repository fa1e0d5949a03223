//! Workspace settings: the display name that signs timeline entries.

use super::context::AppContext;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let name = RwSignal::new(context.settings.with_untracked(|s| s.display_name().to_owned()));
    let saved = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let settings = context.settings.get_untracked().with_display_name(&name.get_untracked());
        spawn_local(async move {
            if context.save_settings(settings).await.is_ok() {
                name.set(context.settings.with_untracked(|s| s.display_name().to_owned()));
                saved.set(true);
            }
        });
    };
    view! {
        <h1>{move || text().settings_title}</h1>
        <form class="settings" on:submit=on_submit>
            <div class="field">
                <label for="display-name">{move || text().display_name_label}</label>
                <input
                    id="display-name"
                    type="text"
                    autocomplete="name"
                    maxlength="80"
                    bind:value=name
                    on:input=move |_| saved.set(false)
                    aria-describedby="display-name-hint"
                />
                <p id="display-name-hint" class="field__hint">{move || text().display_name_hint}</p>
            </div>
            <button type="submit" class="button button--primary">{move || text().save}</button>
            <p class="settings__status" role="status">{move || saved.get().then(|| text().saved)}</p>
        </form>
        <super::ladder::LadderEditor />
    }
}
