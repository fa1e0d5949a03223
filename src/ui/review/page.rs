//! The post-incident review of one incident, and the facilitator's meeting mode.
//!
//! The review is prefilled from the incident (severities, dates, roles,
//! milestones) and edited section by section as plain text; every change is saved
//! at once and shown only once stored. The meeting mode walks the chosen timeline
//! entries one at a time, in large type, with the keyboard, and captures causes,
//! contributing factors and remediation items on the spot.

use crate::domain::plan::{default_priority_due, review_due, worst_severity};
use crate::domain::review::{
    ItemDraft, ItemKind, ItemStatus, Priority, Review, ReviewError, ReviewStatus, Reviewer, Section,
};
use crate::domain::{Change, Incident, IncidentId, Milestone, Role, RunbookRun, Tag, Timeline};
use crate::store::Batch;
use crate::ui::common::context::{AppContext, Problem};
use crate::ui::common::focus::focus;
use crate::ui::common::time;
use crate::ui::i18n::fill;
use crate::ui::incident::state::entry_text;
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The incident and its review as the page shows them.
#[derive(Clone, Copy)]
pub struct ReviewState {
    /// The incident reviewed.
    pub incident: RwSignal<Option<Incident>>,
    /// Its timeline.
    pub timeline: RwSignal<Timeline>,
    /// Its runbook runs, which the JSON export carries.
    pub runs: RwSignal<Vec<RunbookRun>>,
    /// The review as stored, once started.
    pub review: RwSignal<Option<Review>>,
    /// The review as last sent to the store, which may not have answered yet.
    /// Every change starts from it, so two changes made in quick succession (a
    /// section left by clicking "Add item") both reach the store; starting from the
    /// stored review, the second write would undo the first.
    sent: StoredValue<Option<Review>>,
    /// Whether loading finished.
    pub loaded: RwSignal<bool>,
}

impl ReviewState {
    fn load(context: AppContext) -> Self {
        let state = ReviewState {
            incident: RwSignal::new(None),
            timeline: RwSignal::new(Timeline::default()),
            runs: RwSignal::new(Vec::new()),
            review: RwSignal::new(None),
            sent: StoredValue::new(None),
            loaded: RwSignal::new(false),
        };
        let params = use_params_map();
        Effect::new(move |_| {
            let Some(id) = params.with(|p| p.get("id")).and_then(|id| id.parse::<IncidentId>().ok()) else {
                return state.loaded.set(true);
            };
            spawn_local(async move {
                let store = context.store();
                let (incident, timeline, runs, review) =
                    (store.incident(id).await, store.timeline(id).await, store.runs(id).await, store.review(id).await);
                match (incident, timeline, runs, review) {
                    (Ok(incident), Ok(timeline), Ok(runs), Ok(review)) => {
                        state.timeline.set(Timeline::from_entries(timeline.items));
                        state.runs.set(runs.items);
                        state.incident.set(incident);
                        state.review.set(review);
                    }
                    (Err(e), _, _, _) | (_, Err(e), _, _) | (_, _, Err(e), _) | (_, _, _, Err(e)) => {
                        context.problem.set(Some(Problem::Store(e)))
                    }
                }
                state.loaded.set(true);
            });
        });
        state
    }

    /// Stores `review` and shows it once stored.
    pub fn save(self, context: AppContext, review: Review) {
        spawn_local(async move {
            self.store(context, review).await;
        });
    }

    /// The review every change starts from: the one last sent to the store, or
    /// the stored one.
    fn current(self) -> Option<Review> {
        self.sent.get_value().or_else(|| self.review.get_untracked())
    }

    /// Stores `review`, shows it once stored and says whether it was stored; a
    /// failure is shown as the workspace's problem. Writes reach IndexedDB in the
    /// order they are made, so the last one sent is the one that stays.
    async fn store(self, context: AppContext, review: Review) -> bool {
        self.sent.set_value(Some(review.clone()));
        match context.store().write(Batch { reviews: vec![review.clone()], ..Batch::default() }).await {
            Ok(()) => {
                self.review.set(Some(review));
                true
            }
            Err(error) => {
                // The next change starts again from what is stored.
                self.sent.set_value(None);
                context.problem.set(Some(Problem::Store(error)));
                false
            }
        }
    }
}

