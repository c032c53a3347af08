//! Property tests for the three readers of untrusted input: the content
//! decoder, the HTML-to-blocks converter and the PHP-serialised value reader.
//! Arbitrary input gives an error or valid content: never a panic, never markup.
//! Each test prints how many cases it ran (`cargo test -- --nocapture`).

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use tribuna_core::content::{Block, Inline, StatementFile, Translation};
use tribuna_core::href::{is_safe_image, is_safe_link};
use tribuna_core::load::parse;
use tribuna_tools::blocks::{from_html, NoImages, Options};
use tribuna_tools::php;

/// Cases per test; `PROPTEST_CASES` overrides it.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2000)
}

/// Runs `test` on `strategy` for [`cases`] cases and prints the count.
fn run<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let count = std::cell::Cell::new(0u32);
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let result = runner.run(&strategy, |input| {
        count.set(count.get() + 1);
        test(input)
    });
    println!("property {name}: {} cases", count.get());
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

fn links_and_images_are_safe(blocks: &[Block]) -> Result<(), TestCaseError> {
    let runs = |r: &[Inline]| -> Result<(), TestCaseError> {
        for run in r {
            if let Inline::Link { href, .. } = run {
                prop_assert!(is_safe_link(href), "unsafe link {href}");
            }
        }
        Ok(())
    };
    for b in blocks {
        match b {
            Block::Paragraph { text } | Block::Quote { text, .. } => runs(text)?,
            Block::List { items, .. } => items.iter().try_for_each(|i| runs(i))?,
            Block::Image { src, .. } => prop_assert!(is_safe_image(src), "unsafe image {src}"),
            Block::Heading { .. } | Block::Callout { .. } => {}
        }
    }
    Ok(())
}

/// A body is valid content when a statement holding it passes the rules.
fn valid_body(blocks: Vec<Block>) -> Result<(), TestCaseError> {
    if blocks.is_empty() {
        return Ok(());
    }
    links_and_images_are_safe(&blocks)?;
    let s = StatementFile {
        format: 1,
        slug: "x".into(),
        published: "2025-01-01".into(),
        updated: None,
        authors: vec!["a".into()],
        topics: vec![],
        related: vec![],
        original_language: "en".into(),
        hero: None,
        translations: [("en".into(), Translation { title: "T".into(), lead: "L".into(), body: blocks })].into(),
    };
    let issues = tribuna_core::validate::statement(&s);
    prop_assert!(issues.is_empty(), "{issues:?} in {:?}", s.translations["en"].body);
    Ok(())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z<>:/\"&# ]{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("javascript:alert(1)"),
            Just("paragraph"),
            Just("image"),
            Just("list"),
            Just("quote"),
            Just("2025-02-30"),
            Just("en")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_string()),
                    Just("text".to_string()),
                    Just("href".to_string()),
                    Just("link".to_string()),
                    Just("src".to_string()),
                    "[a-z]{1,6}"
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value at the path `choices` picks in `v` (child by child) with `new`.
fn mutate(v: &mut Value, choices: &[usize], new: Value) {
    let child = match (v, choices.first()) {
        (Value::Object(m), Some(c)) if !m.is_empty() => {
            let key = m.keys().nth(c % m.len()).cloned().unwrap_or_default();
            m.get_mut(&key)
        }
        (Value::Array(a), Some(c)) if !a.is_empty() => {
            let len = a.len();
            a.get_mut(c % len)
        }
        (v, _) => {
            *v = new;
            return;
        }
    };
    if let Some(child) = child {
        mutate(child, &choices[1..], new);
    }
}

#[test]
fn the_content_decoder_never_panics_and_accepts_only_valid_content() {
    let demo =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/content/statements/rent-stabilization-now.json");
    let base: Value = serde_json::from_str(&std::fs::read_to_string(demo).unwrap()).unwrap();
    let strategy = (prop::collection::vec(any::<usize>(), 0..8), json_value(), any::<bool>(), ".{0,64}");
    run("content decoder", strategy, |(path, new, whole, text)| {
        let mut doc = base.clone();
        mutate(&mut doc, &path, new);
        let raw = if whole { text } else { doc.to_string() };
        if let Ok(s) = parse::<StatementFile>("statements/x.json", &raw) {
            prop_assert!(tribuna_core::validate::statement(&s).is_empty());
            for t in s.translations.values() {
                links_and_images_are_safe(&t.body)?;
            }
        }
        Ok(())
    });
}

