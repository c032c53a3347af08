//! Checking a whole content folder in one run: every problem of every file,
//! each with its file, field path and what to do, and for an unknown id the
//! nearest known one ("did you mean …?").
//!
//! `make check` (`tribuna-tools check`) and the importers' reports use it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::Path;

use tribuna_core::content::{AuthorsFile, SiteFile, StatementFile};
use tribuna_core::decode::{decode, Decode};
use tribuna_core::load::{read, Document};
use tribuna_core::mailbag::MailbagFile;
use tribuna_core::ContentError;

use crate::{is_index_page, ContentDir};

/// One problem in a content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the content folder (`statements/x.json`).
    pub file: String,
    /// The field path inside the file (`translations.es.body[3]`), `.` for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it (may be empty when the message says it all).
    pub fix: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.path, self.message)?;
        if !self.fix.is_empty() {
            write!(f, "; {}", self.fix)?;
        }
        Ok(())
    }
}

impl Problem {
    fn new(file: &str, path: impl Into<String>, message: impl Into<String>, fix: impl Into<String>) -> Problem {
        Problem { file: file.to_string(), path: path.into(), message: message.into(), fix: fix.into() }
    }

    fn from_error(e: ContentError) -> Problem {
        let file = e.file().to_string();
        match e {
            ContentError::Parse { path, message, .. } => {
                let fix = if message.starts_with("not valid JSON") {
                    "correct the JSON syntax at that line and column"
                } else {
                    "give the field the shape docs/content-format.md describes"
                };
                Problem { file, path, message, fix: fix.into() }
            }
            other => Problem { file, path: ".".into(), message: other.to_string(), fix: String::new() },
        }
    }
}

/// What a whole-folder check found: the problems, and the folder as far as it could be read.
pub struct Checked {
    /// Every problem, file by file (files in name order, each file's in document order).
    pub problems: Vec<Problem>,
    /// The folder, when `site.json`, `authors.json` and every statement could be read.
    pub content: Option<ContentDir>,
    /// How many statement files were read.
    pub statements: usize,
}

/// Reads `file` as a `T` and collects its shape error or every broken rule.
fn document<T: Document>(root: &Path, file: &str, problems: &mut Vec<Problem>) -> Option<T> {
    let text = match fs::read_to_string(root.join(file)) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Problem::new(
                file,
                ".",
                format!("cannot be read ({e})"),
                "create the file or fix its permissions",
            ));
            return None;
        }
    };
    match read::<T>(file, &text) {
        Ok(doc) => {
            problems.extend(doc.issues().into_iter().map(|i| Problem::new(file, i.path, i.message, i.fix)));
            Some(doc)
        }
        Err(e) => {
            let first = Problem::from_error(e);
            let more = match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(value) if first.path != "." => more_shape_errors::<T>(file, value, &first.path),
                _ => Vec::new(),
            };
            problems.push(first);
            problems.extend(more);
            None
        }
    }
}

