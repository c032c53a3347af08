//! Content rules beyond what the types enforce: identifiers, dates, links,
//! languages, sizes. Each rule breaks with an [`Issue`] naming the field path.

use std::collections::BTreeSet;

use crate::content::{AuthorsFile, Block, IndexFile, Inline, Localized, SiteFile, StatementFile, FORMAT_VERSION};
use crate::date::Date;
use crate::href::{is_safe_image, is_safe_link, origin};

/// One broken rule: where, what, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Field path inside the document, e.g. `translations.es.body[3].text[0]`.
    pub path: String,
    /// The rule that is broken.
    pub message: String,
    /// What the editor can do to fix it (empty when the message says it all).
    pub fix: String,
}

/// Collects issues while walking a document (shared by every document's rules).
#[derive(Default)]
pub(crate) struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    /// The issues found.
    pub(crate) fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// A broken rule whose message says it all.
    pub(crate) fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.fail_fix(path, message, "");
    }

    /// A broken rule, and what to do about it.
    pub(crate) fn fail_fix(&mut self, path: impl Into<String>, message: impl Into<String>, fix: impl Into<String>) {
        self.issues.push(Issue { path: path.into(), message: message.into(), fix: fix.into() });
    }

    pub(crate) fn id(&mut self, path: &str, id: &str) {
        if !is_id(id) {
            self.fail_fix(
                path,
                format!("\"{id}\" is not an identifier (a-z, 0-9 and -, starting with a letter or digit)"),
                "write it in lower case with hyphens for spaces, e.g. \"rent-now-2025\"",
            );
        }
    }

    pub(crate) fn date(&mut self, path: &str, value: &str) -> Option<Date> {
        match Date::parse(value) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail_fix(path, e, "write a real calendar date as YYYY-MM-DD, e.g. \"2025-06-10\"");
                None
            }
        }
    }

    fn link(&mut self, path: &str, href: &str) {
        if !is_safe_link(href) {
            self.fail_fix(
                path,
                format!("link \"{href}\" is not http(s), mailto or relative"),
                "link to an https:// address, a mailto: address or a page of the site, or remove the link",
            );
        }
    }

    fn image(&mut self, path: &str, src: &str, width: u32, height: u32) {
        if !is_safe_image(src) {
            self.fail_fix(
                format!("{path}.src"),
                format!("image \"{src}\" is not http(s) or relative"),
                "put the file in images/ and write \"images/NAME\", or use an https:// address",
            );
        }
        let size_fix = "give the image's size in pixels as it is in the file";
        if width == 0 || width > 10_000 {
            self.fail_fix(format!("{path}.width"), "width must be between 1 and 10000", size_fix);
        }
        if height == 0 || height > 10_000 {
            self.fail_fix(format!("{path}.height"), "height must be between 1 and 10000", size_fix);
        }
    }

    pub(crate) fn text(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail_fix(path, "must not be empty", "write the text, or remove the entry");
        }
    }

    fn localized(&mut self, path: &str, texts: &Localized, required: &str) {
        if !texts.contains_key(required) {
            self.fail_fix(path, format!("has no \"{required}\" text"), format!("add a \"{required}\" entry"));
        }
        for (lang, value) in texts {
            if !is_language_code(lang) {
                self.fail_fix(
                    format!("{path}.{lang}"),
                    format!("\"{lang}\" is not a language code"),
                    "key the text by a two- or three-letter lower-case code such as \"en\"",
                );
            }
            self.text(&format!("{path}.{lang}"), value);
        }
    }

    pub(crate) fn version(&mut self, format: u64) {
        if format != u64::from(FORMAT_VERSION) {
            self.fail_fix(
                "format",
                format!("unsupported format version {format}"),
                format!("write \"format\": {FORMAT_VERSION}"),
            );
        }
    }

    fn inlines(&mut self, path: &str, runs: &[Inline]) {
        if runs.is_empty() {
            self.fail_fix(path, "must have at least one run of text", "add a run such as {\"text\": \"...\"}");
        }
        for (i, run) in runs.iter().enumerate() {
            let p = format!("{path}[{i}]");
            if let Inline::Link { href, text } = run {
                self.link(&format!("{p}.link.href"), href);
                self.text(&format!("{p}.link.text"), text);
            }
        }
        if runs.iter().all(|r| r.text().trim().is_empty()) && !runs.is_empty() {
            self.fail(path, "has no visible text");
        }
    }
}

