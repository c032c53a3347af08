//! Language-aware routes: which page a URL path shows and in which language,
//! and the path of a page in a language.
//!
//! The default language lives at the root (`/`, `/statements/{slug}`); every other
//! language under its code (`/es/`, `/es/statements/{slug}`). Paths include the
//! site's base path when it is served under a sub-path (`/tribuna/es/`).

use crate::validate::is_id;

/// A page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Page {
    /// The latest statements.
    Home,
    /// One statement.
    Statement {
        /// The statement's slug.
        slug: String,
    },
    /// The statements filed under one topic.
    Topic {
        /// The topic's id.
        id: String,
    },
    /// All answered questions; with an id, that one opened and scrolled to.
    Mailbag {
        /// The question to open (`/mailbag/{id}`).
        open: Option<String>,
    },
    /// The form to ask a question.
    Ask,
    /// A path that names no page.
    NotFound,
}

/// A page and the language prefix its URL carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route {
    /// The language code in the URL, or `None` for the unprefixed default language.
    pub lang: Option<String>,
    /// The page.
    pub page: Page,
}

impl Route {
    /// The language the page is shown in: the URL's, else the site default.
    pub fn lang_or<'a>(&'a self, default: &'a str) -> &'a str {
        self.lang.as_deref().unwrap_or(default)
    }
}

/// Normalises a base path to start and end with `/` (`""` and `"tribuna"` become `/` and `/tribuna/`).
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Parses a URL path (with the base path, without query or fragment).
/// `languages` are the codes that may prefix a path.
pub fn parse(path: &str, base: &str, languages: &[&str]) -> Route {
    let base = normalize_base(base);
    let rest =
        path.strip_prefix(base.as_str()).or_else(|| path.strip_prefix(base.trim_end_matches('/'))).unwrap_or(path);
    let mut segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segments.last() == Some(&"index.html") {
        segments.pop();
    }
    let lang = match segments.first() {
        Some(first) if languages.contains(first) => {
            let code = first.to_string();
            segments.remove(0);
            Some(code)
        }
        _ => None,
    };
    let page = match segments.as_slice() {
        [] => Page::Home,
        ["statements", slug] if is_id(slug) => Page::Statement { slug: slug.to_string() },
        ["topics", id] if is_id(id) => Page::Topic { id: id.to_string() },
        ["mailbag"] => Page::Mailbag { open: None },
        ["mailbag", "ask"] => Page::Ask,
        ["mailbag", id] if is_id(id) => Page::Mailbag { open: Some(id.to_string()) },
        _ => Page::NotFound,
    };
    Route { lang, page }
}

/// The path of `page` in `lang` (the default language has no prefix), under `base`.
pub fn path(page: &Page, lang: &str, default_lang: &str, base: &str) -> String {
    let mut out = normalize_base(base);
    if lang != default_lang {
        out.push_str(lang);
        out.push('/');
    }
    match page {
        Page::Home | Page::NotFound => {}
        Page::Statement { slug } => {
            out.push_str("statements/");
            out.push_str(slug);
        }
        Page::Topic { id } => {
            out.push_str("topics/");
            out.push_str(id);
        }
        Page::Mailbag { open } => {
            out.push_str("mailbag");
            if let Some(id) = open {
                out.push('/');
                out.push_str(id);
            }
        }
        Page::Ask => out.push_str("mailbag/ask"),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGS: &[&str] = &["en", "es"];

    fn st(slug: &str) -> Page {
        Page::Statement { slug: slug.into() }
    }

    #[test]
    fn parses_default_and_prefixed_paths() {
        assert_eq!(parse("/", "/", LANGS), Route { lang: None, page: Page::Home });
        assert_eq!(parse("/index.html", "/", LANGS).page, Page::Home);
        assert_eq!(parse("/es/", "/", LANGS), Route { lang: Some("es".into()), page: Page::Home });
        assert_eq!(parse("/es", "/", LANGS).lang.as_deref(), Some("es"));
        assert_eq!(parse("/statements/a-b", "/", LANGS), Route { lang: None, page: st("a-b") });
        assert_eq!(parse("/es/statements/a-b/", "/", LANGS), Route { lang: Some("es".into()), page: st("a-b") });
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for p in ["/fr/", "/statements", "/statements/A%20B", "/es/statements/x/y", "/nope", "/topics", "/topics/a/b"] {
            assert_eq!(parse(p, "/", LANGS).page, Page::NotFound, "{p}");
        }
    }

    #[test]
    fn base_path_is_stripped_and_added() {
        assert_eq!(
            parse("/tribuna/es/statements/x", "/tribuna/", LANGS),
            Route { lang: Some("es".into()), page: st("x") }
        );
        assert_eq!(parse("/tribuna", "tribuna", LANGS).page, Page::Home);
        assert_eq!(path(&st("x"), "es", "en", "/tribuna"), "/tribuna/es/statements/x");
        assert_eq!(path(&Page::Home, "en", "en", "/tribuna/"), "/tribuna/");
    }

    #[test]
    fn paths_round_trip_in_every_language() {
        for page in [
            Page::Home,
            st("housing-now"),
            Page::Topic { id: "housing".into() },
            Page::Mailbag { open: None },
            Page::Mailbag { open: Some("rent-question".into()) },
            Page::Ask,
        ] {
            for lang in LANGS {
                let p = path(&page, lang, "en", "/");
                let r = parse(&p, "/", LANGS);
                assert_eq!(r.page, page);
                assert_eq!(r.lang_or("en"), *lang);
            }
        }
        assert_eq!(path(&st("x"), "en", "en", ""), "/statements/x");
        assert_eq!(path(&Page::Home, "es", "en", ""), "/es/");
    }
}
