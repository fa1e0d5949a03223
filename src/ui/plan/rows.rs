//! The plan's rows with each item's status, owner and due date changed in
//! place, saved through the review's command layer, and the announcement of
//! what became of the last save.

use super::load::{load, Loaded};
use crate::domain::plan::PlanRow;
use crate::domain::review::{ItemProgress, ItemStatus, ReviewError};
use crate::domain::IncidentId;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::date_field::TypedDate;
use crate::ui::common::focus::{focus, focus_soon_or};
use crate::ui::common::task::action;
use crate::ui::i18n::{fill, Text};
use crate::ui::review::ReviewCommands;
use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

/// What became of the last item saved from the plan, announced to screen
/// readers: saved, or why not (with the item's title).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Feedback {
    /// Stored.
    Saved(String),
    /// Another tab changed the item since the page read it: the page read the
    /// reviews again and shows the item as stored.
    Changed(String),
    /// The item or its review is gone.
    Gone(String),
    /// The item's new state breaks a rule.
    Invalid(String, ReviewError),
}

impl Feedback {
    /// The problem in words, if it is one.
    pub(super) fn problem(&self, text: &Text) -> Option<String> {
        let (template, title) = match self {
            Feedback::Saved(_) => return None,
            Feedback::Changed(title) => (text.plan.changed_elsewhere, title),
            Feedback::Gone(title) | Feedback::Invalid(title, ReviewError::NoSuchItem(_)) => (text.plan.gone, title),
            Feedback::Invalid(title, ReviewError::WontDoNeedsReason) => (text.plan.needs_reason, title),
            Feedback::Invalid(title, _) => (text.plan.needs_owner_and_date, title),
        };
        Some(fill(template, &[("title", title)]))
    }
}

/// Why an item moved on from the plan was not stored.
enum NotSaved {
    /// The item as stored is not the item the row showed.
    Changed,
    /// The review or the item is gone.
    Gone,
    /// The domain refused the change.
    Invalid(ReviewError),
}

/// What a row of the plan saves with: the page's data, the review command
/// layer and the announcement of what became of the last save.
#[derive(Clone, Copy)]
pub(super) struct Saving {
    /// The day overdue items are measured against.
    pub(super) today: NaiveDate,
    /// What the page shows; a saved review replaces its own.
    pub(super) data: RwSignal<Loaded>,
    /// The reviews' command layer.
    pub(super) commands: ReviewCommands,
    /// What became of the last save.
    pub(super) feedback: RwSignal<Option<Feedback>>,
}

/// The plan's rows, each with its item's status, owner and due date editable.
/// A row is drawn again only when its item changes, so what is typed in the
/// other rows stays.
#[component]
pub(super) fn PlanTable(rows: Memo<Vec<PlanRow>>, saving: Saving) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || text().review;
    view! {
        <table class="plan__items">
            <thead>
                <tr>
                    <th scope="col">{move || text().plan_incident}</th>
                    <th scope="col">{move || r().item_title}</th>
                    <th scope="col">{move || r().item_kind}</th>
                    <th scope="col">{move || r().item_owner}</th>
                    <th scope="col">{move || r().item_team}</th>
                    <th scope="col">{move || r().item_due}</th>
                    <th scope="col">{move || r().item_status}</th>
                    <th scope="col">{move || text().column_actions}</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || rows.get()
                    key=|row| format!("{}/{}", row.incident.id(), serde_json::to_string(&row.item).unwrap_or_default())
                    children=move |row| view! { <PlanItemRow row saving /> }
                />
            </tbody>
        </table>
    }
}

