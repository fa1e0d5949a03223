//! How people and entries read on screen: an entry's author, and an entry's line
//! in the reader's language (the wording itself is the domain's, shared with the
//! exports).

use crate::domain::{SeverityLadder, TimelineEntry};
use crate::ui::i18n::Text;

/// The name an entry is signed with, or a placeholder when none was set.
pub fn author_name(text: &Text, name: &str) -> String {
    if name.is_empty() {
        text.unnamed_author.to_owned()
    } else {
        name.to_owned()
    }
}

/// How an entry reads: a state change in the reader's language followed by its
/// reason, or the note as written (always as text, never as markup).
pub fn entry_text(text: &Text, ladder: &SeverityLadder, entry: &TimelineEntry) -> String {
    crate::domain::words::words(text.language).entry(entry, ladder)
}
