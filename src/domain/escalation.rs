//! Escalations (being written).

use serde::{Deserialize, Serialize};

/// One event of an escalation, recorded as a timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationEvent {}
