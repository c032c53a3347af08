//! Native tools over a Tribuna content folder: the JSON Schemas of the format,
//! the generated statements index, and whole-folder validation with
//! cross-references (authors, topics, related slugs, index freshness).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use tribuna_core::content::{build_index, AuthorsFile, IndexFile, SiteFile, StatementFile};
use tribuna_core::load::{parse, Document};
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
    ]
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
}

fn read<T: Document>(root: &Path, file: &str) -> Result<T, ContentError> {
    let text = fs::read_to_string(root.join(file)).map_err(|e| ContentError::Network {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    parse(file, &text)
}

impl ContentDir {
    /// Reads and parses every file; the first file that fails stops the read.
    pub fn load(root: &Path) -> Result<ContentDir, ContentError> {
        let site = read::<SiteFile>(root, "site.json")?;
        let authors = read::<AuthorsFile>(root, "authors.json")?;
        let mut names: Vec<String> = fs::read_dir(root.join("statements"))
            .map_err(|e| ContentError::Network {
                file: "statements/".into(),
                message: e.to_string(),
            })?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json") && n != "index.json")
            .collect();
        names.sort();
        let mut statements = Vec::new();
        for name in names {
            let file = format!("statements/{name}");
            let s = read::<StatementFile>(root, &file)?;
            statements.push((file, s));
        }
        Ok(ContentDir {
            root: root.to_path_buf(),
            site,
            authors,
            statements,
        })
    }

    /// The index generated from the statement files, as written to disk.
    pub fn index_json(&self) -> String {
        let list: Vec<StatementFile> = self.statements.iter().map(|(_, s)| s.clone()).collect();
        serde_json::to_string_pretty(&build_index(&list)).expect("the index serializes") + "\n"
    }

    /// Cross-file problems: file names, unknown authors, topics, languages and related slugs.
    pub fn cross_issues(&self) -> Vec<String> {
        let mut out = Vec::new();
        let authors: BTreeSet<&str> = self.authors.authors.iter().map(|a| a.id.as_str()).collect();
        let topics: BTreeSet<&str> = self.site.topics.iter().map(|t| t.id.as_str()).collect();
        let langs: BTreeSet<&str> = self
            .site
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        let slugs: BTreeSet<&str> = self
            .statements
            .iter()
            .map(|(_, s)| s.slug.as_str())
            .collect();
        for (file, s) in &self.statements {
            if *file != format!("statements/{}.json", s.slug) {
                out.push(format!(
                    "{file}: slug: \"{}\" does not match the file name",
                    s.slug
                ));
            }
            for (i, a) in s.authors.iter().enumerate() {
                if !authors.contains(a.as_str()) {
                    out.push(format!(
                        "{file}: authors[{i}]: no author \"{a}\" in authors.json"
                    ));
                }
            }
            for (i, t) in s.topics.iter().enumerate() {
                if !topics.contains(t.as_str()) {
                    out.push(format!(
                        "{file}: topics[{i}]: no topic \"{t}\" in site.json"
                    ));
                }
            }
            for (i, r) in s.related.iter().enumerate() {
                if !slugs.contains(r.as_str()) {
                    out.push(format!("{file}: related[{i}]: no statement \"{r}\""));
                }
            }
            for lang in s.translations.keys() {
                if !langs.contains(lang.as_str()) {
                    out.push(format!(
                        "{file}: translations.{lang}: \"{lang}\" is not a site language"
                    ));
                }
            }
        }
        out
    }

    /// Whether `statements/index.json` on disk equals the generated one.
    pub fn index_is_fresh(&self) -> bool {
        fs::read_to_string(self.root.join("statements/index.json"))
            .ok()
            .as_deref()
            == Some(&self.index_json())
    }
}
