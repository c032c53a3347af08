//! Choosing a language: from the visitor's saved choice and browser languages,
//! and keeping the reader's place when the text changes language.

/// The primary subtag of a BCP 47 tag, lower case: `es-MX` → `es`, `EN` → `en`.
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The first of `preferences` (most preferred first) whose primary subtag is one
/// of `available`.
pub fn negotiate<'a, P: AsRef<str>>(preferences: &[P], available: &[&'a str]) -> Option<&'a str> {
    preferences.iter().map(|p| primary(p.as_ref())).find_map(|p| available.iter().copied().find(|a| *a == p))
}

/// The visitor's preferred language among `available`: a saved choice wins,
/// then the browser's languages (`navigator.languages`).
pub fn preferred<'a, P: AsRef<str>>(saved: Option<&str>, browser: &[P], available: &[&'a str]) -> Option<&'a str> {
    saved.and_then(|s| negotiate(&[s], available)).or_else(|| negotiate(browser, available))
}

/// A block of text on screen: its index in the body and its top and bottom
/// relative to the top of the viewport, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlockBox {
    /// Index of the block in the statement body.
    pub index: usize,
    /// Distance from the viewport's top to the block's top (negative when above).
    pub top: f64,
    /// Distance from the viewport's top to the block's bottom.
    pub bottom: f64,
}

/// The block that marks the reader's place: the first one still (partly) on
/// screen below the `header` height, with its distance from the viewport top.
pub fn reading_anchor(blocks: &[BlockBox], header: f64) -> Option<(usize, f64)> {
    blocks.iter().find(|b| b.bottom > header).map(|b| (b.index, b.top))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_subtags() {
        assert_eq!(primary("es-MX"), "es");
        assert_eq!(primary("EN-us"), "en");
        assert_eq!(primary("pt_BR"), "pt");
        assert_eq!(primary("es"), "es");
    }

    #[test]
    fn negotiates_in_preference_order() {
        let available = ["en", "es"];
        assert_eq!(negotiate(&["fr-FR", "es-MX", "en"], &available), Some("es"));
        assert_eq!(negotiate(&["en-GB", "es"], &available), Some("en"));
        assert_eq!(negotiate(&["de", "fr"], &available), None);
        assert_eq!(negotiate::<&str>(&[], &available), None);
    }

    #[test]
    fn saved_choice_beats_browser_languages() {
        let available = ["en", "es"];
        assert_eq!(preferred(Some("en"), &["es-MX"], &available), Some("en"));
        assert_eq!(preferred(None, &["es-MX", "en"], &available), Some("es"));
        // A saved language the site no longer offers is ignored.
        assert_eq!(preferred(Some("fr"), &["es"], &available), Some("es"));
        assert_eq!(preferred::<&str>(Some("xx"), &[], &available), None);
    }

    #[test]
    fn anchor_is_first_block_still_visible() {
        let blocks = [
            BlockBox { index: 0, top: -400.0, bottom: -100.0 },
            BlockBox { index: 1, top: -100.0, bottom: 30.0 },
            BlockBox { index: 2, top: 30.0, bottom: 200.0 },
        ];
        assert_eq!(reading_anchor(&blocks, 0.0), Some((1, -100.0)));
        assert_eq!(reading_anchor(&blocks, 40.0), Some((2, 30.0)));
        assert_eq!(reading_anchor(&blocks, 500.0), None);
        assert_eq!(reading_anchor(&[], 0.0), None);
    }
}
