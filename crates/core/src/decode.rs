//! Reading typed documents out of parsed JSON, field by field, so that every
//! error names the path of the value it is about (`translations.en.body[3].type`).
//!
//! Each content type's [`Decode`] impl is generated, with its serde attributes,
//! from its one field list by `#[content_type]` (crate `tribuna-derive`), as
//! calls to the small set of readers here: [`Obj::req`] for a required field,
//! [`Obj::opt`] for an optional one, [`Obj::or_default`]/[`Obj::or`] for one
//! with a default, [`Obj::tag_index`] for the `type` of a tagged block,
//! [`Obj::single_index`] for an inline run and [`Node::which`] for a name. So
//! the rules are serde's (the JSON Schemas are generated from the same
//! attributes): unknown fields are ignored, a missing or `null` optional field
//! is `None`. Property tests (`decode/agreement.rs`) decode random values and
//! random mutations of the demo content both ways and compare. One difference,
//! on purpose: serde would also take a JSON array for a struct (`["en",
//! "English"]` for a language); here, as in the schemas, a struct is an object.
//!
//! Decoding through these readers instead of serde's derived visitors keeps the
//! app's wasm small: the derived code is generic per type and per input format,
//! while these readers exist once.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

#[cfg(test)]
mod agreement;
#[cfg(test)]
pub(crate) mod sample;

