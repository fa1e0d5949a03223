//! The severity ladder editor: the levels worst first, each with its customer
//! impact, response, status-update cadence and review rule. A level is edited in
//! place, a new level is added at the mild end, and levels move up or down one
//! place at a time. The list changes only once the store has saved the settings.

use super::ladder_text::LadderText;
use crate::domain::severity::{LadderError, LevelDraft, Review, MAX_LEVEL_NAME};
use crate::domain::{Severity, SeverityLadder, SeverityLevel};
use crate::ui::common::badge::SeverityBadge;
use crate::ui::common::context::{new_runbook_id, AppContext};
use crate::ui::common::focus::{focus, focus_soon};
use crate::ui::i18n::fill;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which form is open.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Editing {
    Level(Severity),
    New,
}

/// What the status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Notice {
    Saving,
    Saved,
    Moved(Severity),
}

/// Why the form was not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FormProblem {
    Ladder(LadderError),
    MinutesInvalid,
    DaysInvalid,
    NotSaved,
}

/// The form control a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Minutes,
    Days,
    Form,
}

impl FormProblem {
    fn field(&self) -> Field {
        match self {
            Self::Ladder(LadderError::EmptyName | LadderError::NameTooLong | LadderError::DuplicateName(_)) => {
                Field::Name
            }
            Self::Ladder(LadderError::ZeroCadence) | Self::MinutesInvalid => Field::Minutes,
            Self::DaysInvalid => Field::Days,
            Self::Ladder(LadderError::Unknown(_)) | Self::NotSaved => Field::Form,
        }
    }

    /// The message, in words a responder can act on.
    fn message(&self, text: &LadderText, ladder: &SeverityLadder) -> String {
        let max = MAX_LEVEL_NAME.to_string();
        match self {
            Self::Ladder(LadderError::EmptyName) => text.name_empty.to_owned(),
            Self::Ladder(LadderError::NameTooLong) => fill(text.name_too_long, &[("max", &max)]),
            Self::Ladder(LadderError::DuplicateName(name)) => {
                // Name the level as it is spelled on the ladder.
                let existing = ladder.levels().iter().map(SeverityLevel::name).find(|n| n.eq_ignore_ascii_case(name));
                fill(text.name_taken, &[("name", existing.unwrap_or(name))])
            }
            Self::Ladder(LadderError::ZeroCadence) => text.cadence_zero.to_owned(),
            Self::Ladder(LadderError::Unknown(_)) => text.level_gone.to_owned(),
            Self::MinutesInvalid => text.minutes_invalid.to_owned(),
            Self::DaysInvalid => text.days_invalid.to_owned(),
            Self::NotSaved => text.not_saved.to_owned(),
        }
    }
}

/// The review choice as the form's drop-down holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    NotRequired,
    Optional,
    Required,
}

impl Rule {
    const ALL: [Rule; 3] = [Self::NotRequired, Self::Optional, Self::Required];

    fn key(self) -> &'static str {
        match self {
            Self::NotRequired => "not-required",
            Self::Optional => "optional",
            Self::Required => "required",
        }
    }

    fn label(self, text: &LadderText) -> &'static str {
        match self {
            Self::NotRequired => text.review_option_not_required,
            Self::Optional => text.review_option_optional,
            Self::Required => text.review_option_required,
        }
    }
}

/// What the form holds, as typed.
#[derive(Clone, Copy)]
struct LevelForm {
    name: RwSignal<String>,
    impact: RwSignal<String>,
    response: RwSignal<String>,
    minutes: RwSignal<String>,
    rule: RwSignal<Rule>,
    days: RwSignal<String>,
    business_days: RwSignal<bool>,
}

/// The days a newly required review gets before the responder changes them.
const DEFAULT_REVIEW_DAYS: &str = "5";

