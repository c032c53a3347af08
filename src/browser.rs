//! The few calls into the browser that the app makes: document title and
//! language, base paths, console logging and date formatting. View code goes
//! through these functions, so everything else stays plain Rust.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

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
        d.set_title(title);
    }
}

/// Sets `<html lang>`.
pub fn set_html_lang(lang: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang);
    }
}

/// Logs a problem to the console (the visitor sees a message in their language instead).
pub fn log_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("tribuna: {message}")));
}

/// Formats a `YYYY-MM-DD` date in the long style of `lang` with the browser's
/// `Intl` ("June 10, 2025", "10 de junio de 2025"); the date itself when that fails.
pub fn format_date(iso: &str, lang: &str) -> String {
    let date = Date::new(&JsValue::from_str(&format!("{iso}T00:00:00Z")));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let options = Object::new();
    let _ = Reflect::set(&options, &"dateStyle".into(), &"long".into());
    let _ = Reflect::set(&options, &"timeZone".into(), &"UTC".into());
    let locales = Array::of1(&JsValue::from_str(lang));
    let format = Intl::DateTimeFormat::new(&locales, &options).format();
    format
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| iso.to_string())
}
