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

/// The inverse of Typst markup escaping: a backslash makes the next character literal.
pub fn typst_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}
