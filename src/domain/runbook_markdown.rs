//! Runbooks as Markdown: exported to a file that reads well anywhere, and imported
//! back exactly.
//!
//! [`to_markdown`] writes one runbook version; [`from_markdown`] reads a file into a
//! checked [`RunbookDraft`] or lists every problem it found with its line;
//! [`plan_import`] decides whether an imported draft is a new runbook, the next
//! version of the runbook with its name, or nothing new. Nothing here touches
//! storage: the caller creates or edits the runbook as the plan says.
//!
//! # The format
//!
//! ```text
//! ---
//! sitrep-runbook: 1
//! name: Major incident
//! version: 3
//! attach-at: SEV1, SEV2
//! ---
//!
//! Optional description, one or more paragraphs.
//!
//! - [ ] Name an incident lead and a communications manager
//!   - required
//!   - role: Incident lead
//!   - applies at: SEV2 or worse
//!   - applies when affected: Payments API
//!   - completes when: role assigned: incident lead
//! - [ ] Post the first status update
//!   - optional
//! ```
//!
//! The file starts with a header between two `---` lines, one `key: value` per
//! line, in any order:
//!
//! - `sitrep-runbook` is the format version and must be `1`;
//! - `name` is the runbook's name and is required;
//! - `version` is the version the file was exported from, a whole number from 1;
//!   it is for information only, since importing never overwrites a version;
//! - `attach-at` lists, separated by commas, the severity levels at which declaring
//!   an incident attaches the runbook by itself; it may be left out.
//!
//! Any other key is an error. Severity levels are written by their name on the
//! workspace's ladder; on import, a level's name or its id is accepted, ignoring
//! case.
//!
//! Text between the header and the first step is the description, kept as written
//! apart from leading and trailing blank space. Each step is a task-list item at the
//! start of a line, `- [ ] ` followed by the step's text (`* [ ]`, `+ [ ]`, `- [x]`
//! and extra spaces after the bullet are accepted too). Below a step, list items
//! indented by two to four spaces (or a tab) say more about it:
//!
//! - `required` or `optional` (a step with neither is required);
//! - `role: ...`, who usually does the step;
//! - `applies at: <level> or worse`, a severity threshold (` or worse` may be left
//!   out);
//! - `applies when affected: <component>`;
//! - `completes when: ...`, the event that completes the step by itself:
//!   `role assigned: <role>` (`incident lead`, `communications manager`,
//!   `scribe`, `subject expert`, `front line liaison`), `public update posted`,
//!   or `milestone set: <milestone>` (`impact started`, `detected`,
//!   `acknowledged`, `mitigated`, `resolved`); case, `_` and `-` do not matter,
//!   and any other event is an error.
//!
//! The step's details (Markdown: paragraphs, lists, links, code blocks) follow
//! its list items as a block quote indented like them: each line of the details
//! is written `  > ` followed by the line as it is (`  >` alone for an empty
//! line), so a Markdown reader shows them as a quote inside the step's item.
//! On import, the indentation, the `>` and one space after it are removed.
//!
//! ```text
//! - [ ] Check the pod's events
//!   - required
//!   > Look for `OOMKilled`:
//!   >
//!   > ```sh
//!   > kubectl describe pod "$POD"
//!   > ```
//! ```
//!
//! Blank lines may appear anywhere. After the first step, every other line is an
//! error. Text is never interpreted as HTML: `<b>` stays the three characters it
//! is. A description line that would otherwise read as a step or as one of the
//! items above is written with a backslash in front (`\- [ ] ...`), which import
//! removes again; so does any description line that already starts with
//! backslashes followed by such text.
//!
//! Files larger than [`MAX_MARKDOWN_BYTES`], and files holding control characters
//! other than tab and line ends, are refused before they are read. Line ends may be
//! LF, CRLF or CR; export always writes LF.

use super::id::RunbookId;
use super::runbook::{tidy_details, Completion, Library, Runbook, RunbookDraft, RunbookError, Step, MAX_STEPS};
use super::severity::{Severity, SeverityLadder, SeverityLevel};
use chrono::{DateTime, Utc};
use std::fmt;

/// The largest file [`from_markdown`] reads, in bytes (256 KiB).
pub const MAX_MARKDOWN_BYTES: usize = 256 * 1024;

/// The most problems [`from_markdown`] lists; when there are more, the list ends
/// with [`Problem::TooManyProblems`].
pub const MAX_PROBLEMS: usize = 50;

/// The header line that opens and closes the header.
const FENCE: &str = "---";
/// The key that names the format and its version.
const FORMAT_KEY: &str = "sitrep-runbook";
/// The only format version there is.
const FORMAT_VERSION: &str = "1";
/// The keys a header may have.
const KEYS: [&str; 4] = [FORMAT_KEY, "name", "version", "attach-at"];
/// What starts each line of a step's details, after the indentation.
const QUOTE: &str = ">";
/// The optional end of an `applies at` value.
const OR_WORSE: &str = " or worse";

/// A runbook read from Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The content, checked and tidied as [`Runbook::create`] does.
    pub draft: RunbookDraft,
    /// The version the file says it was exported from, if it says one.
    pub version: Option<u32>,
}

/// One problem in a Markdown file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The line the problem is on, counting from 1; 0 means the whole file.
    pub line: usize,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}", self.problem),
            line => write!(f, "line {line}: {}", self.problem),
        }
    }
}

impl std::error::Error for ImportError {}

