//! `tribuna-tools import wordpress EXPORT.xml --out DIR`: a WordPress export
//! (WXR) becomes Tribuna content. `docs/importing.md` is the user's guide;
//! in short:
//!
//! - published posts become statements; the language versions that Polylang
//!   links (`post_translations`) become one statement, the earliest version
//!   being the original;
//! - bodies go through [`crate::blocks`]; featured images become heroes;
//! - post authors or Co-Authors Plus co-authors become `authors.json` entries
//!   (or organisations, by `--organisation`), categories (or tags) become topics
//!   paired across languages by Polylang's `term_translations`;
//! - everything is written through [`crate::output::Output`], so a second run
//!   changes no byte and hand edits are kept unless `--force`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use tribuna_core::content::{
    Author, AuthorKind, AuthorsFile, Block, HeroImage, Language, Localized, SiteFile, StatementFile, Topic, Translation,
};
use tribuna_core::date::Date;
use tribuna_core::load::read;

use crate::blocks::{self, ImageFacts, Images, Options};
use crate::check::Problem;
use crate::output::{self, Outcome, Output};
use crate::php;
use crate::wxr::{self, Export, Item};

/// Where categories and tags go, and who signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopicsFrom {
    /// Categories become topics (the default).
    Categories,
    /// Tags become topics.
    Tags,
}

/// The import's settings (the command line's flags).
#[derive(Debug, Clone)]
pub struct Settings {
    /// The content folder to write.
    pub out: PathBuf,
    /// The language of posts without Polylang data, and of a new `site.json`.
    pub language: String,
    /// A local copy of `wp-content/uploads`: image sizes are read there, and
    /// the files copied to `images/`.
    pub uploads: Option<PathBuf>,
    /// WordPress logins that sign as an organisation: login → organisation id.
    pub author_orgs: BTreeMap<String, String>,
    /// Categories whose posts an organisation signs: category slug → organisation id.
    pub category_orgs: BTreeMap<String, String>,
    /// Categories or tags as topics.
    pub topics_from: TopicsFrom,
    /// A TOML file that renames, merges, names or drops topics.
    pub topic_map: Option<PathBuf>,
    /// Classes that mark a closing slogan.
    pub slogan_classes: Vec<String>,
    /// Overwrite files and entries edited by hand since the last import.
    pub force: bool,
}

impl Settings {
    /// The defaults for writing to `out`.
    pub fn new(out: PathBuf) -> Settings {
        Settings {
            out,
            language: "en".into(),
            uploads: None,
            author_orgs: BTreeMap::new(),
            category_orgs: BTreeMap::new(),
            topics_from: TopicsFrom::Categories,
            topic_map: None,
            slogan_classes: vec!["slogan".into()],
            force: false,
        }
    }
}

/// A warning about one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The WordPress post id (0 for the export as a whole).
    pub post: u64,
    /// The post's title.
    pub title: String,
    /// What was dropped or changed, and what to do.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.post == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "post {} \"{}\": {}", self.post, self.title, self.message)
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Statements produced, by slug, with the post ids that make each.
    pub statements: Vec<(String, Vec<u64>)>,
    /// Items skipped, by reason (`draft`, `revision`, `page`…): post id and title.
    pub skipped: BTreeMap<String, Vec<(u64, String)>>,
    /// Files and entries, and what happened to each.
    pub outcomes: Vec<(String, Outcome)>,
    /// Every warning.
    pub warnings: Vec<Warning>,
    /// What `make check` finds in the folder afterwards.
    pub problems: Vec<Problem>,
    /// How many index files were written.
    pub index_files: usize,
}

impl Report {
    /// Files and entries with the outcome `which`.
    pub fn with(&self, which: Outcome) -> Vec<&str> {
        self.outcomes.iter().filter(|(_, o)| *o == which).map(|(f, _)| f.as_str()).collect()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let posts: usize = self.statements.iter().map(|(_, ids)| ids.len()).sum();
        writeln!(f, "Imported {posts} published posts as {} statements.", self.statements.len())?;
        for (what, items) in &self.skipped {
            writeln!(f, "Skipped {} {what}:", items.len())?;
            for (id, title) in items {
                writeln!(f, "  post {id} \"{title}\"")?;
            }
        }
        let written = self.with(Outcome::Written);
        writeln!(f, "Wrote {} files and entries ({} unchanged):", written.len(), self.with(Outcome::Unchanged).len())?;
        for w in written {
            writeln!(f, "  {w}")?;
        }
        for (which, why) in [
            (Outcome::KeptEdited, "edited by hand since the last import; --force overwrites"),
            (Outcome::KeptForeign, "not written by an import; --force overwrites"),
        ] {
            for k in self.with(which) {
                writeln!(f, "Kept {k}: {why}")?;
            }
        }
        writeln!(f, "{} warnings:", self.warnings.len())?;
        for w in &self.warnings {
            writeln!(f, "  {w}")?;
        }
        output::closing(f, self.index_files, &self.problems)
    }
}

