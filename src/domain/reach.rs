//! How to reach someone, read for the parts a browser can open: a phone number, an
//! email address or an `https` address in text like "+886 912 345 678 · ana@example.com".
//!
//! A responder writes contact details as they come ("Ana, +1 555 010 0199, or
//! #payments-oncall"); the text stays as written and the recognised parts become
//! `tel:`, `mailto:` and `https:` links. Nothing else becomes a link: no other scheme
//! (`javascript:`, `data:`, plain `http:`) is ever produced, and an address with a
//! character that could end an attribute or a tag is left as text.

/// One piece of a contact text: text as written, or a part that can be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReachPiece {
    /// Text shown as it was written.
    Text(String),
    /// A part shown as written that opens `href` (a `tel:`, `mailto:` or `https:` address).
    Link {
        /// The text as written.
        text: String,
        /// The address it opens.
        href: String,
    },
}

/// The fewest digits a phone number has (a short extension is not one).
const MIN_PHONE_DIGITS: usize = 7;
/// The most digits a phone number has (E.164 allows 15).
const MAX_PHONE_DIGITS: usize = 15;

/// Splits `text` into its pieces, in order; joined, their texts are `text` again.
pub fn reach_pieces(text: &str) -> Vec<ReachPiece> {
    let mut pieces = Vec::new();
    let mut plain_from = 0;
    // Words (runs without white space) that are an email or https address.
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    for (s, e) in words {
        let word = &text[s..e];
        let opened = word.trim_start_matches('(');
        let offset = word.len() - opened.len();
        let kept = opened.trim_end_matches([',', ';', '.', ')', '!', '?', ':']);
        let Some(href) = email_href(kept).or_else(|| https_href(kept)) else {
            continue;
        };
        let (ls, le) = (s + offset, s + offset + kept.len());
        phones(&text[plain_from..ls], &mut pieces);
        pieces.push(ReachPiece::Link { text: kept.to_owned(), href });
        plain_from = le;
    }
    phones(&text[plain_from..], &mut pieces);
    pieces
}

/// The one address `text` opens, when the whole text (trimmed) is one phone number,
/// email or https address.
pub fn reach_link(text: &str) -> Option<String> {
    match reach_pieces(text.trim()).as_slice() {
        [ReachPiece::Link { href, .. }] => Some(href.clone()),
        _ => None,
    }
}

/// Appends the pieces of `text`, which holds no email or https address: phone numbers
/// become links, the rest stays text.
fn phones(text: &str, pieces: &mut Vec<ReachPiece>) {
    fn push_text(pieces: &mut Vec<ReachPiece>, t: &str) {
        if t.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(ReachPiece::Text(last)) => last.push_str(t),
            _ => pieces.push(ReachPiece::Text(t.to_owned())),
        }
    }
    let is_phone_char = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}');
    let mut from = 0;
    let mut i = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    while i < chars.len() {
        let (at, c) = chars[i];
        let before = text[..at].chars().next_back();
        let starts = (c == '+' || c.is_ascii_digit() || c == '(') && !before.is_some_and(|b| b.is_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && is_phone_char(chars[j].1) {
            j += 1;
        }
        // Trim what cannot end a number (spaces, dashes, an opening bracket).
        let mut end = j;
        while end > i && !chars[end - 1].1.is_ascii_digit() && chars[end - 1].1 != ')' {
            end -= 1;
        }
        let end_byte = chars.get(end).map_or(text.len(), |b| b.0);
        let candidate = &text[at..end_byte];
        let digits: String = candidate.chars().filter(char::is_ascii_digit).collect();
        let after = text[end_byte..].chars().next();
        let balanced = candidate.matches('(').count() == candidate.matches(')').count();
        if (MIN_PHONE_DIGITS..=MAX_PHONE_DIGITS).contains(&digits.len())
            && balanced
            && !after.is_some_and(|a| a.is_alphanumeric())
        {
            push_text(pieces, &text[from..at]);
            let plus = if c == '+' { "+" } else { "" };
            pieces.push(ReachPiece::Link { text: candidate.to_owned(), href: format!("tel:{plus}{digits}") });
            from = end_byte;
            i = end.max(i + 1);
        } else {
            i = j.max(i + 1);
        }
    }
    push_text(pieces, &text[from..]);
}

