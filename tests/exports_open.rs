//! Every export opens in the tools its format is for. Each file is read back by an
//! independent, widely used parser: the plan's CSV by `csv` (RFC 4180, as a
//! spreadsheet reads it), its calendar by `icalendar` (RFC 5545, as a calendar app
//! reads it), the reviews' Markdown by `pulldown-cmark` (CommonMark with GitHub's
//! extensions), their HTML by `scraper` (html5ever, the HTML5 parsing algorithm of
//! browsers) and the JSON bundle by `serde_json`. The incident, its review and its
//! plan are full of user text that would add a formula, a field, a heading, a list,
//! markup, a link or script if an export let it through. Each test checks what a
//! person opening the file would see: that text as text, and the structure the
//! export means to give.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html, Node, Selector};
use sitrep::domain::export::{
    customer_review_html, customer_review_markdown, export_json, import_json, internal_review_html,
    internal_review_markdown, plan_csv, plan_ics, IncidentBundle,
};
use sitrep::domain::plan::{plan, PlanFilter, PlanRow};
use sitrep::domain::review::{ItemDraft, ItemKind, ItemStatus, Priority, Reviewer};
use sitrep::domain::{
    Declaration, EntryId, Incident, IncidentId, Language, Milestone, NewEntry, Review, ReviewStatus, Section, Severity,
    SeverityLadder, Stamp, Status, Tag as EntryTag, TimelineEntry, Visibility,
};
use std::collections::BTreeSet;

/// The incident's title: a spreadsheet formula with CSV and iCalendar separators,
/// a backslash, a Markdown heading mark, HTML and a heading attribute list.
const TITLE: &str = r#"=HYPERLINK("https://evil.example","pay"), checkout; EU \ # down <b>now</b> {.pwn}"#;

/// Lines of user text, each of which would become a heading, list, quote, raw
/// HTML, link, image, code, table, rule, emphasis, math, footnote, task or
/// definition if an export passed it through, or would lose its backslashes. Every review section and a
/// customer-safe timeline entry hold them all: see [`lines`] and [`paragraphs`].
/// `===` comes last: only the last line of a paragraph or list item has no line
/// break of its own, and there it would turn the lines above into a heading.
const LINES: &[&str] = &[
    "# not a heading",
    "* not a list",
    "- not a list either",
    "+ nor this",
    "1. not numbered",
    "> not a quote",
    "> [!NOTE] not an alert",
    "<script>alert(1)</script>",
    "<!-- not a comment",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[ref]: https://evil.example/ref",
    "<https://evil.example/autolink>",
    "![pixel](https://evil.example/p.png)",
    "```rust",
    "~~~",
    "    indented, not code",
    "| not | a | table |",
    "***",
    "*em* _em_ **strong** ~~del~~ `code` $x^2$",
    "footnote[^1] and [[wiki]]",
    "- [ ] not a task",
    ": not a definition",
    "&lt;b&gt; &amp; &#60;",
    r"back\slash\",
    r"kept \*stars\* \[brackets\] \#hash",
    "中文，全形；「引號」",
    "===",
];

/// A remediation item's title: a leading `-` (a formula to a spreadsheet), quotes,
/// separators, backslashes that a careless reader would take for the escapes `\n`
/// and `\r`, and a line break.
const ITEM_TITLE: &str = "-1 = roll back, \"then\" verify; C:\\new\\run\n# not a heading, second line";
/// A title long enough in Chinese that its calendar line folds, with full-width
/// and ASCII separators and a backslash.
const LONG_TITLE: &str =
    "為連線池耗盡加上告警，並在儀表板上顯示每個節點的連線數、等待時間與逾時次數; 每週檢查一次, 並寫進值班手冊\\附錄";
/// An owner a spreadsheet would read as a formula.
const OWNER: &str = "@mei-ling";
/// A team a spreadsheet would read as a formula, with a comma and quotes.
const TEAM: &str = "+SRE, \"core\"";
/// The first item's tracker link, with an apostrophe that would end a quoted
/// attribute.
const LINK: &str = "https://tracker.example.com/browse/PAY-1?view=full&tab=links&q='x'";
/// An evidence link of an internal timeline entry. The app accepts any http or
/// https address without white space, so this one tries to close its attribute,
/// open a script, end a Markdown link and split a table cell.
const EVIDENCE: &str =
    r#"https://grafana.example.com/d/pay?from=now-1h&to=now&var_gw=gw_old&q="><script>alert(1)</script>&x=a|b"#;
