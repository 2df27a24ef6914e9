//! The templates: the built-in set, embedded in the binary, and a project's own directory
//! (`templates/`, or `modèles:` of `ctgc.yaml`) and the Caf's model's `templates/`, read through
//! the project's world, whose files override the built-in ones by name.
//!
//! A project's templates are confined to their directory (`project::Root`): a template name
//! (the main templates', or one a template includes, imports or extends) is a file name below
//! it, and a symbolic link that leads out of it is refused, not followed. Every template
//! minijinja loads comes through [`Templates::load`].

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::limits::MAX_FILE_BYTES;
use crate::project::{Config, Project, Refusal, Root};
use crate::world::{self, FileError, ReadError, World};

/// The directory of a project's templates when `modèles:` says nothing.
pub(crate) const DEFAULT_DIR: &str = "templates";

/// The article model's file: built in, or in the project's templates directory.
pub(crate) const ARTICLES_FILE: &str = "articles.yaml";

/// A project's templates directory: `modèles:` of `ctgc.yaml`, else `templates/`, inside the
/// project. `None` when there is none; `Err` when it leads out of the project.
pub(crate) fn project_dir(
    world: &dyn World,
    project: &Project,
    config: &Config,
) -> Result<Option<Root>, Refusal> {
    let written = config.modeles.as_deref().unwrap_or(DEFAULT_DIR);
    match Root::of(project).sub(world, Path::new(written)) {
        Ok(root) => Ok(Some(root)),
        Err(Refusal::Missing(_)) => Ok(None),
        Err(refusal) => Err(refusal),
    }
}

/// A template found: its source, and where it came from (for error messages).
pub(crate) type Found = (String, String);

/// Finds templates: the project's directory first, then the built-in set.
#[derive(Clone)]
pub struct Templates {
    /// The directories searched before the built-in set, in order, each a confinement root.
    dirs: Vec<Root>,
    /// The world they are read in.
    world: Option<Arc<dyn World>>,
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
        Templates {
            dirs: Vec::new(),
            world: None,
        }
    }

    /// The built-in templates, overridden by those of DIR in WORLD (none when DIR is not a
    /// directory).
    pub fn in_world(world: Arc<dyn World>, dir: PathBuf) -> Self {
        let root = Root::open(world.as_ref(), &dir).ok();
        Templates::confined(world, root)
    }

    /// The built-in templates, overridden by those of ROOTS in WORLD (the first that has a
    /// template wins: the project's directory, then the Caf's model's).
    pub(crate) fn confined(world: Arc<dyn World>, roots: impl IntoIterator<Item = Root>) -> Self {
        Templates {
            dirs: roots.into_iter().collect(),
            world: Some(world),
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

    /// The source of template `name`, and where it came from; `None` when there is no such
    /// template. A project's template is read under the file size limit; one that cannot be read
    /// leaves the built-in one in place. `Err` (a French message): a name that is not a file
    /// name below the directory, or a project's file that leads out of it or is not a regular
    /// file.
    pub(crate) fn load(&self, name: &str) -> Result<Option<Found>, String> {
        let plain = Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !plain || name.is_empty() {
            return Err(format!(
                "nom de modèle « {name} » refusé : un modèle est désigné par son nom dans le dossier des modèles, sans « / » initial ni « .. »"
            ));
        }
        if let Some(world) = &self.world {
            for dir in &self.dirs {
                let shown = dir.dir.join(name).display().to_string();
                let refused = |why: &dyn std::fmt::Display| {
                    format!(
                        "modèle « {shown} » refusé : {why} ; seuls les fichiers du dossier des modèles sont lus"
                    )
                };
                let canonical = match dir.find(world.as_ref(), Path::new(name)) {
                    Ok(c) => c,
                    Err(Refusal::Missing(_)) => continue,
                    Err(refusal) => return Err(refused(&refusal)),
                };
                match world::read_limited(world.as_ref(), &canonical, MAX_FILE_BYTES) {
                    Ok(bytes) => {
                        if let Ok(text) = String::from_utf8(bytes) {
                            return Ok(Some((text, shown)));
                        }
                    }
                    Err(ReadError::File(e @ FileError::NotRegular)) => return Err(refused(&e)),
                    Err(_) => {}
                }
            }
        }
        Ok(EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, t)| (t.to_string(), format!("{n} (modèle intégré)"))))
    }

    /// [`Templates::load`], a refused name being no template.
    pub(crate) fn get(&self, name: &str) -> Option<Found> {
        self.load(name).ok().flatten()
    }

    /// The project's templates directory, if any.
    pub(crate) fn dir(&self) -> Option<&Path> {
        self.dirs.first().map(|root| root.dir.as_path())
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
    // The bilan (`ctgc bilan`): its Typst document and its page.
    ("bilan.typ.j2", include_str!("../templates/bilan.typ.j2")),
    ("bilan.html.j2", include_str!("../templates/bilan.html.j2")),
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
    // The consolidated convention's table of avenants, and each avenant's own document.
    (
        "avenants.typ.j2",
        include_str!("../templates/avenants.typ.j2"),
    ),
    (
        "avenant.typ.j2",
        include_str!("../templates/avenant.typ.j2"),
    ),
    (
        "avenant.html.j2",
        include_str!("../templates/avenant.html.j2"),
    ),
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
