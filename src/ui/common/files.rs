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
///
/// The bytes are read and decoded here ([`text_of`]), not by the browser: its
/// text would cross into the app as a JavaScript string, encoded again on the
/// way (about 40 ms for an incident of 10,000 entries, 3 % of its import).
pub async fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    max_bytes: usize,
) -> Result<Option<(String, String)>, FileError> {
    let Some(file) = input.files().and_then(|files| files.get(0)).map(File::from) else { return Ok(None) };
    if file.size() > max_bytes as u64 {
        return Err(FileError::TooLarge);
    }
    let text = read_text(&file).await.map_err(FileError::Browser)?;
    Ok(Some((file.name(), text)))
}

/// The text of `file` ([`text_of`] its bytes), or the browser's words for why
/// it could not be read.
pub async fn read_text(file: &File) -> Result<String, String> {
    gloo_file::futures::read_as_bytes(file).await.map(text_of).map_err(|error| error.to_string())
}

/// A file's text as the browser's `FileReader.readAsText` gives it: a byte
/// order mark names UTF-16 (either byte order) or UTF-8 and is dropped; without
/// one the file is UTF-8. Whatever does not decode becomes U+FFFD.
fn text_of(mut bytes: Vec<u8>) -> String {
    match bytes.as_slice() {
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        _ => {
            if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                bytes.drain(..3);
            }
            String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
        }
    }
}

/// UTF-16 text of code units read with `unit`; an odd byte at the end is U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let mut text: String = char::decode_utf16(pairs.map(|pair| unit([pair[0], pair[1]])))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_text_is_decoded_as_the_browser_reads_it() {
        assert_eq!(text_of(b"{\"a\": 1}".to_vec()), "{\"a\": 1}");
        assert_eq!(text_of("重大事故".as_bytes().to_vec()), "重大事故");
        // A UTF-8 byte order mark is dropped.
        assert_eq!(text_of(b"\xEF\xBB\xBF{}".to_vec()), "{}");
        // Bytes that are not UTF-8 become U+FFFD, one per broken sequence.
        assert_eq!(text_of(b"a\xFFb\xE9\x87c".to_vec()), "a\u{FFFD}b\u{FFFD}c");
        // UTF-16 in either byte order, named by its mark; an odd last byte and a
        // lone surrogate become U+FFFD.
        let utf16: Vec<u16> = "事故 {}".encode_utf16().collect();
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(utf16.iter().flat_map(|u| u.to_le_bytes())).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(utf16.iter().flat_map(|u| u.to_be_bytes())).collect();
        assert_eq!(text_of(le.clone()), "事故 {}");
        assert_eq!(text_of(be), "事故 {}");
        assert_eq!(text_of([le.as_slice(), &[0x41]].concat()), "事故 {}\u{FFFD}");
        assert_eq!(text_of(vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]), "\u{FFFD}A");
        assert_eq!(text_of(Vec::new()), "");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("Major incident: SEV1/SEV2", "md"), "major-incident-sev1-sev2.md");
        assert_eq!(safe_file_name("../../etc/passwd", "md"), "etc-passwd.md");
        assert_eq!(safe_file_name("重大事故", "md"), "重大事故.md");
        assert_eq!(safe_file_name("  ", "csv"), "sitrep.csv");
    }
}
