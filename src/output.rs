//! Build outputs, written as one set.
//!
//! Every output is produced in memory first. Then, holding the output directory's lock
//! (`lock.rs`: concurrent builds of one directory are serialised), the set is written:
//!
//! 1. each file is staged in a private directory inside the output directory
//!    (`.ctgc-staging.<pid>.<n>/new/`) and flushed — a full disk stops the build here, before
//!    anything is replaced;
//! 2. each previous output is kept aside in the same directory (`old/`, a hard link: no copy);
//! 3. each staged file is renamed over its previous version — atomic, so a reader sees either the
//!    old file or the new one, never a part; if a rename fails midway, the files already renamed
//!    are put back from `old/`, so the previous set stays whole;
//! 4. the outputs now out of date are removed, then the staging directory.
//!
//! An interrupted build (kill -9) leaves every output whole, old or new, and a staging directory
//! that the next build removes. An output never replaces a file the project reads
//! ([`Protected`]).

mod lock;

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use lock::Lock;

/// One file of a build, held in memory until everything is ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Path relative to the output directory: `versants-d-aime.pdf`, `site/index.html`.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Artifact {
    pub(crate) fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        Artifact {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Why an output could not be written: a French message for the user (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn io_error(what: &str, path: &Path, e: &std::io::Error) -> WriteError {
    WriteError(format!(
        "{what} « {} » : {}",
        path.display(),
        crate::io_message(e)
    ))
}

/// The files a build must never replace nor remove: those the project reads (its sources,
/// `ctgc.yaml`) and everything in its templates directory. Compared by canonical path.
#[derive(Debug, Default)]
pub(crate) struct Protected {
    files: HashSet<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Protected {
    /// Protects the file at PATH (as it exists now).
    pub(crate) fn file(&mut self, path: &Path) {
        if let Ok(canonical) = path.canonicalize() {
            self.files.insert(canonical);
        }
    }

    /// Protects every file below the canonical directory DIR.
    pub(crate) fn dir(&mut self, canonical: PathBuf) {
        self.dirs.push(canonical);
    }

    /// Whether writing TARGET would replace a protected file: by its own name (what a rename
    /// replaces) or through a link.
    fn covers(&self, target: &Path) -> bool {
        let named = match (target.parent(), target.file_name()) {
            (Some(parent), Some(name)) => parent.canonicalize().ok().map(|p| p.join(name)),
            _ => None,
        };
        [named, target.canonicalize().ok()]
            .into_iter()
            .flatten()
            .any(|p| self.files.contains(&p) || self.dirs.iter().any(|d| p.starts_with(d)))
    }
}

/// The file system operations of a set's writing, replaced by failing ones in the tests.
trait Disk {
    /// Creates PATH (new) with BYTES, flushed to the disk.
    fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()>;
    /// Keeps FROM aside at TO, FROM left in place.
    fn keep(&self, from: &Path, to: &Path) -> std::io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()>;
}

/// The real disk.
struct Os;

impl Disk for Os {
    fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    fn keep(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        // A hard link costs nothing; a file system without them gets a copy.
        fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(drop))
    }

    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        fs::rename(from, to)
    }
}

/// Writes every artifact under DIR (created if needed) as one set, then removes the OBSOLETE
/// files (paths relative to DIR); returns the paths written. `Err`: nothing was replaced.
pub(crate) fn write_all(
    dir: &Path,
    artifacts: &[Artifact],
    obsolete: &[PathBuf],
    protected: &Protected,
) -> Result<Vec<PathBuf>, WriteError> {
    write_set(&Os, dir, artifacts, obsolete, protected)
}

/// Whether PATH names a file below the output directory.
fn is_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

fn write_set(
    disk: &dyn Disk,
    dir: &Path,
    artifacts: &[Artifact],
    obsolete: &[PathBuf],
    protected: &Protected,
) -> Result<Vec<PathBuf>, WriteError> {
    if let Some(a) = artifacts.iter().find(|a| !is_relative(&a.path)) {
        return Err(WriteError(format!(
            "chemin de sortie « {} » refusé : il doit rester dans le dossier de sortie",
            a.path.display()
        )));
    }
    fs::create_dir_all(dir).map_err(|e| io_error("impossible de créer le dossier", dir, &e))?;
    let _lock = Lock::acquire(dir)?;
    Staging::remove_stale(dir);
    let targets: Vec<PathBuf> = artifacts.iter().map(|a| dir.join(&a.path)).collect();
    for target in &targets {
        if target.is_dir() {
            return Err(WriteError(format!(
                "« {} » est un dossier : impossible d'y écrire la sortie",
                target.display()
            )));
        }
        if protected.covers(target) {
            return Err(WriteError(format!(
                "« {} » est un fichier du projet (une source, ctgc.yaml ou un modèle) : un document produit ne le remplace jamais ; choisissez un autre dossier de sortie (sortie: build dans ctgc.yaml, ou -o DOSSIER)",
                target.display()
            )));
        }
    }
    let staging = Staging::create(dir)?;
    let result = staging
        .stage(disk, artifacts, &targets)
        .and_then(|()| staging.keep_previous(disk, &targets))
        .and_then(|kept| staging.swap(disk, artifacts, &targets, &kept));
    match result {
        Ok(()) => {}
        Err(Swap::Clean(e)) => {
            staging.remove();
            return Err(WriteError(format!(
                "{e} ; les documents précédents sont intacts"
            )));
        }
        // The staging directory holds the previous files that could not be put back.
        Err(Swap::Mixed(e)) => return Err(e),
    }
    for path in obsolete.iter().filter(|p| is_relative(p)) {
        let stale = dir.join(path);
        if stale.is_file() && !protected.covers(&stale) {
            let _ = fs::remove_file(&stale);
        }
    }
    // The renames are durable once the directory is.
    let _ = File::open(dir).and_then(|d| d.sync_all());
    staging.remove();
    Ok(targets)
}

/// How a set's writing failed.
enum Swap {
    /// Every previous output is in place.
    Clean(WriteError),
    /// Some could not be put back: the message says where they are.
    Mixed(WriteError),
}

/// A private directory inside the output directory, for one set.
struct Staging {
    dir: PathBuf,
}

/// The start of the staging directories' names.
const STAGING_PREFIX: &str = ".ctgc-staging.";

impl Staging {
    fn create(out: &Path) -> Result<Staging, WriteError> {
        let pid = std::process::id();
        let mut last = None;
        for attempt in 0..100u32 {
            let dir = out.join(format!("{STAGING_PREFIX}{pid}.{attempt}"));
            match fs::create_dir(&dir) {
                Ok(()) => return Ok(Staging { dir }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(io_error("impossible de créer un dossier dans", out, &e)),
            }
        }
        let e = last.unwrap_or_else(|| std::io::ErrorKind::AlreadyExists.into());
        Err(io_error("impossible de créer un dossier dans", out, &e))
    }

    /// Removes what interrupted builds left in OUT. Called with the lock held: none is in use.
    fn remove_stale(out: &Path) {
        let Ok(entries) = fs::read_dir(out) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let name = entry.file_name().to_string_lossy().into_owned();
            // Only a name ctgc gives (`.ctgc-staging.<pid>.<n>`), never a link.
            let ours = name.strip_prefix(STAGING_PREFIX).is_some_and(|rest| {
                let parts: Vec<&str> = rest.split('.').collect();
                parts.len() == 2
                    && parts
                        .iter()
                        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            });
            if is_dir && ours {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }

    fn new_file(&self, path: &Path) -> PathBuf {
        self.dir.join("new").join(path)
    }

    /// Where the previous version of the K-th target is kept: named by its index, so that no
    /// two targets share one.
    fn old_file(&self, k: usize) -> PathBuf {
        self.dir.join("old").join(k.to_string())
    }

    /// Step 1: every file written and flushed in the staging directory.
    fn stage(
        &self,
        disk: &dyn Disk,
        artifacts: &[Artifact],
        targets: &[PathBuf],
    ) -> Result<(), Swap> {
        for (a, target) in artifacts.iter().zip(targets) {
            let staged = self.new_file(&a.path);
            create_parent(&staged).map_err(Swap::Clean)?;
            disk.write(&staged, &a.bytes)
                .map_err(|e| Swap::Clean(io_error("impossible d'écrire", target, &e)))?;
        }
        Ok(())
    }

    /// Step 2: each previous output kept aside; whether each target had one.
    fn keep_previous(&self, disk: &dyn Disk, targets: &[PathBuf]) -> Result<Vec<bool>, Swap> {
        let mut kept = Vec::with_capacity(targets.len());
        for (k, target) in targets.iter().enumerate() {
            let exists = fs::symlink_metadata(target).is_ok();
            if exists {
                let old = self.old_file(k);
                create_parent(&old).map_err(Swap::Clean)?;
                disk.keep(target, &old).map_err(|e| {
                    Swap::Clean(io_error("impossible de garder de côté", target, &e))
                })?;
            }
            kept.push(exists);
        }
        Ok(kept)
    }

    /// Step 3: each staged file renamed over its target; on a failure, the previous files put
    /// back.
    fn swap(
        &self,
        disk: &dyn Disk,
        artifacts: &[Artifact],
        targets: &[PathBuf],
        kept: &[bool],
    ) -> Result<(), Swap> {
        for (k, (a, target)) in artifacts.iter().zip(targets).enumerate() {
            let placed = create_parent(target).and_then(|()| {
                disk.rename(&self.new_file(&a.path), target)
                    .map_err(|e| io_error("impossible de remplacer", target, &e))
            });
            if let Err(e) = placed {
                return Err(self.put_back(disk, &targets[..k], kept, e));
            }
        }
        Ok(())
    }

    /// Puts the previous version of each of the first targets back (or removes it when there was
    /// none), after error E.
    fn put_back(&self, disk: &dyn Disk, placed: &[PathBuf], kept: &[bool], e: WriteError) -> Swap {
        let mut stuck = false;
        for (k, target) in placed.iter().enumerate().rev() {
            let restored = if kept[k] {
                disk.rename(&self.old_file(k), target)
            } else {
                fs::remove_file(target)
            };
            stuck |= restored.is_err();
        }
        if stuck {
            Swap::Mixed(WriteError(format!(
                "{} ; les documents précédents n'ont pas tous pu être remis en place : ils sont dans « {} »",
                e.0,
                self.dir.join("old").display()
            )))
        } else {
            Swap::Clean(e)
        }
    }

    fn remove(&self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn create_parent(path: &Path) -> Result<(), WriteError> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => fs::create_dir_all(parent)
            .map_err(|e| io_error("impossible de créer le dossier", parent, &e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
