//! A step's details on screen: the domain's safe tree (`domain::details`) drawn
//! as views of text, with a copy button on each code block. Nothing here sets
//! HTML: every run of user text is a text node, and only `http`, `https` and
//! `mailto` addresses (checked by the domain) become links.

use crate::domain::details::{blocks, Block, Inline};
use crate::ui::common::context::AppContext;
use crate::ui::common::selection::start_copy;
use crate::ui::i18n::fill;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The details of the step called `step`, drawn from their Markdown.
#[component]
pub fn StepDetails(markdown: String, step: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let mut numbered = 0;
    let body = blocks_view(blocks(&markdown), &step, &mut numbered, copied);
    let context = AppContext::get();
    view! {
        <div class="step-details">
            {body}
            <p class="step-details__copied" role="status">
                {move || {
                    copied.get().map(|done| if done { context.text().code_copied } else { context.text().code_not_copied })
                }}
            </p>
        </div>
    }
}

fn blocks_view(blocks: Vec<Block>, step: &str, numbered: &mut usize, copied: RwSignal<Option<bool>>) -> AnyView {
    blocks.into_iter().map(|block| block_view(block, step, numbered, copied)).collect_view().into_any()
}

fn block_view(block: Block, step: &str, numbered: &mut usize, copied: RwSignal<Option<bool>>) -> AnyView {
    match block {
        Block::Paragraph(inlines) => view! { <p>{inlines_view(inlines)}</p> }.into_any(),
        // Headings inside details are under the step, not the page's outline.
        Block::Heading(_, inlines) => {
            view! { <p class="step-details__heading"><strong>{inlines_view(inlines)}</strong></p> }.into_any()
        }
        Block::List { start: Some(start), items } => view! {
            <ol start=start.to_string()>
                {items
                    .into_iter()
                    .map(|item| view! { <li>{blocks_view(item, step, numbered, copied)}</li> })
                    .collect_view()}
            </ol>
        }
        .into_any(),
        Block::List { start: None, items } => view! {
            <ul>
                {items
                    .into_iter()
                    .map(|item| view! { <li>{blocks_view(item, step, numbered, copied)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Block::Quote(inner) => view! { <blockquote>{blocks_view(inner, step, numbered, copied)}</blockquote> }.into_any(),
        Block::Code { text, .. } => {
            *numbered += 1;
            let number = numbered.to_string();
            let step = step.to_owned();
            let context = AppContext::get();
            let to_copy = text.clone();
            let copy = move |_| {
                let Some(promise) = start_copy(&to_copy) else {
                    copied.set(Some(false));
                    return;
                };
                copied.set(None);
                leptos::task::spawn_local(async move {
                    copied.set(Some(JsFuture::from(promise).await.is_ok()));
                });
            };
            view! {
                <div class="step-details__code">
                    <pre tabindex="0"><code>{text}</code></pre>
                    <button
                        type="button"
                        class="button button--small step-details__copy"
                        aria-label=move || fill(context.text().copy_code_aria, &[("number", &number), ("step", &step)])
                        on:click=copy
                    >
                        {move || context.text().copy_code}
                    </button>
                </div>
            }
            .into_any()
        }
        Block::Table { head, rows } => view! {
            <div class="step-details__table" tabindex="0">
                <table>
                    <thead>
                        <tr>{head.into_iter().map(|cell| view! { <th scope="col">{inlines_view(cell)}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| {
                                view! { <tr>{row.into_iter().map(|cell| view! { <td>{inlines_view(cell)}</td> }).collect_view()}</tr> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
        Block::Rule => view! { <hr /> }.into_any(),
    }
}

fn inlines_view(inlines: Vec<Inline>) -> AnyView {
    inlines.into_iter().map(inline_view).collect_view().into_any()
}

fn inline_view(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
        Inline::Emphasis(inner) => view! { <em>{inlines_view(inner)}</em> }.into_any(),
        Inline::Strong(inner) => view! { <strong>{inlines_view(inner)}</strong> }.into_any(),
        Inline::Strike(inner) => view! { <s>{inlines_view(inner)}</s> }.into_any(),
        Inline::Link { href, content } => {
            view! { <a href=href rel="noopener noreferrer" target="_blank">{inlines_view(content)}</a> }.into_any()
        }
        Inline::Break => view! { <br /> }.into_any(),
        Inline::Task(done) => (if done { "☑ " } else { "☐ " }).into_any(),
    }
}
