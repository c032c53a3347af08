//! What the build writes for embeds around the pages: each statement's
//! oEmbed file ([`oembed_json`], discovered through [`PageMeta::oembed`]) and
//! the response headers a static host applies ([`headers_file`]).

use serde_json::json;
use tribuna_core::content::SiteFile;
use tribuna_core::embed::{embed_path, statement_snippets, FRAME_HEIGHT, FRAME_WIDTH};
use tribuna_core::route::{normalize_base, Page};

use super::{PageMeta, Urls};

/// The absolute URL of the oEmbed file of statement `slug` in `lang`:
/// `{embed page}/oembed.json`.
pub(crate) fn oembed_url(urls: &Urls, slug: &str, lang: &str) -> String {
    let page = Page::Statement { slug: slug.to_string() };
    let path = embed_path(&page, lang, urls.default_lang, &urls.base).unwrap_or_default();
    format!("{}{path}/oembed.json", urls.origin)
}

/// The oEmbed response (type `rich`, oEmbed 1.0) for the statement page
/// `meta` describes (from [`super::statement_meta`]): the iframe snippet as
/// its `html`, the statement's title and authors, the site as provider, and
/// the hero as thumbnail. `None` for a page that is not a statement.
pub fn oembed_json(meta: &PageMeta, slug: &str, site: &SiteFile) -> Option<String> {
    let article = meta.article.as_ref()?;
    let snippets = statement_snippets(&meta.site_url, slug, &meta.lang, &site.default_language, &meta.heading);
    let authors: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
    let mut value = json!({
        "version": "1.0",
        "type": "rich",
        "title": meta.heading,
        "author_name": authors.join(", "),
        "provider_name": meta.site_name,
        "provider_url": meta.site_url,
        "html": snippets.iframe,
        "width": FRAME_WIDTH,
        "height": FRAME_HEIGHT,
        "cache_age": 86400,
    });
    if let Some(img) = &meta.image {
        value["thumbnail_url"] = json!(img.url);
        value["thumbnail_width"] = json!(img.width);
        value["thumbnail_height"] = json!(img.height);
    }
    serde_json::to_string_pretty(&value).ok()
}

/// `_headers` for static hosts that read one (Netlify, Cloudflare Pages;
/// `docs/embedding.md` gives the same rules for others). Its rules never
/// overlap, so a host that merges matching rules and one that takes the
/// first give the same answer:
/// - the embed pages, in every language, may be framed by any site;
/// - every other page of the site refuses to be framed;
/// - `embed.js` and `embed-resize.js` keep their names, so caches keep them
///   five minutes; what they load (`embed-assets/`) is content-hashed and
///   immutable. Partners' pages load all three across origins (CORS).
pub fn headers_file(site: &SiteFile, base: &str) -> String {
    let base = normalize_base(base);
    let mut out = String::from(
        "# Response headers for the static host (Netlify, Cloudflare Pages); see docs/embedding.md.\n\
         # Embeds may be framed anywhere; every other page refuses to be framed.\n",
    );
    let deny = "  Content-Security-Policy: frame-ancestors 'none'\n  X-Frame-Options: DENY\n";
    let mut rule = |path: String, headers: &str| out.push_str(&format!("{path}\n{headers}"));
    for lang in &site.languages {
        let prefix = if lang.code == site.default_language { base.clone() } else { format!("{base}{}/", lang.code) };
        rule(
            format!("{prefix}embed/*"),
            "  Content-Security-Policy: frame-ancestors *\n  Access-Control-Allow-Origin: *\n",
        );
        if prefix != base {
            rule(prefix.trim_end_matches('/').to_string(), deny);
        }
        rule(prefix.clone(), deny);
        rule(format!("{prefix}index.html"), deny);
        for section in ["statements/*", "topics/*", "mailbag", "mailbag/*"] {
            rule(format!("{prefix}{section}"), deny);
        }
    }
    rule(format!("{base}404.html"), deny);
    let short = "  Cache-Control: public, max-age=300\n  Access-Control-Allow-Origin: *\n";
    rule(format!("{base}embed.js"), short);
    rule(format!("{base}embed-resize.js"), short);
    rule(
        format!("{base}embed-assets/*"),
        "  Cache-Control: public, max-age=31536000, immutable\n  Access-Control-Allow-Origin: *\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::statement_meta;
    use crate::ContentDir;

    fn demo() -> ContentDir {
        ContentDir::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/content").as_ref()).unwrap()
    }

    #[test]
    fn oembed_is_rich_with_the_documented_iframe() {
        let content = demo();
        let (_, statement) = content.statements.iter().find(|(_, s)| s.translations.contains_key("es")).unwrap();
        let slug = &statement.slug;
        let meta = statement_meta(&content, slug, "es", "https://example.org", "/t/").unwrap();
        assert_eq!(
            meta.oembed.as_deref(),
            Some(format!("https://example.org/t/es/embed/statements/{slug}/oembed.json").as_str())
        );
        let v: serde_json::Value = serde_json::from_str(&oembed_json(&meta, slug, &content.site).unwrap()).unwrap();
        assert_eq!(v["type"], "rich");
        assert_eq!(v["version"], "1.0");
        assert_eq!(v["title"], meta.heading.as_str());
        assert_eq!(v["provider_url"], "https://example.org/t/");
        let html = v["html"].as_str().unwrap();
        assert!(
            html.starts_with(&format!("<iframe src=\"https://example.org/t/es/embed/statements/{slug}\"")),
            "{html}"
        );
        assert!(v["author_name"].as_str().is_some_and(|a| !a.is_empty()));
        assert!(v["width"].as_u64().is_some() && v["height"].as_u64().is_some());
    }

    #[test]
    fn only_embed_pages_may_be_framed() {
        let content = demo();
        let headers = headers_file(&content.site, "/");
        let rules: Vec<(&str, Vec<&str>)> =
            headers.split('\n').filter(|l| !l.is_empty() && !l.starts_with('#')).fold(Vec::new(), |mut rules, line| {
                match line.strip_prefix("  ") {
                    Some(h) => rules.last_mut().unwrap().1.push(h),
                    None => rules.push((line, vec![])),
                }
                rules
            });
        let matching = |path: &str| -> Vec<&str> {
            rules
                .iter()
                .filter(|(p, _)| match p.strip_suffix('*') {
                    Some(prefix) => path.starts_with(prefix),
                    None => path == *p,
                })
                .flat_map(|(_, h)| h.iter().copied())
                .collect()
        };
        for framable in ["/embed/statements/x", "/es/embed/latest", "/embed/mailbag/"] {
            assert_eq!(
                matching(framable),
                ["Content-Security-Policy: frame-ancestors *", "Access-Control-Allow-Origin: *"],
                "{framable}"
            );
        }
        for page in [
            "/",
            "/index.html",
            "/es",
            "/es/",
            "/statements/x",
            "/es/statements/x/",
            "/topics/t",
            "/mailbag",
            "/es/mailbag/q",
            "/mailbag/ask",
            "/404.html",
        ] {
            assert_eq!(
                matching(page),
                ["Content-Security-Policy: frame-ancestors 'none'", "X-Frame-Options: DENY"],
                "{page}"
            );
        }
        assert!(matching("/embed.js").contains(&"Cache-Control: public, max-age=300"));
        assert!(matching("/embed-assets/abc/latest.en.json")
            .contains(&"Cache-Control: public, max-age=31536000, immutable"));
    }
}
