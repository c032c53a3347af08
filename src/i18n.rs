//! UI strings in the page's language, from the catalogues embedded from `locales/`.

use tribuna_core::i18n::{lookup, Catalogue};

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The language whose strings stand in for a missing one.
pub const FALLBACK: &str = "en";

fn catalogue(lang: &str) -> Option<Catalogue> {
    CATALOGUES
        .iter()
        .find(|(code, _)| *code == lang)
        .map(|(_, c)| *c)
}

/// The UI string `key` in `lang`, else in [`FALLBACK`], else the key itself.
pub fn t(lang: &str, key: &'static str) -> &'static str {
    catalogue(lang)
        .and_then(|c| lookup(c, key))
        .or_else(|| catalogue(FALLBACK).and_then(|c| lookup(c, key)))
        .unwrap_or(key)
}

/// The codes of every language that has UI strings (and so may prefix a URL).
pub fn languages() -> Vec<&'static str> {
    CATALOGUES.iter().map(|(code, _)| *code).collect()
}
