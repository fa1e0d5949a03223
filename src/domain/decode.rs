//! The one way JSON becomes a domain value.
//!
//! Stored records, documents from the CouchDB server and imported files are all
//! decoded here, through `serde_path_to_error` over a borrowed `serde_json::Value`.
//! One decoder type means each domain type's `Deserialize` code is compiled once
//! instead of once per decoder (about 30 KB of the shipped build), and every
//! failure names where in the value it is.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why a value did not decode: the path inside it and serde's message.
pub type DecodeError = serde_path_to_error::Error<serde_json::Error>;

/// Decodes `value` as a `T`.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(value)
}

/// Decodes JSON text as a `T`, if it is JSON and holds one: the text is parsed
/// as a `Value` and decoded from it, so no type is compiled again for
/// serde_json's text reader.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_value(&serde_json::from_str::<Value>(text).ok()?).ok()
}
