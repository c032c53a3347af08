//! Navigation, in one place: the current route and language ([`Nav`]), moving
//! between pages without a reload, the page each route shows
//! ([`CurrentPage`]), and the visitor's language on arrival.
//!
//! Pages and languages are parsed from the path by `tribuna_core::route`, so a
//! language added in the site config needs no route. The History API calls
//! themselves live in `crate::browser::history`.

use leptos::prelude::*;
use tribuna_core::lang::preferred;
use tribuna_core::route::{self, Page, Route};

use crate::api::fetch_catalogue;
use crate::browser::{self, history};
use crate::i18n;
use crate::lazy::{LazyPage, Part};
use crate::routes::{not_found::NotFoundPage, statement::StatementPage};
use crate::state::{use_config, use_content};

/// The current route, the page's language, and the visitor's language preference.
#[derive(Clone, Copy)]
pub struct Nav {
    /// The parsed current URL.
    pub route: Memo<Route>,
    /// The page, independent of language (changes only when the page does).
    pub page: Memo<Page>,
    /// The site's default language (from `site.json`; [`i18n::FALLBACK`] until it loads).
    pub default_lang: Memo<String>,
    /// The page's language.
    pub lang: Memo<String>,
    /// The language the visitor chose with the switcher (stored across visits).
    pub saved: RwSignal<Option<String>>,
    /// The visitor's preferred language among the site's: the saved choice,
    /// else the browser's languages. `None` until the site config loads.
    pub preferred: Memo<Option<String>>,
    /// The app's base path.
    pub base: &'static str,
    /// The current URL path, kept in step with the History API.
    path: RwSignal<String>,
}

/// What happens to the scroll position when navigating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    /// A new page: to the top, with focus on the main content.
    Top,
    /// The same page in another language: the caller keeps the reader's place.
    Keep,
}

impl Nav {
    /// Goes to `url` (a path with optional query) without reloading: a new history entry.
    pub fn go(&self, url: &str, scroll: Scroll) {
        history::push(url);
        self.path.set(history::current_path());
        if scroll == Scroll::Top {
            browser::scroll_to_top();
            browser::focus_element("tribuna-main");
        }
    }

    /// Replaces the current history entry with `url` and shows it.
    pub fn replace(&self, url: &str) {
        history::replace(url);
        self.path.set(history::current_path());
    }

    /// The URL of `page` in `lang`.
    pub fn href(&self, page: &Page, lang: &str) -> String {
        route::path(page, lang, &self.default_lang.get_untracked(), self.base)
    }

    /// The site's language codes, in the config's order (empty until it loads).
    pub fn site_languages(&self) -> Vec<String> {
        use_content()
            .site
            .get()
            .and_then(|r| r.ok())
            .map(|s| s.languages.iter().map(|l| l.code.clone()).collect())
            .unwrap_or_default()
    }
}

/// Provides [`Nav`], starting at `path` (the address bar's, or the page being
/// pre-rendered).
pub fn provide_nav(path: String) {
    let config = use_config();
    let content = use_content();
    let path = RwSignal::new(path);
    history::on_popstate(move || path.set(history::current_path()));
    let site = move || content.site.get().and_then(|r| r.ok());
    // URL prefixes: the built-in languages and any the site config adds.
    let languages = move || {
        let mut codes: Vec<String> = i18n::built_in().map(str::to_string).collect();
        if let Some(site) = site() {
            codes.extend(site.languages.iter().map(|l| l.code.clone()));
        }
        codes
    };
    let parse = move |path: &str| {
        let codes = languages();
        route::parse(path, config.base, &codes.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let route = Memo::new(move |_| parse(&path.get()));
    let page = Memo::new(move |_| route.get().page);
    let default_lang =
        Memo::new(move |_| site().map(|s| s.default_language.clone()).unwrap_or_else(|| i18n::FALLBACK.to_string()));
    // UI strings for a language that is not built in are fetched once it is asked for
    // (in the browser; a pre-rendered page uses the built-in ones).
    let fetched_strings = browser::in_browser().then(|| {
        LocalResource::new(move || {
            let wanted = route.get().lang.filter(|l| !i18n::has_catalogue(l));
            async move {
                match wanted {
                    Some(code) => fetch_catalogue(config.base, code).await.ok(),
                    None => None,
                }
            }
        })
    });
    let lang = Memo::new(move |_| {
        if let Some(fetched) = fetched_strings {
            fetched.track();
        }
        match route.get().lang {
            Some(code) if i18n::has_catalogue(&code) => code,
            _ => default_lang.get(),
        }
    });
    let saved = RwSignal::new(browser::saved_language());
    let browser_languages = browser::browser_languages();
    let preferred = Memo::new(move |_| {
        let site = site()?;
        let available: Vec<&str> = site.languages.iter().map(|l| l.code.as_str()).collect();
        preferred(saved.get().as_deref(), &browser_languages, &available).map(str::to_string)
    });
    let nav = Nav { route, page, default_lang, lang, saved, preferred, base: config.base, path };
    // Same-site links to a page the app knows open without a reload; any other
    // address loads normally (files such as the JSON Schemas, or the host's 404).
    history::on_link_click(move |url| {
        let known = untrack(|| parse(url.split('?').next().unwrap_or(url))).page != Page::NotFound;
        if known {
            nav.go(url, Scroll::Top);
        }
        known
    });
    provide_context(nav);
}

/// The [`Nav`] provided by the shell.
pub fn use_nav() -> Nav {
    expect_context()
}

/// The page the current route names.
#[component]
pub fn CurrentPage() -> impl IntoView {
    let nav = use_nav();
    move || match nav.page.get() {
        Page::Home => view! { <LazyPage part=Part::Home /> }.into_any(),
        Page::Statement { slug } => view! { <StatementPage slug /> }.into_any(),
        Page::Topic { .. } => view! { <LazyPage part=Part::Topic /> }.into_any(),
        Page::Mailbag { .. } => view! { <LazyPage part=Part::Mailbag /> }.into_any(),
        Page::Ask => view! { <LazyPage part=Part::Ask /> }.into_any(),
        Page::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

/// On the unprefixed home page at the start of a visit, sends a visitor whose
/// saved choice or browser prefers another site language to that language's home.
pub fn redirect_on_arrival() {
    let nav = use_nav();
    let content = use_content();
    // Once, when the site config (the languages) has arrived: a task, not an effect.
    leptos::task::spawn_local(async move {
        if content.site.load().await.is_err() {
            return;
        }
        let route = nav.route.get_untracked();
        let Some(preferred) = nav.preferred.get_untracked() else { return };
        if route.page == Page::Home && route.lang.is_none() && preferred != nav.default_lang.get_untracked() {
            nav.replace(&nav.href(&Page::Home, &preferred));
        }
    });
}
