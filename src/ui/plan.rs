//! The remediation plan (being written).
