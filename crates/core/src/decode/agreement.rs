//! Property tests: the decoder reads content exactly as serde does.
//!
//! Both are generated from the same field lists (`#[content_type]`), and these
//! tests hold them to it:
//! - random valid values of every content type are written with serde and
//!   decoded with [`Decode`]: the result equals the value ([`VALUE_CASES`] cases
//!   per type);
//! - random mutations of the demo content files (a field dropped, a value of
//!   another type, an unknown field added, a wrong enum tag, an array or a string
//!   cut short) are decoded both ways: both accept and read the same value, or
//!   both reject ([`MUTATION_CASES`] cases); error wording may differ;
//! - the files' text cut anywhere is refused both ways ([`TEXT_CASES`] cases).
//!
//! The one difference the decoder makes on purpose (see the module doc of
//! [`crate::decode`]): serde also reads a JSON array as a struct, the decoder
//! wants an object.
//!
//! Each test prints how many cases it ran (`cargo test -- --nocapture`).

use std::cell::Cell;
use std::fmt::Debug;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use super::sample::Sample;
use super::{decode, Decode};
use crate::content::*;
use crate::mailbag::{Draft, MailbagFile, QuestionAnswer};
use crate::related::RelatedSettings;

/// Random values tried per content type.
const VALUE_CASES: u32 = 256;
/// Random mutations of the demo files tried.
const MUTATION_CASES: u32 = 2048;
/// Random cuts of the demo files' text tried.
const TEXT_CASES: u32 = 256;

/// A runner with a fixed number of cases that writes no regression files.
fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

