//! The message catalog: every word the interface shows, in every language.
//!
//! [`Text`] has one field per message, so a language that misses a message does not
//! compile. Messages with values in them use `{name}` placeholders filled by
//! [`fill`]. The catalog is plain data; the app context picks the table for the
//! responder's language.

use crate::domain::words::words;
use crate::domain::{EntryKind, Language, SeverityLevel, Status};
use crate::store::StoreError;

/// Every message of the interface in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Text {
    /// The language of this table.
    pub language: Language,
    pub skip_to_content: &'static str,
    pub app_name: &'static str,
    pub main_navigation: &'static str,
    pub nav_incidents: &'static str,
    pub nav_settings: &'static str,
    pub nav_runbooks: &'static str,
    pub nav_catalog: &'static str,
    pub nav_plan: &'static str,
    pub nav_menu: &'static str,
    /// Messages of reviews, the review meeting and the plan.
    pub review: &'static crate::ui::review::text::ReviewText,
    /// Messages of the service catalog and escalations.
    pub catalog: &'static crate::ui::catalog::text::CatalogText,
    /// Messages of status updates.
    pub updates: &'static crate::ui::incident::updates_text::UpdatesText,
    /// Messages of the incident page's cockpit and its keyboard shortcuts.
    pub cockpit: &'static crate::ui::incident::cockpit_text::CockpitText,
    /// Messages of the checklist steps that complete themselves.
    pub autostep: &'static crate::ui::incident::autostep_text::AutoStepText,
    /// Messages of the runbook library and editor.
    pub library: &'static crate::ui::runbooks::text::LibraryText,
    /// Messages of the review's downloads and of importing an incident.
    pub exports: &'static crate::ui::review::exports_text::ExportsText,
    /// Messages of the severity ladder editor.
    pub ladder: &'static crate::ui::settings::ladder_text::LadderText,
    /// Messages of the plan's inline updates and its metrics.
    pub plan: &'static crate::ui::plan::text::PlanText,
    /// Messages of the app's new versions.
    pub offline: &'static crate::ui::offline::text::OfflineText,
    /// Messages of the workspace backup, restore, damaged records and clearing.
    pub backup: &'static crate::ui::backup::text::BackupText,
    /// Messages of team sync: sharing, joining, the sync indicator.
    pub sync: &'static crate::ui::sync::text::SyncText,
    /// Messages of the team workspace.
    pub team: &'static crate::ui::sync::team_text::TeamText,
    /// Messages of typed dates and times.
    pub time: &'static crate::ui::common::time_text::TimeText,
    /// Messages of the responder's guided flows: templates, resolving and closing.
    pub flow: &'static crate::ui::incident::flow_text::FlowText,
    /// Messages of the people directory's updates, edits and undo.
    pub people: &'static crate::ui::settings::people_text::PeopleText,
    /// Counts of things, as the phrases other messages take as placeholders.
    pub counts: Counts,
    /// What follows a label before its value ("Status: Draft").
    pub colon: &'static str,
    pub language_label: &'static str,
    pub opening_workspace: &'static str,
    pub cannot_open_workspace: &'static str,
    pub reload: &'static str,
    pub dismiss: &'static str,
    /// A field's text restored from a draft: when it was typed.
    pub draft_restored: &'static str,
    pub draft_discard: &'static str,
    /// The discard button's accessible name: its text and the form it is in.
    pub draft_discard_named: &'static str,
    /// After a link was followed from a page with unsaved text.
    pub draft_kept: &'static str,
    pub draft_back: &'static str,

    pub incidents_title: &'static str,
    pub declare_title: &'static str,
    pub incident_title_label: &'static str,
    pub incident_title_hint: &'static str,
    pub severity_label: &'static str,
    pub severity_hint: &'static str,
    pub declare_button: &'static str,
    pub declaring: &'static str,
    pub title_empty: &'static str,
    pub title_too_long: &'static str,
    pub open_incidents: &'static str,
    pub closed_incidents: &'static str,
    pub no_open_incidents: &'static str,
    pub no_closed_incidents: &'static str,
    pub column_title: &'static str,
    pub column_severity: &'static str,
    pub column_status: &'static str,
    pub column_declared: &'static str,
    pub column_age: &'static str,
    pub loading: &'static str,

    pub back_to_incidents: &'static str,
    pub incident_missing: &'static str,
    /// The workspace is in memory: {reason}.
    pub in_memory: &'static str,
    /// A deleted incident's page: {at}, {by}.
    pub incident_deleted: &'static str,
    /// Heading of the delete section.
    pub delete_title: &'static str,
    /// Button that asks to delete.
    pub delete_ask: &'static str,
    /// The confirmation: {title}, {entries}.
    pub delete_confirm: &'static str,
    /// The button that deletes: {title}.
    pub delete_do: &'static str,
    /// The confirmation again, when the incident changed while it was shown.
    pub delete_changed: &'static str,
    /// The button that keeps the incident.
    pub delete_keep: &'static str,
    pub declared_by: &'static str,
    pub status_label: &'static str,
    pub status_set: &'static str,
    pub timeline_title: &'static str,
    pub timeline_empty: &'static str,
    pub show_utc: &'static str,
    pub show_local: &'static str,
    pub recorded_at: &'static str,
    pub unnamed_author: &'static str,
    pub new_entry_label: &'static str,
    pub new_entry_hint: &'static str,
    pub event_time_label: &'static str,
    pub event_time_hint: &'static str,
    pub add_entry: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub signed_as: &'static str,
    pub set_your_name: &'static str,
    pub entry_empty: &'static str,
    pub entry_too_long: &'static str,
    pub entry_in_future: &'static str,
    pub list_separator: &'static str,
    pub triage_show: &'static str,
    pub triage_hide: &'static str,
    pub q_outage: &'static str,
    pub a_service_down: &'static str,
    pub a_critical_function: &'static str,
    pub a_degraded: &'static str,
    pub a_no_effect: &'static str,
    pub a_not_sure: &'static str,
    pub q_reach: &'static str,
    pub a_many: &'static str,
    pub a_few: &'static str,
    pub q_data: &'static str,
    pub q_sla: &'static str,
    pub q_workaround: &'static str,
    pub a_yes: &'static str,
    pub a_no: &'static str,
    pub suggested: &'static str,
    pub suggest_none: &'static str,
    pub suggest_higher: &'static str,
    pub r_service_down_many: &'static str,
    pub r_service_down_few: &'static str,
    pub r_data_many: &'static str,
    pub r_data: &'static str,
    pub r_sla: &'static str,
    pub r_critical: &'static str,
    pub r_many_degraded: &'static str,
    pub r_many_degraded_workaround: &'static str,
    pub r_few_degraded: &'static str,
    pub r_no_effect: &'static str,
    pub r_outage_unknown: &'static str,
    pub declared_by_triage: &'static str,
    pub override_label: &'static str,
    pub override_missing: &'static str,
    pub override_record: &'static str,
    pub change_severity: &'static str,
    pub new_severity: &'static str,
    pub severity_reason: &'static str,
    pub severity_reason_missing: &'static str,
    pub severity_unchanged: &'static str,
    pub save_severity: &'static str,
    pub cancel: &'static str,
    pub components_label: &'static str,
    pub components_hint: &'static str,
    pub save_components: &'static str,
    pub checklists_title: &'static str,
    pub no_checklists: &'static str,
    pub progress: &'static str,
    /// `progress` when the checklist has one step.
    pub progress_one: &'static str,
    pub run_version: &'static str,
    pub run_newer: &'static str,
    pub step_required: &'static str,
    pub step_role: &'static str,
    pub step_not_applicable: &'static str,
    pub step_done_by: &'static str,
    pub step_skipped_by: &'static str,
    pub skip: &'static str,
    pub skip_aria: &'static str,
    pub skip_reason: &'static str,
    pub confirm_skip: &'static str,
    pub skip_reason_missing: &'static str,
    pub reopen: &'static str,
    pub reopen_aria: &'static str,
    pub details_show: &'static str,
    /// `{step}`.
    pub details_aria: &'static str,
    pub copy_code: &'static str,
    /// `{number}`, `{step}`.
    pub copy_code_aria: &'static str,
    pub code_copied: &'static str,
    pub code_not_copied: &'static str,
    pub required_open: &'static str,
    /// `required_open` when one required step is open.
    pub required_open_one: &'static str,
    pub required_done: &'static str,
    pub add_runbook: &'static str,
    pub add_runbook_button: &'static str,
    pub add_runbook_none: &'static str,
    pub checklist_keys: &'static str,
    pub status_not_resolved: &'static str,
    pub milestones_title: &'static str,
    pub milestone_not_set: &'static str,
    pub milestone_now: &'static str,
    pub milestone_now_aria: &'static str,
    pub milestone_time_label: &'static str,
    pub milestone_set: &'static str,
    pub milestone_set_aria: &'static str,
    pub milestone_order: &'static str,
    pub milestone_order_after: &'static str,
    pub metrics_title: &'static str,
    pub metric_detect: &'static str,
    pub metric_acknowledge: &'static str,
    pub metric_mitigate: &'static str,
    pub metric_resolve: &'static str,
    pub metric_running: &'static str,
    pub metric_unknown: &'static str,
    pub roles_title: &'static str,
    pub role_nobody: &'static str,
    pub role_assign_label: &'static str,
    pub role_assign: &'static str,
    pub role_hand_over: &'static str,
    pub role_release_aria: &'static str,
    pub people_title: &'static str,
    /// Heading of the storage section in settings.
    pub storage_title: &'static str,
    /// The browser keeps the workspace persistently.
    pub storage_persisted: &'static str,
    /// The browser may clear the workspace.
    pub storage_not_persisted: &'static str,
    /// The browser does not say.
    pub storage_unknown: &'static str,
    /// What to do when storage is not persistent.
    pub storage_help: &'static str,
    /// Button asking the browser again.
    pub storage_ask: &'static str,
    /// How much is used: {used}, {quota}.
    pub storage_used: &'static str,
    pub people_hint: &'static str,
    pub person_name: &'static str,
    pub person_team: &'static str,
    pub person_reach: &'static str,
    pub person_add: &'static str,
    pub person_remove_aria: &'static str,
    pub person_name_missing: &'static str,
    pub tag_label: &'static str,
    pub tag_none: &'static str,
    pub visibility_label: &'static str,
    pub visibility_internal: &'static str,
    pub visibility_customer_safe: &'static str,
    pub evidence_label: &'static str,
    pub evidence_bad: &'static str,
    pub evidence_too_many: &'static str,
    pub filter_title: &'static str,
    pub filter_kind: &'static str,
    pub filter_tag: &'static str,
    pub filter_visibility: &'static str,
    pub filter_any: &'static str,
    pub filter_count: &'static str,
    /// `filter_count` when the timeline has one entry.
    pub filter_count_one: &'static str,
    pub evidence: &'static str,
    pub plan_title: &'static str,
    pub plan_filters: &'static str,
    pub plan_owner: &'static str,
    pub plan_team: &'static str,
    pub plan_status: &'static str,
    pub plan_status_all: &'static str,
    pub plan_overdue: &'static str,
    pub plan_due_within: &'static str,
    pub plan_unplanned: &'static str,
    /// The plan's counts: {shown}, {overdue}, {due_week}, {done}.
    pub plan_counts: &'static str,
    /// The same, when one item is shown.
    pub plan_counts_one: &'static str,
    pub plan_empty: &'static str,
    pub plan_incident: &'static str,
    pub plan_overdue_badge: &'static str,
    pub plan_export_csv: &'static str,
    pub plan_export_ics: &'static str,
    pub metrics_range_title: &'static str,
    pub metrics_from: &'static str,
    pub metrics_to: &'static str,
    pub metrics_by_severity: &'static str,
    pub metrics_by_component: &'static str,
    pub metrics_count: &'static str,
    pub metrics_mtta: &'static str,
    pub metrics_mttr: &'static str,
    pub metrics_none: &'static str,
    pub chart_weeks_title: &'static str,
    pub chart_weeks_desc: &'static str,
    pub chart_week: &'static str,
    pub chart_response_title: &'static str,
    pub chart_response_desc: &'static str,
    pub chart_severity: &'static str,
    pub chart_items_title: &'static str,
    pub chart_items_desc: &'static str,
    pub chart_no_owner: &'static str,
    pub chart_component: &'static str,
    pub column_actions: &'static str,
    pub export_failed: &'static str,

    pub settings_title: &'static str,
    pub display_name_label: &'static str,
    pub display_name_hint: &'static str,
    pub save: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,

    pub unreadable_records: &'static str,
    /// `unreadable_records` when one record could not be read.
    pub unreadable_records_one: &'static str,
    pub warnings_title: &'static str,
    pub warning_not_declared: &'static str,
    pub warning_closed_without_resolved: &'static str,
    pub warning_milestone_not_applied: &'static str,
    pub warning_other_incident: &'static str,
    pub error_unavailable: &'static str,
    pub error_quota: &'static str,
    /// The link from a storage problem to the workspace backup.
    pub backup_now: &'static str,
    pub error_blocked: &'static str,
    pub error_newer: &'static str,
    pub error_conflict: &'static str,
    pub error_failed: &'static str,
    pub updated_elsewhere: &'static str,

    pub age_minutes: &'static str,
    pub age_hours: &'static str,
    pub age_days: &'static str,
    pub utc_suffix: &'static str,
}

