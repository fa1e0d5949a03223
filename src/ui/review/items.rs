//! Remediation items: the list, the form that adds or edits one, and removing
//! one after a confirmation. Once the review is signed off, the form moves an
//! item on (status, owner, due date) without touching the sign-offs.

use super::state::{me, ReviewState};
use crate::domain::plan::{default_priority_due, worst_severity};
use crate::domain::review::{ItemDraft, ItemKind, ItemProgress, ItemStatus, Priority, RemediationItem, ReviewError};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::date_field::TypedDate;
use crate::ui::common::drafts::{keep_field, Draft, DraftNote};
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use chrono::Utc;
use leptos::prelude::*;

/// What the item form holds.
#[derive(Clone, Default)]
struct ItemForm {
    title: RwSignal<String>,
    kind: RwSignal<String>,
    owner: RwSignal<String>,
    team: RwSignal<String>,
    /// Typed as `YYYY-MM-DD`; empty is "no due date".
    due: TypedDate,
    priority: RwSignal<bool>,
    status: RwSignal<String>,
    reason: RwSignal<String>,
    link: RwSignal<String>,
}

impl ItemForm {
    /// The item as the form holds it; `None` when the due date typed is refused
    /// (the field keeps it and says why).
    fn draft(&self) -> Option<ItemDraft> {
        let due = self.due.read().ok()?;
        let kind =
            ItemKind::ALL.into_iter().find(|k| k.key() == self.kind.get_untracked()).unwrap_or(ItemKind::Prevent);
        let status = ItemStatus::from_key(&self.status.get_untracked(), &self.reason.get_untracked());
        Some(ItemDraft {
            title: self.title.get_untracked(),
            kind,
            owner: self.owner.get_untracked(),
            team: self.team.get_untracked(),
            due,
            priority: if self.priority.get_untracked() { Priority::Priority } else { Priority::Normal },
            status,
            link: self.link.get_untracked(),
        })
    }

    fn clear(&self) {
        for field in [self.title, self.owner, self.team, self.due.text, self.reason, self.link] {
            field.set(String::new());
        }
        self.due.problem.set(None);
        self.kind.set("prevent".into());
        self.status.set("candidate".into());
        self.priority.set(false);
    }

    fn fill_from(&self, item: &RemediationItem) {
        self.title.set(item.title.clone());
        self.kind.set(item.kind.key().into());
        self.owner.set(item.owner.clone());
        self.team.set(item.team.clone());
        self.due.text.set(item.due.map(|d| d.to_string()).unwrap_or_default());
        self.due.problem.set(None);
        self.priority.set(item.priority == Priority::Priority);
        self.status.set(item.status.key().into());
        self.reason.set(match &item.status {
            ItemStatus::WontDo { reason } => reason.clone(),
            _ => String::new(),
        });
        self.link.set(item.link.clone().unwrap_or_default());
    }
}

/// Why an item was not saved.
#[derive(Debug, Clone, PartialEq)]
enum NotSaved {
    /// The item breaks a rule.
    Invalid(ReviewError),
    /// Another tab changed the item being edited since the form was filled; the
    /// item as it is now.
    Changed(Box<RemediationItem>),
}

