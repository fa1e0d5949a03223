//! What the sync indicator says, and how long to wait before trying again.
//! Pure; native tests.

use super::replicate::SyncError;
use super::RemoteError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The state of one shared incident's sync, as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// The first round has not finished yet.
    Connecting {
        /// Documents waiting to be sent.
        waiting: usize,
    },
    /// Everything here is on the server and everything there is here.
    Synced {
        /// When the last round completed.
        at: DateTime<Utc>,
    },
    /// Changes made here wait to be sent (a round is under way).
    Waiting {
        /// How many.
        waiting: usize,
    },
    /// The server cannot be reached; changes wait and are sent when it is back.
    Offline {
        /// How many changes wait.
        waiting: usize,
    },
    /// The session ended: sign in again to send and receive.
    SignedOut {
        /// How many changes wait.
        waiting: usize,
    },
    /// The server refused, or something else failed; the reason says what.
    Failed {
        /// How many changes wait.
        waiting: usize,
        /// Why.
        reason: String,
    },
}

impl Status {
    /// The status after a round that failed with `error`, with `waiting`
    /// changes still to send.
    pub fn after(error: &SyncError, waiting: usize) -> Status {
        match error {
            SyncError::Remote(RemoteError::Unreachable) => Status::Offline { waiting },
            SyncError::Remote(RemoteError::SignedOut | RemoteError::WrongPassword) => Status::SignedOut { waiting },
            other => Status::Failed { waiting, reason: other.to_string() },
        }
    }

    /// How many changes wait to be sent.
    pub fn waiting(&self) -> usize {
        match self {
            Status::Synced { .. } => 0,
            Status::Connecting { waiting }
            | Status::Waiting { waiting }
            | Status::Offline { waiting }
            | Status::SignedOut { waiting }
            | Status::Failed { waiting, .. } => *waiting,
        }
    }

    /// How urgent it is for the user: the indicator shows the most urgent status
    /// of all shared incidents.
    fn urgency(&self) -> u8 {
        match self {
            Status::Synced { .. } => 0,
            Status::Connecting { .. } => 1,
            Status::Waiting { .. } => 2,
            Status::Offline { .. } => 3,
            Status::SignedOut { .. } => 4,
            Status::Failed { .. } => 5,
        }
    }
}

/// The status of several shared incidents as one: the most urgent, with every
/// incident's waiting changes counted, and for all synced the oldest sync time.
pub fn combined<'a>(statuses: impl IntoIterator<Item = &'a Status>) -> Option<Status> {
    let statuses: Vec<&Status> = statuses.into_iter().collect();
    let waiting = statuses.iter().map(|s| s.waiting()).sum();
    let worst = statuses.iter().max_by_key(|s| s.urgency())?;
    Some(match worst {
        Status::Synced { .. } => {
            let at = statuses.iter().filter_map(|s| if let Status::Synced { at } = s { Some(*at) } else { None }).min();
            Status::Synced { at: at.unwrap_or_default() }
        }
        Status::Connecting { .. } => Status::Connecting { waiting },
        Status::Waiting { .. } => Status::Waiting { waiting },
        Status::Offline { .. } => Status::Offline { waiting },
        Status::SignedOut { .. } => Status::SignedOut { waiting },
        Status::Failed { reason, .. } => Status::Failed { waiting, reason: reason.clone() },
    })
}

/// Seconds to wait before the next attempt after `failures` failed rounds in a
/// row: 1, 2, 4, ... up to a minute.
pub fn backoff_seconds(failures: u32) -> u32 {
    1u32.checked_shl(failures.saturating_sub(1)).unwrap_or(u32::MAX).min(60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;
    use chrono::TimeZone;

    #[test]
    fn back_off_doubles_up_to_a_minute() {
        let waits: Vec<u32> = (1..=9).map(backoff_seconds).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(backoff_seconds(200), 60);
    }

    #[test]
    fn a_failed_round_says_what_to_do() {
        let unreachable = SyncError::Remote(RemoteError::Unreachable);
        assert_eq!(Status::after(&unreachable, 3), Status::Offline { waiting: 3 });
        assert_eq!(Status::after(&SyncError::Remote(RemoteError::SignedOut), 1), Status::SignedOut { waiting: 1 });
        let refused = SyncError::Remote(RemoteError::Forbidden("Only writers may add".into()));
        assert_eq!(
            Status::after(&refused, 2),
            Status::Failed { waiting: 2, reason: "the server refused: Only writers may add".into() }
        );
        let full = SyncError::Store(StoreError::QuotaExceeded);
        assert!(matches!(Status::after(&full, 0), Status::Failed { .. }));
    }

    #[test]
    fn the_indicator_shows_the_most_urgent_status_and_every_waiting_change() {
        let at = |minute| Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap();
        assert_eq!(combined(&[]), None);
        let synced = [Status::Synced { at: at(5) }, Status::Synced { at: at(2) }];
        assert_eq!(combined(&synced), Some(Status::Synced { at: at(2) }));
        let mixed = [Status::Synced { at: at(5) }, Status::Offline { waiting: 2 }, Status::Waiting { waiting: 1 }];
        assert_eq!(combined(&mixed), Some(Status::Offline { waiting: 3 }));
    }
}
