//! Fetching content files: one helper that turns every failure into a
//! [`ContentError`] naming the file, and logs it to the console.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use gloo_net::http::Request;
use tribuna_core::content::Localized;
use tribuna_core::load::{parse, read, Document};
use tribuna_core::ContentError;

use crate::{browser, i18n};

/// How long a content request may take before it counts as a network failure.
const TIMEOUT_MS: u32 = 15_000;

/// A content document, or why it could not be had.
pub type Loaded<T> = Result<Arc<T>, ContentError>;

/// Fetches `file` (relative to `content_base`), parses and validates it.
pub async fn fetch_doc<T: Document>(content_base: &str, file: String) -> Loaded<T> {
    let text = fetch_text(format!("{content_base}{file}"), file.clone()).await;
    logged(text.and_then(|text| parse::<T>(&file, &text))).map(Arc::new)
}

/// Logs the error of a failed load to the console, naming the file and field.
#[inline(never)]
fn log_failure(e: &ContentError) {
    browser::log_error(&e.to_string());
}

fn logged<T>(result: Result<T, ContentError>) -> Result<T, ContentError> {
    if let Err(e) = &result {
        log_failure(e);
    }
    result
}

/// Fetches the UI strings of `code` from `{app_base}locales/{code}.json` and
/// registers them; returns the code once they are usable.
pub async fn fetch_catalogue(app_base: &str, code: String) -> Result<String, ContentError> {
    let file = format!("locales/{code}.json");
    let text = fetch_text(format!("{app_base}{file}"), file.clone()).await;
    let entries = logged(text.and_then(|text| read::<Localized>(&file, &text)))?;
    i18n::register(&code, entries);
    Ok(code)
}

/// The text of a file; one boxed future shared by every document type.
fn fetch_text(url: String, file: String) -> Pin<Box<dyn Future<Output = Result<String, ContentError>>>> {
    Box::pin(async move { fetch_text_inner(&url, &file).await })
}

async fn fetch_text_inner(url: &str, file: &str) -> Result<String, ContentError> {
    let network = |message: String| ContentError::Network { file: file.to_string(), message };
    let deadline = Deadline::after(TIMEOUT_MS).ok_or_else(|| network("no AbortController".into()))?;
    let sent = Request::get(url).abort_signal(Some(&deadline.signal())).send().await;
    let response = sent.map_err(|e| {
        if deadline.passed() {
            network(format!("no answer within {} s", TIMEOUT_MS / 1000))
        } else {
            network(e.to_string())
        }
    })?;
    let text = match response.status() {
        200..=299 => response.text().await.map_err(|e| network(e.to_string())),
        404 => Err(ContentError::Missing { file: file.to_string() }),
        status => Err(ContentError::Http { file: file.to_string(), status }),
    };
    drop(deadline);
    text
}

/// Why a question could not be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendError {
    /// No answer within the time allowed.
    Timeout,
    /// The request never reached the server (offline, blocked).
    Network,
    /// The server refused it (4xx).
    Refused(u16),
    /// The server failed (5xx or other).
    Server(u16),
}

impl SendError {
    /// The UI-string key of the message for this failure.
    pub fn message_key(&self) -> &'static str {
        match self {
            SendError::Timeout => "ask.failed.timeout",
            SendError::Network => "ask.failed.network",
            SendError::Refused(_) => "ask.failed.refused",
            SendError::Server(_) => "ask.failed.server",
        }
    }
}

/// POSTs `body` as JSON to `url`, giving up after `timeout_ms`.
pub async fn post_json(url: &str, body: String, timeout_ms: u32) -> Result<(), SendError> {
    let deadline = Deadline::after(timeout_ms).ok_or(SendError::Network)?;
    let request = Request::post(url)
        .header("content-type", "application/json")
        .abort_signal(Some(&deadline.signal()))
        .body(body)
        .map_err(|_| SendError::Network)?;
    let result = match request.send().await {
        Err(e) => {
            let error = if deadline.passed() { SendError::Timeout } else { SendError::Network };
            browser::log_error(&format!("{url}: the question was not sent: {e}"));
            Err(error)
        }
        Ok(response) => match response.status() {
            200..=299 => Ok(()),
            status => {
                browser::log_error(&format!("{url}: the question was not sent: HTTP {status}"));
                Err(if (400..500).contains(&status) { SendError::Refused(status) } else { SendError::Server(status) })
            }
        },
    };
    drop(deadline);
    result
}

/// An abort signal that fires after a time limit; dropping it cancels the timer.
struct Deadline {
    controller: web_sys::AbortController,
    _timer: gloo_timers::callback::Timeout,
}

impl Deadline {
    /// A deadline `ms` milliseconds from now (`None` without AbortController).
    fn after(ms: u32) -> Option<Deadline> {
        let controller = web_sys::AbortController::new().ok()?;
        let abort = controller.clone();
        let timer = gloo_timers::callback::Timeout::new(ms, move || abort.abort());
        Some(Deadline { controller, _timer: timer })
    }

    /// The signal a request listens to.
    fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }

    /// Whether the time ran out (the request was aborted for it).
    fn passed(&self) -> bool {
        self.controller.signal().aborted()
    }
}