/// What can be wrong with a Markdown runbook. The messages are for logs; the UI
/// shows its own translated wording for each variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The file is larger than [`MAX_MARKDOWN_BYTES`].
    #[error("the file has {bytes} bytes, more than the {MAX_MARKDOWN_BYTES} allowed")]
    TooLarge {
        /// The file's size in bytes.
        bytes: usize,
    },
    /// The line holds a control character other than a tab.
    #[error("the line holds the control character U+{code:04X}")]
    ControlCharacter {
        /// The character's code point.
        code: u32,
    },
    /// The file does not start with a `---` line.
    #[error("the file does not start with a `---` header")]
    NoHeader,
    /// The header opened on this line is never closed by a `---` line.
    #[error("the header is not closed by a `---` line")]
    UnclosedHeader,
    /// The header does not say `sitrep-runbook: 1`.
    #[error("the header does not say `{FORMAT_KEY}: {FORMAT_VERSION}`")]
    MissingFormat,
    /// The header names a format version this app cannot read.
    #[error("format version `{0}` is not supported")]
    UnsupportedFormat(String),
    /// The header has a line that is not one of the known keys.
    #[error("unknown header key `{0}`")]
    UnknownKey(String),
    /// The header gives a key twice.
    #[error("the header gives `{0}` twice")]
    DuplicateKey(String),
    /// The header has no `name`.
    #[error("the header has no `name`")]
    MissingName,
    /// The `version` is not a whole number from 1.
    #[error("`{0}` is not a version number")]
    BadVersion(String),
    /// No severity level has this name or id.
    #[error("no severity level is called `{0}`")]
    UnknownSeverity(String),
    /// A `completes when` value names no event a step can name.
    #[error("`{0}` is not an event that completes a step")]
    UnknownCompletion(String),
    /// A step's list item is not one of the known attributes.
    #[error("unknown step attribute `{0}`")]
    UnknownAttribute(String),
    /// A step has this attribute (or `required` and `optional`) twice.
    #[error("`{0}` repeats an attribute the step already has")]
    DuplicateAttribute(String),
    /// A step attribute comes before the first step.
    #[error("a step attribute comes before the first step")]
    AttributeOutsideStep,
    /// Text after the first step that is neither a step nor an attribute.
    #[error("only steps and their attributes may follow the first step")]
    StrayText,
    /// The name is empty.
    #[error("the runbook needs a name")]
    EmptyName,
    /// The name is too long.
    #[error("the name is too long")]
    NameTooLong,
    /// There are no steps.
    #[error("the runbook needs at least one step")]
    NoSteps,
    /// There are too many steps; the line is the first step over the limit.
    #[error("a runbook has at most {MAX_STEPS} steps")]
    TooManySteps,
    /// The step has no text.
    #[error("the step has no text")]
    EmptyStep,
    /// The step's text is too long.
    #[error("the step's text is too long")]
    StepTooLong,
    /// The step's details are too long.
    #[error("the step's details are too long")]
    DetailsTooLong,
    /// A Markdown file in which no rule of `runbook_commonmark` found a step:
    /// no task list, no list and no heading.
    #[error("no steps were found: the file has no list and no heading")]
    NoStepsFound,
    /// More problems were found than [`MAX_PROBLEMS`]; the rest are left out.
    #[error("there are more problems than these")]
    TooManyProblems,
}

/// What importing a runbook would do to the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportPlan {
    /// No runbook has the name: create a new one.
    New,
    /// This runbook (in use or archived) has the name but other content: save the
    /// import as its next version.
    NewVersion(RunbookId),
    /// This runbook has the name and the same content: there is nothing to save.
    Unchanged(RunbookId),
}

/// Writes a runbook version as Markdown, with severity levels named as on `ladder`.
///
/// The result uses LF line ends and ends with one. Reading it back with
/// [`from_markdown`] gives the runbook's draft and version. Control characters
/// (other than tabs and line breaks in the description) are left out, since import
/// refuses them.
pub fn to_markdown(runbook: &Runbook, ladder: &SeverityLadder) -> String {
    let mut lines = vec![
        FENCE.to_owned(),
        format!("{FORMAT_KEY}: {FORMAT_VERSION}"),
        format!("name: {}", header_value(runbook.name())),
        format!("version: {}", runbook.version()),
    ];
    if !runbook.attach_at().is_empty() {
        let levels: Vec<_> = runbook.attach_at().iter().map(|level| level_label(ladder, level, true)).collect();
        lines.push(format!("attach-at: {}", levels.join(", ")));
    }
    lines.push(FENCE.to_owned());
    lines.push(String::new());
    let description = multi_line(runbook.description());
    if !description.is_empty() {
        lines.extend(description.split('\n').map(escaped));
        lines.push(String::new());
    }
    for step in runbook.steps() {
        lines.push(format!("- [ ] {}", single_line(&step.text)));
        lines.push(format!("  - {}", if step.required { "required" } else { "optional" }));
        if let Some(role) = &step.role {
            lines.push(format!("  - role: {}", single_line(role)));
        }
        if let Some(level) = &step.min_severity {
            lines.push(format!("  - applies at: {}{OR_WORSE}", level_label(ladder, level, false)));
        }
        if let Some(component) = &step.component {
            lines.push(format!("  - applies when affected: {}", single_line(component)));
        }
        if let Some(event) = step.completes_when {
            lines.push(format!("  - completes when: {}", completion_words(event)));
        }
        let details = tidy_details(&step.details);
        if !details.is_empty() {
            lines.extend(details.split('\n').map(|line| match line {
                "" => format!("  {QUOTE}"),
                line => format!("  {QUOTE} {line}"),
            }));
        }
    }
    let mut markdown = lines.join("\n");
    markdown.push('\n');
    markdown
}

/// Reads a runbook from Markdown, naming severity levels as on `ladder`.
///
/// The draft is checked with the rules of [`Runbook::create`] and tidied the same
/// way. On failure, every problem found is listed in line order (at most
/// [`MAX_PROBLEMS`] of them); a file that is too large, holds control characters,
/// lacks a header or is of another format is not read any further.
pub fn from_markdown(source: &str, ladder: &SeverityLadder) -> Result<Imported, Vec<ImportError>> {
    let text = prepared(source)?;
    let lines: Vec<&str> = text.split('\n').collect();
    Reader { ladder, errors: Vec::new() }.read(&lines).map_err(capped)
}

/// The file as read: refused if larger than [`MAX_MARKDOWN_BYTES`] or holding
/// control characters other than tabs, otherwise without a byte-order mark and
/// with LF line ends.
pub(crate) fn prepared(source: &str) -> Result<String, Vec<ImportError>> {
    if source.len() > MAX_MARKDOWN_BYTES {
        return Err(vec![ImportError { line: 0, problem: Problem::TooLarge { bytes: source.len() } }]);
    }
    let text = source.strip_prefix('\u{feff}').unwrap_or(source).replace("\r\n", "\n").replace('\r', "\n");
    let controls: Vec<_> = text
        .split('\n')
        .enumerate()
        .filter_map(|(i, line)| {
            let code = line.chars().find(|&c| c.is_control() && c != '\t')?;
            Some(ImportError { line: i + 1, problem: Problem::ControlCharacter { code: code.into() } })
        })
        .collect();
    if !controls.is_empty() {
        return Err(capped(controls));
    }
    Ok(text)
}

