//! The content format, version [`FORMAT_VERSION`]: the Rust types that the JSON
//! files under `public/content/` deserialize into.
//!
//! `docs/content-format.md` explains the files; `public/schema/*.schema.json` are
//! generated from these types (`make schema`) so editors can validate and autocomplete.

use std::collections::BTreeMap;

use tribuna_derive::content_type;

use crate::related::{rank_rails, RelatedSettings};

/// The content format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Text in several languages, keyed by language code (`"en"`, `"es"`).
pub type Localized = BTreeMap<String, String>;

/// Picks the text for `lang`, else for `fallback`, else any; returns it with the
/// language it is actually in.
pub fn pick<'a>(texts: &'a Localized, lang: &str, fallback: &str) -> Option<(&'a str, &'a str)> {
    pick_in(texts, lang, fallback).map(|(v, k)| (v.as_str(), k))
}

/// [`pick`] for anything kept by language (a statement's translations).
pub fn pick_in<'a, V>(by_lang: &'a BTreeMap<String, V>, lang: &str, fallback: &str) -> Option<(&'a V, &'a str)> {
    by_lang
        .get_key_value(lang)
        .or_else(|| by_lang.get_key_value(fallback))
        .or_else(|| by_lang.iter().next())
        .map(|(k, v)| (v, k.as_str()))
}

/// A page's document title: `"{heading} — {site name}"`, the site's name in
/// `lang` (else its default language), or the heading alone while the site's
/// name is unknown (`None`) or empty. The app and the pre-rendered pages both
/// use it, so a page keeps its title when the app takes it over.
pub fn page_title(heading: &str, site: Option<&SiteFile>, lang: &str) -> String {
    match site.and_then(|s| pick(&s.name, lang, &s.default_language)).filter(|(name, _)| !name.is_empty()) {
        Some((name, _)) => format!("{heading} — {name}"),
        None => heading.to_string(),
    }
}

/// `site.json`: the site's name, languages and calls to action.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct SiteFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// The site's name, per language.
    pub name: Localized,
    /// A one-line description shown under the name, per language.
    #[default]
    pub tagline: Localized,
    /// The languages the site is published in, in the order the switcher lists them.
    pub languages: Vec<Language>,
    /// The language served without a URL prefix (`/`); the others live under `/{code}/`.
    pub default_language: String,
    /// How many statements the home page lists.
    #[default(10)]
    pub home_count: u32,
    /// Topics statements can be filed under.
    #[default]
    pub topics: Vec<Topic>,
    /// The calls to action shown under every statement ("Join", "Donate").
    #[default]
    pub calls_to_action: Vec<CallToAction>,
    /// How the related-articles rail ranks statements.
    #[default]
    pub related: RelatedSettings,
    /// How many entries each page of the statements index holds; the home page
    /// fetches only the first page (see `docs/content-format.md`, "Index pages").
    #[default(100)]
    pub index_page_size: u32,
    /// The Mailbag: how many answers the widget shows, and where questions go.
    #[default]
    pub mailbag: MailbagSettings,
    /// The site's public origin, `https://example.org`: scheme and host (and
    /// port), no path, query or fragment. Absolute URLs in pre-rendered heads,
    /// the sitemap and the feeds start with it (see [`crate::href::origin`]).
    pub origin: Option<String>,
}

/// Settings of the Mailbag widget, page and question form.
#[content_type(default)]
#[derive(Debug, Clone, PartialEq)]
pub struct MailbagSettings {
    /// How many answered questions the widget shows.
    #[default(2)]
    pub widget_count: u32,
    /// How many answers the Mailbag page shows at a time.
    #[default(20)]
    pub page_size: u32,
    /// About how many characters of an answer a preview shows.
    #[default(160)]
    pub preview_chars: u32,
    /// Where the question form POSTs its JSON (http(s) or relative); none: the
    /// form offers to send the question by email instead.
    pub endpoint: Option<String>,
    /// How long a submission may take before it counts as failed, in milliseconds.
    #[default(10_000)]
    pub timeout_ms: u32,
    /// The address questions go to by email when there is no endpoint.
    pub email: Option<String>,
    /// The privacy note the form's consent checkbox links to, per language.
    pub privacy_href: Localized,
}

/// A language the site is published in.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// BCP 47 primary language code, lower case (`"en"`, `"es"`); also the URL prefix.
    pub code: String,
    /// The language's name in itself ("English", "Español").
    pub name: String,
}

