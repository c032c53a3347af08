//! The import's speed on a generated export of 2,000 posts (1,000 statements in
//! English and Spanish, Polylang-paired, with the fixture's bodies). Prints
//! the time; for the release figure run
//! `cargo test --release -p tribuna-tools --test import_speed -- --nocapture`.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tribuna_tools::wordpress::{import_file, Settings};
use tribuna_tools::wxr;

const POSTS: usize = 2000;

/// An export of `posts` posts, in pairs, with bodies taken from the fixture.
fn generated_export(posts: usize) -> String {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/export.xml");
    let export = wxr::parse(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    let body = |id: u64| export.items.iter().find(|i| i.id == id).unwrap().content.clone();
    let bodies = [(body(101), body(102)), (body(103), body(104)), (body(106), body(105))];
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Generated</title>
<wp:author><wp:author_login>ana</wp:author_login><wp:author_display_name>Ana Ruiz</wp:author_display_name><wp:author_description>Coordinator.</wp:author_description></wp:author>
<wp:term><wp:term_id>2</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>en</wp:term_slug><wp:term_name>English</wp:term_name></wp:term>
<wp:term><wp:term_id>3</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>es</wp:term_slug><wp:term_name>Español</wp:term_name></wp:term>
"#,
    );
    for pair in 0..posts / 2 {
        let (en_id, es_id) = (10_000 + 2 * pair, 10_001 + 2 * pair);
        let group = format!("pll_{pair}");
        let map = format!("a:2:{{s:2:\"en\";i:{en_id};s:2:\"es\";i:{es_id};}}");
        let _ = writeln!(
            xml,
            "<wp:term><wp:term_id>{}</wp:term_id><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>{group}</wp:term_slug><wp:term_name>{group}</wp:term_name><wp:term_description><![CDATA[{map}]]></wp:term_description></wp:term>",
            100_000 + pair
        );
        let (en, es) = &bodies[pair % bodies.len()];
        let day = 1 + pair % 28;
        let month = 1 + (pair / 28) % 12;
        for (id, lang, body, title) in
            [(en_id, "en", en, format!("Statement {pair}")), (es_id, "es", es, format!("Declaración {pair}"))]
        {
            let _ = writeln!(
                xml,
                r#"<item><title>{title}</title><dc:creator>ana</dc:creator><content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[Lead {pair}.]]></excerpt:encoded><wp:post_id>{id}</wp:post_id><wp:post_date>2024-{month:02}-{day:02} 10:00:00</wp:post_date><wp:post_modified>2024-{month:02}-{day:02} 10:00:00</wp:post_modified><wp:post_name>statement-{pair}-{lang}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="language" nicename="{lang}">{lang}</category><category domain="post_translations" nicename="{group}">{group}</category><category domain="category" nicename="topic-{t}">Topic {t}</category></item>"#,
                t = pair % 7
            );
        }
    }
    xml.push_str("</channel></rss>\n");
    xml
}

#[test]
fn imports_a_2000_post_export() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("import-speed");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let export = dir.join("export.xml");
    std::fs::write(&export, generated_export(POSTS)).unwrap();
    let settings = Settings::new(dir.join("content"));
    let start = Instant::now();
    let report = import_file(&export, &settings).unwrap();
    let first = start.elapsed();
    let start = Instant::now();
    let again = import_file(&export, &settings).unwrap();
    let second = start.elapsed();
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!(
        "import speed ({profile}): {POSTS} posts ({} KiB export) -> {} statements in {:.2} s ({:.0} posts/s); unchanged re-run {:.2} s",
        std::fs::metadata(&export).unwrap().len() / 1024,
        report.statements.len(),
        first.as_secs_f64(),
        POSTS as f64 / first.as_secs_f64(),
        second.as_secs_f64()
    );
    assert_eq!(report.statements.len(), POSTS / 2);
    assert_eq!(report.problems, [], "{}", report.problems.first().map(ToString::to_string).unwrap_or_default());
    assert!(again.with(tribuna_tools::output::Outcome::Written).is_empty());
}
