//! The WordPress import, end to end on the fixture export
//! (`tests/fixtures/wordpress/export.xml`, a small bilingual Polylang site).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tribuna_core::content::{Block, StatementFile};
use tribuna_tools::check::check_dir;
use tribuna_tools::output::Outcome;
use tribuna_tools::wordpress::{import_file, Report, Settings, TopicsFrom};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress")
}

fn fresh(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    dir
}

fn settings(out: &Path) -> Settings {
    let mut s = Settings::new(out.to_path_buf());
    s.uploads = Some(fixture().join("uploads"));
    s.category_orgs.insert("coalition".into(), "tenants-workers-alliance".into());
    s
}

fn run(settings: &Settings) -> Report {
    import_file(&fixture().join("export.xml"), settings).unwrap_or_else(|e| panic!("{e}"))
}

/// Every file under `dir` and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.insert(e.path(), fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

fn statement(out: &Path, slug: &str) -> StatementFile {
    serde_json::from_str(&fs::read_to_string(out.join(format!("statements/{slug}.json"))).unwrap()).unwrap()
}

#[test]
fn the_import_writes_content_the_checker_accepts() {
    let out = fresh("wp-valid");
    let report = run(&settings(&out));
    assert_eq!(report.problems, [], "{report}");
    assert!(check_dir(&out).problems.is_empty());
    let slugs: Vec<&str> = report.statements.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "rent-stabilization-now",
            "heat-safety-for-outdoor-workers",
            "familias-unidas-ante-las-redadas",
            "congelar-la-tarifa-del-autobus",
            "rent-stabilization-now-2"
        ]
    );
    let skipped: BTreeMap<&str, Vec<u64>> =
        report.skipped.iter().map(|(k, v)| (k.as_str(), v.iter().map(|(id, _)| *id).collect())).collect();
    assert_eq!(skipped["drafts"], [109]);
    assert_eq!(skipped["revisions"], [110]);
    assert_eq!(skipped["private posts"], [111]);
    assert_eq!(skipped["items of type \"page\""], [112]);
    assert!(report.index_files >= 1);
    assert!(out.join("statements/index.json").exists());
}

#[test]
fn polylang_pairs_translations_topics_and_the_original_language() {
    let out = fresh("wp-polylang");
    run(&settings(&out));
    let rent = statement(&out, "rent-stabilization-now");
    assert_eq!(rent.original_language, "en");
    assert_eq!(rent.translations.keys().collect::<Vec<_>>(), ["en", "es"]);
    assert_eq!(rent.translations["es"].title, "Estabilización de alquileres ya");
    assert_eq!(rent.authors, ["ana", "luis"], "two co-authors");
    assert_eq!(rent.topics, ["housing"]);
    assert_eq!(rent.published, "2025-03-01");
    assert_eq!(rent.updated, None, "a translation published later is not an update");
    let hero = rent.hero.as_ref().unwrap();
    assert_eq!((hero.width, hero.height, hero.credit.as_str()), (1200, 675, "Photo: Sam Ortiz"));
    assert_eq!(hero.alt["es"], "Inquilinos marchando con pancartas");
    assert_eq!(hero.caption["en"], "The march to city hall.");
    assert_eq!(hero.src, "images/2025-03-tenants-march.png");

    // The Spanish version is the earlier one, so Spanish is the original.
    let families = statement(&out, "familias-unidas-ante-las-redadas");
    assert_eq!(families.original_language, "es");
    assert_eq!(families.translations.len(), 2);
    assert_eq!(families.hero.as_ref().map(|h| (h.width, h.height)), Some((800, 450)), "size read from uploads");

    let bus = statement(&out, "congelar-la-tarifa-del-autobus");
    assert_eq!(bus.translations.keys().collect::<Vec<_>>(), ["es"]);
    assert_eq!(bus.topics, ["labor"], "\"trabajo\" is the Spanish \"labor\"");

    let heat = statement(&out, "heat-safety-for-outdoor-workers");
    assert_eq!(heat.authors, ["ana", "tenants-workers-alliance"], "a category signs as an organisation");
    assert_eq!(heat.updated.as_deref(), Some("2025-04-12"));

    let site: serde_json::Value = serde_json::from_str(&fs::read_to_string(out.join("site.json")).unwrap()).unwrap();
    assert_eq!(site["topics"][0]["name"], serde_json::json!({"en": "Housing", "es": "Vivienda"}));
    assert_eq!(site["languages"][1]["name"], "Español");
    let authors = fs::read_to_string(out.join("authors.json")).unwrap();
    assert!(authors.contains("Ana Ruiz coordinates the alliance’s housing work."), "bio from the user description");
}

