//! What the pre-render step writes around the pages: heads, sitemap, robots.txt
//! and feeds, from a small content folder written here (with a hostile title)
//! and from the demo content. Heads and XML are read back with quick-xml.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use quick_xml_0_42::escape::resolve_predefined_entity;
use quick_xml_0_42::events::{BytesStart, Event};
use quick_xml_0_42::{Reader, XmlVersion};
use serde_json::{json, Value};
use tribuna_core::date::Date;
use tribuna_core::route::Page;
use tribuna_tools::publish::{
    atom_feed, feed_path, head_html, listing_meta, robots_txt, site_origin, sitemap_xml, statement_meta, PageMeta,
};
use tribuna_tools::ContentDir;

const HOSTILE: &str = r#"Rent </title><script>alert(1)</script> "quoted" & more"#;
const HOSTILE_LEAD: &str = "It's </script><!-- 'x' --> \u{2028}a & b";
const SITE_EN: &str = "Tribuna & \"Friends\"";
const ORIGIN: &str = "https://example.org";

// ---------------------------------------------------------------------------
// A content folder on disk
// ---------------------------------------------------------------------------

/// A content folder in a temporary directory, removed when dropped.
struct Fixture {
    dir: PathBuf,
    content: ContentDir,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn write(dir: &Path, file: &str, value: &Value) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

fn translation(title: &str, lead: &str) -> Value {
    json!({ "title": title, "lead": lead, "body": [{ "type": "paragraph", "text": [{ "text": "Body." }] }] })
}

/// Three statements: `rent` (en original with es, hero, two authors, the
/// hostile title), `solo-es` (Spanish only, no hero) and `abs-hero` (es
/// original with en, an absolute hero URL); two Mailbag answers.
fn fixture() -> Fixture {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "tribuna-publish-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    write(
        &dir,
        "site.json",
        &json!({
            "format": 1,
            "name": { "en": SITE_EN, "es": "Tribuna Prueba" },
            "tagline": { "en": "Statements <b>& more</b>", "es": "Declaraciones" },
            "languages": [{ "code": "en", "name": "English" }, { "code": "es", "name": "Español" }],
            "default_language": "en",
            "origin": "https://example.org/",
            "topics": [
                { "id": "housing", "name": { "en": "Housing", "es": "Vivienda" } },
                { "id": "empty", "name": { "en": "Empty", "es": "Vacío" } }
            ]
        }),
    );
    write(
        &dir,
        "authors.json",
        &json!({ "format": 1, "authors": [
            { "id": "coalition", "kind": "organization", "name": "The Coalition", "bio": { "en": "Us." },
              "url": "https://coalition.example.net/" },
            { "id": "ana", "kind": "person", "name": "Ana \"Ñ\" <Pérez>", "bio": { "en": "Organiser." },
              "url": "/people/ana" },
            { "id": "mail", "kind": "person", "name": "Mail Only", "bio": { "en": "x" }, "url": "mailto:m@example.org" }
        ]}),
    );
    write(
        &dir,
        "statements/rent.json",
        &json!({
            "format": 1, "slug": "rent", "published": "2025-01-10", "updated": "2025-02-01",
            "authors": ["coalition", "ana"], "topics": ["housing"], "original_language": "en",
            "hero": { "src": "images/rent.jpg", "width": 1200, "height": 630,
                      "alt": { "en": "Houses \"at dawn\"", "es": "Casas al amanecer" } },
            "translations": { "en": translation(HOSTILE, HOSTILE_LEAD), "es": translation("Alquiler", "Entrada.") }
        }),
    );
    write(
        &dir,
        "statements/solo-es.json",
        &json!({
            "format": 1, "slug": "solo-es", "published": "2025-03-01", "authors": ["ana", "mail"],
            "original_language": "es", "translations": { "es": translation("Sólo en español", "Resumen.") }
        }),
    );
    write(
        &dir,
        "statements/abs-hero.json",
        &json!({
            "format": 1, "slug": "abs-hero", "published": "2024-12-01", "authors": ["coalition"],
            "topics": ["housing"], "original_language": "es",
            "hero": { "src": "https://cdn.example.net/a.jpg?w=1200&h=600", "width": 1200, "height": 600,
                      "alt": { "es": "Una foto" } },
            "translations": { "es": translation("Foto", "Con foto."), "en": translation("Photo", "With a photo.") }
        }),
    );
    write(
        &dir,
        "mailbag.json",
        &json!({ "format": 1, "questions": [
            { "id": "q-one", "asked": "2025-01-01", "answered": "2025-01-05", "original_language": "en",
              "question": { "en": "Why?", "es": "¿Por qué?" }, "answer": { "en": "Because.", "es": "Porque." } },
            { "id": "q-two", "asked": "2025-02-01", "answered": "2025-02-09", "original_language": "es",
              "question": { "es": "¿Cómo?" }, "answer": { "es": "Así." } }
        ]}),
    );
    let content = ContentDir::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(content.cross_issues(), Vec::<String>::new());
    Fixture { dir, content }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

// ---------------------------------------------------------------------------
// Reading markup back
// ---------------------------------------------------------------------------

/// An element read back: its name, unescaped attributes, unescaped text and children.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<El>,
}