/// The review's owner, with iCalendar separators.
const REVIEW_OWNER: &str = "Ana Lim; on-call, SRE";

/// [`LINES`] as one paragraph, each line continuing the one before: the internal
/// sections and the customer-safe entry hold this.
fn lines() -> String {
    LINES.join("\n")
}

/// [`LINES`] as paragraphs of one line, each starting a block: the customer
/// sections hold this.
fn paragraphs() -> String {
    LINES.join("\n\n")
}

/// [`lines`] as a reader sees it: every line on a line of its own, without
/// leading white space (which in Markdown would make a code block).
fn lines_trimmed() -> String {
    LINES.iter().map(|line| line.trim()).collect::<Vec<_>>().join("\n")
}

/// How many times the internal review shows each of [`LINES`]: in every section
/// and in the customer-safe entry.
const INTERNAL_PLACES: usize = Section::INTERNAL.len() + Section::CUSTOMER.len() + 1;
/// How many times the customer review shows each of [`LINES`]: in the customer
/// sections and the customer-safe entry.
const CUSTOMER_PLACES: usize = Section::CUSTOMER.len() + 1;

/// 24 November 2026 at `hour:minute` UTC.
fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, hour, minute, 0).unwrap()
}

/// A day of 2026.
fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

/// When the review meeting is.
fn meeting() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 0).unwrap()
}

/// The day the plan is exported: the first item is overdue by then.
fn today() -> NaiveDate {
    day(12, 5)
}

/// A resolved SEV1 whose review is in review: every section written with
/// [`LINES`], two chosen entries (one customer-safe, one with evidence), items in
/// every status and a meeting.
fn bundle() -> IncidentBundle {
    let id = IncidentId::from_parts(1, 1);
    let mut n = 0u128;
    let mut stamp = |hour, minute| {
        n += 16;
        Stamp::new(EntryId::from_parts(2, n), at(hour, minute), "Cy")
    };
    let declaration =
        Declaration { title: TITLE.into(), severity: Severity::new("SEV1"), reason: "Card payments fail".into() };
    let (mut incident, declared) = Incident::declare(id, declaration, stamp(9, 0)).expect("a valid declaration");
    let mut timeline = vec![declared];
    for (milestone, when) in
        [(Milestone::ImpactStarted, at(8, 52)), (Milestone::Detected, at(8, 58)), (Milestone::Mitigated, at(9, 40))]
    {
        let (next, entry) = incident.set_milestone(milestone, when, stamp(10, 0)).expect("milestones in order");
        incident = next;
        timeline.push(entry);
    }
    let (incident, entries) = incident.change_status(Status::Resolved, stamp(10, 15)).expect("a resolution");
    timeline.extend(entries);
    let mut note = |text: &str, minute, visibility, evidence: &[&str], stamp| {
        let new = NewEntry {
            incident: id,
            text: text.into(),
            event_at: Some(at(9, minute)),
            tag: None,
            visibility,
            evidence: evidence.iter().map(|e| (*e).to_owned()).collect(),
        };
        let entry = TimelineEntry::note(new, stamp).expect("a valid note");
        timeline.push(entry.clone());
        entry
    };
    let deploy = note("Deploy #4812 changed the router", 5, Visibility::Internal, &[EVIDENCE], stamp(9, 20));
    let failing = note(&lines(), 12, Visibility::CustomerSafe, &[], stamp(9, 21));

    let mut review = Review::start(id, REVIEW_OWNER, at(12, 0));
    for section in Section::INTERNAL {
        review = review.with_section(section, &lines(), "Di", at(12, 5)).expect("a draft takes edits");
    }
    for section in Section::CUSTOMER {
        review = review.with_section(section, &paragraphs(), "Di", at(12, 5)).expect("a draft takes edits");
    }
    for entry in [&deploy, &failing] {
        review = review
            .with_entry(entry.id(), Some(Some(EntryTag::KeyMoment)), "Di", at(12, 6))
            .expect("a draft takes edits");
    }
    let item = |title: &str, owner: &str, team: &str, due, priority, status, link: &str| ItemDraft {
        title: title.into(),
        kind: ItemKind::Prevent,
        owner: owner.into(),
        team: team.into(),
        due,
        priority,
        status,
        link: link.into(),
    };
    let drafts = [
        item(ITEM_TITLE, OWNER, TEAM, Some(day(12, 1)), Priority::Priority, ItemStatus::Committed, LINK),
        item(LONG_TITLE, "陳美玲", "支付; 平台", Some(day(12, 15)), Priority::Normal, ItemStatus::InProgress, ""),
        item("Candidate idea", "", "", Some(day(12, 20)), Priority::Normal, ItemStatus::Candidate, ""),
        item("Shipped already", "Bo", "", Some(day(11, 30)), Priority::Normal, ItemStatus::Done, ""),
        item(
            "Rewrite the router",
            "",
            "",
            None,
            Priority::Normal,
            ItemStatus::WontDo { reason: "-too big, \"later\"\n=maybe never".into() },
            "",
        ),
    ];
    for draft in drafts {
        review = review.with_new_item(draft, None, "Di", at(12, 10)).expect("a valid item");
    }
    let review = review
        .with_header(REVIEW_OWNER, Some(meeting()), "Di", at(12, 12))
        .and_then(|r| r.with_status(ReviewStatus::InReview, "Di", at(12, 20)))
        .and_then(|r| r.with_sign_off(Reviewer::Technical, "Cy", at(12, 30)))
        .expect("a review in review");
    IncidentBundle::new(incident, timeline, Vec::new(), Some(review)).expect("a consistent bundle")
}

