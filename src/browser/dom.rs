//! The page on screen: focus, scrolling, the reader's place across languages,
//! timing, and watching an element come near the viewport.

use js_sys::Array;
use wasm_bindgen::JsCast;

use super::{document, window};

fn html_element(el: Option<web_sys::Element>) -> Option<web_sys::HtmlElement> {
    el?.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Moves keyboard focus to the element with `id` (which must be focusable).
pub fn focus_element(id: &str) {
    if let Some(el) = html_element(document().and_then(|d| d.get_element_by_id(id))) {
        let _ = el.focus();
    }
}

/// Moves keyboard focus to the first element matching `selector`.
pub fn focus_selector(selector: &str) {
    if let Some(el) = html_element(document().and_then(|d| d.query_selector(selector).ok().flatten())) {
        let _ = el.focus();
    }
}

/// Scrolls the element with `id` into view and gives it focus (it must be focusable).
pub fn reveal(id: &str) {
    if let Some(el) = html_element(document().and_then(|d| d.get_element_by_id(id))) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// Scrolls to the top of the page.
pub fn scroll_to_top() {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
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
    let header = document()?
        .query_selector(".tribuna-header")
        .ok()
        .flatten()
        .map(|h| h.get_bounding_client_rect().bottom().max(0.0))
        .unwrap_or(0.0);
    tribuna_core::lang::reading_anchor(&block_boxes(), header)
}

/// Scrolls so that block `index` is again `top` pixels from the viewport top.
pub fn restore_reading_anchor((index, top): (usize, f64)) {
    let Some(window) = window() else { return };
    if let Some(now) = block_boxes().into_iter().find(|b| b.index == index) {
        window.scroll_by_with_x_and_y(0.0, now.top - top);
    }
}

/// Runs `f` before the next paint (after pending DOM updates).
pub fn before_next_paint(f: impl FnOnce() + 'static) {
    let Some(window) = window() else { return };
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window.request_animation_frame(closure.unchecked_ref());
}

/// Milliseconds since the page started (`performance.now()`).
pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The value of query parameter `name` in the current URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
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
        window()?;
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

/// Appends `child` to `parent` (markup kept from a pre-rendered page).
pub fn append(parent: &web_sys::Element, child: &web_sys::Element) {
    let _ = parent.append_child(child);
}

/// Takes `el` out of the document.
pub fn detach(el: &web_sys::Element) {
    el.remove();
}
