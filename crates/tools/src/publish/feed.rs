//! The Atom feed of each language.

use std::fmt::Write;

use tribuna_core::content::{pick, StatementFile};
use tribuna_core::route::{self, Page};

use super::escape::{xml_attr, xml_text};
use super::{modified, rfc3339, site_name, Urls};
use crate::ContentDir;

/// Where the feed of `lang` is served: `{base}feed.xml` for the default
/// language, `{base}{lang}/feed.xml` for the others (next to each language's
/// home page). Without the leading `/` (base `/`), also the file to write.
pub fn feed_path(lang: &str, default_lang: &str, base: &str) -> String {
    route::path(&Page::Home, lang, default_lang, base) + "feed.xml"
}

/// The Atom feed (RFC 4287) of `lang`: the `limit` latest statements offered
/// in `lang`, newest first by publication date (ties by slug). A statement
/// without a `lang` translation is left out rather than shown in another
/// language: a feed's readers chose its language. The feed's title is the
/// site's name in `lang`, its subtitle the tagline; it has `xml:lang`, a
/// `self` link and a link to the home page. Each entry has the statement's
/// absolute URL as its id and link, its title, its lead as the summary, its
/// authors (with their absolute URL, when they have one), its topics as
/// categories, and RFC 3339 `published`/`updated` dates (midnight UTC of the
/// content's dates). The feed's `updated` is the newest entry's (the Unix
/// epoch for an empty feed).
pub fn atom_feed(content: &ContentDir, lang: &str, origin: &str, base: &str, limit: usize) -> String {
    let site = &content.site;
    let urls = Urls::new(site, origin, base);
    let mut list: Vec<&StatementFile> =
        content.statements.iter().map(|(_, s)| s).filter(|s| s.translations.contains_key(lang)).collect();
    list.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    list.truncate(limit);
    let updated = list.iter().map(|s| modified(s)).max().map_or_else(|| "1970-01-01T00:00:00Z".into(), rfc3339);
    let name = site_name(site, lang);
    let self_url = urls.feed(lang);

    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         \x20 <id>{id}</id>\n\
         \x20 <title type=\"text\">{title}</title>\n",
        lang = xml_attr(lang),
        id = xml_text(&self_url),
        title = xml_text(name),
    );
    if let Some((tagline, _)) = pick(&site.tagline, lang, &site.default_language) {
        let _ = writeln!(out, "  <subtitle type=\"text\">{}</subtitle>", xml_text(tagline));
    }
    let _ = write!(
        out,
        "  <updated>{updated}</updated>\n\
         \x20 <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_href}\"/>\n\
         \x20 <link rel=\"alternate\" type=\"text/html\" hreflang=\"{lang}\" href=\"{home}\"/>\n\
         \x20 <author><name>{name}</name><uri>{root}</uri></author>\n",
        self_href = xml_attr(&self_url),
        lang = xml_attr(lang),
        home = xml_attr(&urls.page(&Page::Home, lang)),
        name = xml_text(name),
        root = xml_text(&urls.root()),
    );
    for s in list {
        entry(&mut out, content, &urls, s, lang);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, content: &ContentDir, urls: &Urls, s: &StatementFile, lang: &str) {
    let t = &s.translations[lang];
    let url = urls.page(&Page::Statement { slug: s.slug.clone() }, lang);
    let _ = write!(
        out,
        "  <entry xml:lang=\"{lang}\">\n\
         \x20   <id>{id}</id>\n\
         \x20   <title type=\"text\">{title}</title>\n\
         \x20   <link rel=\"alternate\" type=\"text/html\" hreflang=\"{lang}\" href=\"{href}\"/>\n\
         \x20   <published>{published}</published>\n\
         \x20   <updated>{updated}</updated>\n",
        lang = xml_attr(lang),
        id = xml_text(&url),
        title = xml_text(&t.title),
        href = xml_attr(&url),
        published = xml_text(&rfc3339(&s.published)),
        updated = xml_text(&rfc3339(modified(s))),
    );
    for id in &s.authors {
        let Some(a) = content.authors.authors.iter().find(|a| a.id == *id) else { continue };
        let _ = write!(out, "    <author><name>{}</name>", xml_text(&a.name));
        if let Some(uri) = a.url.as_deref().and_then(|u| urls.link(u)) {
            let _ = write!(out, "<uri>{}</uri>", xml_text(&uri));
        }
        out.push_str("</author>\n");
    }
    for id in &s.topics {
        let label = content
            .site
            .topics
            .iter()
            .find(|t| t.id == *id)
            .and_then(|t| pick(&t.name, lang, &content.site.default_language).map(|(n, _)| n));
        let _ = write!(out, "    <category term=\"{}\"", xml_attr(id));
        if let Some(label) = label {
            let _ = write!(out, " label=\"{}\"", xml_attr(label));
        }
        out.push_str("/>\n");
    }
    let _ = write!(out, "    <summary type=\"text\">{}</summary>\n  </entry>\n", xml_text(&t.lead));
}