/// Whether `s` is a content identifier: 1–80 of `a-z`, `0-9`, `-`, not starting with `-`.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && !s.starts_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `s` is a lower-case primary language code (2–3 letters).
pub fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// Rules for `site.json`.
pub fn site(s: &SiteFile) -> Vec<Issue> {
    let mut c = Checker::default();
    c.version(s.format);
    if s.languages.is_empty() {
        c.fail("languages", "must list at least one language");
    }
    let mut seen = BTreeSet::new();
    for (i, l) in s.languages.iter().enumerate() {
        if !is_language_code(&l.code) {
            c.fail(format!("languages[{i}].code"), format!("\"{}\" is not a language code", l.code));
        }
        if !seen.insert(l.code.as_str()) {
            c.fail(format!("languages[{i}].code"), format!("\"{}\" is listed twice", l.code));
        }
        c.text(&format!("languages[{i}].name"), &l.name);
    }
    let default = s.default_language.as_str();
    if !seen.contains(default) {
        c.fail("default_language", format!("\"{default}\" is not one of the languages"));
    }
    c.localized("name", &s.name, default);
    if !(1..=100).contains(&s.home_count) {
        c.fail("home_count", "must be between 1 and 100");
    }
    if !(1..=1000).contains(&s.index_page_size) {
        c.fail("index_page_size", "must be between 1 and 1000");
    }
    if !(1..=20).contains(&s.related.count) {
        c.fail("related.count", "must be between 1 and 20");
    }
    let m = &s.mailbag;
    if !(1..=10).contains(&m.widget_count) {
        c.fail("mailbag.widget_count", "must be between 1 and 10");
    }
    if !(1..=100).contains(&m.page_size) {
        c.fail("mailbag.page_size", "must be between 1 and 100");
    }
    if !(40..=1000).contains(&m.preview_chars) {
        c.fail("mailbag.preview_chars", "must be between 40 and 1000");
    }
    if !(1000..=120_000).contains(&m.timeout_ms) {
        c.fail("mailbag.timeout_ms", "must be between 1000 and 120000");
    }
    if let Some(endpoint) = &m.endpoint {
        if !is_safe_link(endpoint) || endpoint.starts_with("mailto:") {
            c.fail("mailbag.endpoint", format!("\"{endpoint}\" is not an http(s) or relative URL"));
        }
    }
    if let Some(email) = &m.email {
        if !crate::mailbag::is_email(email) {
            c.fail("mailbag.email", format!("\"{email}\" is not an email address"));
        }
    }
    for (lang, href) in &m.privacy_href {
        c.link(&format!("mailbag.privacy_href.{lang}"), href);
    }
    if let Some(o) = &s.origin {
        if let Err(message) = origin(o) {
            c.fail("origin", message);
        }
    }
    for (i, t) in s.topics.iter().enumerate() {
        c.id(&format!("topics[{i}].id"), &t.id);
        c.localized(&format!("topics[{i}].name"), &t.name, default);
    }
    for (i, cta) in s.calls_to_action.iter().enumerate() {
        let p = format!("calls_to_action[{i}]");
        c.id(&format!("{p}.id"), &cta.id);
        c.localized(&format!("{p}.heading"), &cta.heading, default);
        c.localized(&format!("{p}.pitch"), &cta.pitch, default);
        c.localized(&format!("{p}.button"), &cta.button, default);
        c.localized(&format!("{p}.href"), &cta.href, default);
        for (lang, href) in &cta.href {
            c.link(&format!("{p}.href.{lang}"), href);
        }
    }
    c.issues
}

/// Rules for `authors.json`.
pub fn authors(a: &AuthorsFile) -> Vec<Issue> {
    let mut c = Checker::default();
    c.version(a.format);
    let mut seen = BTreeSet::new();
    for (i, author) in a.authors.iter().enumerate() {
        let p = format!("authors[{i}]");
        c.id(&format!("{p}.id"), &author.id);
        if !seen.insert(author.id.as_str()) {
            c.fail_fix(format!("{p}.id"), format!("\"{}\" is listed twice", author.id), "give each author its own id");
        }
        c.text(&format!("{p}.name"), &author.name);
        if author.bio.is_empty() {
            c.fail_fix(format!("{p}.bio"), "must have at least one language", "add a bio such as {\"en\": \"...\"}");
        }
        for (lang, bio) in &author.bio {
            c.text(&format!("{p}.bio.{lang}"), bio);
        }
        if let Some(url) = &author.url {
            c.link(&format!("{p}.url"), url);
        }
    }
    c.issues
}

