//! Shared state as typed context: where the site lives ([`Config`]), the
//! site-wide content files ([`Content`]) and the current route and language ([`Nav`]).

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tribuna_core::content::{AuthorsFile, IndexFile, SiteFile};
use tribuna_core::route::{self, normalize_base, Page, Route};

use crate::api::{fetch_doc, Loaded};
use crate::{browser, i18n};

/// Where the app and its content are served from.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// The app's base path, `/` or `/sub/path/`.
    pub base: &'static str,
    /// The URL content files are fetched from, ending in `/`.
    pub content: &'static str,
}

impl Config {
    /// Reads the base path from `<base href>` and the content base from
    /// `<meta name="tribuna-content-base">` (default: `{base}content/`).
    pub fn from_document() -> Config {
        let base = normalize_base(&browser::base_path());
        let content = browser::meta("tribuna-content-base")
            .map(|c| if c.ends_with('/') { c } else { format!("{c}/") })
            .unwrap_or_else(|| format!("{base}content/"));
        // Both live for the whole page; leaking them once makes the config `Copy`.
        Config {
            base: Box::leak(base.into_boxed_str()),
            content: Box::leak(content.into_boxed_str()),
        }
    }

    /// The URL of a content-relative resource (an image `src`); absolute URLs pass through.
    pub fn asset(&self, src: &str) -> String {
        if src.contains("://") || src.starts_with('/') {
            src.to_string()
        } else {
            format!("{}{src}", self.content)
        }
    }

    /// A content link made to work under the base path (`/x` becomes `{base}x`).
    pub fn link(&self, href: &str) -> String {
        match href.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => format!("{}{rest}", self.base),
            _ => href.to_string(),
        }
    }
}

/// The site-wide content files, each fetched once.
#[derive(Clone, Copy)]
pub struct Content {
    /// `site.json`.
    pub site: LocalResource<Loaded<SiteFile>>,
    /// `authors.json`.
    pub authors: LocalResource<Loaded<AuthorsFile>>,
    /// `statements/index.json`.
    pub index: LocalResource<Loaded<IndexFile>>,
}

impl Content {
    /// Fetches again whichever site-wide file failed.
    pub fn retry_failed(&self) {
        let failed = |r: Option<bool>| r == Some(true);
        if failed(self.site.get().map(|r| r.is_err())) {
            self.site.refetch();
        }
        if failed(self.authors.get().map(|r| r.is_err())) {
            self.authors.refetch();
        }
        if failed(self.index.get().map(|r| r.is_err())) {
            self.index.refetch();
        }
    }
}

/// Provides [`Config`] and [`Content`] and starts fetching the site-wide files.
pub fn provide_content(config: Config) {
    provide_context(config);
    let base = config.content;
    provide_context(Content {
        site: LocalResource::new(move || fetch_doc(base, "site.json".into())),
        authors: LocalResource::new(move || fetch_doc(base, "authors.json".into())),
        index: LocalResource::new(move || fetch_doc(base, "statements/index.json".into())),
    });
}

/// The [`Config`] provided by the app.
pub fn use_config() -> Config {
    expect_context()
}

/// The [`Content`] provided by the app.
pub fn use_content() -> Content {
    expect_context()
}

/// The current route and the language the page is shown in.
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
    /// The app's base path.
    pub base: &'static str,
}

impl Nav {
    /// The URL of `page` in `lang`.
    pub fn href(&self, page: &Page, lang: &str) -> String {
        route::path(page, lang, &self.default_lang.get_untracked(), self.base)
    }
}

/// Provides [`Nav`]; call inside the `<Router>`.
pub fn provide_nav() {
    let config = use_config();
    let content = use_content();
    let location = use_location();
    let languages = i18n::languages();
    let route = Memo::new(move |_| route::parse(&location.pathname.get(), config.base, &languages));
    let page = Memo::new(move |_| route.get().page);
    let default_lang = Memo::new(move |_| {
        content
            .site
            .get()
            .and_then(|r| r.ok())
            .map(|s| s.default_language.clone())
            .unwrap_or_else(|| i18n::FALLBACK.to_string())
    });
    let lang = Memo::new(move |_| route.get().lang.unwrap_or_else(|| default_lang.get()));
    provide_context(Nav {
        route,
        page,
        default_lang,
        lang,
        base: config.base,
    });
}

/// The [`Nav`] provided inside the router.
pub fn use_nav() -> Nav {
    expect_context()
}
