//! Escaping text for the place it is written to. Every value that comes from
//! content goes through one of these before it reaches a page, the sitemap or
//! a feed; none of them trusts its input.

use serde::Serialize;
pub use tribuna_core::escape::{html_attr, html_text};
use tribuna_core::escape::{markup, replace};

/// `value` as JSON for the inside of `<script type="application/ld+json">`:
/// serialized by serde_json, then `<`, `>`, `&`, U+2028 and U+2029 written as
/// `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`. Those characters can only
/// occur inside JSON strings, where the escapes mean the same, so the JSON
/// parses to the same value while `</script>` or `<!--` cannot appear in it.
pub fn json_script<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("JSON-LD values serialize");
    replace(&json, |c| match c {
        '<' => Some("\\u003c"),
        '>' => Some("\\u003e"),
        '&' => Some("\\u0026"),
        '\u{2028}' => Some("\\u2028"),
        '\u{2029}' => Some("\\u2029"),
        _ => None,
    })
}

/// Characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF), even as
/// references, become U+FFFD.
fn xml_forbidden(c: char) -> Option<&'static str> {
    let allowed = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    (!allowed).then_some("\u{FFFD}")
}

/// Text for an XML element's content: `&`, `<` and `>` become entity
/// references, and characters XML 1.0 forbids (most C0 controls, U+FFFE,
/// U+FFFF) become U+FFFD, so the document stays well-formed.
pub fn xml_text(s: &str) -> String {
    replace(s, |c| markup(c).or_else(|| xml_forbidden(c)))
}

/// Text for an XML attribute value, in double or single quotes: as
/// [`xml_text`], and `"`, `'` too; tab, line feed and carriage return become
/// character references so attribute normalisation keeps them.
pub fn xml_attr(s: &str) -> String {
    replace(s, |c| match c {
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        '\t' => Some("&#9;"),
        '\n' => Some("&#10;"),
        '\r' => Some("&#13;"),
        _ => markup(c).or_else(|| xml_forbidden(c)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &[&str] = &[
        "</title><script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "Tom & Jerry &amp; &lt;",
        "<!-- comment --> <![CDATA[ x ]]>",
        "</script><script>alert(1)</script>",
        "line\u{2028}sep\u{2029}para",
    ];

    #[test]
    fn html_text_cannot_open_a_tag_or_reference() {
        assert_eq!(
            html_text("</title><script>alert(1)</script>"),
            "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(html_text("a & b \"q\" 'q' <!--"), "a &amp; b \"q\" 'q' &lt;!--");
        for s in HOSTILE {
            let e = html_text(s);
            assert!(!e.contains('<') && !e.contains('>'), "{e}");
            assert!(e.match_indices('&').all(|(i, _)| ["&amp;", "&lt;", "&gt;"].iter().any(|r| e[i..].starts_with(r))));
        }
    }

    #[test]
    fn html_attr_cannot_close_its_quotes() {
        assert_eq!(html_attr("\"'&<>"), "&quot;&#39;&amp;&lt;&gt;");
        assert_eq!(html_attr("<!--"), "&lt;!--");
        for s in HOSTILE {
            let e = html_attr(s);
            assert!(!e.contains(['"', '\'', '<', '>']), "{e}");
        }
    }

    #[test]
    fn json_in_a_script_parses_back_and_cannot_end_the_script() {
        for s in HOSTILE {
            let value = serde_json::json!({ "headline": s, "list": [s] });
            let e = json_script(&value);
            assert!(!e.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{e}");
            assert!(!e.to_ascii_lowercase().contains("</script"));
            let back: serde_json::Value = serde_json::from_str(&e).unwrap();
            assert_eq!(back, value);
        }
        assert_eq!(json_script("</script>&"), r#""\u003c/script\u003e\u0026""#);
    }

    #[test]
    fn xml_text_and_attributes_stay_well_formed() {
        assert_eq!(xml_text("a & <b> ]]>"), "a &amp; &lt;b&gt; ]]&gt;");
        assert_eq!(xml_attr("\"'&<>\t\n"), "&quot;&apos;&amp;&lt;&gt;&#9;&#10;");
        assert_eq!(xml_text("bell\u{7}\u{FFFE}"), "bell\u{FFFD}\u{FFFD}");
        for s in HOSTILE {
            let e = xml_attr(s);
            assert!(!e.contains(['"', '\'', '<', '>']), "{e}");
            assert!(!xml_text(s).contains(['<', '>']));
        }
    }
}
