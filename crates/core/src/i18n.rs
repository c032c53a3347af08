//! UI strings: catalogues of `key → text`, one per language, looked up with a fallback.
//!
//! The app embeds `locales/{lang}.json` at build time as sorted slices; this
//! module only does the lookups and the `{name}` placeholders.

/// A language's UI strings as `(key, text)` pairs sorted by key.
pub type Catalogue = &'static [(&'static str, &'static str)];

/// The text for `key` in `catalogue`, if it has one.
pub fn lookup(catalogue: Catalogue, key: &str) -> Option<&'static str> {
    catalogue.binary_search_by(|(k, _)| (*k).cmp(key)).ok().map(|i| catalogue[i].1)
}

/// Replaces each `{name}` in `template` with its value from `args`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    static CAT: Catalogue = &[("a.b", "AB"), ("home.title", "Latest"), ("z", "Z")];

    #[test]
    fn looks_up_sorted_keys() {
        assert_eq!(lookup(CAT, "home.title"), Some("Latest"));
        assert_eq!(lookup(CAT, "a.b"), Some("AB"));
        assert_eq!(lookup(CAT, "missing"), None);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{n} of {total}", &[("n", "3"), ("total", "10")]), "3 of 10");
        assert_eq!(fill("no args", &[]), "no args");
    }
}