#[test]
fn bodies_keep_every_block_kind_and_inline_run() {
    let out = fresh("wp-blocks");
    run(&settings(&out));
    let rent = statement(&out, "rent-stabilization-now");
    let en = serde_json::to_string(&rent.translations["en"].body).unwrap();
    for want in [
        r#"{"strong":"a cap on rent increases"}"#,
        r#"{"em":"inflation"}"#,
        r#"{"link":{"text":"a public registry of rents","href":"https://tenants.example.org/campaign"}}"#,
        r#"{"type":"heading","text":"What we are asking for"}"#,
        r#"[{"text":"– no more than inflation"}]"#,
        r#""attribution":"Marta Gil, tenant organiser""#,
        r#""caption":"The march to city hall in March.""#,
        r#"{"type":"callout","text":"Homes before profits!"}"#,
        "city’s",
        "5\u{a0}%",
    ] {
        assert!(en.contains(want), "{want} in {en}");
    }
    let es = &rent.translations["es"].body;
    assert!(es.iter().any(|b| matches!(b, Block::List { ordered: true, .. })));
    assert!(es
        .iter()
        .any(|b| matches!(b, Block::Quote { attribution: Some(a), .. } if a == "Marta Gil, organizadora")));

    let heat = statement(&out, "heat-safety-for-outdoor-workers");
    let body = serde_json::to_string(&heat.translations["en"].body).unwrap();
    for want in [
        r#"{"strong":"water, shade and rest"}"#,
        r#"{"em":"safe limit"}"#,
        r#""caption":"A water break on a building site.""#,
        "“heat plan” we sent to the council & the mayor\u{a0}— or click here",
    ] {
        assert!(body.contains(want), "{want} in {body}");
    }
    // The classic body's blank lines are paragraph breaks.
    assert!(heat.translations["en"].body.len() >= 4);
}

#[test]
fn every_warning_appears_with_its_post() {
    let out = fresh("wp-warnings");
    let mut s = settings(&out);
    s.uploads = None;
    let report = run(&s);
    let lines: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    for want in [
        "post 101 \"Rent stabilization now\": a nested list was flattened",
        "post 101 \"Rent stabilization now\": dropped an embed (https://video.example.com/watch?v=abc)",
        "post 101 \"Rent stabilization now\": author \"luis\" has no biographical info",
        "post 103 \"Heat safety for outdoor workers\": dropped a [contact-form-7] shortcode",
        "post 103 \"Heat safety for outdoor workers\": a link to \"javascript:steal()\" (a refused scheme) became plain text",
        "post 103 \"Heat safety for outdoor workers\": dropped a <script>",
        "post 103 \"Heat safety for outdoor workers\": dropped an <iframe> (https://maps.example.com/embed?heat)",
        "post 103 \"Heat safety for outdoor workers\": organisation \"tenants-workers-alliance\" is new",
        "post 105 \"Familias unidas ante las redadas\": the featured image \"https://tenants.example.org/wp-content/uploads/2025/05/families-rally.png\" has no size",
        "post 108 \"We welcome the rent board\": the slug \"rent-stabilization-now\" is taken; this statement is \"rent-stabilization-now-2\"",
    ] {
        assert!(lines.iter().any(|l| l.starts_with(want)), "missing {want:?} in {lines:#?}");
    }
    assert_eq!(lines.len(), 10, "{lines:#?}");
    let printed = report.to_string();
    assert!(lines.iter().all(|l| printed.contains(l.as_str())), "the report prints every warning");
    assert_eq!(report.problems, [], "{report}");
}

#[test]
fn a_second_run_changes_no_byte_and_hand_edits_are_kept() {
    let out = fresh("wp-rerun");
    let s = settings(&out);
    run(&s);
    let first = snapshot(&out);
    let again = run(&s);
    assert_eq!(snapshot(&out), first, "a second run changes no byte");
    assert!(again.with(Outcome::Written).is_empty(), "{again}");

    // A hand edit survives a re-import, and --force overwrites it.
    let file = out.join("statements/congelar-la-tarifa-del-autobus.json");
    let edited = fs::read_to_string(&file).unwrap().replace("Congelar la tarifa", "Congelar ya la tarifa");
    fs::write(&file, &edited).unwrap();
    let kept = run(&s);
    assert_eq!(kept.with(Outcome::KeptEdited), ["statements/congelar-la-tarifa-del-autobus.json"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), edited);
    let mut forced = s.clone();
    forced.force = true;
    run(&forced);
    assert_eq!(snapshot(&out), first);

    // A hand-edited author entry is kept too.
    let authors = out.join("authors.json");
    let bio = fs::read_to_string(&authors)
        .unwrap()
        .replace("\"en\": \"Luis Pérez\"", "\"en\": \"Luis organises bus riders.\"");
    fs::write(&authors, &bio).unwrap();
    let kept = run(&s);
    assert_eq!(kept.with(Outcome::KeptEdited), ["authors.json#luis"]);
    assert_eq!(fs::read_to_string(&authors).unwrap(), bio);
}

