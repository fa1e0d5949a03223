//! One labelled field of team sync's forms (server address, user name,
//! password), bound to a signal.

use leptos::prelude::*;

/// A labelled input whose text is `value`; `hint`, if any, describes it.
#[component]
pub fn SyncField(
    /// The input's id (the label's `for`).
    id: &'static str,
    /// The label, in the user's language (tracked).
    label: Signal<&'static str>,
    /// The input's type: `text`, `url` or `password`.
    kind: &'static str,
    /// What the browser may fill in (`username`, `current-password`, `url`).
    autocomplete: &'static str,
    /// The field's text.
    value: RwSignal<String>,
    /// A hint under the field (tracked), if any.
    #[prop(optional)]
    hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = hint.map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|hint| view! { <p id=hint_id class="field__hint">{move || hint.get()}</p> })}
        </div>
    }
}
