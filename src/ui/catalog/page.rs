//! The service catalog page: the workspace's components with their owner team,
//! key contacts, classification, architecture notes, dependencies and escalation
//! path. The catalog is part of the settings; a change shows only once stored.

use super::form::ComponentForm;
use super::state::{refusal, Form, Notice};
use crate::domain::catalog::{CatalogError, Component, ComponentId};
use crate::domain::Settings;
use crate::ui::common::badge::classification_badge;
use crate::ui::common::command::{submit, Failed};
use crate::ui::common::context::AppContext;
use crate::ui::common::focus::focus;
use crate::ui::common::task::action;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// The service catalog page.
/// Why a component was not put in the catalog.
enum NotPut {
    /// It breaks a rule of the catalog.
    Invalid(CatalogError),
    /// Another tab changed or removed the component since the form was opened
    /// on it; the component as it is now.
    Changed(Option<Box<Component>>),
}

/// Adds `component` to the catalog as last stored, or replaces the one with
/// its id. With `over`, only if the stored component is still that one (the
/// one the form was opened on), so another tab's change is never overwritten
/// unseen.
async fn put_component(
    context: AppContext,
    component: Component,
    over: Option<Option<Component>>,
) -> Result<Settings, Failed<NotPut>> {
    context
        .change_settings(|current| {
            let now = current.catalog().get(component.id());
            if over.as_ref().is_some_and(|over| over.as_ref() != now) {
                return Err(NotPut::Changed(now.cloned().map(Box::new)));
            }
            current
                .catalog()
                .with_component(component.clone())
                .map(|catalog| current.clone().with_catalog(catalog))
                .map_err(NotPut::Invalid)
        })
        .await
}

