//! Writing what an importer produced into a content folder, so that running it
//! again changes no byte and hand edits survive.
//!
//! Each importer keeps its own state file in the folder (`.wordpress-import.json`,
//! `.markdown-import.json`: see [`state_file`]) with a hash of every file and
//! entry it wrote. On the next run:
//! - a file whose text would not change is left alone;
//! - a file still as the importer wrote it is replaced by the new text;
//! - a file edited by hand since (its hash differs), or one this importer never
//!   wrote (by hand, or by the other importer), is kept, and reported, unless
//!   `force` is set.
//!
//! Entries of the shared files (`authors.json`, the topics of `site.json`) are
//! protected the same way, one by one, under keys such as `authors.json#ana-ruiz`.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The name of the state file of the importer `owner` (`wordpress`, `markdown`)
/// inside the content folder.
pub fn state_file(owner: &str) -> String {
    format!(".{owner}-import.json")
}

/// A 64-bit FNV-1a hash of `bytes`, as 16 hex digits: stable across builds and platforms.
pub fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What happened to one file or entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Written (new or changed).
    Written,
    /// Already as the importer would write it.
    Unchanged,
    /// Edited by hand since the last import, so kept.
    KeptEdited,
    /// Not written by the importer, so kept.
    KeptForeign,
}

/// A content folder being written by an importer.
pub struct Output {
    root: PathBuf,
    state_file: String,
    force: bool,
    before: BTreeMap<String, String>,
    state: BTreeMap<String, String>,
    /// Every file or entry and what happened to it, in the order they were given.
    pub outcomes: Vec<(String, Outcome)>,
}

impl Output {
    /// Opens `root` (creating it) for the importer `owner`, reading the state of its last import.
    pub fn open(root: &Path, owner: &str, force: bool) -> io::Result<Output> {
        fs::create_dir_all(root)?;
        let state_file = state_file(owner);
        let before: BTreeMap<String, String> = fs::read_to_string(root.join(&state_file))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        Ok(Output { root: root.to_path_buf(), state_file, force, state: before.clone(), before, outcomes: Vec::new() })
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the last import wrote `key`.
    pub fn wrote_before(&self, key: &str) -> bool {
        self.before.contains_key(key)
    }

    /// Decides whether `key`, now `current` (`None`: absent), may become `new`.
    pub fn decide(&mut self, key: &str, current: Option<&[u8]>, new: &[u8]) -> Outcome {
        let outcome = match current {
            Some(cur) if cur == new => Outcome::Unchanged,
            None => Outcome::Written,
            Some(_) if self.force => Outcome::Written,
            Some(cur) => match self.before.get(key) {
                Some(h) if *h == hash(cur) => Outcome::Written,
                Some(_) => Outcome::KeptEdited,
                None => Outcome::KeptForeign,
            },
        };
        if matches!(outcome, Outcome::Written | Outcome::Unchanged) {
            self.state.insert(key.to_string(), hash(new));
        }
        self.outcomes.push((key.to_string(), outcome));
        outcome
    }

    /// Writes `text` to `file` (relative to the folder) unless [`Output::decide`] says otherwise.
    pub fn write(&mut self, file: &str, text: &str) -> io::Result<Outcome> {
        self.write_bytes(file, text.as_bytes())
    }

    /// Copies the file `from` to `file` in the folder, with the same rules.
    pub fn copy(&mut self, from: &Path, file: &str) -> io::Result<Outcome> {
        self.write_bytes(file, &fs::read(from)?)
    }

    fn write_bytes(&mut self, file: &str, bytes: &[u8]) -> io::Result<Outcome> {
        let path = self.root.join(file);
        let current = fs::read(&path).ok();
        let outcome = self.decide(file, current.as_deref(), bytes);
        if outcome == Outcome::Written {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::write(&path, bytes)?;
        }
        Ok(outcome)
    }

    /// Saves the state for the next run (only when it changed).
    pub fn finish(self) -> io::Result<()> {
        let path = self.root.join(&self.state_file);
        if self.state == self.before && path.exists() {
            return Ok(());
        }
        let text = serde_json::to_string_pretty(&self.state).map_err(io::Error::other)? + "\n";
        fs::write(path, text)
    }
}

/// Serialises a content document as the importers write it: pretty JSON and a final newline.
pub fn json<T: serde::Serialize>(doc: &T) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_default() + "\n"
}

/// What every import ends with: the index regenerated (when the folder can be
/// read), then the same checks as `make check`. Returns how many index files
/// were written, and the problems.
pub fn index_and_check(root: &Path) -> Result<(usize, Vec<crate::check::Problem>), String> {
    let checked = crate::check::check_dir(root);
    let written = match &checked.content {
        Some(content) => content.write_indexes().map_err(|e| format!("{}: {e}", root.display()))?,
        None => 0,
    };
    Ok((written, crate::check::check_dir(root).problems))
}

/// The end of an import's report: the index files written and what the check found.
pub fn closing(
    f: &mut std::fmt::Formatter<'_>,
    index_files: usize,
    problems: &[crate::check::Problem],
) -> std::fmt::Result {
    writeln!(f, "Wrote {index_files} index files.")?;
    if problems.is_empty() {
        writeln!(f, "Check: all valid.")
    } else {
        writeln!(f, "Check: {} problems:", problems.len())?;
        problems.iter().try_for_each(|p| writeln!(f, "  {p}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_its_own_files_and_keeps_hand_edits() {
        let root = std::env::temp_dir().join(format!("tribuna-output-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let mut out = Output::open(&root, "test", false).unwrap();
        assert_eq!(out.write("a.json", "1").unwrap(), Outcome::Written);
        fs::write(root.join("b.json"), "mine").unwrap();
        assert_eq!(out.write("b.json", "2").unwrap(), Outcome::KeptForeign);
        out.finish().unwrap();

        let mut out = Output::open(&root, "test", false).unwrap();
        assert_eq!(out.write("a.json", "1").unwrap(), Outcome::Unchanged);
        assert_eq!(out.write("a.json", "3").unwrap(), Outcome::Written);
        out.finish().unwrap();

        fs::write(root.join("a.json"), "edited").unwrap();
        let mut out = Output::open(&root, "test", false).unwrap();
        assert_eq!(out.write("a.json", "4").unwrap(), Outcome::KeptEdited);
        let mut forced = Output::open(&root, "test", true).unwrap();
        assert_eq!(forced.write("a.json", "4").unwrap(), Outcome::Written);
        assert_eq!(fs::read_to_string(root.join("a.json")).unwrap(), "4");
        let _ = fs::remove_dir_all(&root);
    }
}
