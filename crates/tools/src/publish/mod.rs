//! What a pre-rendered site needs around its pages' bodies, written from a
//! [`ContentDir`]: each page's `<head>` tags ([`head_html`] of a [`PageMeta`]
//! made by [`statement_meta`] or [`listing_meta`]), `sitemap.xml`
//! ([`sitemap_xml`]), `robots.txt` ([`robots_txt`]) and an Atom feed per
//! language ([`atom_feed`], at [`feed_path`]).
//!
//! Everything here is native and pure: strings in, strings out, with every
//! content value escaped for where it goes ([`escape`]). URLs are absolute:
//! the site's public origin (`https://example.org`, see [`site_origin`])
//! followed by the page's path from [`route::path`], which includes the base
//! path the site is served under (`/` or `/tribuna/`).
//!
//! ```no_run
//! # use tribuna_tools::{ContentDir, publish::*};
//! let content = ContentDir::load("public/content".as_ref()).unwrap();
//! let origin = site_origin(&content.site, None).unwrap();
//! let meta = statement_meta(&content, "rent-stabilization-now", "es", &origin, "/").unwrap();
//! let head = head_html(&meta);
//! let sitemap = sitemap_xml(&content, &origin, "/");
//! let feed = atom_feed(&content, "es", &origin, "/", 20); // written to feed_path("es", "en", "/")
//! let robots = robots_txt(&origin, "/");
//! ```
//!
//! **`og:locale`** ([`og_locale`]): Open Graph wants `language_TERRITORY`. A
//! language is given the territory it is most often published for on the
//! web, from a small table (`en` → `en_US`, `es` → `es_ES`, `pt` → `pt_BR`,
//! `zh` → `zh_CN`, `ja` → `ja_JP`, …); any other two-letter code `xx` becomes
//! `xx_XX` (`fr_FR`, `de_DE`, `it_IT`), and a three-letter code is written
//! alone.

mod embed;
pub mod escape;
mod feed;
mod head;
mod sitemap;

pub use embed::{headers_file, oembed_json};
pub use feed::{atom_feed, feed_path};
pub use head::{
    head_html, listing_meta, statement_meta, Alternate, Article, ArticleAuthor, FeedLink, MetaImage, PageMeta,
};
pub use sitemap::{robots_txt, sitemap_xml};

use tribuna_core::content::{pick, SiteFile, StatementFile};
use tribuna_core::href;
use tribuna_core::route::{self, normalize_base, Page};

use crate::ContentDir;

/// The origin absolute URLs start with: `over` (a build's override) when
/// given, else `site.json`'s `origin`; checked and normalised by
/// [`tribuna_core::href::origin`] (`https://example.org/` → `https://example.org`).
/// An error says why, or that neither gives one.
pub fn site_origin(site: &SiteFile, over: Option<&str>) -> Result<String, String> {
    match over.or(site.origin.as_deref()) {
        Some(o) => href::origin(o).map_err(|e| format!("origin: {e}")),
        None => Err("origin: site.json has no \"origin\" (the site's public origin, like \"https://example.org\") \
                     and none was given to the build"
            .into()),
    }
}

/// The Open Graph locale for a language code (see the module doc): `en` →
/// `en_US`, `es` → `es_ES`, `fr` → `fr_FR`, `haw` → `haw`.
pub fn og_locale(lang: &str) -> String {
    const TERRITORY: &[(&str, &str)] = &[
        ("ar", "AR"),
        ("ca", "ES"),
        ("cs", "CZ"),
        ("da", "DK"),
        ("el", "GR"),
        ("en", "US"),
        ("et", "EE"),
        ("eu", "ES"),
        ("fa", "IR"),
        ("gl", "ES"),
        ("he", "IL"),
        ("hi", "IN"),
        ("ja", "JP"),
        ("ko", "KR"),
        ("ms", "MY"),
        ("nb", "NO"),
        ("pt", "BR"),
        ("sv", "SE"),
        ("sw", "KE"),
        ("uk", "UA"),
        ("ur", "PK"),
        ("vi", "VN"),
        ("zh", "CN"),
    ];
    match TERRITORY.iter().find(|(l, _)| *l == lang) {
        Some((l, t)) => format!("{l}_{t}"),
        None if lang.len() == 2 => format!("{lang}_{}", lang.to_ascii_uppercase()),
        None => lang.to_string(),
    }
}

