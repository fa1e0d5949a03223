//! Runbooks teams already have: any CommonMark file read into a runbook draft,
//! with an account of where each part of the file went.
//!
//! [`understand`] reads a file in Sitrep's own format (a header with
//! `sitrep-runbook`) exactly as [`from_markdown`] does; any other Markdown is
//! read with pulldown-cmark by the rules below (README.md, "Importing runbooks",
//! says the same for users). Nothing written in the file is dropped: what does
//! not become the name or a step is kept in the description or in a step's
//! details, and [`Understood::kept`] says which.
//!
//! - **Name**: the front matter's `title` (or `name`), else the first level-1
//!   heading, else the file name without its extension.
//! - **Steps**, the first rule that finds any:
//!   1. task-list items (`- [ ]`, `- [x]`) of the file's top-level lists;
//!   2. the top-level items of lists under step-like headings (a heading, or
//!      one it is under, that names steps, a procedure, a checklist, diagnosis,
//!      mitigation, remediation, resolution, response, actions,
//!      troubleshooting, investigation, recovery, rollback, escalation or
//!      triage, in English or Chinese);
//!   3. the top-level items of numbered lists anywhere;
//!   4. one step per section: each heading of the highest level under the
//!      name becomes a step, and what is under it its details.
//! - A step's text is the first paragraph of its item, on one line: emphasis
//!   marks go, code keeps its backticks, a link keeps its address in brackets.
//!   The rest of the item (nested lists, code blocks, more paragraphs) is its
//!   details, as written.
//! - A section whose heading repeats a step's text (ignoring case, punctuation
//!   and a leading `Step 3:` or `3.`), or is just `Step 3`, is added to that
//!   step's details.
//! - Text right after a step, up to the next heading, is added to that step's
//!   details (a code block under a numbered item that is not indented).
//! - Everything else goes to the description, with its headings: the front
//!   matter's `description`, its other keys as written, then the text.
//!
//! [`merge_steps`] and [`split_step`] are the preview's edits: merging makes the
//! second step an item at the end of the first one's details, and splitting
//! makes each top-level item of the lists in a step's details a step of its own.

use super::details::options;
use super::runbook::{RunbookDraft, Step, MAX_STEPS};
use super::runbook_markdown::{from_markdown, is_sitrep, prepared, ImportError, Problem};
use super::severity::SeverityLadder;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// What Sitrep understood of a Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Understood {
    /// The runbook as read; it is checked when it is saved.
    pub draft: RunbookDraft,
    /// The version a Sitrep file says it was exported from.
    pub version: Option<u32>,
    /// Where the name came from.
    pub name_from: NameFrom,
    /// Where the steps came from.
    pub steps_from: StepsFrom,
    /// Where each part of the file that is not a step went, in file order.
    pub kept: Vec<Kept>,
}

/// Where a runbook's name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFrom {
    /// The `name` of a Sitrep file's header.
    Header,
    /// The front matter's `title` or `name`.
    FrontMatter,
    /// The first level-1 heading.
    Heading,
    /// The file name (or, for pasted text, the name the caller gave).
    FileName,
}

/// Which rule found the steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepsFrom {
    /// A file in Sitrep's own format.
    Sitrep,
    /// Task-list items.
    TaskList,
    /// The lists under these step-like headings.
    StepSections(Vec<String>),
    /// Numbered lists.
    NumberedLists,
    /// One step per section.
    Sections,
}

/// A part of the file that did not become a step, and where it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// Which part.
    pub part: Part,
    /// Where it went.
    pub place: Place,
}

/// A part of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Front-matter keys other than the title.
    FrontMatter(Vec<String>),
    /// Text before the first heading (after the title).
    Intro,
    /// Text under this heading.
    Section(String),
}

/// Where a part of a file went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The description.
    Description,
    /// The details of this step, numbered from 1.
    Details(usize),
}

/// Reads a runbook from any Markdown. A file in Sitrep's own format is read by
/// [`from_markdown`] with all its rules; any other file by the rules of this
/// module, taking its name from `file_name` when it has neither a title nor a
/// level-1 heading. Refused: a file that is too large or holds control
/// characters, one with no steps at all, and one with more than [`MAX_STEPS`].
pub fn understand(source: &str, file_name: &str, ladder: &SeverityLadder) -> Result<Understood, Vec<ImportError>> {
    let text = prepared(source)?;
    if is_sitrep(&text) {
        let imported = from_markdown(source, ladder)?;
        return Ok(Understood {
            draft: imported.draft,
            version: imported.version,
            name_from: NameFrom::Header,
            steps_from: StepsFrom::Sitrep,
            kept: Vec::new(),
        });
    }
    Reading::new(&text, file_name).understood()
}

