//! Files held in memory: a map of paths to bytes, alone or laid over another world.
//!
//! Alone, it is a whole project under a virtual root ([`MemoryWorld::ROOT`], also where relative
//! paths start): what tests, fuzzers and a browser give the front end. Laid over another world
//! ([`MemoryWorld::over`]), its files hide those of the world below at the same paths: an editor's
//! unsaved buffers over the disk. Directories are implied by the files they hold.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Entry, FileError, Kind, Metadata, World, normalize};

pub struct MemoryWorld {
    /// Absolute paths, without `.` nor `..`.
    files: BTreeMap<PathBuf, Arc<[u8]>>,
    /// Where relative paths start.
    cwd: PathBuf,
    base: Option<Box<dyn World>>,
}

impl Default for MemoryWorld {
    fn default() -> Self {
        MemoryWorld::new()
    }
}

impl MemoryWorld {
    /// The directory of a memory world alone: relative paths start there.
    pub const ROOT: &'static str = "/projet";

    /// An empty world: only the root directory exists.
    pub fn new() -> Self {
        MemoryWorld {
            files: BTreeMap::new(),
            cwd: PathBuf::from(Self::ROOT),
            base: None,
        }
    }

    /// Files laid over BASE; relative paths start from CWD (an absolute path of BASE, such as
    /// the current directory of the process).
    pub fn over(base: impl World + 'static, cwd: impl Into<PathBuf>) -> Self {
        MemoryWorld {
            files: BTreeMap::new(),
            cwd: cwd.into(),
            base: Some(Box::new(base)),
        }
    }

    /// Adds or replaces a file (builder style).
    pub fn with(mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) -> Self {
        self.insert(path, bytes);
        self
    }

    /// Adds or replaces a file. A path that climbs above the root with `..` is ignored.
    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) {
        if let Some(at) = self.absolute(path.as_ref()) {
            self.files.insert(at, Arc::from(bytes.into()));
        }
    }

    /// Removes a file; returns whether it was there.
    pub fn remove(&mut self, path: impl AsRef<Path>) -> bool {
        self.absolute(path.as_ref())
            .is_some_and(|at| self.files.remove(&at).is_some())
    }

    fn absolute(&self, path: &Path) -> Option<PathBuf> {
        normalize(&self.cwd.join(path))
    }

    /// The files under directory AT, with their paths below it.
    fn below<'a>(&'a self, at: &'a Path) -> impl Iterator<Item = (&'a Path, &'a [u8])> + 'a {
        self.files
            .range::<Path, _>((Bound::Excluded(at), Bound::Unbounded))
            .map_while(move |(p, bytes)| Some((p.strip_prefix(at).ok()?, &bytes[..])))
    }

    /// What this world itself holds at AT (an absolute path), whatever lies below.
    fn own(&self, at: &Path) -> Option<Metadata> {
        if let Some(bytes) = self.files.get(at) {
            return Some(Metadata {
                kind: Kind::File,
                len: bytes.len() as u64,
            });
        }
        let implied =
            self.below(at).next().is_some() || (self.base.is_none() && self.cwd.starts_with(at));
        implied.then_some(Metadata {
            kind: Kind::Directory,
            len: 0,
        })
    }
}

impl World for MemoryWorld {
    fn metadata(&self, path: &Path) -> Result<Metadata, FileError> {
        let at = self.absolute(path).ok_or(FileError::NotFound)?;
        match (self.own(&at), &self.base) {
            (Some(meta), _) => Ok(meta),
            (None, Some(base)) => base.metadata(&at),
            (None, None) => Err(FileError::NotFound),
        }
    }

    fn canonicalize(&self, path: &Path) -> Result<PathBuf, FileError> {
        let at = self.absolute(path).ok_or(FileError::NotFound)?;
        match (self.own(&at), &self.base) {
            (Some(_), _) => Ok(at),
            (None, Some(base)) => base.canonicalize(&at),
            (None, None) => Err(FileError::NotFound),
        }
    }

