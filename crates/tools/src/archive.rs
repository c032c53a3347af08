//! Synthetic archives: many statements built from the demo content, for the
//! large-archive browser tests and the benchmarks.

use std::fs;
use std::path::Path;

use tribuna_core::content::{Block, IndexEntry, Inline, StatementFile, Translation};
use tribuna_core::date::Date;

use crate::ContentDir;

/// Statement `i` of a synthetic archive: a demo statement's shape with its own
/// slug, date (one a day back from 2026-11-27), topics and authors in rotation.
pub fn statement(demo: &ContentDir, i: usize) -> StatementFile {
    let (_, model) = &demo.statements[i % demo.statements.len()];
    let topics = &demo.site.topics;
    let authors = &demo.authors.authors;
    let days_back = i as i64;
    let date = date_back(days_back);
    let translation = |lang: &str, t: &Translation| Translation {
        title: format!("{} #{}", t.title, i + 1),
        lead: t.lead.clone(),
        body: vec![Block::Paragraph { text: vec![Inline::Text(format!("{} ({lang} {})", t.lead, i + 1))] }],
    };
    StatementFile {
        format: 1,
        slug: format!("archive-{:05}", i + 1),
        published: date,
        updated: None,
        authors: vec![authors[i % authors.len()].id.clone()],
        topics: vec![topics[i % topics.len()].id.clone(), topics[(i / 7) % topics.len()].id.clone()].into_iter().fold(
            Vec::new(),
            |mut v, t| {
                if !v.contains(&t) {
                    v.push(t);
                }
                v
            },
        ),
        related: Vec::new(),
        original_language: model.original_language.clone(),
        hero: model.hero.clone(),
        translations: model.translations.iter().map(|(l, t)| (l.clone(), translation(l, t))).collect(),
    }
}

/// `YYYY-MM-DD` for `days` days before 2026-11-27 (day 20,784 since the epoch).
fn date_back(days: i64) -> String {
    Date::from_days_since_epoch(20_784 - days).to_string()
}

/// `n` synthetic index entries (for the ranking benchmark).
pub fn entries(demo: &ContentDir, n: usize) -> Vec<IndexEntry> {
    (0..n).map(|i| IndexEntry::from_statement(&statement(demo, i))).collect()
}

/// Writes a content folder with `n` synthetic statements, their index pages,
/// and the demo's site, authors and images, to `out`.
pub fn write(demo_root: &Path, out: &Path, n: usize) -> Result<(), String> {
    let demo = ContentDir::load(demo_root).map_err(|e| e.to_string())?;
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out.join("statements")).map_err(|e| e.to_string())?;
    for file in ["site.json", "authors.json"] {
        fs::copy(demo_root.join(file), out.join(file)).map_err(|e| e.to_string())?;
    }
    copy_dir(&demo_root.join("images"), &out.join("images")).map_err(|e| e.to_string())?;
    for i in 0..n {
        let s = statement(&demo, i);
        let text = serde_json::to_string(&s).map_err(|e| e.to_string())?;
        fs::write(out.join(format!("statements/{}.json", s.slug)), text).map_err(|e| e.to_string())?;
    }
    let archive = ContentDir::load(out).map_err(|e| e.to_string())?;
    archive.write_indexes().map_err(|e| e.to_string())?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        fs::copy(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_back_one_a_day() {
        assert_eq!(date_back(0), "2026-11-27");
        assert_eq!(date_back(27), "2026-10-31");
        assert_eq!(date_back(365), "2025-11-27");
    }
}