impl El {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            out.extend(c.all(name));
        }
        out
    }

    fn child(&self, name: &str) -> &El {
        self.children.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }
}

fn element(e: &BytesStart) -> El {
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("a well-formed attribute");
            let value = a.normalized_value(XmlVersion::Implicit1_0).expect("an attribute value that unescapes");
            (a.key.as_ref().to_string(), value.into_owned())
        })
        .collect();
    El { name: e.name().as_ref().to_string(), attrs, ..El::default() }
}

/// Parses markup into a tree under a nameless root. `html`: `meta` and `link`
/// are void elements and end tags are not matched (a head); otherwise the
/// input must be well-formed XML.
fn parse(text: &str, html: bool) -> El {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = !html;
    let mut stack = vec![El::default()];
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("{e} at {}", reader.buffer_position())) {
            Event::Start(e) => {
                let el = element(&e);
                if html && matches!(el.name.as_str(), "meta" | "link") {
                    stack.last_mut().unwrap().children.push(el);
                } else {
                    stack.push(el);
                }
            }
            Event::Empty(e) => stack.last_mut().unwrap().children.push(element(&e)),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                assert!(!stack.is_empty(), "an end tag without a start");
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().unwrap().expect("a character").to_string()
                } else {
                    resolve_predefined_entity(&r).expect("a predefined entity").to_string()
                };
                stack.last_mut().unwrap().text.push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap()
}

/// A parsed head, and lookups into it.
struct Head {
    html: String,
    root: El,
}

impl Head {
    fn of(meta: &PageMeta) -> Head {
        let html = head_html(meta);
        Head { root: parse(&html, true), html }
    }

    fn title(&self) -> String {
        let titles = self.root.all("title");
        assert_eq!(titles.len(), 1);
        titles[0].text.clone()
    }

    /// Every `content` of `<meta {key}="{name}">`.
    fn metas(&self, key: &str, name: &str) -> Vec<&str> {
        self.root
            .all("meta")
            .into_iter()
            .filter(|m| m.attr(key) == Some(name))
            .filter_map(|m| m.attr("content"))
            .collect()
    }

    fn og(&self, name: &str) -> &str {
        let v = self.metas("property", name);
        assert_eq!(v.len(), 1, "{name}: {v:?}");
        v[0]
    }

    fn named(&self, name: &str) -> &str {
        let v = self.metas("name", name);
        assert_eq!(v.len(), 1, "{name}: {v:?}");
        v[0]
    }

    fn links(&self) -> Vec<&El> {
        self.root.all("link")
    }

    fn canonical(&self) -> &str {
        let c: Vec<_> = self.links().into_iter().filter(|l| l.attr("rel") == Some("canonical")).collect();
        assert_eq!(c.len(), 1);
        c[0].attr("href").unwrap()
    }

    /// `(hreflang, href)` of the page alternates (not the feeds).
    fn hreflangs(&self) -> Vec<(String, String)> {
        self.links()
            .into_iter()
            .filter(|l| l.attr("rel") == Some("alternate") && l.attr("type").is_none())
            .map(|l| (l.attr("hreflang").unwrap().to_string(), l.attr("href").unwrap().to_string()))
            .collect()
    }

