//! Statements written in Markdown: `markdown/{slug}/{lang}.md`, one file per
//! language, each with a TOML front matter between `+++` lines.
//! `tribuna-tools new SLUG` starts one; `tribuna-tools import markdown`
//! (`make content`) turns them into `statements/{slug}.json`.
//!
//! The body is read by `pulldown-cmark` and rendered to HTML, which goes
//! through the same converter as WordPress posts ([`crate::blocks`]); raw HTML
//! and code blocks are refused before that, and anything the converter would
//! drop is refused too, so a Markdown file either becomes exactly what it says
//! or is reported. `docs/markdown.md` lists the Markdown for each block.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{html, Event, Options as MdOptions, Parser, Tag};
use serde::Deserialize;
use tribuna_core::content::{HeroImage, Localized, SiteFile, StatementFile, Translation};
use tribuna_core::date::Date;
use tribuna_core::load::read;

use crate::blocks::{self, ImageFacts, Images, Options};
use crate::check::Problem;
use crate::output::{self, Outcome, Output};

/// The front matter of one language's file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The title in this language.
    pub title: String,
    /// The lead in this language.
    pub lead: String,
    /// Publication date, `YYYY-MM-DD` (the same in every language).
    pub date: Option<String>,
    /// Date of the last substantive update.
    pub updated: Option<String>,
    /// Signing author ids, from `authors.json`.
    pub authors: Option<Vec<String>>,
    /// Topic ids, from `site.json`.
    pub topics: Option<Vec<String>>,
    /// Slugs of related statements.
    pub related: Option<Vec<String>>,
    /// Whether this file is the original (else the site's default language is).
    pub original: Option<bool>,
    /// The statement's photo.
    pub hero: Option<HeroMatter>,
}

/// The `[hero]` table.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HeroMatter {
    /// The file, relative to the content folder (`images/x.jpg`), or an https URL.
    pub src: Option<String>,
    /// Alt text in this language.
    pub alt: Option<String>,
    /// Caption in this language.
    pub caption: Option<String>,
    /// Who made the image.
    pub credit: Option<String>,
    /// Width in pixels; read from the file when left out.
    pub width: Option<u32>,
    /// Height in pixels; read from the file when left out.
    pub height: Option<u32>,
}

/// An error in a Markdown file: where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdError {
    /// The file.
    pub file: String,
    /// The line (1-based), 0 when it is about the whole file.
    pub line: usize,
    /// The front matter field, when the error is about one.
    pub field: String,
    /// What is wrong, and what to do.
    pub message: String,
}

impl fmt::Display for MdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Reads image sizes from files in the content folder.
pub struct LocalImages<'a> {
    /// The content folder that image sources are relative to.
    pub root: &'a Path,
}

impl Images for LocalImages<'_> {
    fn facts(&self, src: &str, _: Option<u64>) -> ImageFacts {
        ImageFacts { size: local_size(self.root, src), ..ImageFacts::default() }
    }
}

/// The size of the image file `src` (relative to `root`), if it can be read.
pub fn local_size(root: &Path, src: &str) -> Option<(u32, u32)> {
    if src.contains(':') || src.starts_with('/') || src.split('/').any(|p| p == "..") {
        return None;
    }
    let size = imagesize::size(root.join(src)).ok()?;
    let fit = |n: usize| u32::try_from(n).ok().filter(|n| (1..=10_000).contains(n));
    fit(size.width).zip(fit(size.height))
}

/// Splits a file into its TOML front matter, the body, and the body's first line number.
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body = &rest[offset + line.len()..];
            let line_no = 2 + rest[..offset].matches('\n').count() + 1;
            return Some((&rest[..offset], body, line_no));
        }
        offset += line.len();
    }
    None
}

/// One language file, read.
pub struct Page {
    /// The language (the file's name).
    pub lang: String,
    /// The front matter.
    pub front: FrontMatter,
    /// The translation (title, lead and body blocks).
    pub translation: Translation,
}

