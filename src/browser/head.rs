//! The document around the app: its title, language, `<base href>`, meta tags
//! and the head's language alternates.

use super::{document, window};

/// The path the site is served under (`/` or `/tribuna/`), from `<base href>`.
pub fn base_path() -> String {
    document()
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_else(|| "/".to_string())
}

/// The value of `<meta name="{name}" content="…">`, if the page has one.
pub fn meta(name: &str) -> Option<String> {
    document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?
        .get_attribute("content")
        .filter(|v| !v.trim().is_empty())
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        if d.title() != title {
            d.set_title(title);
        }
    }
}

/// Sets `<html lang>`.
pub fn set_html_lang(lang: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang);
    }
}

/// Replaces the head's `<link rel="alternate" hreflang>` links: one per
/// `(language, path)`, plus `x-default`. Links a pre-rendered page carries
/// are replaced too, so the head always describes the page on screen (the
/// feed links, which carry a `type`, stay).
pub fn set_alternates(links: &[(String, String)], x_default: Option<&str>) {
    let Some(doc) = document() else { return };
    let Some(head) = doc.head() else { return };
    if let Ok(old) = doc.query_selector_all("link[rel=alternate][hreflang]:not([type])") {
        for i in 0..old.length() {
            if let Some(node) = old.item(i) {
                let _ = head.remove_child(&node);
            }
        }
    }
    let origin = window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let all = links.iter().map(|(l, p)| (l.as_str(), p.as_str())).chain(x_default.map(|p| ("x-default", p)));
    for (lang, path) in all {
        if let Ok(link) = doc.create_element("link") {
            let _ = link.set_attribute("rel", "alternate");
            let _ = link.set_attribute("hreflang", lang);
            let _ = link.set_attribute("href", &format!("{origin}{path}"));
            let _ = head.append_child(&link);
        }
    }
}
