//! The Share control of a statement page: a disclosure ("Share") whose panel
//! copies the statement's link, opens the system's share sheet where the
//! browser has one, and offers the iframe and script snippets that embed the
//! statement on another site (see `docs/embedding.md`).
//!
//! The panel's code arrives when the reader first opens the disclosure (see
//! [`crate::lazy`]). A pre-rendered page carries the panel's text fields, so
//! a reader without JavaScript can still select and copy them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tribuna_core::embed::{copy_status, statement_snippets, Copied};
use tribuna_core::route::Page;

use crate::browser::{self, share};
use crate::i18n::t;
use crate::lazy::{LazyPage, Part};
use crate::nav::use_nav;
use crate::routes::statement::translation;
use crate::state::{use_content, use_current_statement};

/// The "Share" disclosure; its panel is rendered once it is first opened.
#[component]
pub fn ShareControl(
    /// The page's language.
    lang: String,
) -> impl IntoView {
    // Pre-rendering: the panel is written into the page, closed.
    let opened = RwSignal::new(!browser::in_browser());
    view! {
        <details class="tribuna-share">
            // A click opens the disclosure (Enter and Space on the summary click it too).
            <summary class="tribuna-share__toggle" on:click=move |_| opened.set(true)>{t(&lang, "share.title")}</summary>
            {move || opened.get().then(|| view! { <LazyPage part=Part::Share /> })}
        </details>
    }
}

/// The panel: the link and the two snippets, each with a button that copies
/// it, and a status line a screen reader announces.
#[component]
pub fn SharePanel() -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    let lang = nav.lang.get_untracked();
    let page = nav.page.get_untracked();
    let Page::Statement { slug } = page.clone() else { return ().into_any() };
    let site = content.site.get().and_then(Result::ok);
    let statement = use_current_statement().loaded(&slug);
    let title = statement.as_ref().map(|s| translation(s, &lang).0.title.clone()).unwrap_or_default();
    let origin = share::origin().or_else(|| site.as_ref().and_then(|s| s.origin.clone())).unwrap_or_default();
    let origin = origin.trim_end_matches('/').to_string();
    let url = format!("{origin}{}", nav.href(&page, &lang));
    let default_lang = site.as_ref().map(|s| s.default_language.clone()).unwrap_or_else(|| lang.clone());
    let snippets = statement_snippets(&format!("{origin}{}", nav.base), &slug, &lang, &default_lang, &title);
    let status = RwSignal::new(None::<&'static str>);
    let interactive = browser::in_browser();
    let copy = move |text: String, what: Copied, field: &'static str| {
        move |_| {
            let text = text.clone();
            status.set(None);
            spawn_local(async move {
                let copied = share::copy(&text).await;
                if !copied {
                    share::select_field(field);
                }
                status.set(Some(copy_status(what, copied)));
            });
        }
    };
    let native = (interactive && share::can_share()).then(|| {
        let (title, url) = (title.clone(), url.clone());
        let label = t(&lang, "share.native");
        view! {
            <button type="button" class="tribuna-button tribuna-button--secondary"
                on:click=move |_| {
                    let (title, url) = (title.clone(), url.clone());
                    spawn_local(async move {
                        // No share sheet after all: the link is left selected to copy by hand.
                        if !share::share(&title, &url).await {
                            share::select_field("tribuna-share-link");
                            status.set(Some(copy_status(Copied::Link, false)));
                        }
                    });
                }>{label}</button>
        }
    });
    let button_lang = lang.clone();
    let button = move |key: &'static str, text: &str, what: Copied, field: &'static str| {
        interactive.then(|| {
            view! {
                <button type="button" class="tribuna-button" on:click=copy(text.to_string(), what, field)>
                    {t(&button_lang, key)}
                </button>
            }
        })
    };
    // A snippet: its label, the code in a read-only field, and its Copy button.
    let snippet = |id: &'static str, label: &'static str, rows: &'static str, code: &str, copy_key: &'static str| {
        view! {
            <div class="tribuna-field">
                <label for=id>{t(&lang, label)}</label>
                <textarea id=id readonly rows=rows spellcheck="false">{textarea_text(code)}</textarea>
                <p class="tribuna-share__actions">{button(copy_key, code, Copied::Snippet, id)}</p>
            </div>
        }
    };
    let snippets = (
        snippet("tribuna-share-iframe", "share.iframe", "4", &snippets.iframe, "share.copy_iframe"),
        snippet("tribuna-share-script", "share.script", "3", &snippets.script, "share.copy_script"),
    );
    let status_lang = lang.clone();
    view! {
        // The app renders the panel only when it is opened: the takeover does
        // not match its pre-rendered twin (see src/boot.js).
        <div class="tribuna-share__panel" data-tribuna-deferred="">
            <div class="tribuna-field">
                <label for="tribuna-share-link">{t(&lang, "share.link")}</label>
                <input id="tribuna-share-link" type="text" readonly value=url.clone() />
                <p class="tribuna-share__actions">
                    {button("share.copy_link", &url, Copied::Link, "tribuna-share-link")}
                    {native}
                </p>
            </div>
            {snippets}
            <p class="tribuna-share__status" role="status">
                {move || status.get().map(|key| t(&status_lang, key))}
            </p>
        </div>
    }
    .into_any()
}

/// Text for a `<textarea>`. Rendering to HTML, Leptos writes a textarea's
/// children as they are (tachys does not escape them), and the browser decodes
/// character references there: the pre-rendered page gets the text escaped
/// here, so it reads back exactly. In the browser it is a text node, as given.
fn textarea_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        tribuna_core::escape::html_text(text)
    } else {
        text.to_string()
    }
}