    fn json_ld(&self) -> Value {
        let scripts = self.root.all("script");
        assert_eq!(scripts.len(), 1);
        assert_eq!(scripts[0].attr("type"), Some("application/ld+json"));
        serde_json::from_str(&scripts[0].text).expect("JSON-LD parses")
    }
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// `YYYY-MM-DDTHH:MM:SSZ` (or with an offset) with a real date: RFC 3339.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let time_ok = b.len() >= 20
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && [11, 12, 14, 15, 17, 18].iter().all(|&i| b[i].is_ascii_digit())
        && s[11..13].parse::<u8>().is_ok_and(|h| h < 24)
        && s[14..16].parse::<u8>().is_ok_and(|m| m < 60)
        && s[17..19].parse::<u8>().is_ok_and(|m| m < 61);
    let zone = &s[19.min(s.len())..];
    let zone_ok = zone == "Z"
        || (zone.len() == 6
            && (zone.starts_with('+') || zone.starts_with('-'))
            && zone.as_bytes()[3] == b':'
            && zone.bytes().enumerate().all(|(i, c)| i == 0 || i == 3 || c.is_ascii_digit()));
    time_ok && zone_ok && Date::parse(&s[..10]).is_ok()
}

// ---------------------------------------------------------------------------
// Heads
// ---------------------------------------------------------------------------

#[test]
fn a_statement_head_has_every_tag() {
    let f = fixture();
    let meta = statement_meta(&f.content, "rent", "en", ORIGIN, "/").unwrap();
    let h = Head::of(&meta);
    let url = "https://example.org/statements/rent";
    let es = "https://example.org/es/statements/rent";
    let image = "https://example.org/content/images/rent.jpg";

    assert_eq!(h.title(), format!("{HOSTILE} — {SITE_EN}"));
    assert_eq!(h.named("description"), HOSTILE_LEAD);
    assert_eq!(h.canonical(), url);
    assert_eq!(h.hreflangs(), pairs(&[("en", url), ("es", es), ("x-default", url)]));
    let feeds: Vec<_> = h
        .links()
        .into_iter()
        .filter(|l| l.attr("type") == Some("application/atom+xml"))
        .map(|l| {
            (l.attr("rel").unwrap(), l.attr("hreflang").unwrap(), l.attr("title").unwrap(), l.attr("href").unwrap())
        })
        .collect();
    assert_eq!(
        feeds,
        [
            ("alternate", "en", &*format!("{SITE_EN} (English)"), "https://example.org/feed.xml"),
            ("alternate", "es", "Tribuna Prueba (Español)", "https://example.org/es/feed.xml"),
        ]
    );

    assert_eq!(h.og("og:type"), "article");
    assert_eq!(h.og("og:title"), HOSTILE);
    assert_eq!(h.og("og:description"), HOSTILE_LEAD);
    assert_eq!(h.og("og:url"), url);
    assert_eq!(h.og("og:site_name"), SITE_EN);
    assert_eq!(h.og("og:image"), image);
    assert_eq!(h.og("og:image:width"), "1200");
    assert_eq!(h.og("og:image:height"), "630");
    assert_eq!(h.og("og:image:alt"), "Houses \"at dawn\"");
    assert_eq!(h.og("og:locale"), "en_US");
    assert_eq!(h.metas("property", "og:locale:alternate"), ["es_ES"]);
    assert_eq!(h.og("article:published_time"), "2025-01-10");
    assert_eq!(h.og("article:modified_time"), "2025-02-01");
    assert_eq!(h.metas("property", "article:author"), ["The Coalition", "Ana \"Ñ\" <Pérez>"]);

    assert_eq!(h.named("twitter:card"), "summary_large_image");
    assert_eq!(h.named("twitter:title"), HOSTILE);
    assert_eq!(h.named("twitter:description"), HOSTILE_LEAD);
    assert_eq!(h.named("twitter:image"), image);
    assert_eq!(h.named("twitter:image:alt"), "Houses \"at dawn\"");

    let ld = h.json_ld();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], HOSTILE);
    assert_eq!(ld["description"], HOSTILE_LEAD);
    assert_eq!(ld["image"], json!({ "@type": "ImageObject", "url": image, "width": 1200, "height": 630 }));
    assert_eq!(ld["datePublished"], "2025-01-10");
    assert_eq!(ld["dateModified"], "2025-02-01");
    assert_eq!(
        ld["author"],
        json!([
            { "@type": "Organization", "name": "The Coalition", "url": "https://coalition.example.net/" },
            { "@type": "Person", "name": "Ana \"Ñ\" <Pérez>", "url": "https://example.org/people/ana" }
        ])
    );
    assert_eq!(ld["publisher"], json!({ "@type": "Organization", "name": SITE_EN, "url": "https://example.org/" }));
    assert_eq!(ld["inLanguage"], "en");
    assert_eq!(ld["url"], url);
    assert_eq!(ld["mainEntityOfPage"]["@id"], url);
    assert_eq!(ld["workTranslation"], json!([{ "@type": "NewsArticle", "url": es, "inLanguage": "es" }]));
    assert!(ld.get("translationOfWork").is_none());
}

