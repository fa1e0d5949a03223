//! One step of the runbook editor: its text, whether it is required, its role,
//! severity and component conditions, the event that completes it by itself,
//! its Markdown details, and the buttons that
//! move, merge, split and remove it. The import's preview uses it too.

use super::form::{editor_message, EditNotice, EditProblem, Form, Place, StepRow};
use crate::domain::runbook_commonmark::{merge_steps, split_step};
use crate::domain::{Completion, Severity};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus_soon;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// One step of the editor: its text, whether it is required, its role and its
/// conditions, and the buttons that move and remove it.
#[component]
pub(super) fn StepEditor(
    row: StepRow,
    form: Form,
    problem: RwSignal<Option<EditProblem>>,
    notice: RwSignal<Option<EditNotice>>,
) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let key = row.key;
    let number = move || form.number(key);
    let count = move || form.steps.with(Vec::len);
    let ids = |part: &str| format!("step-{key}-{part}");
    let text_id = StepRow::text_id(key);
    let error_id = ids("error");
    let error = move || {
        problem.with(|p| p.as_ref().filter(|p| p.place() == Place::Step(number())).map(|p| editor_message(l(), p)))
    };
    let (up_id, down_id) = (ids("up"), ids("down"));

    let on_move = {
        let (up_id, down_id) = (up_id.clone(), down_id.clone());
        move |up: bool| {
            let from = form.number(key);
            let last = form.steps.with_untracked(Vec::len);
            let to = if up { from.saturating_sub(1) } else { from + 1 };
            if from == 0 || to == 0 || to > last {
                return;
            }
            form.steps.update(|rows| rows.swap(from - 1, to - 1));
            problem.set(None);
            notice.set(Some(EditNotice::Moved(to)));
            // Keep focus on the button just used, unless the step reached the end
            // where that button is disabled.
            let again = if up { to > 1 } else { to < last };
            focus_soon(if again == up { up_id.clone() } else { down_id.clone() });
        }
    };
    let on_up = {
        let on_move = on_move.clone();
        move |_: leptos::ev::MouseEvent| on_move(true)
    };
    let on_down = move |_: leptos::ev::MouseEvent| on_move(false);
    let on_remove = move |_| {
        let from = form.number(key);
        form.steps.update(|rows| rows.retain(|r| r.key != key));
        problem.set(None);
        notice.set(Some(EditNotice::Removed(from)));
        let next = form.key_of(from).or_else(|| form.key_of(from.saturating_sub(1)));
        focus_soon(next.map_or("runbook-add-step".to_owned(), StepRow::text_id));
    };

    let merge_id = ids("merge");
    let on_merge = move |_| {
        let number = form.number(key);
        let Some(next) = form.key_of(number + 1) else { return };
        let rows = form.steps.get_untracked();
        let (Some(this), Some(that)) =
            (rows.iter().find(|r| r.key == key).copied(), rows.iter().find(|r| r.key == next).copied())
        else {
            return;
        };
        let merged = merge_steps(&this.step(), &that.step());
        this.details.set(merged.details);
        form.steps.update(|rows| rows.retain(|r| r.key != next));
        problem.set(None);
        notice.set(Some(EditNotice::Merged(number)));
    };
    let on_split = move |_| {
        let number = form.number(key);
        let Some(this) = form.steps.with_untracked(|rows| rows.iter().find(|r| r.key == key).copied()) else { return };
        let Some(parts) = split_step(&this.step()) else {
            notice.set(Some(EditNotice::NothingToSplit(number)));
            return;
        };
        let mut parts = parts.into_iter();
        if let Some(first) = parts.next() {
            this.details.set(first.details);
        }
        let new_rows: Vec<StepRow> = parts.map(|step| StepRow::new(form.key(), &step)).collect();
        let count = new_rows.len() + 1;
        form.steps.update(|rows| {
            let at = rows.iter().position(|r| r.key == key).map_or(rows.len(), |i| i + 1);
            rows.splice(at..at, new_rows);
        });
        problem.set(None);
        notice.set(Some(EditNotice::Split(number, count)));
    };

    // A level since removed from the ladder stays as it was until changed.
    let kept = row.min_severity.get_untracked();
    let severity_options = move || {
        let ladder = context.ladder();
        let text = l();
        let mut options: Vec<(String, String)> = ladder
            .levels()
            .iter()
            .map(|level| (level.id().as_str().to_owned(), fill(text.level_or_worse, &[("level", level.name())])))
            .collect();
        if !kept.is_empty() && ladder.level(&Severity::new(&kept)).is_none() {
            options.push((kept.clone(), fill(text.level_or_worse, &[("level", &kept)])));
        }
        choices(std::iter::once((String::new(), text.any_severity.to_owned())).chain(options), row.min_severity)
    };

    let completion_options = move || {
        let text = context.text();
        let events = Completion::all().into_iter().map(|event| (event.key(), text.completion(event)));
        choices(
            std::iter::once((String::new(), text.library.completes_never.to_owned())).chain(events),
            row.completes_when,
        )
    };

    view! {
        <li class="runbook-editor__step">
            <fieldset class="runbook-editor__fieldset">
                <legend class="runbook-editor__legend">
                    {move || fill(l().step_legend, &[("number", &number().to_string())])}
                </legend>
                <div class="field runbook-editor__text">
                    <label for=text_id.clone()>{move || l().step_text_label}</label>
                    <input
                        id=text_id
                        type="text"
                        autocomplete="off"
                        bind:value=row.text
                        aria-invalid=move || error().is_some().to_string()
                        aria-describedby=error_id.clone()
                    />
                    <p id=error_id class="field__error" aria-live="assertive">
                        {error}
                    </p>
                </div>
                <div class="runbook-editor__row">
                    <div class="field field--inline runbook-editor__required">
                        <input id=ids("required") type="checkbox" bind:checked=row.required />
                        <label for=ids("required")>{move || l().step_required_label}</label>
                    </div>
                    <div class="field">
                        <label for=ids("role")>{move || l().step_role_label}</label>
                        <input
                            id=ids("role")
                            type="text"
                            autocomplete="off"
                            bind:value=row.role
                            aria-describedby="runbook-role-hint"
                        />
                    </div>
                    <div class="field">
                        <label for=ids("severity")>{move || l().step_severity_label}</label>
                        <select id=ids("severity") on:change=move |ev| row.min_severity.set(event_target_value(&ev))>
                            {severity_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for=ids("component")>{move || l().step_component_label}</label>
                        <input
                            id=ids("component")
                            type="text"
                            autocomplete="off"
                            list="runbook-components"
                            bind:value=row.component
                            aria-describedby="runbook-component-hint"
                        />
                    </div>
                    <div class="field">
                        <label for=ids("completes")>{move || l().step_completes_label}</label>
                        <select
                            id=ids("completes")
                            aria-describedby="runbook-completes-hint"
                            on:change=move |ev| row.completes_when.set(event_target_value(&ev))
                        >
                            {completion_options}
                        </select>
                    </div>
                </div>
                <div class="field runbook-editor__details">
                    <label for=ids("details")>{move || l().step_details_label}</label>
                    <textarea
                        id=ids("details")
                        rows="4"
                        spellcheck="false"
                        bind:value=row.details
                        aria-describedby="runbook-details-hint"
                    ></textarea>
                </div>
                <div class="runbook-editor__actions">
                    <button
                        type="button"
                        class="button"
                        id=up_id
                        aria-label=move || fill(l().move_up_aria, &[("number", &number().to_string())])
                        disabled=move || { number() <= 1 }
                        on:click=on_up
                    >
                        {move || l().move_up}
                    </button>
                    <button
                        type="button"
                        class="button"
                        id=down_id
                        aria-label=move || fill(l().move_down_aria, &[("number", &number().to_string())])
                        disabled=move || { number() >= count() }
                        on:click=on_down
                    >
                        {move || l().move_down}
                    </button>
                    <button
                        type="button"
                        class="button"
                        id=merge_id
                        aria-label=move || {
                            fill(
                                l().merge_step_aria,
                                &[("number", &number().to_string()), ("next", &(number() + 1).to_string())],
                            )
                        }
                        disabled=move || { number() >= count() }
                        on:click=on_merge
                    >
                        {move || l().merge_step}
                    </button>
                    <button
                        type="button"
                        class="button"
                        aria-label=move || fill(l().split_step_aria, &[("number", &number().to_string())])
                        on:click=on_split
                    >
                        {move || l().split_step}
                    </button>
                    <button
                        type="button"
                        class="button runbook-editor__remove"
                        aria-label=move || fill(l().remove_step_aria, &[("number", &number().to_string())])
                        on:click=on_remove
                    >
                        {move || l().remove_step}
                    </button>
                </div>
            </fieldset>
        </li>
    }
}

