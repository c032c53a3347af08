//! Pre-rendering a Tribuna site: every route in every language it is offered
//! in, written as static HTML from one page template.
//!
//! The body of each page comes from the app's own components
//! ([`tribuna::prerender::render_body`]), so there is no second set of
//! templates to keep in step; the head comes from [`tribuna_tools::publish`].
//! The template is the bundle's `index.html` (made from the repository's
//! `index.html`), which marks where each part goes:
//! - `<html lang="…">`: the page's language;
//! - `<!--tribuna:head-->…<!--/tribuna:head-->`: the page's head tags, in place
//!   of the generic title and description the app alone (`404.html`) keeps;
//! - `<!--tribuna:body-->`: the page's markup, in `<div id="tribuna-prerendered">`.

pub mod embed;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use embed::{Assets, EmbedFiles, EmbedRoute, LATEST_FRAME, LATEST_MAX};
use tribuna::embed::EmbedKind;
use tribuna::i18n::t;
use tribuna::prerender::{render_body, render_embed, PageRequest};
use tribuna::state::Preloaded;
use tribuna_core::content::{index_file, page_title, pick, IndexFile, StatementFile};
use tribuna_core::route::{self, Page};
use tribuna_tools::publish::{self, head_html, listing_meta, statement_meta};
use tribuna_tools::{read_doc, ContentDir};

/// How to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// The content folder (`public/content`).
    pub content: PathBuf,
    /// The site's public origin, overriding `site.json`'s.
    pub origin: Option<String>,
    /// Where the app fetches content from, when not `{base}content/`.
    pub content_base: Option<String>,
    /// The page template, when not the bundle's `index.html`.
    pub template: Option<PathBuf>,
    /// The files the embed pages link to.
    pub embed: Assets,
}

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Report {
    /// HTML pages written.
    pub pages: usize,
    /// Of those, statement pages.
    pub statement_pages: usize,
    /// Embeds, each written as an iframe page and a fragment.
    pub embeds: usize,
    /// Other files: the sitemap, `robots.txt`, the feeds, the oEmbed files and `_headers`.
    pub files: usize,
}

/// The bundle's page template, split where each page's parts go.
#[derive(Debug, Clone)]
pub struct Template {
    /// Everything before the `<html>` tag's language.
    before_lang: String,
    /// From after the language to the head marker.
    before_head: String,
    /// From after the head's end marker to the body marker.
    before_body: String,
    /// After the body marker.
    after_body: String,
    /// The base path from `<base href>`.
    pub base: String,
}

const HEAD_START: &str = "<!--tribuna:head-->";
const HEAD_END: &str = "<!--/tribuna:head-->";
const BODY: &str = "<!--tribuna:body-->";
const HTML_LANG: &str = "<html lang=\"";

