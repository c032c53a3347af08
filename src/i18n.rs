//! UI strings in the page's language: the catalogues embedded from `locales/`
//! at build time, plus any fetched at run time for a language the site config
//! adds later (its `locales/{code}.json` served with the bundle).

use std::cell::RefCell;
use std::collections::BTreeMap;

use leptos::prelude::*;
use tribuna_core::i18n::{lookup, Catalogue};

use crate::nav::use_nav;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The language whose strings stand in for a missing one.
pub const FALLBACK: &str = "en";

thread_local! {
    /// Catalogues fetched at run time, by language code.
    static FETCHED: RefCell<Vec<(&'static str, Catalogue)>> = const { RefCell::new(Vec::new()) };
}

fn catalogue(lang: &str) -> Option<Catalogue> {
    CATALOGUES
        .iter()
        .find(|(code, _)| *code == lang)
        .map(|(_, c)| *c)
        .or_else(|| FETCHED.with(|f| f.borrow().iter().find(|(code, _)| *code == lang).map(|(_, c)| *c)))
}

/// Whether UI strings for `lang` are at hand (embedded or already fetched).
pub fn has_catalogue(lang: &str) -> bool {
    catalogue(lang).is_some()
}

/// Adds a fetched catalogue. It lives for the rest of the page, like the embedded ones.
pub fn register(lang: &str, entries: BTreeMap<String, String>) {
    if has_catalogue(lang) {
        return;
    }
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    // A BTreeMap iterates in key order, as lookups require.
    let list: Vec<(&'static str, &'static str)> = entries.into_iter().map(|(k, v)| (leak(k), leak(v))).collect();
    let code = leak(lang.to_string());
    FETCHED.with(|f| f.borrow_mut().push((code, Box::leak(list.into_boxed_slice()))));
}

/// The UI string `key` in `lang`, else in [`FALLBACK`], else the key itself.
pub fn t(lang: &str, key: &'static str) -> &'static str {
    catalogue(lang)
        .and_then(|c| lookup(c, key))
        .or_else(|| catalogue(FALLBACK).and_then(|c| lookup(c, key)))
        .unwrap_or(key)
}

/// The codes of the languages whose UI strings are built in.
pub fn built_in() -> impl Iterator<Item = &'static str> {
    CATALOGUES.iter().map(|(code, _)| *code)
}

/// A UI string in the page's language, following it (for views that stay on
/// screen across a language switch).
pub fn tr(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let nav = use_nav();
    move || t(&nav.lang.get(), key)
}

/// The `lang` attribute for text that is in `text_lang` on a page in `page_lang`:
/// none when they agree, so only text in another language is marked.
pub fn other_lang(text_lang: &str, page_lang: &str) -> Option<String> {
    (text_lang != page_lang).then(|| text_lang.to_string())
}

const MONTHS: [&str; 12] = [
    "date.month.01",
    "date.month.02",
    "date.month.03",
    "date.month.04",
    "date.month.05",
    "date.month.06",
    "date.month.07",
    "date.month.08",
    "date.month.09",
    "date.month.10",
    "date.month.11",
    "date.month.12",
];

/// A `YYYY-MM-DD` date in the long style of `lang` ("June 10, 2025", "10 de
/// junio de 2025"), from the UI strings `date.long` and `date.month.*`: the
/// same text in the browser and in pre-rendered pages.
pub fn format_date(iso: &str, lang: &str) -> String {
    tribuna_core::date::format_long(iso, t(lang, "date.long"), |m| t(lang, MONTHS[usize::from(m.clamp(1, 12)) - 1]))
}
