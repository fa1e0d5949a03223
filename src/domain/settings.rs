//! Workspace settings: who the responder is and which language they read.

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

/// Settings of the workspace, the data kept in one browser profile.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Settings {
    display_name: String,
    #[serde(default)]
    language: Language,
    #[serde(default)]
    ladder: SeverityLadder,
}

/// The longest display name accepted, in characters.
pub const MAX_DISPLAY_NAME: usize = 80;

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
    fn language_tags_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
        }
        assert_eq!(Language::from_tag("fr"), None);
    }
}
