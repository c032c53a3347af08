//! Native tools over a Tribuna content folder: the JSON Schemas of the format,
//! the generated statements index, whole-folder validation with
//! cross-references (authors, topics, related slugs, index freshness), and the
//! WordPress and Markdown importers.

pub mod archive;
pub mod blocks;
pub mod check;
pub mod markdown;
pub mod output;
pub mod php;
pub mod publish;
pub mod wordpress;
pub mod wxr;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use tribuna_core::content::{
    build_all_indexes, build_index, AuthorsFile, IndexEntry, IndexFile, SiteFile, StatementFile,
};
use tribuna_core::load::{parse, Document};
use tribuna_core::mailbag::MailbagFile;
use tribuna_core::related::related;
use tribuna_core::ContentError;

/// The schema files written to `public/schema/`, one per document type.
pub fn schemas() -> Vec<(&'static str, String)> {
    fn one<T: schemars::JsonSchema>() -> String {
        let schema = schemars::schema_for!(T);
        serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
    }
    vec![
        ("site.schema.json", one::<SiteFile>()),
        ("authors.schema.json", one::<AuthorsFile>()),
        ("statement.schema.json", one::<StatementFile>()),
        ("index.schema.json", one::<IndexFile>()),
        ("mailbag.schema.json", one::<MailbagFile>()),
    ]
}

/// Whether a file in `statements/` is a page of the index (`index.json`, `index-2.json`, …).
pub(crate) fn is_index_page(name: &str) -> bool {
    name == "index.json"
        || name.strip_prefix("index-").and_then(|n| n.strip_suffix(".json")).is_some_and(|n| n.parse::<u32>().is_ok())
}

/// A content folder read from disk and parsed.
pub struct ContentDir {
    /// The folder (`public/content`).
    pub root: PathBuf,
    /// `site.json`.
    pub site: SiteFile,
    /// `authors.json`.
    pub authors: AuthorsFile,
    /// Every `statements/{slug}.json` except the index, sorted by file name.
    pub statements: Vec<(String, StatementFile)>,
    /// `mailbag.json`, when the folder has one.
    pub mailbag: Option<MailbagFile>,
}

/// Reads and parses the content file `file` (a path relative to the content
/// folder `root`), as the app would fetch it; errors name the file.
pub fn read_doc<T: Document>(root: &Path, file: &str) -> Result<T, ContentError> {
    let text = fs::read_to_string(root.join(file))
        .map_err(|e| ContentError::Network { file: file.to_string(), message: e.to_string() })?;
    parse(file, &text)
}

impl ContentDir {
    /// Reads and parses every file; the first file that fails stops the read.
    pub fn load(root: &Path) -> Result<ContentDir, ContentError> {
        let site = read_doc::<SiteFile>(root, "site.json")?;
        let authors = read_doc::<AuthorsFile>(root, "authors.json")?;
        let names = check::statement_files(root)
            .map_err(|e| ContentError::Network { file: "statements/".into(), message: e.to_string() })?;
        let mut statements = Vec::new();
        for file in names {
            let s = read_doc::<StatementFile>(root, &file)?;
            statements.push((file, s));
        }
        let mailbag = if root.join("mailbag.json").exists() {
            Some(read_doc::<MailbagFile>(root, "mailbag.json")?)
        } else {
            None
        };
        Ok(ContentDir { root: root.to_path_buf(), site, authors, statements, mailbag })
    }

    /// Every index file generated from the statement files (main index pages
    /// and each topic's), as `(file, JSON text)` pairs.
    pub fn index_files(&self) -> Vec<(String, String)> {
        let list: Vec<StatementFile> = self.statements.iter().map(|(_, s)| s.clone()).collect();
        build_all_indexes(&list, &self.site)
            .into_iter()
            .map(|(file, page)| (file, serde_json::to_string_pretty(&page).expect("the index serializes") + "\n"))
            .collect()
    }

    /// Index files on disk that the generator would not write (stale pages).
    fn stale_index_files(&self) -> Vec<PathBuf> {
        let wanted: BTreeSet<PathBuf> = self.index_files().into_iter().map(|(f, _)| self.root.join(f)).collect();
        let is_index = |dir: &str, name: &str| match dir {
            "statements" => name == "index.json" || (name.starts_with("index-") && name.ends_with(".json")),
            _ => name.ends_with(".json"),
        };
        ["statements", "topics"]
            .iter()
            .flat_map(|dir| {
                fs::read_dir(self.root.join(dir))
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.ok())
                    .filter(|e| is_index(dir, &e.file_name().to_string_lossy()))
                    .map(|e| e.path())
            })
            .filter(|p| !wanted.contains(p))
            .collect()
    }

    /// Writes every index file and removes stale ones; returns how many were written.
    pub fn write_indexes(&self) -> std::io::Result<usize> {
        for stale in self.stale_index_files() {
            fs::remove_file(stale)?;
        }
        let files = self.index_files();
        for (file, text) in &files {
            let path = self.root.join(file);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::write(path, text)?;
        }
        Ok(files.len())
    }

    /// Cross-file problems (file names, unknown authors, topics, languages and
    /// related slugs), one line each (see [`check::cross_problems`]).
    pub fn cross_issues(&self) -> Vec<String> {
        check::cross_problems(Some(&self.site), Some(&self.authors), &self.statements, self.mailbag.as_ref())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The slugs the related rail of `slug` lists on a page in `lang`: ranked
    /// among the first index page, as the app does. `None` for an unknown slug.
    pub fn related(&self, slug: &str, lang: &str) -> Option<Vec<String>> {
        let (_, statement) = self.statements.iter().find(|(_, s)| s.slug == slug)?;
        let list: Vec<StatementFile> = self.statements.iter().map(|(_, s)| s.clone()).collect();
        let first = build_index(&list, self.site.index_page_size).remove(0);
        let current = IndexEntry::from_statement(statement);
        Some(
            related(&current, &first.statements, &self.site.related, lang)
                .into_iter()
                .map(|e| e.slug.clone())
                .collect(),
        )
    }

    /// Whether every index file on disk equals the generated one, with none stale.
    pub fn index_is_fresh(&self) -> bool {
        self.stale_index_files().is_empty()
            && self
                .index_files()
                .iter()
                .all(|(file, text)| fs::read_to_string(self.root.join(file)).ok().as_deref() == Some(text.as_str()))
    }
}