/// HTML built from tags, hostile ones included; text never contains `<` or `&`.
fn html() -> impl Strategy<Value = String> {
    let text = "[a-zA-Z “”’.,\n\u{a0}\\[\\]]{0,12}".prop_map(|s| s);
    let leaf = prop_oneof![
        text.clone(),
        Just("<script>EVIL()</script>".to_string()),
        Just("<img src=x onerror=EVIL()>".to_string()),
        Just("<img src=\"javascript:EVIL()\" alt=\"a\" width=\"5\" height=\"5\">".to_string()),
        Just("<img src=\"a.png\" alt=\"ok\" width=\"5\" height=\"5\">".to_string()),
        Just("<iframe src=\"https://EVIL.example\">EVIL</iframe>".to_string()),
        Just("<style>EVIL{}</style>".to_string()),
        Just("<svg onload=EVIL()><script>EVIL</script></svg>".to_string()),
        Just("[embed]https://EVIL.example[/embed]".to_string()),
        Just(
            "[caption id=\"attachment_1\"]<img src=\"b.png\" alt=\"c\" width=\"3\" height=\"4\"> cap[/caption]"
                .to_string()
        ),
        Just("<br>".to_string()),
        Just("&nbsp;&amp;&#8217;".to_string()),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        let tag = prop_oneof![
            Just(("<p onclick=\"EVIL()\">", "</p>")),
            Just(("<div class=\"slogan\">", "</div>")),
            Just(("<strong>", "</strong>")),
            Just(("<b>", "</b>")),
            Just(("<em>", "</em>")),
            Just(("<i>", "</i>")),
            Just(("<a href=\"https://ok.example\">", "</a>")),
            Just(("<a href=\"javascript:EVIL()\">", "</a>")),
            Just(("<a href=\" data:text/html,EVIL\">", "</a>")),
            Just(("<h2>", "</h2>")),
            Just(("<ul><li>", "</li></ul>")),
            Just(("<ol><li>", "</li><li>x<ul><li>y</li></ul></li></ol>")),
            Just(("<blockquote><p>", "</p><cite>who</cite></blockquote>")),
            Just(("<figure>", "<figcaption>cap</figcaption></figure>")),
            Just(("<form action=\"EVIL\">", "</form>")),
            Just(("<table><tr><td>", "</td></tr></table>")),
            Just(("<!-- wp:paragraph -->", "<!-- /wp:paragraph -->")),
        ];
        (tag, prop::collection::vec(inner, 0..4))
            .prop_map(|((open, close), kids)| format!("{open}{}{close}", kids.concat()))
    })
}

#[test]
fn html_to_blocks_never_panics_and_never_passes_markup() {
    let options = Options { slogan_classes: vec!["slogan".into()], title_is_caption: false };
    run("HTML to blocks (generated hostile HTML)", html(), |input| {
        let c = from_html(&input, &options, &NoImages);
        let json = serde_json::to_string(&c.blocks).unwrap();
        prop_assert!(!json.contains("EVIL"), "hostile content reached the blocks: {json}");
        prop_assert!(!json.contains('<'), "markup reached the blocks: {json}");
        valid_body(c.blocks)
    });
    run("HTML to blocks (arbitrary text)", ".{0,200}", |input| {
        let c = from_html(&input, &options, &NoImages);
        valid_body(c.blocks)
    });
}

fn php_value() -> impl Strategy<Value = php::Value> {
    let leaf = prop_oneof![
        Just(php::Value::Null),
        any::<bool>().prop_map(php::Value::Bool),
        any::<i64>().prop_map(php::Value::Int),
        (-1.0e6f64..1.0e6).prop_map(php::Value::Float),
        ".{0,10}".prop_map(php::Value::Str),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        let key = prop_oneof![any::<i64>().prop_map(php::Key::Int), "[a-z\"; ]{0,6}".prop_map(php::Key::Str)];
        prop::collection::vec((key, inner), 0..5).prop_map(php::Value::Array)
    })
}

/// PHP's `serialize()`, for the round trip.
fn serialize(v: &php::Value) -> String {
    match v {
        php::Value::Null => "N;".into(),
        php::Value::Bool(b) => format!("b:{};", u8::from(*b)),
        php::Value::Int(i) => format!("i:{i};"),
        php::Value::Float(f) => format!("d:{f:?};"),
        php::Value::Str(s) => format!("s:{}:\"{s}\";", s.len()),
        php::Value::Array(items) => {
            let body: String = items
                .iter()
                .map(|(k, v)| {
                    let key = match k {
                        php::Key::Int(i) => format!("i:{i};"),
                        php::Key::Str(s) => format!("s:{}:\"{s}\";", s.len()),
                    };
                    key + &serialize(v)
                })
                .collect();
            format!("a:{}:{{{body}}}", items.len())
        }
    }
}

#[test]
fn the_php_reader_never_panics_and_reads_back_what_php_writes() {
    run("PHP-serialised reader (round trip)", php_value(), |v| {
        prop_assert_eq!(php::parse(&serialize(&v)), Ok(v));
        Ok(())
    });
    run("PHP-serialised reader (arbitrary text)", "[aisdbN0-9:;{}\"ñ]{0,40}|.{0,40}", |input| {
        let _ = php::parse(&input);
        let _ = php::language_map(&input);
        Ok(())
    });
}