    fn entries(&self, dir: &Path) -> Result<Vec<Entry>, FileError> {
        let at = self.absolute(dir).ok_or(FileError::NotFound)?;
        let own = self.own(&at);
        if own.is_some_and(|m| m.kind == Kind::File) {
            return Err(FileError::Other(
                "un élément du chemin n'est pas un dossier".into(),
            ));
        }
        let mut entries: BTreeMap<String, Kind> = match (&self.base, own) {
            (Some(base), _) => match base.entries(&at) {
                Ok(list) => list.into_iter().map(|e| (e.name, e.kind)).collect(),
                Err(e) if own.is_none() => return Err(e),
                Err(_) => BTreeMap::new(),
            },
            (None, Some(_)) => BTreeMap::new(),
            (None, None) => return Err(FileError::NotFound),
        };
        for (relative, _) in self.below(&at) {
            let mut parts = relative.components();
            let Some(first) = parts.next().and_then(|c| c.as_os_str().to_str()) else {
                continue;
            };
            let kind = if parts.next().is_some() {
                Kind::Directory
            } else {
                Kind::File
            };
            entries.insert(first.to_string(), kind);
        }
        Ok(entries
            .into_iter()
            .map(|(name, kind)| Entry { name, kind })
            .collect())
    }

    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
        let at = self.absolute(path).ok_or(FileError::NotFound)?;
        if let Some(bytes) = self.files.get(&at) {
            let end = bytes
                .len()
                .min(usize::try_from(limit).unwrap_or(usize::MAX));
            return Ok(bytes[..end].to_vec());
        }
        match (self.own(&at), &self.base) {
            (Some(_), _) => Err(FileError::Directory),
            (None, Some(base)) => base.read(&at, limit),
            (None, None) => Err(FileError::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(world: &MemoryWorld, dir: &str) -> Vec<(String, Kind)> {
        world
            .entries(Path::new(dir))
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect()
    }

    #[test]
    fn directories_are_implied_by_their_files() {
        let world = MemoryWorld::new()
            .with("convention.ctg", "a")
            .with("fiches/b.ctg", "bb")
            .with("fiches/sous/c.ctg", "c")
            .with("fiches.txt", "t");
        assert_eq!(
            names(&world, "."),
            [
                ("convention.ctg".to_string(), Kind::File),
                ("fiches".to_string(), Kind::Directory),
                ("fiches.txt".to_string(), Kind::File),
            ]
        );
        assert_eq!(
            names(&world, "/projet/fiches/"),
            [
                ("b.ctg".to_string(), Kind::File),
                ("sous".to_string(), Kind::Directory),
            ]
        );
        assert_eq!(
            world.metadata(Path::new("fiches/b.ctg")),
            Ok(Metadata {
                kind: Kind::File,
                len: 2
            })
        );
        assert_eq!(
            world.metadata(Path::new("fiches")).map(|m| m.kind),
            Ok(Kind::Directory)
        );
        assert_eq!(world.metadata(Path::new("fich")), Err(FileError::NotFound));
        assert_eq!(
            world.canonicalize(Path::new("fiches/../convention.ctg")),
            Ok(PathBuf::from("/projet/convention.ctg"))
        );
        assert_eq!(
            world.read(Path::new("fiches"), 10),
            Err(FileError::Directory)
        );
        assert_eq!(world.read(Path::new("fiches/b.ctg"), 1), Ok(b"b".to_vec()));
        // The root exists even when empty.
        assert!(
            MemoryWorld::new()
                .entries(Path::new("."))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn files_laid_over_another_world_hide_its_own() {
        let below = MemoryWorld::new()
            .with("convention.ctg", "sur le disque")
            .with("fiches/a.ctg", "a");
        let mut world = MemoryWorld::over(below, MemoryWorld::ROOT);
        world.insert("convention.ctg", "modifié");
        world.insert("fiches/nouveau.ctg", "n");
        assert_eq!(
            world.read(Path::new("convention.ctg"), 100),
            Ok(b"modifi\xc3\xa9".to_vec())
        );
        assert_eq!(
            world.read(Path::new("fiches/a.ctg"), 100),
            Ok(b"a".to_vec())
        );
        assert_eq!(
            names(&world, "fiches"),
            [
                ("a.ctg".to_string(), Kind::File),
                ("nouveau.ctg".to_string(), Kind::File),
            ]
        );
        assert!(world.remove("fiches/nouveau.ctg"));
        assert_eq!(
            world.metadata(Path::new("fiches/nouveau.ctg")),
            Err(FileError::NotFound)
        );
    }
}