/// Makes an identifier (`a-z`, `0-9`, `-`, at most 80 long) from a WordPress
/// slug or title: percent-decoded, accents folded, anything else a hyphen.
pub fn make_id(text: &str) -> String {
    let decoded = percent_decode(text);
    let mut out = String::new();
    for ch in decoded.chars().flat_map(char::to_lowercase) {
        let folded = match ch {
            'a'..='z' | '0'..='9' => Some(ch.to_string()),
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ª' => Some("a".into()),
            'é' | 'è' | 'ê' | 'ë' => Some("e".into()),
            'í' | 'ì' | 'î' | 'ï' => Some("i".into()),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'º' => Some("o".into()),
            'ú' | 'ù' | 'û' | 'ü' => Some("u".into()),
            'ñ' => Some("n".into()),
            'ç' => Some("c".into()),
            'ß' => Some("ss".into()),
            'æ' => Some("ae".into()),
            'œ' => Some("oe".into()),
            _ => None,
        };
        match folded {
            Some(s) => out.push_str(&s),
            None if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    out.truncate(80);
    out.trim_end_matches('-').to_string()
}

/// `%C3%B1` → `ñ`; malformed escapes stay as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `YYYY-MM-DD` from WordPress's `YYYY-MM-DD hh:mm:ss`, if it is a real date.
fn day(stamp: &str) -> Option<String> {
    let d = stamp.get(..10)?;
    Date::parse(d).ok().map(|_| d.to_string())
}

/// The plain text of a bit of HTML (a title or an excerpt).
fn text_of(html: &str) -> String {
    let c = blocks::from_html(html, &Options::default(), &blocks::NoImages);
    let texts: Vec<String> = c.blocks.iter().map(block_text).filter(|t| !t.is_empty()).collect();
    texts.join(" ")
}

fn block_text(b: &Block) -> String {
    let runs = |r: &[tribuna_core::content::Inline]| r.iter().map(|i| i.text()).collect::<String>();
    match b {
        Block::Paragraph { text } | Block::Quote { text, .. } => runs(text),
        Block::Heading { text } | Block::Callout { text } => text.clone(),
        Block::List { items, .. } => items.iter().map(|i| runs(i)).collect::<Vec<_>>().join(" "),
        Block::Image { .. } => String::new(),
    }
}

/// Images of the export: attachments' metadata, and files in the uploads folder.
struct WpImages<'a> {
    attachments: &'a HashMap<u64, &'a Item>,
    by_url: HashMap<&'a str, &'a Item>,
    uploads: Option<&'a Path>,
    /// Local files to copy into `images/`: from, to.
    copies: RefCell<BTreeMap<String, PathBuf>>,
}

impl<'a> WpImages<'a> {
    fn attachment(&self, src: &str, id: Option<u64>) -> Option<&'a Item> {
        id.and_then(|id| self.attachments.get(&id).copied()).or_else(|| self.by_url.get(src).copied())
    }

    fn local(&self, src: &str, att: Option<&Item>) -> Option<PathBuf> {
        let uploads = self.uploads?;
        let clean = src.split(['?', '#']).next().unwrap_or_default();
        let rel = clean
            .split_once("/uploads/")
            .map(|(_, r)| r)
            .or_else(|| att.and_then(|a| a.meta("_wp_attached_file")))
            .or(Some(clean).filter(|c| !c.contains(':')))?;
        let rel = percent_decode(rel);
        if rel.split('/').any(|part| part == ".." || part.is_empty()) {
            return None;
        }
        Some(uploads.join(rel)).filter(|p| p.is_file())
    }
}