/// The incident with its review, as the plan page passes them to the calendar.
fn reviews() -> Vec<(Incident, Review)> {
    let bundle = bundle();
    vec![(bundle.incident().clone(), bundle.review().expect("a review").clone())]
}

/// Every item of the plan, candidates and won't-do items included, as the plan
/// page lists them.
fn plan_rows() -> Vec<PlanRow> {
    plan(&reviews(), &PlanFilter { include_unplanned: true, ..PlanFilter::default() }, today())
}

/// The incident's reference as the exports write it.
fn incident_ref() -> String {
    format!("incident/{}", bundle().incident().id())
}

/// Text a spreadsheet shows for a cell the export neutralised: a leading `'`
/// (which Excel and LibreOffice hide and do not evaluate), line breaks as CRLF.
fn neutralised(text: &str) -> String {
    format!("'{}", text.replace('\n', "\r\n"))
}

#[test]
fn plan_csv_reads_as_rfc_4180_with_formulas_neutralised() {
    let rows = plan_rows();
    let ladder = SeverityLadder::default();
    // The view's filter in words, in each language, with the separators a
    // careless writer would let split a field: commas, quotes, a line break.
    let scopes = [
        (Language::English, "Filter", "Owner: Ana, \"the lead\"; Status: Committed"),
        (Language::TraditionalChinese, "篩選條件", "負責人：Ana, \"the lead\"；狀態：已承諾\n逾期"),
    ];
    for (lang, filter_header, scope) in scopes {
        let text = plan_csv(&rows, &ladder, today(), scope, lang);
        assert!(text.starts_with('\u{feff}'), "{lang:?}: the file starts with a UTF-8 byte-order mark");
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader.headers().expect("the header record parses").clone();
        assert_eq!(headers.len(), 14, "{lang:?}: {headers:?}");
        assert!(!headers[0].starts_with('\u{feff}'), "{lang:?}: the reader strips the byte-order mark");
        assert_eq!(&headers[13], filter_header, "{lang:?}: the filter has a column of its own, last");
        let records: Vec<csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().expect("every record parses and has the header's field count");
        assert_eq!(records.len(), rows.len(), "{lang:?}: one record per plan row");
        assert!(records.iter().all(|r| r.len() == headers.len()), "{lang:?}");
        let said = scope.replace('\n', "\r\n");
        assert!(records.iter().all(|r| r[13] == said), "{lang:?}: the file says its filter on every row");
    }

    let text = plan_csv(&rows, &ladder, today(), "Every planned status", Language::English);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let expected_headers = [
        "Incident",
        "Incident id",
        "Incident severity",
        "Item",
        "Title",
        "Kind",
        "Owner",
        "Team",
        "Priority",
        "Status",
        "Due date",
        "Overdue",
        "Link",
        "Filter",
    ];
    assert_eq!(headers.iter().collect::<Vec<_>>(), expected_headers);
    let mut records: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    records.sort_by_key(|r| r[3].parse::<u32>().unwrap());
    let incident = neutralised(TITLE);
    let id = incident_ref();
    let row = |fields: [&str; 10]| {
        let mut row = vec![incident.clone(), id.clone(), "SEV1".to_owned()];
        row.extend(fields.map(str::to_owned));
        row.push("Every planned status".to_owned());
        row
    };
    let title = neutralised(ITEM_TITLE);
    let owner = neutralised(OWNER);
    let team = neutralised(TEAM);
    let expected = vec![
        row(["1", &title, "Prevent", &owner, &team, "Priority", "Committed", "2026-12-01", "yes", LINK]),
        row(["2", LONG_TITLE, "Prevent", "陳美玲", "支付; 平台", "Normal", "In progress", "2026-12-15", "no", ""]),
        row(["3", "Candidate idea", "Prevent", "", "", "Normal", "Candidate", "2026-12-20", "no", ""]),
        row(["4", "Shipped already", "Prevent", "Bo", "", "Normal", "Done", "2026-11-30", "no", ""]),
        row([
            "5",
            "Rewrite the router",
            "Prevent",
            "",
            "",
            "Normal",
            "Won't do: -too big, \"later\"\r\n=maybe never",
            "",
            "no",
            "",
        ]),
    ];
    assert_eq!(records, expected);
}

