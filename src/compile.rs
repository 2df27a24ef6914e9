//! The front end, once for every caller: the project's files, read through a world → sources →
//! syntax → model → resolved references → checks. The command line, the tests, the fuzzers and
//! the benchmarks all call [`analyse`].

pub(crate) mod article_model;
mod config;
mod loader;
#[cfg(feature = "cli")]
mod prefetch;
mod prepare;

use std::path::Path;

pub use crate::check::Options;
use crate::diagnostic::{self, Diagnostic};
use crate::limits::MAX_FILE_BYTES;
use crate::model::Model;
use crate::project::{LoadError, Project};
use crate::source::Sources;
use crate::typography::{grouped, size_text};
use crate::world::{self, Kind, ReadError, World};
use crate::{avenant, caf_model, check, resolve};

pub(crate) use config::yaml_message;

/// Everything `check`, `export` and `build` need.
pub struct Compilation {
    pub project: Project,
    pub sources: Sources,
    /// The convention consolidated by every avenant (the signed one when there is none).
    pub model: Model,
    /// The convention as signed, its avenants declared but not applied.
    pub signed: Model,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Analyses the project at PATH in WORLD (a `.ctg` file, or a project directory): every file
/// read, parsed, lowered, its references resolved, every check run. The convention's mistakes are
/// diagnostics; `Err` is only for a project that cannot be read at all (exit code 2).
pub fn analyse(world: &dyn World, path: &Path, options: Options) -> Result<Compilation, LoadError> {
    let project = Project::discover(world, path)?;
    // The main file is the project's to name when the user named a directory.
    let main_from_project = world
        .metadata(path)
        .is_ok_and(|m| m.kind == Kind::Directory);
    analyse_project(world, project, main_from_project, options)
}

/// Analyses the `.ctg` file at PATH as a project of its own, whatever project lies above it: an
/// editor's draft that no convention includes yet.
#[cfg(feature = "cli")]
pub(crate) fn analyse_alone(
    world: &dyn World,
    path: &Path,
    options: Options,
) -> Result<Compilation, LoadError> {
    let project = Project::alone(world, path)?;
    analyse_project(world, project, false, options)
}

fn analyse_project(
    world: &dyn World,
    mut project: Project,
    main_from_project: bool,
    options: Options,
) -> Result<Compilation, LoadError> {
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let config::Loaded {
        mut config,
        main_refused,
        model_key,
        written,
    } = config::load(world, &project, &mut sources, &mut diagnostics)?;
    let caf_model = caf_model::load(
        world,
        &project.dir,
        config.modele.as_deref(),
        model_key,
        &mut sources,
        &mut diagnostics,
    );
    config::apply_defaults(&mut config, &written, &caf_model.defaults);
    // When the project names its main file, it must be inside, and one that `principal:` names
    // outside is not read at all.
    if main_from_project {
        if let Some(main) = &config.principal {
            project.main = project.dir.join(main);
        }
        config::main_inside(world, &project)?;
    }
    let (default_articles, article_file) =
        article_model::load(world, &project, &config, &caf_model)?;
    let model = Model {
        config,
        default_articles,
        caf_model,
        ..Model::default()
    };
    let mut loader = loader::Loader::new(world, &project, &mut sources, &mut diagnostics, model);
    if !(main_from_project && main_refused) {
        loader.load_main()?;
    }
    let (mut model, lower_diags) = loader.finish();
    diagnostics.extend(lower_diags);
    if let Some(file) = article_file {
        file.check(&mut model.default_articles, &mut sources, &mut diagnostics);
    }
    resolve::resolve(&mut model, &mut diagnostics);
    check::run(world, &project, &sources, &model, options, &mut diagnostics);
    caf_model::check_annexes(&model, options, &mut diagnostics);
    let consolidated =
        avenant::check_states(world, &project, &sources, &model, options, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    Ok(Compilation {
        project,
        sources,
        model: consolidated,
        signed: model,
        diagnostics,
    })
}

/// Analyses the project at PATH on the disk: [`analyse`] in the disk world.
#[cfg(feature = "cli")]
pub fn compile(path: &Path, options: Options) -> Result<Compilation, LoadError> {
    analyse(&world::DiskWorld, path, options)
}

/// Analyses one file's bytes alone, in a memory world where its `inclure` find nothing: what
/// the fuzzers, the property tests and the benchmarks give the front end. `Err` only for a name
/// that is not a file's (`.`, empty).
pub fn analyse_file(name: &str, bytes: &[u8], options: Options) -> Result<Compilation, LoadError> {
    let world = world::MemoryWorld::new().with(name, bytes);
    analyse(&world, Path::new(name), options)
}

/// A whole text file of the project (`ctgc.yaml`, the article model), under the file size limit.
fn read_text(world: &dyn World, path: &Path) -> Result<String, LoadError> {
    let bytes = world::read_limited(world, path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::File(e) => LoadError::unreadable(path, e),
        ReadError::TooLarge(size) => LoadError::unreadable(
            path,
            format!(
                "le fichier dépasse la limite de {} ({} octets)",
                size_text(MAX_FILE_BYTES, ' '),
                grouped(size)
            ),
        ),
    })?;
    String::from_utf8(bytes).map_err(|_| LoadError::unreadable(path, "contenu invalide"))
}