#[test]
fn a_hostile_title_round_trips_through_the_head() {
    let f = fixture();
    let h = Head::of(&statement_meta(&f.content, "rent", "en", ORIGIN, "/").unwrap());
    // The hostile text opened nothing: one title, one script, no comment.
    assert_eq!(h.html.matches("</title>").count(), 1, "{}", h.html);
    assert_eq!(h.html.matches("<script").count(), 1);
    assert_eq!(h.html.matches("</script>").count(), 1);
    assert!(!h.html.contains("<!--"));
    let script = &h.html[h.html.find("<script").unwrap()..];
    let json = &script[script.find('>').unwrap() + 1..script.find("</script>").unwrap()];
    assert!(!json.contains(['\u{2028}', '\u{2029}', '<', '>', '&']), "{json}");
    assert_eq!(h.title(), format!("{HOSTILE} — {SITE_EN}"));
    assert_eq!(h.og("og:title"), HOSTILE);
    assert_eq!(h.json_ld()["headline"].as_str(), Some(HOSTILE));
    assert_eq!(h.json_ld()["description"].as_str(), Some(HOSTILE_LEAD));
    // The escaped forms are the ones a browser decodes the same way.
    assert!(h.html.contains("<title>Rent &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; \"quoted\" &amp; more"));
    assert!(h.html.contains(
        r#"content="Rent &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more""#
    ));
    assert!(h.html.contains(
        r#""headline":"Rent \u003c/title\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \"quoted\" \u0026 more""#
    ));
}

#[test]
fn a_translation_points_at_its_original() {
    let f = fixture();
    let h = Head::of(&statement_meta(&f.content, "rent", "es", ORIGIN, "/").unwrap());
    let en = "https://example.org/statements/rent";
    let es = "https://example.org/es/statements/rent";
    assert_eq!(h.title(), "Alquiler — Tribuna Prueba");
    assert_eq!(h.canonical(), es);
    assert_eq!(h.hreflangs(), pairs(&[("en", en), ("es", es), ("x-default", en)]));
    assert_eq!(h.og("og:locale"), "es_ES");
    assert_eq!(h.metas("property", "og:locale:alternate"), ["en_US"]);
    assert_eq!(h.og("og:image:alt"), "Casas al amanecer");
    let ld = h.json_ld();
    assert_eq!(ld["inLanguage"], "es");
    assert_eq!(ld["translationOfWork"], json!({ "@type": "NewsArticle", "url": en, "inLanguage": "en" }));
    assert!(ld.get("workTranslation").is_none());
    assert_eq!(ld["publisher"]["name"], "Tribuna Prueba");
}

#[test]
fn a_statement_in_one_language_only() {
    let f = fixture();
    assert_eq!(statement_meta(&f.content, "solo-es", "en", ORIGIN, "/"), None, "not offered in English");
    assert_eq!(statement_meta(&f.content, "nope", "en", ORIGIN, "/"), None, "no such statement");
    assert_eq!(statement_meta(&f.content, "rent", "fr", ORIGIN, "/"), None, "not a site language");
    let h = Head::of(&statement_meta(&f.content, "solo-es", "es", ORIGIN, "/").unwrap());
    let es = "https://example.org/es/statements/solo-es";
    // No default-language version: x-default is the first (only) one.
    assert_eq!(h.hreflangs(), pairs(&[("es", es), ("x-default", es)]));
    assert!(h.metas("property", "og:locale:alternate").is_empty());
    assert!(h.metas("property", "og:image").is_empty());
    assert_eq!(h.named("twitter:card"), "summary");
    assert!(h.metas("name", "twitter:image").is_empty());
    let ld = h.json_ld();
    assert!(ld.get("image").is_none() && ld.get("workTranslation").is_none() && ld.get("translationOfWork").is_none());
    // An author whose only link is an email address has no URL.
    assert_eq!(ld["author"][1], json!({ "@type": "Person", "name": "Mail Only" }));
}

