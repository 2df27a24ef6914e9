//! Confinement: a directory a project may read, and the one rule that keeps every path written
//! by the project (in `ctgc.yaml`, a template name, a logo) inside it — no absolute path, no `..`
//! that climbs out, no symbolic link that leads out.
//!
//! Today the roots are the project directory and its templates directory below it. A shared
//! model directory declared in `ctgc.yaml` (issue 12) will be one more [`Root`], read-only, under
//! the same rules: nothing in this module assumes the root is the project.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use super::Project;
use crate::world::{self, FileError, Kind, World};

/// Why a path written by the project is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// `/etc/passwd`, `C:\…`
    Absolute,
    /// A `..` that climbs above the directory the path starts from.
    Climbs,
    /// The path exists, but a symbolic link on the way leads out of the root.
    Outside,
    /// Nothing there (or unreadable).
    Missing(FileError),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Absolute => f.write_str("c'est un chemin absolu"),
            Refusal::Climbs => f.write_str("ses « .. » remontent au-dessus du dossier"),
            Refusal::Outside => f.write_str("un lien symbolique mène hors du dossier"),
            Refusal::Missing(e) => write!(f, "{e}"),
        }
    }
}

/// A path as written, checked without the disk: relative, and no `..` above its start. Returns
/// it without `.` nor `..` (`logos/../logos/caf.svg` → `logos/caf.svg`).
pub(crate) fn relative(written: &Path) -> Result<PathBuf, Refusal> {
    if written.has_root()
        || written
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Err(Refusal::Absolute);
    }
    world::normalize(written).ok_or(Refusal::Climbs)
}

/// A directory whose files a project may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Root {
    /// As the user names it, for messages.
    pub dir: PathBuf,
    /// Canonical: every file read below it must have a canonical path that starts with it.
    pub canonical: PathBuf,
}

impl Root {
    /// The project directory.
    pub(crate) fn of(project: &Project) -> Root {
        Root {
            dir: project.dir.clone(),
            canonical: project.root.clone(),
        }
    }

    /// DIR in WORLD, as a root of its own (a templates directory given by a caller).
    pub(crate) fn open(world: &dyn World, dir: &Path) -> Result<Root, FileError> {
        let canonical = world.canonicalize(dir)?;
        match world.metadata(&canonical)?.kind {
            Kind::Directory => Ok(Root {
                dir: dir.to_path_buf(),
                canonical,
            }),
            Kind::File => Err(FileError::Other(
                "un élément du chemin n'est pas un dossier".into(),
            )),
            Kind::Other => Err(FileError::NotRegular),
        }
    }

    /// Whether a canonical path is inside this root.
    pub(crate) fn contains(&self, canonical: &Path) -> bool {
        canonical.starts_with(&self.canonical)
    }

    /// What WRITTEN names below this root, by [`relative`]: its canonical path when it exists
    /// and stays inside, symbolic links followed. What kind of file it is, is the caller's
    /// business.
    pub(crate) fn find(&self, world: &dyn World, written: &Path) -> Result<PathBuf, Refusal> {
        let rel = relative(written)?;
        let canonical = world
            .canonicalize(&self.canonical.join(&rel))
            .map_err(Refusal::Missing)?;
        if self.contains(&canonical) {
            Ok(canonical)
        } else {
            Err(Refusal::Outside)
        }
    }

    /// The directory WRITTEN below this root, as a root of its own.
    pub(crate) fn sub(&self, world: &dyn World, written: &Path) -> Result<Root, Refusal> {
        let canonical = self.find(world, written)?;
        match world.metadata(&canonical).map_err(Refusal::Missing)?.kind {
            Kind::Directory => Ok(Root {
                dir: self.dir.join(relative(written)?),
                canonical,
            }),
            Kind::File => Err(Refusal::Missing(FileError::Other(
                "c'est un fichier, pas un dossier".into(),
            ))),
            Kind::Other => Err(Refusal::Missing(FileError::NotRegular)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemoryWorld;

    #[test]
    fn written_paths_stay_below_their_start() {
        assert_eq!(
            relative(Path::new("./logos/../logos/caf.svg")),
            Ok(PathBuf::from("logos/caf.svg"))
        );
        assert_eq!(relative(Path::new(".")), Ok(PathBuf::new()));
        assert_eq!(relative(Path::new("/etc/passwd")), Err(Refusal::Absolute));
        assert_eq!(relative(Path::new("../x")), Err(Refusal::Climbs));
        assert_eq!(relative(Path::new("a/../../x")), Err(Refusal::Climbs));
    }

    #[test]
    fn files_are_found_inside_only() {
        let world = MemoryWorld::new()
            .with("templates/convention.typ.j2", "x")
            .with("/ailleurs/secret", "s");
        let root = Root::open(&world, Path::new(".")).unwrap();
        assert_eq!(root.canonical, PathBuf::from(MemoryWorld::ROOT));
        let templates = root.sub(&world, Path::new("templates")).unwrap();
        assert_eq!(templates.dir, PathBuf::from("./templates"));
        assert_eq!(
            templates.find(&world, Path::new("convention.typ.j2")),
            Ok(PathBuf::from("/projet/templates/convention.typ.j2"))
        );
        assert_eq!(
            templates.find(&world, Path::new("../../ailleurs/secret")),
            Err(Refusal::Climbs)
        );
        assert_eq!(
            root.find(&world, Path::new("/ailleurs/secret")),
            Err(Refusal::Absolute)
        );
        assert_eq!(
            root.find(&world, Path::new("absent")),
            Err(Refusal::Missing(FileError::NotFound))
        );
        assert!(matches!(
            root.sub(&world, Path::new("templates/convention.typ.j2")),
            Err(Refusal::Missing(_))
        ));
        // A root made of a directory outside the project confines just as well.
        let elsewhere = Root::open(&world, Path::new("/ailleurs")).unwrap();
        assert!(!elsewhere.contains(Path::new("/projet/templates/convention.typ.j2")));
    }
}
