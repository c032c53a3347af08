//! Shared state as typed context: where the site lives ([`Config`]) and its
//! content ([`Content`], [`CurrentStatement`]).
//!
//! Content is either fetched in the browser or handed in already read from
//! disk ([`Preloaded`], when pages are pre-rendered). Pages read it through
//! [`Doc`] and never know which: they receive loaded content either way.

use std::sync::Arc;

use leptos::prelude::*;
use tribuna_core::content::{index_file, AuthorsFile, IndexFile, SiteFile, StatementFile};
use tribuna_core::load::Document;
use tribuna_core::mailbag::MailbagFile;
use tribuna_core::route::{normalize_base, Page};
#[cfg(feature = "ssr")]
use tribuna_core::ContentError;

use crate::api::{fetch_doc, Loaded};
use crate::browser;
use crate::nav::use_nav;

/// Where the app and its content are served from.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// The app's base path, `/` or `/sub/path/`.
    pub base: &'static str,
    /// The URL content files are fetched from, ending in `/`.
    pub content: &'static str,
}

impl Config {
    /// A config for the app served under `base`, with content from
    /// `content_base` (`None`: `{base}content/`).
    pub fn new(base: &str, content_base: Option<String>) -> Config {
        let base = normalize_base(base);
        let content = content_base
            .map(|c| if c.ends_with('/') { c } else { format!("{c}/") })
            .unwrap_or_else(|| format!("{base}content/"));
        // Both live for the whole page; leaking them once makes the config `Copy`.
        Config { base: Box::leak(base.into_boxed_str()), content: Box::leak(content.into_boxed_str()) }
    }

    /// Reads the base path from `<base href>` and the content base from
    /// `<meta name="tribuna-content-base">` (default: `{base}content/`).
    pub fn from_document() -> Config {
        Config::new(&browser::base_path(), browser::meta("tribuna-content-base"))
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

/// A piece of content: fetched in the browser, or ready from the start
/// (pre-rendering; the browser build has no such variant, so reads there cost
/// nothing extra).
pub enum Doc<T: 'static> {
    /// Fetched on first read; pending until it arrives.
    Fetched(LocalResource<T>),
    /// Handed in already loaded (pre-rendering).
    #[cfg(feature = "ssr")]
    Ready(StoredValue<T>),
}

impl<T> Clone for Doc<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Doc<T> {}

impl<T: Clone + Send + Sync + 'static> Doc<T> {
    /// Content handed in ready.
    #[cfg(feature = "ssr")]
    pub fn ready(value: T) -> Self {
        Doc::Ready(StoredValue::new(value))
    }

    /// The value, if it has arrived (tracked: a reader re-runs when it does).
    pub fn get(&self) -> Option<T> {
        match self {
            Doc::Fetched(r) => r.get(),
            #[cfg(feature = "ssr")]
            Doc::Ready(v) => Some(v.get_value()),
        }
    }

    /// The resource behind a fetched value.
    fn resource(&self) -> Option<LocalResource<T>> {
        match self {
            Doc::Fetched(r) => Some(*r),
            #[cfg(feature = "ssr")]
            Doc::Ready(_) => None,
        }
    }

    /// The value once it has arrived (inside `Suspense`, the fallback shows until then).
    pub async fn load(self) -> T {
        match self {
            Doc::Fetched(r) => r.await,
            #[cfg(feature = "ssr")]
            Doc::Ready(v) => v.get_value(),
        }
    }
}

impl<T: Send + Sync + 'static> Doc<Loaded<T>> {
    /// Fetches `file` (relative to the content base) on first read.
    pub fn fetch(base: &'static str, file: String) -> Self
    where
        T: Document,
    {
        Doc::Fetched(LocalResource::new(move || fetch_doc(base, file.clone())))
    }

    /// Fetches again if the last attempt failed.
    pub fn retry_if_failed(&self) {
        if let Some(r) = self.resource().filter(|r| matches!(r.get_untracked(), Some(Err(_)))) {
            r.refetch();
        }
    }
}

/// Content already read from disk, for rendering a page without fetching.
#[derive(Clone, Debug)]
pub struct Preloaded {
    /// `site.json`.
    pub site: Arc<SiteFile>,
    /// The first page of `statements/index.json`.
    pub index: Arc<IndexFile>,
    /// `authors.json`.
    pub authors: Arc<AuthorsFile>,
    /// `mailbag.json`, if the site has one.
    pub mailbag: Option<Arc<MailbagFile>>,
    /// The statement the page shows, on a statement page.
    pub statement: Option<Arc<StatementFile>>,
    /// A topic's id and the first page of its index, on a topic page.
    pub topic_index: Option<(String, Arc<IndexFile>)>,
}

/// Where content comes from.
pub enum Source {
    /// Fetched in the browser as pages need it.
    Fetch,
    /// Already read (pre-rendering).
    #[cfg(feature = "ssr")]
    Ready(Box<Preloaded>),
}

/// A content file fetched the first time a page asks for it (see [`Content::authors`]).
type OnDemand<T> = StoredValue<Option<Doc<Loaded<T>>>>;