fn me(context: AppContext) -> String {
    context.settings.with_untracked(|s| s.display_name().to_owned())
}

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let context = AppContext::get();
    let state = ReviewState::load(context);
    let text = move || context.text();
    move || {
        if !state.loaded.get() {
            return view! { <p role="status">{text().loading}</p> }.into_any();
        }
        let Some(incident) = state.incident.get() else {
            return view! {
                <h1>{text().not_found_title}</h1>
                <p>{text().incident_missing}</p>
                <A href="/">{text().back_to_incidents}</A>
            }
            .into_any();
        };
        let id = incident.id();
        let r = text().review;
        // Only starting the review swaps the button for the document: a save must
        // not rebuild the document, or the field being written in loses focus.
        let started = Memo::new(move |_| state.review.with(Option::is_some));
        let start = move |_| {
            let review = Review::start(id, &me(context), Utc::now());
            state.save(context, review);
        };
        view! {
            <p class="incident__back">
                <A href=format!("/incidents/{id}")>{r.back_to_incident}</A>
            </p>
            <h1>{format!("{}: {}", r.title, incident.title())}</h1>
            {move || match started.get() {
                false => view! {
                    <button type="button" class="button button--primary" on:click=start>
                        {text().review.start_review}
                    </button>
                }
                .into_any(),
                true => view! { <ReviewDocument state /> }.into_any(),
            }}
        }
        .into_any()
    }
}

/// The review document once started.
#[component]
fn ReviewDocument(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let r = move || context.text().review;
    let id = state.incident.with_untracked(|i| i.as_ref().map(Incident::id)).unwrap_or(IncidentId::from_parts(0, 0));
    view! {
        <p>
            <A href=format!("/incidents/{id}/review/meeting")>{move || r().facilitate}</A>
        </p>
        <ReviewHeader state />
        <Workflow state />
        <section aria-labelledby="internal-heading">
            <h2 id="internal-heading">{move || r().internal_title}</h2>
            {Section::INTERNAL.into_iter().map(|section| view! { <SectionField state section /> }).collect_view()}
        </section>
        <ChosenTimeline state />
        <RemediationItems state />
        <section aria-labelledby="customer-heading">
            <h2 id="customer-heading">{move || r().customer_title}</h2>
            <p class="field__hint">{move || r().customer_hint}</p>
            {Section::CUSTOMER.into_iter().map(|section| view! { <SectionField state section /> }).collect_view()}
        </section>
        <super::exports::ReviewExports state />
    }
}

