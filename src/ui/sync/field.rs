//! The labelled fields of team sync's forms (server address, user name,
//! password), each bound to a signal.

use leptos::prelude::*;

/// A labelled input whose text is `value`; `hint`, if any, describes it.
#[component]
pub fn SyncField(
    /// The input's id (the label's `for`).
    #[prop(into)]
    id: String,
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
            <label for=id.clone()>{move || label.get()}</label>
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

/// The form that signs in again once the session ended: the password, then
/// `sign_in` dispatched (the action reads and empties `password`).
#[component]
pub fn SignInAgain(
    /// The password field's id.
    id: &'static str,
    /// The password.
    password: RwSignal<String>,
    /// Signs in with it.
    sign_in: Action<(), ()>,
) -> impl IntoView {
    let context = crate::ui::common::context::AppContext::get();
    let text = move || context.text().sync;
    view! {
        <form class="sync__form" on:submit=move |ev| {
            ev.prevent_default();
            crate::ui::common::command::submit(sign_in, ());
        }>
            <SyncField
                id=id
                label=Signal::derive(move || text().password)
                kind="password"
                autocomplete="current-password"
                value=password
            />
            <button type="submit" class="button button--primary">{move || text().sign_in_again}</button>
        </form>
    }
}

/// The user name and password fields of a sign-in, with ids starting `prefix`.
#[component]
pub fn CredentialFields(
    /// The start of the fields' ids (`sync`, `join`).
    prefix: &'static str,
    /// The user name.
    user: RwSignal<String>,
    /// The password, emptied by the form once sent.
    password: RwSignal<String>,
) -> impl IntoView {
    let context = crate::ui::common::context::AppContext::get();
    let text = move || context.text().sync;
    view! {
        <SyncField
            id=format!("{prefix}-user")
            label=Signal::derive(move || text().user)
            kind="text"
            autocomplete="username"
            value=user
        />
        <SyncField
            id=format!("{prefix}-password")
            label=Signal::derive(move || text().password)
            kind="password"
            autocomplete="current-password"
            value=password
        />
    }
}
