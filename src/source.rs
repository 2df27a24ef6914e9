//! Source files: loading, byte spans, line/column lookup.
//!
//! Spans are byte offsets into the text of one file, after the BOM (if any) was removed. Control
//! characters are reported and replaced by spaces of the same byte length so that parsing goes
//! on and every later span stays valid.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Label};
use crate::rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub(crate) fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end }
    }

    /// The smallest span covering both (same file).
    pub(crate) fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// What a source file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Ctg,
    /// `ctgc.yaml`, the article model.
    Yaml,
}

#[derive(Debug)]
pub struct SourceFile {
    pub id: FileId,
    /// Absolute, canonical path (used to detect include cycles and to confine includes).
    pub path: PathBuf,
    /// How the file is shown to the user: the project path as typed, joined with the relative path.
    pub display: String,
    pub text: Arc<str>,
    pub had_bom: bool,
    pub language: Language,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count();
        (line + 1, col + 1)
    }

    /// 0-based index of the line that holds byte OFFSET (the last line past the end).
    pub(crate) fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// How many lines the text has: one more than its line feeds.
    pub(crate) fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of line LINE (0-based), its line feed included.
    pub(crate) fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        start..end
    }
}

#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

/// Text decoded from bytes, with what was wrong with it.
pub struct Decoded {
    pub text: String,
    pub had_bom: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl Sources {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files.iter().find(|f| f.path == path).map(|f| f.id)
    }

    /// Registers a `.ctg` file's text; returns its id.
    pub(crate) fn add(
        &mut self,
        path: PathBuf,
        display: String,
        text: String,
        had_bom: bool,
    ) -> FileId {
        self.push(path, display, text, had_bom, Language::Ctg)
    }

    /// Registers a YAML file (`ctgc.yaml`, the article model), so that diagnostics can point
    /// into it; returns its id.
    pub(crate) fn add_yaml(&mut self, path: PathBuf, display: String, text: String) -> FileId {
        self.push(path, display, text, false, Language::Yaml)
    }

    fn push(
        &mut self,
        path: PathBuf,
        display: String,
        text: String,
        had_bom: bool,
        language: Language,
    ) -> FileId {
        let id = FileId(self.files.len() as u32);
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        self.files.push(SourceFile {
            id,
            path,
            display,
            text: Arc::from(text),
            had_bom,
            language,
            line_starts,
        });
        id
    }
}

/// At most this many control characters are reported one by one in a file; the rest are counted
/// in one last diagnostic (a binary file would otherwise give millions).
pub const MAX_CONTROL_DIAGNOSTICS: usize = 20;

/// The byte offsets of the control characters other than a tab, a line feed and the CR of a
/// CRLF, each the start of its character: C0 controls and DEL are single bytes, C1 controls
/// (U+0080–U+009F) are `C2 80`–`C2 9F`.
fn control_offsets(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    // A chunk without a byte that may begin a control is skipped whole (this test vectorises);
    // the others (CRLF files, « » and no-break spaces start with C2) are read byte by byte.
    let suspect = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2;
    const CHUNK: usize = 64;
    bytes
        .chunks(CHUNK)
        .enumerate()
        .filter(move |(_, chunk)| chunk.iter().fold(false, |any, &b| any | suspect(b)))
        .flat_map(move |(n, chunk)| {
            (n * CHUNK..n * CHUNK + chunk.len()).filter(move |&i| control_at(bytes, i))
        })
}

fn control_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\t' | b'\n' => false,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        0..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        _ => false,
    }
}

/// Why a file's bytes are not a text ctgc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undecodable {
    /// Not UTF-8: the offset of the first invalid byte, counted from the file's first byte.
    NotUtf8(usize),
    /// UTF-16, as its byte order mark says (`FE FF` big-endian, `FF FE` little-endian).
    Utf16 { big_endian: bool },
}

impl std::fmt::Display for Undecodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Undecodable::NotUtf8(offset) => write!(
                f,
                "il n'est pas en UTF-8 (octet invalide à la position {offset})"
            ),
            Undecodable::Utf16 { .. } => f.write_str("il est en UTF-16 (enregistrez-le en UTF-8)"),
        }
    }
}