/// A topic statements can be filed under.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    /// Identifier used in statements and URLs (`a-z`, `0-9`, `-`).
    pub id: String,
    /// The topic's name, per language.
    pub name: Localized,
}

/// A call to action: heading, one-line pitch and a button linking somewhere.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct CallToAction {
    /// Identifier, also used as a style hook (`join`, `donate`).
    pub id: String,
    /// Heading, per language.
    pub heading: Localized,
    /// One-line pitch, per language.
    pub pitch: Localized,
    /// Button label, per language.
    pub button: Localized,
    /// Where the button leads, per language (http(s), mailto or relative).
    pub href: Localized,
}

/// `authors.json`: every organisation or person that signs statements.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorsFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// The authors.
    pub authors: Vec<Author>,
}

/// An organisation or person that signs statements.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct Author {
    /// Identifier used by statements (`a-z`, `0-9`, `-`).
    pub id: String,
    /// Whether this is an organisation or a person.
    pub kind: AuthorKind,
    /// Display name.
    pub name: String,
    /// A short bio, per language.
    pub bio: Localized,
    /// The author's own site (http(s), mailto or relative).
    pub url: Option<String>,
}

/// Whether an author is an organisation or a person.
#[content_type]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorKind {
    /// An organisation.
    Organization,
    /// A person.
    Person,
}

/// `statements/{slug}.json`: one statement in every language it is published in.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct StatementFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// URL identifier (`a-z`, `0-9`, `-`); must match the file name.
    pub slug: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// Date of the last substantive update, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Ids of the signing authors (from `authors.json`), in signing order.
    pub authors: Vec<String>,
    /// Ids of the statement's topics (from `site.json`).
    #[default]
    pub topics: Vec<String>,
    /// Slugs of statements to list first in the related rail, in order.
    #[default]
    pub related: Vec<String>,
    /// The language the statement was written in; its translation must exist.
    pub original_language: String,
    /// The photo shown with the statement.
    pub hero: Option<HeroImage>,
    /// The text, per language code.
    pub translations: BTreeMap<String, Translation>,
}

/// A statement's photo: the file, its size, and localized alt text and caption.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct HeroImage {
    /// Image URL, relative to the content base, or absolute http(s).
    pub src: String,
    /// Intrinsic width in pixels.
    pub width: u32,
    /// Intrinsic height in pixels.
    pub height: u32,
    /// Text alternative, per language.
    pub alt: Localized,
    /// Caption, per language.
    #[default]
    pub caption: Localized,
    /// Who made the image.
    #[default]
    pub credit: String,
}

/// A statement's text in one language.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The title.
    pub title: String,
    /// The lead: one or two sentences that sum the statement up.
    pub lead: String,
    /// The body, as structured blocks.
    pub body: Vec<Block>,
}

/// One block of a statement's body. Never HTML: each block is data the app renders.
#[content_type(tag = "type")]
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of inline text.
    Paragraph {
        /// The paragraph's runs of text.
        text: Vec<Inline>,
    },
    /// A section heading (rendered one level below the title).
    Heading {
        /// The heading text.
        text: String,
    },
    /// A quotation, with an optional attribution.
    Quote {
        /// The quoted text.
        text: Vec<Inline>,
        /// Who said it.
        attribution: Option<String>,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered when true, bulleted otherwise.
        #[default]
        ordered: bool,
        /// The items, each a run of inline text.
        items: Vec<Vec<Inline>>,
    },
    /// An image inside the body, with an optional caption and credit.
    Image {
        /// Image URL, relative to the content base, or absolute http(s).
        src: String,
        /// Intrinsic width in pixels.
        width: u32,
        /// Intrinsic height in pixels.
        height: u32,
        /// Text alternative.
        alt: String,
        /// Caption.
        caption: Option<String>,
        /// Who made the image.
        credit: Option<String>,
    },
    /// The closing slogan or call-out, set apart from the text.
    Callout {
        /// The slogan.
        text: String,
    },
}

/// A run of inline text inside a paragraph, quote or list item.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text: `{"text": "..."}`.
    Text(String),
    /// Emphasised text: `{"em": "..."}`.
    Em(String),
    /// Strong text: `{"strong": "..."}`.
    Strong(String),
    /// A link: `{"link": {"text": "...", "href": "..."}}` (http(s), mailto or relative).
    Link {
        /// The link text.
        text: String,
        /// The target.
        href: String,
    },
}

