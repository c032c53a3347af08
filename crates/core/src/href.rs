//! Which link targets and image sources content may use, site origins, and encoding text
//! for a URL.

/// Whether `href` may be used as a link target: `http:`, `https:`, `mailto:` or a
/// relative reference (path, query or fragment). Anything else — `javascript:`,
/// `data:`, `vbscript:`, protocol-relative `//host` — is refused.
pub fn is_safe_link(href: &str) -> bool {
    let h = href.trim();
    if h.is_empty() || h != href || h.chars().any(|c| c.is_control()) {
        return false;
    }
    match scheme(h) {
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto"),
        None => !h.starts_with("//") && !h.starts_with("\\\\") && !h.starts_with("/\\"),
    }
}

/// Whether `src` may be used as an image source: `https:`, `http:` or a relative path.
pub fn is_safe_image(src: &str) -> bool {
    is_safe_link(src) && !matches!(scheme(src).as_deref(), Some("mailto"))
}

/// The lower-cased URL scheme of `s`, if it starts with one (`scheme:`).
fn scheme(s: &str) -> Option<String> {
    let colon = s.find(':')?;
    let before = &s[..colon];
    // A ':' after '/', '?' or '#' belongs to a relative reference, not a scheme.
    if before.is_empty() || before.contains(['/', '?', '#']) {
        return None;
    }
    let mut chars = before.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        Some(before.to_ascii_lowercase())
    } else {
        // Not a well-formed scheme but contains a colon before any path: refuse as unknown.
        Some(before.to_ascii_lowercase())
    }
}

/// Whether a link leaves the site (absolute http(s) URL), so it can be marked as external.
pub fn is_external(href: &str) -> bool {
    matches!(scheme(href).as_deref(), Some("http" | "https"))
}

/// Percent-encodes `s` as UTF-8: every byte outside the unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` (upper-case hex), spaces included.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0F)]));
        }
    }
    out
}

/// Checks and normalises a site origin (`site.json`'s `origin`): an absolute
/// `http` or `https` URL of a host, with an optional port, and nothing after
/// it but an optional `/`. Returns it lower-cased without the trailing slash
/// (`HTTPS://Example.org/` → `https://example.org`), or why it is not one.
/// A sub-path the site is served under belongs to the base path, not here.
pub fn origin(s: &str) -> Result<String, String> {
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err(format!("\"{s}\" is not an http(s) origin: write it as \"https://example.org\""));
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains(['/', '?', '#']) {
        return Err(format!(
            "\"{s}\" has a path, query or fragment: write only the scheme and host, like \"https://example.org\" \
             (a sub-path the site is served under is the base path)"
        ));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() && !h.ends_with(':') && (!h.starts_with('[') || h.ends_with(']')) => (h, Some(p)),
        _ => (authority, None),
    };
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
    } else {
        !host.is_empty()
            && !host.starts_with(['.', '-'])
            && !host.ends_with('-')
            && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    };
    let port_ok = port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    if !host_ok || !port_ok {
        return Err(format!(
            "\"{s}\" has no valid host: write it as \"https://example.org\" (an international name in its xn-- form)"
        ));
    }
    Ok(format!("{}{authority}", if lower.starts_with("https") { "https://" } else { "http://" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_relative_links() {
        for ok in [
            "https://example.org/a?b#c",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
            "mailto:press@example.org",
            "/statements/x",
            "statements/x",
            "../x",
            "#top",
            "?q=1",
            "/a:b",
        ] {
            assert!(is_safe_link(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_script_data_and_protocol_relative_links() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,hi",
            "vbscript:x",
            "//evil.example/x",
            "\\\\evil",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "",
            "ftp://example.org",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn images_are_web_or_relative_only() {
        assert!(is_safe_image("images/a.svg"));
        assert!(is_safe_image("https://cdn.example.org/a.jpg"));
        assert!(!is_safe_image("mailto:a@b.c"));
        assert!(!is_safe_image("data:image/svg+xml,<svg/>"));
    }

    #[test]
    fn external_means_absolute_web_url() {
        assert!(is_external("https://example.org"));
        assert!(!is_external("/statements/x"));
        assert!(!is_external("mailto:a@b.c"));
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(percent_encode("a b&c=d?"), "a%20b%26c%3Dd%3F");
        assert_eq!(percent_encode("¿ñ?"), "%C2%BF%C3%B1%3F");
        assert_eq!(percent_encode("🙂"), "%F0%9F%99%82");
        assert_eq!(percent_encode("+/#%"), "%2B%2F%23%25");
    }

    #[test]
    fn origins_are_scheme_and_host_only() {
        assert_eq!(origin("https://example.org").as_deref(), Ok("https://example.org"));
        assert_eq!(origin("HTTPS://Example.org/").as_deref(), Ok("https://example.org"));
        assert_eq!(origin("http://localhost:8080/").as_deref(), Ok("http://localhost:8080"));
        assert_eq!(origin("http://[::1]:8080").as_deref(), Ok("http://[::1]:8080"));
        for bad in [
            "",
            "example.org",
            "//example.org",
            "ftp://example.org",
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "https://example.org/tribuna",
            "https://example.org/?q",
            "https://example.org#top",
            "https://exa mple.org",
            "https://example.org:port",
            "https://example.org:",
            "https://-x.org",
            "https://ex\"ample.org",
            "https://user@example.org",
        ] {
            assert!(origin(bad).is_err(), "{bad}");
        }
    }
}
