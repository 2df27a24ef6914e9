//! Undoing the renderers' escaping, to check that a text comes out of a document exactly as it
//! went in. Shared by tests/properties.rs and the fuzz target `render` (which includes this file
//! by path).

/// The inverse of the HTML escaping of text and attributes (numeric references included: the
/// escaping writes the Private Use characters it marks with as `&#xe000;`).
pub fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').map_or(rest.len(), |i| i + 1);
        let entity = &rest[..end];
        let decoded = match entity {
            "&lt;" => Some('<'),
            "&gt;" => Some('>'),
            "&quot;" => Some('"'),
            "&#39;" => Some('\''),
            "&amp;" => Some('&'),
            _ => entity
                .strip_prefix("&#x")
                .and_then(|h| h.strip_suffix(';'))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The inverse of Typst markup escaping: a backslash makes the next character literal; the
/// markup escaping adds around raised ordinals (`1#super[er]`) and inside long tokens
/// (`#sym.zws;`) gives back what it wraps. Text never holds an unescaped `#`: every `#` read
/// here is the escaping's own.
pub fn typst_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c == '\\' {
            if let Some(next) = rest.chars().next() {
                out.push(next);
                rest = &rest[next.len_utf8()..];
            }
        } else if let Some(after) = rest.strip_prefix("sym.zws;").filter(|_| c == '#') {
            rest = after;
        } else if let Some(raised) = rest.strip_prefix("super[").filter(|_| c == '#') {
            let end = raised.find(']').unwrap_or(raised.len());
            out.push_str(&raised[..end]);
            rest = raised.get(end + 1..).unwrap_or_default();
        } else {
            out.push(c);
        }
    }
    out
}
