//! The tags inside one page's `<head>`: [`PageMeta`] says what they hold,
//! [`head_html`] writes them; [`statement_meta`] and [`listing_meta`] make the
//! meta of a page from content.

use serde_json::{json, Map, Value};
use tribuna_core::content::{page_title, pick, AuthorKind};
use tribuna_core::route::Page;

use super::escape::{html_attr, html_text, json_script};
use super::{modified, og_locale, site_langs, site_name, statement, statement_langs, Urls};
use crate::ContentDir;

/// What one page's head says about it. Made by [`statement_meta`] or
/// [`listing_meta`]; written by [`head_html`]. All URLs are absolute.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMeta {
    /// The page's language code (also for `<html lang>`, which the caller writes).
    pub lang: String,
    /// The document title: `"{heading} — {site name}"`, as the app sets it.
    pub title: String,
    /// The page's own heading (Open Graph and Twitter title, JSON-LD headline).
    pub heading: String,
    /// The meta description (a statement's lead); no description tags when empty.
    pub description: String,
    /// The site's name in the page's language.
    pub site_name: String,
    /// The canonical URL of this page in this language.
    pub url: String,
    /// The page in every language it exists in, this one included, in the site's order.
    pub alternates: Vec<Alternate>,
    /// The URL for `hreflang="x-default"`: the default language's version, else the first.
    pub x_default: String,
    /// The picture for link previews (a statement's hero).
    pub image: Option<MetaImage>,
    /// The Atom feed of each site language.
    pub feeds: Vec<FeedLink>,
    /// The site's home, `{origin}{base}` (the JSON-LD publisher's URL).
    pub site_url: String,
    /// A statement's oEmbed file (`<link rel="alternate" type="application/json+oembed">`).
    pub oembed: Option<String>,
    /// Set for a statement: `og:type` article and a JSON-LD `NewsArticle`;
    /// otherwise `og:type` website and a JSON-LD `WebPage`.
    pub article: Option<Article>,
}

/// A page in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    /// The language code.
    pub lang: String,
    /// The page's absolute URL in that language.
    pub url: String,
}

/// An image for link previews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaImage {
    /// Absolute URL.
    pub url: String,
    /// Intrinsic width in pixels.
    pub width: u32,
    /// Intrinsic height in pixels.
    pub height: u32,
    /// Text alternative, in the page's language when the content has it.
    pub alt: String,
}

/// A language's Atom feed, linked from every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLink {
    /// The feed's language code.
    pub lang: String,
    /// The link's title: `"{site name} ({language name})"`.
    pub title: String,
    /// The feed's absolute URL.
    pub url: String,
}

/// What a statement's head says about it as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// Date of the last update (the publication date when there was none), `YYYY-MM-DD`.
    pub modified: String,
    /// The signing authors, in signing order.
    pub authors: Vec<ArticleAuthor>,
    /// On a translation: the version in the original language (`translationOfWork`).
    pub original: Option<Alternate>,
    /// On the original: the versions in the other languages (`workTranslation`).
    pub translations: Vec<Alternate>,
}

/// A statement's author, from `authors.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleAuthor {
    /// Display name.
    pub name: String,
    /// Organisation or person (the JSON-LD `@type`).
    pub kind: AuthorKind,
    /// The author's own site as an absolute URL, when it has one.
    pub url: Option<String>,
}

/// The head of the statement `slug` in `lang`, from its own `lang`
/// translation. `None` when there is no such statement or it is not offered
/// in `lang` (or `lang` is not a site language). `origin` is the site's public
/// origin (see [`super::site_origin`]); `base` the path the site is served under.
pub fn statement_meta(content: &ContentDir, slug: &str, lang: &str, origin: &str, base: &str) -> Option<PageMeta> {
    let site = &content.site;
    let s = statement(content, slug)?;
    let langs = statement_langs(site, s);
    if !langs.contains(&lang) {
        return None;
    }
    let t = s.translations.get(lang)?;
    let urls = Urls::new(site, origin, base);
    let page = Page::Statement { slug: s.slug.clone() };
    let (alternates, x_default) = urls.alternates(&page, &langs);
    let image = s.hero.as_ref().map(|h| MetaImage {
        url: urls.asset(&h.src),
        width: h.width,
        height: h.height,
        alt: pick(&h.alt, lang, &s.original_language).map_or_else(String::new, |(a, _)| a.to_string()),
    });
    let authors = s
        .authors
        .iter()
        .filter_map(|id| content.authors.authors.iter().find(|a| a.id == *id))
        .map(|a| ArticleAuthor { name: a.name.clone(), kind: a.kind, url: a.url.as_deref().and_then(|u| urls.link(u)) })
        .collect();
    let is_original = lang == s.original_language;
    let original = alternates.iter().find(|a| !is_original && a.lang == s.original_language).cloned();
    let translations =
        if is_original { alternates.iter().filter(|a| a.lang != lang).cloned().collect() } else { vec![] };
    Some(PageMeta {
        lang: lang.to_string(),
        title: page_title(&t.title, Some(site), lang),
        heading: t.title.clone(),
        description: t.lead.clone(),
        site_name: site_name(site, lang).to_string(),
        url: urls.page(&page, lang),
        alternates,
        x_default,
        image,
        feeds: feeds(content, &urls),
        site_url: urls.root(),
        oembed: Some(super::embed::oembed_url(&urls, &s.slug, lang)),
        article: Some(Article {
            published: s.published.clone(),
            modified: modified(s).to_string(),
            authors,
            original,
            translations,
        }),
    })
}