#[test]
fn plan_calendar_reads_as_rfc_5545_with_text_unescaped() {
    let rows = plan_rows();
    let reviews = reviews();
    let now = Utc.with_ymd_and_hms(2026, 12, 5, 8, 0, 0).unwrap();
    for lang in Language::ALL {
        let ics = plan_ics(&rows, &reviews, "Owner: Ana; Status: Committed", now, lang);
        // Calendar apps expect physical lines of at most 75 octets, each ending in
        // CRLF; the parser unfolds them before reading, so they are checked here.
        for line in ics.strip_suffix("\r\n").expect("the file ends with CRLF").split("\r\n") {
            assert!(line.len() <= 75, "{lang:?}: a physical line of {} octets: {line:?}", line.len());
            assert!(!line.contains(['\r', '\n']), "{lang:?}: a bare line end in {line:?}");
        }
        assert!(ics.contains("\r\n "), "{lang:?}: long lines are folded");
        let calendar: icalendar::Calendar = ics.parse().expect("the calendar parses");
        assert_eq!(
            calendar.get_description(),
            Some("Owner: Ana; Status: Committed"),
            "{lang:?}: the file says its filter"
        );
        let events: Vec<&icalendar::Event> = calendar.events().collect();
        let todos: Vec<&icalendar::Todo> = calendar.todos().collect();
        // The same scope as the CSV: every row of the view, dated ones as events,
        // the undated one as a to-do, and the review meeting.
        assert_eq!((events.len(), todos.len()), (rows.len(), 1), "{lang:?}: every row and the meeting");
        let mut uids: Vec<&str> = events
            .iter()
            .map(|e| e.get_uid().expect("every event has a UID"))
            .chain(todos.iter().map(|t| t.get_uid().expect("every to-do has a UID")))
            .collect();
        uids.sort_unstable();
        uids.dedup();
        assert_eq!(uids.len(), events.len() + todos.len(), "{lang:?}: UIDs are unique");
        let summaries: Vec<&str> = events
            .iter()
            .map(|e| e.get_summary().expect("every event has a summary"))
            .chain(todos.iter().map(|t| t.get_summary().expect("every to-do has a summary")))
            .collect();
        for row in &rows {
            let title = row.item.title.as_str();
            assert!(summaries.iter().any(|s| s.ends_with(title)), "{lang:?}: {title:?} is in the calendar");
        }
    }

    // The committed item and the one in progress, read field by field.
    let open: Vec<PlanRow> = rows
        .iter()
        .filter(|r| matches!(r.item.status, ItemStatus::Committed | ItemStatus::InProgress))
        .cloned()
        .collect();
    let ics = plan_ics(&open, &reviews, "", now, Language::English);
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    assert_eq!(calendar.get_name(), Some("Sitrep remediation plan"));
    let id = incident_ref();
    let seen: Vec<_> = calendar
        .events()
        .map(|e| {
            (
                e.get_summary().map(str::to_owned),
                e.get_description().map(str::to_owned),
                e.get_start(),
                e.get_end(),
                e.get_url().map(str::to_owned),
            )
        })
        .collect();
    let date = |d| Some(DatePerhapsTime::Date(d));
    let utc = |t| Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)));
    let expected = vec![
        (
            Some(format!("Due: {ITEM_TITLE}")),
            Some(format!(
                "Owner: {OWNER}\nTeam: {TEAM}\nIncident: {TITLE} ({id})\nPriority: Priority\nStatus: Committed\nLink: {LINK}"
            )),
            date(day(12, 1)),
            date(day(12, 2)),
            Some(LINK.to_owned()),
        ),
        (
            Some(format!("Due: {LONG_TITLE}")),
            Some(format!(
                "Owner: 陳美玲\nTeam: 支付; 平台\nIncident: {TITLE} ({id})\nPriority: Normal\nStatus: In progress"
            )),
            date(day(12, 15)),
            date(day(12, 16)),
            None,
        ),
        (
            Some(format!("Review meeting: {TITLE}")),
            Some(format!("Incident: {TITLE} ({id})\nReview owner: {REVIEW_OWNER}")),
            utc(meeting()),
            utc(meeting() + Duration::hours(1)),
            None,
        ),
    ];
    assert_eq!(seen, expected);
}