/// Converts a Markdown body to blocks, refusing what has no block.
pub fn body(file: &str, markdown: &str, first_line: usize, root: &Path) -> Result<Translation, Vec<MdError>> {
    let mut errors = Vec::new();
    let line_of = |offset: usize| first_line + markdown[..offset.min(markdown.len())].matches('\n').count();
    let mut events = Vec::new();
    for (event, range) in Parser::new_ext(markdown, MdOptions::ENABLE_GFM).into_offset_iter() {
        let refused = match &event {
            Event::Html(_) | Event::InlineHtml(_) => Some("raw HTML is refused: write it in Markdown"),
            Event::Start(Tag::CodeBlock(_)) => Some("code blocks are refused: statements have no code block"),
            _ => None,
        };
        match refused {
            Some(message) => errors.push(MdError {
                file: file.to_string(),
                line: line_of(range.start),
                field: String::new(),
                message: message.into(),
            }),
            None => events.push(event),
        }
    }
    let mut rendered = String::new();
    html::push_html(&mut rendered, events.into_iter());
    let options = Options { slogan_classes: vec!["markdown-alert-important".into()], title_is_caption: true };
    let converted = blocks::from_html(&rendered, &options, &LocalImages { root });
    errors.extend(converted.warnings.into_iter().map(|w| MdError {
        file: file.to_string(),
        line: 0,
        field: String::new(),
        message: format!("{w}: this is refused in Markdown"),
    }));
    if converted.blocks.is_empty() {
        errors.push(MdError {
            file: file.to_string(),
            line: first_line,
            field: String::new(),
            message: "the body is empty: write the statement under the front matter".into(),
        });
    }
    if errors.is_empty() {
        Ok(Translation { title: String::new(), lead: String::new(), body: converted.blocks })
    } else {
        Err(errors)
    }
}

/// Reads one language file.
pub fn read_page(path: &Path, root: &Path) -> Result<Page, Vec<MdError>> {
    let file = path.display().to_string();
    let err =
        |line, field: &str, message: String| vec![MdError { file: file.clone(), line, field: field.into(), message }];
    let text = fs::read_to_string(path).map_err(|e| err(0, "", format!("cannot be read ({e})")))?;
    let lang = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if !tribuna_core::validate::is_language_code(&lang) {
        return Err(err(
            0,
            "",
            format!("\"{lang}\" is not a language code: name the file after its language, e.g. es.md"),
        ));
    }
    let Some((front, markdown, first_line)) = split_front_matter(&text) else {
        return Err(err(
            1,
            "",
            "no front matter: start the file with a line \"+++\", the fields, and another \"+++\"".into(),
        ));
    };
    let front: FrontMatter = toml::from_str(front).map_err(|e| {
        let line = e.span().map_or(0, |s| 2 + front[..s.start.min(front.len())].matches('\n').count());
        err(line, "", format!("front matter: {}", e.message()))
    })?;
    let mut translation = body(&file, markdown, first_line, root)?;
    translation.title = front.title.trim().to_string();
    translation.lead = front.lead.trim().to_string();
    Ok(Page { lang, front, translation })
}

/// The fields every language's front matter shares; they must agree where given.
fn shared<T: Clone + PartialEq + fmt::Debug>(
    pages: &[(String, Page)],
    field: &str,
    get: impl Fn(&FrontMatter) -> Option<T>,
    errors: &mut Vec<MdError>,
) -> Option<T> {
    let mut found: Option<(&str, T)> = None;
    for (file, page) in pages {
        let Some(value) = get(&page.front) else { continue };
        match &found {
            Some((first, v)) if *v != value => errors.push(MdError {
                file: file.clone(),
                line: 0,
                field: field.to_string(),
                message: format!("{value:?} differs from {v:?} in {first}: give every language the same, or leave it out of all but one"),
            }),
            Some(_) => {}
            None => found = Some((file, value)),
        }
    }
    found.map(|(_, v)| v)
}

