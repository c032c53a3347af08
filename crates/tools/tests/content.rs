//! The checked-in content, schemas and UI strings are valid and up to date.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tribuna_tools::{schemas, ContentDir};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn checked_in_schemas_match_the_rust_types() {
    for (name, generated) in schemas() {
        let path = repo().join("public/schema").join(name);
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(on_disk == generated, "{} is stale: run `make schema`", path.display());
    }
}

#[test]
fn demo_content_is_valid_and_cross_referenced() {
    let content = ContentDir::load(&repo().join("public/content")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(content.cross_issues(), Vec::<String>::new());
    assert!(content.index_is_fresh(), "statements/index.json is stale: run `make content-index`");
}

#[test]
fn demo_content_covers_what_the_demo_needs() {
    let content = ContentDir::load(&repo().join("public/content")).unwrap();
    let s = &content.statements;
    assert!(s.len() >= 8, "at least 8 statements");
    let authors: BTreeSet<&str> = s.iter().flat_map(|(_, s)| s.authors.iter().map(String::as_str)).collect();
    assert!(authors.len() >= 3, "at least 3 authors");
    assert!(s.iter().any(|(_, s)| s.authors.len() >= 2), "a joint statement");
    assert!(s.iter().any(|(_, s)| !s.translations.contains_key("es")), "a statement without Spanish");
    assert!(s.iter().filter(|(_, s)| s.translations.len() >= 2).count() >= 6, "most statements in both languages");
    let longest =
        s.iter().map(|(_, s)| s.translations.values().map(|t| t.body.len()).max().unwrap_or(0)).max().unwrap_or(0);
    assert!(longest >= 15, "a long statement (15+ blocks)");
}

/// Every UI string catalogue (and the test fixture for a third language) has
/// exactly the keys of the default one.
#[test]
fn every_language_has_every_ui_string() {
    let dir = repo().join("locales");
    let load = |p: &Path| -> BTreeSet<String> {
        let v: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        v.keys().cloned().collect()
    };
    let reference = load(&dir.join("en.json"));
    assert!(!reference.is_empty());
    let fixture = repo().join("tests/e2e/fixtures/locale-fr.json");
    let files = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).chain([fixture]);
    for path in files {
        let keys = load(&path);
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, unknown {extra:?}", path.display());
    }
}

/// A split index (several pages) still loads, checks and regenerates.
#[test]
fn a_multi_page_index_round_trips() {
    let dir = std::env::temp_dir().join(format!("tribuna-archive-{}", std::process::id()));
    tribuna_tools::archive::write(&repo().join("public/content"), &dir, 250).unwrap();
    let archive = ContentDir::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(archive.statements.len(), 250);
    assert!(dir.join("statements/index-3.json").exists());
    assert!(archive.index_is_fresh());
    assert_eq!(archive.cross_issues(), Vec::<String>::new());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The decoder (`tribuna_core::decode`, used by the app) reads every demo file
/// exactly as serde's derive does for the same types; both are generated from
/// one field list per type (`#[content_type]`), as are the JSON Schemas. So do
/// minimal files that leave every optional field out. Random values and random
/// mutations are checked by the property tests in `crates/core/src/decode/agreement.rs`.
#[test]
fn the_decoder_reads_content_as_the_serde_types_do() {
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};
    use tribuna_core::content::{AuthorsFile, IndexFile, SiteFile, StatementFile};
    use tribuna_core::decode::{decode, Decode};
    use tribuna_core::mailbag::{Draft, MailbagFile};

    fn same<T: Decode + DeserializeOwned + PartialEq + std::fmt::Debug>(what: &str, value: &Value) {
        let by_serde: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{what}: {e}"));
        let by_hand: T = decode(value).unwrap_or_else(|e| panic!("{what}: {}: {}", e.path, e.message));
        assert_eq!(by_hand, by_serde, "{what}");
    }
    let root = repo().join("public/content");
    let file = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(name)).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    same::<SiteFile>("site.json", &file("site.json"));
    same::<AuthorsFile>("authors.json", &file("authors.json"));
    same::<MailbagFile>("mailbag.json", &file("mailbag.json"));
    let mut files = 0;
    for dir in ["statements", "topics"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let name = format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy());
            let value = file(&name);
            if value.get("statements").is_some() {
                same::<IndexFile>(&name, &value);
            } else {
                same::<StatementFile>(&name, &value);
            }
            files += 1;
        }
    }
    assert!(files >= 15, "{files} statement and index files");

    same::<SiteFile>(
        "minimal site",
        &json!({"format": 1, "name": {"en": "T"}, "languages": [{"code": "en", "name": "English"}],
                "default_language": "en", "related": {"count": 2}, "mailbag": {"endpoint": null}}),
    );
    same::<StatementFile>(
        "minimal statement",
        &json!({"format": 1, "slug": "s", "published": "2025-01-01", "authors": ["a"], "original_language": "en",
                "translations": {"en": {"title": "T", "lead": "L", "body": [
                    {"type": "list", "items": [[{"text": "x"}]]},
                    {"type": "quote", "text": [{"strong": "q"}], "attribution": null},
                    {"type": "image", "src": "i.svg", "width": 1, "height": 2, "alt": "a"}]}}}),
    );
    same::<MailbagFile>(
        "minimal mailbag",
        &json!({"format": 1, "questions": [{"id": "q", "asked": "2025-01-01", "answered": "2025-01-02",
                "original_language": "en", "question": {"en": "Q?"}, "answer": {"en": "A."}}]}),
    );
    same::<Draft>("partial draft", &json!({"question": "Hola"}));
}