/// What a CommonMark reader makes of a Markdown file.
#[derive(Debug, Default)]
struct Markdown {
    /// Headings: level and text.
    headings: Vec<(u8, String)>,
    /// How many list items there are.
    items: usize,
    /// Tables: rows of cell texts, the header row first.
    tables: Vec<Vec<Vec<String>>>,
    /// Links: destination and text.
    links: Vec<(String, String)>,
    /// The text of every paragraph, list item, table cell and heading as a reader
    /// sees it: a line break as `\n`, a soft break as a space.
    blocks: Vec<String>,
    /// What user text must never become: raw HTML, code, quotes, images, math,
    /// footnotes, tasks, definitions, rules, strikethrough or heading attributes.
    unwanted: Vec<String>,
}

/// Reads Markdown as CommonMark with GitHub's extensions (tables, strikethrough,
/// task lists, footnotes, alerts) and the others the export escapes for (heading
/// attributes, math, definition lists, wiki links).
fn read_markdown(markdown: &str) -> Markdown {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_WIKILINKS;
    let mut read = Markdown::default();
    let mut block = String::new();
    let mut link: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        let ends_block =
            matches!(event, Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_)));
        match event {
            Event::Start(Tag::Heading { id, classes, attrs, .. })
                if id.is_some() || !classes.is_empty() || !attrs.is_empty() =>
            {
                read.unwanted.push(format!("heading attributes {id:?} {classes:?} {attrs:?}"));
            }
            Event::End(TagEnd::Heading(level)) => read.headings.push((level as u8, block.clone())),
            Event::Start(Tag::Item) => read.items += 1,
            Event::Start(Tag::Table(_)) => read.tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                read.tables.last_mut().expect("a row in a table").push(Vec::new());
            }
            Event::End(TagEnd::TableCell) => {
                let row = read.tables.last_mut().and_then(|t| t.last_mut()).expect("a cell in a row");
                row.push(block.clone());
            }
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), String::new())),
            Event::End(TagEnd::Link) => read.links.extend(link.take()),
            Event::Text(text) => {
                if let Some((_, shown)) = link.as_mut() {
                    shown.push_str(&text);
                }
                block.push_str(&text);
            }
            Event::SoftBreak => block.push(' '),
            Event::HardBreak => block.push('\n'),
            Event::Start(
                tag @ (Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Image { .. }
                | Tag::MetadataBlock(_)),
            ) => read.unwanted.push(format!("{tag:?}")),
            event @ (Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Rule
            | Event::TaskListMarker(_)) => read.unwanted.push(format!("{event:?}")),
            _ => {}
        }
        if ends_block && !block.is_empty() {
            read.blocks.push(std::mem::take(&mut block));
        }
    }
    read
}

/// What a browser makes of an HTML page.
#[derive(Debug, Default)]
struct Page {
    /// Parse errors the HTML5 algorithm reports.
    errors: Vec<String>,
    /// The `<title>`.
    title: String,
    /// The `lang` of `<html>`.
    lang: String,
    /// Headings `h1` to `h6`: level and text, in document order.
    headings: Vec<(u8, String)>,
    /// How many list items and labelled values (`li`, `dt`) there are.
    items: usize,
    /// Tables: rows of cell texts, the header row first.
    tables: Vec<Vec<Vec<String>>>,
    /// Links: `href` and text.
    links: Vec<(String, String)>,
    /// Every element and attribute, as `element` and `element[attribute]`.
    markup: BTreeSet<String>,
    /// The text of every paragraph, list item, labelled value, table cell and
    /// heading, a `<br>` as `\n`.
    blocks: Vec<String>,
}

