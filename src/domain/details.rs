//! A step's details as a tree of safe blocks, for the screens to draw.
//!
//! [`blocks`] reads Markdown with pulldown-cmark into paragraphs, headings,
//! lists, quotes, tables and code blocks holding plain text runs. Nothing in the
//! tree is HTML: raw HTML in the Markdown becomes text, shown as typed. Only
//! `http`, `https` and `mailto` addresses become [`Inline::Link`]s; any other
//! link is its text followed by its address in brackets, and an image is its
//! description with its address, never a picture that loads.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions every reader of runbooks and details uses: task
/// lists, tables and strikethrough, as on GitHub.
pub(crate) fn options() -> Options {
    Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A block of details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A heading, with its level from 1 to 6.
    Heading(u8, Vec<Inline>),
    /// A list: numbered from `start`, or bulleted when `start` is `None`.
    List {
        /// The first number of a numbered list.
        start: Option<u64>,
        /// The items, each a list of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A code block: the language named after its fence (may be empty) and the
    /// code, without its last line end.
    Code {
        /// The fence's language, such as `sh`.
        language: String,
        /// The code.
        text: String,
    },
    /// A table: its header cells and rows of cells.
    Table {
        /// The header row.
        head: Vec<Vec<Inline>>,
        /// The other rows.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A thematic break.
    Rule,
}

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Inline code.
    Code(String),
    /// Emphasis.
    Emphasis(Vec<Inline>),
    /// Strong emphasis.
    Strong(Vec<Inline>),
    /// Struck-through text.
    Strike(Vec<Inline>),
    /// A link to an `http`, `https` or `mailto` address.
    Link {
        /// The address.
        href: String,
        /// The link's text.
        content: Vec<Inline>,
    },
    /// A hard line break.
    Break,
    /// A task-list box, ticked or not.
    Task(bool),
}

/// Whether `address` may become a link: `http`, `https` or `mailto` only.
pub fn is_safe_link(address: &str) -> bool {
    let lower = address.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// Reads Markdown details into blocks.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut builder = Builder::default();
    for event in Parser::new_ext(markdown, options()) {
        builder.event(event);
    }
    builder.finish()
}

/// Every code block of `markdown`, in order: what a copy button copies.
pub fn code_blocks(markdown: &str) -> Vec<String> {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for block in blocks {
            match block {
                Block::Code { text, .. } => out.push(text.clone()),
                Block::List { items, .. } => items.iter().for_each(|item| walk(item, out)),
                Block::Quote(inner) => walk(inner, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&blocks(markdown), &mut out);
    out
}

/// What is being built: a container of blocks or of inline runs.
#[derive(Debug)]
enum Frame {
    /// An item, a quote or the document (as a block shown as text): blocks.
    Blocks(Vec<Block>, Container),
    /// A list being read, with its finished items.
    List(Option<u64>, Vec<Vec<Block>>),
    /// A table being read.
    Table(Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>, Vec<Vec<Inline>>, bool),
    /// Inline runs and what they become.
    Inlines(Vec<Inline>, Span),
    /// A code block's text.
    Code(String, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
    /// A block that is shown as its text (an HTML block, a footnote).
    Plain,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Span {
    Paragraph,
    Heading(u8),
    Emphasis,
    Strong,
    Strike,
    Link(String),
    /// A link to an address that may not be one, or an image: its text, then
    /// the address in brackets.
    Unlinked(String),
    Cell,
    Other,
}

#[derive(Debug, Default)]
struct Builder {
    stack: Vec<Frame>,
}

impl Builder {
    /// The blocks being read; a block where only blocks may be (never, from
    /// pulldown-cmark) starts a container of its own rather than being lost.
    fn top_blocks(&mut self) -> &mut Vec<Block> {
        if !matches!(self.stack.last(), Some(Frame::Blocks(..))) {
            self.stack.push(Frame::Blocks(Vec::new(), Container::Plain));
        }
        match self.stack.last_mut() {
            Some(Frame::Blocks(blocks, _)) => blocks,
            _ => unreachable!("a block container was just pushed"),
        }
    }

    /// The inline runs being read, opening a paragraph when text comes
    /// directly in a block container (a tight list item).
    fn inlines(&mut self) -> &mut Vec<Inline> {
        if !matches!(self.stack.last(), Some(Frame::Inlines(..))) {
            self.stack.push(Frame::Inlines(Vec::new(), Span::Paragraph));
        }
        match self.stack.last_mut() {
            Some(Frame::Inlines(inlines, _)) => inlines,
            _ => unreachable!("inline runs were just pushed"),
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(Frame::Code(_, code)) = self.stack.last_mut() {
            code.push_str(text);
            return;
        }
        let inlines = self.inlines();
        match inlines.last_mut() {
            Some(Inline::Text(last)) => last.push_str(text),
            _ => inlines.push(Inline::Text(text.to_owned())),
        }
    }

    /// Closes an implicit paragraph of a tight item before a block starts or
    /// the item ends.
    fn close_implicit(&mut self) {
        if matches!(self.stack.last(), Some(Frame::Inlines(_, Span::Paragraph))) {
            if let Some(Frame::Inlines(inlines, _)) = self.stack.pop() {
                if !inlines.is_empty() {
                    self.top_blocks().push(Block::Paragraph(inlines));
                }
            }
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => self.text(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]")),
            Event::Code(code) => self.inlines().push(Inline::Code(code.to_string())),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inlines().push(Inline::Break),
            Event::TaskListMarker(done) => self.inlines().push(Inline::Task(done)),
            Event::Rule => {
                self.close_implicit();
                self.top_blocks().push(Block::Rule)
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let inline = |span| Frame::Inlines(Vec::new(), span);
        match tag {
            Tag::Paragraph => {
                self.close_implicit();
                self.stack.push(inline(Span::Paragraph));
            }
            Tag::Heading { level, .. } => {
                self.close_implicit();
                self.stack.push(inline(Span::Heading(level as u8)));
            }
            Tag::BlockQuote(_) => {
                self.close_implicit();
                self.stack.push(Frame::Blocks(Vec::new(), Container::Quote));
            }
            Tag::CodeBlock(kind) => {
                self.close_implicit();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.stack.push(Frame::Code(language, String::new()));
            }
            Tag::HtmlBlock | Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_) => {
                self.close_implicit();
                self.stack.push(Frame::Blocks(Vec::new(), Container::Plain));
            }
            Tag::List(start) => {
                self.close_implicit();
                self.stack.push(Frame::List(start, Vec::new()));
            }
            Tag::Item => self.stack.push(Frame::Blocks(Vec::new(), Container::Item)),
            Tag::Table(_) => {
                self.close_implicit();
                self.stack.push(Frame::Table(Vec::new(), Vec::new(), Vec::new(), true));
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => self.stack.push(inline(Span::Cell)),
            Tag::Emphasis => self.stack.push(inline(Span::Emphasis)),
            Tag::Strong => self.stack.push(inline(Span::Strong)),
            Tag::Strikethrough => self.stack.push(inline(Span::Strike)),
            Tag::Link { dest_url, .. } if is_safe_link(&dest_url) => {
                self.stack.push(inline(Span::Link(dest_url.trim().to_owned())))
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.stack.push(inline(Span::Unlinked(dest_url.to_string())))
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript => self.stack.push(inline(Span::Other)),
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Item => {
                self.close_implicit();
                let item = match self.stack.pop() {
                    Some(Frame::Blocks(blocks, _)) => blocks,
                    _ => Vec::new(),
                };
                if let Some(Frame::List(_, items)) = self.stack.last_mut() {
                    items.push(item);
                }
            }
            TagEnd::List(_) => {
                if let Some(Frame::List(start, items)) = self.stack.pop() {
                    self.top_blocks().push(Block::List { start, items });
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition | TagEnd::MetadataBlock(_) => {
                self.close_implicit();
                if let Some(Frame::Blocks(blocks, container)) = self.stack.pop() {
                    let block = match container {
                        Container::Quote => Block::Quote(blocks),
                        _ => {
                            // Shown as the text it holds, one paragraph.
                            let mut all = Vec::new();
                            for block in blocks {
                                if let Block::Paragraph(inlines) = block {
                                    all.extend(inlines);
                                }
                            }
                            if all.is_empty() {
                                return;
                            }
                            Block::Paragraph(trimmed(all))
                        }
                    };
                    self.top_blocks().push(block);
                }
            }
            TagEnd::CodeBlock => {
                if let Some(Frame::Code(language, mut text)) = self.stack.pop() {
                    if text.ends_with('\n') {
                        text.pop();
                    }
                    self.top_blocks().push(Block::Code { language, text });
                }
            }
            TagEnd::TableCell => {
                if let Some(Frame::Inlines(inlines, _)) = self.stack.pop() {
                    if let Some(Frame::Table(_, _, row, _)) = self.stack.last_mut() {
                        row.push(inlines);
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Frame::Table(head, rows, row, in_head)) = self.stack.last_mut() {
                    let cells = std::mem::take(row);
                    if *in_head {
                        *head = cells;
                        *in_head = false;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table(head, rows, _, _)) = self.stack.pop() {
                    self.top_blocks().push(Block::Table { head, rows });
                }
            }
            TagEnd::Paragraph | TagEnd::Heading(_) => {
                if let Some(Frame::Inlines(inlines, span)) = self.stack.pop() {
                    let block = match span {
                        Span::Heading(level) => Block::Heading(level, inlines),
                        _ => Block::Paragraph(inlines),
                    };
                    self.top_blocks().push(block);
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                if let Some(Frame::Inlines(content, span)) = self.stack.pop() {
                    let made: Vec<Inline> = match span {
                        Span::Emphasis => vec![Inline::Emphasis(content)],
                        Span::Strong => vec![Inline::Strong(content)],
                        Span::Strike => vec![Inline::Strike(content)],
                        Span::Link(href) => vec![Inline::Link { href, content }],
                        Span::Unlinked(address) => {
                            let mut all = content;
                            all.push(Inline::Text(format!(" ({address})")));
                            all
                        }
                        _ => content,
                    };
                    for inline in made {
                        match (inline, self.inlines().last_mut()) {
                            (Inline::Text(text), Some(Inline::Text(last))) => last.push_str(&text),
                            (inline, _) => self.inlines().push(inline),
                        }
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.close_implicit();
        let mut out = Vec::new();
        while let Some(frame) = self.stack.pop() {
            if let Frame::Blocks(blocks, _) = frame {
                out = blocks.into_iter().chain(out).collect();
            }
        }
        out
    }
}

/// Inline runs without blank space at either end.
fn trimmed(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(first)) = inlines.first_mut() {
        *first = first.trim_start().to_owned();
    }
    if let Some(Inline::Text(last)) = inlines.last_mut() {
        *last = last.trim_end().to_owned();
    }
    inlines.retain(|inline| !matches!(inline, Inline::Text(text) if text.is_empty()));
    inlines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Inline {
        Inline::Text(t.into())
    }

    #[test]
    fn paragraphs_lists_code_and_links() {
        let markdown = "Check the pod's *events*:\n\n\
                        ```sh\nkubectl describe pod \"$POD\"\n```\n\n\
                        - tight item with `code`\n  - nested\n- [x] done\n\n\
                        1. [runbook](https://wiki.example.com/x) and [mail](mailto:oncall@example.com)\n\n\
                        > quoted  \n> line\n\n---\n";
        assert_eq!(
            blocks(markdown),
            vec![
                Block::Paragraph(vec![text("Check the pod's "), Inline::Emphasis(vec![text("events")]), text(":")]),
                Block::Code { language: "sh".into(), text: "kubectl describe pod \"$POD\"".into() },
                Block::List {
                    start: None,
                    items: vec![
                        vec![
                            Block::Paragraph(vec![text("tight item with "), Inline::Code("code".into())]),
                            Block::List { start: None, items: vec![vec![Block::Paragraph(vec![text("nested")])]] },
                        ],
                        vec![Block::Paragraph(vec![Inline::Task(true), text("done")])],
                    ],
                },
                Block::List {
                    start: Some(1),
                    items: vec![vec![Block::Paragraph(vec![
                        Inline::Link { href: "https://wiki.example.com/x".into(), content: vec![text("runbook")] },
                        text(" and "),
                        Inline::Link { href: "mailto:oncall@example.com".into(), content: vec![text("mail")] },
                    ])]],
                },
                Block::Quote(vec![Block::Paragraph(vec![text("quoted"), Inline::Break, text("line")])]),
                Block::Rule,
            ]
        );
        assert_eq!(code_blocks(markdown), ["kubectl describe pod \"$POD\""]);
    }

    #[test]
    fn html_and_unsafe_links_stay_text() {
        let markdown = "<script>alert(1)</script>\n\nSee [this](javascript:alert(2)) <b>bold</b> \
                        ![diagram](https://example.com/x.png) and [ftp](ftp://x).\n";
        assert_eq!(
            blocks(markdown),
            vec![
                Block::Paragraph(vec![text("<script>alert(1)</script>")]),
                Block::Paragraph(vec![text(
                    "See this (javascript:alert(2)) <b>bold</b> diagram (https://example.com/x.png) and ftp (ftp://x)."
                )]),
            ]
        );
        assert!(!is_safe_link("HTTPS://"));
        assert!(is_safe_link(" HTTPS://example.com"));
    }

    #[test]
    fn tables_are_cells_of_text() {
        assert_eq!(
            blocks("| a | b |\n|---|---|\n| `x` | y |\n"),
            vec![Block::Table {
                head: vec![vec![text("a")], vec![text("b")]],
                rows: vec![vec![vec![Inline::Code("x".into())], vec![text("y")]]],
            }]
        );
    }
}