/// Rules for one `statements/{slug}.json`.
pub fn statement(s: &StatementFile) -> Vec<Issue> {
    let mut c = Checker::default();
    c.version(s.format);
    c.id("slug", &s.slug);
    let published = c.date("published", &s.published);
    if let Some(updated) = &s.updated {
        if let (Some(u), Some(p)) = (c.date("updated", updated), published) {
            if u < p {
                c.fail_fix(
                    "updated",
                    "is before the publication date",
                    "give a date on or after `published`, or remove it",
                );
            }
        }
    }
    if s.authors.is_empty() {
        c.fail_fix("authors", "must name at least one author", "add the id of a signer from authors.json");
    }
    for (i, a) in s.authors.iter().enumerate() {
        c.id(&format!("authors[{i}]"), a);
    }
    for (i, t) in s.topics.iter().enumerate() {
        c.id(&format!("topics[{i}]"), t);
    }
    for (i, r) in s.related.iter().enumerate() {
        c.id(&format!("related[{i}]"), r);
        if *r == s.slug {
            c.fail_fix(format!("related[{i}]"), "a statement is not related to itself", "remove this entry");
        }
    }
    if !s.translations.contains_key(&s.original_language) {
        c.fail_fix(
            "original_language",
            format!("there is no \"{}\" translation", s.original_language),
            "name the language the statement was written in, one of its translations",
        );
    }
    if let Some(h) = &s.hero {
        c.image("hero", &h.src, h.width, h.height);
        c.localized("hero.alt", &h.alt, &s.original_language);
    }
    for (lang, t) in &s.translations {
        let p = format!("translations.{lang}");
        if !is_language_code(lang) {
            c.fail(&p, format!("\"{lang}\" is not a language code"));
        }
        c.text(&format!("{p}.title"), &t.title);
        c.text(&format!("{p}.lead"), &t.lead);
        if t.body.is_empty() {
            c.fail_fix(
                format!("{p}.body"),
                "must have at least one block",
                "add a paragraph, or remove the translation",
            );
        }
        for (i, block) in t.body.iter().enumerate() {
            body_block(&mut c, &format!("{p}.body[{i}]"), block);
        }
    }
    c.issues
}

fn body_block(c: &mut Checker, p: &str, block: &Block) {
    match block {
        Block::Paragraph { text } => c.inlines(&format!("{p}.text"), text),
        Block::Heading { text } | Block::Callout { text } => c.text(&format!("{p}.text"), text),
        Block::Quote { text, .. } => c.inlines(&format!("{p}.text"), text),
        Block::List { items, .. } => {
            if items.is_empty() {
                c.fail_fix(format!("{p}.items"), "must have at least one item", "add an item, or remove the list");
            }
            for (i, item) in items.iter().enumerate() {
                c.inlines(&format!("{p}.items[{i}]"), item);
            }
        }
        Block::Image { src, width, height, alt, .. } => {
            c.image(p, src, *width, *height);
            c.text(&format!("{p}.alt"), alt);
        }
    }
}

/// Rules for a page of a statements index (entries well-formed, newest first,
/// no duplicates, page numbers consistent).
pub fn index(ix: &IndexFile) -> Vec<Issue> {
    let mut c = Checker::default();
    c.version(ix.format);
    if ix.page == 0 || ix.page > ix.pages {
        c.fail("page", format!("page {} of {} does not exist", ix.page, ix.pages));
    }
    if (ix.statements.len() as u64) > u64::from(ix.total) {
        c.fail("total", "is smaller than the number of statements on this page");
    }
    let mut seen = BTreeSet::new();
    let mut previous: Option<Date> = None;
    for (i, e) in ix.statements.iter().enumerate() {
        let p = format!("statements[{i}]");
        c.id(&format!("{p}.slug"), &e.slug);
        if !seen.insert(e.slug.as_str()) {
            c.fail(format!("{p}.slug"), format!("\"{}\" is listed twice", e.slug));
        }
        if let Some(d) = c.date(&format!("{p}.published"), &e.published) {
            if previous.is_some_and(|prev| d > prev) {
                c.fail(format!("{p}.published"), "statements must be listed newest first");
            }
            previous = Some(d);
        }
        if !e.title.contains_key(&e.original_language) {
            c.fail(format!("{p}.title"), format!("has no \"{}\" title", e.original_language));
        }
        for (lang, t) in &e.title {
            c.text(&format!("{p}.title.{lang}"), t);
        }
        if let Some(t) = &e.thumbnail {
            c.image(&format!("{p}.thumbnail"), &t.src, t.width, t.height);
        }
    }
    c.issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(is_id("housing-now-2025"));
        for bad in ["", "-x", "Has-Caps", "a b", "a/b", "ñ"] {
            assert!(!is_id(bad), "{bad}");
        }
    }

    #[test]
    fn language_codes() {
        assert!(is_language_code("en"));
        assert!(is_language_code("haw"));
        assert!(!is_language_code("EN"));
        assert!(!is_language_code("es-MX"));
    }

    #[test]
    fn site_origin_is_checked_when_given() {
        let text =
            r#"{"format":1,"name":{"en":"X"},"languages":[{"code":"en","name":"English"}],"default_language":"en"}"#;
        let mut s: SiteFile = crate::decode::decode(&serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(s.origin, None);
        assert!(site(&s).is_empty());
        s.origin = Some("https://example.org/".into());
        assert!(site(&s).is_empty());
        s.origin = Some("https://example.org/tribuna?x".into());
        let issues = site(&s);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].path, "origin");
        assert!(issues[0].message.contains("https://example.org"), "{}", issues[0].message);
    }
}
