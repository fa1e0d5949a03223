//! Status updates (being written).

use serde::{Deserialize, Serialize};

/// A posted status update, recorded as a timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {}
