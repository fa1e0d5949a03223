//! The review as CommonMark (with a GitHub-style table for the timeline and the
//! remediation items), for wikis, Git and status pages.
//!
//! User text can never add structure: `<`, `>` and `&` become entities (so no raw
//! HTML and no autolinks), the characters that make emphasis, code, links, tables,
//! strikethrough, headings' closing marks and attribute lists are backslash-escaped
//! everywhere, and a line's first character is escaped when it could start a
//! block (heading, list, quote, rule, setext underline, fence). Leading spaces are
//! dropped so no line becomes a code block. Line breaks inside a paragraph or a list
//! item are hard breaks (`\` at the end of the line); in a table cell they become
//! spaces. Only `http`, `https` and `mailto` addresses are written as links.

use super::document::{self, Block, Document, Inline};
use super::json::IncidentBundle;
use super::{clean, safe_link};
use crate::domain::severity::SeverityLadder;
use crate::domain::Language;

/// The internal review as Markdown: every section of the review document.
pub fn internal_review_markdown(bundle: &IncidentBundle, ladder: &SeverityLadder, lang: Language) -> String {
    render(&document::internal(bundle, ladder, lang))
}

/// The customer-facing review as Markdown: the title, when the impact started and
/// ended, the customer sections a person wrote and the customer-safe entries.
pub fn customer_review_markdown(bundle: &IncidentBundle, lang: Language) -> String {
    render(&document::customer(bundle, lang))
}

/// One line of user text, escaped so that it reads as the same text. The caller
/// trims a line that starts a Markdown line, so its first character is the one
/// that could start a block.
fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let ends_marker = chars.get(i + 1).is_none_or(|next| next.is_whitespace());
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '$' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' | ':' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if i == digits && digits > 0 && ends_marker => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Where inline text is written: a flow of lines with continuation indent, or a
/// single line (table cell, heading).
#[derive(Clone, Copy)]
enum Flow<'a> {
    Lines(&'a str),
    OneLine,
}

/// Escaped inline text. `starts_line` says whether it begins a Markdown line (so
/// leading spaces go); spaces between runs are kept. Continuation lines are
/// trimmed and joined by hard breaks; in one-line flow, line breaks are spaces.
fn escape_text(text: &str, flow: Flow<'_>, starts_line: bool) -> String {
    let text = clean(text);
    let first = |line: &str| if starts_line { escape_line(line.trim_start()) } else { escape_line(line) };
    match flow {
        Flow::OneLine => {
            let mut spaced = String::with_capacity(text.len());
            for c in text.chars() {
                let c = if c.is_whitespace() { ' ' } else { c };
                if !(c == ' ' && spaced.ends_with(' ')) {
                    spaced.push(c);
                }
            }
            first(&spaced)
        }
        Flow::Lines(indent) => {
            let mut lines = text.split('\n');
            let mut out = first(lines.next().unwrap_or_default());
            for line in lines.map(str::trim).filter(|line| !line.is_empty()) {
                if !out.trim().is_empty() {
                    out = format!("{}\\\n{indent}", out.trim_end());
                }
                out.push_str(&escape_line(line));
            }
            out
        }
    }
}

/// A link destination: characters that could end it or break a table cell are
/// percent-encoded, `&` is written as an entity.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '(' | ')' | '<' | '>' | '"' | '\'' | '\\' | '`' | '|' | ' ' => {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn inlines(parts: &[Inline], flow: Flow<'_>) -> String {
    let out: String = parts
        .iter()
        .enumerate()
        .map(|(i, part)| match part {
            Inline::Text(text) => escape_text(text, flow, i == 0),
            Inline::Strong(text) => format!("**{}**", escape_text(text.trim(), Flow::OneLine, true)),
            Inline::Link { text, url } => match safe_link(url) {
                Some(url) => format!("[{}]({})", escape_text(text.trim(), Flow::OneLine, true), destination(url)),
                None => escape_text(text, flow, i == 0),
            },
        })
        .collect();
    out.trim_end().to_owned()
}