/// Whether a prepared file is in Sitrep's own format: it opens with a header
/// between `---` lines that has a `sitrep-runbook` key. Such a file is read by
/// [`from_markdown`] alone, with all its rules.
pub(crate) fn is_sitrep(text: &str) -> bool {
    let mut lines = text.split('\n');
    if lines.next().map(str::trim_end) != Some(FENCE) {
        return false;
    }
    lines
        .take_while(|line| line.trim_end() != FENCE)
        .filter_map(|line| line.split_once(':'))
        .any(|(key, _)| key.trim().eq_ignore_ascii_case(FORMAT_KEY))
}

/// What importing `imported` would do to `library`: a runbook with the same name
/// (ignoring case, in use or archived) gets a new version unless its content is the
/// same; otherwise the import is a new runbook. Nothing is ever overwritten.
pub fn plan_import(library: &Library, imported: &Imported) -> ImportPlan {
    match library.by_name(&imported.draft.name) {
        Some(existing) if existing.draft() == imported.draft => ImportPlan::Unchanged(existing.id()),
        Some(existing) => ImportPlan::NewVersion(existing.id()),
        None => ImportPlan::New,
    }
}

/// Sorts problems by line and keeps at most [`MAX_PROBLEMS`] of them.
fn capped(mut errors: Vec<ImportError>) -> Vec<ImportError> {
    crate::domain::order::sort_by_key(&mut errors, |error| error.line);
    if errors.len() > MAX_PROBLEMS {
        errors.truncate(MAX_PROBLEMS);
        errors.push(ImportError { line: 0, problem: Problem::TooManyProblems });
    }
    errors
}

/// Text on one line: whitespace runs become one space and control characters go.
fn single_line(text: &str) -> String {
    let visible: String = text.chars().filter(|c| c.is_whitespace() || !c.is_control()).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A header value: line breaks become spaces and other control characters (except
/// tabs) go; everything else is kept as it is.
fn header_value(text: &str) -> String {
    let text = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
    text.chars().filter(|&c| c == '\t' || !c.is_control()).collect::<String>().trim().to_owned()
}

/// Text over several lines: line ends become LF and other control characters
/// (except tabs) go.
fn multi_line(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let visible: String = text.chars().filter(|&c| c == '\n' || c == '\t' || !c.is_control()).collect();
    visible.trim().to_owned()
}

/// A description line as written: with a backslash in front if import would
/// otherwise read it as a step or an attribute (or remove one of its backslashes).
fn escaped(line: &str) -> String {
    if is_structural(line.trim_start_matches('\\')) {
        format!("\\{line}")
    } else {
        line.to_owned()
    }
}

/// A description line as read: without the backslash [`escaped`] adds.
fn unescaped(line: &str) -> &str {
    match line.strip_prefix('\\') {
        Some(rest) if is_structural(rest.trim_start_matches('\\')) => rest,
        _ => line,
    }
}

/// Whether a line before the first step would be read as something other than
/// description: a step, or a known step attribute.
fn is_structural(line: &str) -> bool {
    match classify(line) {
        Line::Step(_) => true,
        Line::Item(item) => Attribute::parse(item).is_some(),
        Line::Blank | Line::Text => false,
    }
}

/// How a body line reads on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'a> {
    /// Nothing but blank space.
    Blank,
    /// A task-list item at the start of the line, with its text.
    Step(&'a str),
    /// A list item indented by two to four spaces or a tab, with its text.
    Item(&'a str),
    /// Anything else.
    Text,
}

/// Reads one body line: blank, a step, an indented list item or other text.
fn classify(line: &str) -> Line<'_> {
    if line.trim().is_empty() {
        return Line::Blank;
    }
    if let Some(text) = list_item(line).and_then(task) {
        return Line::Step(text);
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = if (2..=4).contains(&indent) { Some(&line[indent..]) } else { line.strip_prefix('\t') };
    match rest.and_then(list_item) {
        Some(item) => Line::Item(item.trim()),
        None => Line::Text,
    }
}

/// The line of details a step's quoted line holds: after two to four spaces (or
/// a tab), a `>` and at most one space.
fn details_line(line: &str) -> Option<&str> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = if (2..=4).contains(&indent) { &line[indent..] } else { line.strip_prefix('\t')? };
    let rest = rest.strip_prefix(QUOTE)?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

/// The text after a list bullet (`-`, `*` or `+` and at least one space) at the
/// start of `line`.
fn list_item(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(['-', '*', '+'])?;
    match rest.chars().next() {
        None => Some(""),
        Some(c) if c.is_whitespace() => Some(rest.trim_start()),
        Some(_) => None,
    }
}

/// The text after a task box (`[ ]`, `[x]` or `[X]`) that starts `item`.
fn task(item: &str) -> Option<&str> {
    let rest = ["[ ]", "[x]", "[X]"].into_iter().find_map(|checkbox| item.strip_prefix(checkbox))?;
    match rest.chars().next() {
        None => Some(""),
        Some(c) if c.is_whitespace() => Some(rest.trim()),
        Some(_) => None,
    }
}

/// One attribute list item under a step, before its values are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute<'a> {
    /// `required` (true) or `optional` (false).
    Required(bool),
    /// `role: ...`.
    Role(&'a str),
    /// `applies at: ...`.
    AppliesAt(&'a str),
    /// `applies when affected: ...`.
    Component(&'a str),
    /// `completes when: ...`.
    CompletesWhen(&'a str),
}

impl<'a> Attribute<'a> {
    /// The attribute an indented list item's text names, if it names one; keys
    /// ignore ASCII case.
    fn parse(item: &'a str) -> Option<Self> {
        if item.eq_ignore_ascii_case("required") {
            Some(Self::Required(true))
        } else if item.eq_ignore_ascii_case("optional") {
            Some(Self::Required(false))
        } else if let Some(role) = strip_prefix_ignore_case(item, "role:") {
            Some(Self::Role(role.trim()))
        } else if let Some(level) = strip_prefix_ignore_case(item, "applies at:") {
            Some(Self::AppliesAt(level.trim()))
        } else if let Some(event) = strip_prefix_ignore_case(item, "completes when:") {
            Some(Self::CompletesWhen(event.trim()))
        } else {
            strip_prefix_ignore_case(item, "applies when affected:").map(|c| Self::Component(c.trim()))
        }
    }
}

/// How a `completes when` value writes an event: `role assigned: incident lead`,
/// `public update posted`, `milestone set: mitigated`.
fn completion_words(event: Completion) -> String {
    let words = |key: &str| key.replace('_', " ");
    match event {
        Completion::RoleAssigned { role } => format!("role assigned: {}", words(role.key())),
        Completion::PublicUpdatePosted => "public update posted".to_owned(),
        Completion::MilestoneSet { milestone } => format!("milestone set: {}", words(milestone.key())),
    }
}

/// The event a `completes when` value names, ignoring ASCII case, `_`, `-` and
/// how many spaces separate the words.
fn completion(value: &str) -> Option<Completion> {
    let plain = |text: &str| {
        let text = text.to_ascii_lowercase().replace(['_', '-'], " ");
        text.split_whitespace().collect::<Vec<_>>().join(" ").replace(" :", ":")
    };
    let value = plain(value);
    Completion::all().into_iter().find(|event| plain(&completion_words(*event)) == value)
}

/// `text` without `prefix` at its start, ignoring ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// `text` without `suffix` at its end, ignoring ASCII case.
fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let start = text.len().checked_sub(suffix.len())?;
    let tail = text.get(start..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..start])
}

/// The level called `label` (by name first, then by id), ignoring ASCII case as
/// the ladder does when it keeps names unique.
fn find_level<'l>(ladder: &'l SeverityLadder, label: &str) -> Option<&'l Severity> {
    let label = label.trim();
    let levels = ladder.levels();
    let by_name = levels.iter().find(|level| level.name().eq_ignore_ascii_case(label));
    by_name
        .or_else(|| levels.iter().find(|level| level.id().as_str().eq_ignore_ascii_case(label)))
        .map(SeverityLevel::id)
}

/// The level an `applies at` value names, with or without ` or worse`; on failure,
/// the name that was not found.
fn threshold<'l>(ladder: &'l SeverityLadder, value: &str) -> Result<&'l Severity, String> {
    let bare = strip_suffix_ignore_case(value.trim(), OR_WORSE).map(str::trim_end);
    bare.and_then(|bare| find_level(ladder, bare))
        .or_else(|| find_level(ladder, value))
        .ok_or_else(|| bare.unwrap_or(value).trim().to_owned())
}

