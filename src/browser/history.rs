//! The History API: the current path, pushing and replacing entries, the
//! back/forward buttons, and same-site link clicks. What they mean for the
//! app (which page, which language) is decided in `crate::nav`.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, MouseEvent};

use super::window;

/// The current URL's path (`location.pathname`).
pub fn current_path() -> String {
    window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".into())
}

/// Adds a history entry for `url` (a path, optionally with a query).
pub fn push(url: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Replaces the current history entry with `url`.
pub fn replace(url: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Calls `f` when the visitor goes back or forward. Lives as long as the page.
pub fn on_popstate(f: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    let closure = Closure::<dyn Fn()>::new(f);
    let _ = w.add_event_listener_with_callback("popstate", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Calls `f(path_and_query)` for a plain left click on a same-origin link that
/// would load a page in this tab; when `f` returns true the browser's own
/// navigation is prevented. Lives as long as the page.
pub fn on_link_click(f: impl Fn(&str) -> bool + 'static) {
    let Some(document) = super::document() else { return };
    let closure = Closure::<dyn Fn(MouseEvent)>::new(move |ev: MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|el| el.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        // Before the app takes over, the pre-rendered page's links load pages as usual.
        if anchor.closest(&format!("#{}", super::takeover::PRERENDERED_ID)).ok().flatten().is_some() {
            return;
        }
        let same_tab = matches!(anchor.target().as_str(), "" | "_self");
        let origin = window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        if !same_tab || anchor.has_attribute("download") || anchor.origin() != origin {
            return;
        }
        // A link to a fragment of this very page scrolls as usual.
        let current = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        if !anchor.hash().is_empty() && anchor.href().split('#').next() == current.split('#').next() {
            return;
        }
        if f(&format!("{}{}", anchor.pathname(), anchor.search())) {
            ev.prevent_default();
        }
    });
    let _ = document.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Whether a click should navigate in this tab: the main button, no modifier
/// key (those open new tabs or windows), not already handled.
pub fn is_plain_click(ev: &MouseEvent) -> bool {
    !ev.default_prevented() && ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}
