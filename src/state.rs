//! Shared state as typed context: where the site lives ([`Config`]), the
//! site-wide content files ([`Content`]) and the current route and language ([`Nav`]).

use std::sync::Arc;

use leptos::prelude::*;
use tribuna_core::content::{AuthorsFile, IndexFile, SiteFile, StatementFile};
use tribuna_core::load::Document;
use tribuna_core::mailbag::MailbagFile;
use tribuna_core::route::{self, normalize_base, Page, Route};

use tribuna_core::lang::preferred;

use crate::api::{fetch_catalogue, fetch_doc, Loaded};
use crate::{browser, history, i18n};

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
        Config { base: Box::leak(base.into_boxed_str()), content: Box::leak(content.into_boxed_str()) }
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

/// A content file fetched the first time a page asks for it (see [`Content::authors`]).
type OnDemand<T> = StoredValue<Option<LocalResource<Loaded<T>>>>;

/// The site-wide content files, each fetched once: `site.json` and the index
/// when the app starts (every page needs them), the others on first use.
#[derive(Clone, Copy)]
pub struct Content {
    /// `site.json`.
    pub site: LocalResource<Loaded<SiteFile>>,
    /// `statements/index.json`.
    pub index: LocalResource<Loaded<IndexFile>>,
    /// `authors.json`, once a statement page asks for it.
    authors: OnDemand<AuthorsFile>,
    /// `mailbag.json`, once a page with the Mailbag asks for it.
    mailbag: OnDemand<MailbagFile>,
    /// The app's owner, so a file fetched on demand lives as long as the app.
    owner: StoredValue<Owner, LocalStorage>,
    /// Where content is fetched from.
    base: &'static str,
}

impl Content {
    /// `authors.json`: fetched on first use (only statement pages show authors).
    pub fn authors(&self) -> LocalResource<Loaded<AuthorsFile>> {
        self.on_demand(self.authors, "authors.json")
    }

    /// `mailbag.json`: fetched on first use (pages without the Mailbag never fetch it).
    pub fn mailbag(&self) -> LocalResource<Loaded<MailbagFile>> {
        self.on_demand(self.mailbag, "mailbag.json")
    }

    fn on_demand<T>(&self, slot: OnDemand<T>, file: &'static str) -> LocalResource<Loaded<T>>
    where
        T: Document + Send + Sync + 'static,
    {
        if let Some(resource) = slot.get_value() {
            return resource;
        }
        let base = self.base;
        let resource = self.owner.with_value(|o| o.with(|| LocalResource::new(move || fetch_doc(base, file.into()))));
        slot.set_value(Some(resource));
        resource
    }

    /// Fetches again whichever site-wide file failed.
    pub fn retry_failed(&self) {
        retry_if_failed(self.site);
        retry_if_failed(self.index);
        if let Some(authors) = self.authors.get_value() {
            retry_if_failed(authors);
        }
        if let Some(mailbag) = self.mailbag.get_value() {
            retry_if_failed(mailbag);
        }
    }
}

fn retry_if_failed<T: Send + Sync + 'static>(resource: LocalResource<Loaded<T>>) {
    if matches!(resource.get_untracked(), Some(Err(_))) {
        resource.refetch();
    }
}

/// Provides [`Config`] and [`Content`] and starts fetching the site-wide files.
pub fn provide_content(config: Config) {
    provide_context(config);
    let base = config.content;
    provide_context(Content {
        site: LocalResource::new(move || fetch_doc(base, "site.json".into())),
        index: LocalResource::new(move || fetch_doc(base, "statements/index.json".into())),
        authors: StoredValue::new(None),
        mailbag: StoredValue::new(None),
        owner: StoredValue::new_local(Owner::current().expect("provide_content runs inside the app")),
        base,
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
            history::scroll_to_top();
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

/// Provides [`Nav`]; call inside the `<Router>`.
pub fn provide_nav() {
    let config = use_config();
    let content = use_content();
    let path = RwSignal::new(history::current_path());
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
    // UI strings for a language that is not built in are fetched once it is asked for.
    let fetched_strings = LocalResource::new(move || {
        let wanted = route.get().lang.filter(|l| !i18n::has_catalogue(l));
        async move {
            match wanted {
                Some(code) => fetch_catalogue(config.base, code).await.ok(),
                None => None,
            }
        }
    });
    let lang = Memo::new(move |_| {
        fetched_strings.track();
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

/// The [`Nav`] provided inside the router.
pub fn use_nav() -> Nav {
    expect_context()
}

/// The statement the current page shows: fetched once per statement page (not
/// again when only the language changes) and shared by the page and the shell,
/// whose banner and alternate links need its languages.
#[derive(Clone, Copy)]
pub struct CurrentStatement(LocalResource<Option<Loaded<StatementFile>>>);

impl CurrentStatement {
    /// The statement file: `None` on other pages, and while loading.
    pub fn resource(&self) -> LocalResource<Option<Loaded<StatementFile>>> {
        self.0
    }

    /// The loaded statement `slug`, if that is what the resource holds.
    pub fn loaded(&self, slug: &str) -> Option<Arc<StatementFile>> {
        self.0.get().flatten().and_then(|r| r.ok()).filter(|s| s.slug == slug)
    }
}

/// Provides [`CurrentStatement`]; call after [`provide_nav`].
pub fn provide_current_statement() {
    let nav = use_nav();
    let config = use_config();
    let slug = Memo::new(move |_| match nav.page.get() {
        Page::Statement { slug } => Some(slug),
        _ => None,
    });
    let resource = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            match slug {
                Some(slug) => Some(fetch_doc::<StatementFile>(config.content, format!("statements/{slug}.json")).await),
                None => None,
            }
        }
    });
    provide_context(CurrentStatement(resource));
}

/// The [`CurrentStatement`] provided by the shell.
pub fn use_current_statement() -> CurrentStatement {
    expect_context()
}