impl Images for WpImages<'_> {
    fn facts(&self, src: &str, attachment: Option<u64>) -> ImageFacts {
        let att = self.attachment(src, attachment);
        let meta = att.and_then(|a| a.meta("_wp_attachment_metadata")).and_then(|m| php::parse(m).ok());
        let dim = |k: &str| meta.as_ref().and_then(|m| m.get(k)).and_then(php::Value::as_int);
        let fits = |n: i64| u32::try_from(n).ok().filter(|n| (1..=10_000).contains(n));
        let mut facts = ImageFacts {
            src: None,
            size: dim("width").and_then(fits).zip(dim("height").and_then(fits)),
            alt: att.and_then(|a| a.meta("_wp_attachment_image_alt")).map(text_of).filter(|a| !a.is_empty()),
            credit: meta
                .as_ref()
                .and_then(|m| m.get("image_meta"))
                .and_then(|m| m.get("credit"))
                .and_then(php::Value::as_text)
                .map(|c| text_of(&c))
                .filter(|c| !c.is_empty()),
        };
        if let Some(local) = self.local(src, att) {
            if let Ok(size) = imagesize::size(&local) {
                let w = u32::try_from(size.width).ok().filter(|n| (1..=10_000).contains(n));
                let h = u32::try_from(size.height).ok().filter(|n| (1..=10_000).contains(n));
                if let (Some(w), Some(h)) = (w, h) {
                    let rel = local.strip_prefix(self.uploads.unwrap_or(Path::new(""))).unwrap_or(&local);
                    let name = make_file_name(&rel.to_string_lossy());
                    facts.size = Some((w, h));
                    facts.src = Some(format!("images/{name}"));
                    self.copies.borrow_mut().insert(name, local);
                }
            }
        }
        facts
    }
}

/// `2024/05/March Photo.JPG` → `2024-05-march-photo.jpg`.
fn make_file_name(rel: &str) -> String {
    let (stem, ext) = rel.rsplit_once('.').unwrap_or((rel, ""));
    let ext = make_id(ext);
    if ext.is_empty() {
        make_id(stem)
    } else {
        format!("{}.{ext}", make_id(stem))
    }
}

/// The skip reason of an item that is not a published post, if any.
fn skip_reason(item: &Item) -> Option<String> {
    match (item.post_type.as_str(), item.status.as_str()) {
        ("post", "publish") => None,
        ("attachment", _) => None,
        ("revision", _) => Some("revisions".into()),
        ("post", "draft" | "pending" | "auto-draft" | "future") => Some("drafts".into()),
        ("post", "private") => Some("private posts".into()),
        ("post", other) => Some(format!("posts with status \"{other}\"")),
        (other, _) => Some(format!("items of type \"{other}\"")),
    }
}

/// The export's lookups.
struct Site<'a> {
    export: &'a Export,
    settings: &'a Settings,
    attachments: HashMap<u64, &'a Item>,
    /// A translation group's term slug → its language map.
    groups: HashMap<&'a str, Vec<(String, i64)>>,
    /// A term id → its translation group's members (language, term id).
    term_groups: HashMap<u64, Vec<(String, i64)>>,
    /// Polylang's languages, in the export's order: code → name.
    languages: Vec<(String, String)>,
}

