//! The service catalog (being written).

use serde::{Deserialize, Serialize};

/// The workspace's components and their triage information.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Catalog {}
