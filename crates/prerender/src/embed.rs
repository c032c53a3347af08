//! The embeds partner sites carry (see `docs/embedding.md`), written beside
//! the pages:
//! - the iframe pages, `embed/statements/{slug}`, `embed/latest` and
//!   `embed/mailbag` in every language, each with the embed stylesheet and the
//!   small script that reports its height to the host page;
//! - the fragments `embed.js` builds into a shadow root, one JSON file per
//!   embed and language (`embed-assets/fragments/`, renamed by its content
//!   hash afterwards, see `scripts/lib/embed.mjs`), and `embed.js`'s settings;
//! - each statement's oEmbed file, and the host's `_headers`.
//!
//! Both kinds of embed show the same markup, from the app's components
//! ([`tribuna::prerender::render_embed`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use scraper::{Html, Node};
use serde_json::{json, Map, Value};
use tribuna::embed::EmbedKind;
use tribuna::i18n::t;
use tribuna_core::content::pick;
use tribuna_core::embed::embed_path;
use tribuna_core::i18n::fill;
use tribuna_core::route::{self, Page};
use tribuna_tools::publish::escape::{html_attr, html_text};

/// How many statements a `latest` fragment holds: `embed.js` shows the first `data-count`.
pub const LATEST_MAX: usize = 10;
/// How many statements the `embed/latest` iframe page shows.
pub const LATEST_FRAME: usize = 5;

/// The embed's files, named relative to the base path.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// The embed stylesheet (`embed-assets/embed-{hash}.css`).
    pub css: Option<String>,
    /// The iframe pages' height reporter (`embed-assets/frame-{hash}.js`).
    pub frame_script: Option<String>,
}

/// One embed to write: what, in which language.
#[derive(Debug, Clone)]
pub struct EmbedRoute {
    /// What it shows.
    pub kind: EmbedKind,
    /// Its language.
    pub lang: String,
}

/// What one embed writes: its iframe page, its fragment and, for a
/// statement, its oEmbed file, each with its path in the bundle.
#[derive(Debug, Clone)]
pub struct EmbedFiles {
    /// The iframe page.
    pub frame: (PathBuf, String),
    /// The fragment `embed.js` builds from.
    pub fragment: (PathBuf, String),
    /// A statement's oEmbed file.
    pub oembed: Option<(PathBuf, String)>,
}

impl EmbedRoute {
    /// The fragment's file, under the fragments folder.
    pub fn fragment_file(&self) -> String {
        match &self.kind {
            EmbedKind::Statement(slug) => format!("statements/{slug}.{}.json", self.lang),
            kind => format!("{}.{}.json", kind.key(), self.lang),
        }
    }
}

/// An iframe page: the embed's markup alone, with the head an embed needs.
/// Links open in the top window (`<base target="_top">`); the page is not
/// indexed, and its canonical URL is the full page's. `title` and `canonical`
/// are escaped here.
pub fn frame_page(lang: &str, title: &str, canonical: &str, base: &str, assets: &Assets, body: &str) -> String {
    let css = assets
        .css
        .as_ref()
        .map(|c| format!("<link rel=\"stylesheet\" href=\"{}\">\n", html_attr(c)))
        .unwrap_or_default();
    let script = assets
        .frame_script
        .as_ref()
        .map(|s| format!("<script src=\"{}\" defer></script>\n", html_attr(s)))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <base href=\"{base}\" target=\"_top\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' https: data:; \
         style-src 'self'; script-src 'self'; base-uri 'self'\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n{css}{script}</head>\n\
         <body class=\"tribuna-embed-page\">\n<div class=\"tribuna-embed\" data-theme=\"light\">{body}</div>\n</body>\n</html>\n",
        lang = html_attr(lang),
        base = html_attr(base),
        title = html_text(title),
        canonical = html_attr(canonical),
    )
}

/// The embed's markup as a tree `embed.js` builds with DOM calls, so nothing
/// is parsed as HTML on the partner's page: an element is
/// `[tag, {attribute: value}?, child…]`, text is a string. Comments are left
/// out, and headings go one level down (`h1` → `h2` …): on a partner's page
/// the embed sits under the page's own heading.
pub fn fragment_tree(html: &str) -> Value {
    let doc = Html::parse_fragment(html);
    // `parse_fragment` wraps the nodes in an `<html>` element.
    let root = doc.root_element();
    Value::Array(root.children().filter_map(node_value).collect())
}