/// How export writes a level: its name, or its id if only the id reads back as the
/// same level (in a list, a name with a comma would not).
fn level_label(ladder: &SeverityLadder, level: &Severity, in_list: bool) -> String {
    let name = ladder.name(level);
    [name, level.as_str()]
        .into_iter()
        .find(|label| !(in_list && label.contains(',')) && find_level(ladder, label) == Some(level))
        .unwrap_or(name)
        .to_owned()
}

/// Checks a draft with the rules of [`Runbook::create`], returning the tidied draft.
fn checked(draft: RunbookDraft) -> Result<RunbookDraft, RunbookError> {
    let runbook = Runbook::create(RunbookId::from_parts(0, 0), draft, DateTime::<Utc>::default())?;
    Ok(runbook.draft())
}

/// A step being read.
struct StepRead {
    /// The line of its task-list item.
    line: usize,
    /// The step as read so far.
    step: Step,
    /// Whether `required` or `optional` was given (a step is required by default).
    required_given: bool,
    /// Whether a line of details was read (the first may be empty).
    details_given: bool,
}

/// The header's values; the format and the name come with their line.
#[derive(Default)]
struct Header {
    format: Option<(String, usize)>,
    name: Option<(String, usize)>,
    version: Option<u32>,
    attach_at: Vec<Severity>,
}

/// Reads a normalised file, collecting problems as it goes.
struct Reader<'l> {
    ladder: &'l SeverityLadder,
    errors: Vec<ImportError>,
}

