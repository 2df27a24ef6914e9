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

use super::prepare::{Fetched, prepare};
use crate::project::Project;
use crate::source::FileId;
use crate::world::{Kind, World};

/// How many files each helper may hold ready ahead of the loader.
const AHEAD: usize = 2;

/// Larger files are left to the loader, so that what is held ahead stays small whatever the
/// input (a hostile project of 16 Mio files would otherwise multiply the memory of the
/// sequential load). A real convention's file is a few tens of kilobytes.
const MAX_AHEAD_BYTES: u64 = 1024 * 1024;

/// Helpers reading ahead; the loader takes their files in the order of the matches.
pub(super) struct Ahead {
    /// Helper `i` reads the matches `i`, `i + n`, `i + 2n`… (`n` helpers; none for one match).
    helpers: Vec<Receiver<Option<Fetched>>>,
    taken: usize,
}

impl Ahead {
    /// The next match's file: `None` for a path the helpers left to the loader (not
    /// canonicalisable, outside the root, not a file, too large to hold ahead). Exactly one call
    /// per match, in order.
    pub(super) fn next(&mut self) -> Option<Fetched> {
        let helper = self.helpers.get(self.taken % self.helpers.len().max(1))?;
        self.taken += 1;
        helper.recv().ok().flatten()
    }
}

/// Runs LOAD while helper threads read `matches` ahead, match `k` predicted to get id
/// `first_id + k` (each match loaded, none including others: the usual `fiches/*.ctg`). The
/// helpers stop when LOAD returns.
pub(super) fn reading_ahead<R>(
    world: &dyn World,
    project: &Project,
    matches: &[PathBuf],
    first_id: usize,
    load: impl FnOnce(&mut Ahead) -> R,
) -> R {
    std::thread::scope(|scope| {
        // A single file gains nothing from a helper. One helper more than the cores: the
        // loader's own thread runs too, and a helper descheduled must not leave it waiting (on
        // 2 cores, 3 helpers measured 5–10 % faster than 2).
        let count = if matches.len() > 1 {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get() + 1)
                .min(4)
                .min(matches.len())
        } else {
            0
        };
        let helpers = (0..count)
            .map(|helper| {
                let (tx, rx) = sync_channel(AHEAD);
                scope.spawn(move || {
                    for (k, m) in matches.iter().enumerate().skip(helper).step_by(count) {
                        let item = fetch(world, project, m, FileId((first_id + k) as u32));
                        if tx.send(item).is_err() {
                            break;
                        }
                    }
                });
                rx
            })
            .collect();
        load(&mut Ahead { helpers, taken: 0 })
    })
}

fn fetch(world: &dyn World, project: &Project, path: &Path, id: FileId) -> Option<Fetched> {
    let canonical = world
        .canonicalize(path)
        .ok()
        .filter(|c| project.contains(c))
        .filter(|c| {
            world
                .metadata(c)
                .is_ok_and(|m| m.kind == Kind::File && m.len <= MAX_AHEAD_BYTES)
        })?;
    let mut fetched = Fetched::now(world, &canonical);
    fetched.prepared = fetched
        .read
        .as_ref()
        .ok()
        .map(|bytes| prepare(bytes, id, &project.display(&canonical)));
    Some(fetched)
}