/// Writes random values of `T` with serde and decodes them; returns the number of cases.
fn round_trip<T: Sample + Decode + Serialize + DeserializeOwned + PartialEq>() -> u32 {
    let cases = Cell::new(0);
    runner(VALUE_CASES)
        .run(&T::sample(), |value| {
            cases.set(cases.get() + 1);
            let json = serde_json::to_value(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let decoded = decode::<T>(&json).map_err(|e| TestCaseError::fail(format!("{}: {}", e.path, e.message)))?;
            prop_assert_eq!(&decoded, &value);
            let by_serde: T = serde_json::from_value(json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(by_serde, value);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{}: {e}", std::any::type_name::<T>()));
    cases.get()
}

#[test]
fn random_values_of_every_content_type_decode_as_written() {
    let runs = [
        round_trip::<SiteFile>(),
        round_trip::<MailbagSettings>(),
        round_trip::<RelatedSettings>(),
        round_trip::<Language>(),
        round_trip::<Topic>(),
        round_trip::<CallToAction>(),
        round_trip::<AuthorsFile>(),
        round_trip::<Author>(),
        round_trip::<AuthorKind>(),
        round_trip::<StatementFile>(),
        round_trip::<HeroImage>(),
        round_trip::<Translation>(),
        round_trip::<Block>(),
        round_trip::<Inline>(),
        round_trip::<IndexFile>(),
        round_trip::<IndexEntry>(),
        round_trip::<Thumbnail>(),
        round_trip::<MailbagFile>(),
        round_trip::<QuestionAnswer>(),
        round_trip::<Draft>(),
    ];
    let total: u32 = runs.iter().sum();
    println!("random values: {total} cases ({} types × {VALUE_CASES})", runs.len());
    assert_eq!(total, VALUE_CASES * runs.len() as u32);
}

/// Whether serde and the decoder agree about `value` as a `T`: `Ok(true)` when
/// both read it (the same), `Ok(false)` when both refuse it.
fn agree<T: Decode + DeserializeOwned + PartialEq + Debug>(value: &Value) -> Result<bool, String> {
    match (serde_json::from_value::<T>(value.clone()), decode::<T>(value)) {
        (Ok(a), Ok(b)) if a == b => Ok(true),
        (Ok(a), Ok(b)) => Err(format!("read differently:\nserde:   {a:?}\ndecoder: {b:?}")),
        (Err(_), Err(_)) => Ok(false),
        // The documented difference: serde reads an array as a struct.
        (Ok(_), Err(e)) if e.message == "invalid type: sequence, expected a map" => Ok(false),
        (Ok(_), Err(e)) => Err(format!("serde reads it, the decoder refuses: {}: {}", e.path, e.message)),
        (Err(e), Ok(_)) => Err(format!("the decoder reads it, serde refuses: {e}")),
    }
}

/// [`agree`] for a file's text, read as the app reads it ([`crate::load::read`]).
fn agree_text<T: Decode + DeserializeOwned + PartialEq + Debug>(text: &str) -> Result<bool, String> {
    match (serde_json::from_str::<T>(text), crate::load::read::<T>("file.json", text)) {
        (Ok(a), Ok(b)) if a == b => Ok(true),
        (Err(_), Err(_)) => Ok(false),
        (a, b) => Err(format!("disagree: serde {:?}, decoder {:?}", a.map(|_| ()), b.map(|_| ())).replace('\n', " ")),
    }
}

/// A valid file to mutate, and how to compare both readers on it.
struct Seed {
    name: String,
    value: Value,
    agree: fn(&Value) -> Result<bool, String>,
    agree_text: fn(&str) -> Result<bool, String>,
}

impl Seed {
    fn new<T: Decode + DeserializeOwned + PartialEq + Debug>(name: &str, value: Value) -> Seed {
        Seed { name: name.to_string(), value, agree: agree::<T>, agree_text: agree_text::<T> }
    }
}

/// Every demo content file, and a saved form draft.
fn seeds() -> Vec<Seed> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/content/");
    let file = |name: &str| -> Value {
        let text = std::fs::read_to_string(format!("{root}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let mut seeds = vec![
        Seed::new::<SiteFile>("site.json", file("site.json")),
        Seed::new::<AuthorsFile>("authors.json", file("authors.json")),
        Seed::new::<MailbagFile>("mailbag.json", file("mailbag.json")),
        Seed::new::<Draft>(
            "draft",
            json!({"name": "Ana", "email": "ana@example.org", "question": "¿Cuándo?", "consent": true}),
        ),
    ];
    for dir in ["statements", "topics"] {
        let mut names: Vec<String> = std::fs::read_dir(format!("{root}{dir}"))
            .unwrap()
            .map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        names.sort();
        for name in names {
            let value = file(&name);
            seeds.push(if value.get("statements").is_some() {
                Seed::new::<IndexFile>(&name, value)
            } else {
                Seed::new::<StatementFile>(&name, value)
            });
        }
    }
    for seed in &seeds {
        assert_eq!((seed.agree)(&seed.value), Ok(true), "{} reads both ways", seed.name);
    }
    seeds
}

/// Values that replace others: every JSON type, in and out of a `u32`'s range.
const VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "7",
    "-1",
    "4294967296",
    "1.5",
    "\"\"",
    "\"x\"",
    "\"2025-01-01\"",
    "[]",
    "[1]",
    "[\"x\"]",
    "{}",
    "{\"text\": \"x\"}",
];

/// Tags written in place of others: every block, author kind and inline run, and unknown ones.
const TAGS: &[&str] = &[
    "paragraph",
    "heading",
    "quote",
    "list",
    "image",
    "callout",
    "video",
    "",
    "organization",
    "person",
    "robot",
    "text",
    "em",
    "strong",
    "link",
];

/// One change to a valid file. The `usize`s pick a node (among all, or among
/// the objects, arrays or strings) and what to put there, modulo their number.
#[derive(Debug, Clone)]
enum Mutation {
    /// Drop a field of an object.
    Drop { object: usize, field: usize },
    /// Replace a value with one of [`VALUES`].
    Retype { node: usize, value: usize },
    /// Add a field no type has.
    AddUnknown { object: usize, value: usize },
    /// Write one of [`TAGS`] as a block's `type`, an author's `kind` or an inline run's key.
    Retag { object: usize, tag: usize },
    /// Cut an array or a string short.
    Shorten { node: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(object, field)| Mutation::Drop { object, field }),
        (any::<usize>(), any::<usize>()).prop_map(|(node, value)| Mutation::Retype { node, value }),
        (any::<usize>(), any::<usize>()).prop_map(|(object, value)| Mutation::AddUnknown { object, value }),
        (any::<usize>(), any::<usize>()).prop_map(|(object, tag)| Mutation::Retag { object, tag }),
        (any::<usize>(), any::<usize>()).prop_map(|(node, len)| Mutation::Shorten { node, len }),
    ]
}

/// The JSON Pointers of the nodes of `value` that `keep` picks, in document order.
fn pointers(value: &Value, keep: fn(&Value) -> bool) -> Vec<String> {
    fn walk(value: &Value, at: String, keep: fn(&Value) -> bool, out: &mut Vec<String>) {
        if keep(value) {
            out.push(at.clone());
        }
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), keep, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{at}/{i}"), keep, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, String::new(), keep, &mut out);
    out
}

/// The `n`th (modulo their number) node that `keep` picks.
fn pick<'a>(value: &'a mut Value, n: usize, keep: fn(&Value) -> bool) -> Option<&'a mut Value> {
    let all = pointers(value, keep);
    let at = all.get(n % all.len().max(1))?.clone();
    value.pointer_mut(&at)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

impl Mutation {
    fn apply(&self, value: &mut Value) {
        match *self {
            Mutation::Drop { object, field } => {
                if let Some(Value::Object(map)) = pick(value, object, Value::is_object) {
                    if let Some(key) = map.keys().nth(field % map.len().max(1)).cloned() {
                        map.remove(&key);
                    }
                }
            }
            Mutation::Retype { node, value: v } => {
                if let Some(node) = pick(value, node, |_| true) {
                    *node = parse(VALUES[v % VALUES.len()]);
                }
            }
            Mutation::AddUnknown { object, value: v } => {
                if let Some(Value::Object(map)) = pick(value, object, Value::is_object) {
                    map.insert("not_a_field".into(), parse(VALUES[v % VALUES.len()]));
                }
            }
            Mutation::Retag { object, tag } => {
                let tag = TAGS[tag % TAGS.len()].to_string();
                if let Some(Value::Object(map)) = pick(value, object, Value::is_object) {
                    if let Some(field) = ["type", "kind"].into_iter().find(|k| map.contains_key(*k)) {
                        map.insert(field.into(), Value::String(tag));
                    } else if let Some(key) = map.keys().next().cloned() {
                        // An inline run's key (or, elsewhere, a renamed field).
                        let inner = map.remove(&key).unwrap_or(Value::Null);
                        map.insert(tag, inner);
                    }
                }
            }
            Mutation::Shorten { node, len } => match pick(value, node, |v| v.is_array() || v.is_string()) {
                Some(Value::Array(items)) => items.truncate(len % items.len().max(1)),
                Some(Value::String(s)) => {
                    let end = s.char_indices().nth(len % s.chars().count().max(1)).map_or(0, |(i, _)| i);
                    s.truncate(end);
                }
                _ => {}
            },
        }
    }
}

#[test]
fn mutated_files_are_read_alike_or_refused_alike() {
    let seeds = seeds();
    let (cases, accepted) = (Cell::new(0), Cell::new(0));
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 1..=3));
    runner(MUTATION_CASES)
        .run(&strategy, |(seed, mutations)| {
            let seed = &seeds[seed];
            let mut value = seed.value.clone();
            for m in &mutations {
                m.apply(&mut value);
            }
            cases.set(cases.get() + 1);
            match (seed.agree)(&value) {
                Ok(read) => {
                    accepted.set(accepted.get() + u32::from(read));
                    Ok(())
                }
                Err(e) => Err(TestCaseError::fail(format!("{} after {mutations:?}: {e}", seed.name))),
            }
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let (cases, accepted) = (cases.get(), accepted.get());
    println!("mutated files: {cases} cases, {accepted} read both ways, {} refused both ways", cases - accepted);
    assert_eq!(cases, MUTATION_CASES);
    // Both outcomes are exercised, or the test proves little.
    assert!(accepted > cases / 20 && accepted < cases - cases / 20, "{accepted} of {cases} accepted");
}

#[test]
fn cut_files_are_refused_alike() {
    let seeds = seeds();
    let texts: Vec<String> = seeds.iter().map(|s| s.value.to_string()).collect();
    let cases = Cell::new(0);
    runner(TEXT_CASES)
        .run(&(0..seeds.len(), any::<usize>()), |(i, cut)| {
            let text = &texts[i];
            let mut end = cut % text.len();
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            cases.set(cases.get() + 1);
            match (seeds[i].agree_text)(&text[..end]) {
                Ok(false) => Ok(()),
                Ok(true) => Err(TestCaseError::fail(format!("{} cut at {end} still reads", seeds[i].name))),
                Err(e) => Err(TestCaseError::fail(format!("{} cut at {end}: {e}", seeds[i].name))),
            }
        })
        .unwrap_or_else(|e| panic!("{e}"));
    println!("cut files: {} cases", cases.get());
    assert_eq!(cases.get(), TEXT_CASES);
}