impl LevelForm {
    fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            impact: RwSignal::new(String::new()),
            response: RwSignal::new(String::new()),
            minutes: RwSignal::new(String::new()),
            rule: RwSignal::new(Rule::NotRequired),
            days: RwSignal::new(DEFAULT_REVIEW_DAYS.to_owned()),
            business_days: RwSignal::new(false),
        }
    }

    /// Shows `level` in the form, or an empty form for a new level.
    fn fill_from(&self, level: Option<&SeverityLevel>) {
        self.name.set(level.map(|l| l.name().to_owned()).unwrap_or_default());
        self.impact.set(level.and_then(SeverityLevel::impact).unwrap_or_default().to_owned());
        self.response.set(level.and_then(SeverityLevel::response).unwrap_or_default().to_owned());
        self.minutes.set(level.and_then(SeverityLevel::update_minutes).map(|m| m.to_string()).unwrap_or_default());
        let (rule, days, business_days) = match level.map(SeverityLevel::review) {
            Some(Review::Required { within_days, business_days }) => {
                (Rule::Required, within_days.to_string(), business_days)
            }
            Some(Review::Optional) => (Rule::Optional, DEFAULT_REVIEW_DAYS.to_owned(), false),
            Some(Review::NotRequired) | None => (Rule::NotRequired, DEFAULT_REVIEW_DAYS.to_owned(), false),
        };
        self.rule.set(rule);
        self.days.set(days);
        self.business_days.set(business_days);
    }

    /// The draft the form describes, or why it does not describe one. The ladder
    /// checks the name and the cadence.
    fn draft(&self) -> Result<LevelDraft, FormProblem> {
        let update_minutes = whole_number(&self.minutes.get_untracked()).map_err(|()| FormProblem::MinutesInvalid)?;
        let review = match self.rule.get_untracked() {
            Rule::NotRequired => Review::NotRequired,
            Rule::Optional => Review::Optional,
            Rule::Required => match whole_number(&self.days.get_untracked()) {
                Ok(Some(within_days)) if within_days > 0 => {
                    Review::Required { within_days, business_days: self.business_days.get_untracked() }
                }
                _ => return Err(FormProblem::DaysInvalid),
            },
        };
        Ok(LevelDraft {
            name: self.name.get_untracked(),
            impact: self.impact.get_untracked(),
            response: self.response.get_untracked(),
            update_minutes,
            review,
        })
    }
}

/// A whole number as typed (full-width digits from an input method included);
/// `None` when the field is empty.
fn whole_number(typed: &str) -> Result<Option<u32>, ()> {
    let digits: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            c => c,
        })
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(());
    }
    digits.parse().map(Some).map_err(|_| ())
}

/// How often a level asks for status updates.
fn cadence(text: &LadderText, minutes: Option<u32>) -> String {
    match minutes {
        None => text.updates_none.to_owned(),
        Some(m) if m >= 60 && m % 60 == 0 => fill(text.updates_every_hours, &[("hours", &(m / 60).to_string())]),
        Some(m) => fill(text.updates_every_minutes, &[("minutes", &m.to_string())]),
    }
}

/// When a level's review is due.
fn review_rule(text: &LadderText, review: Review) -> String {
    match review {
        Review::NotRequired => text.review_not_required.to_owned(),
        Review::Optional => text.review_optional.to_owned(),
        Review::Required { within_days: 1, business_days: false } => text.review_within_one_day.to_owned(),
        Review::Required { within_days: 1, business_days: true } => text.review_within_one_business_day.to_owned(),
        Review::Required { within_days, business_days } => {
            let template = if business_days { text.review_within_business_days } else { text.review_within_days };
            fill(template, &[("days", &within_days.to_string())])
        }
    }
}

fn edit_button_id(id: &Severity) -> String {
    format!("ladder-edit-{id}")
}

fn move_button_id(id: &Severity, up: bool) -> String {
    format!("ladder-{}-{id}", if up { "up" } else { "down" })
}

const ADD_BUTTON_ID: &str = "ladder-add";

