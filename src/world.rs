//! The boundary for input, as typst's `World`: everything the front end reads — `ctgc.yaml`, the
//! `.ctg` files and what their `inclure` patterns match, the article model, the templates, the
//! logos and the fonts — goes through one trait. The disk world ([`DiskWorld`], default build)
//! reads the file system; the memory world ([`MemoryWorld`]) holds files as bytes, for tests,
//! fuzzers, a browser, or an editor's unsaved buffers laid over the disk.
//!
//! A world answers for any path. Keeping to the project directory is the front end's rule
//! (`Project::contains`), written once for every world.

#[cfg(feature = "cli")]
mod disk;
mod memory;
pub(crate) mod pattern;

use std::fmt;
use std::path::{Component, Path, PathBuf};

#[cfg(feature = "cli")]
pub(crate) use disk::DiskWorld;
#[cfg(feature = "cli")]
pub(crate) use disk::io_message;
pub use memory::MemoryWorld;

/// Where the front end reads. `Send + Sync`: the default build reads included files ahead on
/// helper threads, and templates keep their world for the renders.
pub trait World: Send + Sync {
    /// What is at PATH, symbolic links followed.
    fn metadata(&self, path: &Path) -> Result<Metadata, FileError>;

    /// PATH made absolute, without `.`, `..` nor symbolic links: one name per file, which include
    /// cycles and confinement compare.
    fn canonicalize(&self, path: &Path) -> Result<PathBuf, FileError>;

    /// The entries of directory DIR, in any order. Names that are not UTF-8 are left out:
    /// patterns match text.
    fn entries(&self, dir: &Path) -> Result<Vec<Entry>, FileError>;

    /// At most the first LIMIT bytes of the regular file at PATH. Never waits: a directory, a
    /// device or a pipe is an error, not a read.
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, FileError>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Directory,
    /// A device, a pipe, a socket…
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metadata {
    pub kind: Kind,
    /// Size in bytes (of a file).
    pub len: u64,
}

/// One entry of a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// Symbolic links followed; `Other` for a link that leads nowhere.
    pub kind: Kind,
}

/// Why a path could not be read; its `Display` is French, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    NotFound,
    /// A directory where a file was expected.
    Directory,
    /// A device, a pipe…: reading it could block or never end.
    NotRegular,
    /// Any other reason, already in French.
    Other(String),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileError::NotFound => "fichier ou dossier introuvable",
            FileError::Directory => "c'est un dossier, pas un fichier",
            FileError::NotRegular => "ce n'est pas un fichier ordinaire (périphérique, tube…)",
            FileError::Other(why) => why,
        })
    }
}

/// Why a whole file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReadError {
    File(FileError),
    /// Larger than the limit asked for: its size.
    TooLarge(u64),
}

impl From<FileError> for ReadError {
    fn from(e: FileError) -> Self {
        ReadError::File(e)
    }
}

/// Reads the whole regular file at PATH when it holds at most MAX bytes. The size is looked at
/// before reading: a file over the limit is not read at all.
pub(crate) fn read_limited(world: &dyn World, path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let meta = world.metadata(path)?;
    match meta.kind {
        Kind::File => {}
        Kind::Directory => return Err(FileError::Directory.into()),
        Kind::Other => return Err(FileError::NotRegular.into()),
    }
    if meta.len > max {
        return Err(ReadError::TooLarge(meta.len));
    }
    let bytes = world.read(path, max.saturating_add(1))?;
    if bytes.len() as u64 > max {
        // The file grew while being read.
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// PATH with `.` and `..` resolved by reading it, not the disk; `None` when a `..` climbs above
/// its start.
pub(crate) fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_without_the_disk() {
        assert_eq!(
            normalize(Path::new("/a/./b/../c")),
            Some(PathBuf::from("/a/c"))
        );
        assert_eq!(normalize(Path::new("/a/../..")), None);
        assert_eq!(normalize(Path::new("a/..")), Some(PathBuf::new()));
    }

    #[test]
    fn reads_within_limits() {
        let world = MemoryWorld::new()
            .with("petit.ctg", "abc")
            .with("gros.ctg", vec![b'x'; 11]);
        assert_eq!(
            read_limited(&world, Path::new("petit.ctg"), 10),
            Ok(b"abc".to_vec())
        );
        assert_eq!(
            read_limited(&world, Path::new("gros.ctg"), 10),
            Err(ReadError::TooLarge(11))
        );
        assert_eq!(
            read_limited(&world, Path::new("."), 10),
            Err(ReadError::File(FileError::Directory))
        );
        assert_eq!(
            read_limited(&world, Path::new("absent.ctg"), 10),
            Err(ReadError::File(FileError::NotFound))
        );
    }
}