impl Inline {
    /// The run's visible text.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(t) | Inline::Em(t) | Inline::Strong(t) => t,
            Inline::Link { text, .. } => text,
        }
    }
}

/// One page of a statements index: what lists and the related rail need about
/// each statement, newest first. The main index is `statements/index.json`
/// (page 1), `statements/index-2.json`, …; each topic has its own,
/// `topics/{topic}.json`, `topics/{topic}-2.json`, … (see [`index_file`]).
/// Generated from the statement files by `make content-index`.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct IndexFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// This page's number, from 1.
    pub page: u32,
    /// How many pages the index has.
    pub pages: u32,
    /// How many statements the whole index lists.
    pub total: u32,
    /// This page's statements, newest first.
    pub statements: Vec<IndexEntry>,
}

/// The file of page `page` (from 1) of the main index, or of a topic's index.
pub fn index_file(topic: Option<&str>, page: u32) -> String {
    match (topic, page) {
        (None, 1) => "statements/index.json".to_string(),
        (None, n) => format!("statements/index-{n}.json"),
        (Some(t), 1) => format!("topics/{t}.json"),
        (Some(t), n) => format!("topics/{t}-{n}.json"),
    }
}

/// One statement as the index lists it.
#[content_type]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndexEntry {
    /// The statement's slug.
    pub slug: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// Date of the last update, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Ids of the signing authors.
    pub authors: Vec<String>,
    /// Ids of the statement's topics.
    #[default]
    pub topics: Vec<String>,
    /// Explicitly related slugs.
    #[default]
    pub related: Vec<String>,
    /// The language the statement was written in.
    pub original_language: String,
    /// A small version of the hero image, for lists.
    pub thumbnail: Option<Thumbnail>,
    /// The title, per available language (the keys are the statement's languages).
    pub title: Localized,
    /// The lead or an excerpt of it, per available language.
    pub excerpt: Localized,
    /// The statement's related rail, ranked by `make content-index`: for each of
    /// the site's languages, the slugs the rail lists on a page in that language,
    /// in order, separated by single spaces. Only the entries of the main
    /// index's first page carry it; without it, the app ranks the rail itself.
    pub rail: Option<Localized>,
}

/// An image for lists: file, intrinsic size and alt text.
#[content_type]
#[derive(Debug, Clone, PartialEq)]
pub struct Thumbnail {
    /// Image URL, relative to the content base, or absolute http(s).
    pub src: String,
    /// Intrinsic width in pixels.
    pub width: u32,
    /// Intrinsic height in pixels.
    pub height: u32,
    /// Text alternative, per language.
    pub alt: Localized,
}

impl IndexEntry {
    /// Builds the index entry for a statement (the excerpt is its lead). Every
    /// field is spelled out, so a field added to the index is filled here too
    /// (the app calls this for the current statement: no default to build and drop).
    pub fn from_statement(s: &StatementFile) -> IndexEntry {
        IndexEntry {
            slug: s.slug.clone(),
            published: s.published.clone(),
            updated: s.updated.clone(),
            authors: s.authors.clone(),
            topics: s.topics.clone(),
            related: s.related.clone(),
            original_language: s.original_language.clone(),
            thumbnail: s.hero.as_ref().map(|h| Thumbnail {
                src: h.src.clone(),
                width: h.width,
                height: h.height,
                alt: h.alt.clone(),
            }),
            title: s.translations.iter().map(|(l, t)| (l.clone(), t.title.clone())).collect(),
            excerpt: s.translations.iter().map(|(l, t)| (l.clone(), t.lead.clone())).collect(),
            // Ranked among the first index page's entries, once they are known
            // (`build_all_indexes`).
            rail: None,
        }
    }
}

/// Builds the index pages from statement files: newest first (ties broken by
/// slug), `page_size` entries a page; at least one page, even when empty.
pub fn build_index(statements: &[StatementFile], page_size: u32) -> Vec<IndexFile> {
    let mut entries: Vec<IndexEntry> = statements.iter().map(IndexEntry::from_statement).collect();
    entries.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    paginate(entries, page_size)
}

