//! One runbook of the import's preview: where the parts of its file came from
//! and went, and the form (name, description, steps) that edits it before it is
//! saved.

use super::form::{editor_message, Place, Preview};
use super::steps::StepEditor;
use super::text::LibraryText;
use crate::domain::runbook::MAX_NAME;
use crate::domain::runbook_commonmark::{Kept, NameFrom, Part, Place as KeptPlace, StepsFrom, Understood};
use crate::ui::common::context::AppContext;
use crate::ui::i18n::fill;
use leptos::prelude::*;

/// One runbook's preview: where its parts came from and went, and the form
/// that edits it before it is saved.
#[component]
pub(super) fn PreviewForm(preview: Preview) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().library;
    let Preview { key, file, understood, form, problem, notice } = preview;
    let heading_id = format!("import-{key}-heading");
    let labelled_by = heading_id.clone();
    let name_id = format!("import-{key}-name");
    let description_id = format!("import-{key}-description");
    let name_error_id = format!("import-{key}-name-error");
    let error_at =
        move |place: Place| problem.with(|p| p.as_ref().filter(|p| p.place() == place).map(|p| editor_message(l(), p)));
    let notes = move || understood_words(l(), &understood);
    view! {
        <section class="runbooks__preview" aria-labelledby=labelled_by>
            <h4 id=heading_id class="runbooks__preview-file">{move || fill(l().preview_from, &[("file", &file)])}</h4>
            <ul class="runbooks__understood">{move || notes().into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
            <div class="field">
                <label for=name_id.clone()>{move || l().name_label}</label>
                <input
                    id=name_id
                    type="text"
                    autocomplete="off"
                    maxlength=(MAX_NAME * 2).to_string()
                    bind:value=form.name
                    aria-invalid=move || error_at(Place::Name).is_some().to_string()
                    aria-describedby=name_error_id.clone()
                />
                <p id=name_error_id class="field__error" aria-live="assertive">
                    {move || error_at(Place::Name).or_else(|| error_at(Place::Steps))}
                </p>
            </div>
            <div class="field">
                <label for=description_id.clone()>{move || l().description_label}</label>
                <textarea id=description_id rows="4" spellcheck="false" bind:value=form.description></textarea>
            </div>
            <ol class="runbook-editor__list">
                <For each=move || form.steps.get() key=|row| row.key let(row)>
                    <StepEditor row form problem notice />
                </For>
            </ol>
            <p class="runbook-editor__status" role="status">
                {move || notice.get().map(|n| n.words(l(), form.steps.with(Vec::len)))}
            </p>
        </section>
    }
}

/// What Sitrep understood of a file, one sentence a line.
fn understood_words(text: &LibraryText, understood: &Understood) -> Vec<String> {
    let mut lines = vec![match understood.name_from {
        NameFrom::Header => text.name_from_header.to_owned(),
        NameFrom::FrontMatter => text.name_from_front_matter.to_owned(),
        NameFrom::Heading => text.name_from_heading.to_owned(),
        NameFrom::FileName => text.name_from_file.to_owned(),
    }];
    lines.push(match &understood.steps_from {
        StepsFrom::Sitrep => text.steps_from_sitrep.to_owned(),
        StepsFrom::TaskList => text.steps_from_tasks.to_owned(),
        StepsFrom::StepSections(headings) => {
            fill(text.steps_from_sections_lists, &[("headings", &headings.join(", "))])
        }
        StepsFrom::NumberedLists => text.steps_from_numbered.to_owned(),
        StepsFrom::Sections => text.steps_from_headings.to_owned(),
    });
    lines.extend(understood.kept.iter().map(|kept| kept_words(text, kept)));
    lines
}

/// Where a part of the file went.
fn kept_words(text: &LibraryText, kept: &Kept) -> String {
    let part = match &kept.part {
        Part::Intro => text.part_intro.to_owned(),
        Part::Section(heading) => fill(text.part_section, &[("heading", heading)]),
        Part::FrontMatter(keys) => fill(text.part_front_matter, &[("keys", &keys.join(", "))]),
    };
    match kept.place {
        KeptPlace::Description => fill(text.kept_description, &[("part", &part)]),
        KeptPlace::Details(number) => fill(text.kept_details, &[("part", &part), ("number", &number.to_string())]),
    }
}