impl<'a> Site<'a> {
    fn new(export: &'a Export, settings: &'a Settings, warnings: &mut Vec<Warning>) -> Site<'a> {
        let attachments = export.items.iter().filter(|i| i.post_type == "attachment").map(|i| (i.id, i)).collect();
        let mut groups = HashMap::new();
        let mut term_groups = HashMap::new();
        let mut languages = Vec::new();
        for t in &export.terms {
            let mut map = || match php::language_map(&t.description) {
                Ok(m) => Some(m),
                Err(e) => {
                    warnings.push(Warning {
                        post: 0,
                        title: String::new(),
                        message: format!("term \"{}\" ({}): {e}; its translations are not paired", t.slug, t.taxonomy),
                    });
                    None
                }
            };
            match t.taxonomy.as_str() {
                "post_translations" => {
                    if let Some(m) = map() {
                        groups.insert(t.slug.as_str(), m);
                    }
                }
                "term_translations" => {
                    if let Some(m) = map() {
                        for (_, id) in &m {
                            term_groups.insert(*id as u64, m.clone());
                        }
                    }
                }
                "language" => languages.push((t.slug.clone(), t.name.clone())),
                _ => {}
            }
        }
        Site { export, settings, attachments, groups, term_groups, languages }
    }

    fn language_of(&self, post: &Item) -> String {
        if let Some(t) = post.terms_in("language").next() {
            return t.nicename.clone();
        }
        for t in post.terms_in("post_translations") {
            if let Some((lang, _)) =
                self.groups.get(t.nicename.as_str()).and_then(|m| m.iter().find(|(_, id)| *id == post.id as i64))
            {
                return lang.clone();
            }
        }
        self.settings.language.clone()
    }

    fn group_of(&self, post: &Item) -> String {
        post.terms_in("post_translations").next().map_or_else(|| format!("#{}", post.id), |t| t.nicename.clone())
    }

    fn term(&self, taxonomy: &str, slug: &str) -> Option<&'a wxr::Term> {
        self.export.terms.iter().find(|t| t.taxonomy == taxonomy && t.slug == slug)
    }

    fn user(&self, login: &str) -> Option<&'a wxr::User> {
        self.export.authors.iter().find(|u| u.login == login)
    }

    fn guest_author(&self, login: &str) -> Option<&'a Item> {
        self.export.items.iter().find(|i| {
            i.post_type == "guest-author"
                && (i.meta("cap-user_login") == Some(login) || i.name.strip_prefix("cap-") == Some(login))
        })
    }
}

/// One statement being built: its language versions, earliest first.
struct Group<'a> {
    versions: Vec<(String, &'a Item)>,
}

/// A topic being gathered: its names per language, and the first post filed under it.
#[derive(Default)]
struct TopicDraft {
    name: Localized,
    first_post: (u64, String),
}

/// The topic map file: `[rename] old = "new"` (`""` drops), `[names.ID] en = "…"`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicMap {
    /// Old topic id → new id; an empty id drops the topic.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Names to give topics, per language.
    #[serde(default)]
    pub names: BTreeMap<String, Localized>,
}

/// Reads the topic map file.
pub fn read_topic_map(path: &Path) -> Result<TopicMap, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot be read ({e})", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Imports the export at `path` into `settings.out`.
pub fn import_file(path: &Path, settings: &Settings) -> Result<Report, String> {
    let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot be read ({e})", path.display()))?;
    let export = wxr::parse(&xml).map_err(|e| format!("{}: not a readable WordPress export: {e}", path.display()))?;
    import(&export, settings).map_err(|e| format!("{}: {e}", settings.out.display()))
}

