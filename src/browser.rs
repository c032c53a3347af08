//! The few calls into the browser that the app makes: document title and
//! language, base paths, console logging and date formatting. View code goes
//! through these functions, so everything else stays plain Rust.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

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

/// Moves keyboard focus to the element with `id` (which must be focusable).
pub fn focus_element(id: &str) {
    if let Some(el) =
        document().and_then(|d| d.get_element_by_id(id)).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
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
    format.call1(&JsValue::UNDEFINED, &date).ok().and_then(|v| v.as_string()).unwrap_or_else(|| iso.to_string())
}

const LANGUAGE_KEY: &str = "tribuna-language";
const BANNER_KEY: &str = "tribuna-language-banner-dismissed";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
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

/// The browser's preferred languages (`navigator.languages`), most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// The statement blocks on screen (`[data-block]`), with their positions.
fn block_boxes() -> Vec<tribuna_core::lang::BlockBox> {
    let Some(nodes) = document().and_then(|d| d.query_selector_all("[data-block]").ok()) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|el| {
            let index = el.get_attribute("data-block")?.parse().ok()?;
            let rect = el.get_bounding_client_rect();
            Some(tribuna_core::lang::BlockBox { index, top: rect.top(), bottom: rect.bottom() })
        })
        .collect()
}

/// The reader's place: the first block still on screen below the sticky
/// header, and its distance from the viewport top.
pub fn reading_anchor() -> Option<(usize, f64)> {
    let header = document()
        .and_then(|d| d.query_selector(".tribuna-header").ok().flatten())
        .map(|h| h.get_bounding_client_rect().bottom().max(0.0))
        .unwrap_or(0.0);
    tribuna_core::lang::reading_anchor(&block_boxes(), header)
}

/// Scrolls so that block `index` is again `top` pixels from the viewport top.
pub fn restore_reading_anchor((index, top): (usize, f64)) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let now = block_boxes().into_iter().find(|b| b.index == index);
    if let Some(now) = now {
        window.scroll_by_with_x_and_y(0.0, now.top - top);
    }
}

/// Runs `f` before the next paint (after pending DOM updates).
pub fn before_next_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window.request_animation_frame(closure.unchecked_ref());
}

/// Replaces the head's `<link rel="alternate" hreflang>` links: one per
/// `(language, path)`, plus `x-default`.
pub fn set_alternates(links: &[(String, String)], x_default: Option<&str>) {
    let Some(doc) = document() else { return };
    let Some(head) = doc.head() else { return };
    if let Ok(old) = doc.query_selector_all("link[data-tribuna-alternate]") {
        for i in 0..old.length() {
            if let Some(node) = old.item(i) {
                let _ = head.remove_child(&node);
            }
        }
    }
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let all = links.iter().map(|(l, p)| (l.as_str(), p.as_str())).chain(x_default.map(|p| ("x-default", p)));
    for (lang, path) in all {
        if let Ok(link) = doc.create_element("link") {
            let _ = link.set_attribute("rel", "alternate");
            let _ = link.set_attribute("hreflang", lang);
            let _ = link.set_attribute("href", &format!("{origin}{path}"));
            let _ = link.set_attribute("data-tribuna-alternate", "");
            let _ = head.append_child(&link);
        }
    }
}

/// Moves keyboard focus to the first element matching `selector`.
pub fn focus_selector(selector: &str) {
    if let Some(el) = document()
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Scrolls the element with `id` into view and gives it focus (it must be focusable).
pub fn reveal(id: &str) {
    if let Some(el) =
        document().and_then(|d| d.get_element_by_id(id)).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// `text` lower-cased by the browser's `String.prototype.toLowerCase` (Unicode's
/// rules, without shipping Unicode's case tables in the wasm).
pub fn lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

const DRAFT_KEY: &str = "tribuna-mailbag-draft";

/// The question draft saved on this device, if any (unreadable drafts are ignored).
pub fn load_draft() -> Option<tribuna_core::mailbag::Draft> {
    let text = local_storage()?.get_item(DRAFT_KEY).ok().flatten()?;
    tribuna_core::load::read(DRAFT_KEY, &text).ok()
}

/// Saves the question draft on this device; an empty draft removes it.
pub fn save_draft(draft: &tribuna_core::mailbag::Draft) {
    let Some(storage) = local_storage() else { return };
    if *draft == tribuna_core::mailbag::Draft::default() {
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

/// Milliseconds since the page started (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The value of query parameter `name` in the current URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Watches an element and calls back once when it comes within 600 px of the
/// viewport (at once where `IntersectionObserver` is missing). Dropping it
/// stops the watch.
pub struct NearViewport {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(Array, web_sys::IntersectionObserver)>,
}

impl NearViewport {
    /// Starts watching `el`; `near` runs at most once.
    pub fn watch(el: &web_sys::Element, near: impl FnOnce() + 'static) -> Option<NearViewport> {
        type Once = std::rc::Rc<std::cell::Cell<Option<Box<dyn FnOnce()>>>>;
        let near: Once = std::rc::Rc::new(std::cell::Cell::new(Some(Box::new(near))));
        let fire = |near: &Once| {
            if let Some(f) = near.take() {
                f();
            }
        };
        let pending = near.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(Array, web_sys::IntersectionObserver)>::new(
            move |entries: Array, observer: web_sys::IntersectionObserver| {
                let seen = entries
                    .iter()
                    .any(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().is_ok_and(|e| e.is_intersecting()));
                if seen {
                    observer.disconnect();
                    fire(&pending);
                }
            },
        );
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin("600px 0px");
        match web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init) {
            Ok(observer) => {
                observer.observe(el);
                Some(NearViewport { observer, _callback: callback })
            }
            Err(_) => {
                fire(&near);
                None
            }
        }
    }
}

impl Drop for NearViewport {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