/// Decodes a file's bytes: UTF-8 (BOM optional). Control characters other than tab, LF and a CR
/// before LF become diagnostics; they are replaced by spaces so that parsing can go on.
/// A file in UTF-16 (told by its byte order mark) or otherwise not in UTF-8 is an `Err`.
pub fn decode(bytes: &[u8], file: FileId) -> Result<Decoded, Undecodable> {
    if let Some(big_endian) = utf16_order(bytes) {
        return Err(Undecodable::Utf16 { big_endian });
    }
    let (bytes, had_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Undecodable::NotUtf8(e.valid_up_to() + if had_bom { 3 } else { 0 }))?;
    let mut diagnostics = Vec::new();
    let mut clean: Option<Vec<u8>> = None;
    let mut found = 0usize;
    let mut first_unreported = None;
    for i in control_offsets(text.as_bytes()) {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        found += 1;
        if found <= MAX_CONTROL_DIAGNOSTICS {
            diagnostics.push(
                Diagnostic::new(
                    &rules::LEXIQUE_CARACTERE_CONTROLE,
                    format!(
                        "caractère de contrôle U+{:04X} interdit dans le texte",
                        c as u32
                    ),
                )
                .with_label(Label::new(
                    Span::new(file, i, i + len),
                    "caractère invisible ici",
                )),
            );
        } else if first_unreported.is_none() {
            first_unreported = Some(Span::new(file, i, i + len));
        }
        // A whole character becomes ASCII spaces: the text stays UTF-8 and every offset holds.
        clean.get_or_insert_with(|| text.as_bytes().to_vec())[i..i + len].fill(b' ');
    }
    if let Some(span) = first_unreported {
        diagnostics.push(
            Diagnostic::new(
                &rules::LEXIQUE_CARACTERE_CONTROLE,
                format!(
                    "{} autres caractères de contrôle dans ce fichier",
                    crate::typography::grouped((found - MAX_CONTROL_DIAGNOSTICS) as u64)
                ),
            )
            .with_label(Label::new(span, "le premier d'entre eux"))
            .help("ce fichier ressemble à un fichier binaire ou mal converti : vérifiez qu'il s'agit bien d'un texte .ctg"),
        );
    }
    let text = match clean {
        Some(bytes) => String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        None => text.to_string(),
    };
    Ok(Decoded {
        text,
        had_bom,
        diagnostics,
    })
}

/// Whether BYTES start with a UTF-16 byte order mark, and which: `Some(true)` big-endian.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, ..] => Some(false),
        _ => None,
    }
}

/// A file that [`decode`] refused, as it is registered (a text that shows what the file holds,
/// without statements) and the diagnostic that says why, at its first character.
pub(crate) fn undecodable(
    bytes: &[u8],
    why: Undecodable,
    file: FileId,
    display: &str,
) -> (String, Diagnostic) {
    match why {
        Undecodable::Utf16 { big_endian } => {
            let units = bytes[2..].chunks(2).map(|pair| match *pair {
                [a, b] if big_endian => u16::from_be_bytes([a, b]),
                [a, b] => u16::from_le_bytes([a, b]),
                [a] => u16::from(a),
                _ => 0,
            });
            let text: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            let first = text.chars().next().map_or(0, char::len_utf8);
            let mark = if big_endian { "FE FF" } else { "FF FE" };
            let diagnostic = Diagnostic::new(
                &rules::LEXIQUE_UTF8,
                format!("« {display} » est en UTF-16 : enregistrez-le en UTF-8"),
            )
            .label(
                Span::new(file, 0, first),
                format!("fichier en UTF-16 (il commence par les octets {mark})"),
            )
            .help("dans l'éditeur, « Enregistrer sous » avec l'encodage UTF-8 : ctgc ne lit que l'UTF-8");
            (text, diagnostic)
        }
        Undecodable::NotUtf8(offset) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Point at the replacement character that stands for the bad byte.
            let at = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())])
                .len()
                .min(text.len());
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            let diagnostic = Diagnostic::new(
                &rules::LEXIQUE_UTF8,
                format!("« {display} » n'est pas en UTF-8 : octet invalide à la position {offset} (comptée depuis 0)"),
            )
            .label(Span::new(file, at, end), "octet invalide");
            (text, diagnostic)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte scan finds exactly the characters that `char::is_control` calls controls, tab,
    /// LF and the CR of a CRLF excepted.
    #[test]
    fn byte_scan_agrees_with_characters() {
        let texts = [
            "",
            "fiche a {\n}\n",
            "a\r\nb",
            "a\rb",
            "a\r",
            "\t",
            "é\u{80}",
            "\u{9f}",
            "\u{a0}",
            "\u{7f}",
            "\u{0}",
            "\u{1b}[31m",
            "ÂÂ",
            "\u{202f}€",
            "😀\u{85}",
        ];
        let long = [
            format!("{}\r\n{}", "a".repeat(63), "b".repeat(70)),
            format!("{}\r", "a".repeat(127)),
            format!("{}\u{1}", "« a »".repeat(30)),
            format!("{}«\u{9f}", "a".repeat(62)),
        ];
        for text in texts.iter().copied().chain(long.iter().map(String::as_str)) {
            let mut chars = text.char_indices().peekable();
            let mut found = Vec::new();
            while let Some((i, c)) = chars.next() {
                let allowed = c == '\t'
                    || c == '\n'
                    || (c == '\r' && matches!(chars.peek(), Some((_, '\n'))));
                if c.is_control() && !allowed {
                    found.push(i);
                }
            }
            let offsets: Vec<usize> = control_offsets(text.as_bytes()).collect();
            assert_eq!(offsets, found, "{text:?}");
        }
    }
}
