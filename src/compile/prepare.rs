//! Decoding and parsing one file's bytes, on whichever thread reads it.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::limits::MAX_FILE_BYTES;
use crate::source::{self, FileId};
use crate::syntax::{self, Statement};
use crate::world::{self, ReadError, World};

/// A file decoded and parsed, not yet registered in `Sources`.
pub(crate) struct Prepared {
    /// The id its spans carry.
    pub id: FileId,
    pub text: String,
    pub had_bom: bool,
    pub statements: Vec<Statement>,
    /// Decoding problems (not UTF-8, control characters) and syntax errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes and parses a file's bytes, its spans carrying `id`. A file that is not UTF-8 is kept
/// (decoded as well as can be, so that the diagnostic can show it) without statements.
pub(crate) fn prepare(bytes: &[u8], id: FileId, display: &str) -> Prepared {
    match source::decode(bytes, id) {
        Ok(decoded) => {
            let (tree, parse_diags) = syntax::parse(&decoded.text, id);
            let mut diagnostics = decoded.diagnostics;
            diagnostics.extend(parse_diags);
            Prepared {
                id,
                text: decoded.text,
                had_bom: decoded.had_bom,
                statements: tree.statements,
                diagnostics,
            }
        }
        Err(why) => {
            let (text, diagnostic) = source::undecodable(bytes, why, id, display);
            Prepared {
                id,
                text,
                had_bom: false,
                statements: Vec::new(),
                diagnostics: vec![diagnostic],
            }
        }
    }
}

/// A file read, and perhaps already decoded and parsed by a helper thread.
pub(crate) struct Fetched {
    pub canonical: PathBuf,
    pub read: Result<Vec<u8>, ReadError>,
    /// `None` until decoded and parsed, or when it could not be read.
    pub prepared: Option<Prepared>,
}

impl Fetched {
    /// Reads the file at CANONICAL now, on this thread.
    pub(crate) fn now(world: &dyn World, canonical: &Path) -> Fetched {
        Fetched {
            canonical: canonical.to_path_buf(),
            read: world::read_limited(world, canonical, MAX_FILE_BYTES),
            prepared: None,
        }
    }
}