/// The head of a page that is not a statement — [`Page::Home`], a
/// [`Page::Topic`], the [`Page::Mailbag`] (or one answer of it, `open`) or
/// [`Page::Ask`] — in `lang`, which the page exists in for every site language.
/// `heading` is the page's heading text (the title is `"{heading} — {site
/// name}"`); the description is `description` when given, else the site's
/// tagline in `lang`. `None` for a statement or not-found page, an unknown
/// topic or Mailbag answer, or a `lang` that is not a site language.
pub fn listing_meta(
    content: &ContentDir,
    page: &Page,
    lang: &str,
    heading: &str,
    description: Option<&str>,
    origin: &str,
    base: &str,
) -> Option<PageMeta> {
    let site = &content.site;
    let exists = match page {
        Page::Home | Page::Ask | Page::Mailbag { open: None } => true,
        Page::Topic { id } => site.topics.iter().any(|t| t.id == *id),
        Page::Mailbag { open: Some(id) } => {
            content.mailbag.as_ref().is_some_and(|m| m.questions.iter().any(|q| q.id == *id))
        }
        Page::Statement { .. } | Page::NotFound => false,
    };
    let langs = site_langs(site);
    if !exists || !langs.contains(&lang) {
        return None;
    }
    let urls = Urls::new(site, origin, base);
    let (alternates, x_default) = urls.alternates(page, &langs);
    let description = description
        .map(str::to_string)
        .or_else(|| pick(&site.tagline, lang, &site.default_language).map(|(t, _)| t.to_string()))
        .unwrap_or_default();
    Some(PageMeta {
        lang: lang.to_string(),
        title: page_title(heading, Some(site), lang),
        heading: heading.to_string(),
        description,
        site_name: site_name(site, lang).to_string(),
        url: urls.page(page, lang),
        alternates,
        x_default,
        image: None,
        feeds: feeds(content, &urls),
        site_url: urls.root(),
        oembed: None,
        article: None,
    })
}

fn feeds(content: &ContentDir, urls: &Urls) -> Vec<FeedLink> {
    content
        .site
        .languages
        .iter()
        .map(|l| FeedLink {
            lang: l.code.clone(),
            title: format!("{} ({})", site_name(&content.site, &l.code), l.name),
            url: urls.feed(&l.code),
        })
        .collect()
}

/// The tags that go inside `<head>` for one page, one a line: `<title>`, the
/// meta description, the canonical link, `hreflang` alternates with
/// `x-default`, the Atom feed links, Open Graph (with `article:*` for a
/// statement), the Twitter card, and JSON-LD (`NewsArticle` for a statement,
/// `WebPage` otherwise). Every value is escaped for its context. The caller
/// writes `<meta charset>`, the viewport, styles and scripts, and `<html lang>`
/// from [`PageMeta::lang`].
pub fn head_html(meta: &PageMeta) -> String {
    let mut h = Head(String::with_capacity(4096));
    h.0.push_str(&format!("<title>{}</title>\n", html_text(&meta.title)));
    if !meta.description.is_empty() {
        h.meta("name", "description", &meta.description);
    }
    h.link(&[("rel", "canonical"), ("href", &meta.url)]);
    for a in &meta.alternates {
        h.link(&[("rel", "alternate"), ("hreflang", &a.lang), ("href", &a.url)]);
    }
    h.link(&[("rel", "alternate"), ("hreflang", "x-default"), ("href", &meta.x_default)]);
    for f in &meta.feeds {
        h.link(&[
            ("rel", "alternate"),
            ("type", "application/atom+xml"),
            ("hreflang", &f.lang),
            ("title", &f.title),
            ("href", &f.url),
        ]);
    }
    if let Some(oembed) = &meta.oembed {
        h.link(&[
            ("rel", "alternate"),
            ("type", "application/json+oembed"),
            ("title", &meta.heading),
            ("href", oembed),
        ]);
    }

    h.meta("property", "og:type", if meta.article.is_some() { "article" } else { "website" });
    h.meta("property", "og:site_name", &meta.site_name);
    h.meta("property", "og:title", &meta.heading);
    if !meta.description.is_empty() {
        h.meta("property", "og:description", &meta.description);
    }
    h.meta("property", "og:url", &meta.url);
    h.meta("property", "og:locale", &og_locale(&meta.lang));
    for a in meta.alternates.iter().filter(|a| a.lang != meta.lang) {
        h.meta("property", "og:locale:alternate", &og_locale(&a.lang));
    }
    if let Some(img) = &meta.image {
        h.meta("property", "og:image", &img.url);
        h.meta("property", "og:image:width", &img.width.to_string());
        h.meta("property", "og:image:height", &img.height.to_string());
        h.meta("property", "og:image:alt", &img.alt);
    }
    if let Some(a) = &meta.article {
        h.meta("property", "article:published_time", &a.published);
        h.meta("property", "article:modified_time", &a.modified);
        for author in &a.authors {
            h.meta("property", "article:author", &author.name);
        }
    }

    h.meta("name", "twitter:card", if meta.image.is_some() { "summary_large_image" } else { "summary" });
    h.meta("name", "twitter:title", &meta.heading);
    if !meta.description.is_empty() {
        h.meta("name", "twitter:description", &meta.description);
    }
    if let Some(img) = &meta.image {
        h.meta("name", "twitter:image", &img.url);
        h.meta("name", "twitter:image:alt", &img.alt);
    }

    h.0.push_str("<script type=\"application/ld+json\">");
    h.0.push_str(&json_script(&json_ld(meta)));
    h.0.push_str("</script>\n");
    h.0
}