fn node_value(node: ego_tree::NodeRef<'_, Node>) -> Option<Value> {
    match node.value() {
        Node::Text(text) => Some(Value::String(text.to_string())),
        Node::Element(el) => {
            let name = el.name();
            let tag = match name.strip_prefix('h').and_then(|n| n.parse::<u8>().ok()) {
                Some(level @ 1..=5) => format!("h{}", level + 1),
                _ => name.to_string(),
            };
            let mut out = vec![Value::String(tag)];
            let attrs: BTreeMap<&str, &str> = el.attrs().collect();
            if !attrs.is_empty() {
                let map: Map<String, Value> =
                    attrs.into_iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect();
                out.push(Value::Object(map));
            }
            out.extend(node.children().filter_map(node_value));
            Some(Value::Array(out))
        }
        _ => None,
    }
}

/// A fragment file: the embed's language, its title (for the shadow host's
/// label), the full page's URL path and the markup tree.
pub fn fragment_json(lang: &str, title: &str, page_path: &str, html: &str) -> String {
    json!({ "format": 1, "lang": lang, "title": title, "page": page_path, "tree": fragment_tree(html) }).to_string()
}

/// `embed.js`'s settings: the site's languages (the default first), and in
/// each the failure message, the link's text and the home page's path.
pub fn script_settings(site: &tribuna_core::content::SiteFile, base: &str) -> String {
    let mut strings = Map::new();
    for lang in &site.languages {
        let code = lang.code.as_str();
        let name = pick(&site.name, code, &site.default_language).map(|(n, _)| n).unwrap_or_default();
        strings.insert(
            code.to_string(),
            json!({
                "failed": t(code, "embed.failed"),
                "visit": fill(t(code, "embed.visit"), &[("site", name)]),
                "home": route::path(&Page::Home, code, &site.default_language, base),
            }),
        );
    }
    let mut languages: Vec<&str> = vec![site.default_language.as_str()];
    languages.extend(site.languages.iter().map(|l| l.code.as_str()).filter(|c| *c != site.default_language));
    json!({ "languages": languages, "strings": strings }).to_string()
}

/// The embed page's path for `route`, relative to the bundle, as a file.
pub fn frame_file(route: &EmbedRoute, default_lang: &str, base: &str) -> Option<String> {
    let path = embed_path(&route.kind.page(), &route.lang, default_lang, base)?;
    Some(format!("{}/index.html", path.strip_prefix(base).unwrap_or(&path).trim_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_keeps_text_and_attributes_and_lowers_headings() {
        let tree = fragment_tree(
            "<article class=\"a\"><h1 lang=\"es\">T &amp; &lt;b&gt;</h1><!-- x --><p>one <a href=\"/s/x\">two</a></p><img src=\"i.jpg\" alt=\"\"></article>",
        );
        assert_eq!(
            tree,
            json!([["article", {"class": "a"},
                ["h2", {"lang": "es"}, "T & <b>"],
                ["p", "one ", ["a", {"href": "/s/x"}, "two"]],
                ["img", {"alt": "", "src": "i.jpg"}]]])
        );
    }

    #[test]
    fn a_frame_page_escapes_its_head() {
        let page = frame_page(
            "en",
            "</title><script>x</script>",
            "https://e.org/s?a=\"b\"",
            "/",
            &Assets { css: Some("embed-assets/embed-1.css".into()), frame_script: None },
            "<p>b</p>",
        );
        assert!(page.contains("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>"));
        assert!(page.contains("href=\"https://e.org/s?a=&quot;b&quot;\""));
        assert!(page.contains("<base href=\"/\" target=\"_top\">"));
        assert!(page.contains("<link rel=\"stylesheet\" href=\"embed-assets/embed-1.css\">"));
        assert!(!page.contains("<script src"));
    }

    #[test]
    fn embed_files_follow_the_language_prefix() {
        let route = EmbedRoute { kind: EmbedKind::Statement("x".into()), lang: "es".into() };
        assert_eq!(frame_file(&route, "en", "/t/").unwrap(), "es/embed/statements/x/index.html");
        assert_eq!(route.fragment_file(), "statements/x.es.json");
        let latest = EmbedRoute { kind: EmbedKind::Latest(LATEST_MAX), lang: "en".into() };
        assert_eq!(frame_file(&latest, "en", "/").unwrap(), "embed/latest/index.html");
        assert_eq!(latest.fragment_file(), "latest.en.json");
    }
}
