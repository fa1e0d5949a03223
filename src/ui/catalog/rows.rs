//! The rows of the component form: key contacts and escalation steps, each with
//! its fields and the buttons that move and remove it.

use super::state::{Form, FormRow};
use crate::domain::catalog::{MAX_LINE, MAX_WAIT_MINUTES};
use crate::ui::catalog::text::CatalogText;
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// Where a row is (from 0) and how many rows there are.
fn place<R: FormRow>(rows: RwSignal<Vec<R>>, key: u32) -> (usize, usize) {
    rows.with(|r| (r.iter().position(|x| x.key() == key).unwrap_or(0), r.len()))
}

/// Moves a row up (`-1`) or down (`1`), keeping focus on a move button of the row.
fn move_row<R: FormRow>(rows: RwSignal<Vec<R>>, key: u32, by: isize, prefix: &'static str) {
    let (at, len) = place(rows, key);
    let Some(to) = at.checked_add_signed(by).filter(|to| *to < len) else { return };
    rows.update(|r| r.swap(at, to));
    let button = match (by < 0, to == 0, to + 1 == len) {
        (true, true, _) => "down",
        (true, false, _) => "up",
        (false, _, true) => "up",
        (false, _, false) => "down",
    };
    let id = format!("{prefix}-{button}-{key}");
    request_animation_frame(move || focus(&id));
}

/// Removes a row and puts focus on the button that adds one.
fn remove_row<R: FormRow>(rows: RwSignal<Vec<R>>, key: u32, add: &'static str) {
    rows.update(|r| r.retain(|x| x.key() != key));
    request_animation_frame(move || focus(add));
}

/// A text field of one row.
#[allow(clippy::too_many_arguments)]
fn row_field<R: FormRow>(
    rows: RwSignal<Vec<R>>,
    key: u32,
    id: String,
    label: impl Fn() -> String + Send + Sync + 'static,
    get: fn(&R) -> &String,
    set: fn(&mut R, String),
    number: bool,
    invalid: Memo<Option<String>>,
) -> impl IntoView {
    let value = move || rows.with(|r| r.iter().find(|x| x.key() == key).map(|x| get(x).clone()).unwrap_or_default());
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        rows.update(|r| {
            if let Some(row) = r.iter_mut().find(|x| x.key() == key) {
                set(row, typed);
            }
        });
    };
    let this = id.clone();
    let is_invalid = Memo::new(move |_| invalid.with(|i| i.as_deref() == Some(this.as_str())));
    view! {
        <div class="field" class:field--number=number>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=if number { "number" } else { "text" }
                min=number.then_some("1")
                max=number.then(|| MAX_WAIT_MINUTES.to_string())
                inputmode=number.then_some("numeric")
                maxlength=(!number).then(|| MAX_LINE.to_string())
                prop:value=value
                on:input=on_input
                aria-invalid=move || is_invalid.get().to_string()
                aria-describedby=move || is_invalid.get().then_some("component-form-error")
            />
        </div>
    }
}

/// The up, down and remove buttons of one row.
fn row_buttons<R: FormRow>(
    rows: RwSignal<Vec<R>>,
    key: u32,
    prefix: &'static str,
    add: &'static str,
    labels: fn(&CatalogText) -> [&'static str; 3],
) -> impl IntoView {
    let context = AppContext::get();
    let n = move || (place(rows, key).0 + 1).to_string();
    let aria = move |which: usize| move || fill(labels(context.text().catalog)[which], &[("n", &n())]);
    view! {
        <div class="form-rows__buttons">
            <button
                type="button"
                id=format!("{prefix}-up-{key}")
                class="button button--small"
                aria-label=aria(0)
                disabled=move || place(rows, key).0 == 0
                on:click=move |_| move_row(rows, key, -1, prefix)
            >
                "↑"
            </button>
            <button
                type="button"
                id=format!("{prefix}-down-{key}")
                class="button button--small"
                aria-label=aria(1)
                disabled=move || {
                    let (at, len) = place(rows, key);
                    at + 1 >= len
                }
                on:click=move |_| move_row(rows, key, 1, prefix)
            >
                "↓"
            </button>
            <button
                type="button"
                id=format!("{prefix}-remove-{key}")
                class="button button--small"
                aria-label=aria(2)
                on:click=move |_| remove_row(rows, key, add)
            >
                "×"
            </button>
        </div>
    }
}

/// One key contact: name, how to reach them, and its buttons.
#[component]
pub(super) fn ContactRowView(form: Form, key: u32, invalid: Memo<Option<String>>) -> impl IntoView {
    let context = AppContext::get();
    let rows = form.contacts;
    let n = move || (place(rows, key).0 + 1).to_string();
    let label = move |template: fn(&CatalogText) -> &'static str| {
        move || fill(template(context.text().catalog), &[("n", &n())])
    };
    view! {
        <li class="form-rows__row form-rows__row--contact">
            {row_field(
                rows,
                key,
                format!("contact-name-{key}"),
                label(|t| t.contact_name_label),
                |r| &r.name,
                |r, v| r.name = v,
                false,
                invalid,
            )}
            {row_field(
                rows,
                key,
                format!("contact-reach-{key}"),
                label(|t| t.contact_reach_label),
                |r| &r.reach,
                |r, v| r.reach = v,
                false,
                invalid,
            )}
            {row_buttons(
                rows,
                key,
                "contact",
                "add-contact",
                |t| [t.contact_up_aria, t.contact_down_aria, t.remove_contact_aria],
            )}
        </li>
    }
}

/// One escalation step: who, how to reach them, the wait, vendor support, and its
/// buttons.
#[component]
pub(super) fn StepRowView(form: Form, key: u32, invalid: Memo<Option<String>>) -> impl IntoView {
    let context = AppContext::get();
    let rows = form.steps;
    let n = move || (place(rows, key).0 + 1).to_string();
    let label = move |template: fn(&CatalogText) -> &'static str| {
        move || fill(template(context.text().catalog), &[("n", &n())])
    };
    view! {
        <li class="form-rows__row form-rows__row--step">
            <p class="form-rows__title">{label(|t| t.step_title)}</p>
            <div class="form-rows__fields">
                {row_field(
                    rows,
                    key,
                    format!("step-who-{key}"),
                    label(|t| t.step_who_label),
                    |r| &r.who,
                    |r, v| r.who = v,
                    false,
                    invalid,
                )}
                {row_field(
                    rows,
                    key,
                    format!("step-reach-{key}"),
                    label(|t| t.step_reach_label),
                    |r| &r.reach,
                    |r, v| r.reach = v,
                    false,
                    invalid,
                )}
                {row_field(
                    rows,
                    key,
                    format!("step-wait-{key}"),
                    label(|t| t.step_wait_label),
                    |r| &r.wait,
                    |r, v| r.wait = v,
                    true,
                    invalid,
                )}
                {row_field(
                    rows,
                    key,
                    format!("step-plan-{key}"),
                    label(|t| t.step_plan_label),
                    |r| &r.plan,
                    |r, v| r.plan = v,
                    false,
                    invalid,
                )}
                {row_field(
                    rows,
                    key,
                    format!("step-contract-{key}"),
                    label(|t| t.step_contract_label),
                    |r| &r.contract,
                    |r, v| r.contract = v,
                    false,
                    invalid,
                )}
            </div>
            {row_buttons(rows, key, "step", "add-step", |t| [t.step_up_aria, t.step_down_aria, t.remove_step_aria])}
        </li>
    }
}