/// The severity ladder editor, shown on the settings page.
#[component]
pub fn LadderEditor() -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().ladder;
    let editing = RwSignal::new(None::<Editing>);
    let form = LevelForm::new();
    let problem = RwSignal::new(None::<FormProblem>);
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);

    let open = move |target: Editing| {
        let level = match &target {
            Editing::Level(id) => context.settings.with_untracked(|s| s.ladder().level(id).cloned()),
            Editing::New => None,
        };
        form.fill_from(level.as_ref());
        problem.set(None);
        notice.set(None);
        editing.set(Some(target));
        focus_soon("ladder-name".to_owned());
    };
    let close = move || {
        let back = match editing.get_untracked() {
            Some(Editing::Level(id)) => edit_button_id(&id),
            _ => ADD_BUTTON_ID.to_owned(),
        };
        editing.set(None);
        problem.set(None);
        focus_soon(back);
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(target) = editing.get_untracked() else { return };
        let settings = context.settings.get_untracked();
        let changed = form.draft().and_then(|draft| {
            let ladder = settings.ladder();
            match target {
                Editing::Level(id) => ladder.with_edited(&id, &draft).map(|changed| (changed, id)),
                Editing::New => {
                    let id = Severity::new(&format!("level-{}", new_runbook_id()));
                    ladder.with_added(id.clone(), &draft).map(|changed| (changed, id))
                }
            }
            .map_err(FormProblem::Ladder)
        });
        let (ladder, id) = match changed {
            Ok(changed) => changed,
            Err(refused) => {
                let field = refused.field();
                problem.set(Some(refused));
                notice.set(None);
                return focus(match field {
                    Field::Name | Field::Form => "ladder-name",
                    Field::Minutes => "ladder-minutes",
                    Field::Days => "ladder-days",
                });
            }
        };
        problem.set(None);
        notice.set(Some(Notice::Saving));
        busy.set(true);
        spawn_local(async move {
            let saved = context.save_settings(settings.with_ladder(ladder)).await.is_ok();
            busy.set(false);
            if saved {
                editing.set(None);
                notice.set(Some(Notice::Saved));
                focus_soon(edit_button_id(&id));
            } else {
                notice.set(None);
                problem.set(Some(FormProblem::NotSaved));
            }
        });
    };

    let on_move = move |id: Severity, up: bool| {
        if busy.get_untracked() {
            return;
        }
        let settings = context.settings.get_untracked();
        let moved = settings.ladder().with_moved(&id, up);
        if &moved == settings.ladder() {
            return;
        }
        let (place, last) = (moved.rank(&id), moved.levels().len() - 1);
        notice.set(Some(Notice::Saving));
        busy.set(true);
        spawn_local(async move {
            let saved = context.save_settings(settings.with_ladder(moved)).await.is_ok();
            busy.set(false);
            if saved {
                notice.set(Some(Notice::Moved(id.clone())));
                // Keep focus on the button just used, unless the level reached the
                // end where that button is disabled.
                let again = if up { place > 0 } else { place < last };
                focus_soon(move_button_id(&id, if again { up } else { !up }));
            } else {
                notice.set(None);
            }
        });
    };

    let status = move || {
        let text = l();
        notice.get().map(|n| match n {
            Notice::Saving => text.saving.to_owned(),
            Notice::Saved => text.saved.to_owned(),
            Notice::Moved(id) => context.settings.with(|s| {
                let ladder = s.ladder();
                let place = (ladder.rank(&id) + 1).to_string();
                let count = ladder.levels().len().to_string();
                fill(text.moved, &[("name", ladder.name(&id)), ("place", &place), ("count", &count)])
            }),
        })
    };

    let levels = move || {
        let ladder = context.ladder();
        let count = ladder.levels().len();
        let open_form = editing.get();
        let mut items = ladder
            .levels()
            .iter()
            .enumerate()
            .map(|(place, level)| {
                let being_edited = open_form.as_ref() == Some(&Editing::Level(level.id().clone()));
                view! {
                    <LevelItem
                        level=level.clone()
                        place
                        count
                        being_edited
                        form
                        problem
                        busy
                        on_edit=Callback::new(move |id| open(Editing::Level(id)))
                        on_move=Callback::new(move |(id, up)| on_move(id, up))
                        on_submit=Callback::new(on_submit)
                        on_cancel=Callback::new(move |()| close())
                    />
                }
                .into_any()
            })
            .collect::<Vec<_>>();
        if open_form == Some(Editing::New) {
            items.push(
                view! {
                    <li class="ladder__level ladder__level--new">
                        <h3 class="ladder__name" id="ladder-new-heading">{move || l().new_level}</h3>
                        <LevelFormView
                            builtin=false
                            defaults=None
                            labelled_by="ladder-new-heading".to_owned()
                            form
                            problem
                            busy
                            on_submit=Callback::new(on_submit)
                            on_cancel=Callback::new(move |()| close())
                        />
                    </li>
                }
                .into_any(),
            );
        }
        items
    };

    view! {
        <section class="ladder" aria-labelledby="ladder-heading">
            <h2 id="ladder-heading">{move || l().title}</h2>
            <p class="field__hint">{move || l().intro}</p>
            <ol class="ladder__levels">{levels}</ol>
            <p class="ladder__status" role="status">{status}</p>
            <Show when=move || editing.get() != Some(Editing::New)>
                <button type="button" class="button" id=ADD_BUTTON_ID on:click=move |_| open(Editing::New)>
                    {move || l().add_level}
                </button>
            </Show>
        </section>
    }
}