/// Imports a parsed export into `settings.out`.
pub fn import(export: &Export, settings: &Settings) -> Result<Report, String> {
    let topic_map = settings.topic_map.as_deref().map(read_topic_map).transpose()?.unwrap_or_default();
    let mut report = Report::default();
    let mut warnings = Vec::new();
    let site = Site::new(export, settings, &mut warnings);
    let mut out = Output::open(&settings.out, "wordpress", settings.force).map_err(|e| e.to_string())?;

    // Which posts, grouped by translation.
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for item in &export.items {
        if let Some(reason) = skip_reason(item) {
            report.skipped.entry(reason).or_default().push((item.id, item.title.clone()));
            continue;
        }
        if item.post_type != "post" {
            continue;
        }
        let lang = site.language_of(item);
        let group = groups.entry(site.group_of(item)).or_insert(Group { versions: Vec::new() });
        if let Some((_, first)) = group.versions.iter().find(|(l, _)| *l == lang) {
            warnings.push(Warning {
                post: item.id,
                title: item.title.clone(),
                message: format!("a second \"{lang}\" version of post {}; skipped", first.id),
            });
            report.skipped.entry("duplicate language versions".into()).or_default().push((item.id, item.title.clone()));
            continue;
        }
        group.versions.push((lang, item));
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    for g in &mut groups {
        g.versions.sort_by(|(_, a), (_, b)| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    }
    groups.sort_by_key(|g| g.versions[0].1.id);

    let images = WpImages {
        attachments: &site.attachments,
        by_url: site.attachments.values().map(|a| (a.attachment_url.as_str(), *a)).collect(),
        uploads: settings.uploads.as_deref(),
        copies: RefCell::new(BTreeMap::new()),
    };
    let options = Options { slogan_classes: settings.slogan_classes.clone(), title_is_caption: false };

    // Slugs: the original's, made an id; clashes get -2, -3… in post id order.
    let existing: BTreeSet<String> = crate::check::statement_files(&settings.out)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| !out.wrote_before(f))
        .filter_map(|f| f.strip_prefix("statements/")?.strip_suffix(".json").map(str::to_string))
        .collect();
    let mut taken = existing;
    let mut authors: BTreeMap<String, Author> = BTreeMap::new();
    let mut topics: BTreeMap<String, TopicDraft> = BTreeMap::new();
    let mut topic_order: Vec<String> = Vec::new();
    let mut statements = Vec::new();
    for group in &groups {
        let (original_lang, original) = &group.versions[0];
        let warn = |warnings: &mut Vec<Warning>, item: &Item, message: String| {
            warnings.push(Warning { post: item.id, title: item.title.clone(), message })
        };
        let base = Some(make_id(&original.name))
            .filter(|s| !s.is_empty())
            .or_else(|| Some(make_id(&original.title)).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| format!("post-{}", original.id));
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) {
            let suffix = format!("-{n}");
            slug = format!("{}{suffix}", &base[..base.len().min(80 - suffix.len())]);
            n += 1;
        }
        if slug != base {
            warn(&mut warnings, original, format!("the slug \"{base}\" is taken; this statement is \"{slug}\""));
        }
        taken.insert(slug.clone());

        let Some(published) = day(&original.date) else {
            warn(&mut warnings, original, format!("no publication date (\"{}\"); skipped", original.date));
            continue;
        };
        // A translation published later is not an update: only edits after a
        // version's own publication count.
        let updated = group
            .versions
            .iter()
            .filter_map(|(_, v)| day(&v.modified).filter(|m| Some(m) > day(&v.date).as_ref()))
            .max()
            .filter(|u| *u > published);

        let mut translations = BTreeMap::new();
        for (lang, v) in &group.versions {
            let mut converted = blocks::from_html(&v.content, &options, &images);
            for w in converted.warnings.drain(..) {
                warn(&mut warnings, v, w);
            }
            let mut body = converted.blocks;
            let title = Some(text_of(&v.title)).filter(|t| !t.is_empty()).unwrap_or_else(|| {
                warn(&mut warnings, v, "no title; used the slug".into());
                slug.clone()
            });
            let mut lead = text_of(&v.excerpt);
            if lead.is_empty() {
                let first = body.iter().position(|b| matches!(b, Block::Paragraph { .. }));
                lead = first.map(|i| block_text(&body[i])).unwrap_or_default();
                if let Some(i) = first.filter(|_| body.len() > 1) {
                    body.remove(i);
                }
            }
            if lead.is_empty() {
                warn(&mut warnings, v, "no excerpt and no paragraph to take the lead from; used the title".into());
                lead = title.clone();
            }
            if body.is_empty() {
                warn(&mut warnings, v, "the body has no text; the lead stands in for it".into());
                body.push(Block::Paragraph { text: vec![tribuna_core::content::Inline::Text(lead.clone())] });
            }
            translations.insert(lang.clone(), Translation { title, lead, body });
        }

        let hero = hero(&site, &images, group, &mut warnings);
        let signers = signers(&site, group, &mut authors, &mut warnings);
        let mut statement_topics: Vec<String> = Vec::new();
        for (lang, v) in &group.versions {
            for id in post_topics(&site, lang, v, &topic_map, &mut topics, &mut topic_order) {
                if !statement_topics.contains(&id) {
                    statement_topics.push(id);
                }
            }
        }
        report.statements.push((slug.clone(), group.versions.iter().map(|(_, v)| v.id).collect()));
        statements.push(StatementFile {
            format: 1,
            slug,
            published,
            updated,
            authors: signers,
            topics: statement_topics,
            related: Vec::new(),
            original_language: original_lang.clone(),
            hero,
            translations,
        });
    }

    for (name, from) in images.copies.borrow().iter() {
        out.copy(from, &format!("images/{name}")).map_err(|e| e.to_string())?;
    }
    for s in &statements {
        out.write(&format!("statements/{}.json", s.slug), &output::json(s)).map_err(|e| e.to_string())?;
    }
    let languages = languages(&site, &statements);
    write_site(&mut out, export, settings, &languages, topics, &topic_order, &topic_map, &mut warnings)?;
    write_authors(&mut out, authors)?;
    report.outcomes = out.outcomes.clone();
    out.finish().map_err(|e| e.to_string())?;

    (report.index_files, report.problems) = output::index_and_check(&settings.out)?;
    report.warnings = warnings;
    Ok(report)
}

