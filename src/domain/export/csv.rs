//! The remediation plan as CSV for spreadsheets and trackers.
//!
//! RFC 4180: CRLF after every record, a header record, fields holding a comma, a
//! double quote, CR or LF are quoted with inner quotes doubled. The text is UTF-8
//! and starts with a byte-order mark, because Excel otherwise opens a CSV file in
//! the machine's legacy code page and garbles Chinese (and any accented) text;
//! other spreadsheets and CSV readers skip the mark.
//!
//! The file says its filter: the last column, "Filter", holds the view's filter in
//! words (the same words the calendar's description carries) on every row, so a
//! spreadsheet, a sort or a pasted part of the file still says which items it is
//! and which it leaves out, and a CSV reader still finds one record per item.
//!
//! A cell a spreadsheet would read as a formula (one starting with `=`, `+`, `-`,
//! `@`, tab or carriage return) gets a leading `'`, so opening the file never runs
//! what someone typed into an item. Written by hand: the format needs a dozen lines,
//! not a dependency in the app's download.

use super::words::Words;
use super::{clean, incident_ref};
use crate::domain::plan::PlanRow;
use crate::domain::severity::SeverityLadder;
use crate::domain::wall::Wall;
use crate::domain::Language;
use chrono::NaiveDate;

/// The byte-order mark the file starts with.
pub const BOM: &str = "\u{feff}";

/// One field, neutralised against formulas and quoted when needed.
fn field(text: &str) -> String {
    let mut text = text.to_owned();
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        text.insert(0, '\'');
    }
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn record(fields: &[String]) -> String {
    fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",") + "\r\n"
}

