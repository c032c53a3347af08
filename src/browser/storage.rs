//! What the visitor's device remembers: the chosen language, the dismissed
//! language banner, and the question draft. Without storage (private modes,
//! pre-rendering) nothing is remembered and nothing fails.

use tribuna_core::mailbag::Draft;

use super::window;

const LANGUAGE_KEY: &str = "tribuna-language";
const BANNER_KEY: &str = "tribuna-language-banner-dismissed";
const DRAFT_KEY: &str = "tribuna-mailbag-draft";

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    window()?.session_storage().ok().flatten()
}

/// The language the visitor chose last time, if storage is available.
pub fn saved_language() -> Option<String> {
    local_storage()?.get_item(LANGUAGE_KEY).ok().flatten()
}

/// Remembers the visitor's language choice (silently does nothing without storage).
pub fn save_language(code: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(LANGUAGE_KEY, code);
    }
}

/// Whether the visitor dismissed the "available in your language" banner in this session.
pub fn banner_dismissed() -> bool {
    session_storage().and_then(|s| s.get_item(BANNER_KEY).ok().flatten()).is_some()
}

/// Remembers for this session that the banner was dismissed.
pub fn dismiss_banner() {
    if let Some(s) = session_storage() {
        let _ = s.set_item(BANNER_KEY, "1");
    }
}

/// The question draft saved on this device, if any (unreadable drafts are ignored).
pub fn load_draft() -> Option<Draft> {
    let text = local_storage()?.get_item(DRAFT_KEY).ok().flatten()?;
    tribuna_core::load::read(DRAFT_KEY, &text).ok()
}

/// Saves the question draft on this device; an empty draft removes it.
pub fn save_draft(draft: &Draft) {
    let Some(storage) = local_storage() else { return };
    if *draft == Draft::default() {
        let _ = storage.remove_item(DRAFT_KEY);
    } else if let Ok(text) = serde_json::to_string(draft) {
        let _ = storage.set_item(DRAFT_KEY, &text);
    }
}

/// Forgets the saved question draft.
pub fn clear_draft() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(DRAFT_KEY);
    }
}

/// The browser's preferred languages (`navigator.languages`), most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}