#[component]
pub fn CatalogPage() -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text().catalog;
    let form = Form::new();
    let notice = RwSignal::new(None::<Notice>);
    let components = move || context.settings.with(|s| s.catalog().components().to_vec());

    // Adds the component, or replaces the one with its id, in the catalog as
    // last stored.
    let save = action(move |component: &Component| {
        let component = component.clone();
        async move {
            let name = component.name().to_owned();
            let stored = put_component(context, component, Some(form.began.get_value())).await;
            match stored {
                Ok(_) => {
                    form.open.set(false);
                    notice.set(Some(Notice::Saved(name)));
                    request_animation_frame(|| focus("add-component"));
                }
                Err(Failed::Refused(NotPut::Invalid(error))) => {
                    let field = form.field_of(&error);
                    form.error.set(Some(error));
                    focus(&field);
                }
                Err(Failed::Refused(NotPut::Changed(theirs))) => {
                    // The form keeps what was typed; saving again replaces theirs.
                    form.began.set_value(theirs.map(|c| *c));
                    notice.set(Some(Notice::Changed(name)));
                }
                Err(Failed::Store(_)) => {}
            }
        }
    });
    // Removes a component from the catalog as last stored; the notice offers
    // to put back the component as it was removed.
    let remove = action(move |id: &ComponentId| {
        let id = id.clone();
        async move {
            let removed = std::cell::RefCell::new(None);
            let stored = context
                .change_settings(|current| {
                    let Some(component) = current.catalog().get(&id).cloned() else { return Err(()) };
                    *removed.borrow_mut() = Some(component);
                    Ok(current.clone().with_catalog(current.catalog().without_component(&id)))
                })
                .await;
            if let (Ok(_), Some(removed)) = (stored, removed.into_inner()) {
                notice.set(Some(Notice::Removed(removed)));
            }
        }
    });
    // Puts a removed component back.
    let undo = action(move |component: &Component| {
        let component = component.clone();
        async move {
            let name = component.name().to_owned();
            let stored = put_component(context, component, None).await;
            match stored {
                Ok(_) => notice.set(Some(Notice::Saved(name))),
                Err(Failed::Refused(NotPut::Invalid(error))) => notice.set(Some(Notice::Refused(error))),
                Err(Failed::Refused(NotPut::Changed(_))) => {}
                Err(Failed::Store(_)) => {}
            }
        }
    });
    let on_remove = move |id: ComponentId| {
        if !context.settings.with_untracked(|s| s.catalog().get(&id).is_some()) {
            return;
        }
        if form.editing.get_untracked().as_ref() == Some(&id) {
            form.open.set(false);
        }
        submit(remove, id);
        request_animation_frame(|| focus("add-component"));
    };

    // A component the team workspace manages is read-only for its members.
    let managed = move |id: &ComponentId| context.team_managed.with(|m| m.contains(&format!("component/{id}")));
    let any_managed = move || context.team_managed.with(|m| m.iter().any(|id| id.starts_with("component/")));

    view! {
        <h1>{move || text().title}</h1>
        <p class="catalog__intro">{move || text().intro}</p>
        <Show when=any_managed>
            <p class="catalog__intro">{move || context.text().team.managed_section}</p>
        </Show>
        <section class="catalog" aria-labelledby="catalog-components">
            <h2 id="catalog-components">{move || text().components_title}</h2>
            <Show
                when=move || !context.settings.with(|s| s.catalog().is_empty())
                fallback=move || view! { <p class="catalog__empty">{move || text().empty}</p> }
            >
                <table class="catalog__list">
                    <thead>
                        <tr>
                            <th scope="col">{move || text().column_component}</th>
                            <th scope="col">{move || text().column_classification}</th>
                            <th scope="col">{move || text().column_owner}</th>
                            <th scope="col">{move || text().column_path}</th>
                            <th scope="col">
                                <span class="visually-hidden">{move || text().column_actions}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let t = text();
                            components()
                                .into_iter()
                                .map(|c| {
                                    let (edited, removed) = (c.clone(), c.id().clone());
                                    let locked = managed(c.id());
                                    view! {
                                        <tr>
                                            <th scope="row" class="catalog__name">
                                                {c.name().to_owned()}
                                                {c
                                                    .has_public_name()
                                                    .then(|| {
                                                        view! {
                                                            <span class="catalog__public">
                                                                {fill(t.public_name_shown, &[("name", c.public_name())])}
                                                            </span>
                                                        }
                                                    })}
                                            </th>
                                            <td>{classification_badge(t.classification(c.classification()), c.classification())}</td>
                                            <td>{c.owner().to_owned()}</td>
                                            <td>{t.path_steps(c.escalation().len())}</td>
                                            <td class="catalog__actions">
                                                {locked.then(|| view! {
                                                    <span class="catalog__managed">{context.text().team.managed}</span>
                                                })}
                                                {(!locked).then(|| view! {
                                                <button
                                                    type="button"
                                                    class="button button--small"
                                                    aria-label=fill(t.edit_aria, &[("name", c.name())])
                                                    on:click=move |_| form.show(Some(&edited))
                                                >
                                                    {t.edit}
                                                </button>
                                                <button
                                                    type="button"
                                                    class="button button--small"
                                                    aria-label=fill(t.remove_aria, &[("name", c.name())])
                                                    on:click=move |_| on_remove(removed.clone())
                                                >
                                                    {t.remove}
                                                </button>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
            <div class="catalog__notice" role="status">
                {move || {
                    let t = text();
                    notice
                        .get()
                        .map(|n| match n {
                            Notice::Saved(name) => view! { <p>{fill(t.saved_component, &[("name", &name)])}</p> }.into_any(),
                            Notice::Changed(name) => {
                                view! { <p class="field__error">{fill(t.changed_elsewhere, &[("name", &name)])}</p> }
                                    .into_any()
                            }
                            Notice::Refused(error) => {
                                view! { <p class="field__error">{refusal(t, &error)}</p> }.into_any()
                            }
                            Notice::Removed(component) => {
                                let name = component.name().to_owned();
                                view! {
                                    <p>
                                        {fill(t.removed, &[("name", &name)])} " "
                                        <button
                                            type="button"
                                            class="button button--small"
                                            aria-label=fill(t.undo_aria, &[("name", &name)])
                                            on:click=move |_| {
                                                submit(undo, component.clone());
                                            }
                                        >
                                            {t.undo}
                                        </button>
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </div>
            <button
                type="button"
                id="add-component"
                class="button"
                aria-expanded=move || (form.open.get() && form.editing.with(Option::is_none)).to_string()
                on:click=move |_| {
                    notice.set(None);
                    form.show(None);
                }
            >
                {move || text().add_component}
            </button>
        </section>
        <Show when=move || form.open.get()>
            <ComponentForm form save />
        </Show>
    }
}
