//! Messages of the catalog screens, in every language.

/// The messages in one language.
pub struct CatalogText {
    pub title: &'static str,
}

/// English.
pub static EN: CatalogText = CatalogText { title: "Service catalog" };

/// Traditional Chinese (Taiwan).
pub static ZH_TW: CatalogText = CatalogText { title: "服務目錄" };
