//! Turning a fetched file's text into a checked content document.
//!
//! [`parse`] does it in three steps, each with a precise error: the text must be
//! JSON (else the line and column); its `format` must be [`FORMAT_VERSION`]
//! (else [`ContentError::UnsupportedVersion`]); it must have the document's
//! shape (else the field path, via [`crate::decode`]); and it must follow
//! the rules in [`crate::validate`] (else the first broken one).

use serde_json::Value;

use crate::content::{AuthorsFile, IndexFile, SiteFile, StatementFile, FORMAT_VERSION};
use crate::decode::{decode, Decode};
use crate::error::ContentError;
use crate::validate::{self, Issue};

/// A content document: a type that one file deserializes into, with its rules.
pub trait Document: Decode {
    /// The content rules this document breaks (empty when it is valid).
    fn issues(&self) -> Vec<Issue>;
}

impl Document for SiteFile {
    fn issues(&self) -> Vec<Issue> {
        validate::site(self)
    }
}

impl Document for AuthorsFile {
    fn issues(&self) -> Vec<Issue> {
        validate::authors(self)
    }
}

impl Document for StatementFile {
    fn issues(&self) -> Vec<Issue> {
        validate::statement(self)
    }
}

impl Document for IndexFile {
    fn issues(&self) -> Vec<Issue> {
        validate::index(self)
    }
}

/// Parses and checks `text`, the content of `file` (named in every error).
pub fn parse<T: Document>(file: &str, text: &str) -> Result<T, ContentError> {
    let value = versioned_json(file, text)?;
    let doc: T = shaped(file, &value)?;
    rules_error(file, doc.issues()).map_or(Ok(doc), Err)
}

/// Reads `text`, the content of `file`, as a `T`: JSON of the right shape,
/// with no format version or rules (UI-string catalogues, saved drafts).
pub fn read<T: Decode>(file: &str, text: &str) -> Result<T, ContentError> {
    shaped(file, &json(file, text)?)
}

fn shaped<T: Decode>(file: &str, value: &Value) -> Result<T, ContentError> {
    decode(value).map_err(|e| parse_error(file, &e.path, e.message))
}

#[inline(never)]
fn json(file: &str, text: &str) -> Result<Value, ContentError> {
    serde_json::from_str(text).map_err(|e| parse_error(file, ".", format!("not valid JSON ({e})")))
}

/// The first two steps, shared by every document type: JSON, then the version.
#[inline(never)]
fn versioned_json(file: &str, text: &str) -> Result<Value, ContentError> {
    let value = json(file, text)?;
    match value.get("format") {
        None if value.is_object() => Err(parse_error(file, "format", "missing field".into())),
        None => Err(parse_error(file, ".", format!("expected an object, found {}", kind(&value)))),
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => Ok(value),
        Some(Value::Number(n)) if n.as_u64().is_some() => Err(ContentError::UnsupportedVersion {
            file: file.to_string(),
            found: n.as_u64().unwrap_or_default(),
            supported: FORMAT_VERSION,
        }),
        Some(other) => Err(parse_error(file, "format", format!("expected a version number, found {}", kind(other)))),
    }
}

fn parse_error(file: &str, path: &str, message: String) -> ContentError {
    ContentError::Parse { file: file.to_string(), path: path.to_string(), message }
}

