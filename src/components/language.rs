//! Switching language in place: the header's switcher, the "available in your
//! language" banner, and the click handler they share with a statement's
//! translation link.

use leptos::prelude::*;
use tribuna_core::route::Page;

use crate::browser::{self, history};
use crate::i18n::t;
use crate::nav::{use_nav, Scroll};
use crate::state::{use_content, use_current_statement};

/// A click handler for a link to the current page in `code`: navigates without
/// a reload, remembers the choice, and keeps the block the reader was at the
/// same height on screen. Clicks with a modifier key open the link as usual.
pub fn use_switch_to(code: String) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
    let nav = use_nav();
    move |ev: leptos::ev::MouseEvent| {
        if !history::is_plain_click(&ev) {
            return;
        }
        ev.prevent_default();
        let anchor = browser::reading_anchor();
        browser::save_language(&code);
        nav.saved.set(Some(code.clone()));
        let href = nav.href(&nav.page.get_untracked(), &code);
        nav.go(&href, Scroll::Keep);
        if let Some(anchor) = anchor {
            browser::before_next_paint(move || browser::restore_reading_anchor(anchor));
        }
    }
}

/// The header's language switcher: each site language named in itself, the
/// current one marked with `aria-current`.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    move || {
        let site = content.site.get().and_then(|r| r.ok())?;
        if site.languages.len() < 2 {
            return None;
        }
        let items = site
            .languages
            .iter()
            .map(|l| {
                let code = l.code.clone();
                let href = {
                    let code = code.clone();
                    move || nav.href(&nav.page.get(), &code)
                };
                let current = {
                    let code = code.clone();
                    move || (nav.lang.get() == code).then_some("page")
                };
                view! {
                    <li>
                        <a href=href hreflang=code.clone() lang=code.clone() aria-current=current
                            on:click=use_switch_to(code.clone())>
                            {l.name.clone()}
                        </a>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <nav class="tribuna-langs" aria-label=move || t(&nav.lang.get(), "nav.languages")>
                <ul>{items}</ul>
            </nav>
        })
    }
}

/// The languages the current page exists in (for the banner and the head's alternates).
pub fn use_page_languages() -> Memo<Vec<String>> {
    let nav = use_nav();
    let content = use_content();
    let current = use_current_statement();
    Memo::new(move |_| {
        let site_languages = nav.site_languages();
        match nav.page.get() {
            Page::Home | Page::Topic { .. } | Page::Mailbag { .. } | Page::Ask => site_languages,
            Page::Statement { slug } => {
                // The statement's own file knows its languages; the index (first page) stands in while it loads.
                let available: Option<Vec<String>> =
                    current.loaded(&slug).map(|s| s.translations.keys().cloned().collect()).or_else(|| {
                        let index = content.index.get()?.ok()?;
                        index.statements.iter().find(|e| e.slug == slug).map(|e| e.title.keys().cloned().collect())
                    });
                available
                    .map(|available| site_languages.into_iter().filter(|l| available.contains(l)).collect())
                    .unwrap_or_default()
            }
            Page::NotFound => Vec::new(),
        }
    })
}

/// Offers the page in the visitor's preferred language when it differs from
/// the page's and the page exists in it; written in the preferred language.
#[component]
pub fn LanguageBanner() -> impl IntoView {
    let nav = use_nav();
    let available = use_page_languages();
    let dismissed = RwSignal::new(browser::banner_dismissed());
    let offer = Memo::new(move |_| {
        let preferred = nav.preferred.get()?;
        (!dismissed.get() && preferred != nav.lang.get() && available.get().contains(&preferred)).then_some(preferred)
    });
    move || {
        offer.get().map(|code| {
            let href = nav.href(&nav.page.get(), &code);
            let lang = code.clone();
            view! {
                <aside class="tribuna-banner" lang=lang.clone() aria-label=t(&lang, "banner.label")>
                    <p>{t(&lang, "banner.available")}</p>
                    <a class="tribuna-button" href=href hreflang=lang.clone() on:click=use_switch_to(code)>
                        {t(&lang, "banner.switch")}
                    </a>
                    <button type="button" class="tribuna-banner__close" aria-label=t(&lang, "banner.dismiss")
                        on:click=move |_| {
                            browser::dismiss_banner();
                            dismissed.set(true);
                        }>
                        <span aria-hidden="true">"×"</span>
                    </button>
                </aside>
            }
        })
    }
}
