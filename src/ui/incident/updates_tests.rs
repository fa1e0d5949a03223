//! Tests of the status updates' words: countdowns and timeline sentences, in
//! both languages.

use super::*;
use crate::domain::Language;

#[test]
fn countdown_durations_read_in_both_languages() {
    let cases = [
        (0, true),
        (1, true),
        (59, true),
        (60, true),
        (61, true),
        (725, true),
        (725, false),
        (3600, true),
        (3_900, false),
        (-5, false),
    ];
    let shown: Vec<_> = Language::ALL
        .into_iter()
        .flat_map(|l| {
            let t = crate::ui::i18n::text(l).updates;
            cases.iter().map(move |(s, up)| duration_words(t, *s, *up))
        })
        .collect();
    expect_test::expect!["less than a minute | 1 min | 1 min | 1 min | 2 min | 13 min | 12 min | 1 h | 1 h 5 min | less than a minute | 不到一分鐘 | 1 分鐘 | 1 分鐘 | 1 分鐘 | 2 分鐘 | 13 分鐘 | 12 分鐘 | 1 小時 | 1 小時 5 分鐘 | 不到一分鐘"].assert_eq(&shown.join(" | "));
}

#[test]
fn countdown_reads_calm_until_overdue_in_both_languages() {
    use chrono::TimeZone;
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 30).unwrap();
    let due_at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 12, 0).unwrap();
    let due = |first, overdue| Countdown::Due(Due { at: due_at, overdue, first });
    let cases = [
        (due(true, false), now),
        (due(false, false), now),
        (due(false, true), due_at + chrono::Duration::seconds(185)),
        (due(true, true), due_at + chrono::Duration::seconds(30)),
        (Countdown::NoCadence("SEV4".into()), now),
        (Countdown::Stopped(Status::Resolved), now),
        (Countdown::FinalPosted, now),
        (Countdown::FinalOwed(due_at), now),
        (Countdown::FinalOwed(due_at), due_at + chrono::Duration::seconds(185)),
    ];
    let shown: Vec<_> = Language::ALL
        .into_iter()
        .flat_map(|l| {
            let text = crate::ui::i18n::text(l);
            cases.clone().map(move |(countdown, at)| {
                let (polite, urgent) = countdown_words(text, &countdown, at);
                let hhmm = clock(due_at, at);
                format!("status: {polite:?} alert: {urgent:?}").replace(&hhmm, "HH:MM")
            })
        })
        .collect();
    expect_test::expect![[r#"
        status: "First public update due in 12 min (by HH:MM)" alert: ""
        status: "Next public update due in 12 min (by HH:MM)" alert: ""
        status: "" alert: "Overdue by 3 min: the next public update was due by HH:MM"
        status: "" alert: "Overdue by less than a minute: the first public update was due by HH:MM"
        status: "SEV4 asks for no regular public updates." alert: ""
        status: "Incident status: Resolved. No further updates are due." alert: ""
        status: "A resolved update was posted: no further updates are due." alert: ""
        status: "Resolved. The final public update is owed: the last one promised another by HH:MM." alert: ""
        status: "" alert: "Resolved. The final public update is overdue by 3 min: the last one promised another by HH:MM."
        status: "首次公開更新將於 12 分鐘後到期（HH:MM 前）" alert: ""
        status: "下次公開更新將於 12 分鐘後到期（HH:MM 前）" alert: ""
        status: "" alert: "逾時 3 分鐘：下次公開更新應於 HH:MM 前發布"
        status: "" alert: "逾時 不到一分鐘：首次公開更新應於 HH:MM 前發布"
        status: "SEV4 不需定期發布公開更新。" alert: ""
        status: "事故狀態：已解決。不需再發布更新。" alert: ""
        status: "已發布「已解決」更新：不需再發布更新。" alert: ""
        status: "已解決。仍欠一則最後的公開更新：上一則承諾在 HH:MM 前再更新。" alert: ""
        status: "" alert: "已解決。最後的公開更新已逾時 3 分鐘：上一則承諾在 HH:MM 前再更新。""#]]
    .assert_eq(&shown.join("\n"));
}

#[test]
fn timeline_sentences_name_audience_and_phase() {
    let shown: Vec<_> = Language::ALL
        .into_iter()
        .flat_map(|l| {
            [
                StatusUpdate::new(Audience::Public, Phase::Investigating, None),
                StatusUpdate::new(Audience::Internal, Phase::Monitoring, None),
                StatusUpdate::new(Audience::Public, Phase::Resolved, None),
            ]
            .map(|u| crate::domain::words::words(l).status_update(&u))
        })
        .collect();
    expect_test::expect![[r#"
        Public status update (investigating)
        Internal status update (monitoring)
        Public status update (resolved)
        公開狀態更新（調查中）
        內部狀態更新（觀察中）
        公開狀態更新（已解決）"#]]
    .assert_eq(&shown.join("\n"));
}
