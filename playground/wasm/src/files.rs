//! The editor's files: what the page holds, turned into a project in memory for each analysis.

use std::collections::BTreeMap;
use std::path::{Component, Path};
use std::sync::Arc;

use ctgc::world::MemoryWorld;

/// Paths relative to the project (`convention.ctg`, `fiches/creche.ctg`, `logos/caf.svg`) and
/// their contents. Kept apart from the world so that each analysis starts from a fresh one: the
/// templates hold their world for the whole render.
#[derive(Debug, Default, Clone)]
pub struct FileSet {
    files: BTreeMap<String, Vec<u8>>,
}

impl FileSet {
    /// Adds or replaces a file. A name [`path_problem`] refuses is an error, in French.
    pub fn set(&mut self, path: &str, bytes: Vec<u8>) -> Result<(), String> {
        if let Some(problem) = path_problem(path) {
            return Err(problem);
        }
        self.files.insert(path.to_string(), bytes);
        Ok(())
    }

    /// Removes a file; returns whether it was there.
    pub fn remove(&mut self, path: &str) -> bool {
        self.files.remove(path).is_some()
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files as a project under [`MemoryWorld::ROOT`].
    pub fn world(&self) -> Arc<MemoryWorld> {
        let mut world = MemoryWorld::new();
        for (path, bytes) in &self.files {
            world.insert(path, bytes.clone());
        }
        Arc::new(world)
    }
}

/// Why PATH cannot name a file of the project, in French; `None` when it can. A name is relative,
/// made of plain parts separated by `/`, and none of them is `.` or `..`: the project is the
/// whole world, and a file must be reachable by `inclure` and shown in the file list as typed.
pub fn path_problem(path: &str) -> Option<String> {
    if path.trim().is_empty() {
        return Some("le nom du fichier est vide".into());
    }
    if path.starts_with('/') || path.contains('\\') {
        return Some(format!(
            "« {path} » : le chemin doit être relatif au projet, avec des « / » (par exemple fiches/creche.ctg)"
        ));
    }
    if path.split('/').any(|part| part.is_empty()) {
        return Some(format!(
            "« {path} » : un élément du chemin est vide (deux « / » de suite, ou un « / » à la fin)"
        ));
    }
    let plain = Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !plain || path.split('/').any(|part| part == "." || part == "..") {
        return Some(format!(
            "« {path} » : « . » et « .. » ne peuvent pas faire partie du nom"
        ));
    }
    if path.chars().any(char::is_control) {
        return Some(format!(
            "« {} » : le nom contient un caractère de contrôle",
            path.escape_debug()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use ctgc::world::{Kind, World};

    #[test]
    fn names_stay_inside_the_project() {
        for ok in ["convention.ctg", "fiches/01 crèche.ctg", "logos/caf.svg"] {
            assert_eq!(path_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "  ",
            "/etc/passwd",
            "../x.ctg",
            "fiches/../../x.ctg",
            "./convention.ctg",
            "fiches//a.ctg",
            "fiches/",
            "a\\b.ctg",
            "a\nb.ctg",
        ] {
            assert!(path_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn the_world_holds_the_files_under_its_root() {
        let mut files = FileSet::default();
        files.set("convention.ctg", b"x".to_vec()).unwrap();
        files.set("fiches/a.ctg", b"a".to_vec()).unwrap();
        assert!(files.set("../dehors.ctg", b"no".to_vec()).is_err());
        assert_eq!(files.len(), 2);
        let world = files.world();
        assert_eq!(
            world.metadata(Path::new("fiches")).map(|m| m.kind),
            Ok(Kind::Directory)
        );
        assert_eq!(
            world.read(Path::new("/projet/fiches/a.ctg"), 10),
            Ok(b"a".to_vec())
        );
        assert!(files.remove("fiches/a.ctg"));
        assert!(!files.remove("fiches/a.ctg"));
        assert!(files.world().metadata(Path::new("fiches")).is_err());
    }
}