/// `mailto:` for a plain email address (`name@example.com`), else `None`.
fn email_href(word: &str) -> Option<String> {
    let (local, domain) = word.split_once('@')?;
    let local_ok = !local.is_empty()
        && local.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    (local_ok && domain_ok).then(|| format!("mailto:{word}"))
}

/// The address itself for an `https://` address with a host and only characters an
/// address may hold, else `None`.
fn https_href(word: &str) -> Option<String> {
    let rest = word.get(..8).filter(|scheme| scheme.eq_ignore_ascii_case("https://")).map(|_| &word[8..])?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok =
        !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    let safe =
        |c: char| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^');
    (host_ok && rest.chars().all(safe)).then(|| format!("https://{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<String> {
        reach_pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                ReachPiece::Link { href, .. } => Some(href),
                ReachPiece::Text(_) => None,
            })
            .collect()
    }

    fn joined(text: &str) -> String {
        reach_pieces(text)
            .into_iter()
            .map(|p| match p {
                ReachPiece::Text(t) | ReachPiece::Link { text: t, .. } => t,
            })
            .collect()
    }

    #[test]
    fn phone_numbers_become_tel_links_as_written() {
        assert_eq!(reach_link("+886 912 345 678").as_deref(), Some("tel:+886912345678"));
        assert_eq!(reach_link("(02) 2345-6789").as_deref(), Some("tel:0223456789"));
        assert_eq!(links("Ana, +1 555-010-0199, or #payments"), ["tel:+15550100199"]);
        let pieces = reach_pieces("call +1 555 010 0199 now");
        assert_eq!(
            pieces,
            [
                ReachPiece::Text("call ".into()),
                ReachPiece::Link { text: "+1 555 010 0199".into(), href: "tel:+15550100199".into() },
                ReachPiece::Text(" now".into()),
            ]
        );
    }

    #[test]
    fn short_or_embedded_numbers_stay_text() {
        assert!(links("ext 1234").is_empty());
        assert!(links("room B12345678").is_empty());
        assert!(links("SEV1 at 09:05").is_empty());
        assert!(links("1234567890123456789").is_empty());
    }

    #[test]
    fn emails_and_https_addresses_become_links() {
        assert_eq!(reach_link("ana@example.com").as_deref(), Some("mailto:ana@example.com"));
        assert_eq!(
            links("page https://pager.example.com/s/pay?x=1, or mail sre+pay@corp.example.tw."),
            ["https://pager.example.com/s/pay?x=1", "mailto:sre+pay@corp.example.tw"]
        );
        assert_eq!(links("電話 0912-345-678，信箱 bo@example.com"), ["tel:0912345678", "mailto:bo@example.com"]);
    }

    #[test]
    fn no_other_scheme_is_ever_a_link() {
        for text in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.cookie)",
            "data:text/html,<script>alert(1)</script>",
            "http://example.com",
            "https://",
            "https://exa\"mple.com",
            "https://example.com/\"onmouseover=\"x",
            "https://<script>",
            "vbscript:msgbox",
            "@example.com",
            "ana@",
            "ana@localhost",
            "ana@exa mple.com",
        ] {
            for href in links(text) {
                assert!(href.starts_with("tel:"), "{text} gave {href}");
            }
        }
    }

    #[test]
    fn pieces_keep_the_text_as_written() {
        for text in [
            "",
            "PagerDuty: payments",
            "+886 912 345 678",
            "Ana (ana@example.com), +1 (555) 010-0199; https://x.example/y.",
            "電話 0912-345-678，信箱 bo@example.com",
        ] {
            assert_eq!(joined(text), text);
        }
    }
}