/// Absolute URLs of one site: its origin, base path and default language.
pub(crate) struct Urls<'a> {
    pub(crate) origin: String,
    pub(crate) base: String,
    pub(crate) default_lang: &'a str,
}

impl<'a> Urls<'a> {
    pub(crate) fn new(site: &'a SiteFile, origin: &str, base: &str) -> Urls<'a> {
        Urls {
            origin: origin.trim_end_matches('/').to_string(),
            base: normalize_base(base),
            default_lang: &site.default_language,
        }
    }

    /// The absolute URL of `page` in `lang`.
    pub(crate) fn page(&self, page: &Page, lang: &str) -> String {
        format!("{}{}", self.origin, route::path(page, lang, self.default_lang, &self.base))
    }

    /// The site's root, `{origin}{base}`.
    pub(crate) fn root(&self) -> String {
        format!("{}{}", self.origin, self.base)
    }

    /// The feed of `lang`.
    pub(crate) fn feed(&self, lang: &str) -> String {
        format!("{}{}", self.origin, feed_path(lang, self.default_lang, &self.base))
    }

    /// An image `src` from content: absolute http(s) as written, `/x` on the
    /// origin, anything else under the content base `{base}content/`.
    pub(crate) fn asset(&self, src: &str) -> String {
        if is_web_url(src) {
            src.to_string()
        } else if src.starts_with('/') {
            format!("{}{src}", self.origin)
        } else {
            format!("{}{}content/{src}", self.origin, self.base)
        }
    }

    /// A content link as an absolute URL, when it has one: http(s) as
    /// written, `/x` under the base path (as the app treats it); `None` for
    /// `mailto:` and page-relative links.
    pub(crate) fn link(&self, href: &str) -> Option<String> {
        if is_web_url(href) {
            Some(href.to_string())
        } else {
            href.strip_prefix('/').filter(|r| !r.starts_with('/')).map(|r| format!("{}{}{r}", self.origin, self.base))
        }
    }

    /// Every version of a page in `langs` (in that order), and the one for
    /// `x-default`: the default language's, else the first.
    pub(crate) fn alternates(&self, page: &Page, langs: &[&str]) -> (Vec<Alternate>, String) {
        let all: Vec<Alternate> =
            langs.iter().map(|l| Alternate { lang: l.to_string(), url: self.page(page, l) }).collect();
        let x_default = all
            .iter()
            .find(|a| a.lang == self.default_lang)
            .or(all.first())
            .map(|a| a.url.clone())
            .unwrap_or_else(|| self.root());
        (all, x_default)
    }
}

fn is_web_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The site's language codes, in `site.json` order.
pub(crate) fn site_langs(site: &SiteFile) -> Vec<&str> {
    site.languages.iter().map(|l| l.code.as_str()).collect()
}

/// The site languages a statement is offered in, in `site.json` order.
pub(crate) fn statement_langs<'a>(site: &'a SiteFile, s: &StatementFile) -> Vec<&'a str> {
    site_langs(site).into_iter().filter(|l| s.translations.contains_key(*l)).collect()
}

/// The site's name in `lang` (else the default language's).
pub(crate) fn site_name<'a>(site: &'a SiteFile, lang: &str) -> &'a str {
    pick(&site.name, lang, &site.default_language).map_or("", |(n, _)| n)
}

/// The date of a statement's last change: `updated`, else `published`.
pub(crate) fn modified(s: &StatementFile) -> &str {
    s.updated.as_deref().unwrap_or(&s.published)
}

/// A content date (`YYYY-MM-DD`) as an RFC 3339 date-time: midnight UTC.
pub(crate) fn rfc3339(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// A statement by slug.
pub(crate) fn statement<'a>(content: &'a ContentDir, slug: &str) -> Option<&'a StatementFile> {
    content.statements.iter().map(|(_, s)| s).find(|s| s.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_follow_the_table_then_the_rule() {
        assert_eq!(og_locale("en"), "en_US");
        assert_eq!(og_locale("es"), "es_ES");
        assert_eq!(og_locale("fr"), "fr_FR");
        assert_eq!(og_locale("pt"), "pt_BR");
        assert_eq!(og_locale("haw"), "haw");
    }
}
