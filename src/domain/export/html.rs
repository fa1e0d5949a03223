//! The review as one self-contained HTML page for reading and printing (the
//! browser's "Save as PDF").
//!
//! The page has no script, loads nothing (its Content-Security-Policy says so
//! too, in case it is opened from disk), and carries its own print stylesheet.
//! Every piece of user text is HTML-escaped; only `http`, `https` and `mailto`
//! addresses become links.

use super::document::{self, Block, Document, Inline};
use super::json::IncidentBundle;
use super::{clean, safe_link};
use crate::domain::severity::SeverityLadder;
use crate::domain::Language;

/// The internal review as an HTML page.
pub fn internal_review_html(bundle: &IncidentBundle, ladder: &SeverityLadder, lang: Language) -> String {
    render(&document::internal(bundle, ladder, lang))
}

/// The customer-facing review as an HTML page; the same content as
/// [`super::customer_review_markdown`].
pub fn customer_review_html(bundle: &IncidentBundle, lang: Language) -> String {
    render(&document::customer(bundle, lang))
}

/// The page's style. Text wraps only between words (`overflow-wrap: break-word`
/// breaks a word only when it cannot fit a line by itself, and does not let a
/// table squeeze its columns below their longest word, as `anywhere` did:
/// "Milesto ne"); never hyphenated by the browser. Only links, which are not
/// words, may break anywhere.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font: 11pt/1.5 system-ui, -apple-system, \"Segoe UI\", \"Noto Sans TC\", \"PingFang TC\", \"Microsoft JhengHei\", sans-serif; color: #1a1a1a; background: #fff; margin: 0; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
main { max-width: 48rem; margin: 0 auto; padding: 2rem 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
h4 { font-size: 1rem; margin: 1rem 0 0.3rem; }
p { margin: 0 0 0.75rem; }
.note { color: #555; font-style: italic; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.45rem; text-align: start; vertical-align: top; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
th { background: #f0f0f0; }
a { color: #0b57d0; overflow-wrap: anywhere; }
@media print {
  @page { margin: 18mm 15mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, li, dt, dd { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
}
";

/// Text with `& < > " '` escaped, fit for element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escaped text whose line breaks become `<br>`; spaces around runs are kept.
fn lines(text: &str) -> String {
    let text = clean(text);
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines.len() - 1;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| escape(if i < last { line.trim_end() } else { line }))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn inlines(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|part| match part {
            Inline::Text(text) => lines(text),
            Inline::Strong(text) => format!("<strong>{}</strong>", escape(text)),
            Inline::Link { text, url } => match safe_link(url) {
                Some(url) => format!("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", escape(url), escape(text)),
                None => escape(text),
            },
        })
        .collect()
}

fn block(block: &Block) -> String {
    match block {
        Block::Heading(level, text) => format!("<h{level}>{}</h{level}>", escape(text)),
        // Paragraphs are split at lines that are blank or hold only spaces, as
        // the Markdown export and CommonMark split them.
        Block::Text(text) => {
            let text = clean(text);
            let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
            for line in text.split('\n') {
                match paragraphs.last_mut() {
                    Some(current) if !line.trim().is_empty() => current.push(line),
                    Some(current) if !current.is_empty() => paragraphs.push(Vec::new()),
                    _ => {}
                }
            }
            paragraphs
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| format!("<p>{}</p>", lines(p.join("\n").trim())))
                .collect::<Vec<_>>()
                .join("\n")
        }
        Block::Note(text) => format!("<p class=\"note\">{}</p>", escape(text)),
        Block::Fields(fields) => {
            let rows: String = fields
                .iter()
                .map(|(label, value)| format!("<dt>{}</dt><dd>{}</dd>\n", escape(label), inlines(value)))
                .collect();
            format!("<dl>\n{rows}</dl>")
        }
        Block::List(items) => {
            let rows: String = items.iter().map(|item| format!("<li>{}</li>\n", inlines(item))).collect();
            format!("<ul>\n{rows}</ul>")
        }
        Block::Table { head, rows } => {
            let head: String = head.iter().map(|h| format!("<th scope=\"col\">{}</th>", escape(h))).collect();
            let rows: String = rows
                .iter()
                .map(|cells| {
                    let cells: String = cells.iter().map(|c| format!("<td>{}</td>", inlines(c))).collect();
                    format!("<tr>{cells}</tr>\n")
                })
                .collect();
            format!("<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>")
        }
    }
}

fn render(document: &Document) -> String {
    let body: Vec<String> = document.blocks.iter().map(block).filter(|b| !b.is_empty()).collect();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        lang = document.lang.tag(),
        title = escape(&document.title),
        body = body.join("\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn a_line_of_spaces_ends_a_paragraph_as_in_markdown() {
        let document = Document {
            title: "t".into(),
            lang: Language::English,
            blocks: vec![Block::Text("one\ntwo\n   \nthree\n\n\n \t \nfour  \n".into())],
        };
        let html = render(&document);
        let body = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap()];
        assert_eq!(body, "<main>\n<p>one<br>two</p>\n<p>three</p>\n<p>four</p>\n");
    }

    #[test]
    fn user_text_is_escaped_and_only_safe_links_are_links() {
        let document = Document {
            title: "<b>\"t\" & 't'</b>".into(),
            lang: Language::TraditionalChinese,
            blocks: vec![
                Block::Heading(2, "<img src=x onerror=alert(1)>".into()),
                Block::Text("a <script>alert(1)</script>\nb\n\nc & d\u{1b}[0m".into()),
                Block::Table {
                    head: vec!["<th>".into()],
                    rows: vec![vec![vec![
                        Inline::Link { text: "x".into(), url: "https://x.example/?a=\"><script>".into() },
                        Inline::Link { text: "y".into(), url: "https://x.example/?q=1&r='2'".into() },
                        Inline::Link { text: "javascript:alert(1)".into(), url: "javascript:alert(1)".into() },
                        Inline::Link { text: "JaVaScRiPt:x".into(), url: " JaVaScRiPt:x".into() },
                    ]]],
                },
            ],
        };
        let html = render(&document);
        let body = &html[html.find("<main>").unwrap()..];
        expect![[r#"
            <main>
            <h2>&lt;img src=x onerror=alert(1)&gt;</h2>
            <p>a &lt;script&gt;alert(1)&lt;/script&gt;<br>b</p>
            <p>c &amp; d[0m</p>
            <table>
            <thead><tr><th scope="col">&lt;th&gt;</th></tr></thead>
            <tbody>
            <tr><td><a href="https://x.example/?a=&quot;&gt;&lt;script&gt;" rel="noopener noreferrer">x</a><a href="https://x.example/?q=1&amp;r=&#39;2&#39;" rel="noopener noreferrer">y</a>javascript:alert(1)JaVaScRiPt:x</td></tr>
            </tbody>
            </table>
            </main>
            </body>
            </html>
        "#]]
        .assert_eq(body);
        assert!(html.starts_with("<!doctype html>\n<html lang=\"zh-TW\">\n<head>\n<meta charset=\"utf-8\">"));
        assert!(html.contains("<title>&lt;b&gt;&quot;t&quot; &amp; &#39;t&#39;&lt;/b&gt;</title>"));
        assert!(html.contains("@media print"));
        for forbidden in ["<script", "src=\"", "href=\"javascript", "@import", "url(", "<link", "<iframe"] {
            assert!(!html.to_lowercase().contains(forbidden), "{forbidden} in {html}");
        }
    }

    #[test]
    fn text_wraps_only_between_words_on_screen_and_in_print() {
        let (bundle, ladder) = super::super::fixtures::sample();
        let html = internal_review_html(&bundle, &ladder, Language::English);
        let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
        let rule = |selector: &str| {
            let start = style.find(&format!("\n{selector} {{")).unwrap_or_else(|| panic!("a rule for {selector}"));
            style[start..].split('}').next().unwrap().to_owned()
        };
        for selector in ["body", "th, td"] {
            let rule = rule(selector);
            for wanted in ["overflow-wrap: break-word", "word-break: normal", "hyphens: manual"] {
                assert!(rule.contains(wanted), "{selector} lacks {wanted}: {rule}");
            }
        }
        let text = style.replace(&rule("a"), "");
        for breaking in ["anywhere", "break-all", "hyphens: auto"] {
            assert!(!text.contains(breaking), "words may break mid-word ({breaking}): {style}");
        }
    }

    #[test]
    fn the_customer_review_page() {
        let (bundle, _) = super::super::fixtures::sample();
        expect![[r#"
            <!doctype html>
            <html lang="zh-TW">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>事故說明：Checkout fails for EU customers</title>
            <style>
            :root { color-scheme: light; }
            body { font: 11pt/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif; color: #1a1a1a; background: #fff; margin: 0; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
            main { max-width: 48rem; margin: 0 auto; padding: 2rem 1.25rem; }
            h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; }
            h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
            h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
            h4 { font-size: 1rem; margin: 1rem 0 0.3rem; }
            p { margin: 0 0 0.75rem; }
            .note { color: #555; font-style: italic; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1rem; }
            dt { font-weight: 600; }
            dd { margin: 0; }
            table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; font-size: 0.9rem; }
            th, td { border: 1px solid #bbb; padding: 0.3rem 0.45rem; text-align: start; vertical-align: top; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
            th { background: #f0f0f0; }
            a { color: #0b57d0; overflow-wrap: anywhere; }
            @media print {
              @page { margin: 18mm 15mm; }
              body { font-size: 10pt; }
              main { max-width: none; padding: 0; }
              a { color: inherit; }
              h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
              tr, li, dt, dd { break-inside: avoid; page-break-inside: avoid; }
              thead { display: table-header-group; }
              th { background: none; }
            }
            </style>
            </head>
            <body>
            <main>
            <h1>事故說明：Checkout fails for EU customers</h1>
            <dl>
            <dt>影響開始</dt><dd>2026-11-24 08:52 UTC</dd>
            <dt>影響結束</dt><dd>2026-11-24 09:40 UTC</dd>
            <dt>持續時間</dt><dd>48 分鐘</dd>
            </dl>
            <h2>摘要</h2>
            <p>On 24 November some card payments failed for 48 minutes.</p>
            <h2>發生了什麼事</h2>
            <p>A configuration change sent payments to the wrong place &lt;oops&gt;.</p>
            <h2>我們的改善行動</h2>
            <p>We now check every payment route before it goes live.</p>
            <h2>致歉</h2>
            <p>We are sorry: you could not pay when you needed to.</p>
            <h2>時間軸（UTC）</h2>
            <ul>
            <li><strong>2026-11-24 09:12 UTC</strong> · Some card payments failed.<br>We are investigating.</li>
            <li><strong>2026-11-24 09:40 UTC</strong> · Payments work again.</li>
            </ul>
            </main>
            </body>
            </html>
        "#]].assert_eq(&customer_review_html(&bundle, Language::TraditionalChinese));
    }

    #[test]
    fn the_internal_review_page_body() {
        let (bundle, ladder) = super::super::fixtures::sample();
        let html = internal_review_html(&bundle, &ladder, Language::English);
        assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
        expect![[r#"
            <main>
            <h1>Post-incident review: Checkout fails for EU customers</h1>
            <dl>
            <dt>Incident</dt><dd>incident/00000000010000000000000001</dd>
            <dt>Severity</dt><dd>SEV1</dd>
            <dt>Incident status</dt><dd>Resolved</dd>
            <dt>Review status</dt><dd>In review</dd>
            <dt>Declared</dt><dd>2026-11-24 09:00 UTC</dd>
            <dt>Declared by</dt><dd>Ana</dd>
            <dt>Impact started</dt><dd>2026-11-24 08:52 UTC</dd>
            <dt>Detected</dt><dd>2026-11-24 08:58 UTC</dd>
            <dt>Acknowledged</dt><dd>2026-11-24 09:00 UTC</dd>
            <dt>Mitigated</dt><dd>2026-11-24 09:40 UTC</dd>
            <dt>Resolved</dt><dd>2026-11-24 10:15 UTC</dd>
            <dt>Duration</dt><dd>1 h 23 min</dd>
            <dt>Review owner</dt><dd>Ana</dd>
            <dt>Authors</dt><dd>Ana, Di</dd>
            <dt>Review meeting</dt><dd>2026-11-26 14:00 UTC</dd>
            <dt>Affected components</dt><dd>Payments API, Edge proxy</dd>
            <dt>Incident lead</dt><dd>Ana</dd>
            <dt>Communications manager</dt><dd>Bo</dd>
            <dt>Runbooks run</dt><dd>Restore service first (version 1), started 2026-11-24 09:03 UTC</dd>
            </dl>
            <h2>Severity history</h2>
            <ul>
            <li><strong>2026-11-24 09:00 UTC</strong> · Incident declared at SEV2 — Error rate above 40 %</li>
            <li><strong>2026-11-24 09:10 UTC</strong> · Severity changed from SEV2 to SEV1 — Card payments down everywhere</li>
            </ul>
            <h2>Summary</h2>
            <p>A router change sent EU card payments to a retired gateway for 48 minutes.</p>
            <h2>Customer impact in numbers</h2>
            <p>- 1,204 failed checkouts<br>- 37 % of EU card payments</p>
            <h2>Narrative</h2>
            <h3>Lead-up</h3>
            <p class="note">Not written yet.</p>
            <h3>Fault</h3>
            <p>The new route table pointed at `gw-old`.</p>
            <h3>Detection</h3>
            <p class="note">Not written yet.</p>
            <h3>Response</h3>
            <p class="note">Not written yet.</p>
            <h3>Recovery</h3>
            <p class="note">Not written yet.</p>
            <h2>Timeline (UTC)</h2>
            <table>
            <thead><tr><th scope="col">Time (UTC)</th><th scope="col">Tag</th><th scope="col">Kind</th><th scope="col">By</th><th scope="col">Visibility</th><th scope="col">Entry</th></tr></thead>
            <tbody>
            <tr><td>2026-11-24 09:05</td><td>Key moment</td><td>Note</td><td>Cy</td><td>Internal</td><td>Deploy #4812 changed the *card* router | see graph · Evidence: <a href="https://grafana.example.com/d/pay?from=now-1h&amp;to=now" rel="noopener noreferrer">https://grafana.example.com/d/pay?from=now-1h&amp;to=now</a></td></tr>
            <tr><td>2026-11-24 09:12</td><td></td><td>Note</td><td>Bo</td><td>Customer-safe</td><td>Some card payments failed.<br>We are investigating.</td></tr>
            <tr><td>2026-11-24 09:38</td><td>Repair</td><td>Note</td><td>Cy</td><td>Internal</td><td>Rolled back deploy #4812</td></tr>
            </tbody>
            </table>
            <h2>Causes</h2>
            <h3>Technical causes</h3>
            <p>No check that a gateway is live before routing to it.</p>
            <h3>Process causes</h3>
            <p class="note">Not written yet.</p>
            <h3>Response causes</h3>
            <p class="note">Not written yet.</p>
            <h3>Contributing factors</h3>
            <p class="note">Not written yet.</p>
            <h2>What went well</h2>
            <p>Rollback took 2 minutes.</p>
            <h2>What went wrong</h2>
            <p class="note">Not written yet.</p>
            <h2>Where we got lucky</h2>
            <p class="note">Not written yet.</p>
            <h2>Lessons</h2>
            <p class="note">Not written yet.</p>
            <h2>Similar risks elsewhere</h2>
            <p class="note">Not written yet.</p>
            <h2>Remediation items</h2>
            <table>
            <thead><tr><th scope="col">No.</th><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Owner</th><th scope="col">Team</th><th scope="col">Priority</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Link</th></tr></thead>
            <tbody>
            <tr><td>1</td><td>Check gateway health before routing</td><td>Prevent</td><td>Cy</td><td>Payments</td><td>Priority</td><td>2026-12-22</td><td>Committed</td><td><a href="https://tracker.example.com/PAY-1" rel="noopener noreferrer">https://tracker.example.com/PAY-1</a></td></tr>
            <tr><td>2</td><td>Rewrite the router</td><td>Prevent</td><td></td><td>Payments</td><td>Priority</td><td>2026-12-22</td><td>Won&#39;t do: Too big for the gain</td><td></td></tr>
            </tbody>
            </table>
            <h2>Messaging</h2>
            <h3>Internal summary</h3>
            <p>Checkout failed for EU card payments for 48 minutes; fixed by a rollback.</p>
            <h3>External message</h3>
            <h4>Summary</h4>
            <p>On 24 November some card payments failed for 48 minutes.</p>
            <h4>What happened</h4>
            <p>A configuration change sent payments to the wrong place &lt;oops&gt;.</p>
            <h4>What we are doing about it</h4>
            <p>We now check every payment route before it goes live.</p>
            <h4>Our apology</h4>
            <p>We are sorry: you could not pay when you needed to.</p>
            <h2>Sign-offs</h2>
            <dl>
            <dt>Technical reviewer</dt><dd>Cy, 2026-11-24 12:30 UTC</dd>
            <dt>Non-technical reviewer</dt><dd>not signed yet</dd>
            </dl>
            <h3>Review history</h3>
            <ul>
            <li>2026-11-24 12:00 UTC: Draft (Ana)</li>
            <li>2026-11-24 12:20 UTC: In review (Ana)</li>
            </ul>
            </main>
            </body>
            </html>
        "#]].assert_eq(&html[html.find("<main>").unwrap()..]);
    }
}
