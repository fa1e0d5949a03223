//! When this browser last took a backup, and the reminder when that was long ago.
//!
//! The time is kept in the browser's local storage: it says what this browser
//! did, and a backup taken elsewhere does not protect the data kept here.

use crate::domain::Incident;
use crate::ui::common::context::AppContext;
use crate::ui::i18n::fill;
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

const KEY: &str = "sitrep.last-backup";

/// Days without a backup after which the incident list reminds.
pub const REMIND_AFTER_DAYS: i64 = 7;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// When this browser last took a backup.
pub fn last_backup() -> Option<DateTime<Utc>> {
    let raw = storage()?.get_item(KEY).ok().flatten()?;
    DateTime::parse_from_rfc3339(&raw).ok().map(|at| at.with_timezone(&Utc))
}

/// Notes that a backup was taken at `at`.
pub fn note_backup(at: DateTime<Utc>) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, &at.to_rfc3339());
    }
}

/// Whether to remind: some incident is older than [`REMIND_AFTER_DAYS`] and no
/// backup was taken since that long.
pub fn should_remind(incidents: &[Incident], last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    let long_ago = now - Duration::days(REMIND_AFTER_DAYS);
    let worth_keeping = incidents.iter().any(|incident| incident.declared_at() < long_ago);
    worth_keeping && last.is_none_or(|last| last < long_ago)
}

/// The reminder on the incident list, with a link to the backup.
#[component]
pub fn BackupReminder(#[prop(into)] incidents: Signal<Option<Vec<Incident>>>) -> impl IntoView {
    let context = AppContext::get();
    let last = last_backup();
    let remind = move || {
        let now = context.now.get();
        incidents.with(|list| list.as_deref().is_some_and(|list| should_remind(list, last, now)))
    };
    move || {
        remind().then(|| {
            let b = context.text().backup;
            let words = match last {
                Some(at) => fill(b.reminder, &[("days", &(context.now.get() - at).num_days().to_string())]),
                None => b.reminder_never.to_owned(),
            };
            view! {
                <p class="banner banner--info backup__reminder">
                    <span class="banner__message">{words}</span>
                    " "
                    <A href="/settings#backup">{b.reminder_link}</A>
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Declaration, EntryId, IncidentId, Severity, Stamp};
    use chrono::TimeZone;

    #[test]
    fn reminds_only_when_an_incident_is_older_than_the_last_backup_window() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let declared = |days: i64| {
            let declaration =
                Declaration { title: "Checkout".into(), severity: Severity::new("SEV2"), reason: String::new() };
            let stamp = Stamp::new(EntryId::from_parts(1, 1), now - Duration::days(days), "Ana");
            Incident::declare(IncidentId::from_parts(1, 1), declaration, stamp).unwrap().0
        };
        assert!(!should_remind(&[declared(1)], None, now), "a new workspace is not nagged mid-incident");
        assert!(should_remind(&[declared(8)], None, now));
        assert!(should_remind(&[declared(30)], Some(now - Duration::days(8)), now));
        assert!(!should_remind(&[declared(30)], Some(now - Duration::days(2)), now));
        assert!(!should_remind(&[], None, now));
    }
}