#[test]
fn a_newer_export_updates_what_changed() {
    let out = fresh("wp-newer");
    let s = settings(&out);
    run(&s);
    let before = snapshot(&out);
    let newer = fs::read_to_string(fixture().join("export.xml"))
        .unwrap()
        .replace("Pedimos congelar la tarifa.", "Pedimos congelar la tarifa este año.");
    let path = out.parent().unwrap().join("wp-newer-export.xml");
    fs::write(&path, newer).unwrap();
    let report = import_file(&path, &s).unwrap();
    assert_eq!(report.with(Outcome::Written), ["statements/congelar-la-tarifa-del-autobus.json"], "{report}");
    let after = snapshot(&out);
    let changed: Vec<_> = after.iter().filter(|(p, b)| before.get(*p) != Some(b)).map(|(p, _)| p.clone()).collect();
    assert_eq!(changed.len(), 2, "the statement and the index page that lists it: {changed:?}");
}

#[test]
fn tags_become_topics_and_the_topic_map_merges_and_names_them() {
    let out = fresh("wp-tags");
    let mut s = settings(&out);
    s.topics_from = TopicsFrom::Tags;
    let map = out.parent().unwrap().join("wp-tags-map.toml");
    fs::write(&map, "[rename]\nalquiler = \"rent\"\n\n[names.rent]\nen = \"Rent\"\nes = \"Alquiler\"\n").unwrap();
    s.topic_map = Some(map);
    let report = run(&s);
    assert_eq!(report.problems, [], "{report}");
    assert_eq!(statement(&out, "rent-stabilization-now").topics, ["rent"]);
    let site: serde_json::Value = serde_json::from_str(&fs::read_to_string(out.join("site.json")).unwrap()).unwrap();
    assert_eq!(site["topics"], serde_json::json!([{"id": "rent", "name": {"en": "Rent", "es": "Alquiler"}}]));
}

#[test]
fn hostile_html_never_reaches_the_content_as_markup() {
    let out = fresh("wp-hostile");
    let hostile = r#"<p onclick="steal()" style="x">Read <a href="javascript:steal()">this</a> <a href=" JaVaScRiPt:steal()">too</a>
<a href="data:text/html,<script>steal()</script>">data</a> <a href="vbscript:steal()">vb</a></p>
<script>steal()</script><style>body{}</style><iframe src="javascript:steal()"></iframe>
<img src="javascript:steal()" onerror="steal()" alt="x" width="10" height="10"><svg onload="steal()"><script>steal()</script></svg>
<form action="https://evil.example"><input name="q"><button onclick="steal()">Go</button></form>
<object data="x.swf"></object><embed src="x.swf"><noscript><img src=x onerror=steal()></noscript>
<p>Plain &lt;b&gt;text&lt;/b&gt; stays text.</p>"#;
    let xml = fs::read_to_string(fixture().join("export.xml")).unwrap().replace(
        "<p>El aumento de la tarifa del autobús golpea a quienes menos tienen. Pedimos congelar la tarifa.</p>",
        hostile,
    );
    let path = out.parent().unwrap().join("wp-hostile-export.xml");
    fs::write(&path, xml).unwrap();
    let report = import_file(&path, &settings(&out)).unwrap();
    assert_eq!(report.problems, [], "{report}");
    let text = fs::read_to_string(out.join("statements/congelar-la-tarifa-del-autobus.json")).unwrap();
    for bad in
        ["steal", "javascript", "onclick", "onerror", "onload", "<script", "<iframe", "<svg", "data:", "vbscript"]
    {
        assert!(!text.to_lowercase().contains(bad), "{bad} reached the content: {text}");
    }
    assert!(text.contains("Plain <b>text</b> stays text."), "escaped markup is text, shown as text");
}