#[test]
fn image_urls_and_base_paths() {
    let f = fixture();
    let h = Head::of(&statement_meta(&f.content, "rent", "es", "https://example.org/", "tribuna").unwrap());
    assert_eq!(h.og("og:image"), "https://example.org/tribuna/content/images/rent.jpg");
    assert_eq!(h.canonical(), "https://example.org/tribuna/es/statements/rent");
    assert_eq!(h.json_ld()["publisher"]["url"], "https://example.org/tribuna/");
    assert!(h.links().iter().any(|l| l.attr("href") == Some("https://example.org/tribuna/es/feed.xml")));
    let h = Head::of(&statement_meta(&f.content, "abs-hero", "en", ORIGIN, "/tribuna/").unwrap());
    assert_eq!(h.og("og:image"), "https://cdn.example.net/a.jpg?w=1200&h=600");
    assert!(h.html.contains("https://cdn.example.net/a.jpg?w=1200&amp;h=600"));
    assert_eq!(h.og("og:image:alt"), "Una foto", "alt falls back to the original language");
    assert_eq!(h.hreflangs()[2], ("x-default".into(), "https://example.org/tribuna/statements/abs-hero".into()));
}

#[test]
fn listing_heads() {
    let f = fixture();
    let c = &f.content;
    let h = Head::of(&listing_meta(c, &Page::Home, "es", "Últimas", None, ORIGIN, "/").unwrap());
    assert_eq!(h.title(), "Últimas — Tribuna Prueba");
    assert_eq!(h.named("description"), "Declaraciones");
    assert_eq!(h.canonical(), "https://example.org/es/");
    assert_eq!(
        h.hreflangs(),
        pairs(&[
            ("en", "https://example.org/"),
            ("es", "https://example.org/es/"),
            ("x-default", "https://example.org/")
        ])
    );
    assert_eq!(h.og("og:type"), "website");
    assert_eq!(h.og("og:locale"), "es_ES");
    assert_eq!(h.named("twitter:card"), "summary");
    assert!(h.metas("property", "article:published_time").is_empty());
    assert_eq!(h.json_ld()["@type"], "WebPage");
    assert_eq!(h.json_ld()["isPartOf"]["url"], "https://example.org/");

    let h = Head::of(&listing_meta(c, &Page::Home, "en", "Latest", None, ORIGIN, "/").unwrap());
    assert_eq!(h.named("description"), "Statements <b>& more</b>");
    let topic = Page::Topic { id: "housing".into() };
    let h = Head::of(&listing_meta(c, &topic, "en", "Housing", Some("All on <housing>"), ORIGIN, "/").unwrap());
    assert_eq!(h.named("description"), "All on <housing>");
    assert_eq!(h.canonical(), "https://example.org/topics/housing");
    let answer = Page::Mailbag { open: Some("q-two".into()) };
    let h = Head::of(&listing_meta(c, &answer, "es", "¿Cómo?", None, ORIGIN, "/").unwrap());
    assert_eq!(h.canonical(), "https://example.org/es/mailbag/q-two");
    let ask = listing_meta(c, &Page::Ask, "en", "Ask", None, ORIGIN, "/").unwrap();
    assert_eq!(ask.url, "https://example.org/mailbag/ask");

    for (page, lang) in [
        (Page::Topic { id: "nope".into() }, "en"),
        (Page::Mailbag { open: Some("nope".into()) }, "en"),
        (Page::Statement { slug: "rent".into() }, "en"),
        (Page::NotFound, "en"),
        (Page::Home, "fr"),
    ] {
        assert_eq!(listing_meta(c, &page, lang, "x", None, ORIGIN, "/"), None, "{page:?} {lang}");
    }
}

// ---------------------------------------------------------------------------
// Sitemap, robots.txt, feeds
// ---------------------------------------------------------------------------