/// One level as listed, or its form while it is being edited.
#[component]
fn LevelItem(
    level: SeverityLevel,
    place: usize,
    count: usize,
    being_edited: bool,
    form: LevelForm,
    problem: RwSignal<Option<FormProblem>>,
    busy: RwSignal<bool>,
    on_edit: Callback<Severity>,
    on_move: Callback<(Severity, bool)>,
    on_submit: Callback<leptos::ev::SubmitEvent>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let context = AppContext::get();
    let text = context.text();
    let l = text.ladder;
    let id = level.id().clone();
    let name = level.name().to_owned();
    let heading_id = format!("ladder-level-{id}");
    let impact = text.level_impact(&level);
    let response = text.level_response(&level);
    let shown = |wording: String| {
        if wording.is_empty() {
            view! { <dd class="ladder__missing">{l.not_described}</dd> }.into_any()
        } else {
            view! { <dd>{wording}</dd> }.into_any()
        }
    };
    let body = if being_edited {
        let builtin = id.builtin_rank().is_some();
        // The built-in level as shipped has no wording of its own, so it reads
        // as the default wording.
        let defaults = SeverityLadder::default()
            .level(&id)
            .map(|shipped| (text.level_impact(shipped), text.level_response(shipped)));
        view! {
            <LevelFormView
                builtin
                defaults
                labelled_by=heading_id.clone()
                form
                problem
                busy
                on_submit
                on_cancel
            />
        }
        .into_any()
    } else {
        let (edit_id, up_id, down_id) = (edit_button_id(&id), move_button_id(&id, true), move_button_id(&id, false));
        let (edit_target, up_target, down_target) = (id.clone(), id.clone(), id.clone());
        view! {
            <dl class="ladder__details">
                <div class="ladder__detail">
                    <dt>{l.impact_label}</dt>
                    {shown(impact)}
                </div>
                <div class="ladder__detail">
                    <dt>{l.response_label}</dt>
                    {shown(response)}
                </div>
            </dl>
            <ul class="ladder__rules">
                <li>{cadence(l, level.update_minutes())}</li>
                <li>{review_rule(l, level.review())}</li>
            </ul>
            <div class="ladder__actions">
                <button
                    type="button"
                    class="button button--small"
                    id=edit_id
                    aria-label=fill(l.edit_aria, &[("name", &name)])
                    on:click=move |_| on_edit.run(edit_target.clone())
                >
                    {l.edit}
                </button>
                <button
                    type="button"
                    class="button button--small"
                    id=up_id
                    aria-label=fill(l.move_up_aria, &[("name", &name)])
                    disabled={place == 0}
                    on:click=move |_| on_move.run((up_target.clone(), true))
                >
                    {l.move_up}
                </button>
                <button
                    type="button"
                    class="button button--small"
                    id=down_id
                    aria-label=fill(l.move_down_aria, &[("name", &name)])
                    disabled={place + 1 >= count}
                    on:click=move |_| on_move.run((down_target.clone(), false))
                >
                    {l.move_down}
                </button>
            </div>
        }
        .into_any()
    };
    let class = if being_edited { "ladder__level ladder__level--editing" } else { "ladder__level" };
    view! {
        <li class=class>
            <h3 class="ladder__name" id=heading_id>
                <SeverityBadge severity=id />
            </h3>
            {body}
        </li>
    }
}

