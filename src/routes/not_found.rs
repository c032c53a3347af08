//! The page for a path that names nothing.

use leptos::prelude::*;
use tribuna_core::route::Page;

use crate::browser;
use crate::i18n::t;
use crate::nav::use_nav;

/// "Page not found", in the page's language, with a link home.
#[component]
pub fn NotFoundPage(
    /// A more specific explanation (UI-string key), e.g. for an unknown statement.
    #[prop(optional)]
    detail: Option<&'static str>,
) -> impl IntoView {
    let nav = use_nav();
    let lang = move || nav.lang.get();
    browser::takeover::page_ready();
    Effect::new(move |_| browser::set_title(t(&lang(), "not_found.title")));
    view! {
        <div class="tribuna-not-found">
            <h1>{move || t(&lang(), "not_found.title")}</h1>
            <p>{move || t(&lang(), detail.unwrap_or("not_found.text"))}</p>
            <p>
                <a class="tribuna-button" href=move || nav.href(&Page::Home, &lang())>
                    {move || t(&lang(), "error.home")}
                </a>
            </p>
        </div>
    }
}
