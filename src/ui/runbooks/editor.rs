//! The runbook editor at `/runbooks/new` and `/runbooks/:id`: the runbook's
//! name, description, the severities it attaches at, and its steps
//! (`steps.rs`). Saving creates the runbook or adds its next version through
//! `AppContext::add_runbook_versions`; a running incident keeps the version it
//! started with.

use super::form::{editor_message, read_typed, typed, EditNotice, EditProblem, Form, Place, StepRow};
use super::steps::{StepEditor, StepHints};
use crate::domain::runbook::MAX_NAME;
use crate::domain::{Runbook, RunbookDraft, RunbookId, Step};
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::{new_runbook_id, AppContext};
use crate::ui::common::drafts::{Draft, DraftNote};
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::common::task::{action, effect};
use crate::ui::i18n::fill;
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::cell::Cell;

const SAVE_BUTTON_ID: &str = "runbook-save";

thread_local! {
    /// "Saved as version N", carried from `/runbooks/new` to the new runbook's
    /// address, where a fresh editor shows it.
    static JUST_SAVED: Cell<Option<(RunbookId, u32)>> = const { Cell::new(None) };
}

/// Why a submit stored nothing.
enum Unsaved {
    /// The runbook as typed is refused; the form says why.
    Refused(EditProblem),
    /// The runbook is as stored.
    NoChanges,
    /// The runbook has a version the form did not begin from: saved elsewhere
    /// (another tab, a teammate) while the form was open.
    Stale(u32),
}

/// The runbook editor at `/runbooks/new` and `/runbooks/:id`.
#[component]
pub fn RunbookEditor() -> impl IntoView {
    let context = AppContext::get();
    let params = use_params_map();
    let target = Memo::new(move |_| params.with(|p| p.get("id")));
    move || {
        let text = context.text();
        match target.get() {
            None => view! { <EditorForm existing=None /> }.into_any(),
            Some(id) if id == "new" => view! { <EditorForm existing=None /> }.into_any(),
            Some(id) => {
                let known = id
                    .parse::<RunbookId>()
                    .ok()
                    .filter(|id| context.library.with_untracked(|library| library.get(*id).is_some()));
                match known {
                    Some(id) => view! { <EditorForm existing=Some(id) /> }.into_any(),
                    None => view! {
                        <h1>{text.not_found_title}</h1>
                        <p>{text.library.runbook_missing}</p>
                        <p>
                            <A href="/runbooks">{text.library.all_runbooks}</A>
                        </p>
                    }
                    .into_any(),
                }
            }
        }
    }
}

