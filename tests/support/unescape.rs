//! Undoing the renderers' escaping, to check that a text comes out of a document exactly as it
//! went in. Shared by tests/properties.rs and the fuzz target `render` (which includes this file
//! by path).

/// The inverse of the HTML escaping of text and attributes.
pub fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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
