//! The plan page's numbers as charts: incidents by severity week by week, mean
//! response times by worst severity, and open remediation items by due week and owner.

use super::chart::{Chart, Series};
use crate::domain::plan::GroupMetrics;
use crate::domain::wall::Wall;
use crate::domain::{Severity, SeverityLadder};
use crate::ui::i18n::Text;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The colour class of a severity: the level's own colour, as its badge has.
fn severity_class(ladder: &SeverityLadder, severity: &Severity) -> &'static str {
    let classes = ["chart--sev0", "chart--sev1", "chart--sev2", "chart--sev3", "chart--sev4", "chart--sev5"];
    classes[usize::from(ladder.tone(severity)).min(classes.len() - 1)]
}

/// The colour class of the `n`th series of a chart that has no colours of its own.
fn palette(n: usize) -> &'static str {
    ["chart--1", "chart--2", "chart--3", "chart--4", "chart--5", "chart--6"][n % 6]
}

/// A count as a bar's value and as the table shows it.
fn count(n: usize) -> (f64, String) {
    (n as f64, n.to_string())
}

/// Incidents declared each week, stacked by severity in the ladder's order.
pub fn incidents_by_week(
    text: &Text,
    ladder: &SeverityLadder,
    weeks: &[(NaiveDate, BTreeMap<Severity, usize>)],
) -> Chart {
    let mut severities: Vec<&Severity> = weeks.iter().flat_map(|(_, counts)| counts.keys()).collect();
    crate::domain::order::sort_by_key(&mut severities, |s| ladder.rank(s));
    severities.dedup();
    Chart {
        id: "chart-weeks",
        title: text.chart_weeks_title.to_owned(),
        description: text.chart_weeks_desc.to_owned(),
        category: text.chart_week.to_owned(),
        categories: weeks.iter().map(|(week, _)| Wall::day(week).month_day()).collect(),
        series: severities
            .into_iter()
            .map(|severity| Series {
                name: ladder.name(severity).to_owned(),
                class: severity_class(ladder, severity),
                values: weeks.iter().map(|(_, counts)| count(counts.get(severity).copied().unwrap_or(0))).collect(),
            })
            .collect(),
        stacked: true,
    }
}

/// Mean times to acknowledge and to resolve, side by side for each severity (the
/// worst each incident had).
pub fn response_times(text: &Text, ladder: &SeverityLadder, by_severity: &[(Severity, GroupMetrics)]) -> Chart {
    let minutes = |d: Option<chrono::Duration>| match d {
        Some(d) => (d.num_minutes() as f64, text.age(d.num_minutes())),
        None => (0.0, "—".to_owned()),
    };
    Chart {
        id: "chart-response",
        title: text.chart_response_title.to_owned(),
        description: text.chart_response_desc.to_owned(),
        category: text.chart_severity.to_owned(),
        categories: by_severity.iter().map(|(s, _)| ladder.name(s).to_owned()).collect(),
        series: vec![
            Series {
                name: text.metrics_mtta.to_owned(),
                class: palette(0),
                values: by_severity.iter().map(|(_, m)| minutes(m.acknowledge.mean)).collect(),
            },
            Series {
                name: text.metrics_mttr.to_owned(),
                class: palette(1),
                values: by_severity.iter().map(|(_, m)| minutes(m.resolve.mean)).collect(),
            },
        ],
        stacked: false,
    }
}

/// Open items due each week, stacked by owner.
pub fn open_items(text: &Text, weeks: &[(NaiveDate, BTreeMap<String, usize>)]) -> Chart {
    let mut owners: Vec<&String> = weeks.iter().flat_map(|(_, counts)| counts.keys()).collect();
    crate::domain::order::sort(&mut owners);
    owners.dedup();
    Chart {
        id: "chart-items",
        title: text.chart_items_title.to_owned(),
        description: text.chart_items_desc.to_owned(),
        category: text.chart_week.to_owned(),
        categories: weeks.iter().map(|(week, _)| week.to_string()).collect(),
        series: owners
            .into_iter()
            .enumerate()
            .map(|(n, owner)| Series {
                name: if owner.trim().is_empty() { text.chart_no_owner.to_owned() } else { owner.clone() },
                class: palette(n),
                values: weeks.iter().map(|(_, counts)| count(counts.get(owner).copied().unwrap_or(0))).collect(),
            })
            .collect(),
        stacked: true,
    }
}