/// A head being written.
struct Head(String);

impl Head {
    fn meta(&mut self, key: &str, name: &str, content: &str) {
        self.0.push_str(&format!("<meta {key}=\"{}\" content=\"{}\">\n", html_attr(name), html_attr(content)));
    }

    fn link(&mut self, attrs: &[(&str, &str)]) {
        self.0.push_str("<link");
        for (k, v) in attrs {
            self.0.push_str(&format!(" {k}=\"{}\"", html_attr(v)));
        }
        self.0.push_str(">\n");
    }
}

/// The page's JSON-LD (schema.org): a `NewsArticle` for a statement, a `WebPage` otherwise.
pub(crate) fn json_ld(meta: &PageMeta) -> Value {
    let publisher = json!({ "@type": "Organization", "name": meta.site_name, "url": meta.site_url });
    let mut v = Map::new();
    v.insert("@context".into(), json!("https://schema.org"));
    match &meta.article {
        Some(a) => {
            v.insert("@type".into(), json!("NewsArticle"));
            v.insert("headline".into(), json!(meta.heading));
            if !meta.description.is_empty() {
                v.insert("description".into(), json!(meta.description));
            }
            if let Some(img) = &meta.image {
                v.insert(
                    "image".into(),
                    json!({ "@type": "ImageObject", "url": img.url, "width": img.width, "height": img.height }),
                );
            }
            v.insert("datePublished".into(), json!(a.published));
            v.insert("dateModified".into(), json!(a.modified));
            let authors: Vec<Value> = a
                .authors
                .iter()
                .map(|au| {
                    let kind = match au.kind {
                        AuthorKind::Organization => "Organization",
                        AuthorKind::Person => "Person",
                    };
                    let mut o = json!({ "@type": kind, "name": au.name });
                    if let Some(url) = &au.url {
                        o["url"] = json!(url);
                    }
                    o
                })
                .collect();
            v.insert("author".into(), Value::Array(authors));
            v.insert("publisher".into(), publisher);
            v.insert("inLanguage".into(), json!(meta.lang));
            v.insert("url".into(), json!(meta.url));
            v.insert("mainEntityOfPage".into(), json!({ "@type": "WebPage", "@id": meta.url }));
            let version = |alt: &Alternate| json!({ "@type": "NewsArticle", "url": alt.url, "inLanguage": alt.lang });
            if let Some(original) = &a.original {
                v.insert("translationOfWork".into(), version(original));
            }
            if !a.translations.is_empty() {
                v.insert("workTranslation".into(), Value::Array(a.translations.iter().map(version).collect()));
            }
        }
        None => {
            v.insert("@type".into(), json!("WebPage"));
            v.insert("name".into(), json!(meta.heading));
            if !meta.description.is_empty() {
                v.insert("description".into(), json!(meta.description));
            }
            v.insert("inLanguage".into(), json!(meta.lang));
            v.insert("url".into(), json!(meta.url));
            v.insert("isPartOf".into(), json!({ "@type": "WebSite", "name": meta.site_name, "url": meta.site_url }));
            v.insert("publisher".into(), publisher);
        }
    }
    Value::Object(v)
}