impl Template {
    /// Splits `html` at its markers; an error names the one missing.
    pub fn parse(html: &str) -> Result<Template, String> {
        let missing = |what: &str| format!("the page template has no {what}; see index.html");
        let (before_lang, rest) = html.split_once(HTML_LANG).ok_or_else(|| missing("<html lang=\"…\">"))?;
        let (_, rest) = rest.split_once('"').ok_or_else(|| missing("closing quote in <html lang>"))?;
        let (before_head, rest) = rest.split_once(HEAD_START).ok_or_else(|| missing(HEAD_START))?;
        let (_, rest) = rest.split_once(HEAD_END).ok_or_else(|| missing(HEAD_END))?;
        let (before_body, after_body) = rest.split_once(BODY).ok_or_else(|| missing(BODY))?;
        let base = html
            .split_once("<base href=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(b, _)| b.to_string())
            .ok_or_else(|| missing("<base href>"))?;
        Ok(Template {
            before_lang: format!("{before_lang}{HTML_LANG}"),
            before_head: format!("\"{before_head}"),
            before_body: before_body.to_string(),
            after_body: after_body.to_string(),
            base,
        })
    }

    /// A whole page: `lang` and `head` are written as given (escaped by their
    /// makers), `body` inside the pre-rendered root.
    pub fn page(&self, lang: &str, head: &str, body: &str) -> String {
        let mut out = String::with_capacity(self.before_body.len() + head.len() + body.len() + 1024);
        out.push_str(&self.before_lang);
        out.push_str(&publish::escape::html_attr(lang));
        out.push_str(&self.before_head);
        out.push_str(head);
        out.push_str(&self.before_body);
        out.push_str("<div id=\"tribuna-prerendered\">");
        out.push_str(body);
        out.push_str("</div>");
        out.push_str(&self.after_body);
        out
    }
}

/// `html` without the empty comments (`<!>`) Leptos writes between adjacent
/// text nodes. Those mark text boundaries for hydration; the app re-renders
/// instead (see `docs/prerendering.md`), and simpler HTML parsers (some link
/// previewers) mistake them for the start of a declaration. Only markers
/// between tags go: text inside a tag (an attribute value) is left as it is.
pub fn strip_text_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!>") {
            rest = after;
            continue;
        }
        // A tag: copy it whole, quotes and all.
        let mut quote = None;
        let mut end = rest.len();
        for (i, c) in rest.char_indices().skip(1) {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A site ready to be written into a bundle.
pub struct Build {
    dist: PathBuf,
    template: Template,
    content: ContentDir,
    origin: String,
    content_base: Option<String>,
    embed_assets: Assets,
    shared: Preloaded,
    /// Each statement by slug, shared by its pages in every language.
    statements: BTreeMap<String, Arc<StatementFile>>,
    /// Each topic's first index page, shared by its pages in every language.
    topics: BTreeMap<String, Arc<IndexFile>>,
}

/// One page to write: which, in which language.
#[derive(Debug, Clone)]
pub struct Route {
    /// The page.
    pub page: Page,
    /// Its language.
    pub lang: String,
}

impl Build {
    /// Reads the template from `dist/index.html` and the content folder.
    pub fn new(dist: &Path, options: &Options) -> Result<Build, String> {
        let template_file = options.template.clone().unwrap_or_else(|| dist.join("index.html"));
        let html = fs::read_to_string(&template_file).map_err(|e| format!("{}: {e}", template_file.display()))?;
        let template = Template::parse(&html).map_err(|e| format!("{}: {e}", template_file.display()))?;
        let content = ContentDir::load(&options.content).map_err(|e| format!("{}: {e}", options.content.display()))?;
        let origin = publish::site_origin(&content.site, options.origin.as_deref())
            .map_err(|e| format!("{}: {e}", options.content.join("site.json").display()))?;
        let read_index = |file: &str| {
            read_doc::<IndexFile>(&options.content, file)
                .map(Arc::new)
                .map_err(|e| format!("{}: {e}", options.content.display()))
        };
        let topics = content
            .site
            .topics
            .iter()
            .map(|t| Ok((t.id.clone(), read_index(&index_file(Some(&t.id), 1))?)))
            .collect::<Result<_, String>>()?;
        let statements = content.statements.iter().map(|(_, s)| (s.slug.clone(), Arc::new(s.clone()))).collect();
        let shared = Preloaded {
            site: Arc::new(content.site.clone()),
            index: read_index(&index_file(None, 1))?,
            authors: Arc::new(content.authors.clone()),
            mailbag: content.mailbag.clone().map(Arc::new),
            statement: None,
            topic_index: None,
        };
        Ok(Build {
            dist: dist.to_path_buf(),
            template,
            content,
            origin,
            content_base: options.content_base.clone(),
            embed_assets: options.embed.clone(),
            shared,
            statements,
            topics,
        })
    }

    /// Every page of the site in every language it is offered in.
    pub fn routes(&self) -> Vec<Route> {
        let site = &self.content.site;
        let langs: Vec<&str> = site.languages.iter().map(|l| l.code.as_str()).collect();
        let mut routes = Vec::new();
        let mut add = |page: Page, lang: &str| routes.push(Route { page, lang: lang.to_string() });
        for lang in &langs {
            add(Page::Home, lang);
            for topic in &site.topics {
                add(Page::Topic { id: topic.id.clone() }, lang);
            }
            add(Page::Ask, lang);
            if let Some(mailbag) = &self.content.mailbag {
                add(Page::Mailbag { open: None }, lang);
                for qa in &mailbag.questions {
                    add(Page::Mailbag { open: Some(qa.id.clone()) }, lang);
                }
            }
        }
        for (_, statement) in &self.content.statements {
            for lang in langs.iter().filter(|l| statement.translations.contains_key(**l)) {
                add(Page::Statement { slug: statement.slug.clone() }, lang);
            }
        }
        routes
    }

    /// The page's heading, for its title, and a description where the page has its own.
    fn heading(&self, route: &Route) -> (String, Option<String>) {
        let lang = route.lang.as_str();
        let site = &self.content.site;
        match &route.page {
            Page::Home => (t(lang, "home.title").to_string(), None),
            Page::Topic { id } => {
                let name = site
                    .topics
                    .iter()
                    .find(|topic| &topic.id == id)
                    .and_then(|topic| pick(&topic.name, lang, &site.default_language))
                    .map_or_else(|| id.clone(), |(n, _)| n.to_string());
                (name, None)
            }
            Page::Mailbag { open } => {
                let question = open.as_ref().and_then(|id| {
                    let qa = self.content.mailbag.as_ref()?.questions.iter().find(|q| &q.id == id)?;
                    pick(&qa.question, lang, &qa.original_language).map(|(q, _)| q.to_string())
                });
                (t(lang, "mailbag.title").to_string(), question.or_else(|| Some(t(lang, "mailbag.intro").to_string())))
            }
            Page::Ask => (t(lang, "ask.title").to_string(), Some(t(lang, "ask.intro").to_string())),
            Page::Statement { .. } | Page::NotFound => (String::new(), None),
        }
    }

    /// Every embed in every language: each statement in the languages it is
    /// offered in, the latest statements and the Mailbag (when the site has one).
    pub fn embed_routes(&self) -> Vec<EmbedRoute> {
        let site = &self.content.site;
        let mut routes = Vec::new();
        for lang in site.languages.iter().map(|l| l.code.clone()) {
            routes.push(EmbedRoute { kind: EmbedKind::Latest(LATEST_MAX), lang: lang.clone() });
            if self.content.mailbag.is_some() {
                routes.push(EmbedRoute { kind: EmbedKind::Mailbag, lang });
            }
        }
        for (_, statement) in &self.content.statements {
            for lang in site.languages.iter().filter(|l| statement.translations.contains_key(&l.code)) {
                routes.push(EmbedRoute { kind: EmbedKind::Statement(statement.slug.clone()), lang: lang.code.clone() });
            }
        }
        routes
    }

    /// One embed's iframe page and fragment, each with the file it goes to
    /// (relative to the bundle), and for a statement its oEmbed file.
    pub fn render_embed(&self, route: &EmbedRoute) -> Result<EmbedFiles, String> {
        let site = &self.content.site;
        let base = self.template.base.as_str();
        let page_path = route::path(&route.kind.page(), &route.lang, &site.default_language, base);
        let mut content = self.shared.clone();
        let (heading, meta) = match (&route.kind, route.kind.heading_key()) {
            (EmbedKind::Statement(slug), _) => {
                let statement = self.statements.get(slug).ok_or_else(|| format!("no statement {slug}"))?;
                content.statement = Some(statement.clone());
                let meta = statement_meta(&self.content, slug, &route.lang, &self.origin, base)
                    .ok_or_else(|| format!("{slug}: not offered in {}", route.lang))?;
                (meta.heading.clone(), Some((slug, meta)))
            }
            (_, key) => (t(&route.lang, key.unwrap_or_default()).to_string(), None),
        };
        let request = |content: Preloaded| PageRequest {
            path: page_path.clone(),
            base: base.to_string(),
            content_base: self.content_base.clone(),
            content,
        };
        let frame_kind = match route.kind {
            EmbedKind::Latest(_) => EmbedKind::Latest(LATEST_FRAME),
            ref kind => kind.clone(),
        };
        let frame_body = strip_text_markers(&render_embed(request(content.clone()), frame_kind));
        let fragment_body = if let EmbedKind::Latest(_) = route.kind {
            strip_text_markers(&render_embed(request(content), route.kind.clone()))
        } else {
            frame_body.clone()
        };
        let canonical = format!("{}{page_path}", self.origin);
        let title = page_title(&heading, Some(site), &route.lang);
        let frame_file =
            embed::frame_file(route, &site.default_language, base).ok_or_else(|| format!("{page_path}: no embed"))?;
        let oembed = match meta {
            Some((slug, meta)) => {
                let json = publish::oembed_json(&meta, slug, site).ok_or_else(|| format!("{slug}: no oEmbed"))?;
                let dir = Path::new(&frame_file).parent().unwrap_or(Path::new(""));
                Some((dir.join("oembed.json"), json))
            }
            None => None,
        };
        Ok(EmbedFiles {
            frame: (
                PathBuf::from(&frame_file),
                embed::frame_page(&route.lang, &title, &canonical, base, &self.embed_assets, &frame_body),
            ),
            fragment: (
                Path::new("embed-assets/fragments").join(route.fragment_file()),
                embed::fragment_json(&route.lang, &heading, &page_path, &fragment_body),
            ),
            oembed,
        })
    }

    /// One page's HTML, and the file it goes to (relative to the bundle).
    pub fn render(&self, route: &Route) -> Result<(PathBuf, String), String> {
        let site = &self.content.site;
        let base = self.template.base.as_str();
        let path = route::path(&route.page, &route.lang, &site.default_language, base);
        let mut content = self.shared.clone();
        let meta = match &route.page {
            Page::Statement { slug } => {
                let statement = self.statements.get(slug).ok_or_else(|| format!("no statement {slug}"))?;
                content.statement = Some(statement.clone());
                statement_meta(&self.content, slug, &route.lang, &self.origin, base)
            }
            page => {
                if let Page::Topic { id } = page {
                    let first = self.topics.get(id).ok_or_else(|| format!("no topic {id}"))?;
                    content.topic_index = Some((id.clone(), first.clone()));
                }
                let (heading, description) = self.heading(route);
                listing_meta(&self.content, page, &route.lang, &heading, description.as_deref(), &self.origin, base)
            }
        };
        let meta = meta.ok_or_else(|| format!("{path}: no page to write"))?;
        let body = strip_text_markers(&render_body(PageRequest {
            path: path.clone(),
            base: base.to_string(),
            content_base: self.content_base.clone(),
            content,
        }));
        let relative = path.strip_prefix(base).unwrap_or(&path).trim_matches('/');
        let file =
            if relative.is_empty() { PathBuf::from("index.html") } else { Path::new(relative).join("index.html") };
        Ok((file, self.template.page(&route.lang, &head_html(&meta), &body)))
    }

    /// Writes every page and embed, then the sitemap, `robots.txt`, the feeds and `_headers`.
    pub fn write_all(&self) -> Result<Report, String> {
        let routes = self.routes();
        let mut report = Report {
            pages: self.in_parallel(&routes, |route| {
                let (file, html) = self.render(route)?;
                self.write(&file, &html)?;
                Ok(1)
            })?,
            ..Report::default()
        };
        report.statement_pages = routes.iter().filter(|r| matches!(r.page, Page::Statement { .. })).count();
        let embeds = self.embed_routes();
        // Each embed's page and fragment; its oEmbed file counts among the other files.
        report.files += self.in_parallel(&embeds, |route| {
            let EmbedFiles { frame, fragment, oembed } = self.render_embed(route)?;
            let oembeds = usize::from(oembed.is_some());
            for (file, text) in [Some(frame), Some(fragment), oembed].into_iter().flatten() {
                self.write(&file, &text)?;
            }
            Ok(oembeds)
        })?;
        report.embeds = embeds.len();
        self.write(
            Path::new("embed-assets/settings.json"),
            &embed::script_settings(&self.content.site, &self.template.base),
        )?;
        self.write(Path::new("_headers"), &publish::headers_file(&self.content.site, &self.template.base))?;
        report.files += 1;
        let base = self.template.base.as_str();
        let site = &self.content.site;
        self.write(Path::new("sitemap.xml"), &publish::sitemap_xml(&self.content, &self.origin, base))?;
        self.write(Path::new("robots.txt"), &publish::robots_txt(&self.origin, base))?;
        report.files += 2;
        for lang in &site.languages {
            let path = publish::feed_path(&lang.code, &site.default_language, base);
            let relative = path.strip_prefix(base).unwrap_or(&path).trim_start_matches('/').to_string();
            self.write(Path::new(&relative), &publish::atom_feed(&self.content, &lang.code, &self.origin, base, 20))?;
            report.files += 1;
        }
        Ok(report)
    }

    /// Runs `work` on every item over the machine's cores; returns the sum of
    /// what it counted.
    fn in_parallel<T: Sync>(
        &self,
        items: &[T],
        work: impl Fn(&T) -> Result<usize, String> + Sync,
    ) -> Result<usize, String> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len().max(1));
        let results: Vec<Result<usize, String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|i| {
                    let work = &work;
                    scope.spawn(move || -> Result<usize, String> {
                        let mut counted = 0;
                        for item in items.iter().skip(i).step_by(threads) {
                            counted += work(item)?;
                        }
                        Ok(counted)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("a render thread panicked".into()))).collect()
        });
        results.into_iter().sum()
    }

    fn write(&self, relative: &Path, text: &str) -> Result<(), String> {
        let file = self.dist.join(relative);
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_markers_go_and_attributes_stay() {
        assert_eq!(strip_text_markers("<p>Published<!> <time>May</time><!></p>"), "<p>Published <time>May</time></p>");
        assert_eq!(
            strip_text_markers(r#"<img alt="a <!> b" title='x > <!>'><!>"#),
            r#"<img alt="a <!> b" title='x > <!>'>"#
        );
        assert_eq!(strip_text_markers("no tags"), "no tags");
        assert_eq!(strip_text_markers("<p>&lt;!&gt;</p>"), "<p>&lt;!&gt;</p>");
    }

    #[test]
    fn the_template_needs_its_markers() {
        let page = "<!DOCTYPE html><html lang=\"en\"><head><base href=\"/x/\"><!--tribuna:head--><title>T</title><!--/tribuna:head--></head><body><!--tribuna:body--></body></html>";
        let t = Template::parse(page).unwrap();
        assert_eq!(t.base, "/x/");
        assert_eq!(
            t.page("es", "<title>H</title>", "<main>B</main>"),
            "<!DOCTYPE html><html lang=\"es\"><head><base href=\"/x/\"><title>H</title></head><body><div id=\"tribuna-prerendered\"><main>B</main></div></body></html>"
        );
        assert!(Template::parse("<html><head></head><body></body></html>").unwrap_err().contains("lang"));
        assert!(Template::parse(&page.replace("<!--tribuna:body-->", "")).unwrap_err().contains("tribuna:body"));
    }
}
