//! Runbooks as Markdown (being written).