impl Reader<'_> {
    /// Notes a problem on a line.
    fn report(&mut self, line: usize, problem: Problem) {
        self.errors.push(ImportError { line, problem });
    }

    /// Reads the whole file, split into lines.
    fn read(mut self, lines: &[&str]) -> Result<Imported, Vec<ImportError>> {
        if lines.first().map(|line| line.trim_end()) != Some(FENCE) {
            return Err(vec![ImportError { line: 1, problem: Problem::NoHeader }]);
        }
        let Some(close) = lines.iter().skip(1).position(|line| line.trim_end() == FENCE).map(|i| i + 1) else {
            return Err(vec![ImportError { line: 1, problem: Problem::UnclosedHeader }]);
        };
        let header = self.header(&lines[1..close]);
        match &header.format {
            None => return Err(vec![ImportError { line: 1, problem: Problem::MissingFormat }]),
            Some((format, _)) if format == FORMAT_VERSION => {}
            Some((other, line)) => {
                return Err(vec![ImportError { line: *line, problem: Problem::UnsupportedFormat(other.clone()) }]);
            }
        }
        if header.name.is_none() {
            self.report(1, Problem::MissingName);
        }
        let (description, steps) = self.body(lines, close + 1);
        match self.checked_draft(&header, description, &steps) {
            Some(draft) => Ok(Imported { draft, version: header.version }),
            None => Err(self.errors),
        }
    }

    /// Reads the header lines (between the fences, the first being line 2).
    fn header(&mut self, lines: &[&str]) -> Header {
        let mut header = Header::default();
        let mut seen: Vec<String> = Vec::with_capacity(KEYS.len());
        for (i, line) in lines.iter().enumerate() {
            let number = i + 2;
            if line.trim().is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                self.report(number, Problem::UnknownKey(line.trim().to_owned()));
                continue;
            };
            let (written, value) = (key.trim(), value.trim());
            let key = written.to_ascii_lowercase();
            if KEYS.contains(&key.as_str()) {
                if seen.contains(&key) {
                    self.report(number, Problem::DuplicateKey(written.to_owned()));
                    continue;
                }
                seen.push(key.clone());
            }
            match key.as_str() {
                FORMAT_KEY => header.format = Some((value.to_owned(), number)),
                "name" => header.name = Some((value.to_owned(), number)),
                "version" => match value.parse::<u32>() {
                    Ok(version) if version > 0 => header.version = Some(version),
                    _ => self.report(number, Problem::BadVersion(value.to_owned())),
                },
                "attach-at" => {
                    for label in value.split(',').map(str::trim).filter(|label| !label.is_empty()) {
                        match find_level(self.ladder, label) {
                            Some(level) => header.attach_at.push(level.clone()),
                            None => self.report(number, Problem::UnknownSeverity(label.to_owned())),
                        }
                    }
                }
                _ => self.report(number, Problem::UnknownKey(written.to_owned())),
            }
        }
        header
    }

    /// Reads the description and the steps, from the line at index `start`.
    fn body(&mut self, lines: &[&str], start: usize) -> (String, Vec<StepRead>) {
        let mut description: Vec<&str> = Vec::new();
        let mut steps: Vec<StepRead> = Vec::new();
        for (i, &line) in lines.iter().enumerate().skip(start) {
            let number = i + 1;
            if let (Some(details), Some(step)) = (details_line(line), steps.last_mut()) {
                if step.details_given {
                    step.step.details.push('\n');
                }
                step.step.details.push_str(details);
                step.details_given = true;
                continue;
            }
            match (classify(line), steps.last_mut()) {
                (Line::Blank, None) => description.push(line),
                (Line::Blank, Some(_)) => {}
                (Line::Step(text), _) => steps.push(StepRead {
                    line: number,
                    step: Step::new(text, true),
                    required_given: false,
                    details_given: false,
                }),
                (Line::Item(item), None) if Attribute::parse(item).is_some() => {
                    self.report(number, Problem::AttributeOutsideStep)
                }
                (Line::Item(_) | Line::Text, None) => description.push(unescaped(line)),
                (Line::Item(item), Some(step)) => match Attribute::parse(item) {
                    Some(attribute) => self.attribute(number, item, attribute, step),
                    None => self.report(number, Problem::UnknownAttribute(item.to_owned())),
                },
                (Line::Text, Some(_)) => self.report(number, Problem::StrayText),
            }
        }
        (description.join("\n").trim().to_owned(), steps)
    }

    /// Sets an attribute of the step being read.
    fn attribute(&mut self, number: usize, item: &str, attribute: Attribute<'_>, read: &mut StepRead) {
        let given = match attribute {
            Attribute::Required(_) => read.required_given,
            Attribute::Role(_) => read.step.role.is_some(),
            Attribute::AppliesAt(_) => read.step.min_severity.is_some(),
            Attribute::Component(_) => read.step.component.is_some(),
            Attribute::CompletesWhen(_) => read.step.completes_when.is_some(),
        };
        if given {
            self.report(number, Problem::DuplicateAttribute(item.to_owned()));
            return;
        }
        match attribute {
            Attribute::Required(required) => {
                read.step.required = required;
                read.required_given = true;
            }
            Attribute::Role(role) => read.step.role = Some(role.to_owned()),
            Attribute::AppliesAt(value) => match threshold(self.ladder, value) {
                Ok(level) => read.step.min_severity = Some(level.clone()),
                Err(label) => self.report(number, Problem::UnknownSeverity(label)),
            },
            Attribute::Component(component) => read.step.component = Some(component.to_owned()),
            Attribute::CompletesWhen(value) => match completion(value) {
                Some(event) => read.step.completes_when = Some(event),
                None => self.report(number, Problem::UnknownCompletion(value.to_owned())),
            },
        }
    }

    /// Checks what was read with the runbook's own rules, reporting each broken
    /// rule at its line: the name on its own, each step on its own, then the number
    /// of steps. Returns the tidied draft if nothing at all was wrong.
    fn checked_draft(&mut self, header: &Header, description: String, steps: &[StepRead]) -> Option<RunbookDraft> {
        let placeholder_name = || "Runbook".to_owned();
        if let Some((name, line)) = &header.name {
            let draft = RunbookDraft { name: name.clone(), steps: vec![Step::new("Step", true)], ..Default::default() };
            if let Err(error) = checked(draft) {
                self.report_rule(error, *line, &[]);
            }
        }
        for read in steps {
            let draft = RunbookDraft { name: placeholder_name(), steps: vec![read.step.clone()], ..Default::default() };
            if let Err(error) = checked(draft) {
                self.report_rule(error, 0, &[read.line]);
            }
        }
        // Taken together, the steps can only add a problem with their number: a
        // problem with one of them was reported above.
        let step_lines: Vec<usize> = steps.iter().map(|read| read.line).collect();
        let all_steps: Vec<Step> = steps.iter().map(|read| read.step.clone()).collect();
        let draft = RunbookDraft { name: placeholder_name(), steps: all_steps.clone(), ..Default::default() };
        if let Err(error @ (RunbookError::NoSteps | RunbookError::TooManySteps)) = checked(draft) {
            self.report_rule(error, 0, &step_lines);
        }
        if !self.errors.is_empty() {
            return None;
        }
        let (name, name_line) = header.name.clone()?;
        let draft = RunbookDraft { name, description, steps: all_steps, attach_at: header.attach_at.clone() };
        match checked(draft) {
            Ok(draft) => Some(draft),
            Err(error) => {
                self.report_rule(error, name_line, &step_lines);
                None
            }
        }
    }

    /// Reports a broken runbook rule at the line of the name or of the step it is
    /// about (`step_lines` holding the line of each step of the draft checked).
    fn report_rule(&mut self, error: RunbookError, name_line: usize, step_lines: &[usize]) {
        let step_line = |number: usize| step_lines.get(number.wrapping_sub(1)).copied().unwrap_or(0);
        let (line, problem) = match error {
            RunbookError::EmptyName => (name_line, Problem::EmptyName),
            RunbookError::NameTooLong => (name_line, Problem::NameTooLong),
            RunbookError::NoSteps => (0, Problem::NoSteps),
            RunbookError::TooManySteps => (step_line(MAX_STEPS + 1), Problem::TooManySteps),
            RunbookError::EmptyStep(number) => (step_line(number), Problem::EmptyStep),
            RunbookError::StepTooLong(number) => (step_line(number), Problem::StepTooLong),
            RunbookError::DetailsTooLong(number) => (step_line(number), Problem::DetailsTooLong),
        };
        self.report(line, problem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::runbook::MAX_DETAILS;
    use crate::domain::severity::{LevelDraft, Review};
    use chrono::TimeZone;
    use expect_test::{expect, Expect};

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn id(n: u128) -> RunbookId {
        RunbookId::from_parts(1, n)
    }

    fn level(name: &str) -> LevelDraft {
        LevelDraft {
            name: name.into(),
            impact: String::new(),
            response: String::new(),
            update_minutes: None,
            review: Review::Optional,
        }
    }

    /// The default ladder with SEV2 renamed to "Major" and a mildest level added.
    fn ladder() -> SeverityLadder {
        SeverityLadder::default()
            .with_edited(&Severity::new("SEV2"), &level("Major"))
            .unwrap()
            .with_added(Severity::new("01JDCUSTOM0000000000000000"), &level("Cosmetic"))
            .unwrap()
    }

    fn step(text: &str, required: bool, role: Option<&str>, at: Option<&str>, component: Option<&str>) -> Step {
        Step {
            text: text.into(),
            required,
            role: role.map(Into::into),
            min_severity: at.map(Severity::new),
            component: component.map(Into::into),
            details: String::new(),
            completes_when: None,
        }
    }

    fn runbook(name: &str, description: &str, steps: Vec<Step>, attach_at: &[&str]) -> Runbook {
        let attach_at = attach_at.iter().map(|id| Severity::new(id)).collect();
        let draft = RunbookDraft { name: name.into(), description: description.into(), steps, attach_at };
        Runbook::create(id(1), draft, at(0)).unwrap()
    }

    /// A runbook with every kind of attribute, at version 2.
    fn major_incident() -> Runbook {
        let first = runbook(
            "Major incident",
            "Use this when customers cannot pay.\n\nDeclare first, investigate second.",
            vec![step("Name an incident lead", true, None, None, None)],
            &["SEV1", "SEV2"],
        );
        let steps = vec![
            step(
                "Name an incident lead and a communications manager",
                true,
                Some("Incident lead"),
                Some("SEV2"),
                Some("Payments API"),
            )
            .completed_when(Completion::RoleAssigned { role: crate::domain::Role::IncidentLead }),
            step("Post the first status update", false, None, None, None)
                .completed_when(Completion::PublicUpdatePosted),
            step(
                "Paste <script>alert(1)</script> *as is*, [x] and all",
                true,
                None,
                Some("01JDCUSTOM0000000000000000"),
                None,
            ),
        ];
        first.edited(RunbookDraft { steps, ..first.draft() }, at(1)).unwrap().unwrap()
    }

    #[test]
    fn export_names_levels_and_keeps_text_literal() {
        expect![[r#"
            ---
            sitrep-runbook: 1
            name: Major incident
            version: 2
            attach-at: SEV1, Major
            ---

            Use this when customers cannot pay.

            Declare first, investigate second.

            - [ ] Name an incident lead and a communications manager
              - required
              - role: Incident lead
              - applies at: Major or worse
              - applies when affected: Payments API
              - completes when: role assigned: incident lead
            - [ ] Post the first status update
              - optional
              - completes when: public update posted
            - [ ] Paste <script>alert(1)</script> *as is*, [x] and all
              - required
              - applies at: Cosmetic or worse
        "#]]
        .assert_eq(&to_markdown(&major_incident(), &ladder()));
    }

    /// Exports `runbook`, imports it back and checks that nothing changed, then that
    /// exporting the imported runbook gives the same Markdown (at version 1).
    fn check_round_trip(runbook: &Runbook, ladder: &SeverityLadder) {
        let markdown = to_markdown(runbook, ladder);
        let imported = from_markdown(&markdown, ladder).unwrap_or_else(|errors| panic!("{errors:?}\n{markdown}"));
        assert_eq!(imported, Imported { draft: runbook.draft(), version: Some(runbook.version()) }, "{markdown}");
        let again = Runbook::create(id(2), imported.draft, at(5)).unwrap();
        let markdown_at_1 = markdown.replace(&format!("\nversion: {}\n", runbook.version()), "\nversion: 1\n");
        assert_eq!(to_markdown(&again, ladder), markdown_at_1);
    }

    #[test]
    fn runbooks_round_trip() {
        check_round_trip(&major_incident(), &ladder());
        check_round_trip(&runbook("Tiny", "", vec![Step::new("Do it", true)], &[]), &SeverityLadder::default());
        let spaced = runbook("Two  spaces\tand a tab: kept", "", vec![Step::new("Do it", true)], &[]);
        check_round_trip(&spaced, &SeverityLadder::default());

        // Description lines that look like steps or attributes are escaped.
        let description = "Before you start:\n- [ ] this is not a step\n  - required\n* [x] nor this\n\
                           \\- [ ] already escaped\n\\\\  - role: twice\n\\plain backslash\n---\n  - note: stays\n\n\
                           \t- [ ] tabbed";
        let tricky_steps = vec![
            step("[x] already done?", false, Some("required"), None, Some("Payments API or worse")),
            step("- [ ] nested-looking", true, Some("Role: with colon"), None, None),
            step("\\- [ ] backslash", true, None, None, None),
        ];
        check_round_trip(&runbook("Look-alikes", description, tricky_steps, &[]), &ladder());

        // Level names that would not read back are written as ids; names win over ids.
        let odd = SeverityLadder::default()
            .with_edited(&Severity::new("SEV1"), &level("P0"))
            .unwrap()
            .with_added(Severity::new("x1"), &level("SEV1"))
            .unwrap()
            .with_edited(&Severity::new("SEV3"), &level("Low, internal"))
            .unwrap()
            .with_edited(&Severity::new("SEV4"), &level("Minor or worse"))
            .unwrap();
        let odd_steps = vec![
            step("At P0", true, None, Some("SEV1"), None),
            step("At the level named SEV1", true, None, Some("x1"), None),
            step("At a name with a comma", true, None, Some("SEV3"), None),
            step("At a name ending in or worse", true, None, Some("SEV4"), None),
        ];
        let odd_runbook = runbook("Odd ladder", "", odd_steps, &["SEV1", "x1", "SEV3", "SEV4"]);
        expect![[r#"
            ---
            sitrep-runbook: 1
            name: Odd ladder
            version: 1
            attach-at: P0, SEV1, SEV3, Minor or worse
            ---

            - [ ] At P0
              - required
              - applies at: P0 or worse
            - [ ] At the level named SEV1
              - required
              - applies at: SEV1 or worse
            - [ ] At a name with a comma
              - required
              - applies at: Low, internal or worse
            - [ ] At a name ending in or worse
              - required
              - applies at: Minor or worse or worse
        "#]]
        .assert_eq(&to_markdown(&odd_runbook, &odd));
        check_round_trip(&odd_runbook, &odd);

        let unicode = vec![step("通知客服 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✅", false, Some("值班工程師"), Some("SEV3"), Some("金流閘道"))];
        check_round_trip(&runbook("金流中斷", "付款失敗時使用。", unicode, &["SEV3"]), &ladder());
    }

    /// Imports hand-written Markdown and shows it as exported again.
    fn check_import(source: &str, expected: Expect) {
        let ladder = ladder();
        let imported = from_markdown(source, &ladder).unwrap_or_else(|errors| panic!("{errors:?}"));
        let runbook = Runbook::create(id(3), imported.draft, at(0)).unwrap();
        expected.assert_eq(&format!("{:?}\n{}", imported.version, to_markdown(&runbook, &ladder)));
    }

    #[test]
    fn hand_written_variants_are_accepted() {
        check_import(
            "\u{feff}---\r\nName:  Database failover \r\nsitrep-runbook: 1\r\n\r\nattach-at: major , sev1,\r\n---\r\n\
             \r\n\r\n  Fail over the primary.  \r\n\r\n\r\n\
             * [x] Freeze deploys\r\n    - Optional\r\n\r\n\t- ROLE: Release manager\r\n\
             -  [ ]   Promote   the replica\r\n  + applies at: sev2\r\n   - APPLIES WHEN AFFECTED:  Orders DB \r\n\
             + [X] Tell support\r\n  - applies at: cosmetic OR WORSE\r\n  - Completes When:  Milestone_Set :  IMPACT-started\r\n",
            expect![[r#"
                None
                ---
                sitrep-runbook: 1
                name: Database failover
                version: 1
                attach-at: Major, SEV1
                ---

                Fail over the primary.

                - [ ] Freeze deploys
                  - optional
                  - role: Release manager
                - [ ] Promote the replica
                  - required
                  - applies at: Major or worse
                  - applies when affected: Orders DB
                - [ ] Tell support
                  - required
                  - applies at: Cosmetic or worse
                  - completes when: milestone set: impact started
            "#]],
        );
        check_import(
            "---\rsitrep-runbook: 1\rname: Old Mac\rversion: 7\r---\r- [ ]   \t Reboot\r",
            expect![[r#"
                Some(7)
                ---
                sitrep-runbook: 1
                name: Old Mac
                version: 1
                ---

                - [ ] Reboot
                  - required
            "#]],
        );
    }

    /// Imports `source` and checks that it is refused with exactly these problems.
    fn check_refused(source: &str, expected: &[(usize, Problem)]) {
        let errors = from_markdown(source, &ladder()).expect_err(source);
        let found: Vec<_> = errors.into_iter().map(|error| (error.line, error.problem)).collect();
        assert_eq!(found, expected, "{source}");
    }

    /// A file with a valid header (lines 1 to 4) followed by `body` from line 5.
    fn with_header(body: &str) -> String {
        format!("---\nsitrep-runbook: 1\nname: Major incident\n---\n{body}")
    }

    #[test]
    fn problems_are_reported_with_their_lines() {
        use Problem::*;
        check_refused("# Major incident\n\n- [ ] Do it\n", &[(1, NoHeader)]);
        check_refused("", &[(1, NoHeader)]);
        check_refused("---\nsitrep-runbook: 1\nname: x\n- [ ] Do it\n", &[(1, UnclosedHeader)]);
        check_refused("---\nname: x\nowner: me\n---\n- [ ] Do it\n", &[(1, MissingFormat)]);
        check_refused("---\nname: x\nsitrep-runbook: 2\n---\n- [ ] Do it\n", &[(3, UnsupportedFormat("2".into()))]);
        check_refused(
            "---\nsitrep-runbook: 1\nowner: me\nname: a\nName: b\nversion: 0\njust words\n---\n- [ ] Do it\n",
            &[
                (3, UnknownKey("owner".into())),
                (5, DuplicateKey("Name".into())),
                (6, BadVersion("0".into())),
                (7, UnknownKey("just words".into())),
            ],
        );
        check_refused(
            "---\nsitrep-runbook: 1\nattach-at: SEV1, P9, SEV2\n---\n\n- [ ] Do it\n  - applies at: P7 or worse\n",
            &[(1, MissingName), (3, UnknownSeverity("P9".into())), (7, UnknownSeverity("P7".into()))],
        );
        check_refused(
            &with_header(
                "  - required\n- [ ] Do it\n  - mandatory\n  - optional\n  - required\n  - role: a\n  - role: b\n",
            ),
            &[
                (5, AttributeOutsideStep),
                (7, UnknownAttribute("mandatory".into())),
                (9, DuplicateAttribute("required".into())),
                (11, DuplicateAttribute("role: b".into())),
            ],
        );
        check_refused(
            &with_header(
                "- [ ] Do it\n  - completes when: role assigned: janitor\n  - completes when: public update\n\
                 - [ ] Then\n  - completes when: public update posted\n  - completes when: milestone set: detected\n",
            ),
            &[
                (6, UnknownCompletion("role assigned: janitor".into())),
                (7, UnknownCompletion("public update".into())),
                (10, DuplicateAttribute("completes when: milestone set: detected".into())),
            ],
        );
        check_refused(
            &with_header(
                "Intro.\n\n- [ ] Do it\n\nA stray paragraph\nover two lines.\n\n- [ ] Then this\n      - deep\n",
            ),
            &[(9, StrayText), (10, StrayText), (13, StrayText)],
        );
        let long_step = format!("- [ ] {}\n", "x".repeat(2_001));
        check_refused(
            &with_header(&format!("- [ ]\n- [ ] Fine\n{long_step}- [ ]   \n")),
            &[(5, EmptyStep), (7, StepTooLong), (8, EmptyStep)],
        );
        check_refused(&with_header("Only a description.\n"), &[(0, NoSteps)]);
        check_refused("---\nsitrep-runbook: 1\n---\n", &[(0, NoSteps), (1, MissingName)]);
        check_refused("---\nsitrep-runbook: 1\nname:  \n---\n- [ ] Do it\n", &[(3, EmptyName)]);
        let long_name = format!("---\nsitrep-runbook: 1\nname: {}\n---\n- [ ] Do it\n", "n".repeat(121));
        check_refused(&long_name, &[(3, NameTooLong)]);
        check_refused(&with_header(&"- [ ] Step\n".repeat(MAX_STEPS + 1)), &[(5 + MAX_STEPS, TooManySteps)]);
        let too_large = with_header(&"- [ ] Step\n".repeat(MAX_MARKDOWN_BYTES / 10));
        check_refused(&too_large, &[(0, TooLarge { bytes: too_large.len() })]);
        check_refused(
            "---\nsitrep-runbook: 1\nname: Nul\0here\n---\n- [ ] Ring \u{7} the bell\n- [ ] Tab\tis fine\n",
            &[(3, ControlCharacter { code: 0 }), (5, ControlCharacter { code: 7 })],
        );
        // CRLF line ends are read like LF ones, so lines are counted the same.
        check_refused(
            "---\r\nsitrep-runbook: 1\r\nname: Crlf\r\nvolume: 11\r\n---\r\n- [ ] Do it\r\nStray\r\n",
            &[(4, UnknownKey("volume".into())), (7, StrayText)],
        );
        let many = with_header(&format!("- [ ] Do it\n{}", "Stray\n".repeat(60)));
        let errors = from_markdown(&many, &ladder()).unwrap_err();
        assert_eq!(errors.len(), MAX_PROBLEMS + 1);
        assert_eq!(errors.last(), Some(&ImportError { line: 0, problem: TooManyProblems }));
    }

    #[test]
    fn details_are_a_quote_under_their_step_and_read_back() {
        let details = "Look for `OOMKilled`:\n\n```sh\nkubectl describe pod \"$POD\"\n```\n\n    indented code\n- [ ] not a step\n  - required\n> quoted\n---";
        let steps = vec![
            Step::new("Check the pod's events", true).with_details(details),
            Step::new("Roll back", false),
            Step::new("Tell support", true).with_details("\tTabbed.\n \nTrailing  "),
        ];
        let runbook = runbook("Pods", "", steps, &[]);
        expect![[r#"
            ---
            sitrep-runbook: 1
            name: Pods
            version: 1
            ---

            - [ ] Check the pod's events
              - required
              > Look for `OOMKilled`:
              >
              > ```sh
              > kubectl describe pod "$POD"
              > ```
              >
              >     indented code
              > - [ ] not a step
              >   - required
              > > quoted
              > ---
            - [ ] Roll back
              - optional
            - [ ] Tell support
              - required
              > 	Tabbed.
              >  
              > Trailing
        "#]]
        .assert_eq(&to_markdown(&runbook, &ladder()));
        check_round_trip(&runbook, &ladder());
        // A hand-written file may quote with a tab or without the space, among
        // the attributes.
        check_import(
            "---\nsitrep-runbook: 1\nname: Tabs\n---\n- [ ] Do it\n\t>First\n  - optional\n    >\n  >  second\n",
            expect![[r#"
                None
                ---
                sitrep-runbook: 1
                name: Tabs
                version: 1
                ---

                - [ ] Do it
                  - optional
                  > First
                  >
                  >  second
            "#]],
        );
        let long = format!("---\nsitrep-runbook: 1\nname: x\n---\n- [ ] Do it\n  > {}\n", "x".repeat(MAX_DETAILS + 1));
        check_refused(&long, &[(5, Problem::DetailsTooLong)]);
    }

    #[test]
    fn import_error_display_names_the_line() {
        let error = ImportError { line: 7, problem: Problem::UnknownAttribute("mandatory".into()) };
        expect!["line 7: unknown step attribute `mandatory`"].assert_eq(&error.to_string());
        let whole = ImportError { line: 0, problem: Problem::NoSteps };
        expect!["the runbook needs at least one step"].assert_eq(&whole.to_string());
    }

    #[test]
    fn imports_never_overwrite() {
        let ladder = ladder();
        let major = major_incident();
        let archived = Runbook::create(
            id(2),
            RunbookDraft {
                name: "Database failover".into(),
                steps: vec![Step::new("Promote", true)],
                ..Default::default()
            },
            at(0),
        )
        .unwrap()
        .with_archived(true, at(1));
        let library = Library::from_versions([major.clone(), archived.clone()]);
        let plan =
            |runbook: &Runbook| plan_import(&library, &from_markdown(&to_markdown(runbook, &ladder), &ladder).unwrap());

        assert_eq!(plan(&major), ImportPlan::Unchanged(major.id()));
        assert_eq!(plan(&archived), ImportPlan::Unchanged(archived.id()));
        let mut changed = major.draft();
        changed.name = "MAJOR incident".into();
        changed.steps.pop();
        let changed = Runbook::create(id(9), changed, at(2)).unwrap();
        assert_eq!(plan(&changed), ImportPlan::NewVersion(major.id()));
        let restored =
            archived.edited(RunbookDraft { description: "Now with notes".into(), ..archived.draft() }, at(3));
        assert_eq!(plan(&restored.unwrap().unwrap()), ImportPlan::NewVersion(archived.id()));
        let fresh = runbook("Vendor outage", "", vec![Step::new("Open a ticket", true)], &[]);
        assert_eq!(plan(&fresh), ImportPlan::New);
    }
}