/// The name a file name gives: without folders and extension, dashes and
/// underscores as spaces.
pub fn name_from_file(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    stem.replace(['-', '_'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One step merged into the one before it: the second becomes a list item at
/// the end of the first one's details (with its own details under it). The
/// first step's required flag, role and conditions are kept.
pub fn merge_steps(first: &Step, second: &Step) -> Step {
    let mut item = format!("- {}", literal(&second.text));
    let details = second.details.trim_end();
    if !details.is_empty() {
        item.push_str("\n\n");
        item.push_str(&indented(details, 2));
    }
    let details = [first.details.trim_end(), &item].into_iter().filter(|part| !part.is_empty());
    Step { details: details.collect::<Vec<_>>().join("\n\n"), ..first.clone() }
}

/// A step split in several: each top-level item of the lists in its details
/// becomes a step after it (with the step's required flag, role and
/// conditions), and the rest of the details stay with it. The event that
/// completes the step by itself stays with the first step only, so one event
/// does not tick the parts it was split into. `None` when its details hold no
/// list.
pub fn split_step(step: &Step) -> Option<Vec<Step>> {
    let source = step.details.as_str();
    let blocks = top_blocks(source);
    let mut kept = Vec::new();
    let mut new_steps = Vec::new();
    for block in &blocks {
        match &block.kind {
            Kind::List { items, .. } => new_steps.extend(items.iter().map(|item| Step {
                text: item.text.clone(),
                details: item.details.clone(),
                completes_when: None,
                ..step.clone()
            })),
            _ => kept.push(block_source(source, &block.range)),
        }
    }
    if new_steps.is_empty() {
        return None;
    }
    let first = Step { details: kept.join("\n\n"), ..step.clone() };
    Some(std::iter::once(first).chain(new_steps).collect())
}

/// `text` as a list item's paragraph that reads back as exactly `text`:
/// as written when it does, otherwise with every ASCII punctuation character
/// escaped with a backslash.
fn literal(text: &str) -> String {
    let reads_back = |written: &str| {
        let blocks = top_blocks(&format!("- {written}"));
        matches!(blocks.as_slice(), [Block { kind: Kind::List { items, .. }, .. }]
            if items.len() == 1 && items[0].text == text && items[0].details.is_empty())
    };
    if reads_back(text) {
        return text.to_owned();
    }
    text.chars().flat_map(|c| if c.is_ascii_punctuation() { vec!['\\', c] } else { vec![c] }).collect()
}

/// Every line of `text` indented by `by` spaces (empty lines stay empty).
fn indented(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.split('\n')
        .map(|line| if line.is_empty() { String::new() } else { format!("{pad}{line}") })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A top-level block of a file: where it is and what it is.
#[derive(Debug, Clone)]
struct Block {
    range: Range<usize>,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Heading { level: u8, text: String },
    List { ordered: bool, items: Vec<Item> },
    Other,
}

/// A top-level list item: where it is, its task box, its text and its details.
#[derive(Debug, Clone)]
struct Item {
    range: Range<usize>,
    task: Option<bool>,
    text: String,
    details: String,
}

/// The source of a block as written, without its trailing line breaks.
fn block_source(source: &str, range: &Range<usize>) -> String {
    source[range.clone()].trim_end().to_owned()
}

/// The top-level blocks of `source`.
fn top_blocks(source: &str) -> Vec<Block> {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(source, options()).into_offset_iter().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        let end = match event {
            Event::Start(_) => closing(&events, i),
            _ => i,
        };
        let kind = match event {
            Event::Start(Tag::Heading { level, .. }) => {
                Kind::Heading { level: *level as u8, text: plain(&events[i + 1..end]) }
            }
            Event::Start(Tag::List(start)) => {
                let mut items = Vec::new();
                let mut j = i + 1;
                while j < end {
                    let close = closing(&events, j);
                    if matches!(events[j].0, Event::Start(Tag::Item)) {
                        items.push(item(source, &events[j..=close]));
                    }
                    j = close + 1;
                }
                Kind::List { ordered: start.is_some(), items }
            }
            _ => Kind::Other,
        };
        // pulldown-cmark's list range can stop short of a last item's end; the
        // block covers every event in it.
        let last = events[i..=end].iter().map(|(_, r)| r.end).max().unwrap_or(range.end);
        blocks.push(Block { range: range.start..last, kind });
        i = end + 1;
    }
    blocks
}

/// The index of the event that closes the one started at `start`.
fn closing(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
    )
}

/// The plain text of inline events, on one line: emphasis marks go, code keeps
/// its backticks, links and images keep their address in brackets (unless the
/// text is the address), HTML stays as written.
fn plain(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut out = String::new();
    let mut links: Vec<(String, usize)> = Vec::new();
    for (event, _) in events {
        match event {
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => out.push_str(text),
            Event::Code(code) => {
                let fence = if code.contains('`') { "``" } else { "`" };
                out.push_str(&format!("{fence}{code}{fence}"));
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push((dest_url.to_string(), out.len()))
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((address, at)) = links.pop() {
                    let shown = out[at..].trim();
                    if !address.is_empty() && shown != address && shown != address.trim_start_matches("mailto:") {
                        out.push_str(&format!(" ({address})"));
                    }
                }
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a list item's events say its text ends and its details start.
#[derive(PartialEq)]
enum TextPart {
    Before,
    Tight,
    Paragraph,
    Done,
}

/// Reads a list item: the events from its start to its end.
fn item(source: &str, events: &[(Event<'_>, Range<usize>)]) -> Item {
    let range = events[0].1.start..events.iter().map(|(_, r)| r.end).max().unwrap_or(events[0].1.end);
    let inner = &events[1..events.len().saturating_sub(1)];
    let mut depth = 0usize;
    let mut part = TextPart::Before;
    let mut text_events = Vec::new();
    let mut task = None;
    let mut details_start = None;
    for (event, r) in inner {
        match event {
            Event::Start(tag) => {
                if depth == 0 && is_block(tag) {
                    match part {
                        TextPart::Before if matches!(tag, Tag::Paragraph | Tag::Heading { .. }) => {
                            part = TextPart::Paragraph;
                            depth += 1;
                            continue;
                        }
                        _ => {
                            part = TextPart::Done;
                            details_start.get_or_insert(r.start);
                        }
                    }
                } else if part == TextPart::Before {
                    part = TextPart::Tight;
                }
                depth += 1;
                if matches!(part, TextPart::Tight | TextPart::Paragraph) {
                    text_events.push((event.clone(), r.clone()));
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && part == TextPart::Paragraph {
                    part = TextPart::Done;
                    continue;
                }
                if matches!(part, TextPart::Tight | TextPart::Paragraph) {
                    text_events.push((event.clone(), r.clone()));
                }
            }
            Event::TaskListMarker(done) if matches!(part, TextPart::Before | TextPart::Tight | TextPart::Paragraph) => {
                task.get_or_insert(*done);
            }
            _ => {
                if part == TextPart::Before {
                    part = TextPart::Tight;
                }
                if matches!(part, TextPart::Tight | TextPart::Paragraph) {
                    text_events.push((event.clone(), r.clone()));
                }
            }
        }
    }
    let details = match details_start {
        Some(start) => {
            let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
            let start = if source[line_start..start].trim().is_empty() { line_start } else { start };
            let indent = content_indent(source, range.start);
            dedented(source[start..range.end].trim_end(), indent)
        }
        None => String::new(),
    };
    let mut text = plain(&text_events);
    if text.is_empty() {
        // An item that opens with a code block or a list: its first line of
        // text names it, and all of it stays in the details.
        text = details
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty() && !line.starts_with("```"))
            .unwrap_or("")
            .to_owned();
    }
    Item { range, task, text, details: trim_blank_start(&details) }
}

/// The column where the content of the list item whose marker is at `at` starts.
fn content_indent(source: &str, at: usize) -> usize {
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = columns(&source[line_start..at]);
    let rest = &source[at..];
    let line = rest.split('\n').next().unwrap_or("");
    let marker = line.chars().take_while(char::is_ascii_digit).count();
    let marker = if marker > 0 { marker + 1 } else { 1 };
    let after = &line[marker.min(line.len())..];
    let spaces = after.chars().take_while(|&c| c == ' ').count();
    let spaces = if after.trim().is_empty() || spaces > 4 || spaces == 0 { 1 } else { spaces };
    column + marker + spaces
}

/// How many columns `text` takes, with tabs to the next multiple of four.
fn columns(text: &str) -> usize {
    text.chars().fold(0, |column, c| if c == '\t' { column + 4 - column % 4 } else { column + 1 })
}

/// `text` with up to `indent` columns of leading blank space removed from each
/// line.
fn dedented(text: &str, indent: usize) -> String {
    text.split('\n')
        .map(|line| {
            let mut column = 0;
            let mut cut = 0;
            for c in line.chars() {
                let next = match c {
                    ' ' => column + 1,
                    '\t' => column + 4 - column % 4,
                    _ => break,
                };
                if next > indent {
                    break;
                }
                column = next;
                cut += c.len_utf8();
            }
            &line[cut..]
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` without its blank first lines.
fn trim_blank_start(text: &str) -> String {
    let start: usize = text.split_inclusive('\n').take_while(|line| line.trim().is_empty()).map(str::len).sum();
    text[start..].to_owned()
}

/// Words that make a heading step-like, lowercase.
const STEP_WORDS: [&str; 34] = [
    "step",
    "procedure",
    "checklist",
    "check list",
    "diagnos",
    "mitigat",
    "remediat",
    "resolution",
    "resolve",
    "response",
    "respond",
    "action",
    "troubleshoot",
    "investigat",
    "recover",
    "rollback",
    "roll back",
    "escalat",
    "triage",
    "what to do",
    "how to fix",
    "步驟",
    "程序",
    "清單",
    "檢查",
    "診斷",
    "緩解",
    "處理",
    "排除",
    "復原",
    "回復",
    "應變",
    "行動",
    "升級",
];

fn is_step_like(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    STEP_WORDS.iter().any(|word| lower.contains(word))
}

/// A heading's text for matching with a step: lowercase letters and digits,
/// one space between words; with the step number it gives, if it starts with
/// `Step 3`, `3.`, `3)` or `3:`.
fn heading_key(heading: &str) -> (Option<usize>, String) {
    let lower = heading.trim().to_lowercase();
    let without_word = lower.strip_prefix("step").map(str::trim_start).unwrap_or(&lower);
    let digits: String = without_word.chars().take_while(char::is_ascii_digit).collect();
    let (number, rest) = if digits.is_empty() {
        (None, lower.as_str())
    } else {
        let rest = &without_word[digits.len()..];
        let numbered =
            rest.is_empty() || rest.starts_with(['.', ')', ':', ' ', '-', '—']) || without_word.len() < lower.len();
        if numbered {
            (digits.parse().ok(), rest)
        } else {
            (None, lower.as_str())
        }
    };
    (number, words(rest))
}

fn words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the item of the top-level block at an index is a step.
type StepRule = Box<dyn Fn(usize, &Item) -> bool>;

/// A piece of the file in order, once steps are chosen.
enum Piece {
    Heading(usize),
    Step(Item),
    Text(String),
}

/// A file being read by the rules of this module.
struct Reading<'s> {
    body: &'s str,
    front: FrontMatter,
    fallback_name: String,
}

#[derive(Default)]
struct FrontMatter {
    title: Option<String>,
    description: Option<String>,
    /// Other keys, with their lines as written.
    others: Vec<(String, String)>,
    /// The line the body starts on, counting from 1.
    body_line: usize,
}

impl<'s> Reading<'s> {
    fn new(text: &'s str, file_name: &str) -> Self {
        let (front, body) = front_matter(text);
        Self { body, front, fallback_name: name_from_file(file_name) }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.front.body_line + self.body[..offset].matches('\n').count()
    }

    fn understood(self) -> Result<Understood, Vec<ImportError>> {
        let blocks = top_blocks(self.body);
        let first_h1 = blocks.iter().position(|b| matches!(&b.kind, Kind::Heading { level: 1, .. }));
        let heading_text = |i: usize| match &blocks[i].kind {
            Kind::Heading { text, .. } => text.clone(),
            _ => String::new(),
        };
        let (name, name_from, title) = match (&self.front.title, first_h1) {
            (Some(title), h1) => {
                let same = h1.filter(|&i| heading_text(i).eq_ignore_ascii_case(title.trim()));
                (title.clone(), NameFrom::FrontMatter, same)
            }
            (None, Some(i)) => (heading_text(i), NameFrom::Heading, Some(i)),
            (None, None) => (self.fallback_name.clone(), NameFrom::FileName, None),
        };

        // The headings each block is under (not counting the title).
        let mut under: Vec<Vec<usize>> = Vec::with_capacity(blocks.len());
        let mut open: Vec<(u8, usize)> = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            under.push(open.iter().map(|(_, h)| *h).collect());
            if let Kind::Heading { level, .. } = block.kind {
                if Some(i) != title {
                    open.retain(|(l, _)| *l < level);
                    open.push((level, i));
                }
            }
        }
        let lists = || {
            blocks.iter().enumerate().filter_map(|(i, b)| match &b.kind {
                Kind::List { ordered, items } => Some((i, *ordered, items)),
                _ => None,
            })
        };

        // Which rule finds the steps, and which items are steps.
        let has_tasks = lists().any(|(_, _, items)| items.iter().any(|item| item.task.is_some()));
        let step_sections: Vec<usize> = lists()
            .flat_map(|(i, _, _)| under[i].iter().copied().filter(|&h| is_step_like(&heading_text(h))))
            .collect();
        let (steps_from, is_step): (StepsFrom, StepRule) = if has_tasks {
            (StepsFrom::TaskList, Box::new(|_, item: &Item| item.task.is_some()))
        } else if !step_sections.is_empty() {
            let mut names: Vec<String> = Vec::new();
            for h in &step_sections {
                let name = heading_text(*h);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let under = under.clone();
            let texts: Vec<String> = (0..blocks.len()).map(heading_text).collect();
            (
                StepsFrom::StepSections(names),
                Box::new(move |i, _: &Item| under[i].iter().any(|&h| is_step_like(&texts[h]))),
            )
        } else if lists().any(|(_, ordered, _)| ordered) {
            let ordered: Vec<bool> =
                blocks.iter().map(|b| matches!(b.kind, Kind::List { ordered: true, .. })).collect();
            (StepsFrom::NumberedLists, Box::new(move |i, _: &Item| ordered[i]))
        } else {
            return self.sections(&blocks, name, name_from, title);
        };

        // Pieces in file order; a list inside a step's detail section is text.
        let mut pieces: Vec<(Piece, Option<usize>)> = Vec::new();
        let mut step_texts: Vec<String> = Vec::new();
        let mut detail_level: Option<u8> = None;
        for (i, block) in blocks.iter().enumerate() {
            if Some(i) == title {
                continue;
            }
            let heading = under[i].last().copied();
            match &block.kind {
                Kind::Heading { level, text } => {
                    if detail_level.is_some_and(|l| *level <= l) {
                        detail_level = None;
                    }
                    if detail_level.is_none() && detail_step(&step_texts, text).is_some() {
                        detail_level = Some(*level);
                    }
                    pieces.push((Piece::Heading(i), heading));
                }
                Kind::List { items, .. } if detail_level.is_none() && items.iter().any(|item| is_step(i, item)) => {
                    for item in items {
                        if is_step(i, item) {
                            step_texts.push(item.text.clone());
                            pieces.push((Piece::Step(item.clone()), heading));
                        } else {
                            pieces.push((Piece::Text(block_source(self.body, &item.range)), heading));
                        }
                    }
                }
                _ => pieces.push((Piece::Text(block_source(self.body, &block.range)), heading)),
            }
        }

        let mut steps: Vec<(Item, Vec<String>)> = Vec::new();
        let mut description: Vec<String> = Vec::new();
        let mut kept: Vec<Kept> = Vec::new();
        // Where text goes now: a detail section's step, or the step just read.
        let mut detail: Option<(usize, u8)> = None;
        let mut after_step: Option<usize> = None;
        let mut pending: Vec<usize> = Vec::new();
        for (piece, heading) in pieces {
            let part = heading.map_or(Part::Intro, |h| Part::Section(heading_text(h)));
            match piece {
                Piece::Heading(h) => {
                    after_step = None;
                    let (level, text) = match &blocks[h].kind {
                        Kind::Heading { level, text } => (*level, text.clone()),
                        _ => (0, String::new()),
                    };
                    if detail.is_some_and(|(_, l)| level <= l) {
                        detail = None;
                    }
                    if detail.is_none() {
                        if let Some(n) = detail_step(&step_texts[..steps.len()], &text) {
                            detail = Some((n, level));
                            note(&mut kept, Part::Section(text), Place::Details(n + 1));
                            continue;
                        }
                    }
                    match detail {
                        Some((n, _)) => steps[n].1.push(block_source(self.body, &blocks[h].range)),
                        None => {
                            pending
                                .retain(|&p| matches!(&blocks[p].kind, Kind::Heading { level: l, .. } if *l < level));
                            pending.push(h);
                        }
                    }
                }
                Piece::Step(item) => {
                    detail = None;
                    steps.push((item, Vec::new()));
                    after_step = Some(steps.len() - 1);
                }
                Piece::Text(text) => match detail.map(|(n, _)| n).or(after_step) {
                    Some(n) => {
                        steps[n].1.push(text);
                        let part = match detail {
                            Some(_) => None,
                            None => Some(part),
                        };
                        if let Some(part) = part {
                            note(&mut kept, part, Place::Details(n + 1));
                        }
                    }
                    None => {
                        for h in pending.drain(..) {
                            description.push(block_source(self.body, &blocks[h].range));
                        }
                        description.push(text);
                        note(&mut kept, part, Place::Description);
                    }
                },
            }
        }
        let steps: Vec<Step> = steps
            .into_iter()
            .map(|(item, more)| {
                let details = std::iter::once(item.details).chain(more).filter(|d| !d.trim().is_empty());
                Step::new(&item.text, true).with_details(&details.collect::<Vec<_>>().join("\n\n"))
            })
            .collect();
        self.finish(name, name_from, steps_from, steps, description, kept, &blocks)
    }

    /// Rule 4: one step per section.
    fn sections(
        &self,
        blocks: &[Block],
        name: String,
        name_from: NameFrom,
        title: Option<usize>,
    ) -> Result<Understood, Vec<ImportError>> {
        let level = blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != title)
            .filter_map(|(_, b)| match b.kind {
                Kind::Heading { level, .. } => Some(level),
                _ => None,
            })
            .min();
        let mut steps: Vec<(String, Vec<String>)> = Vec::new();
        let mut description = Vec::new();
        let mut kept = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            if Some(i) == title {
                continue;
            }
            match &block.kind {
                Kind::Heading { level: l, text } if Some(*l) == level => steps.push((text.clone(), Vec::new())),
                _ => match steps.last_mut() {
                    Some((_, details)) => details.push(block_source(self.body, &block.range)),
                    None => {
                        description.push(block_source(self.body, &block.range));
                        note(&mut kept, Part::Intro, Place::Description);
                    }
                },
            }
        }
        let steps = steps
            .into_iter()
            .map(|(text, details)| Step::new(&text, true).with_details(&details.join("\n\n")))
            .collect();
        self.finish(name, name_from, StepsFrom::Sections, steps, description, kept, blocks)
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        name: String,
        name_from: NameFrom,
        steps_from: StepsFrom,
        steps: Vec<Step>,
        body: Vec<String>,
        mut kept: Vec<Kept>,
        blocks: &[Block],
    ) -> Result<Understood, Vec<ImportError>> {
        if steps.is_empty() {
            return Err(vec![ImportError { line: 0, problem: Problem::NoStepsFound }]);
        }
        if steps.len() > MAX_STEPS {
            let line = blocks.last().map_or(0, |b| self.line_of(b.range.start));
            return Err(vec![ImportError { line, problem: Problem::TooManySteps }]);
        }
        let mut description: Vec<String> = Vec::new();
        description.extend(self.front.description.clone());
        if !self.front.others.is_empty() {
            description.push(self.front.others.iter().map(|(_, line)| line.as_str()).collect::<Vec<_>>().join("\n"));
            let keys = self.front.others.iter().map(|(key, _)| key.clone()).collect();
            kept.insert(0, Kept { part: Part::FrontMatter(keys), place: Place::Description });
        }
        description.extend(body);
        Ok(Understood {
            draft: RunbookDraft { name, description: description.join("\n\n"), steps, attach_at: Vec::new() },
            version: None,
            name_from,
            steps_from,
            kept,
        })
    }
}

/// Notes where a part went, once for a run of the same part and place.
fn note(kept: &mut Vec<Kept>, part: Part, place: Place) {
    let entry = Kept { part, place };
    if kept.last() != Some(&entry) {
        kept.push(entry);
    }
}

/// The step (index from 0) a section with this heading explains, if any.
fn detail_step(step_texts: &[String], heading: &str) -> Option<usize> {
    let (number, key) = heading_key(heading);
    if !key.is_empty() {
        if let Some(i) = step_texts.iter().position(|text| words(&text.to_lowercase()) == key) {
            return Some(i);
        }
    }
    match number {
        Some(n) if key.is_empty() && (1..=step_texts.len()).contains(&n) => Some(n - 1),
        _ => None,
    }
}

/// Splits off a front matter: `---` on the first line, `key: value` lines, and
/// a closing `---` (or `...`) line. Returns the body after it.
fn front_matter(text: &str) -> (FrontMatter, &str) {
    let none = (FrontMatter { body_line: 1, ..FrontMatter::default() }, text);
    let Some(rest) = text.strip_prefix("---\n") else { return none };
    let mut offset = 4;
    let mut lines = Vec::new();
    let mut closed = None;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            closed = Some(offset + line.len());
            break;
        }
        lines.push(line.trim_end_matches('\n'));
        offset += line.len();
    }
    let Some(body_at) = closed else { return none };
    let first = lines.iter().find(|line| !line.trim().is_empty());
    let looks_like_yaml = first.is_some_and(|line| {
        line.split_once(':')
            .is_some_and(|(key, _)| !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    });
    if !looks_like_yaml {
        return none;
    }
    let mut front = FrontMatter { body_line: lines.len() + 3, ..FrontMatter::default() };
    let mut current: Option<(String, String)> = None;
    let flush = |front: &mut FrontMatter, entry: Option<(String, String)>| {
        let Some((key, written)) = entry else { return };
        let value = written.split_once(':').map_or("", |(_, v)| v).trim();
        let unquoted = value.trim_matches(|c| c == '"' || c == '\'').trim().to_owned();
        match key.to_lowercase().as_str() {
            "title" | "name" if front.title.is_none() && !unquoted.is_empty() && !written.contains('\n') => {
                front.title = Some(unquoted)
            }
            "description" | "summary"
                if front.description.is_none() && !unquoted.is_empty() && !written.contains('\n') =>
            {
                front.description = Some(unquoted)
            }
            _ => front.others.push((key, written)),
        }
    };
    for line in lines {
        let starts_key = !line.starts_with([' ', '\t', '-', '#']) && line.contains(':');
        if starts_key {
            flush(&mut front, current.take());
            let key = line.split_once(':').map_or("", |(k, _)| k).trim().to_owned();
            current = Some((key, line.to_owned()));
        } else if line.trim().is_empty() {
            continue;
        } else if let Some((_, written)) = current.as_mut() {
            written.push('\n');
            written.push_str(line);
        } else {
            front.others.push((line.trim().to_owned(), line.to_owned()));
        }
    }
    flush(&mut front, current.take());
    (front, &text[body_at..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    /// Reads `source` and shows what was understood: the name and where it came
    /// from, the rule that found the steps, the description, each step with its
    /// details, and where the rest went.
    fn check(source: &str, file_name: &str, expected: Expect) {
        let understood = understand(source, file_name, &SeverityLadder::default()).unwrap();
        let mut out = format!(
            "name: {} ({:?})\nsteps from: {:?}\n--- description\n{}\n",
            understood.draft.name, understood.name_from, understood.steps_from, understood.draft.description
        );
        for (i, step) in understood.draft.steps.iter().enumerate() {
            out.push_str(&format!("--- step {}: {}\n", i + 1, step.text));
            if !step.details.is_empty() {
                out.push_str(&format!("{}\n", step.details));
            }
        }
        out.push_str("--- kept\n");
        for kept in &understood.kept {
            out.push_str(&format!("{:?} -> {:?}\n", kept.part, kept.place));
        }
        expected.assert_eq(&out);
    }

    #[test]
    fn a_numbered_checklist_with_a_section_per_step() {
        check(
            "# Database failover\n\n\
             Use this when the primary database stops answering.\n\n\
             1. Freeze deploys\n\
             2. Promote the **replica**\n\
             3. Tell support\n\n\
             ## Freeze deploys\n\n\
             Pause the pipeline in [CI](https://ci.example.com/pause) so nothing ships mid-failover.\n\n\
             ## Step 2: Promote the replica\n\n\
             ```sh\npg_ctl promote -D /var/lib/postgresql/data\n```\n\n\
             ### If promotion hangs\n\nRestart the replica first.\n\n\
             ## Background\n\nThe replica lags by at most a minute.\n",
            "failover.md",
            expect![[r#"
                name: Database failover (Heading)
                steps from: NumberedLists
                --- description
                Use this when the primary database stops answering.

                ## Background

                The replica lags by at most a minute.
                --- step 1: Freeze deploys
                Pause the pipeline in [CI](https://ci.example.com/pause) so nothing ships mid-failover.
                --- step 2: Promote the replica
                ```sh
                pg_ctl promote -D /var/lib/postgresql/data
                ```

                ### If promotion hangs

                Restart the replica first.
                --- step 3: Tell support
                --- kept
                Intro -> Description
                Section("Freeze deploys") -> Details(1)
                Section("Step 2: Promote the replica") -> Details(2)
                Section("Background") -> Description
            "#]],
        );
    }

    #[test]
    fn an_alert_runbook_with_meaning_impact_diagnosis_and_mitigation() {
        check(
            "# KubePodCrashLooping\n\n\
             ## Meaning\n\nA pod restarts again and again.\n\n\
             ## Impact\n\n- Requests to the service fail\n- Queues back up\n\n\
             ## Diagnosis\n\n\
             Run these from the bastion host.\n\n\
             - Check the pod's events with `kubectl describe`:\n\n\
             \x20 ```sh\n  kubectl describe pod \"$POD\" -n \"$NAMESPACE\"\n  ```\n\n\
             \x20 - look for `OOMKilled`\n\
             \x20 - look for failed probes\n\
             - Read the logs of the last run\n\n\
             ## Mitigation\n\n\
             1. Roll back the last deployment\n\
             ```sh\nkubectl rollout undo deploy/api\n```\n\
             2. Raise the memory limit if the pod was killed for memory\n",
            "KubePodCrashLooping.md",
            expect![[r#"
                name: KubePodCrashLooping (Heading)
                steps from: StepSections(["Diagnosis", "Mitigation"])
                --- description
                ## Meaning

                A pod restarts again and again.

                ## Impact

                - Requests to the service fail
                - Queues back up

                ## Diagnosis

                Run these from the bastion host.
                --- step 1: Check the pod's events with `kubectl describe`:
                ```sh
                kubectl describe pod "$POD" -n "$NAMESPACE"
                ```

                - look for `OOMKilled`
                - look for failed probes
                --- step 2: Read the logs of the last run
                --- step 3: Roll back the last deployment
                ```sh
                kubectl rollout undo deploy/api
                ```
                --- step 4: Raise the memory limit if the pod was killed for memory
                --- kept
                Section("Meaning") -> Description
                Section("Impact") -> Description
                Section("Diagnosis") -> Description
                Section("Mitigation") -> Details(3)
            "#]],
        );
    }

    #[test]
    fn a_task_list_keeps_its_nested_items_and_other_items() {
        check(
            "Before you start, open the incident channel.\n\n\
             - [ ] Page the on-call engineer\n\
             \x20 - [ ] and their backup\n\
             - A note that is not a task\n\
             - [x] Open the status page\n\n\
             \x20 Write to <mailto:status@example.com> if it is down.\n",
            "Paging_checklist.md",
            expect![[r#"
                name: Paging checklist (FileName)
                steps from: TaskList
                --- description
                Before you start, open the incident channel.
                --- step 1: Page the on-call engineer
                - [ ] and their backup

                - A note that is not a task
                --- step 2: Open the status page
                Write to <mailto:status@example.com> if it is down.
                --- kept
                Intro -> Description
                Intro -> Details(1)
            "#]],
        );
    }

    #[test]
    fn front_matter_gives_the_title_and_keeps_the_rest() {
        check(
            "---\ntitle: \"Vendor outage\"\ndescription: When the cloud vendor is down.\nowner: sre-team\ntags:\n  - cloud\n  - vendor\n---\n\n\
             # Vendor outage\n\n\
             ## Steps\n\n\
             * Open a critical case with the vendor\n\
             * Route traffic to the other region\n",
            "vendor.md",
            expect![[r#"
                name: Vendor outage (FrontMatter)
                steps from: StepSections(["Steps"])
                --- description
                When the cloud vendor is down.

                owner: sre-team
                tags:
                  - cloud
                  - vendor
                --- step 1: Open a critical case with the vendor
                --- step 2: Route traffic to the other region
                --- kept
                FrontMatter(["owner", "tags"]) -> Description
            "#]],
        );
    }

    #[test]
    fn headings_only_make_one_step_per_section() {
        check(
            "# Lost laptop\n\nFor a laptop with company data.\n\n\
             ## Lock the account\n\nIn the identity provider, suspend the user.\n\n\
             ### Also\n\nRevoke their tokens.\n\n\
             ## Wipe the device\n\n\
             ## Tell security\n\nsecurity@example.com\n",
            "laptop.md",
            expect![[r#"
                name: Lost laptop (Heading)
                steps from: Sections
                --- description
                For a laptop with company data.
                --- step 1: Lock the account
                In the identity provider, suspend the user.

                ### Also

                Revoke their tokens.
                --- step 2: Wipe the device
                --- step 3: Tell security
                security@example.com
                --- kept
                Intro -> Description
            "#]],
        );
    }

    #[test]
    fn sitrep_files_read_as_before_and_others_are_refused_when_empty() {
        let ladder = SeverityLadder::default();
        let file = "---\nsitrep-runbook: 1\nname: Major\nversion: 4\n---\n\n- [ ] Do it\n  - optional\n  > Run `x`.\n";
        let understood = understand(file, "whatever.md", &ladder).unwrap();
        assert_eq!((understood.name_from, understood.steps_from), (NameFrom::Header, StepsFrom::Sitrep));
        assert_eq!(understood.version, Some(4));
        assert_eq!(understood.draft.steps, [Step::new("Do it", false).with_details("Run `x`.")]);
        // A Sitrep file with a mistake is refused as before, not read loosely.
        let errors = understand("---\nsitrep-runbook: 1\n---\n- [ ] x\n", "x.md", &ladder).unwrap_err();
        assert_eq!(errors[0].problem, Problem::MissingName);
        let errors = understand("Just a paragraph.\n", "x.md", &ladder).unwrap_err();
        assert_eq!(errors, [ImportError { line: 0, problem: Problem::NoStepsFound }]);
        let many = "- [ ] step\n".repeat(MAX_STEPS + 1);
        assert_eq!(understand(&many, "x.md", &ladder).unwrap_err()[0].problem, Problem::TooManySteps);
        assert_eq!(name_from_file("C:\\runbooks\\db_fail-over.markdown"), "db fail over");
    }

    #[test]
    fn merging_then_splitting_gives_the_steps_back() {
        let first = Step::new("Roll back", true)
            .with_details("Use the deploy tool.")
            .completed_when(crate::domain::Completion::MilestoneSet { milestone: crate::domain::Milestone::Mitigated });
        let second = Step::new("1. Check *errors*", false).with_details("```sh\ncurl -s https://x/health\n```");
        let merged = merge_steps(&first, &second);
        expect![[r#"
            Use the deploy tool.

            - 1\. Check \*errors\*

              ```sh
              curl -s https://x/health
              ```"#]]
        .assert_eq(&merged.details);
        let split = split_step(&merged).unwrap();
        assert_eq!(
            split,
            [
                first.clone(),
                Step {
                    text: second.text.clone(),
                    details: second.details.clone(),
                    completes_when: None,
                    ..first.clone()
                }
            ],
            "the event stays with the first step only"
        );
        assert_eq!(split_step(&first), None);
    }

    /// The property test (proptest runs natively only).
    #[cfg(not(target_arch = "wasm32"))]
    mod round_trip {
        use super::*;
        use crate::domain::id::RunbookId;
        use crate::domain::runbook::{Completion, Runbook};
        use crate::domain::runbook_markdown::to_markdown;
        use crate::domain::severity::{LevelDraft, Review, Severity};
        use chrono::{DateTime, Utc};

        /// The default ladder with a fifth, custom level.
        fn ladder_with_custom_level() -> SeverityLadder {
            let level = LevelDraft {
                name: "Cosmetic".into(),
                impact: String::new(),
                response: String::new(),
                update_minutes: None,
                review: Review::Optional,
            };
            SeverityLadder::default().with_added(Severity::new("01JDCUSTOM0000000000000000"), &level).unwrap()
        }

        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

            /// Export then import of any runbook gives the same runbook, through the
            /// import every file goes through.
            #[test]
            fn export_then_import_gives_the_same_runbook(
                name in "\\PC{1,40}",
                description in "(\\PC|\n|\t){0,120}",
                steps in proptest::collection::vec(
                    (
                        "\\PC{1,40}",
                        proptest::bool::ANY,
                        proptest::option::of("\\PC{0,12}"),
                        proptest::option::of(proptest::sample::select(vec!["SEV1", "SEV2", "SEV3", "SEV4", "01JDCUSTOM0000000000000000"])),
                        proptest::option::of("\\PC{0,12}"),
                        "(\\PC|\n|\t| ){0,160}",
                        proptest::option::of(proptest::sample::select(Completion::all())),
                    ),
                    1..6,
                ),
                attach_at in proptest::sample::subsequence(vec!["SEV1", "SEV2", "SEV3", "SEV4"], 0..3),
            ) {
                let steps: Vec<Step> = steps
                    .into_iter()
                    .map(|(text, required, role, at, component, details, completes_when)| Step {
                        text,
                        required,
                        role,
                        min_severity: at.map(Severity::new),
                        component,
                        details,
                        completes_when,
                    })
                    .collect();
                let attach_at = attach_at.into_iter().map(Severity::new).collect();
                let draft = RunbookDraft { name, description, steps, attach_at };
                let Ok(runbook) = Runbook::create(RunbookId::from_parts(1, 1), draft, DateTime::<Utc>::UNIX_EPOCH) else { return Ok(()) };
                let ladder = ladder_with_custom_level();
                let markdown = to_markdown(&runbook, &ladder);
                let understood = understand(&markdown, "any.md", &ladder);
                let understood = understood.map_err(|errors| proptest::test_runner::TestCaseError::fail(format!("{errors:?}\n{markdown}")))?;
                proptest::prop_assert_eq!(&understood.draft, &runbook.draft(), "{}", markdown);
                proptest::prop_assert_eq!(understood.version, Some(runbook.version()));
            }
        }
    }
}