/// The plan's rows as CSV, with a header row, in `lang`. `today` decides which
/// items are overdue; `scope` is the view's filter in words. Columns: incident,
/// incident id, incident severity, item number, title, kind, owner, team,
/// priority, status (with the reason for "won't do"), due date (`YYYY-MM-DD`),
/// overdue, link, filter (`scope`, the same on every row).
pub fn plan_csv(rows: &[PlanRow], ladder: &SeverityLadder, today: NaiveDate, scope: &str, lang: Language) -> String {
    let w = Words(lang);
    let mut out = String::from(BOM);
    out.push_str(&record(
        &[
            w.csv_incident(),
            w.csv_incident_id(),
            w.csv_severity(),
            w.csv_item(),
            w.csv_title(),
            w.csv_kind(),
            w.csv_owner(),
            w.csv_team(),
            w.csv_priority(),
            w.csv_status(),
            w.csv_due(),
            w.csv_overdue(),
            w.csv_link(),
            w.csv_filter(),
        ]
        .map(str::to_owned),
    ));
    for row in rows {
        let item = &row.item;
        // Text a person typed keeps its line breaks (quoted), as CRLF like the
        // records; control characters are dropped.
        let typed = |text: &str| clean(text).replace('\n', "\r\n");
        out.push_str(&record(&[
            typed(row.incident.title()),
            incident_ref(row.incident.id()),
            ladder.name(row.incident.severity()).to_owned(),
            item.number.to_string(),
            typed(&item.title),
            w.values().item_kind(item.kind).to_owned(),
            typed(&item.owner),
            typed(&item.team),
            w.values().priority(item.priority).to_owned(),
            typed(&w.item_status(&item.status)),
            item.due.map(|d| Wall::day(&d).date()).unwrap_or_default(),
            (if row.is_overdue(today) { w.yes() } else { w.no() }).to_owned(),
            item.link.clone().unwrap_or_default(),
            typed(scope.trim()),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::review::{ItemDraft, ItemKind, ItemStatus, Priority};
    use crate::domain::{Declaration, EntryId, Incident, IncidentId, Review, Severity, Stamp};
    use chrono::{TimeZone, Utc};
    use expect_test::expect;

    #[test]
    fn formula_cells_are_neutralised_and_special_characters_quoted() {
        let cases = [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://evil\",\"click\")",
            "a,b",
            "say \"hi\"",
            "two\r\nlines",
            "plain",
            "1-2",
            "",
            "中文，全形逗號",
        ];
        let shown: Vec<String> = cases.iter().map(|c| format!("{c:?} → {}", field(c).replace('\r', "␍"))).collect();
        expect![[r#"
            "=1+1" → '=1+1
            "+1" → '+1
            "-1" → '-1
            "@SUM(A1)" → '@SUM(A1)
            "\tx" → '	x
            "\rx" → "'␍x"
            "=HYPERLINK(\"http://evil\",\"click\")" → "'=HYPERLINK(""http://evil"",""click"")"
            "a,b" → "a,b"
            "say \"hi\"" → "say ""hi"""
            "two\r\nlines" → "two␍
            lines"
            "plain" → plain
            "1-2" → 1-2
            "" → 
            "中文，全形逗號" → 中文，全形逗號"#]]
        .assert_eq(&shown.join("\n"));
    }

    fn rows() -> Vec<PlanRow> {
        let at = |day| Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap();
        let declaration = Declaration {
            title: "Checkout, \"EU\" down".into(),
            severity: Severity::new("SEV1"),
            reason: String::new(),
        };
        let (incident, _) = Incident::declare(
            IncidentId::from_parts(1, 1),
            declaration,
            Stamp::new(EntryId::from_parts(1, 1), at(20), ""),
        )
        .unwrap();
        let draft = |title: &str, owner: &str, due: Option<u32>, status: ItemStatus, link: &str| ItemDraft {
            title: title.into(),
            kind: ItemKind::Detect,
            owner: owner.into(),
            team: "SRE".into(),
            due: due.and_then(|d| NaiveDate::from_ymd_opt(2026, 11, d)),
            priority: Priority::Priority,
            status,
            link: link.into(),
        };
        let review = Review::start(incident.id(), "Ana", at(21))
            .with_new_item(draft("=cmd|' /C calc'!A0", "Ana", Some(22), ItemStatus::Committed, ""), None, "Ana", at(21))
            .and_then(|r| {
                r.with_new_item(
                    draft("Alert on 5xx", "@bo", Some(30), ItemStatus::InProgress, "https://tracker.example/T-1"),
                    None,
                    "Ana",
                    at(21),
                )
            })
            .and_then(|r| {
                r.with_new_item(
                    draft("Rewrite", "", None, ItemStatus::WontDo { reason: "-too big,\nlater".into() }, ""),
                    None,
                    "Ana",
                    at(21),
                )
            })
            .unwrap();
        review.items().iter().map(|item| PlanRow { incident: incident.clone(), item: item.clone() }).collect()
    }

    #[test]
    fn the_plan_as_csv() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let scope = "Owner: a; Every planned status";
        let csv = plan_csv(&rows(), &SeverityLadder::default(), today, scope, Language::English);
        assert!(csv.starts_with(BOM));
        assert!(csv.ends_with("\r\n"));
        assert_eq!(csv.matches("\r\n").count(), csv.matches('\n').count(), "every line ends with CRLF");
        expect![[r#"
            Incident,Incident id,Incident severity,Item,Title,Kind,Owner,Team,Priority,Status,Due date,Overdue,Link,Filter␍
            "Checkout, ""EU"" down",incident/00000000010000000000000001,SEV1,1,'=cmd|' /C calc'!A0,Detect,Ana,SRE,Priority,Committed,2026-11-22,yes,,Owner: a; Every planned status␍
            "Checkout, ""EU"" down",incident/00000000010000000000000001,SEV1,2,Alert on 5xx,Detect,'@bo,SRE,Priority,In progress,2026-11-30,no,https://tracker.example/T-1,Owner: a; Every planned status␍
            "Checkout, ""EU"" down",incident/00000000010000000000000001,SEV1,3,Rewrite,Detect,,SRE,Priority,"Won't do: -too big,␍
            later",,no,,Owner: a; Every planned status␍
        "#]]
        .assert_eq(&csv[BOM.len()..].replace('\r', "␍"));
        // In Chinese, the header and the filter are in Chinese; a filter holding a
        // comma is quoted like any other field.
        let scope = "負責人：a，b；包含候選與不執行的項目";
        let zh = plan_csv(&rows(), &SeverityLadder::default(), today, scope, Language::TraditionalChinese);
        let lines: Vec<&str> = zh[BOM.len()..].lines().collect();
        expect![[r#"
            事故,事故編號,事故嚴重等級,項目編號,項目,類型,負責人,團隊,優先程度,狀態,期限,逾期,追蹤連結,篩選條件"#]]
        .assert_eq(lines[0]);
        assert!(lines[1].ends_with(",負責人：a，b；包含候選與不執行的項目"), "{}", lines[1]);
        let quoted = plan_csv(&rows(), &SeverityLadder::default(), today, "Owner: a, b", Language::English);
        assert!(quoted.lines().nth(1).unwrap().ends_with(",\"Owner: a, b\""), "{quoted}");
    }
}
