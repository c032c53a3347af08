//! Handing a statement to the visitor's other apps: the clipboard and the
//! system's share sheet (the Web Share API), where the browser has them.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{document, window};

/// The page's origin (`https://example.org`), in the browser.
pub fn origin() -> Option<String> {
    window()?.location().origin().ok()
}

/// `target[name]` when it is a function.
fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name)).ok()?.dyn_into().ok()
}

/// Awaits what `name` on `target` returns for `arg`; `Err` when there is no
/// such method or its promise rejects (with the rejection's `name`).
async fn call(target: &JsValue, name: &str, arg: &JsValue) -> Result<(), String> {
    let f = method(target, name).ok_or_else(|| format!("no {name}"))?;
    let promise: Promise =
        f.call1(target, arg).map_err(|_| format!("{name} threw"))?.dyn_into().map_err(|_| name.to_string())?;
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| Reflect::get(&e, &JsValue::from_str("name")).ok().and_then(|n| n.as_string()).unwrap_or_default())
}

/// Copies `text` to the clipboard; `false` when the browser has no
/// clipboard or refuses (no permission).
pub async fn copy(text: &str) -> bool {
    let Some(navigator) = window().map(|w| JsValue::from(w.navigator())) else { return false };
    let Ok(clipboard) = Reflect::get(&navigator, &JsValue::from_str("clipboard")) else { return false };
    call(&clipboard, "writeText", &JsValue::from_str(text)).await.is_ok()
}

/// Whether the browser offers its share sheet (`navigator.share`).
pub fn can_share() -> bool {
    window().is_some_and(|w| method(&w.navigator(), "share").is_some())
}

/// Opens the system's share sheet for `url`; `false` when sharing failed
/// (the reader closing the sheet is not a failure).
pub async fn share(title: &str, url: &str) -> bool {
    let Some(navigator) = window().map(|w| JsValue::from(w.navigator())) else { return false };
    let data = Object::new();
    let _ = Reflect::set(&data, &JsValue::from_str("title"), &JsValue::from_str(title));
    let _ = Reflect::set(&data, &JsValue::from_str("url"), &JsValue::from_str(url));
    match call(&navigator, "share", &data).await {
        Ok(()) => true,
        Err(name) => name == "AbortError",
    }
}

/// Selects the text of the field with `id` and focuses it, so the reader can copy it by hand.
pub fn select_field(id: &str) {
    let field = document().and_then(|d| d.get_element_by_id(id));
    if let Some(field) = field {
        if let Some(select) = method(&field, "select") {
            let _ = field.dyn_ref::<web_sys::HtmlElement>().map(|f| f.focus());
            let _ = select.call0(&field);
        }
    }
}