/// Remediation items: the list and the form that adds or edits one.
///
/// Editing an item saves only over the item the form was filled from: if another
/// tab changed it meanwhile, the form keeps what was typed, the list shows theirs,
/// and the form says so; saving again then replaces theirs on purpose.
#[component]
pub fn RemediationItems(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let r = move || context.text().review;
    let form = ItemForm {
        title: RwSignal::new(String::new()),
        kind: RwSignal::new("prevent".into()),
        owner: RwSignal::new(String::new()),
        team: RwSignal::new(String::new()),
        due: TypedDate::new(String::new()),
        priority: RwSignal::new(false),
        status: RwSignal::new("candidate".into()),
        reason: RwSignal::new(String::new()),
        link: RwSignal::new(String::new()),
    };
    let editing = RwSignal::new(None::<u32>);
    // A new item's typed fields are drafts until it is added; an item being
    // edited leaves them alone.
    let scope = state.draft_scope();
    let drafts: Vec<Draft> = [
        (form.title, "item-title"),
        (form.owner, "item-owner"),
        (form.team, "item-team"),
        (form.due.text, "item-due"),
        (form.reason, "item-reason"),
        (form.link, "item-link"),
    ]
    .into_iter()
    .map(|(field, name)| keep_field(field, &scope, name, move || editing.get().is_none().then(String::new)))
    .collect();
    // The item as stored when the form was filled to edit it.
    let began = StoredValue::new(None::<RemediationItem>);
    let problem = RwSignal::new(None::<NotSaved>);
    let signed = Memo::new(move |_| state.review.with(|r| r.as_ref().is_some_and(|r| r.is_signed())));
    // The due date a priority item left without one gets, shown before it is added.
    let default_due = Memo::new(move |_| {
        let today = Utc::now().date_naive();
        state.incident.with(|i| {
            let i = i.as_ref()?;
            let worst = state.timeline.with(|t| context.settings.with(|s| worst_severity(i, s.ladder(), t)));
            default_priority_due(&worst, today)
        })
    });
    let form_for_save = form.clone();
    let save = action(move |(number, draft): &(Option<u32>, ItemDraft)| {
        let (number, draft) = (*number, draft.clone());
        let form = form_for_save.clone();
        async move {
            let default_due = default_due.get_untracked();
            // Read now, while the form is surely there: the change runs when
            // its turn comes in the review's queue.
            let began_then = began.get_value();
            let saved = state
                .change(context, |review| match number {
                    Some(number) => {
                        let current = review.items().iter().find(|i| i.number == number);
                        if began_then.as_ref() != current {
                            let now = current.cloned().ok_or(NotSaved::Invalid(ReviewError::NoSuchItem(number)))?;
                            return Err(NotSaved::Changed(Box::new(now)));
                        }
                        if review.is_signed() {
                            let progress = ItemProgress {
                                status: draft.status.clone(),
                                owner: draft.owner.clone(),
                                due: draft.due,
                            };
                            return review.with_item_progress(number, progress, Utc::now()).map_err(NotSaved::Invalid);
                        }
                        review.with_item(number, draft.clone(), &me(context), Utc::now()).map_err(NotSaved::Invalid)
                    }
                    None => review
                        .with_new_item(draft.clone(), default_due, &me(context), Utc::now())
                        .map_err(NotSaved::Invalid),
                })
                .await;
            match saved {
                // The form is emptied only once the item is stored, so a failed
                // write leaves what was typed in place.
                Ok(()) => {
                    problem.set(None);
                    editing.set(None);
                    form.clear();
                    focus("item-title");
                }
                Err(Failed::Refused(NotSaved::Changed(theirs))) => {
                    began.set_value(Some((*theirs).clone()));
                    problem.set(Some(NotSaved::Changed(theirs)));
                }
                Err(Failed::Refused(error)) => problem.set(Some(error)),
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let on_submit = {
        let form = form.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(draft) = form.draft() else {
                problem.set(None);
                return focus("item-due");
            };
            // A second Enter while the item is being stored does not add it twice.
            submit(save, (editing.get_untracked(), draft));
        }
    };
    let due = form.due;
    let message = move || {
        if let Some(refused) = due.message(context.text().time) {
            return Some(refused);
        }
        let r = r();
        problem.get().map(|p| {
            match p {
                NotSaved::Changed(_) => r.item_changed_elsewhere,
                NotSaved::Invalid(ReviewError::NoItemTitle) => r.item_no_title,
                NotSaved::Invalid(ReviewError::CommittedNeedsOwnerAndDate) => r.item_needs_owner_and_date,
                NotSaved::Invalid(ReviewError::WontDoNeedsReason) => r.item_needs_reason,
                NotSaved::Invalid(ReviewError::NoSuchItem(_)) => r.item_gone,
                NotSaved::Invalid(ReviewError::Signed) => r.signed_refused,
                NotSaved::Invalid(_) => r.item_bad_link,
            }
            .to_owned()
        })
    };
    // Removing an item asks first, naming it; the review records the removal.
    let removing = RwSignal::new(None::<(u32, String)>);
    let remove = action(move |number: &u32| {
        let number = *number;
        async move {
            let removed = state.change(context, |review| review.without_item(number, &me(context), Utc::now())).await;
            match removed {
                Ok(()) => {
                    removing.set(None);
                    problem.set(None);
                    if editing.try_get_untracked() == Some(Some(number)) {
                        editing.set(None);
                    }
                    focus("item-title");
                }
                Err(Failed::Refused(error)) => {
                    removing.set(None);
                    problem.set(Some(NotSaved::Invalid(error)));
                }
                Err(Failed::Store(_)) => {}
            }
        }
    });
    // The table is drawn again only when the items change, not on every save.
    let items = Memo::new(move |_| state.review.with(|r| r.as_ref().map(|r| r.items().to_vec()).unwrap_or_default()));
    let edit_form = form.clone();
    let cancel_form = form.clone();
    let discard_form = form.clone();
    let f = form.clone();
    view! {
        <section aria-labelledby="items-heading">
            <h2 id="items-heading">{move || r().items_title}</h2>
            {move || {
                let list = items.get();
                if list.is_empty() {
                    return view! { <p class="field__hint">{r().items_empty}</p> }.into_any();
                }
                let edit_form = edit_form.clone();
                view! {
                    <table class="review__items">
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                <th scope="col">{r().item_title}</th>
                                <th scope="col">{r().item_kind}</th>
                                <th scope="col">{r().item_owner}</th>
                                <th scope="col">{r().item_due}</th>
                                <th scope="col">{r().item_priority}</th>
                                <th scope="col">{r().item_status}</th>
                                <th scope="col">{move || context.text().column_actions}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|item| {
                                    let edit_form = edit_form.clone();
                                    let label = fill(r().edit_item_aria, &[("number", &item.number.to_string()), ("title", &item.title)]);
                                    let status = match &item.status {
                                        ItemStatus::WontDo { reason } => format!("{}: {}", r().item_status(&item.status), reason),
                                        other => r().item_status(other).to_owned(),
                                    };
                                    let chosen = item.clone();
                                    let remove_label = fill(r().remove_item_aria, &[("number", &item.number.to_string()), ("title", &item.title)]);
                                    let asked = (item.number, item.title.clone());
                                    view! {
                                        <tr>
                                            <td>{item.number}</td>
                                            <td>
                                                {item.title.clone()}
                                                {item.link.clone().map(|link| view! { " " <a href=link.clone() rel="noopener noreferrer" target="_blank">"↗"</a> })}
                                            </td>
                                            <td>{r().kind(item.kind)}</td>
                                            <td>{format!("{} {}", item.owner, if item.team.is_empty() { String::new() } else { format!("({})", item.team) })}</td>
                                            <td>{item.due.map(|d| d.to_string()).unwrap_or_default()}</td>
                                            <td>{r().priority(item.priority)}</td>
                                            <td>{status}</td>
                                            <td>
                                                <button
                                                    type="button"
                                                    class="button button--small"
                                                    aria-label=label
                                                    on:click=move |_| {
                                                        edit_form.fill_from(&chosen);
                                                        editing.set(Some(chosen.number));
                                                        began.set_value(Some(chosen.clone()));
                                                        focus("item-title");
                                                    }
                                                >
                                                    "✎"
                                                </button>
                                                <Show when=move || !signed.get()>
                                                    {
                                                        let asked = asked.clone();
                                                        view! {
                                                            <button
                                                                type="button"
                                                                class="button button--small"
                                                                aria-label=remove_label.clone()
                                                                on:click=move |_| {
                                                                    removing.set(Some(asked.clone()));
                                                                    focus_soon("remove-question".into());
                                                                }
                                                            >
                                                                {move || r().remove}
                                                            </button>
                                                        }
                                                    }
                                                </Show>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
            {move || {
                removing
                    .get()
                    .map(|(number, title)| {
                        let question = fill(r().remove_question, &[("number", &number.to_string()), ("title", &title)]);
                        view! {
                            <div class="review__confirm" role="group" aria-labelledby="remove-question">
                                <p id="remove-question" tabindex="-1">{question}</p>
                                <button type="button" class="button button--danger" on:click=move |_| { submit(remove, number); }>
                                    {r().remove_confirm}
                                </button>
                                <button type="button" class="button" on:click=move |_| removing.set(None)>{r().keep_item}</button>
                            </div>
                        }
                    })
            }}
            <Show when=move || signed.get()>
                <p class="field__hint">{move || r().item_signed_hint}</p>
            </Show>
            <form class="review__item-form" on:submit=on_submit novalidate hidden=move || signed.get() && editing.get().is_none()>
                <DraftNote
                    drafts
                    name=Signal::derive(move || r().items_title.to_owned())
                    first="item-title"
                    discard=move || discard_form.clear()
                />
                <div class="field">
                    <label for="item-title">{move || r().item_title}</label>
                    <input id="item-title" type="text" bind:value=f.title readonly=move || signed.get() />
                </div>
                <div class="review__item-row">
                    <div class="field">
                        <label for="item-kind">{move || r().item_kind}</label>
                        <select id="item-kind" disabled=move || signed.get() on:change=move |ev| f.kind.set(event_target_value(&ev))>
                            {ItemKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.key() prop:selected=move || f.kind.get() == k.key()>{move || r().kind(k)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="item-owner">{move || r().item_owner}</label>
                        <input id="item-owner" type="text" list="people" bind:value=f.owner />
                    </div>
                    <div class="field">
                        <label for="item-team">{move || r().item_team}</label>
                        <input id="item-team" type="text" bind:value=f.team readonly=move || signed.get() />
                    </div>
                    <div class="field">
                        <label for="item-due">{move || r().item_due}</label>
                        <input
                            id="item-due"
                            type="text"
                            autocomplete="off"
                            placeholder=move || context.text().time.date_placeholder
                            bind:value=f.due.text
                            on:input=move |_| f.due.typed()
                            aria-describedby="item-due-hint item-error"
                            aria-invalid=move || f.due.invalid().to_string()
                        />
                        <p id="item-due-hint" class="field__hint">
                            {move || match default_due.get() {
                                Some(date) => fill(r().item_due_default, &[("date", &date.to_string())]),
                                None => r().item_due_hint.to_owned(),
                            }}
                        </p>
                    </div>
                    <div class="field field--inline">
                        <input id="item-priority" type="checkbox" bind:checked=f.priority disabled=move || signed.get() />
                        <label for="item-priority">{move || r().item_priority}</label>
                    </div>
                    <div class="field">
                        <label for="item-status">{move || r().item_status}</label>
                        <select id="item-status" on:change=move |ev| f.status.set(event_target_value(&ev))>
                            {ItemStatus::choices()
                                .into_iter()
                                .map(|s| (s.key(), s))
                                .map(|(k, s)| view! { <option value=k prop:selected=move || f.status.get() == k>{move || r().item_status(&s)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <Show when=move || f.status.get() == "wont_do">
                        <div class="field">
                            <label for="item-reason">{move || r().item_reason}</label>
                            <input id="item-reason" type="text" bind:value=f.reason />
                        </div>
                    </Show>
                    <div class="field">
                        <label for="item-link">{move || r().item_link}</label>
                        <input id="item-link" type="url" bind:value=f.link readonly=move || signed.get() />
                    </div>
                </div>
                <button type="submit" class="button button--primary">
                    {move || if editing.get().is_some() { r().save_item } else { r().add_item }}
                </button>
                <Show when=move || editing.get().is_some()>
                    {
                        let cancel_form = cancel_form.clone();
                        view! {
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| {
                                    editing.set(None);
                                    cancel_form.clear();
                                }
                            >
                                {move || r().cancel_edit}
                            </button>
                        }
                    }
                </Show>
                <p id="item-error" class="field__error" role="alert">{message}</p>
            </form>
        </section>
    }
}
