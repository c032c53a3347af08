//! A reader for PHP's `serialize()` format, as WordPress and Polylang store
//! maps in an export (`a:2:{s:2:"en";i:12;s:2:"es";i:14;}`).
//!
//! It only reads data: objects (`O:`), custom serialisations (`C:`) and
//! references (`r:`, `R:`) are refused, nothing is ever run or instantiated.
//! String lengths are in bytes, as PHP writes them; nesting is limited to
//! [`MAX_DEPTH`] so hostile input cannot exhaust the stack.

use std::fmt;

/// How deeply arrays may nest.
pub const MAX_DEPTH: usize = 32;

/// A PHP value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `N;`
    Null,
    /// `b:0;` or `b:1;`
    Bool(bool),
    /// `i:42;`
    Int(i64),
    /// `d:1.5;`
    Float(f64),
    /// `s:3:"abc";` (invalid UTF-8 is replaced).
    Str(String),
    /// `a:N:{key;value…}`, keys in order.
    Array(Vec<(Key, Value)>),
}

/// An array key: PHP allows integers and strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// An integer key.
    Int(i64),
    /// A string key.
    Str(String),
}

impl Key {
    /// The key as text (`12` for an integer key).
    pub fn as_text(&self) -> String {
        match self {
            Key::Int(i) => i.to_string(),
            Key::Str(s) => s.clone(),
        }
    }
}

impl Value {
    /// The value of `key` in an array.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Array(items) => items.iter().find(|(k, _)| k.as_text() == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as a whole number (integers, and strings of digits).
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Str(s) => s.trim().parse().ok(),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
            _ => None,
        }
    }

    /// The value as text (strings and numbers).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            _ => None,
        }
    }
}

/// Why a serialised value could not be read, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The byte offset of the problem.
    pub at: usize,
    /// What was expected there.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PHP-serialised value, byte {}: {}", self.at, self.message)
    }
}

impl std::error::Error for Error {}

/// Reads one serialised value that makes up the whole of `input` (surrounding
/// whitespace allowed).
pub fn parse(input: &str) -> Result<Value, Error> {
    let trimmed = input.trim();
    let mut r = Reader { bytes: trimmed.as_bytes(), pos: 0 };
    let value = r.value(0)?;
    if r.pos != r.bytes.len() {
        return Err(r.error("nothing after the value"));
    }
    Ok(value)
}

