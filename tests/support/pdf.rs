//! Reading a built PDF back with pypdf, and comparing its text with the model's strings.

use std::path::Path;

/// What pypdf reads in a PDF.
pub struct Pdf {
    /// The text of every page, form feeds between pages.
    pub text: String,
    pub xmp: String,
    pub lang: String,
    pub info: serde_json::Value,
    pub outline: usize,
}

const READ_PDF: &str = r#"
import sys, json, pypdf
r = pypdf.PdfReader(sys.argv[1])
root = r.trailer['/Root']
xmp = root['/Metadata'].get_data().decode('utf-8', 'replace') if '/Metadata' in root else ''
print(json.dumps({
    'text': '\f'.join(p.extract_text() for p in r.pages),
    'xmp': xmp,
    'lang': str(root.get('/Lang', '')),
    'info': {k: str(v) for k, v in (r.metadata or {}).items()},
    'outline': len(r.outline),
}))
"#;

pub fn read_pdf(path: &Path) -> Pdf {
    let v = super::pypdf(READ_PDF, path);
    Pdf {
        text: v["text"].as_str().unwrap_or_default().to_string(),
        xmp: v["xmp"].as_str().unwrap_or_default().to_string(),
        lang: v["lang"].as_str().unwrap_or_default().to_string(),
        info: v["info"].clone(),
        outline: v["outline"].as_u64().unwrap_or(0) as usize,
    }
}

/// Text as printed, for comparison: soft hyphens of justified lines dropped, runs of ASCII white
/// space (line ends included) made one space. U+202F and U+00A0 are kept: they are typography.
pub fn flat(text: &str) -> String {
    let text = text.replace("\u{ad}\n", "").replace('\u{ad}', "");
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Without any white space at all: a long string may break across lines anywhere.
pub fn compact(text: &str) -> String {
    text.replace('\u{ad}', "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The printed form of a source string: straight apostrophes print as typographic ones.
pub fn printed(s: &str) -> String {
    s.replace('\'', "’")
}