/// The languages of the statements, Polylang's order first.
fn languages(site: &Site, statements: &[StatementFile]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = site.languages.clone();
    for s in statements {
        for lang in s.translations.keys() {
            if !out.iter().any(|(c, _)| c == lang) {
                out.push((lang.clone(), lang.clone()));
            }
        }
    }
    out
}

fn hero(site: &Site, images: &WpImages, group: &Group, warnings: &mut Vec<Warning>) -> Option<HeroImage> {
    let (original_lang, original) = &group.versions[0];
    let id: u64 = original.meta("_thumbnail_id")?.trim().parse().ok()?;
    let warn = |warnings: &mut Vec<Warning>, message: String| {
        warnings.push(Warning { post: original.id, title: original.title.clone(), message })
    };
    let Some(att) = site.attachments.get(&id) else {
        warn(warnings, format!("the featured image (attachment {id}) is not in the export; no hero"));
        return None;
    };
    let facts = images.facts(&att.attachment_url, Some(id));
    let Some((width, height)) = facts.size else {
        warn(
            warnings,
            format!(
                "the featured image \"{}\" has no size in the export; give --uploads with a copy of wp-content/uploads, or add the hero by hand",
                att.attachment_url
            ),
        );
        return None;
    };
    let mut alt = Localized::new();
    let mut caption = Localized::new();
    for (lang, v) in &group.versions {
        // Polylang may translate the attachment too: each version's own, else the original's.
        let own = v.meta("_thumbnail_id").and_then(|t| t.trim().parse().ok()).and_then(|t| site.attachments.get(&t));
        let att = own.unwrap_or(att);
        let facts = images.facts(&att.attachment_url, Some(att.id));
        let cap = text_of(&att.excerpt);
        if let Some(a) = facts.alt.or_else(|| Some(cap.clone()).filter(|c| !c.is_empty())) {
            alt.insert(lang.clone(), a);
        }
        if !cap.is_empty() {
            caption.insert(lang.clone(), cap);
        }
    }
    if !alt.contains_key(original_lang) {
        let title = text_of(&att.title);
        warn(
            warnings,
            format!(
                "the featured image has no alt text or caption; its alt text is its title \"{title}\": write a better one"
            ),
        );
        alt.insert(original_lang.clone(), if title.is_empty() { original.title.clone() } else { title });
    }
    let src = facts.src.unwrap_or_else(|| att.attachment_url.clone());
    Some(HeroImage { src, width, height, alt, caption, credit: facts.credit.unwrap_or_default() })
}

