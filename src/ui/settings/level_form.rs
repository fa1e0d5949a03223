//! The form that edits a level of the severity ladder or adds one: name, place
//! (a new level), impact and response wording, status-update cadence (with a
//! warning, before saving, when a worse level would update less often than a
//! milder one) and review rule. The ladder editor owns the form's state and
//! its submit.

use super::ladder_state::{Field, FormProblem, LevelForm, Rule};
use crate::domain::severity::{Place, MAX_LEVEL_NAME};
use crate::ui::common::context::AppContext;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// The form that edits or adds a level.
#[component]
pub(super) fn LevelFormView(
    /// Whether the level is built in, so that empty wording keeps its default.
    builtin: bool,
    /// The default impact and response wording of a built-in level.
    defaults: Option<(String, String)>,
    /// The id of the heading that names the form.
    labelled_by: String,
    /// Whether the form adds a level, so that it asks where.
    adding: bool,
    /// The cadence warnings of the level as typed.
    warnings: Signal<Vec<String>>,
    form: LevelForm,
    problem: RwSignal<Option<FormProblem>>,
    busy: Signal<bool>,
    on_submit: Callback<leptos::ev::SubmitEvent>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().ladder;
    let (impact_default, response_default) = defaults.unwrap_or_default();
    let message_for = move |field: Field| {
        move || {
            problem.with(|p| {
                p.as_ref().filter(|p| p.field() == field).map(|p| context.settings.with(|s| p.message(l(), s.ladder())))
            })
        }
    };
    let invalid =
        move |field: Field| move || problem.with(|p| p.as_ref().is_some_and(|p| p.field() == field)).to_string();
    let impact_hint = move || if builtin { l().keep_default_hint } else { l().impact_hint };
    let response_hint = move || if builtin { l().keep_default_hint } else { l().response_hint };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_cancel.run(());
        }
    };
    view! {
        <form
            class="ladder__form"
            aria-labelledby=labelled_by
            novalidate
            on:submit=move |ev| on_submit.run(ev)
            on:keydown=on_keydown
        >
            <div class="field">
                <label for="ladder-name">{move || l().name_label}</label>
                <input
                    id="ladder-name"
                    class="ladder__short"
                    type="text"
                    autocomplete="off"
                    bind:value=form.name
                    aria-invalid=invalid(Field::Name)
                    aria-describedby="ladder-name-hint ladder-name-error"
                />
                <p id="ladder-name-hint" class="field__hint">
                    {move || fill(l().name_hint, &[("max", &MAX_LEVEL_NAME.to_string())])}
                </p>
                <p id="ladder-name-error" class="field__error" aria-live="assertive">
                    {message_for(Field::Name)}
                </p>
            </div>
            {adding.then(|| view! { <PlaceField form /> })}
            <div class="field">
                <label for="ladder-impact">{move || l().impact_label}</label>
                <textarea
                    id="ladder-impact"
                    rows="2"
                    bind:value=form.impact
                    placeholder=impact_default
                    aria-describedby="ladder-impact-hint"
                ></textarea>
                <p id="ladder-impact-hint" class="field__hint">{impact_hint}</p>
            </div>
            <div class="field">
                <label for="ladder-response">{move || l().response_label}</label>
                <textarea
                    id="ladder-response"
                    rows="2"
                    bind:value=form.response
                    placeholder=response_default
                    aria-describedby="ladder-response-hint"
                ></textarea>
                <p id="ladder-response-hint" class="field__hint">{response_hint}</p>
            </div>
            <div class="field">
                <label for="ladder-minutes">{move || l().minutes_label}</label>
                <input
                    id="ladder-minutes"
                    class="ladder__number"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    bind:value=form.minutes
                    aria-invalid=invalid(Field::Minutes)
                    aria-describedby="ladder-minutes-hint ladder-minutes-error ladder-cadence-warning"
                />
                <p id="ladder-minutes-hint" class="field__hint">{move || l().minutes_hint}</p>
                <p id="ladder-minutes-error" class="field__error" aria-live="assertive">
                    {message_for(Field::Minutes)}
                </p>
                <div id="ladder-cadence-warning" aria-live="polite">
                    <Show when=move || warnings.with(|w| !w.is_empty())>
                        <div class="ladder__warning">
                            {move || warnings.get().into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                            <p>{move || l().cadence_save_anyway}</p>
                        </div>
                    </Show>
                </div>
            </div>
            <div class="ladder__review">
                <div class="field">
                    <label for="ladder-review">{move || l().review_label}</label>
                    <select
                        id="ladder-review"
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            if let Some(rule) = Rule::ALL.into_iter().find(|r| r.key() == key) {
                                form.rule.set(rule);
                            }
                        }
                    >
                        {Rule::ALL
                            .into_iter()
                            .map(|rule| {
                                view! {
                                    <option value=rule.key() prop:selected=move || form.rule.get() == rule>
                                        {move || rule.label(l())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Show when=move || form.rule.get() == Rule::Required>
                    <div class="field">
                        <label for="ladder-days">{move || l().days_label}</label>
                        <input
                            id="ladder-days"
                            class="ladder__number"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            bind:value=form.days
                            aria-invalid=invalid(Field::Days)
                            aria-describedby="ladder-days-error"
                        />
                        <p id="ladder-days-error" class="field__error" aria-live="assertive">
                            {message_for(Field::Days)}
                        </p>
                    </div>
                    <div class="field field--inline ladder__business">
                        <input id="ladder-business" type="checkbox" bind:checked=form.business_days />
                        <label for="ladder-business">{move || l().business_days_label}</label>
                    </div>
                </Show>
            </div>
            <p class="field__error" aria-live="assertive">{message_for(Field::Form)}</p>
            <div class="ladder__form-actions">
                <button type="submit" class="button button--primary" disabled=move || busy.get()>
                    {move || l().save}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {move || l().cancel}
                </button>
            </div>
        </form>
    }
}

/// Where a new level goes: above one of the levels, or at the bottom.
#[component]
fn PlaceField(form: LevelForm) -> impl IntoView {
    const BOTTOM: &str = "bottom";
    let context = AppContext::get();
    let l = move || context.text().ladder;
    let on_change = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        let place = context.settings.with_untracked(|s| {
            s.ladder()
                .levels()
                .iter()
                .find(|level| key.strip_prefix("above:") == Some(level.id().as_str()))
                .map_or(Place::Bottom, |level| Place::Above(level.id().clone()))
        });
        form.place.set(place);
    };
    let options = move || {
        let text = l();
        let ladder = context.ladder();
        let mut options = ladder
            .levels()
            .iter()
            .map(|level| {
                let place = Place::Above(level.id().clone());
                let label = fill(text.place_above, &[("name", level.name())]);
                let selected = move || form.place.with(|p| p == &place);
                view! {
                    <option value=format!("above:{}", level.id()) prop:selected=selected>
                        {label}
                    </option>
                }
                .into_any()
            })
            .collect::<Vec<_>>();
        let bottom = move || form.place.with(|p| p == &Place::Bottom);
        options.push(view! { <option value=BOTTOM prop:selected=bottom>{text.place_bottom}</option> }.into_any());
        options
    };
    view! {
        <div class="field">
            <label for="ladder-place">{move || l().place_label}</label>
            <select id="ladder-place" aria-describedby="ladder-place-hint" on:change=on_change>
                {options}
            </select>
            <p id="ladder-place-hint" class="field__hint">{move || l().place_hint}</p>
        </div>
    }
}