/// The first broken rule, if any, as an error.
#[inline(never)]
fn rules_error(file: &str, issues: Vec<Issue>) -> Option<ContentError> {
    let issue = issues.into_iter().next()?;
    Some(ContentError::Invalid { file: file.to_string(), path: issue.path, message: issue.message })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Block;

    const FILE: &str = "statements/x.json";

    fn statement_json(body: &str) -> String {
        format!(
            r#"{{"format":1,"slug":"x","published":"2025-06-10","authors":["org"],
            "original_language":"en",
            "hero":{{"src":"images/x.svg","width":1200,"height":675,"alt":{{"en":"A crowd"}},"caption":{{"en":"March"}},"credit":"Staff"}},
            "translations":{{"en":{{"title":"T","lead":"L","body":{body}}},
                             "es":{{"title":"T es","lead":"L es","body":[{{"type":"paragraph","text":[{{"text":"Hola"}}]}}]}}}}}}"#
        )
    }

    const GOOD_BODY: &str = r#"[
        {"type":"paragraph","text":[{"text":"We "},{"em":"demand"},{"strong":" action"},{"link":{"text":"now","href":"https://example.org"}}]},
        {"type":"heading","text":"Next"},
        {"type":"quote","text":[{"text":"Q"}],"attribution":"Someone"},
        {"type":"list","ordered":true,"items":[[{"text":"one"}],[{"text":"two"}]]},
        {"type":"image","src":"images/y.svg","width":10,"height":10,"alt":"alt","caption":"c"},
        {"type":"callout","text":"Housing now!"}
    ]"#;

    #[test]
    fn parses_a_good_statement_with_every_block_type() {
        let s: StatementFile = parse(FILE, &statement_json(GOOD_BODY)).unwrap();
        let body = &s.translations["en"].body;
        assert_eq!(body.len(), 6);
        assert!(matches!(body[3], Block::List { ordered: true, ref items } if items.len() == 2));
        assert!(matches!(body[5], Block::Callout { .. }));
    }

    #[test]
    fn unknown_block_type_names_file_path_and_type() {
        let body = r#"[{"type":"paragraph","text":[{"text":"a"}]},{"type":"paragraph","text":[{"text":"b"}]},
            {"type":"heading","text":"h"},{"type":"video","src":"v.mp4"}]"#;
        let err = parse::<StatementFile>(FILE, &statement_json(body)).unwrap_err();
        assert_eq!(err.message_key(), "error.invalid");
        let line = err.to_string();
        assert!(line.starts_with("statements/x.json: translations.en.body[3].type: unknown type \"video\""), "{line}");
    }

    #[test]
    fn truncated_json_is_a_parse_error_with_position() {
        let full = statement_json(GOOD_BODY);
        let err = parse::<StatementFile>(FILE, &full[..full.len() / 2]).unwrap_err();
        assert!(
            matches!(&err, ContentError::Parse { path, message, .. } if path == "." && message.contains("line")),
            "{err}"
        );
    }

    #[test]
    fn wrong_type_and_missing_field_have_paths() {
        let wrong = statement_json(GOOD_BODY).replace(r#""width":1200"#, r#""width":"wide""#);
        let err = parse::<StatementFile>(FILE, &wrong).unwrap_err();
        assert!(err.to_string().starts_with("statements/x.json: hero.width: invalid type"), "{err}");

        let missing = statement_json(GOOD_BODY).replace(r#""title":"T","#, "");
        let err = parse::<StatementFile>(FILE, &missing).unwrap_err();
        assert!(err.to_string().contains("translations.en: missing field `title`"), "{err}");
    }

    #[test]
    fn version_is_checked_before_shape() {
        let v2 = statement_json(GOOD_BODY).replacen(r#""format":1"#, r#""format":2"#, 1);
        let err = parse::<StatementFile>(FILE, &v2).unwrap_err();
        assert_eq!(err, ContentError::UnsupportedVersion { file: FILE.into(), found: 2, supported: 1 });
        assert_eq!(err.message_key(), "error.version");

        let none = parse::<StatementFile>(FILE, r#"{"slug":"x"}"#).unwrap_err();
        assert!(none.to_string().contains("format: missing field"), "{none}");
        let array = parse::<StatementFile>(FILE, "[1,2]").unwrap_err();
        assert!(array.to_string().contains("expected an object, found an array"), "{array}");
    }

    #[test]
    fn hostile_link_is_invalid_with_its_path() {
        let body = r#"[{"type":"paragraph","text":[{"link":{"text":"x","href":"javascript:alert(1)"}}]}]"#;
        let err = parse::<StatementFile>(FILE, &statement_json(body)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "statements/x.json: translations.en.body[0].text[0].link.href: link \"javascript:alert(1)\" is not http(s), mailto or relative"
        );
    }

    #[test]
    fn statement_rules() {
        let good: StatementFile = parse(FILE, &statement_json(GOOD_BODY)).unwrap();
        let mut s = good.clone();
        s.original_language = "fr".into();
        s.published = "2025-02-30".into();
        s.authors.clear();
        s.translations.get_mut("es").unwrap().title = " ".into();
        let paths: Vec<String> = validate::statement(&s).into_iter().map(|i| i.path).collect();
        assert_eq!(paths, ["published", "authors", "original_language", "hero.alt", "translations.es.title"]);
    }

    #[test]
    fn site_rules() {
        let text = r#"{"format":1,"name":{"en":"Tribuna"},"languages":[{"code":"en","name":"English"}],
            "default_language":"es","calls_to_action":[{"id":"join","heading":{"en":"Join"},"pitch":{"en":"p"},
            "button":{"en":"b"},"href":{"en":"data:text/html,x"}}]}"#;
        let err = parse::<SiteFile>("site.json", text).unwrap_err();
        assert_eq!(err.to_string(), "site.json: default_language: \"es\" is not one of the languages");
        let site: SiteFile = serde_json::from_str(text).unwrap();
        let paths: Vec<String> = validate::site(&site).into_iter().map(|i| i.path).collect();
        assert!(paths.contains(&"calls_to_action[0].href.en".to_string()), "{paths:?}");
    }

    #[test]
    fn authors_rules() {
        let text = r#"{"format":1,"authors":[{"id":"a","kind":"organization","name":"A","bio":{"en":"x"}},
            {"id":"a","kind":"person","name":"B","bio":{"en":"y"},"url":"javascript:x"}]}"#;
        let authors: AuthorsFile = serde_json::from_str(text).unwrap();
        let paths: Vec<String> = validate::authors(&authors).into_iter().map(|i| i.path).collect();
        assert_eq!(paths, ["authors[1].id", "authors[1].url"]);
        let bad_kind = text.replace("\"person\"", "\"robot\"");
        let err = parse::<AuthorsFile>("authors.json", &bad_kind).unwrap_err();
        assert!(err.to_string().starts_with("authors.json: authors[1].kind: unknown type \"robot\""), "{err}");
    }

    #[test]
    fn index_rules() {
        let good: StatementFile = parse(FILE, &statement_json(GOOD_BODY)).unwrap();
        let mut older = good.clone();
        older.slug = "older".into();
        older.published = "2024-01-01".into();
        let ix = crate::content::build_index(&[older, good], 100).remove(0);
        assert_eq!(ix.statements[0].slug, "x");
        assert!(validate::index(&ix).is_empty());
        let mut wrong = ix.clone();
        wrong.statements.reverse();
        let paths: Vec<String> = validate::index(&wrong).into_iter().map(|i| i.path).collect();
        assert_eq!(paths, ["statements[1].published"]);
    }
}