/// The statement's signers: co-authors (or the post author), mapped to
/// organisations where the flags say so, then the organisations of its categories.
fn signers(
    site: &Site,
    group: &Group,
    authors: &mut BTreeMap<String, Author>,
    warnings: &mut Vec<Warning>,
) -> Vec<String> {
    let (_, original) = &group.versions[0];
    let settings = site.settings;
    let mut logins: Vec<String> = original
        .terms_in("author")
        .map(|t| t.nicename.strip_prefix("cap-").unwrap_or(&t.nicename).to_string())
        .collect();
    if logins.is_empty() && !original.creator.is_empty() {
        logins.push(original.creator.clone());
    }
    let mut ids = Vec::new();
    let add = |id: String, ids: &mut Vec<String>| {
        if !ids.contains(&id) {
            ids.push(id);
        }
    };
    for login in &logins {
        if let Some(org) = settings.author_orgs.get(login) {
            let name = site.user(login).map(|u| u.display_name.clone()).unwrap_or_else(|| org.clone());
            organisation(authors, org, &name, original, &settings.language, warnings);
            add(org.clone(), &mut ids);
            continue;
        }
        let user = site.user(login);
        let guest = site.guest_author(login);
        let name = guest
            .and_then(|g| g.meta("cap-display_name").map(str::to_string))
            .or_else(|| guest.map(|g| g.title.clone()))
            .or_else(|| user.map(|u| u.display_name.clone()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| login.clone());
        let bio = guest
            .and_then(|g| g.meta("cap-description"))
            .map(text_of)
            .or_else(|| user.map(|u| text_of(&u.description)))
            .filter(|b| !b.is_empty());
        let id = make_id(login);
        if id.is_empty() {
            continue;
        }
        if !authors.contains_key(&id) {
            let bio = bio.unwrap_or_else(|| {
                warnings.push(Warning {
                    post: original.id,
                    title: original.title.clone(),
                    message: format!(
                        "author \"{login}\" has no biographical info in the export; their bio in authors.json is their name: write one"
                    ),
                });
                name.clone()
            });
            let lang = site.settings.language.clone();
            authors.insert(
                id.clone(),
                Author { id: id.clone(), kind: AuthorKind::Person, name, bio: [(lang, bio)].into(), url: None },
            );
        }
        add(id, &mut ids);
    }
    for (_, v) in &group.versions {
        for t in v.terms_in("category") {
            if let Some(org) = settings.category_orgs.get(&t.nicename) {
                organisation(authors, org, &t.name, v, &settings.language, warnings);
                add(org.clone(), &mut ids);
            }
        }
    }
    if ids.is_empty() {
        warnings.push(Warning {
            post: original.id,
            title: original.title.clone(),
            message: "no author; add one to the statement".into(),
        });
    }
    ids
}

/// Adds the organisation `id` to the authors unless it is there already.
fn organisation(
    authors: &mut BTreeMap<String, Author>,
    id: &str,
    name: &str,
    post: &Item,
    lang: &str,
    warnings: &mut Vec<Warning>,
) {
    if authors.contains_key(id) {
        return;
    }
    warnings.push(Warning {
        post: post.id,
        title: post.title.clone(),
        message: format!(
            "organisation \"{id}\" is new in authors.json, named \"{name}\" with its name as bio: check both"
        ),
    });
    authors.insert(
        id.to_string(),
        Author {
            id: id.to_string(),
            kind: AuthorKind::Organization,
            name: name.to_string(),
            bio: [(lang.to_string(), name.to_string())].into(),
            url: None,
        },
    );
}

/// The topic ids of one language version, gathering each topic's names.
fn post_topics(
    site: &Site,
    lang: &str,
    post: &Item,
    map: &TopicMap,
    topics: &mut BTreeMap<String, TopicDraft>,
    order: &mut Vec<String>,
) -> Vec<String> {
    let (domain, taxonomy) = match site.settings.topics_from {
        TopicsFrom::Categories => ("category", "category"),
        TopicsFrom::Tags => ("post_tag", "post_tag"),
    };
    let mut ids = Vec::new();
    for t in post.terms_in(domain) {
        if t.nicename == "uncategorized" || site.settings.category_orgs.contains_key(&t.nicename) {
            continue;
        }
        let term = site.term(taxonomy, &t.nicename);
        // Polylang pairs the term with its translations: the id comes from the
        // default language's member (else the first), so every language agrees.
        let members = term.and_then(|term| site.term_groups.get(&term.id));
        let base = members
            .and_then(|m| {
                let pick = m.iter().find(|(l, _)| *l == site.settings.language).or_else(|| m.first())?;
                site.export.terms.iter().find(|x| x.id == pick.1 as u64 && x.taxonomy == taxonomy)
            })
            .map_or_else(|| make_id(&t.nicename), |x| make_id(&x.slug));
        if members.is_some_and(|m| {
            m.iter().any(|(_, id)| site.export.terms.iter().any(|x| x.id == *id as u64 && x.slug == "uncategorized"))
        }) {
            continue;
        }
        let id = match map.rename.get(&base) {
            Some(new) if new.is_empty() => continue,
            Some(new) => new.clone(),
            None => base,
        };
        if id.is_empty() {
            continue;
        }
        let name = term.map_or_else(|| t.name.clone(), |x| x.name.clone());
        let draft = topics
            .entry(id.clone())
            .or_insert_with(|| TopicDraft { name: Localized::new(), first_post: (post.id, post.title.clone()) });
        draft.name.entry(lang.to_string()).or_insert_with(|| text_of(&name));
        if !order.contains(&id) {
            order.push(id.clone());
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Merges the imported topics (and, for a new folder, the languages) into `site.json`.
#[allow(clippy::too_many_arguments)]
fn write_site(
    out: &mut Output,
    export: &Export,
    settings: &Settings,
    languages: &[(String, String)],
    topics: BTreeMap<String, TopicDraft>,
    order: &[String],
    map: &TopicMap,
    warnings: &mut Vec<Warning>,
) -> Result<(), String> {
    let path = out.root().join("site.json");
    let current = std::fs::read_to_string(&path).ok();
    let mut site: SiteFile = match &current {
        Some(text) => read("site.json", text).map_err(|e| format!("{e}; fix site.json before importing"))?,
        None => {
            let default = languages.first().map_or(settings.language.clone(), |(c, _)| c.clone());
            let default = if languages.iter().any(|(c, _)| *c == settings.language) {
                settings.language.clone()
            } else {
                default
            };
            let name = if export.title.is_empty() { "Tribuna".to_string() } else { export.title.clone() };
            let name: Localized = [(default.clone(), name)].into();
            serde_json::from_value(serde_json::json!({
                "format": 1,
                "name": name,
                "languages": languages.iter().map(|(c, n)| Language { code: c.clone(), name: n.clone() }).collect::<Vec<_>>(),
                "default_language": default,
            }))
            .map_err(|e| e.to_string())?
        }
    };
    let default = site.default_language.clone();
    let mut topics = topics;
    for id in order {
        let Some(mut draft) = topics.remove(id) else { continue };
        if let Some(names) = map.names.get(id) {
            draft.name.extend(names.clone());
        }
        if !draft.name.contains_key(&default) {
            if let Some((lang, name)) = draft.name.iter().next().map(|(l, n)| (l.clone(), n.clone())) {
                warnings.push(Warning {
                    post: draft.first_post.0,
                    title: draft.first_post.1.clone(),
                    message: format!("topic \"{id}\" has no \"{default}\" name; used the \"{lang}\" one: translate it"),
                });
                draft.name.insert(default.clone(), name);
            }
        }
        let topic = Topic { id: id.clone(), name: draft.name };
        merge(out, &format!("site.json#topics/{id}"), &mut site.topics, |t| t.id == *id, topic);
    }
    let text = output::json(&site);
    if current.as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).map_err(|e| format!("site.json: {e}"))?;
    }
    Ok(())
}

/// Puts `entry` into `list` in place of the one `same` finds, unless that one
/// was edited by hand (see [`Output::decide`]), or at the end.
fn merge<T: serde::Serialize>(out: &mut Output, key: &str, list: &mut Vec<T>, same: impl Fn(&T) -> bool, entry: T) {
    let new = output::json(&entry);
    match list.iter().position(same) {
        Some(i) => {
            let now = output::json(&list[i]);
            if out.decide(key, Some(now.as_bytes()), new.as_bytes()) == Outcome::Written {
                list[i] = entry;
            }
        }
        None => {
            out.decide(key, None, new.as_bytes());
            list.push(entry);
        }
    }
}

/// Merges the imported authors into `authors.json`, entry by entry.
fn write_authors(out: &mut Output, authors: BTreeMap<String, Author>) -> Result<(), String> {
    let path = out.root().join("authors.json");
    let current = std::fs::read_to_string(&path).ok();
    let mut file: AuthorsFile = match &current {
        Some(text) => read("authors.json", text).map_err(|e| format!("{e}; fix authors.json before importing"))?,
        None => AuthorsFile { format: 1, authors: Vec::new() },
    };
    for (id, author) in authors {
        merge(out, &format!("authors.json#{id}"), &mut file.authors, |a| a.id == id, author);
    }
    let text = output::json(&file);
    if current.as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).map_err(|e| format!("authors.json: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_slugs_and_titles() {
        assert_eq!(make_id("familias-unidas-%c3%a1nte-las-redadas"), "familias-unidas-ante-las-redadas");
        assert_eq!(make_id("¡Vivienda YA! 2025"), "vivienda-ya-2025");
        assert_eq!(make_id("---"), "");
        assert_eq!(make_id(&"a".repeat(100)).len(), 80);
        assert_eq!(make_file_name("2024/05/March Photo.JPG"), "2024-05-march-photo.jpg");
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(day("2025-06-10 09:00:00").as_deref(), Some("2025-06-10"));
        assert_eq!(day("0000-00-00 00:00:00"), None);
    }
}
