//! Escaping text for HTML: content written into markup at build time (the
//! pre-rendered heads, `tribuna_tools::publish`) and the embed snippets
//! visitors copy. None of these trusts its input.

/// `s` with each character that `escape` names replaced.
pub fn replace(s: &str, escape: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match escape(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    out
}

/// The references for the three characters that start markup in HTML and XML.
pub fn markup(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    }
}

/// Text for an HTML element's content (including `<title>`): `&`, `<` and `>`
/// become character references, so no tag, comment or end tag can start.
pub fn html_text(s: &str) -> String {
    replace(s, markup)
}

/// Text for an HTML attribute value written between double quotes: as
/// [`html_text`], and `"` and `'` too.
pub fn html_attr(s: &str) -> String {
    replace(s, |c| match c {
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => markup(c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_cannot_open_markup() {
        assert_eq!(html_text("</title><script>"), "&lt;/title&gt;&lt;script&gt;");
        assert_eq!(html_attr("\"'&<>"), "&quot;&#39;&amp;&lt;&gt;");
    }
}