fn paragraphs(text: &str) -> String {
    let text = clean(text);
    let mut out: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n').map(|line| escape_line(line.trim())).chain([String::new()]) {
        if line.is_empty() {
            if !lines.is_empty() {
                out.push(lines.join("\\\n"));
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    out.join("\n\n")
}

fn render(document: &Document) -> String {
    let colon = super::words::Words(document.lang).label_colon();
    let blocks: Vec<String> = document
        .blocks
        .iter()
        .map(|block| match block {
            Block::Heading(level, text) => {
                format!("{} {}", "#".repeat(usize::from(*level)), escape_text(text.trim(), Flow::OneLine, true))
            }
            Block::Text(text) => paragraphs(text),
            Block::Note(text) => format!("*{}*", escape_text(text.trim(), Flow::OneLine, true)),
            Block::Fields(fields) => fields
                .iter()
                .map(|(label, value)| {
                    let label = escape_text(label.trim(), Flow::OneLine, true);
                    format!("- **{label}{colon}** {}", inlines(value, Flow::Lines("  ")))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::List(items) => items
                .iter()
                .map(|item| format!("- {}", inlines(item, Flow::Lines("  "))))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table { head, rows } => {
                let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
                let mut lines = vec![
                    row(head.iter().map(|h| escape_text(h.trim(), Flow::OneLine, true)).collect()),
                    row(head.iter().map(|_| "---".to_owned()).collect()),
                ];
                for cells in rows {
                    lines.push(row(cells.iter().map(|cell| inlines(cell, Flow::OneLine)).collect()));
                }
                lines.join("\n")
            }
        })
        .filter(|block| !block.is_empty())
        .collect();
    blocks.join("\n\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    #[test]
    fn user_text_cannot_add_structure() {
        let cases = [
            "# heading",
            "Title ##",
            "- item",
            "+ item",
            "* item",
            "1. first",
            "12) twelfth",
            "> quote",
            "===",
            "---",
            "***",
            "___",
            "```rust",
            "~~~",
            "    code",
            "| a | b |",
            "<script>alert(1)</script>",
            "<https://evil.example>",
            "[click](javascript:alert(1))",
            "![img](https://x.example/a.png)",
            "[ref]: https://x.example",
            "*em* _em_ **strong** `code` ~~gone~~",
            "&lt; &amp; &#60;",
            "back\\slash",
            "{: onclick=\"x\"}",
            ": definition",
            "price $5 and $6",
            "3.14 is fine, so is 1.5",
            "don't (panic)",
            "中文「引號」— 沒有需要跳脫的",
        ];
        let shown: Vec<String> = cases.iter().map(|case| format!("{case}  →  {}", escape_line(case.trim()))).collect();
        expect![[r##"
            # heading  →  \# heading
            Title ##  →  Title \#\#
            - item  →  \- item
            + item  →  \+ item
            * item  →  \* item
            1. first  →  1\. first
            12) twelfth  →  12\) twelfth
            > quote  →  &gt; quote
            ===  →  \===
            ---  →  \---
            ***  →  \*\*\*
            ___  →  \_\_\_
            ```rust  →  \`\`\`rust
            ~~~  →  \~\~\~
                code  →  code
            | a | b |  →  \| a \| b \|
            <script>alert(1)</script>  →  &lt;script&gt;alert(1)&lt;/script&gt;
            <https://evil.example>  →  &lt;https://evil.example&gt;
            [click](javascript:alert(1))  →  \[click\](javascript:alert(1))
            ![img](https://x.example/a.png)  →  !\[img\](https://x.example/a.png)
            [ref]: https://x.example  →  \[ref\]: https://x.example
            *em* _em_ **strong** `code` ~~gone~~  →  \*em\* \_em\_ \*\*strong\*\* \`code\` \~\~gone\~\~
            &lt; &amp; &#60;  →  &amp;lt; &amp;amp; &amp;\#60;
            back\slash  →  back\\slash
            {: onclick="x"}  →  \{: onclick="x"\}
            : definition  →  \: definition
            price $5 and $6  →  price \$5 and \$6
            3.14 is fine, so is 1.5  →  3.14 is fine, so is 1.5
            don't (panic)  →  don't (panic)
            中文「引號」— 沒有需要跳脫的  →  中文「引號」— 沒有需要跳脫的"##]]
        .assert_eq(&shown.join("\n"));
    }

    #[test]
    fn lines_paragraphs_cells_and_links() {
        let document = Document {
            title: "t".into(),
            lang: Language::English,
            blocks: vec![
                Block::Text("first line\n# second line\n\n\n  second paragraph\r\nend\\".into()),
                Block::List(vec![vec![Inline::Strong("09:00".into()), Inline::Text(" · a\n- b\n\nc".into())]]),
                Block::Table {
                    head: vec!["A|B".into(), "Link".into()],
                    rows: vec![vec![
                        vec![Inline::Text("x | y\nz".into())],
                        vec![
                            Inline::Link { text: "ok".into(), url: "https://x.example/a_(b)|c?d=1&e=2".into() },
                            Inline::Text(" ".into()),
                            Inline::Link { text: "javascript:alert(1)".into(), url: "javascript:alert(1)".into() },
                            Inline::Text(" ".into()),
                            Inline::Link { text: "mail".into(), url: "mailto:ops@example.com".into() },
                        ],
                    ]],
                },
            ],
        };
        expect![[r#"
            first line\
            \# second line

            second paragraph\
            end\\

            - **09:00** · a\
              \- b\
              c

            | A\|B | Link |
            | --- | --- |
            | x \| y z | [ok](https://x.example/a_%28b%29%7Cc?d=1&amp;e=2) javascript:alert(1) [mail](mailto:ops@example.com) |
        "#]]
        .assert_eq(&render(&document));
    }

    #[test]
    fn the_internal_review_in_english() {
        let (bundle, ladder) = super::super::fixtures::sample();
        expect![[r#"
            # Post-incident review: Checkout fails for EU customers

            - **Incident:** incident/00000000010000000000000001
            - **Severity:** SEV1
            - **Incident status:** Resolved
            - **Review status:** In review
            - **Declared:** 2026-11-24 09:00 UTC
            - **Declared by:** Ana
            - **Impact started:** 2026-11-24 08:52 UTC
            - **Detected:** 2026-11-24 08:58 UTC
            - **Acknowledged:** 2026-11-24 09:00 UTC
            - **Mitigated:** 2026-11-24 09:40 UTC
            - **Resolved:** 2026-11-24 10:15 UTC
            - **Duration:** 1 h 23 min
            - **Review owner:** Ana
            - **Authors:** Ana, Di
            - **Review meeting:** 2026-11-26 14:00 UTC
            - **Affected components:** Payments API, Edge proxy
            - **Incident lead:** Ana
            - **Communications manager:** Bo
            - **Runbooks run:** Restore service first (version 1), started 2026-11-24 09:03 UTC

            ## Severity history

            - **2026-11-24 09:00 UTC** · Incident declared at SEV2 — Error rate above 40 %
            - **2026-11-24 09:10 UTC** · Severity changed from SEV2 to SEV1 — Card payments down everywhere

            ## Summary

            A router change sent EU card payments to a retired gateway for 48 minutes.

            ## Customer impact in numbers

            \- 1,204 failed checkouts\
            \- 37 % of EU card payments

            ## Narrative

            ### Lead-up

            *Not written yet.*

            ### Fault

            The new route table pointed at \`gw-old\`.

            ### Detection

            *Not written yet.*

            ### Response

            *Not written yet.*

            ### Recovery

            *Not written yet.*

            ## Timeline (UTC)

            | Time (UTC) | Tag | Kind | By | Visibility | Entry |
            | --- | --- | --- | --- | --- | --- |
            | 2026-11-24 09:05 | Key moment | Note | Cy | Internal | Deploy \#4812 changed the \*card\* router \| see graph · Evidence: [https://grafana.example.com/d/pay?from=now-1h&amp;to=now](https://grafana.example.com/d/pay?from=now-1h&amp;to=now) |
            | 2026-11-24 09:12 |  | Note | Bo | Customer-safe | Some card payments failed. We are investigating. |
            | 2026-11-24 09:38 | Repair | Note | Cy | Internal | Rolled back deploy \#4812 |

            ## Causes

            ### Technical causes

            No check that a gateway is live before routing to it.

            ### Process causes

            *Not written yet.*

            ### Response causes

            *Not written yet.*

            ### Contributing factors

            *Not written yet.*

            ## What went well

            Rollback took 2 minutes.

            ## What went wrong

            *Not written yet.*

            ## Where we got lucky

            *Not written yet.*

            ## Lessons

            *Not written yet.*

            ## Similar risks elsewhere

            *Not written yet.*

            ## Remediation items

            | No. | Title | Kind | Owner | Team | Priority | Due | Status | Link |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            | 1 | Check gateway health before routing | Prevent | Cy | Payments | Priority | 2026-12-22 | Committed | [https://tracker.example.com/PAY-1](https://tracker.example.com/PAY-1) |
            | 2 | Rewrite the router | Prevent |  | Payments | Priority | 2026-12-22 | Won't do: Too big for the gain |  |

            ## Messaging

            ### Internal summary

            Checkout failed for EU card payments for 48 minutes; fixed by a rollback.

            ### External message

            #### Summary

            On 24 November some card payments failed for 48 minutes.

            #### What happened

            A configuration change sent payments to the wrong place &lt;oops&gt;.

            #### What we are doing about it

            We now check every payment route before it goes live.

            #### Our apology

            We are sorry: you could not pay when you needed to.

            ## Sign-offs

            - **Technical reviewer:** Cy, 2026-11-24 12:30 UTC
            - **Non-technical reviewer:** not signed yet

            ### Review history

            - 2026-11-24 12:00 UTC: Draft (Ana)
            - 2026-11-24 12:20 UTC: In review (Ana)
        "#]].assert_eq(&internal_review_markdown(&bundle, &ladder, Language::English));
    }

    #[test]
    fn the_internal_review_in_chinese_without_a_review() {
        let (bundle, ladder) = super::super::fixtures::sample();
        let (incident, timeline, runs, _) = bundle.into_parts();
        let bundle = IncidentBundle::new(incident, timeline, runs, None).unwrap();
        expect![[r#"
            # 事故後檢討：Checkout fails for EU customers

            - **事故：** incident/00000000010000000000000001
            - **嚴重等級：** SEV1
            - **事故狀態：** 已解決
            - **檢討狀態：** 尚未開始
            - **宣告時間：** 2026-11-24 09:00 UTC
            - **宣告者：** Ana
            - **影響開始：** 2026-11-24 08:52 UTC
            - **偵測到：** 2026-11-24 08:58 UTC
            - **已確認受理：** 2026-11-24 09:00 UTC
            - **已緩解：** 2026-11-24 09:40 UTC
            - **已解決：** 2026-11-24 10:15 UTC
            - **持續時間：** 1 小時 23 分鐘
            - **檢討負責人：** 未設定
            - **作者：** 無
            - **檢討會議：** 未設定
            - **受影響元件：** Payments API、Edge proxy
            - **事故指揮官：** Ana
            - **溝通負責人：** Bo
            - **執行過的處理手冊：** Restore service first（第 1 版），2026-11-24 09:03 UTC 開始

            ## 嚴重等級歷程

            - **2026-11-24 09:00 UTC** · 以 SEV2 宣告事故：Error rate above 40 %
            - **2026-11-24 09:10 UTC** · 嚴重等級由 SEV2 改為 SEV1：Card payments down everywhere

            ## 摘要

            *尚未撰寫。*

            ## 客戶影響（數據）

            *尚未撰寫。*

            ## 經過

            ### 事前經過

            *尚未撰寫。*

            ### 故障

            *尚未撰寫。*

            ### 偵測

            *尚未撰寫。*

            ### 應變

            *尚未撰寫。*

            ### 復原

            *尚未撰寫。*

            ## 時間軸（UTC）

            *尚未選出要檢討的時間軸項目，因此這裡列出事故的完整時間軸。*

            | 時間（UTC） | 標籤 | 類型 | 記錄者 | 可見範圍 | 內容 |
            | --- | --- | --- | --- | --- | --- |
            | 2026-11-24 08:52 |  | 里程碑 | Cy | 僅限內部 | 里程碑：影響開始 |
            | 2026-11-24 08:58 |  | 里程碑 | Cy | 僅限內部 | 里程碑：偵測到 |
            | 2026-11-24 09:00 |  | 狀態變更 | Ana | 僅限內部 | 以 SEV2 宣告事故：Error rate above 40 % |
            | 2026-11-24 09:00 |  | 里程碑 | Cy | 僅限內部 | 里程碑：已確認受理 |
            | 2026-11-24 09:01 |  | 角色變更 | Ana | 僅限內部 | Ana 擔任事故指揮官 |
            | 2026-11-24 09:02 |  | 角色變更 | Ana | 僅限內部 | Bo 擔任溝通負責人 |
            | 2026-11-24 09:03 |  | 處理步驟 | Ana | 僅限內部 | 開始執行處理手冊：Restore service first（第 1 版） |
            | 2026-11-24 09:05 | 診斷 | 筆記 | Cy | 僅限內部 | Deploy \#4812 changed the \*card\* router \| see graph · 佐證：[https://grafana.example.com/d/pay?from=now-1h&amp;to=now](https://grafana.example.com/d/pay?from=now-1h&amp;to=now) |
            | 2026-11-24 09:10 |  | 嚴重等級變更 | Ana | 僅限內部 | 嚴重等級由 SEV2 改為 SEV1：Card payments down everywhere |
            | 2026-11-24 09:11 |  | 筆記 | Ana | 僅限內部 | 受影響元件：Payments API、Edge proxy |
            | 2026-11-24 09:12 |  | 筆記 | Bo | 可對客戶公開 | Some card payments failed. We are investigating. |
            | 2026-11-24 09:38 | 修復 | 筆記 | Cy | 僅限內部 | Rolled back deploy \#4812 |
            | 2026-11-24 09:40 |  | 里程碑 | Cy | 僅限內部 | 里程碑：已緩解 |
            | 2026-11-24 09:40 |  | 筆記 | Bo | 可對客戶公開 | Payments work again. |
            | 2026-11-24 10:15 |  | 狀態變更 | Ana | 僅限內部 | 狀態由「分級評估」改為「已解決」 |
            | 2026-11-24 10:15 |  | 里程碑 | Ana | 僅限內部 | 里程碑：已解決 |

            ## 原因

            ### 技術原因

            *尚未撰寫。*

            ### 流程原因

            *尚未撰寫。*

            ### 應變原因

            *尚未撰寫。*

            ### 促成因素

            *尚未撰寫。*

            ## 做得好的地方

            *尚未撰寫。*

            ## 做得不好的地方

            *尚未撰寫。*

            ## 僥倖之處

            *尚未撰寫。*

            ## 學到的教訓

            *尚未撰寫。*

            ## 其他地方的類似風險

            *尚未撰寫。*

            ## 改善項目

            *尚無改善項目。*

            ## 對內與對外訊息

            ### 內部摘要訊息

            *尚未撰寫。*

            ### 對外訊息

            #### 摘要

            *尚未撰寫。*

            #### 發生了什麼事

            *尚未撰寫。*

            #### 我們的改善行動

            *尚未撰寫。*

            #### 致歉

            *尚未撰寫。*

            ## 簽核

            - **技術審閱者：** 尚未簽核
            - **非技術審閱者：** 尚未簽核
        "#]].assert_eq(&internal_review_markdown(&bundle, &ladder, Language::TraditionalChinese));
    }

    #[test]
    fn the_customer_review_in_both_languages() {
        let (bundle, _) = super::super::fixtures::sample();
        expect![[r#"
            # Incident report: Checkout fails for EU customers

            - **Impact started:** 2026-11-24 08:52 UTC
            - **Impact ended:** 2026-11-24 09:40 UTC
            - **Duration:** 48 min

            ## Summary

            On 24 November some card payments failed for 48 minutes.

            ## What happened

            A configuration change sent payments to the wrong place &lt;oops&gt;.

            ## What we are doing about it

            We now check every payment route before it goes live.

            ## Our apology

            We are sorry: you could not pay when you needed to.

            ## Timeline (UTC)

            - **2026-11-24 09:12 UTC** · Some card payments failed.\
              We are investigating.
            - **2026-11-24 09:40 UTC** · Payments work again.
        "#]]
        .assert_eq(&customer_review_markdown(&bundle, Language::English));
        expect![[r#"
            # 事故說明：Checkout fails for EU customers

            - **影響開始：** 2026-11-24 08:52 UTC
            - **影響結束：** 2026-11-24 09:40 UTC
            - **持續時間：** 48 分鐘

            ## 摘要

            On 24 November some card payments failed for 48 minutes.

            ## 發生了什麼事

            A configuration change sent payments to the wrong place &lt;oops&gt;.

            ## 我們的改善行動

            We now check every payment route before it goes live.

            ## 致歉

            We are sorry: you could not pay when you needed to.

            ## 時間軸（UTC）

            - **2026-11-24 09:12 UTC** · Some card payments failed.\
              We are investigating.
            - **2026-11-24 09:40 UTC** · Payments work again.
        "#]]
        .assert_eq(&customer_review_markdown(&bundle, Language::TraditionalChinese));
    }
}
