//! Taking over a pre-rendered page.
//!
//! A pre-rendered page arrives with its markup in `#tribuna-prerendered`. The
//! app renders beside it, in a hidden container, and once its page is ready
//! replaces the static markup in one step, before the next paint: the new
//! markup is the same, so nothing moves. The scroll position, keyboard focus,
//! a text selection and what was typed into a field are carried over, and
//! images already shown are moved across rather than loaded again. Until then,
//! links in the static page load the next page as ordinary links.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};

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

/// The focusable elements of `root`, in document order.
fn focusables(root: &Element) -> Vec<Element> {
    const FOCUSABLE: &str = "a[href], button, input, select, textarea, summary, [tabindex]";
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

/// The text nodes of `root`, in document order.
fn text_nodes(root: &Node, out: &mut Vec<Node>) {
    let children = root.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        if child.node_type() == Node::TEXT_NODE {
            out.push(child);
        } else {
            text_nodes(&child, out);
        }
    }
}

/// A point in the text of `root` as a character offset from its start.
fn text_offset(texts: &[Node], node: &Node, offset: u32) -> Option<u32> {
    let mut before = 0;
    for text in texts {
        if text.is_same_node(Some(node)) {
            return Some(before + offset);
        }
        before += text.text_content().map_or(0, |t| t.encode_utf16().count() as u32);
    }
    None
}

/// The text node and offset at character `at` of `texts`.
fn text_point(texts: &[Node], mut at: u32) -> Option<(Node, u32)> {
    for text in texts {
        let len = text.text_content().map_or(0, |t| t.encode_utf16().count() as u32);
        if at <= len {
            return Some((text.clone(), at));
        }
        at -= len;
    }
    None
}

/// Carries what a reader typed before the app arrived into the app's fields.
fn carry_fields(old: &Element, new: &Element) {
    let Ok(fields) = old.query_selector_all("input[id], textarea[id], select[id]") else { return };
    for i in 0..fields.length() {
        let Some(field) = fields.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Ok(Some(twin)) = new.query_selector(&format!("#{}", field.id())) else { continue };
        let event = if let (Some(a), Some(b)) =
            (field.dyn_ref::<web_sys::HtmlInputElement>(), twin.dyn_ref::<web_sys::HtmlInputElement>())
        {
            if a.type_() == "checkbox" {
                if a.checked() == b.checked() {
                    continue;
                }
                b.set_checked(a.checked());
                "change"
            } else {
                if a.value() == b.value() {
                    continue;
                }
                b.set_value(&a.value());
                "input"
            }
        } else if let (Some(a), Some(b)) =
            (field.dyn_ref::<web_sys::HtmlTextAreaElement>(), twin.dyn_ref::<web_sys::HtmlTextAreaElement>())
        {
            if a.value() == b.value() {
                continue;
            }
            b.set_value(&a.value());
            "input"
        } else {
            continue;
        };
        if let Ok(ev) = web_sys::Event::new_with_event_init_dict(event, &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        }) {
            let _ = twin.dispatch_event(&ev);
        }
    }
}

/// Moves images the static page already shows into the app's markup, in
/// place of the app's own copies of them, so none is decoded again.
fn carry_images(old: &Element, new: &Element) {
    let (Ok(before), Ok(after)) = (old.query_selector_all("img[src]"), new.query_selector_all("img[src]")) else {
        return;
    };
    let before: Vec<Element> = (0..before.length()).filter_map(|i| before.item(i)?.dyn_into().ok()).collect();
    let after: Vec<Element> = (0..after.length()).filter_map(|i| after.item(i)?.dyn_into().ok()).collect();
    for (a, b) in before.iter().zip(&after) {
        let same = ["src", "width", "height", "alt", "class"].iter().all(|k| a.get_attribute(k) == b.get_attribute(k));
        if same {
            let _ = b.replace_with_with_node_1(a);
        }
    }
}

/// Replaces the pre-rendered markup with the app's, keeping the reader's
/// scroll position, focus, selection and typing.
pub fn finish() {
    let (Some(window), Some(doc), Some(old)) = (window(), document(), prerendered()) else { return };
    let Some(new) = old.next_element_sibling().and_then(|n| n.dyn_into::<HtmlElement>().ok()) else { return };
    let scroll = (window.scroll_x().unwrap_or(0.0), window.scroll_y().unwrap_or(0.0));

    let focused = doc.active_element().filter(|el| old.contains(Some(el)));
    let focus_index = focused.and_then(|el| focusables(&old).iter().position(|f| f.is_same_node(Some(&el))));
    let mut old_texts = Vec::new();
    text_nodes(&old, &mut old_texts);
    let selection = window.get_selection().ok().flatten().filter(|s| s.range_count() > 0 && !s.is_collapsed());
    let selected = selection.as_ref().and_then(|s| {
        let anchor = text_offset(&old_texts, &s.anchor_node()?, s.anchor_offset())?;
        let focus = text_offset(&old_texts, &s.focus_node()?, s.focus_offset())?;
        Some((anchor, focus))
    });

    carry_fields(&old, &new);
    carry_images(&old, &new);
    old.remove();
    new.set_hidden(false);
    new.set_id("tribuna-root");

    if let Some(el) = focus_index.and_then(|i| focusables(&new).into_iter().nth(i)) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
    }
    if let (Some(selection), Some((anchor, focus))) = (selection, selected) {
        let mut texts = Vec::new();
        text_nodes(&new, &mut texts);
        if let (Some((an, ao)), Some((fnode, fo))) = (text_point(&texts, anchor), text_point(&texts, focus)) {
            let _ = selection.set_base_and_extent(&an, ao, &fnode, fo);
        }
    }
    window.scroll_to_with_x_and_y(scroll.0, scroll.1);
    for f in AFTER.with(|a| std::mem::take(&mut *a.borrow_mut())) {
        f();
    }
}