/// Severities, dates, duration, roles, owner and meeting time.
#[component]
fn ReviewHeader(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let owner =
        RwSignal::new(state.review.with_untracked(|r| r.as_ref().map(|r| r.owner().to_owned())).unwrap_or_default());
    let meeting = RwSignal::new(
        state
            .review
            .with_untracked(|r| r.as_ref().and_then(Review::meeting_at))
            .map(|at| at.with_timezone(&chrono::Local).format("%Y-%m-%dT%H:%M").to_string())
            .unwrap_or_default(),
    );
    let bad_time = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(meeting_at) = time::read_local_input(&meeting.get_untracked()) else {
            bad_time.set(true);
            return focus("review-meeting");
        };
        bad_time.set(false);
        let Some(review) = state.current() else { return };
        let changed = review.with_header(&owner.get_untracked(), meeting_at, &me(context), Utc::now());
        spawn_local(async move { saved.set(state.store(context, changed).await) });
    };
    let facts = move || {
        let text = text();
        let ladder = context.ladder();
        state.incident.with(|incident| {
            let incident = incident.as_ref()?;
            let timeline = state.timeline.get();
            let mut severities = vec![];
            for entry in timeline.entries() {
                match entry.change() {
                    Some(Change::Declared { severity }) => severities.push(ladder.name(severity).to_owned()),
                    Some(Change::Severity { to, .. }) => severities.push(ladder.name(to).to_owned()),
                    _ => {}
                }
            }
            if severities.is_empty() {
                severities.push(ladder.name(incident.severity()).to_owned());
            }
            let resolved = incident.milestones().get(Milestone::Resolved);
            let start = incident.milestones().get(Milestone::ImpactStarted).unwrap_or(incident.declared_at());
            let duration = resolved.map(|end| text.age((end - start).num_minutes()));
            let due = review_due(incident, &ladder, &timeline).map(|d| d.to_string());
            let roles: Vec<String> = Role::ALL
                .into_iter()
                .filter_map(|role| {
                    let holders = incident.roles().holders(role);
                    (!holders.is_empty()).then(|| format!("{}: {}", text.role(role), holders.join(text.list_separator)))
                })
                .collect();
            Some((severities.join(" → "), incident.declared_at(), resolved, duration, due, roles))
        })
    };
    view! {
        <section class="review__header" aria-labelledby="review-header-heading">
            <h2 id="review-header-heading">{move || r().header_title}</h2>
            {move || {
                facts()
                    .map(|(severities, declared, resolved, duration, due, roles)| {
                        let text = text();
                        let r = text.review;
                        view! {
                            <dl class="review__facts">
                                <dt>{r.severities_label}</dt>
                                <dd>{severities}</dd>
                                <dt>{r.declared_label}</dt>
                                <dd>{time::show(declared, true, text.utc_suffix)}</dd>
                                <dt>{r.resolved_label}</dt>
                                <dd>{resolved.map_or(r.not_resolved.to_owned(), |at| time::show(at, true, text.utc_suffix))}</dd>
                                <dt>{r.duration_label}</dt>
                                <dd>{duration.unwrap_or_else(|| r.not_resolved.to_owned())}</dd>
                                <dt>{r.due_label}</dt>
                                <dd>{due.unwrap_or_else(|| r.due_none.to_owned())}</dd>
                                <dt>{text.roles_title}</dt>
                                <dd>{roles.join("; ")}</dd>
                                <dt>{r.authors_label}</dt>
                                <dd>{move || state.review.with(|r| r.as_ref().map(|r| r.authors().join(", ")).unwrap_or_default())}</dd>
                            </dl>
                        }
                    })
            }}
            <form class="review__header-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="review-owner">{move || r().owner_label}</label>
                    <input id="review-owner" type="text" bind:value=owner list="people" on:input=move |_| saved.set(false) />
                </div>
                <div class="field">
                    <label for="review-meeting">{move || r().meeting_label}</label>
                    <input
                        id="review-meeting"
                        type="datetime-local"
                        bind:value=meeting
                        aria-invalid=move || bad_time.get().to_string()
                        on:input=move |_| saved.set(false)
                    />
                </div>
                <button type="submit" class="button">{move || r().save_header}</button>
                <p role="status" class="field__hint">
                    {move || bad_time.get().then(|| text().event_time_invalid)}
                    {move || saved.get().then(|| r().section_saved)}
                </p>
            </form>
        </section>
    }
}