fn select<'a>(scope: ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    scope.select(&Selector::parse(selector).expect("a valid selector")).collect()
}

/// The text of an element as a browser shows it: a `<br>` starts a new line;
/// within a line, white space (line ends included) collapses to one space and
/// none starts or ends the line.
fn text_of(element: ElementRef<'_>) -> String {
    let raw: String = element
        .descendants()
        .filter_map(|node| match node.value() {
            Node::Text(text) => Some(text.replace(char::is_whitespace, " ")),
            Node::Element(e) if e.name() == "br" => Some("\n".to_owned()),
            _ => None,
        })
        .collect();
    raw.split('\n').map(one_line).collect::<Vec<_>>().join("\n")
}

/// Parses an HTML page the way a browser does.
fn read_html(source: &str) -> Page {
    let html = Html::parse_document(source);
    let root = html.root_element();
    let mut page = Page {
        errors: html.errors.iter().map(|e| e.to_string()).collect(),
        title: select(root, "title").into_iter().map(text_of).collect(),
        lang: root.attr("lang").unwrap_or_default().to_owned(),
        ..Page::default()
    };
    for heading in select(root, "h1, h2, h3, h4, h5, h6") {
        let level = heading.value().name()[1..].parse().expect("a heading level");
        page.headings.push((level, text_of(heading)));
    }
    page.items = select(root, "li, dt").len();
    for table in select(root, "table") {
        let rows = select(table, "tr").into_iter().map(|row| select(row, "th, td").into_iter().map(text_of).collect());
        page.tables.push(rows.collect());
    }
    for link in select(root, "a") {
        page.links.push((link.attr("href").unwrap_or_default().to_owned(), text_of(link)));
    }
    for node in html.tree.nodes() {
        if let Node::Element(element) = node.value() {
            page.markup.insert(element.name().to_owned());
            for (attribute, _) in element.attrs() {
                page.markup.insert(format!("{}[{attribute}]", element.name()));
            }
        }
    }
    page.blocks =
        select(root, "body p, body li, body dt, body dd, body th, body td, body h1, body h2, body h3, body h4")
            .into_iter()
            .map(text_of)
            .collect();
    page
}

/// The number of cells in each row of each table.
fn shape(tables: &[Vec<Vec<String>>]) -> Vec<Vec<usize>> {
    tables.iter().map(|rows| rows.iter().map(Vec::len).collect()).collect()
}

/// Text as a one-line table cell shows it: runs of white space as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many times `text` occurs in the blocks.
fn occurrences(blocks: &[String], text: &str) -> usize {
    blocks.iter().map(|block| block.matches(text).count()).sum()
}

/// How many blocks are exactly `text`.
fn exactly(blocks: &[String], text: &str) -> usize {
    blocks.iter().filter(|block| *block == text).count()
}

/// Whether a link goes somewhere a review may point to.
fn is_safe_link(url: &str) -> bool {
    ["http://", "https://", "mailto:"].iter().any(|scheme| url.to_ascii_lowercase().starts_with(scheme))
}

/// A link destination with its `%XX` escapes decoded: the address it stands for.
fn percent_decoded(url: &str) -> String {
    let mut bytes = Vec::with_capacity(url.len());
    let mut rest = url.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let escaped = (first == b'%')
            .then(|| tail.get(..2))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(byte) => {
                bytes.push(byte);
                rest = &tail[2..];
            }
            None => {
                bytes.push(first);
                rest = tail;
            }
        }
    }
    String::from_utf8(bytes).expect("a UTF-8 address")
}

