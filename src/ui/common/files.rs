//! Files in and out of the browser: downloads built in memory and files the user
//! picks. Nothing goes over the network.

use gloo_file::{Blob, File, ObjectUrl};
use wasm_bindgen::{JsCast, JsValue};

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
    let url = ObjectUrl::from(Blob::new_with_options(contents, Some(mime)));
    let anchor: web_sys::HtmlAnchorElement =
        gloo_utils::document().create_element("a").map_err(browser)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_rel("noopener");
    anchor.click();
    // The browser starts reading the blob only after the click has been handled;
    // the address is released (the `ObjectUrl` dropped) once it surely has.
    gloo_timers::callback::Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// Reads the first file chosen in a file input as text, refusing it unread when
/// it is larger than `max_bytes`.
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    max_bytes: usize,
) -> Result<Option<(String, String)>, FileError> {
    let Some(file) = input.files().and_then(|files| files.get(0)).map(File::from) else { return Ok(None) };
    if file.size() > max_bytes as u64 {
        return Err(FileError::TooLarge);
    }
    let text = gloo_file::futures::read_as_text(&file).await.map_err(|error| FileError::Browser(error.to_string()))?;
    Ok(Some((file.name(), text)))
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
