//! The content format, version [`FORMAT_VERSION`]: the Rust types that the JSON
//! files under `public/content/` deserialize into.
//!
//! `docs/content-format.md` explains the files; `public/schema/*.schema.json` are
//! generated from these types (`make schema`) so editors can validate and autocomplete.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The content format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Text in several languages, keyed by language code (`"en"`, `"es"`).
pub type Localized = BTreeMap<String, String>;

/// Picks the text for `lang`, else for `fallback`, else any; returns it with the
/// language it is actually in.
pub fn pick<'a>(texts: &'a Localized, lang: &str, fallback: &str) -> Option<(&'a str, &'a str)> {
    texts
        .get_key_value(lang)
        .or_else(|| texts.get_key_value(fallback))
        .or_else(|| texts.iter().next())
        .map(|(k, v)| (v.as_str(), k.as_str()))
}

/// `site.json`: the site's name, languages and calls to action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SiteFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// The site's name, per language.
    pub name: Localized,
    /// A one-line description shown under the name, per language.
    #[serde(default)]
    pub tagline: Localized,
    /// The languages the site is published in, in the order the switcher lists them.
    pub languages: Vec<Language>,
    /// The language served without a URL prefix (`/`); the others live under `/{code}/`.
    pub default_language: String,
    /// How many statements the home page lists.
    #[serde(default = "default_home_count")]
    pub home_count: u32,
    /// Topics statements can be filed under.
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// The calls to action shown under every statement ("Join", "Donate").
    #[serde(default)]
    pub calls_to_action: Vec<CallToAction>,
}

fn default_home_count() -> u32 {
    10
}

/// A language the site is published in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Language {
    /// BCP 47 primary language code, lower case (`"en"`, `"es"`); also the URL prefix.
    pub code: String,
    /// The language's name in itself ("English", "Español").
    pub name: String,
}

/// A topic statements can be filed under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Topic {
    /// Identifier used in statements and URLs (`a-z`, `0-9`, `-`).
    pub id: String,
    /// The topic's name, per language.
    pub name: Localized,
}

/// A call to action: heading, one-line pitch and a button linking somewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuthorsFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// The authors.
    pub authors: Vec<Author>,
}

/// An organisation or person that signs statements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Whether an author is an organisation or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    /// An organisation.
    Organization,
    /// A person.
    Person,
}

/// `statements/{slug}.json`: one statement in every language it is published in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatementFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// URL identifier (`a-z`, `0-9`, `-`); must match the file name.
    pub slug: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// Date of the last substantive update, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Ids of the signing authors (from `authors.json`), in signing order.
    pub authors: Vec<String>,
    /// Ids of the statement's topics (from `site.json`).
    #[serde(default)]
    pub topics: Vec<String>,
    /// Slugs of statements to list first in the related rail, in order.
    #[serde(default)]
    pub related: Vec<String>,
    /// The language the statement was written in; its translation must exist.
    pub original_language: String,
    /// The photo shown with the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hero: Option<HeroImage>,
    /// The text, per language code.
    pub translations: BTreeMap<String, Translation>,
}

/// A statement's photo: the file, its size, and localized alt text and caption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[serde(default)]
    pub caption: Localized,
    /// Who made the image.
    #[serde(default)]
    pub credit: String,
}

/// A statement's text in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Translation {
    /// The title.
    pub title: String,
    /// The lead: one or two sentences that sum the statement up.
    pub lead: String,
    /// The body, as structured blocks.
    pub body: Vec<Block>,
}

/// One block of a statement's body. Never HTML: each block is data the app renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribution: Option<String>,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered when true, bulleted otherwise.
        #[serde(default)]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
        /// Who made the image.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credit: Option<String>,
    },
    /// The closing slogan or call-out, set apart from the text.
    Callout {
        /// The slogan.
        text: String,
    },
}

/// A run of inline text inside a paragraph, quote or list item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
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

/// `statements/index.json`: what the home page and the related rail need about
/// every statement, newest first, so the home page is one fetch. Generated from
/// the statement files by `make content-index`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndexFile {
    /// Content format version; must be 1.
    pub format: u64,
    /// Every statement, newest first.
    pub statements: Vec<IndexEntry>,
}

/// One statement as the index lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndexEntry {
    /// The statement's slug.
    pub slug: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
    /// Date of the last update, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Ids of the signing authors.
    pub authors: Vec<String>,
    /// Ids of the statement's topics.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Explicitly related slugs.
    #[serde(default)]
    pub related: Vec<String>,
    /// The language the statement was written in.
    pub original_language: String,
    /// A small version of the hero image, for lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Thumbnail>,
    /// The title, per available language (the keys are the statement's languages).
    pub title: Localized,
    /// The lead or an excerpt of it, per available language.
    pub excerpt: Localized,
}

/// An image for lists: file, intrinsic size and alt text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Builds the index entry for a statement (the excerpt is its lead).
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
            title: s
                .translations
                .iter()
                .map(|(l, t)| (l.clone(), t.title.clone()))
                .collect(),
            excerpt: s
                .translations
                .iter()
                .map(|(l, t)| (l.clone(), t.lead.clone()))
                .collect(),
        }
    }
}

/// Builds the index from statement files: newest first, ties broken by slug.
pub fn build_index(statements: &[StatementFile]) -> IndexFile {
    let mut entries: Vec<IndexEntry> = statements.iter().map(IndexEntry::from_statement).collect();
    entries.sort_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    IndexFile {
        format: u64::from(FORMAT_VERSION),
        statements: entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_prefers_language_then_fallback() {
        let t: Localized = [
            ("en".to_string(), "Hi".to_string()),
            ("es".to_string(), "Hola".to_string()),
        ]
        .into();
        assert_eq!(pick(&t, "es", "en"), Some(("Hola", "es")));
        assert_eq!(pick(&t, "fr", "en"), Some(("Hi", "en")));
        let only_es: Localized = [("es".to_string(), "Hola".to_string())].into();
        assert_eq!(pick(&only_es, "fr", "en"), Some(("Hola", "es")));
        assert_eq!(pick(&Localized::new(), "en", "en"), None);
    }

    #[test]
    fn inline_runs_use_their_key_as_tag() {
        let runs: Vec<Inline> = serde_json::from_str(
            r#"[{"text":"a "},{"em":"b"},{"strong":"c"},{"link":{"text":"d","href":"/x"}}]"#,
        )
        .unwrap();
        assert_eq!(runs.iter().map(Inline::text).collect::<String>(), "a bcd");
        assert!(matches!(&runs[3], Inline::Link { href, .. } if href == "/x"));
    }
}
