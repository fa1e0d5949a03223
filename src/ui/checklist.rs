//! Checklists (being written).
