//! Remediation deadlines and review meetings as an iCalendar file (RFC 5545).
//!
//! One all-day event per committed or in-progress item with a due date, and one
//! one-hour event per review meeting. Lines end with CRLF and are folded at 75
//! octets (never inside a UTF-8 character) with CRLF and one space; text values
//! escape `\`, `;`, `,` and line breaks. Each event's UID is stable (derived from
//! the incident id and item number) so that importing the file again updates the
//! events instead of adding copies. Written by hand: the few properties needed do
//! not justify a dependency in the app's download.

use super::words::Words;
use super::{clean, fill, incident_ref, safe_link};
use crate::domain::plan::PlanRow;
use crate::domain::wall::Wall;
use crate::domain::{Incident, Language, Review};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The domain UIDs end in: reserved, so they never clash with real hosts.
const UID_DOMAIN: &str = "sitrep.invalid";
/// The longest physical line, in octets, without its CRLF.
const MAX_LINE: usize = 75;

/// A TEXT value escaped as RFC 5545 §3.3.11 asks; control characters dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in clean(value).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets, ending in CRLF. A fold never falls inside
/// a UTF-8 character, nor inside an escape such as `\,` (RFC 5545 allows that,
/// but some readers unfold it wrongly).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let end = match (c, chars.peek()) {
            ('\\', Some(&(at, next))) => {
                chars.next();
                at + next.len_utf8()
            }
            _ => start + c.len_utf8(),
        };
        let unit = &line[start..end];
        if used + unit.len() > MAX_LINE {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push_str(unit);
        used += unit.len();
    }
    out.push_str("\r\n");
    out
}

fn stamp(at: DateTime<Utc>) -> String {
    format!("{}Z", Wall::of(&at).basic_date_time())
}

fn date(day: NaiveDate) -> String {
    Wall::day(&day).basic_date()
}

fn incident_words(incident: &Incident) -> String {
    format!("{} ({})", incident.title(), incident_ref(incident.id()))
}