/// The site-wide content files, each fetched once: `site.json` and the index
/// when the app starts (every page needs them), the others on first use.
#[derive(Clone, Copy)]
pub struct Content {
    /// `site.json`.
    pub site: Doc<Loaded<SiteFile>>,
    /// `statements/index.json`.
    pub index: Doc<Loaded<IndexFile>>,
    /// `authors.json`, once a statement page asks for it.
    authors: OnDemand<AuthorsFile>,
    /// `mailbag.json`, once a page with the Mailbag asks for it.
    mailbag: OnDemand<MailbagFile>,
    /// A topic's first index page, when handed in ready.
    #[cfg(feature = "ssr")]
    topic_index: StoredValue<Option<(String, Arc<IndexFile>)>>,
    /// The app's owner, so a file fetched on demand lives as long as the app.
    owner: StoredValue<Owner, LocalStorage>,
    /// Where content is fetched from.
    base: &'static str,
}

impl Content {
    /// `authors.json`: fetched on first use (only statement pages show authors).
    pub fn authors(&self) -> Doc<Loaded<AuthorsFile>> {
        self.on_demand(self.authors, "authors.json")
    }

    /// `mailbag.json`: fetched on first use (pages without the Mailbag never fetch it).
    pub fn mailbag(&self) -> Doc<Loaded<MailbagFile>> {
        self.on_demand(self.mailbag, "mailbag.json")
    }

    /// Whether `mailbag.json` is already at hand (handed in, or fetched without error).
    pub fn mailbag_at_hand(&self) -> bool {
        self.mailbag.get_value().and_then(|d| d.get()).is_some_and(|r| r.is_ok())
    }

    /// The first index page of topic `id`: fetched for the page that asks
    /// (and dropped with it), or the one handed in.
    pub fn topic_index(&self, id: &str) -> Doc<Loaded<IndexFile>> {
        #[cfg(feature = "ssr")]
        if let Some((topic, ready)) = self.topic_index.get_value() {
            if topic == id {
                return Doc::ready(Ok(ready));
            }
        }
        Doc::fetch(self.base, index_file(Some(id), 1))
    }

    fn on_demand<T>(&self, slot: OnDemand<T>, file: &'static str) -> Doc<Loaded<T>>
    where
        T: Document + Send + Sync + 'static,
    {
        if let Some(doc) = slot.get_value() {
            return doc;
        }
        let base = self.base;
        let doc = self.owner.with_value(|o| o.with(|| Doc::fetch(base, file.into())));
        slot.set_value(Some(doc));
        doc
    }

    /// Fetches again whichever site-wide file failed.
    pub fn retry_failed(&self) {
        self.site.retry_if_failed();
        self.index.retry_if_failed();
        if let Some(authors) = self.authors.get_value() {
            authors.retry_if_failed();
        }
        if let Some(mailbag) = self.mailbag.get_value() {
            mailbag.retry_if_failed();
        }
    }
}

/// Provides [`Config`] and [`Content`], from `source`.
pub fn provide_content(config: Config, source: Source) {
    provide_context(config);
    let base = config.content;
    let owner = StoredValue::new_local(Owner::current().expect("provide_content runs inside the app"));
    let content = match source {
        Source::Fetch => Content {
            site: Doc::fetch(base, "site.json".into()),
            index: Doc::fetch(base, "statements/index.json".into()),
            authors: StoredValue::new(None),
            mailbag: StoredValue::new(None),
            #[cfg(feature = "ssr")]
            topic_index: StoredValue::new(None),
            owner,
            base,
        },
        #[cfg(feature = "ssr")]
        Source::Ready(p) => {
            let missing = || ContentError::Missing { file: "mailbag.json".into() };
            Content {
                site: Doc::ready(Ok(p.site)),
                index: Doc::ready(Ok(p.index)),
                authors: StoredValue::new(Some(Doc::ready(Ok(p.authors)))),
                mailbag: StoredValue::new(Some(Doc::ready(p.mailbag.ok_or_else(missing)))),
                topic_index: StoredValue::new(p.topic_index),
                owner,
                base,
            }
        }
    };
    provide_context(content);
}

/// The [`Config`] provided by the app.
pub fn use_config() -> Config {
    expect_context()
}

/// The [`Content`] provided by the app.
pub fn use_content() -> Content {
    expect_context()
}

/// The statement the current page shows: fetched once per statement page (not
/// again when only the language changes) and shared by the page and the shell,
/// whose banner and alternate links need its languages.
#[derive(Clone, Copy)]
pub struct CurrentStatement(Doc<Option<Loaded<StatementFile>>>);

impl CurrentStatement {
    /// The statement file: `None` on other pages, and while loading.
    pub fn doc(&self) -> Doc<Option<Loaded<StatementFile>>> {
        self.0
    }

    /// The loaded statement `slug`, if that is what the resource holds.
    pub fn loaded(&self, slug: &str) -> Option<Arc<StatementFile>> {
        self.0.get().flatten().and_then(|r| r.ok()).filter(|s| s.slug == slug)
    }

    /// Fetches the statement again if it failed.
    pub fn retry_if_failed(&self) {
        if let Some(r) = self.0.resource().filter(|r| matches!(r.get_untracked(), Some(Some(Err(_))))) {
            r.refetch();
        }
    }
}

/// Provides [`CurrentStatement`]; call after `provide_nav`. With pre-loaded
/// content, `ready` holds the page's statement (`Some(None)` on other pages).
pub fn provide_current_statement(ready: Option<Option<Arc<StatementFile>>>) {
    #[cfg(feature = "ssr")]
    if let Some(statement) = ready {
        provide_context(CurrentStatement(Doc::ready(statement.map(Ok))));
        return;
    }
    #[cfg(not(feature = "ssr"))]
    let _ = ready;
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
    provide_context(CurrentStatement(Doc::Fetched(resource)));
}

/// The [`CurrentStatement`] provided by the shell.
pub fn use_current_statement() -> CurrentStatement {
    expect_context()
}
