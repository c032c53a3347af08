//! What a visitor sees when content could not be loaded: what went wrong, in
//! their language, with "Try again" and a way home.

use leptos::prelude::*;
use tribuna_core::route::Page;
use tribuna_core::ContentError;

use crate::i18n::t;
use crate::nav::use_nav;

/// The UI-string key of the message for the first error in `errors`.
fn message_key(errors: &Errors) -> &'static str {
    errors
        .iter()
        .next()
        .and_then(|(_, e)| {
            let inner: &(dyn std::error::Error + Send + Sync + 'static) = &***e;
            inner.downcast_ref::<ContentError>().map(ContentError::message_key)
        })
        .unwrap_or("error.invalid")
}

/// An alert naming the problem, with "Try again" (runs `on_retry`) and a home link.
#[component]
pub fn ErrorPanel(
    /// The errors caught by the surrounding `<ErrorBoundary>`.
    errors: ArcRwSignal<Errors>,
    /// Fetches the failed content again.
    on_retry: Callback<()>,
    /// Whether the panel's heading is the page's `h1` (when the page has no other).
    #[prop(optional)]
    page_heading: bool,
) -> impl IntoView {
    let nav = use_nav();
    let lang = move || nav.lang.get();
    let title = move || t(&lang(), "error.title");
    let message = {
        let errors = errors.clone();
        move || t(&lang(), message_key(&errors.read()))
    };
    let home = move || nav.href(&Page::Home, &lang());
    view! {
        <div class="tribuna-error" role="alert">
            {move || {
                if page_heading {
                    view! { <h1 class="tribuna-error__title">{title}</h1> }.into_any()
                } else {
                    view! { <h2 class="tribuna-error__title">{title}</h2> }.into_any()
                }
            }}
            <p>{message}</p>
            <div class="tribuna-error__actions">
                <button type="button" class="tribuna-button" on:click=move |_| on_retry.run(())>
                    {move || t(&lang(), "error.retry")}
                </button>
                <a class="tribuna-button tribuna-button--secondary" href=home>
                    {move || t(&lang(), "error.home")}
                </a>
            </div>
        </div>
    }
}
