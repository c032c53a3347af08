//! Embeds on partner sites: where each embed page lives, and the snippets a
//! partner pastes (see `docs/embedding.md`). The app's Share control and the
//! build's oEmbed files write the same snippets from here.

use crate::escape::html_attr;
use crate::route::{normalize_base, Page};

/// The width an iframe embed is offered at, in CSS pixels (it shrinks to fit a narrower column).
pub const FRAME_WIDTH: u32 = 600;
/// The height an iframe embed starts at, before `embed-resize.js` fits it to its content.
pub const FRAME_HEIGHT: u32 = 640;

/// The path of `page`'s embed in `lang` (with the base path), for the pages
/// that have one: a statement (`embed/statements/{slug}`), the home page's
/// latest statements (`embed/latest`) and the Mailbag (`embed/mailbag`). A
/// language other than the default is a prefix, as on the site
/// (`es/embed/latest`).
pub fn embed_path(page: &Page, lang: &str, default_lang: &str, base: &str) -> Option<String> {
    let tail = match page {
        Page::Statement { slug } => format!("statements/{slug}"),
        Page::Home => "latest".to_string(),
        Page::Mailbag { open: None } => "mailbag".to_string(),
        _ => return None,
    };
    let prefix = if lang == default_lang { String::new() } else { format!("{lang}/") };
    Some(format!("{}{prefix}embed/{tail}", normalize_base(base)))
}

/// A statement's embed snippets, for a site whose pages start with `root`
/// (`https://example.org/` or `https://example.org/tribuna/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippets {
    /// The iframe, and the script that fits its height to its content.
    pub iframe: String,
    /// The element `embed.js` fills, and the module script itself.
    pub script: String,
}

/// The snippets that embed statement `slug` in `lang`; `title` (the
/// statement's, in that language) names the iframe for screen readers.
pub fn statement_snippets(root: &str, slug: &str, lang: &str, default_lang: &str, title: &str) -> Snippets {
    let root = if root.ends_with('/') { root.to_string() } else { format!("{root}/") };
    let src = embed_path(&Page::Statement { slug: slug.to_string() }, lang, default_lang, "/")
        .map(|p| format!("{root}{}", p.trim_start_matches('/')))
        .unwrap_or_default();
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{FRAME_WIDTH}\" height=\"{FRAME_HEIGHT}\" loading=\"lazy\" \
         style=\"border:0;max-width:100%\"></iframe>\n<script src=\"{}embed-resize.js\" async></script>",
        html_attr(&src),
        html_attr(title),
        html_attr(&root),
    );
    let script = format!(
        "<div data-tribuna=\"statement\" data-slug=\"{}\" data-lang=\"{}\"></div>\n\
         <script type=\"module\" src=\"{}embed.js\"></script>",
        html_attr(slug),
        html_attr(lang),
        html_attr(&root),
    );
    Snippets { iframe, script }
}

/// What the Share control copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// The statement's link.
    Link,
    /// One of the embed snippets.
    Snippet,
}

/// The UI string that tells the reader how copying `what` went: copied, or
/// not (no clipboard, or no permission), in which case the text is left
/// selected for the reader to copy by hand.
pub fn copy_status(what: Copied, copied: bool) -> &'static str {
    match (what, copied) {
        (Copied::Link, true) => "share.copied_link",
        (Copied::Snippet, true) => "share.copied_code",
        (_, false) => "share.copy_failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_paths_follow_the_site_s_language_prefixes() {
        let s = Page::Statement { slug: "rent".into() };
        assert_eq!(embed_path(&s, "en", "en", "/").unwrap(), "/embed/statements/rent");
        assert_eq!(embed_path(&s, "es", "en", "/tribuna/").unwrap(), "/tribuna/es/embed/statements/rent");
        assert_eq!(embed_path(&Page::Home, "es", "en", "/").unwrap(), "/es/embed/latest");
        assert_eq!(embed_path(&Page::Mailbag { open: None }, "en", "en", "/").unwrap(), "/embed/mailbag");
        assert_eq!(embed_path(&Page::Mailbag { open: Some("q".into()) }, "en", "en", "/"), None);
        assert_eq!(embed_path(&Page::Ask, "en", "en", "/"), None);
    }

    #[test]
    fn the_status_says_what_was_copied_or_how_to_copy_it() {
        assert_eq!(copy_status(Copied::Link, true), "share.copied_link");
        assert_eq!(copy_status(Copied::Snippet, true), "share.copied_code");
        assert_eq!(copy_status(Copied::Link, false), "share.copy_failed");
        assert_eq!(copy_status(Copied::Snippet, false), "share.copy_failed");
    }

    #[test]
    fn snippets_escape_what_they_are_given() {
        let s = statement_snippets("https://example.org/t", "rent", "es", "en", "A \"quoted\" <title> & more");
        assert_eq!(
            s.iframe,
            "<iframe src=\"https://example.org/t/es/embed/statements/rent\" \
             title=\"A &quot;quoted&quot; &lt;title&gt; &amp; more\" width=\"600\" height=\"640\" \
             loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>\n\
             <script src=\"https://example.org/t/embed-resize.js\" async></script>"
        );
        assert_eq!(
            s.script,
            "<div data-tribuna=\"statement\" data-slug=\"rent\" data-lang=\"es\"></div>\n\
             <script type=\"module\" src=\"https://example.org/t/embed.js\"></script>"
        );
    }
}