/// One step of a field path: an object key or an array position.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Reads a rendered field path (`translations.en.body[3].text[0]`) back into steps.
fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        while let Some((n, after)) = rest.split_once(']') {
            if let Ok(i) = n.parse() {
                out.push(Step::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

fn render(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

/// The shape errors after the first: the array item holding each error is
/// taken out of the document and the document decoded again, so one broken
/// block doesn't hide the next. Paths are given as in the file as it is.
/// Errors outside any array end the search (the rest can't be read).
fn more_shape_errors<T: Decode>(file: &str, mut value: serde_json::Value, first: &str) -> Vec<Problem> {
    // Removed positions, by the original path of their array.
    let mut removed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut out = Vec::new();
    let mut path = steps(first);
    let mut message: Option<String> = None;
    for _ in 0..200 {
        // Map the path in the edited document back to the file, step by step.
        let mut original = Vec::new();
        for step in &path {
            match step {
                Step::Index(i) => {
                    let gone = removed.get(&render(&original)).map(Vec::as_slice).unwrap_or_default();
                    let at = (0..).filter(|n| !gone.contains(n)).nth(*i).unwrap_or(*i);
                    original.push(Step::Index(at));
                }
                key => original.push(key.clone()),
            }
        }
        if let Some(message) = message.take() {
            let fix = "give the field the shape docs/content-format.md describes";
            out.push(Problem::new(file, render(&original), message, fix));
        }
        // Take out the innermost array item on the path.
        let Some(cut) = path.iter().rposition(|s| matches!(s, Step::Index(_))) else { break };
        let (Step::Index(i), Step::Index(at)) = (&path[cut], &original[cut]) else { break };
        let pointer: String = path[..cut]
            .iter()
            .map(|s| match s {
                Step::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
                Step::Index(n) => format!("/{n}"),
            })
            .collect();
        match value.pointer_mut(&pointer).and_then(serde_json::Value::as_array_mut) {
            Some(items) if *i < items.len() => {
                items.remove(*i);
            }
            _ => break,
        }
        let list = removed.entry(render(&original[..cut])).or_default();
        list.push(*at);
        match decode::<T>(&value) {
            Ok(_) => break,
            Err(e) => {
                path = steps(&e.path);
                message = Some(e.message);
            }
        }
    }
    out
}

/// The statement files of `root` (`statements/*.json` except the index pages), sorted.
pub(crate) fn statement_files(root: &Path) -> std::io::Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(root.join("statements"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !is_index_page(n))
        .map(|n| format!("statements/{n}"))
        .collect();
    names.sort();
    Ok(names)
}

/// Checks every file of the content folder `root` and the references between them.
pub fn check_dir(root: &Path) -> Checked {
    let mut problems = Vec::new();
    let site = document::<SiteFile>(root, "site.json", &mut problems);
    let authors = document::<AuthorsFile>(root, "authors.json", &mut problems);
    let files = statement_files(root).unwrap_or_else(|e| {
        problems.push(Problem::new("statements/", ".", format!("cannot be read ({e})"), "create the folder"));
        Vec::new()
    });
    let mut statements = Vec::new();
    let mut all_read = true;
    for file in files {
        match document::<StatementFile>(root, &file, &mut problems) {
            Some(s) => statements.push((file, s)),
            None => all_read = false,
        }
    }
    let mailbag = if root.join("mailbag.json").exists() {
        let m = document::<MailbagFile>(root, "mailbag.json", &mut problems);
        all_read &= m.is_some();
        m
    } else {
        None
    };
    problems.extend(cross_problems(site.as_ref(), authors.as_ref(), &statements, mailbag.as_ref()));
    let count = statements.len();
    let content = match (site, authors) {
        (Some(site), Some(authors)) if all_read => {
            Some(ContentDir { root: root.to_path_buf(), site, authors, statements, mailbag })
        }
        _ => None,
    };
    if let Some(c) = &content {
        if !c.index_is_fresh() {
            problems.push(Problem::new(
                "statements/index.json",
                ".",
                "the index pages are out of date",
                "run `make content-index`",
            ));
        }
    }
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    Checked { problems, content, statements: count }
}

/// The known id nearest to `unknown` by edit distance, if one is close enough
/// to be a likely misspelling.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (unknown.chars().count() / 3).max(2);
    known.into_iter().map(|k| (strsim::levenshtein(unknown, k), k)).filter(|(d, _)| *d <= limit).min().map(|(_, k)| k)
}

/// `no author "x" in authors.json` and, when one is close, `; did you mean "y"?`.
fn unknown(file: &str, path: String, what: &str, id: &str, known: &BTreeSet<&str>, place: &str, fix: &str) -> Problem {
    let message = format!("no {what} \"{id}\"{place}");
    let fix = match nearest(id, known.iter().copied()) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => fix.to_string(),
    };
    Problem::new(file, path, message, fix)
}

/// Problems between files: file names, unknown authors, topics, languages and related slugs.
pub fn cross_problems(
    site: Option<&SiteFile>,
    authors: Option<&AuthorsFile>,
    statements: &[(String, StatementFile)],
    mailbag: Option<&MailbagFile>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let author_ids: Option<BTreeSet<&str>> = authors.map(|a| a.authors.iter().map(|a| a.id.as_str()).collect());
    let topics: Option<BTreeSet<&str>> = site.map(|s| s.topics.iter().map(|t| t.id.as_str()).collect());
    let langs: Option<BTreeSet<&str>> = site.map(|s| s.languages.iter().map(|l| l.code.as_str()).collect());
    let slugs: BTreeSet<&str> = statements.iter().map(|(_, s)| s.slug.as_str()).collect();
    let topic_fix = "use a topic id from site.json, or add the topic there";
    if let Some(topics) = &topics {
        for (i, q) in mailbag.iter().flat_map(|m| m.questions.iter()).enumerate() {
            for (j, t) in q.topics.iter().enumerate() {
                if !topics.contains(t.as_str()) {
                    let path = format!("questions[{i}].topics[{j}]");
                    out.push(unknown("mailbag.json", path, "topic", t, topics, " in site.json", topic_fix));
                }
            }
        }
    }
    for (file, s) in statements {
        if *file != format!("statements/{}.json", s.slug) {
            out.push(Problem::new(
                file,
                "slug",
                format!("\"{}\" does not match the file name", s.slug),
                "rename the file to {slug}.json or change the slug",
            ));
        }
        if let Some(known) = &author_ids {
            for (i, a) in s.authors.iter().enumerate() {
                if !known.contains(a.as_str()) {
                    let fix = "use an author id from authors.json, or add the author there";
                    out.push(unknown(file, format!("authors[{i}]"), "author", a, known, " in authors.json", fix));
                }
            }
        }
        if let Some(known) = &topics {
            for (i, t) in s.topics.iter().enumerate() {
                if !known.contains(t.as_str()) {
                    out.push(unknown(file, format!("topics[{i}]"), "topic", t, known, " in site.json", topic_fix));
                }
            }
        }
        for (i, r) in s.related.iter().enumerate() {
            if !slugs.contains(r.as_str()) {
                let fix = "use the slug of a file in statements/, or remove the entry";
                out.push(unknown(file, format!("related[{i}]"), "statement", r, &slugs, "", fix));
            }
        }
        if let Some(langs) = &langs {
            for lang in s.translations.keys() {
                if !langs.contains(lang.as_str()) {
                    out.push(Problem::new(
                        file,
                        format!("translations.{lang}"),
                        format!("\"{lang}\" is not a site language"),
                        "add the language to site.json, or remove the translation",
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_back_into_steps() {
        for path in ["translations.en.body[3].text[0]", "authors[1]", "hero.width", "[0][2]", "."] {
            assert_eq!(render(&steps(path)), path);
        }
        assert_eq!(steps("a[2].b"), [Step::Key("a".into()), Step::Index(2), Step::Key("b".into())]);
    }

    #[test]
    fn nearest_finds_likely_misspellings_only() {
        let known = ["common-ground", "housing", "labor"];
        assert_eq!(nearest("common-grond", known), Some("common-ground"));
        assert_eq!(nearest("housin", known), Some("housing"));
        assert_eq!(nearest("immigration", known), None);
    }
}