/// Builds the statement `slug` from its folder of language files.
pub fn statement(slug: &str, dir: &Path, root: &Path, default_language: &str) -> Result<StatementFile, Vec<MdError>> {
    let mut errors = Vec::new();
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| {
            vec![MdError { file: dir.display().to_string(), line: 0, field: String::new(), message: e.to_string() }]
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut pages = Vec::new();
    for path in &files {
        match read_page(path, root) {
            Ok(page) => pages.push((path.display().to_string(), page)),
            Err(e) => errors.extend(e),
        }
    }
    let folder = dir.display().to_string();
    let whole = |message: String| MdError { file: folder.clone(), line: 0, field: String::new(), message };
    if pages.is_empty() && errors.is_empty() {
        errors.push(whole("no language file: add one such as en.md (tribuna-tools new SLUG starts them)".into()));
    }
    let date = shared(&pages, "date", |f| f.date.clone(), &mut errors);
    let updated = shared(&pages, "updated", |f| f.updated.clone(), &mut errors);
    let authors = shared(&pages, "authors", |f| f.authors.clone(), &mut errors).unwrap_or_default();
    let topics = shared(&pages, "topics", |f| f.topics.clone(), &mut errors).unwrap_or_default();
    let related = shared(&pages, "related", |f| f.related.clone(), &mut errors).unwrap_or_default();
    let hero_src = shared(&pages, "hero.src", |f| f.hero.as_ref()?.src.clone(), &mut errors);
    let credit = shared(&pages, "hero.credit", |f| f.hero.as_ref()?.credit.clone(), &mut errors);
    let width = shared(&pages, "hero.width", |f| f.hero.as_ref()?.width, &mut errors);
    let height = shared(&pages, "hero.height", |f| f.hero.as_ref()?.height, &mut errors);
    let originals: Vec<&str> =
        pages.iter().filter(|(_, p)| p.front.original == Some(true)).map(|(_, p)| p.lang.as_str()).collect();
    let original = match originals.as_slice() {
        [one] => one.to_string(),
        [] if pages.iter().any(|(_, p)| p.lang == default_language) => default_language.to_string(),
        [] => pages.first().map(|(_, p)| p.lang.clone()).unwrap_or_default(),
        _ => {
            errors.push(whole("more than one file says `original = true`: keep it in one".into()));
            String::new()
        }
    };
    let Some(published) = date else {
        errors.push(whole("no `date` in any front matter: add date = \"YYYY-MM-DD\"".into()));
        return Err(errors);
    };
    let hero = hero_src.map(|src| {
        let size = width.zip(height).or_else(|| local_size(root, &src));
        let (width, height) = size.unwrap_or_else(|| {
            errors.push(MdError {
                file: folder.clone(),
                line: 0,
                field: "hero.src".into(),
                message: format!(
                    "cannot read the size of \"{src}\": put the file in the content folder, or give width and height"
                ),
            });
            (0, 0)
        });
        let per_lang = |get: &dyn Fn(&HeroMatter) -> Option<String>| -> Localized {
            pages.iter().filter_map(|(_, p)| Some((p.lang.clone(), get(p.front.hero.as_ref()?)?))).collect()
        };
        HeroImage {
            src,
            width,
            height,
            alt: per_lang(&|h| h.alt.clone()),
            caption: per_lang(&|h| h.caption.clone()),
            credit: credit.clone().unwrap_or_default(),
        }
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(StatementFile {
        format: 1,
        slug: slug.to_string(),
        published,
        updated,
        authors,
        topics,
        related,
        original_language: original,
        hero,
        translations: pages.into_iter().map(|(_, p)| (p.lang, p.translation)).collect(),
    })
}

/// What a Markdown import did.
#[derive(Debug, Clone, Default)]
pub struct MdReport {
    /// Statement files and what happened to each.
    pub outcomes: Vec<(String, Outcome)>,
    /// What was refused in the Markdown files.
    pub errors: Vec<MdError>,
    /// What `make check` finds in the content folder afterwards.
    pub problems: Vec<Problem>,
    /// How many index files were written.
    pub index_files: usize,
}

impl MdReport {
    /// Whether everything was converted and the folder checks clean.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty() && self.problems.is_empty()
    }
}

impl fmt::Display for MdReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (file, outcome) in &self.outcomes {
            let what = match outcome {
                Outcome::Written => "wrote",
                Outcome::Unchanged => "unchanged",
                Outcome::KeptEdited => "kept (edited by hand since; --force overwrites)",
                Outcome::KeptForeign => "kept (not written from Markdown; --force overwrites)",
            };
            writeln!(f, "{what}: {file}")?;
        }
        for e in &self.errors {
            writeln!(f, "{e}")?;
        }
        output::closing(f, self.index_files, &self.problems)
    }
}

