//! Reading ahead: while the loader lowers one included file, helper threads read, decode and
//! parse the next ones. Parsing is most of `ctgc check`'s work and files parse independently, so
//! a project split into files (`inclure "fiches/*.ctg"`) is checked on every core.
//!
//! Spans carry the id a file will get when registered, which depends on what the loader adds
//! before it (a file's own includes come first). The helpers predict ids as if each match added
//! exactly one source; the loader uses a prefetched file only when the prediction holds, and
//! parses it again itself otherwise. Channels are bounded: a few files are held ahead, so memory
//! stays close to that of a sequential load.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::Scope;

use super::{ReadError, display, read_limited};
use crate::diagnostic::Diagnostic;
use crate::project::Project;
use crate::rules;
use crate::source::{self, FileId, Span};
use crate::syntax::{self, Statement};

/// A file decoded and parsed, not yet registered in `Sources`.
pub struct Prepared {
    /// The id its spans carry.
    pub id: FileId,
    pub text: String,
    pub had_bom: bool,
    pub statements: Vec<Statement>,
    /// Decoding problems (not UTF-8, control characters) and syntax errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes and parses a file's bytes, its spans carrying `id`. A file that is not UTF-8 is kept
/// (lossily decoded, so that the diagnostic can show it) without statements.
pub fn prepare(bytes: &[u8], id: FileId, display: &str) -> Prepared {
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
        Err(offset) => {
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
            .label(Span::new(id, at, end), "octet invalide");
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

/// One included file as the helper left it.
pub struct Prefetch {
    pub canonical: PathBuf,
    pub read: Result<Vec<u8>, ReadError>,
    /// `None` when the file could not be read.
    pub prepared: Option<Prepared>,
}

/// How many files each helper may hold ready ahead of the loader.
const AHEAD: usize = 2;

/// Larger files are left to the loader, so that what is held ahead stays small whatever the
/// input (a hostile project of 16 Mio files would otherwise multiply the memory of the
/// sequential load). A real convention's file is a few tens of kilobytes.
const MAX_AHEAD_BYTES: u64 = 1024 * 1024;

/// Helpers reading ahead; the loader takes their files in the order of the matches.
pub struct Ahead {
    /// Helper `i` reads the matches `i`, `i + n`, `i + 2n`… (`n` helpers).
    helpers: Vec<Receiver<Option<Prefetch>>>,
    taken: usize,
}

impl Ahead {
    /// The next match's file: `None` for a path the helpers left to the loader (not
    /// canonicalisable, outside the root, not a file, too large to hold ahead). Exactly one call
    /// per match, in order.
    pub fn next(&mut self) -> Option<Prefetch> {
        let helper = &self.helpers[self.taken % self.helpers.len()];
        self.taken += 1;
        helper.recv().ok().flatten()
    }
}

/// Starts reading `matches` ahead on helper threads, match `k` predicted to get
/// id `first_id + k` (each match loaded, none including others: the usual `fiches/*.ctg`).
/// Dropping the returned `Ahead` stops the helpers.
pub fn spawn<'scope>(
    scope: &'scope Scope<'scope, '_>,
    project: &'scope Project,
    matches: &'scope [PathBuf],
    first_id: usize,
) -> Ahead {
    // One helper more than the cores: the loader's own thread runs too, and a helper descheduled
    // must not leave it waiting (on 2 cores, 3 helpers measured 5–10 % faster than 2).
    let count = std::thread::available_parallelism()
        .map_or(1, |n| n.get() + 1)
        .min(4)
        .min(matches.len());
    let helpers = (0..count)
        .map(|helper| {
            let (tx, rx) = sync_channel(AHEAD);
            scope.spawn(move || {
                for (k, m) in matches.iter().enumerate().skip(helper).step_by(count) {
                    let item = fetch(project, m, FileId((first_id + k) as u32));
                    if tx.send(item).is_err() {
                        break;
                    }
                }
            });
            rx
        })
        .collect();
    Ahead { helpers, taken: 0 }
}

fn fetch(project: &Project, path: &Path, id: FileId) -> Option<Prefetch> {
    let canonical = path
        .canonicalize()
        .ok()
        .filter(|c| c.starts_with(&project.root))
        .filter(|c| {
            std::fs::metadata(c).is_ok_and(|m| m.is_file() && m.len() <= MAX_AHEAD_BYTES)
        })?;
    let read = read_limited(&canonical);
    let prepared = read
        .as_ref()
        .ok()
        .map(|bytes| prepare(bytes, id, &display(project, &canonical)));
    Some(Prefetch {
        canonical,
        read,
        prepared,
    })
}