/// The headings of the English internal review: every part the document defines.
fn internal_headings() -> Vec<(u8, String)> {
    let mut headings = vec![(1, format!("Post-incident review: {TITLE}"))];
    let parts: &[(u8, &str)] = &[
        (2, "Severity history"),
        (2, "Summary"),
        (2, "Customer impact in numbers"),
        (2, "Narrative"),
        (3, "Lead-up"),
        (3, "Fault"),
        (3, "Detection"),
        (3, "Response"),
        (3, "Recovery"),
        (2, "Timeline (UTC)"),
        (2, "Causes"),
        (3, "Technical causes"),
        (3, "Process causes"),
        (3, "Response causes"),
        (3, "Contributing factors"),
        (2, "What went well"),
        (2, "What went wrong"),
        (2, "Where we got lucky"),
        (2, "Lessons"),
        (2, "Similar risks elsewhere"),
        (2, "Remediation items"),
        (2, "Messaging"),
        (3, "Internal summary"),
        (3, "External message"),
        (4, "Summary"),
        (4, "What happened"),
        (4, "What we are doing about it"),
        (4, "Our apology"),
        (2, "Sign-offs"),
        (3, "Review history"),
    ];
    headings.extend(parts.iter().map(|(level, text)| (*level, (*text).to_owned())));
    headings
}

/// The headings of the English customer-facing review.
fn customer_headings() -> Vec<(u8, String)> {
    let mut headings = vec![(1, format!("Incident report: {TITLE}"))];
    for text in ["Summary", "What happened", "What we are doing about it", "Our apology", "Timeline (UTC)"] {
        headings.push((2, text.to_owned()));
    }
    headings
}

/// The internal review's timeline entry cell of the internal note, evidence
/// link included.
fn evidence_cell() -> String {
    format!("Deploy #4812 changed the router · Evidence: {EVIDENCE}")
}

/// The text of the customer review's list item for the customer-safe entry.
fn customer_entry(text: &str) -> String {
    format!("2026-11-24 09:12 UTC · {text}")
}

#[test]
fn markdown_reviews_read_as_commonmark_with_user_text_as_text() {
    let bundle = bundle();
    let ladder = SeverityLadder::default();
    for lang in Language::ALL {
        let files = [
            (
                "internal",
                internal_review_markdown(&bundle, &ladder, lang),
                internal_review_html(&bundle, &ladder, lang),
                INTERNAL_PLACES,
            ),
            ("customer", customer_review_markdown(&bundle, lang), customer_review_html(&bundle, lang), CUSTOMER_PLACES),
        ];
        for (review, markdown, html, places) in files {
            let read = read_markdown(&markdown);
            let page = read_html(&html);
            let file = format!("{lang:?} {review} review");
            assert_eq!(read.unwanted, Vec::<String>::new(), "{file}:\n{markdown}");
            for line in LINES {
                let shown = occurrences(&read.blocks, line.trim());
                assert!(shown >= places, "{file}: {line:?} reads as text {shown} times, not {places}:\n{markdown}");
            }
            assert_eq!(read.headings, page.headings, "{file}: the Markdown and the HTML have the same headings");
            assert!(read.headings[0].1.ends_with(TITLE), "{file}: the title heading {:?}", read.headings[0]);
            assert_eq!(read.items, page.items, "{file}: the Markdown and the HTML have as many list items");
            assert_eq!(shape(&read.tables), shape(&page.tables), "{file}: the Markdown and the HTML tables");
            for (url, text) in &read.links {
                assert!(is_safe_link(url), "{file}: a link to {url}");
                assert_eq!(&percent_decoded(url), text, "{file}: a link shows its own address");
            }
        }
    }

    let internal = read_markdown(&internal_review_markdown(&bundle, &ladder, Language::English));
    assert_eq!(internal.headings, internal_headings());
    assert_eq!(exactly(&internal.blocks, &lines_trimmed()), Section::INTERNAL.len(), "a paragraph per section");
    for line in LINES {
        assert_eq!(exactly(&internal.blocks, line.trim()), Section::CUSTOMER.len(), "{line:?}: a paragraph each");
    }
    assert_eq!(shape(&internal.tables), [vec![6; 3], vec![9; 6]], "the two chosen entries and the five items");
    let entries: Vec<&str> = internal.tables[0][1..].iter().map(|row| row[5].as_str()).collect();
    assert_eq!(entries, [evidence_cell(), one_line(&lines())], "each entry reads whole in its cell");
    let titles: Vec<&str> = internal.tables[1][1..].iter().map(|row| row[1].as_str()).collect();
    let expected = [
        one_line(ITEM_TITLE),
        LONG_TITLE.into(),
        "Candidate idea".into(),
        "Shipped already".into(),
        "Rewrite the router".into(),
    ];
    assert_eq!(titles, expected);
    let links: Vec<(String, String)> =
        internal.links.iter().map(|(url, text)| (percent_decoded(url), text.clone())).collect();
    assert_eq!(links, [(EVIDENCE.to_owned(), EVIDENCE.to_owned()), (LINK.to_owned(), LINK.to_owned())]);

    let customer = read_markdown(&customer_review_markdown(&bundle, Language::English));
    assert_eq!(customer.headings, customer_headings());
    for line in LINES {
        assert_eq!(exactly(&customer.blocks, line.trim()), Section::CUSTOMER.len(), "{line:?}: a paragraph each");
    }
    assert_eq!(customer.items, 3 + 1, "three header values and the one customer-safe entry");
    assert_eq!(exactly(&customer.blocks, &customer_entry(&lines_trimmed())), 1, "the entry, line by line");
    assert_eq!(customer.links, [], "the customer review links nowhere");
}