fn default_language(out: &Path) -> (String, Vec<String>) {
    let site = fs::read_to_string(out.join("site.json")).ok().and_then(|t| read::<SiteFile>("site.json", &t).ok());
    match site {
        Some(s) => (s.default_language.clone(), s.languages.iter().map(|l| l.code.clone()).collect()),
        None => ("en".into(), vec!["en".into(), "es".into()]),
    }
}

/// Converts every statement folder in `dir` and writes them to the content folder `out`.
pub fn import_dir(dir: &Path, out: &Path, force: bool) -> Result<MdReport, String> {
    let mut report = MdReport::default();
    let (default, _) = default_language(out);
    let mut slugs: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot be read ({e})", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    slugs.sort();
    let mut output = Output::open(out, "markdown", force).map_err(|e| e.to_string())?;
    for folder in slugs {
        let slug = folder.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !tribuna_core::validate::is_id(&slug) {
            report.errors.push(MdError {
                file: folder.display().to_string(),
                line: 0,
                field: String::new(),
                message: "the folder's name is the slug: use only a-z, 0-9 and -".into(),
            });
            continue;
        }
        match statement(&slug, &folder, out, &default) {
            Ok(s) => {
                output.write(&format!("statements/{slug}.json"), &output::json(&s)).map_err(|e| e.to_string())?;
            }
            Err(e) => report.errors.extend(e),
        }
    }
    report.outcomes = output.outcomes.clone();
    output.finish().map_err(|e| e.to_string())?;
    (report.index_files, report.problems) = output::index_and_check(out)?;
    Ok(report)
}

/// Today's date, `YYYY-MM-DD` (UTC).
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch((secs / 86_400) as i64).to_string()
}

/// Starts the statement `slug`: one Markdown file per site language in
/// `dir/slug/`, with every front matter field. Returns the files written.
pub fn new_statement(slug: &str, dir: &Path, out: &Path) -> Result<Vec<PathBuf>, String> {
    if !tribuna_core::validate::is_id(slug) {
        return Err(format!("\"{slug}\" is not a slug: use only a-z, 0-9 and -, e.g. rent-now-2025"));
    }
    let folder = dir.join(slug);
    if folder.exists() {
        return Err(format!("{} already exists: pick another slug, or edit those files", folder.display()));
    }
    fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let (default, languages) = default_language(out);
    let date = today();
    let mut written = Vec::new();
    for lang in &languages {
        let original = if *lang == default { "\n# This language is the original.\noriginal = true" } else { "" };
        let text = format!(
            r#"+++
# The {lang} text of "{slug}". docs/markdown.md explains every field and block.
title = "Title in {lang}"
lead = "One or two sentences that sum the statement up."
date = "{date}"
# updated = "{date}"
authors = []      # ids from authors.json, in signing order
topics = []       # ids from site.json
related = []      # slugs of other statements{original}

# [hero]
# src = "images/{slug}.jpg"   # a file in the content folder; its size is read from it
# alt = "What the photo shows"
# caption = "Caption in {lang}"
# credit = "Photo: Name"
+++

Write the statement here. A blank line starts a new paragraph; **strong**,
*emphasis* and [links](https://example.org) work inside one.
"#
        );
        let path = folder.join(format!("{lang}.md"));
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_line_numbers() {
        let (front, body, line) = split_front_matter("+++\ntitle = \"T\"\nlead = \"L\"\n+++\n\nHello\n").unwrap();
        assert_eq!(front, "title = \"T\"\nlead = \"L\"\n");
        assert_eq!(body, "\nHello\n");
        assert_eq!(line, 5);
        assert!(split_front_matter("title = 1").is_none());
    }

    #[test]
    fn raw_html_and_code_blocks_are_refused_with_lines() {
        let md = "Fine.\n\n<script>x()</script>\n\n```\ncode\n```\n";
        let errors = body("a.md", md, 5, Path::new(".")).unwrap_err();
        let lines: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(lines[0].0, 7);
        assert!(lines[0].1.starts_with("raw HTML"));
        assert_eq!(lines[1].0, 9);
    }
}
