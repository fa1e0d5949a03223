//! Contact details shown as written, with their phone numbers, email addresses and
//! `https` addresses as links. Which parts become links, and that only `tel:`,
//! `mailto:` and `https:` ever do, is `domain::reach`'s rule.

use crate::domain::reach::{reach_pieces, ReachPiece};
use crate::domain::template::fill;
use leptos::prelude::*;

/// `text` as written, its reachable parts as links. An `https` address opens in a
/// new tab, so the incident page stays where it was.
pub fn reach_view(text: &str) -> impl IntoView + use<> {
    reach_pieces(text)
        .into_iter()
        .map(|piece| match piece {
            ReachPiece::Text(text) => text.into_any(),
            ReachPiece::Link { text, href } if href.starts_with("https:") => {
                view! { <a href=href target="_blank" rel="noopener noreferrer">{text}</a> }.into_any()
            }
            ReachPiece::Link { text, href } => view! { <a href=href>{text}</a> }.into_any(),
        })
        .collect_view()
}

/// `template` filled with `values`, its `{reach}` placeholder shown with
/// [`reach_view`] so that the contact's numbers and addresses can be opened.
pub fn with_reach(template: &str, values: &[(&str, &str)], reach: &str) -> AnyView {
    // A character no template or value holds marks where the contact goes.
    const MARK: &str = "\u{1}";
    let mut all: Vec<(&str, &str)> = values.to_vec();
    all.push(("reach", MARK));
    if !reach_pieces(reach).iter().any(|piece| matches!(piece, ReachPiece::Link { .. })) {
        // Nothing to open: the message as one text, as any other message.
        let mut all: Vec<(&str, &str)> = values.to_vec();
        all.push(("reach", reach));
        return fill(template, &all).into_any();
    }
    let filled = fill(template, &all);
    let (before, after) = match filled.split_once(MARK) {
        Some((before, after)) => (before.to_owned(), Some(after.to_owned())),
        None => (filled, None),
    };
    let contact = after.is_some().then(|| reach_view(reach));
    view! { {before} {contact} {after} }.into_any()
}