/// The editor's form for a new runbook (`existing` is `None`) or a stored one.
#[component]
fn EditorForm(existing: Option<RunbookId>) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let stored = move || existing.and_then(|id| context.library.with(|library| library.get(id).cloned()));
    let initial = existing
        .and_then(|id| context.library.with_untracked(|library| library.get(id).map(Runbook::draft)))
        .unwrap_or_else(|| RunbookDraft { steps: vec![Step::new("", true)], ..RunbookDraft::default() });
    let form = Form::new(&initial);
    // The form as typed is a draft until it is saved or discarded: kept over the
    // version it was typed from, offered back when the editor opens again.
    let base = StoredValue::new(typed(&initial));
    // The version the form began from: a save on top of a later one would
    // silently undo it, so it is refused once and made on the user's word.
    let version_of =
        move || existing.and_then(|id| context.library.with_untracked(|l| l.get(id).map(Runbook::version)));
    let began = StoredValue::new(version_of());
    let scope = format!("runbook.{}", existing.map_or_else(|| "new".to_owned(), |id| id.to_string()));
    let (typed_draft, kept) = Draft::open(&scope, "form");
    if let Some(restored) = kept.and_then(|k| read_typed(&k.text)) {
        form.fill_from(&restored);
    }
    effect(move |_| {
        form.track();
        typed_draft.keep(&typed(&form.draft()), &base.get_value());
    });
    let discard = move || {
        let stored =
            existing.and_then(|id| context.library.with_untracked(|library| library.get(id).map(Runbook::draft)));
        let stored =
            stored.unwrap_or_else(|| RunbookDraft { steps: vec![Step::new("", true)], ..RunbookDraft::default() });
        base.set_value(typed(&stored));
        began.set_value(version_of());
        form.fill_from(&stored);
    };
    let problem = RwSignal::new(None::<EditProblem>);
    let just_saved = JUST_SAVED.with(|saved| match saved.take() {
        Some((id, version)) if Some(id) == existing => Some(EditNotice::Saved(version)),
        _ => None,
    });
    if just_saved.is_some() {
        // Focus stays on Save, as before the runbook moved to its own address.
        focus_soon(SAVE_BUTTON_ID.to_owned());
    }
    let notice = RwSignal::new(just_saved);
    let navigate = use_navigate();

    // Adds the runbook the form describes, or its next version, to the library
    // as last stored.
    let save = action(move |(draft, from): &(RunbookDraft, Option<u32>)| {
        let (draft, from, navigate) = (draft.clone(), *from, navigate.clone());
        async move {
            let at = Utc::now();
            let stored = context
                .add_runbook_versions(|library| {
                    let taken = library
                        .by_name(&draft.name)
                        .filter(|other| Some(other.id()) != existing)
                        .map(|r| r.name().to_owned());
                    let changed = match (taken, existing) {
                        (Some(name), _) if !draft.name.trim().is_empty() => {
                            return Err(Unsaved::Refused(EditProblem::NameTaken(name)))
                        }
                        (_, None) => Runbook::create(new_runbook_id(), draft, at).map(Some),
                        (_, Some(id)) => match library.get(id) {
                            Some(current) if from.is_some_and(|from| from != current.version()) => {
                                return Err(Unsaved::Stale(current.version()))
                            }
                            Some(current) => current.edited(draft, at),
                            None => Ok(None),
                        },
                    };
                    match changed {
                        Ok(Some(runbook)) => Ok(vec![runbook]),
                        Ok(None) => Err(Unsaved::NoChanges),
                        Err(error) => Err(Unsaved::Refused(EditProblem::Runbook(error))),
                    }
                })
                .await;
            match stored {
                Ok(versions) => {
                    let Some(runbook) = versions.into_iter().next() else { return };
                    let (id, version) = (runbook.id(), runbook.version());
                    base.set_value(typed(&runbook.draft()));
                    began.set_value(Some(version));
                    typed_draft.clear();
                    if existing.is_none() {
                        JUST_SAVED.with(|just| just.set(Some((id, version))));
                        navigate(&format!("/runbooks/{id}"), Default::default());
                    } else {
                        form.fill_from(&runbook.draft());
                        notice.set(Some(EditNotice::Saved(version)));
                    }
                }
                Err(Failed::Refused(Unsaved::NoChanges)) => notice.set(Some(EditNotice::NoChanges)),
                Err(Failed::Refused(Unsaved::Stale(version))) => {
                    began.set_value(Some(version));
                    notice.set(Some(EditNotice::Stale(version)));
                }
                Err(Failed::Refused(Unsaved::Refused(refused))) => {
                    let id = match refused.place() {
                        Place::Name => "runbook-name".to_owned(),
                        Place::Steps => "runbook-add-step".to_owned(),
                        Place::Step(n) => form.key_of(n).map_or("runbook-add-step".to_owned(), StepRow::text_id),
                    };
                    problem.set(Some(refused));
                    notice.set(None);
                    focus(&id);
                }
                Err(Failed::Store(_)) => notice.set(Some(EditNotice::NotSaved)),
            }
        }
    });
    let busy = save.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        problem.set(None);
        notice.set(Some(EditNotice::Saving));
        submit(save, (form.draft(), began.get_value()));
    };

    let add_step = move |_| {
        let key = form.key();
        form.steps.update(|rows| rows.push(StepRow::new(key, &Step::new("", true))));
        if matches!(problem.get_untracked().map(|p| p.place()), Some(Place::Steps)) {
            problem.set(None);
        }
        focus_soon(StepRow::text_id(key));
    };

    let status = move || {
        let count = form.steps.with(Vec::len);
        notice.get().map(|n| n.words(l(), count))
    };
    let error_at =
        move |place: Place| problem.with(|p| p.as_ref().filter(|p| p.place() == place).map(|p| editor_message(l(), p)));
    let heading = move || match stored() {
        Some(runbook) => runbook.name().to_owned(),
        None => l().new_title.to_owned(),
    };
    view! {
        <div class="runbook-editor">
            <p class="runbooks__back">
                <A href="/runbooks">{move || l().all_runbooks}</A>
            </p>
            <h1>{heading}</h1>
            <p class="runbooks__version">
                {move || {
                    stored()
                        .map(|runbook| {
                            view! {
                                <strong>{fill(l().current_version, &[("version", &runbook.version().to_string())])}</strong>
                                " "
                            }
                        })
                }}
                {move || l().running_keep_version}
            </p>
            {move || {
                stored()
                    .filter(Runbook::is_archived)
                    .map(|_| view! { <p class="runbooks__archived-note">{l().archived_note}</p> })
            }}
            <form class="runbook-editor__form" on:submit=on_submit novalidate>
                <DraftNote drafts=vec![typed_draft] name=Signal::derive(heading) first="runbook-name" discard />
                <div class="field">
                    <label for="runbook-name">{move || l().name_label}</label>
                    <input
                        id="runbook-name"
                        type="text"
                        autocomplete="off"
                        maxlength=(MAX_NAME * 2).to_string()
                        bind:value=form.name
                        aria-invalid=move || error_at(Place::Name).is_some().to_string()
                        aria-describedby="runbook-name-hint runbook-name-error"
                    />
                    <p id="runbook-name-hint" class="field__hint">
                        {move || fill(l().name_hint, &[("max", &MAX_NAME.to_string())])}
                    </p>
                    <p id="runbook-name-error" class="field__error" aria-live="assertive">
                        {move || error_at(Place::Name)}
                    </p>
                </div>
                <div class="field">
                    <label for="runbook-description">{move || l().description_label}</label>
                    <textarea
                        id="runbook-description"
                        rows="3"
                        bind:value=form.description
                        aria-describedby="runbook-description-hint"
                    ></textarea>
                    <p id="runbook-description-hint" class="field__hint">{move || l().description_hint}</p>
                </div>
                <fieldset class="runbook-editor__attach">
                    <legend>{move || l().attach_legend}</legend>
                    <p class="field__hint">{move || l().attach_hint}</p>
                    <div class="runbook-editor__levels">
                        {move || {
                            context
                                .ladder()
                                .levels()
                                .iter()
                                .map(|level| {
                                    let id = format!("runbook-attach-{}", level.id());
                                    let (checked, toggled) = (level.id().clone(), level.id().clone());
                                    view! {
                                        <span class="runbook-editor__level">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                prop:checked=move || form.attach_at.with(|a| a.contains(&checked))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    form.attach_at.update(|attach| {
                                                        attach.retain(|level| level != &toggled);
                                                        if on {
                                                            attach.push(toggled.clone());
                                                        }
                                                    });
                                                }
                                            />
                                            <label for=id>{level.name().to_owned()}</label>
                                        </span>
                                    }
                                })
                                .collect_view()
                        }}
                    </div>
                </fieldset>
                <section class="runbook-editor__steps" aria-labelledby="runbook-steps-heading">
                    <h2 id="runbook-steps-heading">{move || l().steps_heading}</h2>
                    <p class="field__hint">{move || l().steps_hint}</p>
                    <StepHints />
                    <ol class="runbook-editor__list">
                        <For each=move || form.steps.get() key=|row| row.key let(row)>
                            <StepEditor row form problem notice />
                        </For>
                    </ol>
                    <button type="button" class="button" id="runbook-add-step" on:click=add_step aria-describedby="runbook-steps-error">
                        {move || l().add_step}
                    </button>
                    <p id="runbook-steps-error" class="field__error" aria-live="assertive">
                        {move || error_at(Place::Steps)}
                    </p>
                </section>
                <div class="runbook-editor__save">
                    <button type="submit" class="button button--primary" id=SAVE_BUTTON_ID disabled=move || busy.get()>
                        {move || if busy.get() { l().saving } else { l().save }}
                    </button>
                    <p class="runbook-editor__status" role="status">{status}</p>
                </div>
            </form>
        </div>
    }
}
