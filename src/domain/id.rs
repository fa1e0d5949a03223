//! Globally unique, time-sortable identifiers.
//!
//! Ids are ULIDs: 48 bits of milliseconds followed by 80 random bits, written as 26
//! Crockford base-32 characters. Two browsers that record entries independently get
//! ids that never collide, so their exports merge without duplicates, and ids sort
//! by creation time. The caller supplies the time and the random bits.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ulid::Ulid;

macro_rules! ulid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(Ulid);

        impl $name {
            /// Builds an id from a creation time in milliseconds since the Unix epoch
            /// and 80 bits of randomness (higher bits of `random` are ignored).
            pub fn from_parts(unix_millis: u64, random: u128) -> Self {
                Self(Ulid::from_parts(unix_millis, random))
            }

            /// The next id in sort order within the same millisecond, if the random
            /// part has room (it almost always has).
            pub fn successor(self) -> Option<Self> {
                self.0.increment().ok().map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ulid::from_string(s).map(Self).map_err(|_| InvalidId(s.to_owned()))
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;

            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.to_string()
            }
        }
    };
}

ulid_id!(
    /// Identifies an incident; it is also the incident's address in the app.
    IncidentId
);
ulid_id!(
    /// Identifies one timeline entry across every browser that ever recorded one.
    EntryId
);
ulid_id!(
    /// Identifies a runbook across all its versions.
    RunbookId
);
ulid_id!(
    /// Identifies one run of a runbook inside an incident.
    RunId
);

/// A string that is not a 26-character ULID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a valid id")]
pub struct InvalidId(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_sort_by_time() {
        let early = EntryId::from_parts(1_000, u128::MAX);
        let late = EntryId::from_parts(1_001, 0);
        assert!(early < late);
        assert!(early.to_string() < late.to_string());
        assert_eq!(early.to_string().parse::<EntryId>(), Ok(early));
        assert_eq!(early.to_string().len(), 26);
    }

    #[test]
    fn malformed_ids_are_refused() {
        assert!("not-an-id".parse::<IncidentId>().is_err());
        assert!("".parse::<IncidentId>().is_err());
    }
}