/// The form that edits or adds a level.
#[component]
fn LevelFormView(
    /// Whether the level is built in, so that empty wording keeps its default.
    builtin: bool,
    /// The default impact and response wording of a built-in level.
    defaults: Option<(String, String)>,
    /// The id of the heading that names the form.
    labelled_by: String,
    form: LevelForm,
    problem: RwSignal<Option<FormProblem>>,
    busy: RwSignal<bool>,
    on_submit: Callback<leptos::ev::SubmitEvent>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let context = AppContext::get();
    let l = move || context.text().ladder;
    let (impact_default, response_default) = defaults.unwrap_or_default();
    let message_for = move |field: Field| {
        move || {
            problem.with(|p| {
                p.as_ref().filter(|p| p.field() == field).map(|p| context.settings.with(|s| p.message(l(), s.ladder())))
            })
        }
    };
    let invalid =
        move |field: Field| move || problem.with(|p| p.as_ref().is_some_and(|p| p.field() == field)).to_string();
    let impact_hint = move || if builtin { l().keep_default_hint } else { l().impact_hint };
    let response_hint = move || if builtin { l().keep_default_hint } else { l().response_hint };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_cancel.run(());
        }
    };
    view! {
        <form
            class="ladder__form"
            aria-labelledby=labelled_by
            novalidate
            on:submit=move |ev| on_submit.run(ev)
            on:keydown=on_keydown
        >
            <div class="field">
                <label for="ladder-name">{move || l().name_label}</label>
                <input
                    id="ladder-name"
                    class="ladder__short"
                    type="text"
                    autocomplete="off"
                    bind:value=form.name
                    aria-invalid=invalid(Field::Name)
                    aria-describedby="ladder-name-hint ladder-name-error"
                />
                <p id="ladder-name-hint" class="field__hint">
                    {move || fill(l().name_hint, &[("max", &MAX_LEVEL_NAME.to_string())])}
                </p>
                <p id="ladder-name-error" class="field__error" aria-live="assertive">
                    {message_for(Field::Name)}
                </p>
            </div>
            <div class="field">
                <label for="ladder-impact">{move || l().impact_label}</label>
                <textarea
                    id="ladder-impact"
                    rows="2"
                    bind:value=form.impact
                    placeholder=impact_default
                    aria-describedby="ladder-impact-hint"
                ></textarea>
                <p id="ladder-impact-hint" class="field__hint">{impact_hint}</p>
            </div>
            <div class="field">
                <label for="ladder-response">{move || l().response_label}</label>
                <textarea
                    id="ladder-response"
                    rows="2"
                    bind:value=form.response
                    placeholder=response_default
                    aria-describedby="ladder-response-hint"
                ></textarea>
                <p id="ladder-response-hint" class="field__hint">{response_hint}</p>
            </div>
            <div class="field">
                <label for="ladder-minutes">{move || l().minutes_label}</label>
                <input
                    id="ladder-minutes"
                    class="ladder__number"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    bind:value=form.minutes
                    aria-invalid=invalid(Field::Minutes)
                    aria-describedby="ladder-minutes-hint ladder-minutes-error"
                />
                <p id="ladder-minutes-hint" class="field__hint">{move || l().minutes_hint}</p>
                <p id="ladder-minutes-error" class="field__error" aria-live="assertive">
                    {message_for(Field::Minutes)}
                </p>
            </div>
            <div class="ladder__review">
                <div class="field">
                    <label for="ladder-review">{move || l().review_label}</label>
                    <select
                        id="ladder-review"
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            if let Some(rule) = Rule::ALL.into_iter().find(|r| r.key() == key) {
                                form.rule.set(rule);
                            }
                        }
                    >
                        {Rule::ALL
                            .into_iter()
                            .map(|rule| {
                                view! {
                                    <option value=rule.key() prop:selected=move || form.rule.get() == rule>
                                        {move || rule.label(l())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Show when=move || form.rule.get() == Rule::Required>
                    <div class="field">
                        <label for="ladder-days">{move || l().days_label}</label>
                        <input
                            id="ladder-days"
                            class="ladder__number"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            bind:value=form.days
                            aria-invalid=invalid(Field::Days)
                            aria-describedby="ladder-days-error"
                        />
                        <p id="ladder-days-error" class="field__error" aria-live="assertive">
                            {message_for(Field::Days)}
                        </p>
                    </div>
                    <div class="field field--inline ladder__business">
                        <input id="ladder-business" type="checkbox" bind:checked=form.business_days />
                        <label for="ladder-business">{move || l().business_days_label}</label>
                    </div>
                </Show>
            </div>
            <p class="field__error" aria-live="assertive">{message_for(Field::Form)}</p>
            <div class="ladder__form-actions">
                <button type="submit" class="button button--primary" disabled=move || busy.get()>
                    {move || l().save}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {move || l().cancel}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_whole_and_may_be_full_width() {
        assert_eq!(whole_number(" 30 "), Ok(Some(30)));
        assert_eq!(whole_number("３０"), Ok(Some(30)));
        assert_eq!(whole_number(""), Ok(None));
        assert_eq!(whole_number("1.5"), Err(()));
        assert_eq!(whole_number("-3"), Err(()));
        assert_eq!(whole_number("99999999999"), Err(()));
    }

    #[test]
    fn rules_read_as_sentences() {
        let en = &crate::ui::settings::ladder_text::EN;
        assert_eq!(cadence(en, Some(20)), "Status updates every 20 min");
        assert_eq!(cadence(en, Some(240)), "Status updates every 4 h");
        assert_eq!(cadence(en, None), "No status updates");
        let review = |within_days, business_days| review_rule(en, Review::Required { within_days, business_days });
        assert_eq!(review(3, false), "Review required within 3 days");
        assert_eq!(review(5, true), "Review required within 5 business days");
        assert_eq!(review(1, false), "Review required within 1 day");
        assert_eq!(review_rule(en, Review::Optional), "Review optional");
        assert_eq!(review_rule(en, Review::NotRequired), "Review not required");
    }
}
