//! `sitemap.xml` and `robots.txt`.

use std::fmt::Write;

use tribuna_core::route::Page;

use super::escape::{xml_attr, xml_text};
use super::{modified, site_langs, statement_langs, Alternate, Urls};
use crate::ContentDir;

/// `sitemap.xml` (sitemaps.org 0.9, with `xhtml:link` alternates): every
/// statement in each language it is offered in, with `lastmod` from its
/// update or publication date; and in each site language the home page
/// (`lastmod`: the newest statement), every topic page (its newest
/// statement), the Mailbag page (its newest answer) and, when there is a
/// `mailbag.json`, each answer's `/mailbag/{id}` (its answer date). Each URL
/// lists every language version of its page and `x-default`. The question
/// page is left out: a form, not content to find. Served at `{base}sitemap.xml`.
pub fn sitemap_xml(content: &ContentDir, origin: &str, base: &str) -> String {
    let site = &content.site;
    let urls = Urls::new(site, origin, base);
    let langs = site_langs(site);
    let statements: Vec<_> = content.statements.iter().map(|(_, s)| s).collect();
    let newest = |dates: &mut dyn Iterator<Item = &str>| dates.max().map(str::to_string);

    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut add = |page: &Page, langs: &[&str], lastmod: Option<&str>| {
        let (alternates, x_default) = urls.alternates(page, langs);
        for a in &alternates {
            url_entry(&mut out, &a.url, lastmod, &alternates, &x_default);
        }
    };

    add(&Page::Home, &langs, newest(&mut statements.iter().map(|s| modified(s))).as_deref());
    for t in &site.topics {
        let mut dates = statements.iter().filter(|s| s.topics.contains(&t.id)).map(|s| modified(s));
        add(&Page::Topic { id: t.id.clone() }, &langs, newest(&mut dates).as_deref());
    }
    if let Some(m) = &content.mailbag {
        add(
            &Page::Mailbag { open: None },
            &langs,
            newest(&mut m.questions.iter().map(|q| q.answered.as_str())).as_deref(),
        );
        for q in &m.questions {
            add(&Page::Mailbag { open: Some(q.id.clone()) }, &langs, Some(&q.answered));
        }
    } else {
        add(&Page::Mailbag { open: None }, &langs, None);
    }
    for s in &statements {
        add(&Page::Statement { slug: s.slug.clone() }, &statement_langs(site, s), Some(modified(s)));
    }
    out.push_str("</urlset>\n");
    out
}

fn url_entry(out: &mut String, loc: &str, lastmod: Option<&str>, alternates: &[Alternate], x_default: &str) {
    let _ = writeln!(out, "  <url>\n    <loc>{}</loc>", xml_text(loc));
    if let Some(d) = lastmod {
        let _ = writeln!(out, "    <lastmod>{}</lastmod>", xml_text(d));
    }
    let alternate = |out: &mut String, lang: &str, href: &str| {
        let _ = writeln!(
            out,
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
            xml_attr(lang),
            xml_attr(href)
        );
    };
    for a in alternates {
        alternate(out, &a.lang, &a.url);
    }
    alternate(out, "x-default", x_default);
    out.push_str("  </url>\n");
}

/// `robots.txt`: everything may be crawled, and the sitemap is at
/// `{origin}{base}sitemap.xml`. Crawlers read it only at the origin's root,
/// so a site served under a sub-path needs the line in the host's own file.
pub fn robots_txt(origin: &str, base: &str) -> String {
    let root = format!("{}{}", origin.trim_end_matches('/'), tribuna_core::route::normalize_base(base));
    format!("User-agent: *\nAllow: /\n\nSitemap: {root}sitemap.xml\n")
}
