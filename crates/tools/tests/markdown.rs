//! Markdown authoring: every block type from Markdown to statement JSON, what
//! is refused, and `tribuna-tools new`.

use std::fs;
use std::path::{Path, PathBuf};

use tribuna_core::content::{Block, Inline};
use tribuna_tools::markdown::{body, import_dir, new_statement, statement};
use tribuna_tools::wordpress::{import_file, Settings};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A content folder with the WordPress fixture imported (authors, topics, images).
fn content(name: &str) -> PathBuf {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&out);
    let mut s = Settings::new(out.clone());
    s.uploads = Some(fixtures().join("wordpress/uploads"));
    s.category_orgs.insert("coalition".into(), "tenants-workers-alliance".into());
    import_file(&fixtures().join("wordpress/export.xml"), &s).unwrap();
    out
}

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

#[test]
fn every_block_type_round_trips_from_markdown() {
    let out = content("md-round-trip");
    let s = statement("water-and-shade", &fixtures().join("markdown/water-and-shade"), &out, "en")
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((s.original_language.as_str(), s.published.as_str()), ("en", "2025-07-01"));
    assert_eq!(s.authors, ["ana", "tenants-workers-alliance"]);
    assert_eq!(
        (s.topics.clone(), s.related.clone()),
        (vec!["labor".to_string()], vec!["heat-safety-for-outdoor-workers".to_string()])
    );
    let hero = s.hero.clone().unwrap();
    assert_eq!((hero.width, hero.height), (640, 360), "the size is read from the file");
    assert_eq!(hero.alt["es"], "Trabajadores descansando a la sombra");
    assert_eq!(hero.caption["en"], "A water break.");
    assert_eq!(hero.credit, "Photo: Sam Ortiz");
    let en = &s.translations["en"];
    assert_eq!(en.title, "Water and shade for every worker");
    assert_eq!(
        en.body,
        [
            Block::Paragraph {
                text: vec![
                    t("We ask for "),
                    Inline::Strong("water".into()),
                    t(", "),
                    Inline::Em("shade".into()),
                    t(" and "),
                    Inline::Link { text: "rest".into(), href: "https://tenants.example.org/heat".into() },
                    t("."),
                ]
            },
            Block::Heading { text: "What the rule must say".into() },
            Block::List { ordered: true, items: vec![vec![t("Water every hour")], vec![t("Shade within reach")]] },
            Block::List {
                ordered: false,
                items: vec![vec![t("Breaks are paid")], vec![t("Work stops above the limit")]]
            },
            Block::Quote {
                text: vec![t("No one should faint for a paycheck.")],
                attribution: Some("Marta Gil".into())
            },
            Block::Image {
                src: "images/2025-04-water-break.png".into(),
                width: 640,
                height: 360,
                alt: "Workers resting in the shade".into(),
                caption: Some("A water break on a building site".into()),
                credit: Some("Photo: Sam Ortiz".into()),
            },
            Block::Callout { text: "Water, shade, rest!".into() },
        ]
    );
    assert_eq!(s.translations["es"].body.len(), en.body.len());
    assert_eq!(tribuna_core::validate::statement(&s), []);
}

#[test]
fn the_markdown_import_writes_checked_json_and_is_idempotent() {
    let out = content("md-import");
    let report = import_dir(&fixtures().join("markdown"), &out, false).unwrap();
    assert!(report.is_ok(), "{report}");
    let file = out.join("statements/water-and-shade.json");
    let first = fs::read(&file).unwrap();
    let again = import_dir(&fixtures().join("markdown"), &out, false).unwrap();
    assert!(again.to_string().contains("unchanged: statements/water-and-shade.json"), "{again}");
    assert_eq!(fs::read(&file).unwrap(), first);
}

#[test]
fn what_has_no_block_is_refused_with_its_line() {
    let md = "Intro.\n\n<div>raw</div>\n\n```\ncode\n```\n\n- a\n  - nested\n\n![no size](https://x.example/a.png)\n";
    let errors = body("x.md", md, 10, Path::new(".")).unwrap_err();
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(lines[0].starts_with("x.md:12: raw HTML is refused"), "{lines:#?}");
    assert!(lines[1].starts_with("x.md:14: code blocks are refused"), "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.contains("nested list") && l.ends_with("this is refused in Markdown")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("its size is unknown")), "{lines:#?}");
}

#[test]
fn front_matter_errors_name_the_file_line_and_field() {
    let out = content("md-errors");
    let dir = out.parent().unwrap().join("md-errors-src/bad");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("en.md"),
        "+++\ntitle = \"T\"\nlead = \"L\"\ndate = \"2025-01-01\"\nauthor = [\"ana\"]\n+++\n\nText.\n",
    )
    .unwrap();
    fs::write(dir.join("es.md"), "+++\ntitle = \"T\"\nlead = \"L\"\ndate = \"2025-01-02\"\n+++\n\nTexto.\n").unwrap();
    let errors = statement("bad", &dir, &out, "en").unwrap_err();
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(lines[0].contains("en.md:5: front matter: unknown field `author`"), "{lines:#?}");
    // With en.md fixed, the two dates disagree.
    fs::write(dir.join("en.md"), "+++\ntitle = \"T\"\nlead = \"L\"\ndate = \"2025-01-01\"\n+++\n\nText.\n").unwrap();
    let errors = statement("bad", &dir, &out, "en").unwrap_err();
    assert!(errors[0].to_string().contains("es.md: date: \"2025-01-02\" differs from \"2025-01-01\""), "{errors:?}");
}

#[test]
fn new_starts_one_file_per_language_that_the_import_reads() {
    let out = content("md-new");
    let dir = out.parent().unwrap().join("md-new-src");
    let _ = fs::remove_dir_all(&dir);
    let files = new_statement("bus-fares", &dir, &out).unwrap();
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["en.md", "es.md"]);
    assert!(new_statement("bus-fares", &dir, &out).is_err(), "never overwrites");
    assert!(new_statement("Bus Fares", &dir, &out).is_err());
    let report = import_dir(&dir, &out, false).unwrap();
    assert!(report.errors.is_empty(), "{report}");
    let text = report.to_string();
    assert!(text.contains("statements/bus-fares.json: authors: must name at least one author; add the id"), "{text}");
}
