//! Taking over a pre-rendered page.
//!
//! A pre-rendered page arrives with its markup in `#tribuna-prerendered`. The
//! app renders beside it, in a hidden container, and once its page is ready
//! replaces the static markup in one step, before the next paint: the new
//! markup is the same, so nothing moves. The scroll position, keyboard focus,
//! a text selection and what was typed into a field are carried over, and
//! images already shown are moved across rather than loaded again (the
//! start-up script does that DOM work, `src/boot.js`). Until then, links in
//! the static page load the next page as ordinary links.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::{document, window};

/// The id of the pre-rendered markup's root.
pub const PRERENDERED_ID: &str = "tribuna-prerendered";

thread_local! {
    /// What runs once the app has taken over.
    static AFTER: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

fn prerendered() -> Option<Element> {
    document()?.get_element_by_id(PRERENDERED_ID)
}

/// Whether a pre-rendered page is still waiting to be taken over.
pub fn pending() -> bool {
    prerendered().is_some()
}

/// Where the app mounts: a hidden container after the pre-rendered markup, or
/// `None` when the page was not pre-rendered (the app then mounts to the body).
pub fn staging() -> Option<HtmlElement> {
    let old = prerendered()?;
    let next = document()?.create_element("div").ok()?.dyn_into::<HtmlElement>().ok()?;
    next.set_hidden(true);
    old.after_with_node_1(&next).ok()?;
    Some(next)
}

/// A copy of the pre-rendered element matching `selector`, for a part of the
/// app that keeps the static markup until it is needed (the Mailbag widget).
pub fn prerendered_part(selector: &str) -> Option<Element> {
    let part = prerendered()?.query_selector(selector).ok()??;
    part.clone_node_with_deep(true).ok()?.dyn_into::<Element>().ok()
}

/// How many elements of the pre-rendered markup match `selector` (`None` when
/// there is no pre-rendered page to take over).
pub fn prerendered_count(selector: &str) -> Option<usize> {
    Some(prerendered()?.query_selector_all(selector).ok()?.length() as usize)
}

/// Runs `f` once the app has taken over (at once, before the next paint, when
/// there is nothing to take over).
pub fn after(f: impl FnOnce() + 'static) {
    if pending() {
        AFTER.with(|a| a.borrow_mut().push(Box::new(f)));
    } else {
        super::before_next_paint(f);
    }
}

/// Called when the app's page is ready: swaps it in before the next paint.
pub fn page_ready() {
    if pending() {
        super::before_next_paint(finish);
    }
}

/// Replaces the pre-rendered markup with the app's, keeping the reader's
/// scroll position, focus, selection and typing. The DOM work is done by the
/// start-up script's `tribunaTakeOver` (`src/boot.js`), which keeps it out
/// of the wasm.
pub fn finish() {
    let Some(window) = window() else { return };
    if !pending() {
        return;
    }
    let take_over = js_sys::Reflect::get(&window, &"tribunaTakeOver".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(take_over) = take_over else {
        super::log_error("the start-up script's tribunaTakeOver is missing; the page stays as it was rendered");
        return;
    };
    if let Err(e) = take_over.call0(&window) {
        super::log_error(&format!("taking over the page failed: {e:?}"));
        return;
    }
    for f in AFTER.with(|a| std::mem::take(&mut *a.borrow_mut())) {
        f();
    }
}