/// Reads a map of language code to post or term id (Polylang's
/// `post_translations` and `term_translations` descriptions). Entries whose
/// value is not a number are left out.
pub fn language_map(input: &str) -> Result<Vec<(String, i64)>, Error> {
    match parse(input)? {
        Value::Array(items) => Ok(items.iter().filter_map(|(k, v)| Some((k.as_text(), v.as_int()?))).collect()),
        _ => Err(Error { at: 0, message: "expected an array (a:…)".into() }),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> Error {
        Error { at: self.pos, message: message.to_string() }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Error> {
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected '{}'", byte as char)))
        }
    }

    /// The bytes up to (not including) `end`, which is consumed.
    fn until(&mut self, end: u8) -> Result<&str, Error> {
        let start = self.pos;
        let len = self.bytes[start..].iter().position(|b| *b == end).ok_or_else(|| self.error("unterminated value"))?;
        self.pos = start + len + 1;
        std::str::from_utf8(&self.bytes[start..start + len])
            .map_err(|_| Error { at: start, message: "not text".into() })
    }

    fn int(&mut self, end: u8) -> Result<i64, Error> {
        let at = self.pos;
        let text = self.until(end)?;
        text.parse().map_err(|_| Error { at, message: format!("\"{text}\" is not a whole number") })
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        let kind = *self.bytes.get(self.pos).ok_or_else(|| self.error("expected a value"))?;
        self.pos += 1;
        if kind == b'N' {
            self.expect(b';')?;
            return Ok(Value::Null);
        }
        self.expect(b':')?;
        match kind {
            b'b' => match self.int(b';')? {
                0 => Ok(Value::Bool(false)),
                1 => Ok(Value::Bool(true)),
                _ => Err(self.error("a boolean is 0 or 1")),
            },
            b'i' => self.int(b';').map(Value::Int),
            b'd' => {
                let at = self.pos;
                let text = self.until(b';')?;
                text.parse().map(Value::Float).map_err(|_| Error { at, message: format!("\"{text}\" is not a number") })
            }
            b's' => self.string().map(Value::Str),
            b'a' => self.array(depth),
            b'O' | b'C' => Err(self.error("objects are not read")),
            b'r' | b'R' => Err(self.error("references are not read")),
            other => Err(Error { at: self.pos - 2, message: format!("unknown type '{}'", other as char) }),
        }
    }

    fn string(&mut self) -> Result<String, Error> {
        let len = self.int(b':')?;
        let len = usize::try_from(len).map_err(|_| self.error("negative string length"))?;
        self.expect(b'"')?;
        let end = self.pos.checked_add(len).filter(|e| *e <= self.bytes.len());
        let end = end.ok_or_else(|| self.error("string is shorter than its length"))?;
        let text = String::from_utf8_lossy(&self.bytes[self.pos..end]).into_owned();
        self.pos = end;
        self.expect(b'"')?;
        self.expect(b';')?;
        Ok(text)
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        if depth >= MAX_DEPTH {
            return Err(self.error("arrays nest too deeply"));
        }
        let count = self.int(b':')?;
        let count = usize::try_from(count).map_err(|_| self.error("negative array size"))?;
        self.expect(b'{')?;
        // Each entry takes at least 4 bytes, so a size beyond that is a lie.
        let mut items = Vec::with_capacity(count.min(self.bytes.len() / 4));
        for _ in 0..count {
            let key = match self.value(depth + 1)? {
                Value::Int(i) => Key::Int(i),
                Value::Str(s) => Key::Str(s),
                _ => return Err(self.error("an array key is a whole number or a string")),
            };
            let value = self.value(depth + 1)?;
            items.push((key, value));
        }
        self.expect(b'}')?;
        Ok(Value::Array(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_polylang_maps() {
        let map = language_map(r#"a:2:{s:2:"en";i:12;s:2:"es";i:14;}"#).unwrap();
        assert_eq!(map, [("en".to_string(), 12), ("es".to_string(), 14)]);
        let strings = language_map(r#"a:1:{s:2:"es";s:2:"14";}"#).unwrap();
        assert_eq!(strings, [("es".to_string(), 14)]);
    }

    #[test]
    fn reads_nested_attachment_metadata_with_byte_lengths() {
        let v = parse(
            r#"a:3:{s:5:"width";i:1200;s:6:"height";i:800;s:10:"image_meta";a:2:{s:7:"caption";s:6:"Señal";s:6:"credit";s:3:"Ana";}}"#,
        )
        .unwrap();
        assert_eq!(v.get("width").and_then(Value::as_int), Some(1200));
        let meta = v.get("image_meta").unwrap();
        assert_eq!(meta.get("caption").and_then(Value::as_text).as_deref(), Some("Señal"));
        assert_eq!(parse("b:1;").unwrap(), Value::Bool(true));
        assert_eq!(parse("d:0.5;").unwrap(), Value::Float(0.5));
        assert_eq!(parse("N;").unwrap(), Value::Null);
    }

    #[test]
    fn refuses_objects_references_and_lies() {
        for bad in [
            r#"O:8:"stdClass":0:{}"#,
            "r:1;",
            r#"s:10:"short";"#,
            "a:99999999999:{}",
            "a:1:{i:0;i:1;",
            "i:1;i:2;",
            "s:-1:\"\";",
            "",
            "x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let deep = "a:1:{i:0;".repeat(100) + "N;" + &"}".repeat(100);
        assert!(parse(&deep).unwrap_err().message.contains("deeply"));
    }
}
