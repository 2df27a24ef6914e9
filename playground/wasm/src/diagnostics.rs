//! `check`: the convention's diagnostics, placed for the editor.
//!
//! ctgc's spans are byte offsets into a file's text; the editor counts UTF-16 code units (as
//! JavaScript strings do) and shows lines and columns in characters. Both are given, per label.

use std::path::Path;

use ctgc::compile::{self, Compilation, Options};
use ctgc::diagnostic::{Diagnostic, Severity};
use ctgc::source::{SourceFile, Sources, Span};
use ctgc::typography::french;
use ctgc::world::{MemoryWorld, World};
use serde::Serialize;

use crate::files::FileSet;

/// One diagnostic as the page reads it (JSON, camelCase).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditorDiagnostic {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The rule's stable code (`ctgc explain CODE`); none when the project cannot be read at all.
    pub code: Option<&'static str>,
    /// French, spaced for print (narrow no-break spaces inside « » and before `: ; ! ?`, as in
    /// the documents), where the terminal keeps plain spaces.
    pub message: String,
    /// Likewise; may be empty.
    pub help: String,
    /// Where it is: the primary place first, then the places it relates to. Empty for a
    /// diagnostic of the whole project.
    pub labels: Vec<Place>,
}

/// A place in one of the editor's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    /// The file, relative to the project as in the file list.
    pub file: String,
    /// Offsets in UTF-16 code units, end excluded.
    pub from: usize,
    pub to: usize,
    /// 1-based, columns in characters (as `ctgc check` prints them).
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// What the label says there; may be empty.
    pub text: String,
}

/// Analyses the files as a project and returns every diagnostic, in source order.
pub fn check(files: &FileSet) -> Vec<EditorDiagnostic> {
    match analyse(files, files.world().as_ref()) {
        Ok(comp) => comp
            .diagnostics
            .iter()
            .map(|d| place(d, &comp.sources))
            .collect(),
        Err(why) => vec![EditorDiagnostic {
            severity: "error",
            code: None,
            message: french(&why),
            help: String::new(),
            labels: Vec::new(),
        }],
    }
}

/// The front end on the files as a project, held in WORLD (`files.world()`). `Err` (French) when
/// they are no project at all.
pub fn analyse(files: &FileSet, world: &dyn World) -> Result<Compilation, String> {
    // What `ctgc check` says of a directory with neither file names the directory; the
    // playground's project has no name to show.
    if !files.contains("convention.ctg") && !files.contains("ctgc.yaml") {
        return Err(
            "les fichiers ne forment pas un projet : ajoutez convention.ctg, \
             ou un ctgc.yaml dont « principal » nomme le fichier principal"
                .into(),
        );
    }
    compile::analyse(world, Path::new("."), Options::default()).map_err(|e| e.to_string())
}

fn place(diag: &Diagnostic, sources: &Sources) -> EditorDiagnostic {
    EditorDiagnostic {
        severity: match diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        code: Some(diag.rule.code),
        message: french(&diag.message),
        help: french(&diag.help),
        labels: diag
            .labels
            .iter()
            .map(|l| locate(sources.get(l.span.file), l.span, &l.text))
            .collect(),
    }
}

fn locate(file: &SourceFile, span: Span, text: &str) -> Place {
    let (line, column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end);
    // The editor's text still has the byte order mark ctgc removed: one code unit before.
    let bom = usize::from(file.had_bom);
    Place {
        file: editor_path(&file.path),
        from: bom + utf16_offset(&file.text, span.start),
        to: bom + utf16_offset(&file.text, span.end),
        line,
        column,
        end_line,
        end_column,
        text: french(text),
    }
}

/// A source's canonical path (under the memory world's root) as the file list names it.
fn editor_path(path: &Path) -> String {
    path.strip_prefix(MemoryWorld::ROOT)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// The UTF-16 offset of byte offset BYTE of TEXT (clamped to the text, and to the start of the
/// character it falls in).
fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut end = byte.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> FileSet {
        let mut set = FileSet::default();
        for (path, text) in list {
            set.set(path, text.as_bytes().to_vec()).unwrap();
        }
        set
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "é😀x";
        assert_eq!(utf16_offset(text, 0), 0);
        assert_eq!(utf16_offset(text, 2), 1);
        assert_eq!(utf16_offset(text, 6), 3);
        assert_eq!(utf16_offset(text, 7), 4);
        // Inside a character: its start; past the end: the end.
        assert_eq!(utf16_offset(text, 3), 1);
        assert_eq!(utf16_offset(text, 99), 4);
    }

    #[test]
    fn an_unknown_reference_is_placed_in_its_fiche() {
        let convention = "convention \"Essai\" {\n  territoire \"Là\"\n  période 2024 .. 2027\n}\n\
                          axe a \"Axe « é »\" {\n  objectif o \"Objectif\"\n}\n\
                          inclure \"fiches/*.ctg\"\n";
        let fiche = "fiche f \"Fiche é\" {\n  axe zz\n}\n";
        let diags = check(&files(&[
            ("convention.ctg", convention),
            ("fiches/f.ctg", fiche),
        ]));
        let unknown = diags
            .iter()
            .find(|d| d.message.contains("zz"))
            .unwrap_or_else(|| panic!("no diagnostic names « zz »: {diags:#?}"));
        assert_eq!(unknown.severity, "error");
        assert_eq!(unknown.code, Some("ctg::ref::axe-inconnu"));
        // Spaced for print.
        assert_eq!(unknown.message, "axe «\u{202f}zz\u{202f}» inconnu");
        let at = &unknown.labels[0];
        assert_eq!(at.file, "fiches/f.ctg");
        let start = fiche.find("zz").unwrap();
        // One « é » before, two bytes but one UTF-16 unit.
        assert_eq!((at.from, at.to), (start - 1, start + 1));
        assert_eq!(
            (at.line, at.column, at.end_line, at.end_column),
            (2, 7, 2, 9)
        );
    }

    #[test]
    fn a_byte_order_mark_shifts_the_offsets() {
        let text = "\u{feff}fiche f \"F\" {\n  axe zz\n}\n";
        let diags = check(&files(&[("convention.ctg", text)]));
        let unknown = diags.iter().find(|d| d.message.contains("zz")).unwrap();
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let at = &unknown.labels[0];
        assert_eq!(String::from_utf16(&utf16[at.from..at.to]).unwrap(), "zz");
    }

    #[test]
    fn files_that_are_no_project_say_so() {
        let diags = check(&files(&[("notes.ctg", "fiche f \"F\" {}\n")]));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, None);
        assert!(diags[0].message.contains("convention.ctg"), "{diags:?}");
        assert!(diags[0].labels.is_empty());
    }
}