/// Where a value sits in its document.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The document itself.
    Root,
    /// A field of an object.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The path as content editors read it: `translations.en.body[3]`, or `.`
    /// for the document itself.
    pub fn render(&self) -> String {
        fn walk(path: &Path, out: &mut String) {
            match path {
                Path::Root => {}
                Path::Key(parent, key) => {
                    walk(parent, out);
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Path::Index(parent, i) => {
                    walk(parent, out);
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        let mut out = String::new();
        walk(self, &mut out);
        if out.is_empty() {
            ".".into()
        } else {
            out
        }
    }
}

/// Why a value could not be decoded, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The value's path ([`Path::render`]).
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

/// A decoded value, or why not.
pub type Decoded<T> = Result<T, DecodeError>;

/// A type read from JSON field by field (see the module doc).
pub trait Decode: Sized {
    /// Reads `node` as this type.
    fn decode(node: Node<'_>) -> Decoded<Self>;
}

/// Decodes a whole document.
pub fn decode<T: Decode>(value: &Value) -> Decoded<T> {
    T::decode(Node { value, path: &Path::Root })
}

/// A JSON value being read, and where it sits.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    /// The value.
    pub value: &'a Value,
    /// Its path in the document.
    pub path: &'a Path<'a>,
}

impl<'a> Node<'a> {
    /// An error about this value.
    pub fn error(&self, message: String) -> DecodeError {
        DecodeError { path: self.path.render(), message }
    }

    /// The error for a value of the wrong JSON type: `invalid type: string "wide", expected u32`.
    pub fn invalid(&self, expected: &str) -> DecodeError {
        let found = match self.value {
            Value::Null => "null".to_string(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
            Value::Number(n) => format!("integer `{n}`"),
            Value::String(s) => format!("string \"{s}\""),
            Value::Array(_) => "sequence".to_string(),
            Value::Object(_) => "map".to_string(),
        };
        self.error(format!("invalid type: {found}, expected {expected}"))
    }

    /// The value as an object whose fields can be read.
    pub fn object(self) -> Decoded<Obj<'a>> {
        match self.value {
            Value::Object(map) => Ok(Obj { map, node: self }),
            _ => Err(self.invalid("a map")),
        }
    }

    /// The value as a string.
    pub fn str(self) -> Decoded<&'a str> {
        self.value.as_str().ok_or_else(|| self.invalid("a string"))
    }

    /// The value as a whole number in `0..=max`, named `kind` in errors (`u32`).
    fn unsigned(self, max: u64, kind: &str) -> Decoded<u64> {
        match self.value.as_u64() {
            Some(n) if n <= max => Ok(n),
            _ if self.value.as_i64().is_some() || self.value.as_u64().is_some() => {
                Err(self.error(format!("invalid value: integer `{}`, expected {kind}", self.value)))
            }
            _ => Err(self.invalid(kind)),
        }
    }

    /// The value as an array, each item with its path.
    fn items<T>(self, mut each: impl FnMut(Node<'_>) -> Decoded<T>) -> Decoded<Vec<T>> {
        let Value::Array(items) = self.value else { return Err(self.invalid("a sequence")) };
        let mut out = Vec::with_capacity(items.len());
        for (i, value) in items.iter().enumerate() {
            out.push(each(Node { value, path: &Path::Index(self.path, i) })?);
        }
        Ok(out)
    }

    /// Reads an enum written as one of `names`; an unknown one is named in the error.
    pub fn one_of(self, names: &[&'static str]) -> Decoded<&'static str> {
        self.which(names).map(|i| names[i])
    }

    /// [`Node::one_of`], as the index of the name in `names` (what generated
    /// decoders match on: no string compared twice).
    pub fn which(self, names: &[&str]) -> Decoded<usize> {
        let name = self.str()?;
        names.iter().position(|n| *n == name).ok_or_else(|| self.error(unknown_type(name, names)))
    }
}

/// `unknown type "video" (expected one of "paragraph", "heading")`.
fn unknown_type(name: &str, names: &[&str]) -> String {
    let mut out = format!("unknown type \"{name}\" (expected one of ");
    for (i, n) in names.iter().enumerate() {
        out.push_str(if i == 0 { "\"" } else { ", \"" });
        out.push_str(n);
        out.push('"');
    }
    out.push(')');
    out
}

/// An object whose fields are being read.
#[derive(Debug, Clone, Copy)]
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    /// The object itself.
    pub node: Node<'a>,
}

impl<'a> Obj<'a> {
    /// A required field.
    pub fn req<T: Decode>(&self, key: &str) -> Decoded<T> {
        match self.map.get(key) {
            Some(value) => T::decode(Node { value, path: &Path::Key(self.node.path, key) }),
            None => Err(self.missing(key)),
        }
    }

    /// An optional field: missing or `null` is `None`.
    pub fn opt<T: Decode>(&self, key: &str) -> Decoded<Option<T>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::decode(Node { value, path: &Path::Key(self.node.path, key) }).map(Some),
        }
    }

    /// A field that may be left out, taking `default` when it is.
    pub fn or<T: Decode>(&self, key: &str, default: T) -> Decoded<T> {
        match self.map.get(key) {
            None => Ok(default),
            Some(value) => T::decode(Node { value, path: &Path::Key(self.node.path, key) }),
        }
    }

    /// A field that may be left out, taking the type's default when it is.
    pub fn or_default<T: Decode + Default>(&self, key: &str) -> Decoded<T> {
        self.or(key, T::default())
    }

    /// The `key` field that says which of `names` this object is (a block's `type`).
    pub fn tag(&self, key: &str, names: &[&'static str]) -> Decoded<&'static str> {
        self.tag_index(key, names).map(|i| names[i])
    }

    /// [`Obj::tag`], as the index of the name in `names`.
    pub fn tag_index(&self, key: &str, names: &[&str]) -> Decoded<usize> {
        match self.map.get(key) {
            Some(value) => Node { value, path: &Path::Key(self.node.path, key) }.which(names),
            None => Err(self.missing(key)),
        }
    }

    /// The only field of an object written `{"name": value}`, one of `names`,
    /// and its value (an externally tagged enum such as an inline run).
    pub fn single(&self, names: &[&'static str]) -> Decoded<(&'static str, Node<'a>)> {
        self.single_index(names).map(|(i, node)| (names[i], node))
    }

    /// [`Obj::single`], with the index of the name in `names`.
    pub fn single_index(&self, names: &[&str]) -> Decoded<(usize, Node<'a>)> {
        let mut fields = self.map.iter();
        match (fields.next(), fields.next()) {
            (Some((name, value)), None) => {
                let known = names.iter().position(|n| n == name);
                let i = known.ok_or_else(|| self.node.error(unknown_type(name, names)))?;
                Ok((i, Node { value, path: self.node.path }))
            }
            _ => Err(self.node.error(format!("expected an object with one of {}", names.join(", ")))),
        }
    }

    fn missing(&self, key: &str) -> DecodeError {
        self.node.error(format!("missing field `{key}`"))
    }
}

impl Decode for String {
    fn decode(node: Node<'_>) -> Decoded<Self> {
        node.str().map(str::to_string)
    }
}

impl Decode for u32 {
    fn decode(node: Node<'_>) -> Decoded<Self> {
        node.unsigned(u64::from(u32::MAX), "u32").map(|n| n as u32)
    }
}

impl Decode for u64 {
    fn decode(node: Node<'_>) -> Decoded<Self> {
        node.unsigned(u64::MAX, "u64")
    }
}

impl Decode for bool {
    fn decode(node: Node<'_>) -> Decoded<Self> {
        node.value.as_bool().ok_or_else(|| node.invalid("a boolean"))
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(node: Node<'_>) -> Decoded<Self> {
        match node.value {
            Value::Null => Ok(None),
            _ => T::decode(node).map(Some),
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(node: Node<'_>) -> Decoded<Self> {
        node.items(T::decode)
    }
}

impl<T: Decode> Decode for BTreeMap<String, T> {
    fn decode(node: Node<'_>) -> Decoded<Self> {
        let Value::Object(map) = node.value else { return Err(node.invalid("a map")) };
        let mut out = BTreeMap::new();
        for (key, value) in map {
            out.insert(key.clone(), T::decode(Node { value, path: &Path::Key(node.path, key) })?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    struct Pair {
        name: String,
        size: u32,
        tags: Vec<String>,
        note: Option<String>,
        on: bool,
    }

    impl Decode for Pair {
        fn decode(node: Node<'_>) -> Decoded<Self> {
            let o = node.object()?;
            Ok(Pair {
                name: o.req("name")?,
                size: o.or("size", 7)?,
                tags: o.or_default("tags")?,
                note: o.opt("note")?,
                on: o.or_default("on")?,
            })
        }
    }

    fn err<T: Decode + std::fmt::Debug>(v: Value) -> (String, String) {
        let e = decode::<T>(&v).unwrap_err();
        (e.path, e.message)
    }

    #[test]
    fn fields_required_optional_and_defaulted() {
        let p: Pair = decode(&json!({"name": "a", "extra": [1]})).unwrap();
        assert_eq!(p, Pair { name: "a".into(), size: 7, tags: vec![], note: None, on: false });
        let p: Pair = decode(&json!({"name": "a", "size": 3, "tags": ["x"], "note": null, "on": true})).unwrap();
        assert_eq!((p.size, p.tags, p.note, p.on), (3, vec!["x".to_string()], None, true));
        assert_eq!(err::<Pair>(json!({"size": 1})), (".".into(), "missing field `name`".into()));
    }

    #[test]
    fn errors_name_the_path_and_the_types() {
        let v = json!({"list": [{"name": "a"}, {"name": "b", "size": "big"}]});
        let e = decode::<BTreeMap<String, Vec<Pair>>>(&v).unwrap_err();
        assert_eq!(e.path, "list[1].size");
        assert_eq!(e.message, "invalid type: string \"big\", expected u32");
        assert_eq!(err::<Pair>(json!({"name": 5})).1, "invalid type: integer `5`, expected a string");
        assert_eq!(err::<Pair>(json!({"name": "a", "size": -1})).1, "invalid value: integer `-1`, expected u32");
        assert_eq!(
            err::<Pair>(json!({"name": "a", "size": 1.5})).1,
            "invalid type: floating point `1.5`, expected u32"
        );
        assert_eq!(err::<Pair>(json!({"name": "a", "size": 5_000_000_000u64})).0, "size");
        assert_eq!(err::<Pair>(json!({"name": "a", "tags": "x"})).1, "invalid type: string \"x\", expected a sequence");
        assert_eq!(err::<Pair>(json!([1])).1, "invalid type: sequence, expected a map");
        assert_eq!(err::<Pair>(json!({"name": "a", "on": null})).1, "invalid type: null, expected a boolean");
    }

    #[test]
    fn tags_and_single_field_objects() {
        let v = json!({"type": "video"});
        let o = Node { value: &v, path: &Path::Root }.object().unwrap();
        let e = o.tag("type", &["paragraph", "heading"]).unwrap_err();
        assert_eq!(e.path, "type");
        assert_eq!(e.message, "unknown type \"video\" (expected one of \"paragraph\", \"heading\")");
        assert_eq!(o.tag("kind", &["a"]).unwrap_err().message, "missing field `kind`");

        let v = json!({"em": "x"});
        let o = Node { value: &v, path: &Path::Root }.object().unwrap();
        let (name, inner) = o.single(&["text", "em"]).unwrap();
        assert_eq!((name, inner.str().unwrap()), ("em", "x"));
        let v = json!({"em": "x", "text": "y"});
        let o = Node { value: &v, path: &Path::Root }.object().unwrap();
        assert!(o.single(&["text", "em"]).unwrap_err().message.starts_with("expected an object with one of"));
    }

    #[test]
    fn paths_render_like_the_content_docs() {
        let root = Path::Root;
        let a = Path::Key(&root, "translations");
        let b = Path::Key(&a, "en");
        let c = Path::Index(&b, 3);
        let d = Path::Key(&c, "type");
        assert_eq!(root.render(), ".");
        assert_eq!(d.render(), "translations.en[3].type");
        assert_eq!(Path::Index(&root, 0).render(), "[0]");
    }
}