/// A count with its noun, in the singular for one where the language has one:
/// "1 timeline entry", "3 timeline entries". Each form has a `{count}` placeholder.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Counted {
    pub one: &'static str,
    pub many: &'static str,
}

impl Counted {
    /// The phrase for `count`.
    pub fn of(&self, count: usize) -> String {
        fill(if count == 1 { self.one } else { self.many }, &[("count", &count.to_string())])
    }
}

/// The counted nouns that messages about imports, merges, backups and deletions
/// take as placeholders.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Counts {
    pub incidents: Counted,
    pub entries: Counted,
    pub checklists: Counted,
    pub runbook_versions: Counted,
}

/// The catalog for `language`.
pub fn text(language: Language) -> &'static Text {
    match language {
        Language::English => &EN,
        Language::TraditionalChinese => &ZH_TW,
    }
}

/// Message templates are filled by the domain's one-pass filler, so typed text
/// that looks like a placeholder is shown as typed.
pub use crate::domain::template::fill;

impl Text {
    /// What a severity level means for customers: the level's own words, or the
    /// default wording of a built-in level.
    pub fn level_impact(&self, level: &SeverityLevel) -> String {
        words(self.language).level_impact(level)
    }

    /// Who responds to a level and how fast: the level's own words, or the
    /// default wording of a built-in level.
    pub fn level_response(&self, level: &SeverityLevel) -> String {
        words(self.language).level_response(level)
    }