/// Splits entries (already in order) into index pages of `page_size`.
pub fn paginate(entries: Vec<IndexEntry>, page_size: u32) -> Vec<IndexFile> {
    let size = page_size.max(1) as usize;
    let total = entries.len() as u32;
    let pages = entries.len().div_ceil(size).max(1) as u32;
    let mut chunks: Vec<Vec<IndexEntry>> = entries.chunks(size).map(<[IndexEntry]>::to_vec).collect();
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, statements)| IndexFile {
            format: u64::from(FORMAT_VERSION),
            page: i as u32 + 1,
            pages,
            total,
            statements,
        })
        .collect()
}

/// Every index file for `statements` under `site`'s settings: the main index's
/// pages and each topic's, as `(file, page)` pairs (file names from
/// [`index_file`]). The entries of the main index's first page carry their
/// related rail in each of the site's languages ([`rank_rails`]).
pub fn build_all_indexes(statements: &[StatementFile], site: &SiteFile) -> Vec<(String, IndexFile)> {
    let page_size = site.index_page_size;
    let mut main = build_index(statements, page_size);
    let all: Vec<IndexEntry> = main.iter().flat_map(|p| p.statements.iter().cloned()).collect();
    let languages: Vec<&str> = site.languages.iter().map(|l| l.code.as_str()).collect();
    rank_rails(&mut main[0].statements, &site.related, &languages);
    let mut out: Vec<(String, IndexFile)> = main.into_iter().map(|p| (index_file(None, p.page), p)).collect();
    for topic in &site.topics {
        let entries = all.iter().filter(|e| e.topics.contains(&topic.id)).cloned().collect();
        out.extend(paginate(entries, page_size).into_iter().map(|p| (index_file(Some(&topic.id), p.page), p)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_titles_name_the_site_in_the_page_language() {
        let site: SiteFile = serde_json::from_value(serde_json::json!({
            "format": 1,
            "name": {"en": "Common Ground", "es": "Terreno Común"},
            "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": "Español"}],
            "default_language": "en"
        }))
        .unwrap();
        assert_eq!(page_title("Mailbag", Some(&site), "en"), "Mailbag — Common Ground");
        assert_eq!(page_title("Buzón", Some(&site), "es"), "Buzón — Terreno Común");
        assert_eq!(page_title("Courrier", Some(&site), "fr"), "Courrier — Common Ground");
        assert_eq!(page_title("Mailbag", None, "en"), "Mailbag");
    }

    #[test]
    fn pick_prefers_language_then_fallback() {
        let t: Localized = [("en".to_string(), "Hi".to_string()), ("es".to_string(), "Hola".to_string())].into();
        assert_eq!(pick(&t, "es", "en"), Some(("Hola", "es")));
        assert_eq!(pick(&t, "fr", "en"), Some(("Hi", "en")));
        let only_es: Localized = [("es".to_string(), "Hola".to_string())].into();
        assert_eq!(pick(&only_es, "fr", "en"), Some(("Hola", "es")));
        assert_eq!(pick(&Localized::new(), "en", "en"), None);
    }

    #[test]
    fn index_files_are_named_by_topic_and_page() {
        assert_eq!(index_file(None, 1), "statements/index.json");
        assert_eq!(index_file(None, 3), "statements/index-3.json");
        assert_eq!(index_file(Some("housing"), 1), "topics/housing.json");
        assert_eq!(index_file(Some("housing"), 2), "topics/housing-2.json");
    }

    #[test]
    fn pagination_splits_in_order_and_counts() {
        let entry = |n: u32| IndexEntry {
            slug: format!("s{n:04}"),
            published: "2025-01-01".into(),
            authors: vec!["a".into()],
            original_language: "en".into(),
            ..IndexEntry::default()
        };
        let pages = paginate((0..25).map(entry).collect(), 10);
        assert_eq!(pages.len(), 3);
        assert_eq!((pages[2].page, pages[2].pages, pages[2].total), (3, 3, 25));
        assert_eq!(pages[2].statements.len(), 5);
        assert_eq!(pages[1].statements[0].slug, "s0010");
        let empty = paginate(Vec::new(), 10);
        assert_eq!((empty.len(), empty[0].pages, empty[0].total), (1, 1, 0));
    }

    #[test]
    fn inline_runs_use_their_key_as_tag() {
        let runs: Vec<Inline> =
            serde_json::from_str(r#"[{"text":"a "},{"em":"b"},{"strong":"c"},{"link":{"text":"d","href":"/x"}}]"#)
                .unwrap();
        assert_eq!(runs.iter().map(Inline::text).collect::<String>(), "a bcd");
        assert!(matches!(&runs[3], Inline::Link { href, .. } if href == "/x"));
    }
}
