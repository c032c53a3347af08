//! The related rails ranked when the index is built are the rails the app would
//! rank itself: for every statement and language of the demo content and of a
//! synthetic archive, the app's [`rail`] over the first index page as written
//! to disk (read with the app's decoder) lists what [`related`] ranks over the
//! same page without stored rails.

use std::path::{Path, PathBuf};

use tribuna_core::content::{IndexEntry, IndexFile};
use tribuna_core::load::parse;
use tribuna_core::related::{rail, related};
use tribuna_tools::ContentDir;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn slugs(entries: Vec<&IndexEntry>) -> Vec<String> {
    entries.into_iter().map(|e| e.slug.clone()).collect()
}

/// What was compared in one content folder.
#[derive(Debug, Default)]
struct Compared {
    /// (statement, language) pairs shown from a stored rail.
    stored: usize,
    /// Pairs ranked by the app (statements older than the first index page).
    ranked: usize,
    /// Stored rails with at least one entry.
    non_empty: usize,
}

/// Checks every statement and language of the content folder `root`, whose
/// index files must be the generated ones.
fn stored_rails_equal_the_ranking(root: &Path) -> Compared {
    let content = ContentDir::load(root).unwrap_or_else(|e| panic!("{e}"));
    assert!(content.index_is_fresh(), "{}: the index is stale", root.display());
    let file = "statements/index.json";
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let page: IndexFile = parse(file, &text).unwrap_or_else(|e| panic!("{e}"));
    // The first page as the app read it before rails were stored.
    let plain: Vec<IndexEntry> = page.statements.iter().map(|e| IndexEntry { rail: None, ..e.clone() }).collect();
    let settings = &content.site.related;
    let mut compared = Compared::default();
    for (_, statement) in &content.statements {
        let current = IndexEntry::from_statement(statement);
        let listed = page.statements.iter().find(|e| e.slug == statement.slug);
        for lang in content.site.languages.iter().map(|l| l.code.as_str()) {
            let ranked = slugs(related(&current, &plain, settings, lang));
            let shown = slugs(rail(&current, &page.statements, settings, lang));
            assert_eq!(shown, ranked, "{} ({lang}) in {}", statement.slug, root.display());
            match listed {
                Some(entry) => {
                    let stored = entry.rail.as_ref().and_then(|r| r.get(lang));
                    assert_eq!(stored, Some(&ranked.join(" ")), "{} ({lang}): the stored rail", statement.slug);
                    compared.stored += 1;
                    compared.non_empty += usize::from(!ranked.is_empty());
                }
                None => compared.ranked += 1,
            }
        }
    }
    compared
}

#[test]
fn the_demo_rails_are_stored_and_equal_the_ranking() {
    let root = repo().join("public/content");
    let compared = stored_rails_equal_the_ranking(&root);
    let content = ContentDir::load(&root).unwrap();
    let pairs = content.statements.len() * content.site.languages.len();
    assert_eq!((compared.stored, compared.ranked), (pairs, 0), "every demo statement is on the first page");
    assert!(compared.non_empty > pairs / 2, "{compared:?}");
}

#[test]
fn the_archive_rails_are_stored_and_equal_the_ranking() {
    let dir = std::env::temp_dir().join(format!("tribuna-rails-{}", std::process::id()));
    tribuna_tools::archive::write(&repo().join("public/content"), &dir, 2000).unwrap();
    let compared = stored_rails_equal_the_ranking(&dir);
    let content = ContentDir::load(&dir).unwrap();
    let per_page = content.site.index_page_size as usize;
    let languages = content.site.languages.len();
    assert_eq!(compared.stored, per_page * languages, "{compared:?}");
    assert_eq!(compared.ranked, (2000 - per_page) * languages, "{compared:?}");
    assert_eq!(compared.non_empty, compared.stored, "{compared:?}");
    // Later pages and topic indexes carry no rails: the app reads rails only from the first page.
    for file in ["statements/index-2.json", &format!("topics/{}.json", content.site.topics[0].id)] {
        let page: IndexFile = parse(file, &std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        assert!(page.statements.iter().all(|e| e.rail.is_none()), "{file}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
