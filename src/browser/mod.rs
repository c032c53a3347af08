//! Every call the app makes into the browser, behind one interface.
//!
//! Components never touch `web_sys` themselves: they call these functions. In
//! the browser they do their work; in a native build (pre-rendering, see
//! `crates/prerender`) there is no window, so each one does nothing and
//! returns its neutral answer (no saved language, no focus, the path `/`).
//! Every function reaches the browser through [`window`], which is the one
//! place that decides.
//!
//! - [`head`]: the document's title, language, alternates and meta tags;
//! - [`storage`]: what the visitor's device remembers (language, drafts);
//! - [`dom`]: focus, scrolling, the reader's place, timing and observers;
//! - [`history`]: the address bar, back/forward and same-site link clicks;
//! - [`share`]: the clipboard and the system's share sheet;
//! - [`takeover`]: replacing a pre-rendered page with the live app.

pub mod dom;
pub mod head;
pub mod history;
pub mod share;
pub mod storage;
pub mod takeover;

pub use dom::*;
pub use head::*;
pub use storage::*;

/// The browser window: `None` outside a browser (pre-rendering natively).
pub(crate) fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Whether the app runs in a browser (not pre-rendering).
pub fn in_browser() -> bool {
    window().is_some()
}

/// The document, when there is one.
pub(crate) fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// Logs a problem to the console (the visitor sees a message in their language
/// instead); natively, to standard error.
pub fn log_error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&wasm_bindgen::JsValue::from_str(&format!("tribuna: {message}")));
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("tribuna: {message}");
}

/// `text` lower-cased: in the browser by `String.prototype.toLowerCase`
/// (Unicode's rules, without shipping Unicode's case tables in the wasm),
/// natively by Rust's.
pub fn lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(target_arch = "wasm32"))]
    text.to_lowercase()
}
