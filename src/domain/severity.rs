//! The default severity ladder of PRODUCT.md §3.
//!
//! Levels are ordered from worst (SEV1) to mildest (SEV4). The words that define each
//! level for people live in the UI's message catalog; the numbers that drive the
//! process (status-update cadence, whether a review is required) live here.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad an incident is for customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// Service down, or data exposed or lost, for many customers.
    #[serde(rename = "SEV1")]
    Sev1,
    /// A critical function down, or many customers badly degraded.
    #[serde(rename = "SEV2")]
    Sev2,
    /// Partial loss for a minority of customers.
    #[serde(rename = "SEV3")]
    Sev3,
    /// Minor, with no effect on customers' ability to use the product.
    #[serde(rename = "SEV4")]
    Sev4,
}

impl Severity {
    /// Every level, worst first.
    pub const ALL: [Severity; 4] = [Self::Sev1, Self::Sev2, Self::Sev3, Self::Sev4];

    /// The level's short name, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sev1 => "SEV1",
            Self::Sev2 => "SEV2",
            Self::Sev3 => "SEV3",
            Self::Sev4 => "SEV4",
        }
    }

    /// Minutes between status updates while the incident is open, if updates are due.
    pub fn update_cadence_minutes(self) -> Option<u32> {
        match self {
            Self::Sev1 => Some(20),
            Self::Sev2 => Some(30),
            Self::Sev3 => Some(240),
            Self::Sev4 => None,
        }
    }

    /// Whether a post-incident review is required at this level.
    pub fn review_required(self) -> bool {
        matches!(self, Self::Sev1 | Self::Sev2)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Severity {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|level| level.name() == s)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_is_ordered_worst_first_and_names_round_trip() {
        assert!(Severity::Sev1 < Severity::Sev4);
        for level in Severity::ALL {
            assert_eq!(level.name().parse(), Ok(level));
        }
        assert_eq!("SEV9".parse::<Severity>(), Err(()));
    }

    #[test]
    fn defaults_follow_the_product_brief() {
        let cadence: Vec<_> = Severity::ALL.map(Severity::update_cadence_minutes).into();
        assert_eq!(cadence, [Some(20), Some(30), Some(240), None]);
        let review: Vec<_> = Severity::ALL.map(Severity::review_required).into();
        assert_eq!(review, [true, true, false, false]);
    }
}