/// The options `(value, label)` of a select whose value is `chosen`.
fn choices(options: impl Iterator<Item = (String, String)>, chosen: RwSignal<String>) -> impl IntoView {
    options
        .map(|(value, label)| {
            let this = value.clone();
            view! {
                <option value=value prop:selected=move || chosen.with(|c| c == &this)>
                    {label}
                </option>
            }
        })
        .collect_view()
}

/// What a step's role, component and details fields take, named by the step
/// rows' `aria-describedby`, and the catalog's component names they suggest;
/// once above the editor's steps and once above the import's previews.
#[component]
pub fn StepHints() -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let components = move || {
        context.settings.with(|s| s.catalog().components().iter().map(|c| c.name().to_owned()).collect::<Vec<_>>())
    };
    view! {
        <ul class="field__hint runbook-editor__hints">
            <li id="runbook-role-hint">
                <strong>{move || l().step_role_label}</strong>
                {move || context.text().colon}
                {move || l().step_role_hint}
            </li>
            <li id="runbook-component-hint">
                <strong>{move || l().step_component_label}</strong>
                {move || context.text().colon}
                {move || l().step_component_hint}
            </li>
            <li id="runbook-completes-hint">
                <strong>{move || l().step_completes_label}</strong>
                {move || context.text().colon}
                {move || l().step_completes_hint}
            </li>
            <li id="runbook-details-hint">
                <strong>{move || l().step_details_label}</strong>
                {move || context.text().colon}
                {move || l().step_details_hint}
            </li>
        </ul>
        <datalist id="runbook-components">
            {move || components().into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
        </datalist>
    }
}
