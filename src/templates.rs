//! The templates: the built-in set, embedded in the binary, and a project's own directory
//! (`templates/`, or `modèles:` of `ctgc.yaml`), read through the project's world, whose files
//! override the built-in ones by name.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::limits::MAX_FILE_BYTES;
use crate::project::{Config, Project};
use crate::world::{self, World};

/// The directory of a project's templates when `modèles:` says nothing.
pub(crate) const DEFAULT_DIR: &str = "templates";

/// The article model's file: built in, or in the project's templates directory.
pub(crate) const ARTICLES_FILE: &str = "articles.yaml";

/// A project's templates directory: `modèles:` of `ctgc.yaml`, else `templates/`.
pub(crate) fn project_dir(project: &Project, config: &Config) -> PathBuf {
    project
        .dir
        .join(config.modeles.as_deref().unwrap_or(DEFAULT_DIR))
}

/// Finds templates: the project's directory first, then the built-in set.
#[derive(Clone)]
pub struct Templates {
    /// The project's directory, and the world it is read in.
    project: Option<(PathBuf, Arc<dyn World>)>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("dir", &self.dir())
            .finish()
    }
}

impl Templates {
    /// The built-in templates alone.
    pub fn builtin() -> Self {
        Templates { project: None }
    }

    /// The built-in templates, overridden by those of DIR in WORLD.
    pub fn in_world(world: Arc<dyn World>, dir: PathBuf) -> Self {
        Templates {
            project: Some((dir, world)),
        }
    }

    /// The built-in templates, overridden by those of DIR on the disk.
    #[cfg(feature = "cli")]
    pub fn new(dir: Option<PathBuf>) -> Self {
        match dir {
            Some(dir) => Templates::in_world(Arc::new(world::DiskWorld), dir),
            None => Templates::builtin(),
        }
    }

    /// The source of template `name`, and where it came from (for error messages). A project's
    /// template is read under the file size limit; one that cannot be read leaves the built-in
    /// one in place.
    pub(crate) fn get(&self, name: &str) -> Option<(String, String)> {
        // Names stay inside the directory, as includes and logos stay inside the project.
        let plain = Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if let (Some((dir, world)), true) = (&self.project, plain) {
            let p = dir.join(name);
            if let Some(text) = world::read_limited(world.as_ref(), &p, MAX_FILE_BYTES)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
            {
                return Some((text, p.display().to_string()));
            }
        }
        EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, t)| (t.to_string(), format!("{n} (modèle intégré)")))
    }

    /// The project's templates directory, if any.
    pub(crate) fn dir(&self) -> Option<&Path> {
        self.project.as_ref().map(|(dir, _)| dir.as_path())
    }
}

/// The default article set (ids, titles, texts).
pub(crate) const ARTICLES: &str = include_str!("../templates/articles.yaml");

/// The HTML page and its inline style sheet.
pub(crate) const HTML: &str = include_str!("../templates/convention.html.j2");
pub(crate) const HTML_CSS: &str = include_str!("../templates/convention.css.j2");

/// Every embedded template, by file name.
pub(crate) const EMBEDDED: &[(&str, &str)] = &[
    ("articles.yaml", ARTICLES),
    ("convention.html.j2", HTML),
    ("convention.css.j2", HTML_CSS),
    // The Typst document (PDF): `convention.typ.j2` includes the others.
    (
        "convention.typ.j2",
        include_str!("../templates/convention.typ.j2"),
    ),
    ("style.typ.j2", include_str!("../templates/style.typ.j2")),
    (
        "couverture.typ.j2",
        include_str!("../templates/couverture.typ.j2"),
    ),
    (
        "parties.typ.j2",
        include_str!("../templates/parties.typ.j2"),
    ),
    (
        "articles.typ.j2",
        include_str!("../templates/articles.typ.j2"),
    ),
    (
        "signatures.typ.j2",
        include_str!("../templates/signatures.typ.j2"),
    ),
    (
        "annexes.typ.j2",
        include_str!("../templates/annexes.typ.j2"),
    ),
    (
        "annexe-synthese.typ.j2",
        include_str!("../templates/annexe-synthese.typ.j2"),
    ),
    (
        "annexe-fiches.typ.j2",
        include_str!("../templates/annexe-fiches.typ.j2"),
    ),
    ("fiche.typ.j2", include_str!("../templates/fiche.typ.j2")),
    (
        "annexe-financements.typ.j2",
        include_str!("../templates/annexe-financements.typ.j2"),
    ),
    (
        "annexe-equipements.typ.j2",
        include_str!("../templates/annexe-equipements.typ.j2"),
    ),
    (
        "annexe-gouvernance.typ.j2",
        include_str!("../templates/annexe-gouvernance.typ.j2"),
    ),
    (
        "annexe-conventions-liees.typ.j2",
        include_str!("../templates/annexe-conventions-liees.typ.j2"),
    ),
    (
        "annexe-libre.typ.j2",
        include_str!("../templates/annexe-libre.typ.j2"),
    ),
];
