//! Workspace settings: the display name that signs timeline entries, the people
//! directory that suggests role holders (`people.rs`), and the severity ladder.

use super::ladder::LadderEditor;
use super::people::PeopleDirectory;
use super::storage::StorageStatus;
use crate::ui::backup::{BackupSection, ClearWorkspace, DamagedRecords};
use crate::ui::common::command::submit;
use crate::ui::common::context::AppContext;
use crate::ui::common::task::action;
use crate::ui::sync::TeamSection;
use leptos::prelude::*;
use std::convert::Infallible;

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let name = RwSignal::new(context.settings.with_untracked(|s| s.display_name().to_owned()));
    let saved = RwSignal::new(false);
    let save = action(move |typed: &String| {
        let typed = typed.clone();
        async move {
            let stored =
                context.change_settings(|current| Ok::<_, Infallible>(current.clone().with_display_name(&typed)));
            if let Ok(settings) = stored.await {
                name.set(settings.display_name().to_owned());
                saved.set(true);
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        submit(save, name.get_untracked());
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
        <PeopleDirectory />
        <LadderEditor />
        <TeamSection />
        <StorageStatus />
        <BackupSection />
        <DamagedRecords />
        <ClearWorkspace />
    }
}
