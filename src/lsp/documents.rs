//! The documents the editor has open: their text as typed, kept in step with the editor's
//! changes (whole texts or ranges in UTF-16 positions).

use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::convert::offset;
use crate::query::LineIndex;

pub(crate) struct Document {
    pub uri: Uri,
    /// Where it is on the disk (absolute, symbolic links resolved); `None` for an unsaved buffer.
    pub path: Option<PathBuf>,
    pub text: String,
    pub version: i32,
}

impl Document {
    pub(crate) fn new(uri: Uri, text: String, version: i32) -> Self {
        let path = super::uri::to_path(&uri).map(canonical);
        Document {
            uri,
            path,
            text,
            version,
        }
    }

    /// Applies the editor's changes, in order.
    pub(crate) fn change(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let index = LineIndex::new(&self.text);
                    let start = offset(&index, range.start);
                    let end = offset(&index, range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
    }
}

/// PATH with its symbolic links resolved, as the disk world names files; for a file not on the
/// disk yet, its directory's.
pub(crate) fn canonical(path: PathBuf) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(&path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(path),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use lsp_types::{Position, Range};

    use super::*;

    #[test]
    fn incremental_changes_in_utf16() {
        let uri = Uri::from_str("untitled:a").unwrap();
        let mut doc = Document::new(uri, "axe «😀» a\nfiche f\n".into(), 1);
        let at = |line, character| Position { line, character };
        doc.change(
            2,
            vec![
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(0, 9), at(0, 10))),
                    range_length: None,
                    text: "familles".into(),
                },
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(1, 6), at(1, 7))),
                    range_length: None,
                    text: "rpe \"R\"".into(),
                },
            ],
        );
        assert_eq!(doc.text, "axe «😀» familles\nfiche rpe \"R\"\n");
        assert_eq!(doc.version, 2);
        doc.change(
            3,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "tout".into(),
            }],
        );
        assert_eq!(doc.text, "tout");
    }
}