/// Status, the workflow buttons, the two sign-offs and the history.
#[component]
fn Workflow(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let problem = RwSignal::new(None::<ReviewError>);
    let status = move || state.review.with(|r| r.as_ref().map_or(ReviewStatus::Draft, Review::status));
    let step = move |to: ReviewStatus| {
        let Some(review) = state.current() else { return };
        match review.with_status(to, &me(context), Utc::now()) {
            Ok(changed) => {
                problem.set(None);
                state.save(context, changed);
            }
            Err(error) => problem.set(Some(error)),
        }
    };
    let sign = move |who: Reviewer, name: String| {
        let Some(review) = state.current() else { return };
        match review.with_sign_off(who, &name, Utc::now()) {
            Ok(changed) => {
                problem.set(None);
                state.save(context, changed);
            }
            Err(error) => problem.set(Some(error)),
        }
    };
    let message = move || {
        let r = r();
        problem.get().map(|p| match p {
            ReviewError::MissingSignOff => r.missing_sign_off,
            ReviewError::NoSignOffName => r.sign_off_needs_name,
            _ => r.sign_off_not_in_review,
        })
    };
    let button = move |label: fn(&super::text::ReviewText) -> &'static str,
                       to: ReviewStatus,
                       shown: fn(ReviewStatus) -> bool| {
        view! {
            <Show when=move || shown(status())>
                <button type="button" class="button" on:click=move |_| step(to)>
                    {move || label(r())}
                </button>
            </Show>
        }
    };
    view! {
        <section class="review__workflow" aria-labelledby="workflow-heading">
            <h2 id="workflow-heading">{move || r().sign_offs_title}</h2>
            <p>
                <strong>{move || r().status_label} ": "</strong>
                <span class="review__status">{move || r().status(status())}</span>
            </p>
            <div class="review__actions">
                {button(|r| r.submit, ReviewStatus::InReview, |s| s == ReviewStatus::Draft)}
                {button(|r| r.back_to_draft, ReviewStatus::Draft, |s| s == ReviewStatus::InReview)}
                {button(|r| r.approve, ReviewStatus::Approved, |s| s == ReviewStatus::InReview)}
                {button(|r| r.publish, ReviewStatus::Published, |s| s == ReviewStatus::Approved)}
            </div>
            <SignOffField state who=Reviewer::Technical sign=Callback::new(move |name| sign(Reviewer::Technical, name)) />
            <SignOffField state who=Reviewer::NonTechnical sign=Callback::new(move |name| sign(Reviewer::NonTechnical, name)) />
            <p class="field__error" role="alert">{message}</p>
            <details class="review__history">
                <summary>{move || r().history_title}</summary>
                <ol>
                    {move || {
                        state
                            .review
                            .get()
                            .map(|review| {
                                review
                                    .history()
                                    .iter()
                                    .map(|event| {
                                        let note = if event.reopened_by_edit { format!(" ({})", r().history_reopened) } else { String::new() };
                                        view! {
                                            <li>
                                                {format!(
                                                    "{} · {} · {}{}",
                                                    time::show(event.at, false, text().utc_suffix),
                                                    r().status(event.status),
                                                    event.by,
                                                    note,
                                                )}
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </ol>
            </details>
        </section>
    }
}

/// One reviewer's sign-off: their name and the sign button, or who signed.
#[component]
fn SignOffField(state: ReviewState, who: Reviewer, sign: Callback<String>) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let name = RwSignal::new(String::new());
    let id = match who {
        Reviewer::Technical => "sign-off-technical",
        Reviewer::NonTechnical => "sign-off-non-technical",
    };
    let label = move || match who {
        Reviewer::Technical => r().technical_reviewer,
        Reviewer::NonTechnical => r().non_technical_reviewer,
    };
    let signed = move || state.review.with(|r| r.as_ref().and_then(|r| r.sign_off(who).cloned()));
    view! {
        <form
            class="review__sign-off"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                sign.run(name.get_untracked());
            }
        >
            <label for=id>{label}</label>
            {move || match signed() {
                Some(s) => view! {
                    <span class="review__signed">
                        {fill(r().signed_by, &[("name", &s.name), ("time", &time::show(s.at, false, text().utc_suffix))])}
                    </span>
                }
                .into_any(),
                None => view! {
                    <input id=id type="text" bind:value=name list="people" />
                    <button type="submit" class="button button--small">{r().sign}</button>
                }
                .into_any(),
            }}
        </form>
    }
}

/// One section of the document, saved when the field loses focus.
#[component]
fn SectionField(state: ReviewState, section: Section) -> impl IntoView {
    let context = AppContext::get();
    let r = move || context.text().review;
    // The section as stored. It changes only when this section does, so saving
    // another section never overwrites what is being typed here.
    let stored = Memo::new(move |_| {
        state.review.with(|r| r.as_ref().map(|r| r.section(section).to_owned())).unwrap_or_default()
    });
    let value = RwSignal::new(stored.get_untracked());
    // Text captured elsewhere (the meeting) shows up here.
    Effect::new(move |_| value.set(stored.get()));
    let asked = RwSignal::new(false);
    // "Saved" shows once the text on screen is the text stored.
    let saved = move || asked.get() && stored.with(|s| value.with(|v| s == v));
    let id = format!("section-{}", section.key());
    let save = move |_| {
        let Some(review) = state.current() else { return };
        if review.section(section) == value.get_untracked() {
            return;
        }
        asked.set(true);
        state.save(context, review.with_section(section, &value.get_untracked(), &me(context), Utc::now()));
    };
    view! {
        <div class="field review__section">
            <label for=id.clone()>{move || r().section(section)}</label>
            <textarea id=id rows="3" bind:value=value on:change=save></textarea>
            <p class="field__hint" role="status">{move || saved().then(|| r().section_saved)}</p>
        </div>
    }
}

/// The incident's entries, each with "include in the review" and a review tag.
#[component]
fn ChosenTimeline(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let text = move || context.text();
    let r = move || context.text().review;
    let entries = move || state.timeline.with(|t| t.entries().to_vec());
    view! {
        <section aria-labelledby="review-timeline-heading">
            <h2 id="review-timeline-heading">{move || r().timeline_title}</h2>
            <p class="field__hint">{move || r().timeline_hint}</p>
            <ol class="review__timeline">
                <For each=entries key=|e| e.id() let(entry)>
                    {
                        let entry_id = entry.id();
                        let chosen = move || {
                            state.review.with(|r| r.as_ref().and_then(|r| r.chosen().iter().find(|c| c.entry == entry_id).cloned()))
                        };
                        let box_id = format!("choose-{entry_id}");
                        let tag_id = format!("choose-tag-{entry_id}");
                        let at = entry.event_at();
                        let body = {
                            let entry = entry.clone();
                            move || context.settings.with(|s| entry_text(text(), s.ladder(), &entry))
                        };
                        let set = move |choice: Option<Option<Tag>>| {
                            let Some(review) = state.current() else { return };
                            state.save(context, review.with_entry(entry_id, choice, &me(context), Utc::now()));
                        };
                        view! {
                            <li class="review__entry">
                                <input
                                    type="checkbox"
                                    id=box_id.clone()
                                    prop:checked=move || chosen().is_some()
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        set(on.then(|| entry_default_tag(entry_id, &state)));
                                    }
                                />
                                <label for=box_id>
                                    <time datetime=at.to_rfc3339()>{move || time::show(at, true, text().utc_suffix)}</time>
                                    " "
                                    {body}
                                </label>
                                <label for=tag_id.clone() class="visually-hidden">{move || r().entry_tag}</label>
                                <select
                                    id=tag_id
                                    disabled=move || chosen().is_none()
                                    on:change=move |ev| {
                                        let key = event_target_value(&ev);
                                        set(Some(Tag::ALL.into_iter().find(|t| t.key() == key)));
                                    }
                                >
                                    <option value="" prop:selected=move || chosen().and_then(|c| c.tag).is_none()>
                                        {move || text().tag_none}
                                    </option>
                                    {Tag::ALL
                                        .into_iter()
                                        .map(|tag| {
                                            view! {
                                                <option value=tag.key() prop:selected=move || chosen().and_then(|c| c.tag) == Some(tag)>
                                                    {move || text().tag(tag)}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </li>
                        }
                    }
                </For>
            </ol>
        </section>
    }
}

/// A newly chosen entry keeps the tag it was given on the timeline.
fn entry_default_tag(entry: crate::domain::EntryId, state: &ReviewState) -> Option<Tag> {
    state.timeline.with_untracked(|t| t.entries().iter().find(|e| e.id() == entry).and_then(|e| e.tag()))
}

/// What the item form holds.
#[derive(Clone, Default)]
struct ItemForm {
    title: RwSignal<String>,
    kind: RwSignal<String>,
    owner: RwSignal<String>,
    team: RwSignal<String>,
    due: RwSignal<String>,
    priority: RwSignal<bool>,
    status: RwSignal<String>,
    reason: RwSignal<String>,
    link: RwSignal<String>,
}

impl ItemForm {
    fn draft(&self) -> ItemDraft {
        let kind =
            ItemKind::ALL.into_iter().find(|k| k.key() == self.kind.get_untracked()).unwrap_or(ItemKind::Prevent);
        let status = match self.status.get_untracked().as_str() {
            "committed" => ItemStatus::Committed,
            "in_progress" => ItemStatus::InProgress,
            "done" => ItemStatus::Done,
            "wont_do" => ItemStatus::WontDo { reason: self.reason.get_untracked() },
            _ => ItemStatus::Candidate,
        };
        ItemDraft {
            title: self.title.get_untracked(),
            kind,
            owner: self.owner.get_untracked(),
            team: self.team.get_untracked(),
            due: chrono::NaiveDate::parse_from_str(&self.due.get_untracked(), "%Y-%m-%d").ok(),
            priority: if self.priority.get_untracked() { Priority::Priority } else { Priority::Normal },
            status,
            link: self.link.get_untracked(),
        }
    }

    fn clear(&self) {
        for field in [self.title, self.owner, self.team, self.due, self.reason, self.link] {
            field.set(String::new());
        }
        self.kind.set("prevent".into());
        self.status.set("candidate".into());
        self.priority.set(false);
    }

    fn fill_from(&self, item: &crate::domain::review::RemediationItem) {
        self.title.set(item.title.clone());
        self.kind.set(item.kind.key().into());
        self.owner.set(item.owner.clone());
        self.team.set(item.team.clone());
        self.due.set(item.due.map(|d| d.to_string()).unwrap_or_default());
        self.priority.set(item.priority == Priority::Priority);
        self.status.set(item.status.key().into());
        self.reason.set(match &item.status {
            ItemStatus::WontDo { reason } => reason.clone(),
            _ => String::new(),
        });
        self.link.set(item.link.clone().unwrap_or_default());
    }
}

/// Remediation items: the list and the form that adds or edits one.
#[component]
pub fn RemediationItems(state: ReviewState) -> impl IntoView {
    let context = AppContext::get();
    let r = move || context.text().review;
    let form = ItemForm {
        title: RwSignal::new(String::new()),
        kind: RwSignal::new("prevent".into()),
        owner: RwSignal::new(String::new()),
        team: RwSignal::new(String::new()),
        due: RwSignal::new(String::new()),
        priority: RwSignal::new(false),
        status: RwSignal::new("candidate".into()),
        reason: RwSignal::new(String::new()),
        link: RwSignal::new(String::new()),
    };
    let editing = RwSignal::new(None::<u32>);
    let problem = RwSignal::new(None::<ReviewError>);
    // Set while an item is being stored, so a second Enter does not add it twice.
    let busy = RwSignal::new(false);
    let on_submit = {
        let form = form.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let Some(review) = state.current() else { return };
            let today = Utc::now().date_naive();
            let default_due = state.incident.with_untracked(|i| {
                let i = i.as_ref()?;
                let worst = state
                    .timeline
                    .with_untracked(|t| context.settings.with_untracked(|s| worst_severity(i, s.ladder(), t)));
                default_priority_due(&worst, today)
            });
            let result = match editing.get_untracked() {
                Some(number) => review.with_item(number, form.draft(), &me(context), Utc::now()),
                None => review.with_new_item(form.draft(), default_due, &me(context), Utc::now()),
            };
            match result {
                Ok(changed) => {
                    problem.set(None);
                    // The form is emptied only once the item is stored, so a failed
                    // write leaves what was typed in place.
                    let form = form.clone();
                    busy.set(true);
                    spawn_local(async move {
                        if state.store(context, changed).await {
                            editing.set(None);
                            form.clear();
                            focus("item-title");
                        }
                        busy.set(false);
                    });
                }
                Err(error) => {
                    problem.set(Some(error));
                }
            }
        }
    };
    let message = move || {
        let r = r();
        problem.get().map(|p| match p {
            ReviewError::NoItemTitle => r.item_no_title,
            ReviewError::CommittedNeedsOwnerAndDate => r.item_needs_owner_and_date,
            ReviewError::WontDoNeedsReason => r.item_needs_reason,
            _ => r.item_bad_link,
        })
    };
    // The table is drawn again only when the items change, not on every save.
    let items = Memo::new(move |_| state.review.with(|r| r.as_ref().map(|r| r.items().to_vec()).unwrap_or_default()));
    let edit_form = form.clone();
    let cancel_form = form.clone();
    let f = form.clone();
    view! {
        <section aria-labelledby="items-heading">
            <h2 id="items-heading">{move || r().items_title}</h2>
            {move || {
                let list = items.get();
                if list.is_empty() {
                    return view! { <p class="field__hint">{r().items_empty}</p> }.into_any();
                }
                let edit_form = edit_form.clone();
                view! {
                    <table class="review__items">
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                <th scope="col">{r().item_title}</th>
                                <th scope="col">{r().item_kind}</th>
                                <th scope="col">{r().item_owner}</th>
                                <th scope="col">{r().item_due}</th>
                                <th scope="col">{r().item_priority}</th>
                                <th scope="col">{r().item_status}</th>
                                <th scope="col"></th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|item| {
                                    let edit_form = edit_form.clone();
                                    let label = fill(r().edit_item_aria, &[("number", &item.number.to_string()), ("title", &item.title)]);
                                    let status = match &item.status {
                                        ItemStatus::WontDo { reason } => format!("{}: {}", r().item_status(&item.status), reason),
                                        other => r().item_status(other).to_owned(),
                                    };
                                    let chosen = item.clone();
                                    view! {
                                        <tr>
                                            <td>{item.number}</td>
                                            <td>
                                                {item.title.clone()}
                                                {item.link.clone().map(|link| view! { " " <a href=link.clone() rel="noopener noreferrer" target="_blank">"↗"</a> })}
                                            </td>
                                            <td>{r().kind(item.kind)}</td>
                                            <td>{format!("{} {}", item.owner, if item.team.is_empty() { String::new() } else { format!("({})", item.team) })}</td>
                                            <td>{item.due.map(|d| d.to_string()).unwrap_or_default()}</td>
                                            <td>{r().priority(item.priority)}</td>
                                            <td>{status}</td>
                                            <td>
                                                <button
                                                    type="button"
                                                    class="button button--small"
                                                    aria-label=label
                                                    on:click=move |_| {
                                                        edit_form.fill_from(&chosen);
                                                        editing.set(Some(chosen.number));
                                                        focus("item-title");
                                                    }
                                                >
                                                    "✎"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
            <form class="review__item-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="item-title">{move || r().item_title}</label>
                    <input id="item-title" type="text" bind:value=f.title />
                </div>
                <div class="review__item-row">
                    <div class="field">
                        <label for="item-kind">{move || r().item_kind}</label>
                        <select id="item-kind" on:change=move |ev| f.kind.set(event_target_value(&ev))>
                            {ItemKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.key() prop:selected=move || f.kind.get() == k.key()>{move || r().kind(k)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="item-owner">{move || r().item_owner}</label>
                        <input id="item-owner" type="text" list="people" bind:value=f.owner />
                    </div>
                    <div class="field">
                        <label for="item-team">{move || r().item_team}</label>
                        <input id="item-team" type="text" bind:value=f.team />
                    </div>
                    <div class="field">
                        <label for="item-due">{move || r().item_due}</label>
                        <input id="item-due" type="date" bind:value=f.due aria-describedby="item-due-hint" />
                        <p id="item-due-hint" class="field__hint">{move || r().item_due_hint}</p>
                    </div>
                    <div class="field field--inline">
                        <input id="item-priority" type="checkbox" bind:checked=f.priority />
                        <label for="item-priority">{move || r().item_priority}</label>
                    </div>
                    <div class="field">
                        <label for="item-status">{move || r().item_status}</label>
                        <select id="item-status" on:change=move |ev| f.status.set(event_target_value(&ev))>
                            {ItemStatus::choices()
                                .into_iter()
                                .map(|s| (s.key(), s))
                                .map(|(k, s)| view! { <option value=k prop:selected=move || f.status.get() == k>{move || r().item_status(&s)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <Show when=move || f.status.get() == "wont_do">
                        <div class="field">
                            <label for="item-reason">{move || r().item_reason}</label>
                            <input id="item-reason" type="text" bind:value=f.reason />
                        </div>
                    </Show>
                    <div class="field">
                        <label for="item-link">{move || r().item_link}</label>
                        <input id="item-link" type="url" bind:value=f.link />
                    </div>
                </div>
                <button type="submit" class="button button--primary">
                    {move || if editing.get().is_some() { r().save_item } else { r().add_item }}
                </button>
                <Show when=move || editing.get().is_some()>
                    {
                        let cancel_form = cancel_form.clone();
                        view! {
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| {
                                    editing.set(None);
                                    cancel_form.clear();
                                }
                            >
                                {move || r().cancel_edit}
                            </button>
                        }
                    }
                </Show>
                <p class="field__error" role="alert">{message}</p>
            </form>
        </section>
    }
}

/// The facilitator's meeting mode: the agenda, then the chosen entries one at a
/// time in large type, with causes, contributing factors and remediation items
/// captured on the spot.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let context = AppContext::get();
    let state = ReviewState::load(context);
    let text = move || context.text();
    let r = move || context.text().review;
    let walking = RwSignal::new(false);
    let at = RwSignal::new(0usize);
    let chosen = move || {
        let ids: Vec<_> = state.review.with(|r| r.as_ref().map(|r| r.chosen().to_vec()).unwrap_or_default());
        state.timeline.with(|t| {
            let mut entries: Vec<_> = ids
                .iter()
                .filter_map(|c| t.entries().iter().find(|e| e.id() == c.entry).map(|e| (e.clone(), c.tag)))
                .collect();
            entries.sort_by_key(|(e, _)| (e.event_at(), e.id()));
            entries
        })
    };
    let total = move || chosen().len();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !walking.get_untracked() {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" => at.update(|i| *i = (*i + 1).min(total().saturating_sub(1))),
            "ArrowLeft" => at.update(|i| *i = i.saturating_sub(1)),
            _ => return,
        }
        ev.prevent_default();
    };
    let id = move || state.incident.with(|i| i.as_ref().map(|i| i.id().to_string())).unwrap_or_default();
    view! {
        <div class="meeting" on:keydown=on_keydown>
            <p class="incident__back">
                <A href=move || format!("/incidents/{}/review", id())>{move || r().end_meeting}</A>
            </p>
            <h1>
                {move || {
                    format!("{}: {}", r().meeting_title, state.incident.with(|i| i.as_ref().map(|i| i.title().to_owned()).unwrap_or_default()))
                }}
            </h1>
            <Show when=move || !walking.get()>
                <section aria-labelledby="agenda-heading">
                    <h2 id="agenda-heading">{move || r().agenda_title}</h2>
                    <ol class="meeting__agenda">
                        {move || r().agenda.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}
                    </ol>
                    <button
                        type="button"
                        class="button button--primary"
                        on:click=move |_| {
                            walking.set(true);
                            at.set(0);
                            focus("meeting-entry");
                        }
                    >
                        {move || r().start_walkthrough}
                    </button>
                </section>
            </Show>
            <Show when=move || walking.get()>
                <section class="meeting__walk" aria-labelledby="meeting-entry-heading">
                    {move || {
                        let list = chosen();
                        if list.is_empty() {
                            return view! { <p id="meeting-entry" tabindex="-1">{r().no_chosen}</p> }.into_any();
                        }
                        let index = at.get().min(list.len() - 1);
                        let (entry, tag) = list[index].clone();
                        let sentence = context.settings.with(|s| entry_text(text(), s.ladder(), &entry));
                        view! {
                            <h2 id="meeting-entry-heading">
                                {fill(r().entry_of, &[("n", &(index + 1).to_string()), ("total", &list.len().to_string())])}
                            </h2>
                            <div id="meeting-entry" class="meeting__entry" tabindex="-1" aria-live="polite">
                                <p class="meeting__time">
                                    {time::show(entry.event_at(), true, text().utc_suffix)}
                                    {tag.map(|t| format!(" · {}", text().tag(t)))}
                                </p>
                                <p class="meeting__text">{sentence}</p>
                            </div>
                        }
                        .into_any()
                    }}
                    <div class="meeting__nav">
                        <button type="button" class="button" on:click=move |_| at.update(|i| *i = i.saturating_sub(1))>
                            {move || r().previous}
                        </button>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| at.update(|i| *i = (*i + 1).min(total().saturating_sub(1)))
                        >
                            {move || r().next}
                        </button>
                        <span class="field__hint">{move || r().keys_hint}</span>
                    </div>
                </section>
            </Show>
            <Show when=move || state.review.with(Option::is_some)>
                <section class="meeting__capture" aria-labelledby="capture-heading">
                    <h2 id="capture-heading">{move || r().capture_title}</h2>
                    <Capture state section=Section::TechnicalCauses />
                    <Capture state section=Section::ContributingFactors />
                    <RemediationItems state />
                </section>
            </Show>
        </div>
    }
}

/// Appends a line to a section during the meeting.
#[component]
fn Capture(state: ReviewState, section: Section) -> impl IntoView {
    let context = AppContext::get();
    let r = move || context.text().review;
    let value = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    // Set while the line is being stored, so a second Enter does not add it twice.
    let busy = RwSignal::new(false);
    let id = format!("capture-{}", section.key());
    let label = move || if section == Section::TechnicalCauses { r().capture_cause } else { r().capture_factor };
    view! {
        <form
            class="meeting__capture-form"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let line = value.get_untracked();
                let Some(review) = state.current() else { return };
                if line.trim().is_empty() || busy.get_untracked() {
                    return;
                }
                let current = review.section(section);
                let text = if current.is_empty() { format!("- {}", line.trim()) } else { format!("{current}\n- {}", line.trim()) };
                let changed = review.with_section(section, &text, &me(context), Utc::now());
                // The line is cleared only once stored, so a failed write loses nothing.
                busy.set(true);
                spawn_local(async move {
                    if state.store(context, changed).await {
                        value.set(String::new());
                        done.set(true);
                    }
                    busy.set(false);
                });
            }
        >
            <label for=id.clone()>{label}</label>
            <input id=id type="text" bind:value=value on:input=move |_| done.set(false) />
            <button type="submit" class="button button--small">{move || r().capture_add}</button>
            <span role="status" class="field__hint">{move || done.get().then(|| r().captured)}</span>
        </form>
    }
}