#[test]
fn the_sitemap_lists_every_page_in_every_language() {
    let f = fixture();
    let xml = sitemap_xml(&f.content, ORIGIN, "/");
    let root = parse(&xml, false);
    let urlset = root.child("urlset");
    assert_eq!(urlset.attr("xmlns"), Some("http://www.sitemaps.org/schemas/sitemap/0.9"));
    assert_eq!(urlset.attr("xmlns:xhtml"), Some("http://www.w3.org/1999/xhtml"));
    let u = |p: &str| format!("https://example.org{p}");
    let mut expected: BTreeSet<String> = BTreeSet::new();
    for p in ["/", "/topics/housing", "/topics/empty", "/mailbag", "/mailbag/q-one", "/mailbag/q-two"] {
        expected.insert(u(p));
        expected.insert(u(&format!("/es{}", if p == "/" { "/" } else { p })));
    }
    for p in ["/statements/rent", "/es/statements/rent", "/es/statements/solo-es"] {
        expected.insert(u(p));
    }
    expected.insert(u("/statements/abs-hero"));
    expected.insert(u("/es/statements/abs-hero"));
    let urls = urlset.all("url");
    let locs: Vec<String> = urls.iter().map(|e| e.child("loc").text.clone()).collect();
    assert_eq!(locs.len(), expected.len(), "no URL twice");
    assert_eq!(locs.into_iter().collect::<BTreeSet<_>>(), expected);

    let entry = |loc: &str| *urls.iter().find(|e| e.child("loc").text == loc).unwrap();
    let alternates = |e: &El| -> Vec<(String, String)> {
        e.all("xhtml:link")
            .iter()
            .map(|l| {
                assert_eq!(l.attr("rel"), Some("alternate"));
                (l.attr("hreflang").unwrap().to_string(), l.attr("href").unwrap().to_string())
            })
            .collect()
    };
    let rent = entry(&u("/es/statements/rent"));
    assert_eq!(rent.child("lastmod").text, "2025-02-01");
    assert_eq!(
        alternates(rent),
        pairs(&[
            ("en", &u("/statements/rent")),
            ("es", &u("/es/statements/rent")),
            ("x-default", &u("/statements/rent"))
        ])
    );
    let solo = entry(&u("/es/statements/solo-es"));
    assert_eq!(solo.child("lastmod").text, "2025-03-01");
    assert_eq!(
        alternates(solo),
        pairs(&[("es", &u("/es/statements/solo-es")), ("x-default", &u("/es/statements/solo-es"))])
    );
    let home = entry(&u("/es/"));
    assert_eq!(home.child("lastmod").text, "2025-03-01");
    assert_eq!(alternates(home), pairs(&[("en", &u("/")), ("es", &u("/es/")), ("x-default", &u("/"))]));
    assert_eq!(entry(&u("/topics/housing")).child("lastmod").text, "2025-02-01");
    assert!(entry(&u("/topics/empty")).children.iter().all(|c| c.name != "lastmod"));
    assert_eq!(entry(&u("/es/mailbag")).child("lastmod").text, "2025-02-09");
    assert_eq!(entry(&u("/mailbag/q-one")).child("lastmod").text, "2025-01-05");
    for e in &urls {
        if let Some(d) = e.children.iter().find(|c| c.name == "lastmod") {
            assert!(Date::parse(&d.text).is_ok(), "{}", d.text);
        }
    }
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    assert_eq!(
        robots_txt("https://example.org/", "/"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    );
    assert!(robots_txt(ORIGIN, "tribuna").ends_with("Sitemap: https://example.org/tribuna/sitemap.xml\n"));
}

#[test]
fn feeds_list_the_statements_of_their_language() {
    let f = fixture();
    assert_eq!(feed_path("en", "en", "/"), "/feed.xml");
    assert_eq!(feed_path("es", "en", "/tribuna/"), "/tribuna/es/feed.xml");
    for (lang, name, self_url, slugs) in [
        ("en", SITE_EN, "https://example.org/feed.xml", vec!["rent", "abs-hero"]),
        ("es", "Tribuna Prueba", "https://example.org/es/feed.xml", vec!["solo-es", "rent", "abs-hero"]),
    ] {
        let xml = atom_feed(&f.content, lang, ORIGIN, "/", 20);
        let root = parse(&xml, false);
        let feed = root.child("feed");
        assert_eq!(feed.attr("xmlns"), Some("http://www.w3.org/2005/Atom"));
        assert_eq!(feed.attr("xml:lang"), Some(lang));
        assert_eq!(feed.child("title").text, name);
        assert_eq!(feed.child("id").text, self_url);
        let self_link = feed.children.iter().find(|c| c.name == "link" && c.attr("rel") == Some("self")).unwrap();
        assert_eq!(self_link.attr("href"), Some(self_url));
        assert!(is_rfc3339(&feed.child("updated").text));
        let entries = feed.all("entry");
        let prefix = if lang == "en" { "" } else { "/es" };
        let ids: Vec<String> = entries.iter().map(|e| e.child("id").text.clone()).collect();
        let want: Vec<String> = slugs.iter().map(|s| format!("https://example.org{prefix}/statements/{s}")).collect();
        assert_eq!(ids, want, "{lang}: newest first, only statements offered in {lang}");
        for e in &entries {
            assert_eq!(e.attr("xml:lang"), Some(lang));
            assert_eq!(e.child("link").attr("href"), Some(e.child("id").text.as_str()));
            assert!(is_rfc3339(&e.child("published").text), "{}", e.child("published").text);
            assert!(is_rfc3339(&e.child("updated").text));
            assert!(!e.all("author").is_empty());
            assert!(!e.child("summary").text.is_empty());
        }
        let newest = entries.iter().map(|e| e.child("updated").text.clone()).max().unwrap();
        assert_eq!(feed.child("updated").text, newest);
    }
    let en = parse(&atom_feed(&f.content, "en", ORIGIN, "/", 20), false);
    let rent = en.all("entry")[0];
    assert_eq!(rent.child("title").text, HOSTILE);
    assert_eq!(rent.child("summary").text, HOSTILE_LEAD);
    assert_eq!(rent.child("published").text, "2025-01-10T00:00:00Z");
    assert_eq!(rent.child("updated").text, "2025-02-01T00:00:00Z");
    let authors: Vec<(&str, Option<&str>)> = rent
        .all("author")
        .iter()
        .map(|a| (a.child("name").text.as_str(), a.children.iter().find(|c| c.name == "uri").map(|u| u.text.as_str())))
        .collect();
    assert_eq!(
        authors,
        [
            ("The Coalition", Some("https://coalition.example.net/")),
            ("Ana \"Ñ\" <Pérez>", Some("https://example.org/people/ana"))
        ]
    );
    assert_eq!(rent.child("category").attr("label"), Some("Housing"));

    let one = parse(&atom_feed(&f.content, "es", ORIGIN, "/", 1), false);
    assert_eq!(one.all("entry").len(), 1, "the limit holds");
    let none = parse(&atom_feed(&f.content, "fr", ORIGIN, "/", 20), false);
    assert!(none.all("entry").is_empty());
    assert!(is_rfc3339(&none.child("feed").child("updated").text));
}

#[test]
fn the_origin_comes_from_the_build_or_site_json() {
    let f = fixture();
    assert_eq!(site_origin(&f.content.site, None).as_deref(), Ok("https://example.org"));
    assert_eq!(site_origin(&f.content.site, Some("HTTP://Localhost:8080/")).as_deref(), Ok("http://localhost:8080"));
    assert!(site_origin(&f.content.site, Some("https://example.org/sub")).unwrap_err().starts_with("origin: "));
    let mut site = f.content.site.clone();
    site.origin = None;
    assert!(site_origin(&site, None).unwrap_err().contains("site.json has no \"origin\""));
}

/// The demo content: every statement in every language it is offered in has
/// a head whose JSON-LD parses; the sitemap and each feed parse and list them all.
#[test]
fn the_demo_content_publishes() {
    let content = ContentDir::load(&repo().join("public/content")).unwrap();
    let origin = site_origin(&content.site, None).unwrap();
    let mut pages = BTreeSet::new();
    for (_, s) in &content.statements {
        for lang in s.translations.keys() {
            let meta = statement_meta(&content, &s.slug, lang, &origin, "/").unwrap();
            let h = Head::of(&meta);
            assert_eq!(h.json_ld()["headline"], s.translations[lang].title.as_str());
            assert_eq!(h.canonical(), meta.url);
            pages.insert(meta.url);
        }
    }
    let sitemap = parse(&sitemap_xml(&content, &origin, "/"), false);
    let locs: BTreeSet<String> = sitemap.all("loc").iter().map(|l| l.text.clone()).collect();
    assert!(pages.is_subset(&locs));
    for l in &content.site.languages {
        let feed = parse(&atom_feed(&content, &l.code, &origin, "/", 1000), false);
        let ids: BTreeSet<String> = feed.all("entry").iter().map(|e| e.child("id").text.clone()).collect();
        let offered = content.statements.iter().filter(|(_, s)| s.translations.contains_key(&l.code)).count();
        assert_eq!(ids.len(), offered, "{}", l.code);
        assert!(ids.is_subset(&pages));
    }
}
