//! `tribuna-tools check` reports every problem of every file in one run.

use std::path::{Path, PathBuf};

use tribuna_tools::check::check_dir;

fn copy_demo(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/content");
    let _ = std::fs::remove_dir_all(to);
    for dir in ["", "statements", "topics"] {
        std::fs::create_dir_all(to.join(dir)).unwrap();
        for entry in std::fs::read_dir(from.join(dir)).unwrap().flatten() {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), to.join(dir).join(entry.file_name())).unwrap();
            }
        }
    }
}

fn edit(root: &Path, file: &str, change: impl FnOnce(&mut serde_json::Value)) {
    let path = root.join(file);
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    change(&mut v);
    std::fs::write(path, serde_json::to_string(&v).unwrap()).unwrap();
}

#[test]
fn every_problem_of_every_file_in_one_run() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check-every-problem");
    copy_demo(&root);
    edit(&root, "statements/rent-stabilization-now.json", |v| {
        v["published"] = "2025-02-30".into();
        v["hero"]["src"] = "javascript:alert(1)".into();
        v["authors"][0] = "common-grond".into();
    });
    edit(&root, "statements/every-vote-counts.json", |v| {
        v["topics"] = serde_json::json!(["housng"]);
        v["translations"]["en"]["body"] = serde_json::json!([
            {"type": "video"},
            {"type": "paragraph", "text": [{"text": "fine"}]},
            {"type": "heading"},
            {"type": "paragraph", "text": [{"bold": "x"}, {"em": 5}]},
            {"type": "callout", "text": "fine"}
        ]);
    });
    edit(&root, "statements/medical-debt-relief.json", |v| {
        v["related"] = serde_json::json!(["rent-stabilisation-now"])
    });
    let lines: Vec<String> = check_dir(&root).problems.iter().map(ToString::to_string).collect();
    let expect = [
        "statements/rent-stabilization-now.json: published: ",
        "statements/rent-stabilization-now.json: hero.src: image \"javascript:alert(1)\"",
        "statements/rent-stabilization-now.json: authors[0]: no author \"common-grond\" in authors.json; did you mean \"common-ground\"?",
        "statements/every-vote-counts.json: translations.en.body[0].type: unknown type \"video\"",
        "statements/every-vote-counts.json: translations.en.body[2]: missing field `text`",
        "statements/every-vote-counts.json: translations.en.body[3].text[0]: unknown type \"bold\"",
        "statements/every-vote-counts.json: translations.en.body[3].text[1]: invalid type: integer `5`, expected a string",
        "statements/medical-debt-relief.json: related[0]: no statement \"rent-stabilisation-now\"; did you mean \"rent-stabilization-now\"?",
    ];
    for e in expect {
        assert!(lines.iter().any(|l| l.starts_with(e)), "missing {e:?} in {lines:#?}");
    }
    assert!(lines.iter().all(|l| l.contains("; ")), "every problem says what to do: {lines:#?}");
}