    /// The name of a status.
    pub fn status(&self, status: Status) -> &'static str {
        words(self.language).status(status)
    }

    /// The name of a milestone.
    pub fn milestone(&self, milestone: crate::domain::Milestone) -> &'static str {
        words(self.language).milestone(milestone)
    }

    /// The name of a role.
    pub fn role(&self, role: crate::domain::Role) -> &'static str {
        words(self.language).role(role)
    }

    /// The event that completes a runbook step by itself, as a short phrase.
    pub fn completion(&self, event: crate::domain::Completion) -> String {
        words(self.language).completion(event)
    }

    /// The name of an entry tag.
    pub fn tag(&self, tag: crate::domain::Tag) -> &'static str {
        words(self.language).tag(tag)
    }

    /// The name of a kind of timeline entry.
    pub fn entry_kind(&self, kind: EntryKind) -> &'static str {
        words(self.language).entry_kind(kind)
    }

    /// What a user can do about a storage failure.
    pub fn store_error(&self, error: &StoreError) -> String {
        match error {
            StoreError::Unavailable(detail) => fill(self.error_unavailable, &[("detail", detail)]),
            StoreError::QuotaExceeded => self.error_quota.to_owned(),
            StoreError::Blocked => self.error_blocked.to_owned(),
            StoreError::NewerSchema(_) => self.error_newer.to_owned(),
            StoreError::Conflict => self.error_conflict.to_owned(),
            StoreError::Failed(detail) => fill(self.error_failed, &[("detail", detail)]),
        }
    }

    /// An age such as "2 h 5 min", from whole minutes.
    pub fn age(&self, minutes: i64) -> String {
        let minutes = minutes.max(0);
        let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        let (d, h, m) = (days.to_string(), hours.to_string(), mins.to_string());
        if days > 0 {
            fill(self.age_days, &[("d", &d), ("h", &h)])
        } else if hours > 0 {
            fill(self.age_hours, &[("h", &h), ("m", &m)])
        } else {
            fill(self.age_minutes, &[("m", &m)])
        }
    }
}