/// One row of the plan: the item's status, owner and due date in place, saved
/// with the row's button through the review's command layer. A signed review
/// stays signed ([`crate::domain::Review::with_item_progress`]); an item another
/// tab changed since the page read it is not overwritten: the page reads the
/// reviews again and says so.
#[component]
fn PlanItemRow(row: PlanRow, saving: Saving) -> impl IntoView {
    let Saving { today, data, commands, feedback } = saving;
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || text().review;
    let id: IncidentId = row.incident.id();
    let began = row.item.clone();
    let number = began.number;
    let title = began.title.clone();
    let status = RwSignal::new(began.status.key().to_owned());
    let owner = RwSignal::new(began.owner.clone());
    // Typed as `YYYY-MM-DD`; empty clears the due date, a date cut short is refused.
    let due = TypedDate::holding(began.due);
    let reason = RwSignal::new(match &began.status {
        ItemStatus::WontDo { reason } => reason.clone(),
        _ => String::new(),
    });
    let save_id = format!("plan-save-{id}-{number}");
    let due_id = format!("plan-due-{id}-{number}");
    let due_error = format!("{due_id}-error");
    let save = {
        let (began, title, save_id) = (began.clone(), title.clone(), save_id.clone());
        action(move |progress: &ItemProgress| {
            let (began, title, save_id, progress) = (began.clone(), title.clone(), save_id.clone(), progress.clone());
            async move {
                let saved = commands
                    .change(context, id, |review| {
                        let review = review.ok_or(NotSaved::Gone)?;
                        let current = review.items().iter().find(|i| i.number == number).ok_or(NotSaved::Gone)?;
                        if *current != began {
                            return Err(NotSaved::Changed);
                        }
                        review.with_item_progress(number, progress.clone(), Utc::now()).map_err(NotSaved::Invalid)
                    })
                    .await;
                match saved {
                    Ok(review) => {
                        data.update(|d| d.with_review(review));
                        feedback.set(Some(Feedback::Saved(title)));
                        focus_soon_or(save_id, Some("plan-saved".into()));
                    }
                    Err(Failed::Refused(NotSaved::Invalid(error))) => {
                        feedback.set(Some(Feedback::Invalid(title, error)))
                    }
                    Err(Failed::Refused(refused)) => {
                        data.set(commands.after_writes(|| load(context)).await);
                        feedback.set(Some(match refused {
                            NotSaved::Changed => Feedback::Changed(title),
                            _ => Feedback::Gone(title),
                        }));
                        focus_soon_or(save_id, Some("plan-saved".into()));
                    }
                    Err(Failed::Store(_)) => {}
                }
            }
        })
    };
    let focus_due = due_id.clone();
    let on_save = move |_| {
        let Ok(due_date) = due.read() else {
            feedback.set(None);
            return focus(&focus_due);
        };
        let progress = ItemProgress {
            status: ItemStatus::from_key(&status.get_untracked(), &reason.get_untracked()),
            owner: owner.get_untracked(),
            due: due_date,
        };
        submit(save, progress);
    };
    // Each field is named by its column and the item: "Owner: Alert on login errors".
    let named = {
        let title = title.clone();
        move |field: &str| fill(text().plan.field_aria, &[("field", field), ("title", &title)])
    };
    let late = row.is_overdue(today);
    let kind = row.item.kind;
    let (owner_name, due_name, status_name, reason_name) = (named.clone(), named.clone(), named.clone(), named);
    let save_name = {
        let title = title.clone();
        move || fill(text().plan.save_aria, &[("title", &title)])
    };
    view! {
        <tr class:plan__late=late>
            <td>
                <A href=format!("/incidents/{id}/review")>{row.incident.title().to_owned()}</A>
            </td>
            <td>{row.item.title.clone()}</td>
            <td>{move || r().kind(kind)}</td>
            <td>
                <input
                    type="text"
                    class="plan__field"
                    aria-label=move || owner_name(r().item_owner)
                    bind:value=owner
                />
            </td>
            <td>{row.item.team.clone()}</td>
            <td>
                <input
                    id=due_id
                    type="text"
                    autocomplete="off"
                    class="plan__field"
                    aria-label=move || due_name(r().item_due)
                    placeholder=move || text().time.date_placeholder
                    bind:value=due.text
                    on:input=move |_| due.typed()
                    aria-describedby=due_error.clone()
                    aria-invalid=move || due.invalid().to_string()
                />
                {move || late.then(|| format!(" {}", text().plan_overdue_badge))}
                <p id=due_error class="field__error" role="alert">{move || due.message(text().time)}</p>
            </td>
            <td>
                <select
                    class="plan__field"
                    aria-label=move || status_name(r().item_status)
                    on:change=move |ev| status.set(event_target_value(&ev))
                >
                    {status_options(status)}
                </select>
                <Show when=move || status.get() == "wont_do">
                    {
                        let reason_name = reason_name.clone();
                        view! {
                            <input
                                type="text"
                                class="plan__field"
                                aria-label=move || reason_name(r().item_reason)
                                bind:value=reason
                            />
                        }
                    }
                </Show>
            </td>
            <td>
                <button
                    type="button"
                    id=save_id.clone()
                    class="button button--small"
                    aria-label=save_name
                    on:click=on_save
                >
                    {move || text().plan.save}
                </button>
            </td>
        </tr>
    }
}

/// An option for each item status, the one `chosen` holds (its key) selected.
pub(super) fn status_options(chosen: RwSignal<String>) -> impl IntoView {
    let context = AppContext::get();
    ItemStatus::choices()
        .into_iter()
        .map(|s| (s.key(), s))
        .map(|(k, s)| {
            view! {
                <option value=k prop:selected=move || chosen.get() == k>
                    {move || context.text().review.item_status(&s)}
                </option>
            }
        })
        .collect_view()
}
