//! Message templates with `{name}` placeholders, filled in one pass.
//!
//! Values often hold text people typed (names, titles, reasons). Each
//! placeholder of the template is replaced exactly once, and a value is never
//! read again for placeholders, so a name typed as `{to}` stays `{to}` instead of
//! turning into another value.

/// Replaces each `{name}` in `template` with its value. A placeholder without a
/// value, and a brace that opens no placeholder, stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (close, v)));
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names in `template`: every `{name}` whose name is letters,
/// digits and `_`, the names [`fill`] is given. Other braces are text.
pub fn placeholders(template: &str) -> std::collections::BTreeSet<&str> {
    let mut names = std::collections::BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let name = &rest[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            names.insert(name);
            rest = &rest[close + 1..];
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::{fill, placeholders};

    #[test]
    fn placeholders_are_the_names_in_braces() {
        let names: Vec<&str> = placeholders("{a} {b_2}{a} {} { x } {.pwn} {{c}} {open").into_iter().collect();
        assert_eq!(names, ["a", "b_2", "c"]);
    }

    #[test]
    fn each_placeholder_takes_its_value() {
        assert_eq!(fill("{from} to {to}, {from}", &[("from", "Ana"), ("to", "Bo")]), "Ana to Bo, Ana");
        assert_eq!(
            fill("由「{from}」改為「{to}」", &[("from", "分級評估"), ("to", "已結案")]),
            "由「分級評估」改為「已結案」"
        );
    }

    #[test]
    fn typed_text_that_looks_like_a_placeholder_stays_as_typed() {
        assert_eq!(fill("from {from} to {to}", &[("from", "{to}"), ("to", "Bo")]), "from {to} to Bo");
        assert_eq!(fill("signed by {name} at {at}", &[("name", "{at}"), ("at", "10:00")]), "signed by {at} at 10:00");
    }

    #[test]
    fn unknown_placeholders_and_lone_braces_stay() {
        assert_eq!(fill("{unknown} {n} { {n", &[("n", "3")]), "{unknown} 3 { {n");
        assert_eq!(fill("}{", &[]), "}{");
        assert_eq!(fill("{{n}}", &[("n", "3")]), "{3}");
    }
}