/// English.
pub static EN: Text = Text {
    language: Language::English,
    skip_to_content: "Skip to content",
    app_name: "Sitrep",
    main_navigation: "Main",
    nav_incidents: "Incidents",
    nav_settings: "Settings",
    nav_menu: "Menu",
    nav_runbooks: "Runbooks",
    nav_catalog: "Service catalog",
    nav_plan: "Remediation plan",
    review: &crate::ui::review::text::EN,
    catalog: &crate::ui::catalog::text::EN,
    updates: &crate::ui::incident::updates_text::EN,
    cockpit: &crate::ui::incident::cockpit_text::EN,
    plan: &crate::ui::plan::text::EN,
    autostep: &crate::ui::incident::autostep_text::EN,
    library: &crate::ui::runbooks::text::EN,
    exports: &crate::ui::review::exports_text::EN,
    backup: &crate::ui::backup::text::EN,
    ladder: &crate::ui::settings::ladder_text::EN,
    offline: &crate::ui::offline::text::EN,
    sync: &crate::ui::sync::text::EN,
    team: &crate::ui::sync::team_text::EN,
    time: &crate::ui::common::time_text::EN,
    flow: &crate::ui::incident::flow_text::EN,
    people: &crate::ui::settings::people_text::EN,
    colon: ": ",
    counts: Counts {
        incidents: Counted { one: "{count} incident", many: "{count} incidents" },
        entries: Counted { one: "{count} timeline entry", many: "{count} timeline entries" },
        checklists: Counted { one: "{count} checklist", many: "{count} checklists" },
        runbook_versions: Counted { one: "{count} runbook version", many: "{count} runbook versions" },
    },
    language_label: "Language",
    opening_workspace: "Opening your workspace…",
    cannot_open_workspace: "Sitrep cannot open your workspace",
    reload: "Reload",
    dismiss: "Dismiss",
    draft_restored: "Restored an unsaved draft from {time}. It is not saved yet.",
    draft_discard: "Discard draft",
    draft_discard_named: "{action}: {name}",
    draft_kept: "The text you had not saved on the page you left is kept as a draft; it is offered back when you return.",
    draft_back: "Go back to it",

    incidents_title: "Incidents",
    declare_title: "Declare an incident",
    incident_title_label: "Incident title",
    incident_title_hint: "Say in a few words what is broken, for example “Checkout fails for EU customers”.",
    severity_label: "Severity",
    severity_hint: "Unsure between two levels? Pick the higher one.",
    declare_button: "Declare incident",
    declaring: "Declaring…",
    title_empty: "Give the incident a title: say in a few words what is broken.",
    title_too_long: "The title is longer than 200 characters. Keep it short and put the details on the timeline.",
    open_incidents: "Open incidents",
    closed_incidents: "Resolved and closed incidents",
    no_open_incidents: "No open incidents.",
    no_closed_incidents: "No resolved or closed incidents yet.",
    column_title: "Title",
    column_severity: "Severity",
    column_status: "Status",
    column_declared: "Declared",
    column_age: "Age",
    loading: "Loading…",

    back_to_incidents: "All incidents",
    in_memory: "This browser does not let Sitrep keep data ({reason}), so Sitrep works in memory, in this tab only: what you record is gone when the tab closes or reloads. Export each incident (its review page, JSON) before closing, or open Sitrep in a normal window.",
    incident_missing: "There is no incident at this address in this browser. It may have been recorded in another browser or profile.",
    incident_deleted: "This incident was deleted from this browser on {at} by {by}, with its timeline, runbook runs and review.",
    delete_title: "Delete this incident",
    delete_ask: "Delete this incident…",
    delete_confirm: "Delete “{title}” from this browser, with its {entries}, its runbook runs and its review? This cannot be undone. Export it first, from its review page, if anyone may need it.",
    delete_do: "Delete “{title}”",
    delete_changed: "Nothing was deleted: “{title}” changed while you confirmed (another tab or a teammate added to it). It now has {entries}. Delete it with them, its runbook runs and its review?",
    delete_keep: "Keep it",
    declared_by: "Declared {time} by {name}",
    status_label: "Status",
    status_set: "Change status",
    timeline_title: "Timeline",
    timeline_empty: "Nothing recorded yet.",
    show_utc: "Show times in UTC",
    show_local: "Show local times",
    recorded_at: "recorded {time}",
    unnamed_author: "(no name set)",
    new_entry_label: "New timeline entry",
    new_entry_hint: "Enter adds the entry; Shift+Enter starts a new line.",
    event_time_label: "Happened at (optional)",
    event_time_hint: "Leave empty for now. Your local time, 24-hour, as YYYY-MM-DD HH:MM.",
    add_entry: "Add entry",
    saving: "Saving…",
    saved: "Saved",
    signed_as: "Entries are signed as {name}.",
    set_your_name: "Set your name",
    entry_empty: "Write something before adding the entry.",
    entry_too_long: "The entry is longer than 20,000 characters. Split it into several entries.",
    entry_in_future: "That time is in the future. Leave the time empty for now, or pick a time that has passed.",
    list_separator: ", ",
    triage_show: "Not sure? Answer five questions",
    triage_hide: "Hide the questions",
    q_outage: "Is the service down, or a critical function broken?",
    a_service_down: "The whole service is down",
    a_critical_function: "A critical function is broken (sign-in, payment, data access)",
    a_degraded: "Slow, partly broken, or failing for some requests",
    a_no_effect: "Customers can use the product as usual",
    a_not_sure: "Not sure",
    q_reach: "How many customers are affected?",
    a_many: "Many or all",
    a_few: "A minority",
    q_data: "Is customer data exposed or lost?",
    q_sla: "Is a service-level agreement (SLA) breached?",
    q_workaround: "Can customers work around it?",
    a_yes: "Yes",
    a_no: "No",
    suggested: "Suggested: {level}",
    suggest_none: "Answer the questions to get a suggested level.",
    suggest_higher: "When an answer is not sure, the higher level is suggested.",
    r_service_down_many: "The service is down for many customers",
    r_service_down_few: "The service is down for a minority of customers",
    r_data_many: "Customer data is exposed or lost for many customers",
    r_data: "Customer data is exposed or lost",
    r_sla: "An SLA is breached",
    r_critical: "A critical function is down",
    r_many_degraded: "Many customers are badly degraded with no workaround",
    r_many_degraded_workaround: "Many customers are degraded, but there is a workaround",
    r_few_degraded: "A minority of customers lost part of the service",
    r_no_effect: "Customers can use the product as usual",
    r_outage_unknown: "The outage is not known yet, so the worst case counts",
    declared_by_triage: "Triage suggested {level}: {reasons}",
    override_label: "Why {level} instead of the suggested {suggested}?",
    override_missing: "Say why you chose another level than the suggested one.",
    override_record: "{reason} (triage suggested {suggested})",
    change_severity: "Change severity",
    new_severity: "New severity",
    severity_reason: "Reason for the change",
    severity_reason_missing: "Say why the severity changes.",
    severity_unchanged: "Pick a level other than the current one.",
    save_severity: "Save severity",
    cancel: "Cancel",
    components_label: "Affected components",
    components_hint: "Separate names with commas. Runbook steps can depend on them.",
    save_components: "Save components",
    checklists_title: "Checklists",
    no_checklists: "No runbook is running in this incident. Add one below.",
    progress: "{done} of {total} steps done",
    progress_one: "{done} of {total} step done",
    run_version: "Version {version}",
    run_newer: "This incident keeps version {version}, the one it started with; the library now has version {latest}.",
    step_required: "Required",
    step_role: "Role: {role}",
    step_not_applicable: "Does not apply now",
    step_done_by: "Done by {name}, {time}",
    step_skipped_by: "Skipped by {name}, {time}: {reason}",
    skip: "Skip",
    skip_aria: "Skip step: {step}",
    skip_reason: "Why skip this step?",
    confirm_skip: "Skip step",
    skip_reason_missing: "Say why the step is skipped.",
    reopen: "Reopen",
    reopen_aria: "Reopen step: {step}",
    details_show: "Details",
    details_aria: "Details: {step}",
    copy_code: "Copy",
    copy_code_aria: "Copy command {number} of: {step}",
    code_copied: "Command copied to the clipboard.",
    code_not_copied: "The browser did not allow copying. Select the command and copy it by hand.",
    required_open: "{count} required steps open",
    required_open_one: "{count} required step open",
    required_done: "All required steps are done",
    add_runbook: "Add a runbook",
    add_runbook_button: "Add runbook",
    add_runbook_none: "Every runbook in the library is already running here.",
    checklist_keys: "Space ticks a step; the arrow keys move between steps.",
    status_not_resolved: "Set the “Resolved” milestone before closing the incident.",
    milestones_title: "Milestones",
    milestone_not_set: "Not set",
    milestone_now: "Now",
    milestone_now_aria: "Set {milestone} to now",
    milestone_time_label: "{milestone} at (local time)",
    milestone_set: "Set",
    milestone_set_aria: "Set {milestone} to the time entered",
    milestone_order: "{milestone} at {at} would be before {other} at {other_at}; milestones must stay in order.",
    milestone_order_after: "{milestone} at {at} would be after {other} at {other_at}; milestones must stay in order.",
    metrics_title: "Response times",
    metric_detect: "Time to detect",
    metric_acknowledge: "Time to acknowledge",
    metric_mitigate: "Time to mitigate",
    metric_resolve: "Time to resolve",
    metric_running: "{duration} so far",
    metric_unknown: "—",
    roles_title: "Roles",
    role_nobody: "Nobody yet",
    role_assign_label: "Who takes {role}?",
    role_assign: "Assign",
    role_hand_over: "Hand over",
    role_release_aria: "Remove {name} from {role}",
    people_title: "People",
    storage_title: "Storage on this device",
    storage_persisted: "Persistent storage: granted. The browser will not clear Sitrep's data to free space.",
    storage_not_persisted: "Persistent storage: not granted. The browser may clear Sitrep's data when the disk runs low (Safari also after seven days without a visit).",
    storage_unknown: "This browser does not say whether it keeps Sitrep's data persistently.",
    storage_help: "To protect the workspace: install Sitrep as an app (browsers keep installed apps' data), or allow this site to store data in the browser's site settings, then ask again. Keep exported copies of your incidents either way.",
    storage_ask: "Ask the browser again",
    storage_used: "{used} used of {quota} the browser allows this site.",
    people_hint: "People listed here are suggested when assigning roles. Free names work too.",
    person_name: "Name",
    person_team: "Team",
    person_reach: "How to reach them",
    person_add: "Add person",
    person_remove_aria: "Remove {name}",
    person_name_missing: "Give the person a name.",
    tag_label: "Tag (optional)",
    tag_none: "No tag",
    visibility_label: "Visibility",
    visibility_internal: "Internal",
    visibility_customer_safe: "Customer-safe",
    evidence_label: "Evidence links (optional, one per line)",
    evidence_bad: "“{link}” is not a web link: one starts with http:// or https://, names a host and holds no spaces. Only web links can be kept as evidence.",
    evidence_too_many: "An entry can carry at most 20 links.",
    filter_title: "Show",
    filter_kind: "Kind",
    filter_tag: "Tag",
    filter_visibility: "Visibility",
    filter_any: "All",
    filter_count: "{shown} of {total} entries",
    filter_count_one: "{shown} of {total} entry",
    evidence: "Evidence",
    plan_title: "Remediation plan",
    plan_filters: "Filter",
    plan_owner: "Owner",
    plan_team: "Team",
    plan_status: "Status",
    plan_status_all: "Every planned status",
    plan_overdue: "Overdue only",
    plan_due_within: "Due within (days)",
    plan_unplanned: "Include candidates and won't-do items",
    plan_counts: "{shown} items · {overdue} overdue · {due_week} due this week · {done} done",
    plan_counts_one: "{shown} item · {overdue} overdue · {due_week} due this week · {done} done",
    plan_empty: "No items match.",
    plan_incident: "Incident",
    plan_overdue_badge: "Overdue",
    plan_export_csv: "Export CSV",
    plan_export_ics: "Export calendar (.ics)",
    metrics_range_title: "Incident metrics",
    metrics_from: "From",
    metrics_to: "To",
    metrics_by_severity: "By worst severity",
    metrics_by_component: "By component",
    metrics_count: "Incidents",
    metrics_mtta: "Mean time to acknowledge",
    metrics_mttr: "Mean time to resolve",
    metrics_none: "No incidents in this range.",
    chart_weeks_title: "Incidents by severity, week by week",
    chart_weeks_desc: "Stacked bars, one per week of the range (weeks start on Monday): the incidents declared that week, by the worst severity each had. The table below gives the same numbers.",
    chart_week: "Week of",
    chart_response_title: "Mean time to acknowledge and to resolve by worst severity, in minutes",
    chart_response_desc: "Bars side by side, one pair per severity: the mean time to acknowledge and the mean time to resolve of the range's incidents, each counted at the worst severity it had. The table below gives the same numbers, with medians.",
    chart_severity: "Severity",
    chart_items_title: "Open remediation items by due week and owner",
    chart_items_desc: "Stacked bars, one per week that items are due in (weeks start on Monday): the committed and in-progress items of the plan as filtered, by owner. The table below gives the same numbers.",
    chart_no_owner: "No owner",
    chart_component: "Component",
    column_actions: "Actions",
    export_failed: "The browser could not offer the download ({detail}). Try again, or use another browser.",

    settings_title: "Settings",
    display_name_label: "Your display name",
    display_name_hint: "Timeline entries you write are signed with this name.",
    save: "Save",

    not_found_title: "Page not found",
    not_found_body: "There is nothing at this address.",

    unreadable_records: "{count} stored record(s) could not be read and are not shown; they are left as they are. Details:",
    unreadable_records_one: "{count} stored record could not be read and is not shown; it is left as it is. Details:",
    warnings_title: "Some entries recorded elsewhere (another tab or an import) break the incident's rules. They are kept on the timeline; add an entry to correct them:",
    warning_not_declared: "No entry records the declaration; the severity shown is the one stored with the incident.",
    warning_closed_without_resolved: "The incident was closed before the Resolved milestone was set.",
    warning_milestone_not_applied: "A milestone was not applied: {order}",
    warning_other_incident: "Entry {entry} belongs to another incident and changes nothing here.",
    error_unavailable: "This browser does not let Sitrep store data ({detail}). Open Sitrep in a normal (not private) window, or allow site data for this page.",
    error_quota: "The browser's storage for this site is full, so this was not saved; what you typed stays in its field. Download a backup of the workspace, free disk space or remove site data you no longer need, then try again.",
    backup_now: "Download a backup",
    error_blocked: "Sitrep is open in another tab with an older version and blocks the upgrade of your data. Close the other Sitrep tabs; this page continues by itself.",
    error_conflict: "Someone saved this first in another Sitrep tab. Reload this page to see the latest version, then try again.",
    error_newer: "Your data was saved by a newer version of Sitrep. Reload this page to get the newer version; nothing was changed.",
    error_failed: "The browser could not complete this ({detail}). Nothing was changed; try again.",
    updated_elsewhere: "Sitrep was updated in another tab. Reload this page to continue.",

    age_minutes: "{m} min",
    age_hours: "{h} h {m} min",
    age_days: "{d} d {h} h",
    utc_suffix: "UTC",
};

