//! Files in and out of the browser: downloads built in memory and files the user
//! picks. Nothing goes over the network.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The largest file the app reads unless a caller asks for another limit, in
/// bytes; anything larger is refused unread.
pub const MAX_READ_BYTES: usize = 4 * 1024 * 1024;

/// Why a file could not be read or offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// The file is larger than the app reads.
    TooLarge,
    /// The browser could not read or write the file.
    Browser(String),
}

fn browser(error: JsValue) -> FileError {
    FileError::Browser(error.as_string().unwrap_or_else(|| format!("{error:?}")))
}

/// Turns a name into a safe file name: letters, digits, dashes and dots only,
/// at most 80 characters, never empty, never hidden.
pub fn safe_file_name(name: &str, extension: &str) -> String {
    let mut stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    stem = stem.chars().take(80).collect();
    if stem.is_empty() {
        stem = "sitrep".into();
    }
    format!("{stem}.{extension}")
}

/// A file size limit in words: "4 MB", "64 KB".
pub fn size_words(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Offers `contents` as a download named `file_name` with the MIME type `mime`.
pub fn download(file_name: &str, mime: &str, contents: &str) -> Result<(), FileError> {
    let document =
        web_sys::window().and_then(|w| w.document()).ok_or_else(|| FileError::Browser("no document".into()))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(browser)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(browser)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(browser)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_rel("noopener");
    anchor.click();
    // The browser starts reading the blob only after the click has been handled;
    // the address is released once it surely has.
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Reads the first file chosen in a file input as text, refusing it unread when
/// it is larger than `max_bytes`.
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    max_bytes: usize,
) -> Result<Option<(String, String)>, FileError> {
    let Some(file) = input.files().and_then(|files| files.get(0)) else { return Ok(None) };
    if file.size() > max_bytes as f64 {
        return Err(FileError::TooLarge);
    }
    let text = JsFuture::from(file.text()).await.map_err(browser)?;
    Ok(Some((file.name(), text.as_string().unwrap_or_default())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("Major incident: SEV1/SEV2", "md"), "major-incident-sev1-sev2.md");
        assert_eq!(safe_file_name("../../etc/passwd", "md"), "etc-passwd.md");
        assert_eq!(safe_file_name("重大事故", "md"), "重大事故.md");
        assert_eq!(safe_file_name("  ", "csv"), "sitrep.csv");
    }
}
