//! The severity ladder editor: the levels worst first, each with its customer
//! impact, response, status-update cadence and review rule, and a warning when a
//! worse level updates less often than a milder one. A level is edited in
//! place, a new level is inserted at the place chosen in its form, levels move up
//! or down one place at a time, and a level that nothing uses is removed, with
//! an Undo. The list changes only once the store has saved the settings.

use super::ladder_state::{
    cadence, edit_button_id, form_warnings, move_button_id, not_removed, remove_button_id, review_rule, Editing, Field,
    FormProblem, LevelForm, Notice, ADD_BUTTON_ID, UNDO_BUTTON_ID,
};
use super::level_form::LevelFormView;
use crate::domain::severity::{LevelDraft, Place, Removed};
use crate::domain::{Severity, SeverityLadder, SeverityLevel};
use crate::ui::common::badge::SeverityBadge;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::{new_runbook_id, AppContext};
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::common::managed::ManagedNote;
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// The control that shows a refusal about `field`.
fn field_id(field: Field) -> &'static str {
    match field {
        Field::Name | Field::Form => "ladder-name",
        Field::Minutes => "ladder-minutes",
        Field::Days => "ladder-days",
    }
}

/// The severity ladder editor, shown on the settings page.
#[component]
pub fn LadderEditor() -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().ladder;
    let editing = RwSignal::new(None::<Editing>);
    let form = LevelForm::new();
    let problem = RwSignal::new(None::<FormProblem>);
    let notice = RwSignal::new(None::<Notice>);
    // The level as stored when the form was opened on it: a save replaces only
    // that, never a change another tab made meanwhile.
    let began = StoredValue::new(None::<SeverityLevel>);

    let open = move |target: Editing| {
        let level = match &target {
            Editing::Level(id) => context.settings.with_untracked(|s| s.ladder().level(id).cloned()),
            Editing::New => None,
        };
        form.fill_from(level.as_ref());
        began.set_value(level);
        problem.set(None);
        notice.set(None);
        editing.set(Some(target));
        focus_soon("ladder-name".to_owned());
    };
    let close = move || {
        let back = match editing.get_untracked() {
            Some(Editing::Level(id)) => edit_button_id(&id),
            _ => ADD_BUTTON_ID.to_owned(),
        };
        editing.set(None);
        problem.set(None);
        focus_soon(back);
    };

    // Saves the open form: the level's new wording, or a new level at the
    // place chosen, applied to the ladder as last stored.
    let save = action(move |(target, draft, place): &(Editing, LevelDraft, Place)| {
        let (target, draft, place) = (target.clone(), draft.clone(), place.clone());
        async move {
            let id = match &target {
                Editing::Level(id) => id.clone(),
                Editing::New => Severity::new(&format!("level-{}", new_runbook_id())),
            };
            // Read now, while the form is surely there: the change runs when
            // its turn comes in the settings' queue.
            let began_then = began.get_value();
            let stored = context
                .change_settings(|current| {
                    let ladder = current.ladder();
                    if let Editing::Level(_) = target {
                        let now = ladder.level(&id);
                        if began_then.as_ref() != now {
                            return Err(FormProblem::Changed(now.cloned()));
                        }
                    }
                    match target {
                        Editing::Level(_) => ladder.with_edited(&id, &draft),
                        Editing::New => ladder.with_inserted(id.clone(), &draft, &place),
                    }
                    .map(|ladder| current.clone().with_ladder(ladder))
                    .map_err(FormProblem::Ladder)
                })
                .await;
            match stored {
                Ok(_) => {
                    editing.set(None);
                    notice.set(Some(Notice::Saved));
                    focus_soon(edit_button_id(&id));
                }
                Err(Failed::Refused(refused)) => {
                    if let FormProblem::Changed(theirs) = &refused {
                        // Saving again replaces theirs, on purpose.
                        began.set_value(theirs.clone());
                    }
                    let field = refused.field();
                    problem.set(Some(refused));
                    notice.set(None);
                    focus(field_id(field));
                }
                Err(Failed::Store(_)) => {
                    notice.set(None);
                    problem.set(Some(FormProblem::NotSaved));
                }
            }
        }
    });
    // Moves a level one place up or down the ladder as last stored.
    let reorder = action(move |(id, up): &(Severity, bool)| {
        let (id, up) = (id.clone(), *up);
        async move {
            let stored = context
                .change_settings(|current| {
                    let moved = current.ladder().with_moved(&id, up);
                    if &moved == current.ladder() {
                        return Err(());
                    }
                    Ok(current.clone().with_ladder(moved))
                })
                .await;
            match stored {
                Ok(settings) => {
                    let (place, last) = (settings.ladder().rank(&id), settings.ladder().levels().len() - 1);
                    notice.set(Some(Notice::Moved(id.clone())));
                    // Keep focus on the button just used, unless the level reached
                    // the end where that button is disabled.
                    let again = if up { place > 0 } else { place < last };
                    focus_soon(move_button_id(&id, if again { up } else { !up }));
                }
                Err(_) => notice.set(None),
            }
        }
    });
    // Removes a level that nothing uses, from the ladder as last stored; the
    // notice offers to put it back.
    let remove = action(move |id: &Severity| {
        let id = id.clone();
        async move {
            let name = context.settings.with_untracked(|s| s.ladder().name(&id).to_owned());
            let Ok(uses) = context.level_uses(&id).await else { return notice.set(None) };
            let removed = std::cell::RefCell::new(None);
            let stored = context
                .change_settings(|current| {
                    let (ladder, level) = current.ladder().with_removed(&id, &uses)?;
                    *removed.borrow_mut() = Some(level);
                    Ok(current.clone().with_ladder(ladder))
                })
                .await;
            match (stored, removed.into_inner()) {
                (Ok(_), Some(removed)) => {
                    notice.set(Some(Notice::Removed(removed)));
                    focus_soon(UNDO_BUTTON_ID.to_owned());
                }
                (Err(Failed::Refused(why)), _) => notice.set(Some(Notice::NotRemoved(name, why))),
                _ => notice.set(None),
            }
        }
    });
    // Puts a removed level back at its place on the ladder as last stored.
    let undo = action(move |removed: &Removed| {
        let removed = removed.clone();
        async move {
            let id = removed.level.id().clone();
            let stored = context
                .change_settings(|current| {
                    current.ladder().with_restored(&removed).map(|ladder| current.clone().with_ladder(ladder))
                })
                .await;
            match stored {
                Ok(_) => {
                    notice.set(Some(Notice::Restored(id.clone())));
                    focus_soon(edit_button_id(&id));
                }
                Err(Failed::Refused(_)) => notice.set(Some(Notice::NotRestored(removed.level.name().to_owned()))),
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let busy = Signal::derive(move || {
        save.pending().get() || reorder.pending().get() || remove.pending().get() || undo.pending().get()
    });
    // The cadence warnings of the level in the open form, as typed.
    let warnings = Signal::derive(move || {
        let Some(target) = editing.get() else { return Vec::new() };
        context.settings.with(|s| form_warnings(l(), s.ladder(), &target, &form))
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(target) = editing.get_untracked() else { return };
        let draft = match form.draft() {
            Ok(draft) => draft,
            Err(refused) => {
                let field = refused.field();
                problem.set(Some(refused));
                notice.set(None);
                return focus(field_id(field));
            }
        };
        problem.set(None);
        notice.set(Some(Notice::Saving));
        submit(save, (target, draft, form.place.get_untracked()));
    };

    let on_remove = move |id: Severity| {
        if busy.get_untracked() {
            return;
        }
        let Some(name) = context.settings.with_untracked(|s| s.ladder().level(&id).map(|l| l.name().to_owned())) else {
            return;
        };
        if editing.get_untracked() == Some(Editing::Level(id.clone())) {
            editing.set(None);
        }
        notice.set(Some(Notice::Checking(name)));
        submit(remove, id);
    };
    let on_undo = move |removed: Removed| {
        if busy.get_untracked() {
            return;
        }
        notice.set(Some(Notice::Saving));
        submit(undo, removed);
    };

    let on_move = move |id: Severity, up: bool| {
        if busy.get_untracked() {
            return;
        }
        let unmoved = context.settings.with_untracked(|s| &s.ladder().with_moved(&id, up) == s.ladder());
        if unmoved {
            return;
        }
        notice.set(Some(Notice::Saving));
        submit(reorder, (id, up));
    };

    let status = move || {
        let text = l();
        let line = |line: String| view! { <p>{line}</p> }.into_any();
        // A sentence naming a level and its place on the ladder.
        let placed = |template: &str, id: &Severity| {
            context.settings.with(|s| {
                let ladder = s.ladder();
                let place = (ladder.rank(id) + 1).to_string();
                let count = ladder.levels().len().to_string();
                fill(template, &[("name", ladder.name(id)), ("place", &place), ("count", &count)])
            })
        };
        notice.get().map(|n| match n {
            Notice::Saving => line(text.saving.to_owned()),
            Notice::Saved => line(text.saved.to_owned()),
            Notice::Moved(id) => line(placed(text.moved, &id)),
            Notice::Restored(id) => line(placed(text.restored, &id)),
            Notice::Checking(name) => line(fill(text.checking_uses, &[("name", &name)])),
            Notice::NotRestored(name) => line(fill(text.not_restored, &[("name", &name)])),
            Notice::NotRemoved(name, why) => {
                let lines = not_removed(text, &name, &why);
                view! {
                    <div class="ladder__refusal">
                        {lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                    </div>
                }
                .into_any()
            }
            Notice::Removed(removed) => {
                let name = removed.level.name().to_owned();
                view! {
                    <p>
                        {fill(text.removed, &[("name", &name)])} " "
                        <button
                            type="button"
                            class="button button--small"
                            id=UNDO_BUTTON_ID
                            aria-label=fill(text.undo_aria, &[("name", &name)])
                            on:click=move |_| on_undo(removed.clone())
                        >
                            {text.undo}
                        </button>
                    </p>
                }
                .into_any()
            }
        })
    };

    let levels = move || {
        let ladder = context.ladder();
        let count = ladder.levels().len();
        let open_form = editing.get();
        let stored_warnings = ladder.cadence_warnings();
        let mut items = ladder
            .levels()
            .iter()
            .enumerate()
            .map(|(place, level)| {
                let being_edited = open_form.as_ref() == Some(&Editing::Level(level.id().clone()));
                let warning = stored_warnings
                    .iter()
                    .find(|w| &w.worse == level.id())
                    .map(|w| fill(l().cadence_slower_than, &[("milder", ladder.name(&w.milder))]));
                view! {
                    <LevelItem
                        level=level.clone()
                        place
                        count
                        being_edited
                        warning
                        form
                        problem
                        busy
                        warnings
                        on_edit=Callback::new(move |id| open(Editing::Level(id)))
                        on_move=Callback::new(move |(id, up)| on_move(id, up))
                        on_remove=Callback::new(on_remove)
                        on_submit=Callback::new(on_submit)
                        on_cancel=Callback::new(move |()| close())
                    />
                }
                .into_any()
            })
            .collect::<Vec<_>>();
        if open_form == Some(Editing::New) {
            items.push(
                view! {
                    <li class="ladder__level ladder__level--new">
                        <h3 class="ladder__name" id="ladder-new-heading">{move || l().new_level}</h3>
                        <LevelFormView
                            builtin=false
                            defaults=None
                            labelled_by="ladder-new-heading".to_owned()
                            adding=true
                            warnings
                            form
                            problem
                            busy
                            on_submit=Callback::new(on_submit)
                            on_cancel=Callback::new(move |()| close())
                        />
                    </li>
                }
                .into_any(),
            );
        }
        items
    };

    view! {
        <section class="ladder" aria-labelledby="ladder-heading">
            <h2 id="ladder-heading">{move || l().title}</h2>
            <ManagedNote prefix="ladder" />
            <p class="field__hint">{move || l().intro}</p>
            <ol class="ladder__levels">{levels}</ol>
            <div class="ladder__status" role="status">{status}</div>
            <Show when=move || editing.get() != Some(Editing::New)>
                <button type="button" class="button" id=ADD_BUTTON_ID on:click=move |_| open(Editing::New)>
                    {move || l().add_level}
                </button>
            </Show>
        </section>
    }
}

/// One level as listed, or its form while it is being edited.
#[component]
fn LevelItem(
    level: SeverityLevel,
    place: usize,
    count: usize,
    being_edited: bool,
    /// The cadence warning of the level as stored, if any.
    warning: Option<String>,
    form: LevelForm,
    problem: RwSignal<Option<FormProblem>>,
    busy: Signal<bool>,
    /// The cadence warnings of the level in the form, as typed.
    warnings: Signal<Vec<String>>,
    on_edit: Callback<Severity>,
    on_move: Callback<(Severity, bool)>,
    on_remove: Callback<Severity>,
    on_submit: Callback<leptos::ev::SubmitEvent>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let context = AppContext::get();
    let text = context.text();
    let l = text.ladder;
    let id = level.id().clone();
    let name = level.name().to_owned();
    let heading_id = format!("ladder-level-{id}");
    let impact = text.level_impact(&level);
    let response = text.level_response(&level);
    let shown = |wording: String| {
        if wording.is_empty() {
            view! { <dd class="ladder__missing">{l.not_described}</dd> }.into_any()
        } else {
            view! { <dd>{wording}</dd> }.into_any()
        }
    };
    let body = if being_edited {
        let builtin = id.builtin_rank().is_some();
        // The built-in level as shipped has no wording of its own, so it reads
        // as the default wording.
        let defaults = SeverityLadder::default()
            .level(&id)
            .map(|shipped| (text.level_impact(shipped), text.level_response(shipped)));
        view! {
            <LevelFormView
                builtin
                defaults
                labelled_by=heading_id.clone()
                adding=false
                warnings
                form
                problem
                busy
                on_submit
                on_cancel
            />
        }
        .into_any()
    } else {
        let (edit_id, up_id, down_id) = (edit_button_id(&id), move_button_id(&id, true), move_button_id(&id, false));
        let (edit_target, up_target, down_target) = (id.clone(), id.clone(), id.clone());
        let (remove_id, remove_target) = (remove_button_id(&id), id.clone());
        view! {
            <dl class="ladder__details">
                <div class="ladder__detail">
                    <dt>{l.impact_label}</dt>
                    {shown(impact)}
                </div>
                <div class="ladder__detail">
                    <dt>{l.response_label}</dt>
                    {shown(response)}
                </div>
            </dl>
            <ul class="ladder__rules inline-list">
                <li>{cadence(l, level.update_minutes())}</li>
                <li>{review_rule(l, level.review())}</li>
                {warning.map(|warning| view! { <li class="ladder__cadence-warning">{warning}</li> })}
            </ul>
            <div class="ladder__actions">
                <button
                    type="button"
                    class="button button--small"
                    id=edit_id
                    aria-label=fill(l.edit_aria, &[("name", &name)])
                    on:click=move |_| on_edit.run(edit_target.clone())
                >
                    {l.edit}
                </button>
                <button
                    type="button"
                    class="button button--small"
                    id=up_id
                    aria-label=fill(l.move_up_aria, &[("name", &name)])
                    disabled={place == 0}
                    on:click=move |_| on_move.run((up_target.clone(), true))
                >
                    {l.move_up}
                </button>
                <button
                    type="button"
                    class="button button--small"
                    id=down_id
                    aria-label=fill(l.move_down_aria, &[("name", &name)])
                    disabled={place + 1 >= count}
                    on:click=move |_| on_move.run((down_target.clone(), false))
                >
                    {l.move_down}
                </button>
                <button
                    type="button"
                    class="button button--small"
                    id=remove_id
                    aria-label=fill(l.remove_aria, &[("name", &name)])
                    disabled={count == 1}
                    on:click=move |_| on_remove.run(remove_target.clone())
                >
                    {l.remove}
                </button>
            </div>
        }
        .into_any()
    };
    let class = if being_edited { "ladder__level ladder__level--editing" } else { "ladder__level" };
    view! {
        <li class=class>
            <h3 class="ladder__name" id=heading_id>
                <SeverityBadge severity=id />
            </h3>
            {body}
        </li>
    }
}