/// Traditional Chinese (Taiwan).
pub static ZH_TW: Text = Text {
    language: Language::TraditionalChinese,
    skip_to_content: "跳到主要內容",
    app_name: "Sitrep",
    main_navigation: "主選單",
    nav_incidents: "事故",
    nav_settings: "設定",
    nav_menu: "選單",
    nav_runbooks: "處理手冊",
    nav_catalog: "服務目錄",
    nav_plan: "改善計畫",
    review: &crate::ui::review::text::ZH_TW,
    catalog: &crate::ui::catalog::text::ZH_TW,
    updates: &crate::ui::incident::updates_text::ZH_TW,
    cockpit: &crate::ui::incident::cockpit_text::ZH_TW,
    plan: &crate::ui::plan::text::ZH_TW,
    autostep: &crate::ui::incident::autostep_text::ZH_TW,
    library: &crate::ui::runbooks::text::ZH_TW,
    exports: &crate::ui::review::exports_text::ZH_TW,
    backup: &crate::ui::backup::text::ZH_TW,
    ladder: &crate::ui::settings::ladder_text::ZH_TW,
    offline: &crate::ui::offline::text::ZH_TW,
    sync: &crate::ui::sync::text::ZH_TW,
    team: &crate::ui::sync::team_text::ZH_TW,
    time: &crate::ui::common::time_text::ZH_TW,
    flow: &crate::ui::incident::flow_text::ZH_TW,
    people: &crate::ui::settings::people_text::ZH_TW,
    colon: "：",
    counts: Counts {
        incidents: Counted { one: "{count} 個事故", many: "{count} 個事故" },
        entries: Counted { one: "{count} 筆時間軸項目", many: "{count} 筆時間軸項目" },
        checklists: Counted { one: "{count} 份檢查清單", many: "{count} 份檢查清單" },
        runbook_versions: Counted { one: "{count} 個執行手冊版本", many: "{count} 個執行手冊版本" },
    },
    language_label: "語言",
    opening_workspace: "正在開啟你的工作區…",
    cannot_open_workspace: "Sitrep 無法開啟你的工作區",
    reload: "重新載入",
    dismiss: "關閉",
    draft_restored: "已還原 {time} 未儲存的草稿，尚未儲存。",
    draft_discard: "捨棄草稿",
    draft_discard_named: "{action}：{name}",
    draft_kept: "您離開的頁面上尚未儲存的文字已保留為草稿，回到該頁時會還原。",
    draft_back: "回到該頁",

    incidents_title: "事故",
    declare_title: "宣告事故",
    incident_title_label: "事故標題",
    incident_title_hint: "用幾個字說明什麼壞了，例如「歐洲客戶無法結帳」。",
    severity_label: "嚴重等級",
    severity_hint: "在兩個等級之間猶豫時，選較高的等級。",
    declare_button: "宣告事故",
    declaring: "宣告中…",
    title_empty: "請為事故加上標題：用幾個字說明什麼壞了。",
    title_too_long: "標題超過 200 個字元。請保持簡短，細節寫在時間軸上。",
    open_incidents: "處理中的事故",
    closed_incidents: "已解決與已結案的事故",
    no_open_incidents: "目前沒有處理中的事故。",
    no_closed_incidents: "尚無已解決或已結案的事故。",
    column_title: "標題",
    column_severity: "嚴重等級",
    column_status: "狀態",
    column_declared: "宣告時間",
    column_age: "經過時間",
    loading: "載入中…",

    back_to_incidents: "所有事故",
    in_memory: "此瀏覽器不允許 Sitrep 保存資料（{reason}），因此 Sitrep 僅在此分頁的記憶體中運作：分頁關閉或重新載入後，記錄的內容都會消失。關閉前請匯出每個事件（在其檢討頁面匯出 JSON），或在一般視窗中開啟 Sitrep。",
    incident_missing: "這個瀏覽器中沒有位於此網址的事故。它可能記錄在另一個瀏覽器或設定檔中。",
    incident_deleted: "此事件已於 {at} 由 {by} 從此瀏覽器刪除，連同其時間軸、執行手冊執行紀錄與檢討。",
    delete_title: "刪除此事件",
    delete_ask: "刪除此事件…",
    delete_confirm: "要從此瀏覽器刪除「{title}」，連同其 {entries}、執行手冊執行紀錄與檢討嗎？此動作無法復原。若有人可能需要，請先從檢討頁面匯出。",
    delete_do: "刪除「{title}」",
    delete_changed: "沒有刪除任何內容：你確認時「{title}」有了變更（另一個分頁或隊友新增了內容）。它現在有 {entries}。要連同這些、執行手冊執行紀錄與檢討一起刪除嗎？",
    delete_keep: "保留",
    declared_by: "{name} 於 {time} 宣告",
    status_label: "狀態",
    status_set: "變更狀態",
    timeline_title: "時間軸",
    timeline_empty: "尚未記錄任何內容。",
    show_utc: "以 UTC 顯示時間",
    show_local: "以本地時間顯示",
    recorded_at: "記錄於 {time}",
    unnamed_author: "（未設定名稱）",
    new_entry_label: "新增時間軸項目",
    new_entry_hint: "按 Enter 新增項目；按 Shift+Enter 換行。",
    event_time_label: "發生時間（選填）",
    event_time_hint: "留空表示現在。你的本地時間，24 小時制，格式為 YYYY-MM-DD HH:MM。",
    add_entry: "新增項目",
    saving: "儲存中…",
    saved: "已儲存",
    signed_as: "項目將以「{name}」署名。",
    set_your_name: "設定你的名稱",
    entry_empty: "請先寫下內容再新增項目。",
    entry_too_long: "項目超過 20,000 個字元。請分成數個項目。",
    entry_in_future: "這個時間在未來。留空表示現在，或選一個已經過去的時間。",
    list_separator: "、",
    triage_show: "不確定嗎？回答五個問題",
    triage_hide: "隱藏問題",
    q_outage: "服務是否中斷，或關鍵功能故障？",
    a_service_down: "整個服務中斷",
    a_critical_function: "關鍵功能故障（登入、付款、資料存取）",
    a_degraded: "變慢、部分故障，或部分請求失敗",
    a_no_effect: "客戶仍可正常使用產品",
    a_not_sure: "不確定",
    q_reach: "影響多少客戶？",
    a_many: "大多數或全部",
    a_few: "少數",
    q_data: "客戶資料是否外洩或遺失？",
    q_sla: "是否已違反服務水準協議（SLA）？",
    q_workaround: "客戶是否有替代做法？",
    a_yes: "是",
    a_no: "否",
    suggested: "建議等級：{level}",
    suggest_none: "回答問題即可取得建議等級。",
    suggest_higher: "答案不確定時，會建議較高的等級。",
    r_service_down_many: "服務對大量客戶中斷",
    r_service_down_few: "服務對少數客戶中斷",
    r_data_many: "大量客戶的資料外洩或遺失",
    r_data: "客戶資料外洩或遺失",
    r_sla: "已違反 SLA",
    r_critical: "關鍵功能中斷",
    r_many_degraded: "大量客戶嚴重受影響且沒有替代做法",
    r_many_degraded_workaround: "大量客戶受影響，但有替代做法",
    r_few_degraded: "少數客戶失去部分服務",
    r_no_effect: "客戶仍可正常使用產品",
    r_outage_unknown: "尚不清楚中斷範圍，因此以最壞情況計",
    declared_by_triage: "分級建議 {level}：{reasons}",
    override_label: "為什麼選 {level}，而不是建議的 {suggested}？",
    override_missing: "請說明為什麼選擇與建議不同的等級。",
    override_record: "{reason}（分級建議 {suggested}）",
    change_severity: "變更嚴重等級",
    new_severity: "新的嚴重等級",
    severity_reason: "變更原因",
    severity_reason_missing: "請說明變更嚴重等級的原因。",
    severity_unchanged: "請選擇與目前不同的等級。",
    save_severity: "儲存嚴重等級",
    cancel: "取消",
    components_label: "受影響元件",
    components_hint: "以逗號分隔名稱。處理手冊的步驟可依此決定是否適用。",
    save_components: "儲存元件",
    checklists_title: "檢查清單",
    no_checklists: "此事故尚未執行任何處理手冊。請在下方加入。",
    progress: "已完成 {done}/{total} 個步驟",
    progress_one: "已完成 {done}/{total} 個步驟",
    run_version: "第 {version} 版",
    run_newer: "本事故沿用開始時的第 {version} 版；手冊庫目前為第 {latest} 版。",
    step_required: "必要",
    step_role: "角色：{role}",
    step_not_applicable: "目前不適用",
    step_done_by: "{name} 於 {time} 完成",
    step_skipped_by: "{name} 於 {time} 略過：{reason}",
    skip: "略過",
    skip_aria: "略過步驟：{step}",
    skip_reason: "為什麼略過這個步驟？",
    confirm_skip: "確認略過",
    skip_reason_missing: "請說明略過的原因。",
    reopen: "重新開啟",
    reopen_aria: "重新開啟步驟：{step}",
    details_show: "詳細說明",
    details_aria: "詳細說明：{step}",
    copy_code: "複製",
    copy_code_aria: "複製指令 {number}，步驟：{step}",
    code_copied: "已將指令複製到剪貼簿。",
    code_not_copied: "瀏覽器不允許複製。請選取指令後自行複製。",
    required_open: "尚有 {count} 個必要步驟未完成",
    required_open_one: "尚有 {count} 個必要步驟未完成",
    required_done: "必要步驟皆已完成",
    add_runbook: "加入處理手冊",
    add_runbook_button: "加入手冊",
    add_runbook_none: "手冊庫中的處理手冊都已在此事故中執行。",
    checklist_keys: "按空白鍵勾選步驟；用方向鍵在步驟間移動。",
    status_not_resolved: "結案前請先設定「已解決」里程碑。",
    milestones_title: "里程碑",
    milestone_not_set: "未設定",
    milestone_now: "現在",
    milestone_now_aria: "將「{milestone}」設為現在",
    milestone_time_label: "{milestone}時間（本地時間）",
    milestone_set: "設定",
    milestone_set_aria: "設定「{milestone}」為輸入的時間",
    milestone_order: "「{milestone}」{at} 會早於「{other}」{other_at}；里程碑必須依序發生。",
    milestone_order_after: "「{milestone}」{at} 會晚於「{other}」{other_at}；里程碑必須依序發生。",
    metrics_title: "應變時間",
    metric_detect: "偵測時間",
    metric_acknowledge: "確認受理時間",
    metric_mitigate: "緩解時間",
    metric_resolve: "解決時間",
    metric_running: "目前 {duration}",
    metric_unknown: "—",
    roles_title: "角色",
    role_nobody: "尚未指派",
    role_assign_label: "由誰擔任{role}？",
    role_assign: "指派",
    role_hand_over: "交接",
    role_release_aria: "將 {name} 從{role}移除",
    people_title: "人員名錄",
    storage_title: "此裝置上的儲存空間",
    storage_persisted: "持久儲存：已核准。瀏覽器不會為了釋出空間而清除 Sitrep 的資料。",
    storage_not_persisted: "持久儲存：未核准。磁碟空間不足時，瀏覽器可能清除 Sitrep 的資料（Safari 在七天未造訪後也可能清除）。",
    storage_unknown: "此瀏覽器未說明是否持久保存 Sitrep 的資料。",
    storage_help: "若要保護工作區：將 Sitrep 安裝為應用程式（瀏覽器會保留已安裝應用程式的資料），或在瀏覽器的網站設定中允許此網站儲存資料，然後再次詢問。無論如何，請保留事件的匯出副本。",
    storage_ask: "再次詢問瀏覽器",
    storage_used: "已使用 {used}，瀏覽器允許此網站使用 {quota}。",
    people_hint: "指派角色時會建議這裡列出的人員；也可以直接輸入其他名字。",
    person_name: "姓名",
    person_team: "團隊",
    person_reach: "聯絡方式",
    person_add: "新增人員",
    person_remove_aria: "移除 {name}",
    person_name_missing: "請輸入姓名。",
    tag_label: "標籤（選填）",
    tag_none: "無標籤",
    visibility_label: "可見範圍",
    visibility_internal: "僅限內部",
    visibility_customer_safe: "可對客戶公開",
    evidence_label: "佐證連結（選填，每行一個）",
    evidence_bad: "「{link}」不是網頁連結：網頁連結以 http:// 或 https:// 開頭、含主機名稱，且沒有空格。佐證只能是網頁連結。",
    evidence_too_many: "每個項目最多 20 個連結。",
    filter_title: "顯示",
    filter_kind: "類型",
    filter_tag: "標籤",
    filter_visibility: "可見範圍",
    filter_any: "全部",
    filter_count: "顯示 {shown}/{total} 個項目",
    filter_count_one: "顯示 {shown}/{total} 個項目",
    evidence: "佐證",
    plan_title: "改善計畫",
    plan_filters: "篩選",
    plan_owner: "負責人",
    plan_team: "團隊",
    plan_status: "狀態",
    plan_status_all: "所有計畫中的狀態",
    plan_overdue: "只顯示逾期",
    plan_due_within: "幾天內到期",
    plan_unplanned: "包含候選與不執行的項目",
    plan_counts: "{shown} 個項目 · {overdue} 個逾期 · {due_week} 個本週到期 · {done} 個完成",
    plan_counts_one: "{shown} 個項目 · {overdue} 個逾期 · {due_week} 個本週到期 · {done} 個完成",
    plan_empty: "沒有符合的項目。",
    plan_incident: "事故",
    plan_overdue_badge: "逾期",
    plan_export_csv: "匯出 CSV",
    plan_export_ics: "匯出行事曆（.ics）",
    metrics_range_title: "事故指標",
    metrics_from: "開始日期",
    metrics_to: "結束日期",
    metrics_by_severity: "依最高嚴重程度",
    metrics_by_component: "依元件",
    metrics_count: "事故數",
    metrics_mtta: "平均確認受理時間",
    metrics_mttr: "平均解決時間",
    metrics_none: "此期間沒有事故。",
    chart_weeks_title: "每週事故數（依嚴重程度）",
    chart_weeks_desc: "堆疊長條圖，期間內每週一條（每週自星期一起算）：當週宣告的事故數，依各事故曾達到的最高嚴重程度區分。下方表格列出相同的數字。",
    chart_week: "當週（星期一）",
    chart_response_title: "各最高嚴重程度的平均確認時間與平均解決時間（分鐘）",
    chart_response_desc: "並排長條圖，每個嚴重程度一組：期間內事故的平均確認時間與平均解決時間，每起事故依其曾達到的最高嚴重程度計算。下方表格列出相同的數字，並附中位數。",
    chart_severity: "嚴重程度",
    chart_items_title: "未完成的改善項目（依到期週與負責人）",
    chart_items_desc: "堆疊長條圖，有項目到期的每週一條（每週自星期一起算）：篩選後計畫中已承諾與進行中的項目數，依負責人區分。下方表格列出相同的數字。",
    chart_no_owner: "無負責人",
    chart_component: "元件",
    column_actions: "操作",
    export_failed: "瀏覽器無法提供下載（{detail}）。請再試一次，或改用其他瀏覽器。",

    settings_title: "設定",
    display_name_label: "你的顯示名稱",
    display_name_hint: "你寫下的時間軸項目會以這個名稱署名。",
    save: "儲存",

    not_found_title: "找不到頁面",
    not_found_body: "這個網址沒有內容。",

    unreadable_records: "有 {count} 筆已儲存的記錄無法讀取，因此未顯示；這些記錄保持原樣。詳細資訊：",
    unreadable_records_one: "有 {count} 筆已儲存的記錄無法讀取，因此未顯示；這些記錄保持原樣。詳細資訊：",
    warnings_title:
        "部分在其他地方（另一個分頁或匯入）記錄的項目不符合事故規則。這些項目仍保留在時間軸上；請新增一筆記錄加以更正：",
    warning_not_declared: "沒有任何記錄記載宣告；顯示的嚴重等級是事故本身所存的等級。",
    warning_closed_without_resolved: "事故在設定「已解決」里程碑之前就已結案。",
    warning_milestone_not_applied: "有一個里程碑未套用：{order}",
    warning_other_incident: "記錄 {entry} 屬於另一個事故，在此不造成任何變更。",
    error_unavailable:
        "這個瀏覽器不允許 Sitrep 儲存資料（{detail}）。請在一般（非無痕）視窗開啟 Sitrep，或允許此網頁儲存網站資料。",
    error_quota: "此網站的瀏覽器儲存空間已滿，所以這次沒有儲存；你輸入的內容仍保留在欄位中。請下載工作區備份，釋放磁碟空間或移除不再需要的網站資料，然後再試一次。",
    backup_now: "下載備份",
    error_blocked: "另一個分頁正開著舊版的 Sitrep，擋住了資料升級。請關閉其他 Sitrep 分頁，本頁會自動繼續。",
    error_conflict: "另一個 Sitrep 分頁已先儲存了這項內容。請重新載入本頁查看最新版本後再試一次。",
    error_newer: "你的資料是由較新版本的 Sitrep 儲存的。請重新載入本頁以取得新版本；資料沒有任何變更。",
    error_failed: "瀏覽器無法完成這個動作（{detail}）。沒有任何變更，請再試一次。",
    updated_elsewhere: "Sitrep 已在另一個分頁更新。請重新載入本頁以繼續。",

    age_minutes: "{m} 分鐘",
    age_hours: "{h} 小時 {m} 分鐘",
    age_days: "{d} 天 {h} 小時",
    utc_suffix: "UTC",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::words::Line;

    /// Every string of a table, by its path: `review.agenda.2`.
    fn strings(value: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::String(s) => out.push((path, s.clone())),
            serde_json::Value::Array(items) => {
                for (at, item) in items.iter().enumerate() {
                    strings(item, format!("{path}.{at}"), out);
                }
            }
            serde_json::Value::Object(fields) => {
                for (key, value) in fields {
                    let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    strings(value, path, out);
                }
            }
            other => panic!("{path} is not text: {other}"),
        }
    }

    #[test]
    fn every_message_has_the_same_placeholders_in_every_language() {
        use crate::domain::template::placeholders;
        let table = |t: &Text| {
            let mut out = Vec::new();
            strings(&serde_json::to_value(t).expect("a table serializes"), String::new(), &mut out);
            out
        };
        let (en, zh) = (table(&EN), table(&ZH_TW));
        assert_eq!(en.len(), zh.len());
        assert!(en.len() > 500, "{} messages", en.len());
        for ((path, en), (zh_path, zh)) in en.iter().zip(&zh) {
            assert_eq!(path, zh_path);
            assert_eq!(placeholders(en), placeholders(zh), "{path}: {en:?} and {zh:?}");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(words(EN.language).line(Line::Status), &[("from", "Triage"), ("to", "Resolved")]),
            "Status changed from Triage to Resolved"
        );
    }

    #[test]
    fn one_item_is_counted_in_the_singular() {
        assert_eq!(EN.review.left_out(1), "1 candidate or won't-do item is not shown.");
        assert_eq!(EN.review.left_out(3), "3 candidate or won't-do items are not shown.");
        assert_eq!(ZH_TW.review.left_out(1), "有 1 個候選或不執行的項目未顯示。");
        assert!(EN.plan_counts_one.starts_with("{shown} item ·"));
        assert_eq!(fill(EN.required_open_one, &[("count", "1")]), "1 required step open");
        assert_eq!(fill(EN.filter_count_one, &[("shown", "1"), ("total", "1")]), "1 of 1 entry");
    }

    #[test]
    fn imports_merges_and_backups_count_in_the_singular_for_one() {
        let merged = |text: &Text, entries, runs| {
            let counts = &text.counts;
            fill(
                text.exports.merge_preview,
                &[
                    ("title", "Checkout outage"),
                    ("entries", &counts.entries.of(entries)),
                    ("runs", &counts.checklists.of(runs)),
                    ("here", "4"),
                ],
            )
        };
        assert!(merged(&EN, 1, 0).contains("Merging adds 1 timeline entry and 0 checklists from the file."));
        assert!(merged(&EN, 2, 1).contains("Merging adds 2 timeline entries and 1 checklist from the file."));
        assert!(merged(&ZH_TW, 1, 1).contains("合併會從檔案新增 1 筆時間軸項目與 1 份檢查清單；"));
        let restored = fill(
            EN.backup.restored,
            &[
                ("added", &EN.counts.incidents.of(1)),
                ("merged", &EN.counts.incidents.of(0)),
                ("entries", &EN.counts.entries.of(1)),
            ],
        );
        assert_eq!(restored, "Backup restored: 1 incident added, 0 incidents merged, 1 timeline entry added.");
        assert_eq!(EN.counts.runbook_versions.of(1), "1 runbook version");
        assert_eq!(ZH_TW.counts.incidents.of(3), "3 個事故");
    }

    #[test]
    fn ages_read_naturally_in_both_languages() {
        let ages: Vec<_> = [0, 59, 61, 1500].iter().map(|m| EN.age(*m)).collect();
        assert_eq!(ages, ["0 min", "59 min", "1 h 1 min", "1 d 1 h"]);
        assert_eq!(ZH_TW.age(61), "1 小時 1 分鐘");
    }

    #[test]
    fn every_translation_differs_from_english_where_it_must() {
        assert_ne!(EN.declare_button, ZH_TW.declare_button);
        let sev1 = &crate::domain::SeverityLadder::default().levels()[0].clone();
        assert_ne!(EN.level_impact(sev1), ZH_TW.level_impact(sev1));
        assert_ne!(EN.status(Status::Closed), ZH_TW.status(Status::Closed));
    }
}