#[test]
fn html_reviews_parse_without_script_and_show_user_markup_as_text() {
    let bundle = bundle();
    let ladder = SeverityLadder::default();
    // Every element and attribute the export writes; user text must add none.
    let allowed: BTreeSet<String> =
        "html html[lang] head meta meta[charset] meta[http-equiv] meta[content] meta[name] \
         title style body main h1 h2 h3 h4 p p[class] br strong dl dt dd ul li \
         table thead tbody tr th th[scope] td a a[href] a[rel]"
            .split_whitespace()
            .map(str::to_owned)
            .collect();
    for lang in Language::ALL {
        let files = [
            ("internal", internal_review_html(&bundle, &ladder, lang), INTERNAL_PLACES),
            ("customer", customer_review_html(&bundle, lang), CUSTOMER_PLACES),
        ];
        for (review, html, places) in files {
            let page = read_html(&html);
            let file = format!("{lang:?} {review} review");
            assert_eq!(page.errors, Vec::<String>::new(), "{file}: the page parses without errors");
            assert_eq!(page.lang, lang.tag(), "{file}");
            assert!(page.title.ends_with(TITLE), "{file}: the title {:?}", page.title);
            let unexpected: Vec<&String> = page.markup.difference(&allowed).collect();
            assert_eq!(unexpected, Vec::<&String>::new(), "{file}: elements or attributes no export writes");
            for line in LINES {
                let shown = occurrences(&page.blocks, line.trim());
                assert!(shown >= places, "{file}: {line:?} is text {shown} times, not {places}");
            }
            for (href, _) in &page.links {
                assert!(is_safe_link(href), "{file}: a link to {href}");
            }
            assert_eq!(page.headings.first().map(|h| h.0), Some(1), "{file}: the page opens with its title");
        }
    }

    let internal = read_html(&internal_review_html(&bundle, &ladder, Language::English));
    assert_eq!(internal.title, format!("Post-incident review: {TITLE}"));
    assert_eq!(internal.headings, internal_headings());
    let places = Section::INTERNAL.len() + 1;
    assert_eq!(exactly(&internal.blocks, &lines_trimmed()), places, "a paragraph per section, and the entry's cell");
    for line in LINES {
        assert_eq!(exactly(&internal.blocks, line.trim()), Section::CUSTOMER.len(), "{line:?}: a paragraph each");
    }
    let entries: Vec<&str> = internal.tables[0][1..].iter().map(|row| row[5].as_str()).collect();
    assert_eq!(entries, [evidence_cell(), lines_trimmed()], "each entry reads whole in its cell, line by line");
    assert_eq!(internal.links, [(EVIDENCE.to_owned(), EVIDENCE.to_owned()), (LINK.to_owned(), LINK.to_owned())]);

    let customer = read_html(&customer_review_html(&bundle, Language::English));
    assert_eq!(customer.title, format!("Incident report: {TITLE}"));
    assert_eq!(customer.headings, customer_headings());
    assert_eq!(exactly(&customer.blocks, &customer_entry(&lines_trimmed())), 1, "the entry, line by line");
    assert_eq!(customer.links, []);
}

#[test]
fn json_bundle_reads_as_json_and_imports_unchanged() {
    let bundle = bundle();
    let text = export_json(&bundle, at(13, 0));
    let value: serde_json::Value = serde_json::from_str(&text).expect("the bundle is JSON");
    assert_eq!(value["type"], "sitrep/incident");
    assert_eq!(value["version"], 1);
    assert_eq!(value["data"]["incident"]["title"], TITLE);
    assert_eq!(import_json(&text), Ok(bundle));
}
