//! Workspace settings: who the responder is and which language they read.

use super::catalog::Catalog;
use super::roles::Person;
use super::severity::SeverityLadder;
use serde::{Deserialize, Serialize};

/// A language the interface is fully translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    /// English.
    #[default]
    #[serde(rename = "en")]
    English,
    /// Traditional Chinese as written in Taiwan.
    #[serde(rename = "zh-TW")]
    TraditionalChinese,
}

impl Language {
    /// Every supported language, in the order the switcher lists them.
    pub const ALL: [Language; 2] = [Self::English, Self::TraditionalChinese];

    /// The BCP 47 tag, as used in the document's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::TraditionalChinese => "zh-TW",
        }
    }

    /// The language's name written in that language, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::TraditionalChinese => "繁體中文",
        }
    }

    /// Parses a tag produced by [`Language::tag`].
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|language| language.tag() == tag)
    }
}

/// Settings of the workspace, the data kept in one browser profile. Stored or
/// imported settings are decoded through the rules their changes keep: a display
/// name of at most [`MAX_DISPLAY_NAME`] characters, and one person per name (the
/// ladder, people and catalog check their own).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "SettingsData")]
pub struct Settings {
    display_name: String,
    #[serde(default)]
    language: Language,
    #[serde(default)]
    ladder: SeverityLadder,
    #[serde(default)]
    people: Vec<Person>,
    #[serde(default)]
    catalog: Catalog,
}

/// The longest display name accepted, in characters.
pub const MAX_DISPLAY_NAME: usize = 80;

/// The stored shape of [`Settings`], before their checks.
#[derive(Deserialize)]
struct SettingsData {
    display_name: String,
    #[serde(default)]
    language: Language,
    #[serde(default)]
    ladder: SeverityLadder,
    #[serde(default)]
    people: Vec<Person>,
    #[serde(default)]
    catalog: Catalog,
}

/// Why stored settings were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The display name is longer than [`MAX_DISPLAY_NAME`] characters.
    #[error("the display name is longer than {MAX_DISPLAY_NAME} characters")]
    NameTooLong,
    /// Two people have the same name.
    #[error("{0} appears twice among the people")]
    DuplicatePerson(String),
}

impl TryFrom<SettingsData> for Settings {
    type Error = SettingsError;

    fn try_from(data: SettingsData) -> Result<Self, Self::Error> {
        if data.display_name.chars().count() > MAX_DISPLAY_NAME {
            return Err(SettingsError::NameTooLong);
        }
        let mut names = std::collections::BTreeSet::new();
        if let Some(twice) = data.people.iter().find(|p| !names.insert(p.name().to_lowercase())) {
            return Err(SettingsError::DuplicatePerson(twice.name().to_owned()));
        }
        let SettingsData { display_name, language, ladder, people, catalog } = data;
        Ok(Self { display_name: display_name.trim().to_owned(), language, ladder, people, catalog })
    }
}

impl Settings {
    /// The name timeline entries are signed with; empty until the responder sets it.
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The interface language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// These settings with another display name, trimmed and cut to
    /// [`MAX_DISPLAY_NAME`] characters.
    pub fn with_display_name(&self, name: &str) -> Self {
        let display_name = name.trim().chars().take(MAX_DISPLAY_NAME).collect();
        Self { display_name, ..self.clone() }
    }

    /// The severity ladder.
    pub fn ladder(&self) -> &SeverityLadder {
        &self.ladder
    }

    /// These settings with another severity ladder.
    pub fn with_ladder(&self, ladder: SeverityLadder) -> Self {
        Self { ladder, ..self.clone() }
    }

    /// The service catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// These settings with another service catalog.
    pub fn with_catalog(&self, catalog: Catalog) -> Self {
        Self { catalog, ..self.clone() }
    }

    /// The people directory, by name.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// These settings with `person` added to the directory, replacing anyone with
    /// the same name.
    pub fn with_person(&self, person: Person) -> Self {
        let mut people: Vec<Person> =
            self.people.iter().filter(|p| !p.name().eq_ignore_ascii_case(person.name())).cloned().collect();
        people.push(person);
        crate::domain::order::sort_by_key(&mut people, |p| p.name().to_lowercase());
        Self { people, ..self.clone() }
    }

    /// The person called `name` (ignoring case), if the directory has them.
    pub fn person(&self, name: &str) -> Option<&Person> {
        let name = name.trim();
        self.people.iter().find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// These settings without the person called `name`.
    pub fn without_person(&self, name: &str) -> Self {
        let people = self.people.iter().filter(|p| !p.name().eq_ignore_ascii_case(name)).cloned().collect();
        Self { people, ..self.clone() }
    }

    /// These settings with another interface language.
    pub fn with_language(&self, language: Language) -> Self {
        Self { language, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_is_trimmed_and_bounded() {
        let settings = Settings::default().with_display_name("  Mei-Ling  ");
        assert_eq!(settings.display_name(), "Mei-Ling");
        let long = "x".repeat(200);
        assert_eq!(settings.with_display_name(&long).display_name().len(), MAX_DISPLAY_NAME);
    }

    #[test]
    fn people_are_kept_by_name() {
        let ana = Person::new("Ana", "SRE", "+1 555").unwrap();
        let settings = Settings::default().with_person(ana).with_person(Person::new("bo", "DB", "").unwrap());
        let settings = settings.with_person(Person::new("ANA", "Payments", "").unwrap());
        let names: Vec<_> = settings.people().iter().map(|p| (p.name(), p.team())).collect();
        assert_eq!(names, [("ANA", "Payments"), ("bo", "DB")]);
        assert!(settings.without_person("ana").people().iter().all(|p| p.name() != "ANA"));
    }

    #[test]
    fn a_person_added_again_keeps_what_was_left_empty() {
        let ana = Person::new("Ana Lee", "SRE", "+886 912 345 678").unwrap();
        let settings = Settings::default().with_person(ana.clone());
        let found = settings.person(" ana lee ").expect("found by name, ignoring case");
        let again = Person::new("Ana Lee", "", "").unwrap();
        assert_eq!(found.updated_by(&again), ana, "empty fields keep the details");
        let moved = found.updated_by(&Person::new("ana lee", "Payments", "").unwrap());
        assert_eq!((moved.name(), moved.team(), moved.reach()), ("ana lee", "Payments", "+886 912 345 678"));
        assert_eq!(settings.person("Bo"), None);
    }

    #[test]
    fn language_tags_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
        }
        assert_eq!(Language::from_tag("fr"), None);
    }
}
