//! Between the compiler's byte spans and the protocol's UTF-16 positions, and from its
//! diagnostics to the protocol's.

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::query::{self, LineIndex};
use crate::typography::french;

/// The byte offset of an editor's position.
pub(crate) fn offset(index: &LineIndex, position: Position) -> usize {
    index.offset(query::Position {
        line: position.line,
        character: position.character,
    })
}

/// A file's text as the editor has it, to place spans in it. The spans count bytes after a
/// byte order mark, which an editor may keep as the text's first character.
pub(crate) struct FileText<'t> {
    index: LineIndex<'t>,
    shift: usize,
}

impl<'t> FileText<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        FileText {
            index: LineIndex::new(text),
            shift: if text.starts_with('\u{feff}') { 3 } else { 0 },
        }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let p = self.index.position(offset + self.shift);
        Position::new(p.line, p.character)
    }

    pub(crate) fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The span offset of an editor's position.
    pub(crate) fn offset(&self, position: Position) -> usize {
        offset(&self.index, position).saturating_sub(self.shift)
    }
}

/// A diagnostic of the compiler as the protocol shows it: its message with its help line under
/// it, in French spacing (the editor shows the text as it is); its rule's code; its other labels
/// as related places. PLACE gives the location of a span (`None` for a file with no URI).
pub(crate) fn diagnostic(
    d: &Diagnostic,
    range: Range,
    place: impl Fn(crate::source::Span) -> Option<Location>,
) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .skip(1)
        .filter_map(|l| {
            Some(DiagnosticRelatedInformation {
                location: place(l.span)?,
                message: french(&l.text),
            })
        })
        .collect();
    let message = if d.help.is_empty() {
        french(&d.message)
    } else {
        french(&format!("{}\n{}", d.message, d.help))
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.code.to_string())),
        source: Some("ctgc".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}