/// A calendar of the plan's rows as shown, and the review meetings of their
/// incidents, in `lang`, described by `scope` (the view's filter in words).
/// `now` is the time the file is made (each DTSTAMP). Every row is in it, as the
/// CSV of the same view: an item with a due date is an all-day event on that
/// date (its status in the description), one without is a to-do without a date.
pub fn plan_ics(
    rows: &[PlanRow],
    meetings: &[(Incident, Review)],
    scope: &str,
    now: DateTime<Utc>,
    lang: Language,
) -> String {
    let w = Words(lang);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Sitrep//Remediation plan//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(w.cal_name())),
    ];
    if !scope.trim().is_empty() {
        lines.push(format!("X-WR-CALDESC:{}", text(scope)));
    }
    let sep = w.reason_separator();
    for row in rows {
        let item = &row.item;
        let mut description = vec![
            format!("{}{sep}{}", w.col_owner(), item.owner),
            format!("{}{sep}{}", w.col_team(), item.team),
            format!("{}{sep}{}", w.incident(), incident_words(&row.incident)),
            format!("{}{sep}{}", w.col_priority(), w.values().priority(item.priority)),
            format!("{}{sep}{}", w.col_status(), w.item_status(&item.status)),
        ];
        if item.team.trim().is_empty() {
            description.remove(1);
        }
        let link = item.link.as_deref().and_then(safe_link);
        if let Some(link) = link {
            description.push(format!("{}{sep}{link}", w.col_link()));
        }
        let component = if item.due.is_some() { "VEVENT" } else { "VTODO" };
        lines.push(format!("BEGIN:{component}"));
        lines.push(format!("UID:item-{}-{}@{UID_DOMAIN}", row.incident.id(), item.number));
        lines.push(format!("DTSTAMP:{}", stamp(now)));
        let summary = match item.due {
            Some(due) => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", date(due)));
                lines.push(format!("DTEND;VALUE=DATE:{}", date(due + Duration::days(1))));
                w.cal_item()
            }
            None => w.cal_undated(),
        };
        lines.push(format!("SUMMARY:{}", text(&fill(summary, &[("title", &item.title)]))));
        lines.push(format!("DESCRIPTION:{}", text(&description.join("\n"))));
        if let Some(link) = link {
            lines.push(format!("URL:{link}"));
        }
        if item.due.is_some() {
            lines.push("TRANSP:TRANSPARENT".into());
        }
        lines.push(format!("END:{component}"));
    }
    // The meetings of the incidents the view shows.
    let shown = |incident: &Incident| rows.iter().any(|row| row.incident.id() == incident.id());
    for (incident, review) in meetings.iter().filter(|(incident, _)| shown(incident)) {
        let Some(at) = review.meeting_at() else { continue };
        let description = [
            format!("{}{sep}{}", w.incident(), incident_words(incident)),
            format!("{}{sep}{}", w.owner(), review.owner()),
        ];
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:review-{}@{UID_DOMAIN}", incident.id()));
        lines.push(format!("DTSTAMP:{}", stamp(now)));
        lines.push(format!("DTSTART:{}", stamp(at)));
        lines.push(format!("DTEND:{}", stamp(at + Duration::hours(1))));
        lines.push(format!("SUMMARY:{}", text(&fill(w.cal_meeting(), &[("title", incident.title())]))));
        lines.push(format!("DESCRIPTION:{}", text(&description.join("\n"))));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| fold(line)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::review::{ItemDraft, ItemKind, ItemStatus, Priority};
    use crate::domain::{Declaration, EntryId, IncidentId, Severity, Stamp};
    use chrono::TimeZone;
    use expect_test::expect;

    /// Undoes folding: a CRLF followed by one space or tab disappears.
    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "").replace("\r\n\t", "")
    }

    /// Undoes TEXT escaping.
    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn text_values_are_escaped() {
        let cases =
            ["a,b;c\\d", "line one\nline two\r\nthree\rfour", "bell\u{7}", "中文，全形；不跳脫", "\"quoted\" : ok"];
        let shown: Vec<String> = cases.iter().map(|c| format!("{c:?} → {}", text(c))).collect();
        expect![[r#"
            "a,b;c\\d" → a\,b\;c\\d
            "line one\nline two\r\nthree\rfour" → line one\nline two\nthree\nfour
            "bell\u{7}" → bell
            "中文，全形；不跳脫" → 中文，全形；不跳脫
            "\"quoted\" : ok" → "quoted" : ok"#]]
        .assert_eq(&shown.join("\n"));
        for case in cases {
            assert_eq!(unescape(&text(case)), clean(case));
        }
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let summaries = [
            "資料庫主節點在尖峰時段因為連線數耗盡而停止回應，導致所有歐洲地區的客戶無法登入、結帳或查詢訂單，持續約兩個小時。".to_owned(),
            "x".repeat(300),
            format!("{}é😀中", "a".repeat(72)),
            "a".repeat(75 - "SUMMARY:".len()),
            "a".repeat(76 - "SUMMARY:".len()),
            "回滾部署, 然後; 檢查\\閘道".repeat(12),
        ];
        for summary in summaries {
            let line = format!("SUMMARY:{}", text(&summary));
            let folded = fold(&line);
            assert!(folded.ends_with("\r\n"));
            for physical in folded.strip_suffix("\r\n").unwrap().split("\r\n") {
                assert!(physical.len() <= MAX_LINE, "{} octets: {physical:?}", physical.len());
            }
            for continuation in folded.split("\r\n").skip(1).filter(|l| !l.is_empty()) {
                assert!(continuation.starts_with(' '), "{continuation:?}");
            }
            assert_eq!(unfold(&folded), format!("{line}\r\n"));
            assert_eq!(unescape(unfold(&folded).trim_end().strip_prefix("SUMMARY:").unwrap()), summary);
        }
        assert_eq!(fold(&"a".repeat(75)).matches("\r\n").count(), 1, "75 octets fit on one line");
        assert_eq!(fold(&"a".repeat(76)), format!("{}\r\n a\r\n", "a".repeat(75)));
        assert_eq!(fold(&format!("{}中", "a".repeat(73))), format!("{}\r\n 中\r\n", "a".repeat(73)));
        assert_eq!(
            fold(&format!("{}\\,", "a".repeat(74))),
            format!("{}\r\n \\,\r\n", "a".repeat(74)),
            "escapes stay whole"
        );
    }

    #[test]
    fn the_plan_as_a_calendar() {
        let at = |day, hour| Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap();
        let declaration = Declaration {
            title: "結帳失敗; checkout, EU".into(),
            severity: Severity::new("SEV1"),
            reason: String::new(),
        };
        let (incident, _) = Incident::declare(
            IncidentId::from_parts(1, 1),
            declaration,
            Stamp::new(EntryId::from_parts(1, 1), at(20, 9), ""),
        )
        .unwrap();
        let draft = |title: &str, due: Option<u32>, status: ItemStatus, link: &str| ItemDraft {
            title: title.into(),
            kind: ItemKind::Detect,
            owner: "Mei-Ling Chen".into(),
            team: "SRE".into(),
            due: due.and_then(|d| NaiveDate::from_ymd_opt(2026, 12, d)),
            priority: Priority::Normal,
            status,
            link: link.into(),
        };
        let review = Review::start(incident.id(), "Ana", at(21, 9))
            .with_new_item(
                draft(
                    "為連線池耗盡加上告警，並在儀表板上顯示每個節點的連線數與等待時間",
                    Some(1),
                    ItemStatus::Committed,
                    "https://tracker.example/T-1",
                ),
                None,
                "Ana",
                at(21, 9),
            )
            .and_then(|r| {
                r.with_new_item(draft("Candidate idea", Some(2), ItemStatus::Candidate, ""), None, "Ana", at(21, 9))
            })
            .and_then(|r| r.with_new_item(draft("Shipped", Some(3), ItemStatus::Done, ""), None, "Ana", at(21, 9)))
            .and_then(|r| {
                r.with_new_item(draft("Stage DNS", Some(31), ItemStatus::InProgress, ""), None, "Ana", at(21, 9))
            })
            .and_then(|r| r.with_header("Ana", Some(at(26, 14)), "Ana", at(21, 9)))
            .unwrap();
        let rows: Vec<PlanRow> =
            review.items().iter().map(|item| PlanRow { incident: incident.clone(), item: item.clone() }).collect();
        let planned: Vec<PlanRow> = rows.iter().filter(|r| r.item.status.is_planned()).cloned().collect();
        let ics =
            plan_ics(&planned, &[(incident.clone(), review)], "狀態：計畫中", at(24, 8), Language::TraditionalChinese);
        assert!(ics.split("\r\n").all(|line| line.len() <= MAX_LINE));
        assert_eq!(ics.matches("\r\n").count(), ics.matches('\n').count(), "every line ends with CRLF");
        expect![[r#"
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Sitrep//Remediation plan//EN
            CALSCALE:GREGORIAN
            METHOD:PUBLISH
            X-WR-CALNAME:Sitrep 改善計畫
            X-WR-CALDESC:狀態：計畫中
            BEGIN:VEVENT
            UID:item-00000000010000000000000001-1@sitrep.invalid
            DTSTAMP:20261124T080000Z
            DTSTART;VALUE=DATE:20261201
            DTEND;VALUE=DATE:20261202
            SUMMARY:到期：為連線池耗盡加上告警，並在儀表板上顯示
             每個節點的連線數與等待時間
            DESCRIPTION:負責人：Mei-Ling Chen\n團隊：SRE\n事故：結帳失敗
             \; checkout\, EU (incident/00000000010000000000000001)\n優先程度：一
             般\n狀態：已承諾\n追蹤連結：https://tracker.example/T-1
            URL:https://tracker.example/T-1
            TRANSP:TRANSPARENT
            END:VEVENT
            BEGIN:VEVENT
            UID:item-00000000010000000000000001-3@sitrep.invalid
            DTSTAMP:20261124T080000Z
            DTSTART;VALUE=DATE:20261203
            DTEND;VALUE=DATE:20261204
            SUMMARY:到期：Shipped
            DESCRIPTION:負責人：Mei-Ling Chen\n團隊：SRE\n事故：結帳失敗
             \; checkout\, EU (incident/00000000010000000000000001)\n優先程度：一
             般\n狀態：完成
            TRANSP:TRANSPARENT
            END:VEVENT
            BEGIN:VEVENT
            UID:item-00000000010000000000000001-4@sitrep.invalid
            DTSTAMP:20261124T080000Z
            DTSTART;VALUE=DATE:20261231
            DTEND;VALUE=DATE:20270101
            SUMMARY:到期：Stage DNS
            DESCRIPTION:負責人：Mei-Ling Chen\n團隊：SRE\n事故：結帳失敗
             \; checkout\, EU (incident/00000000010000000000000001)\n優先程度：一
             般\n狀態：進行中
            TRANSP:TRANSPARENT
            END:VEVENT
            BEGIN:VEVENT
            UID:review-00000000010000000000000001@sitrep.invalid
            DTSTAMP:20261124T080000Z
            DTSTART:20261126T140000Z
            DTEND:20261126T150000Z
            SUMMARY:檢討會議：結帳失敗\; checkout\, EU
            DESCRIPTION:事故：結帳失敗\; checkout\, EU (incident/000000000100000
             00000000001)\n檢討負責人：Ana
            END:VEVENT
            END:VCALENDAR
        "#]]
        .assert_eq(&ics.replace("\r\n", "\n"));
    }
}
