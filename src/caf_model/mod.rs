//! The Caf's model: a directory a project names in `ctgc.yaml` (`modèle: ../modele-caf`), shared
//! by every CTG of a Caf. It holds the list of articles (`articles.yaml`, the format of the
//! built-in one, with an optional article préliminaire), the plan of the annexes, the house style
//! (colours, fonts of its `fonts/`, its logo, the cover), the default libellés and numbering, and
//! optionally templates (`templates/`). Its manifest, `modele.yaml`, is read like a source: every
//! mistake is a diagnostic pointing into it (`manifest`).
//!
//! The model directory is the one place outside the project that a project may read. It is a
//! confinement root of its own (`project::Root`): each file it names is a relative path that
//! stays inside it, no symbolic link leads out, and nothing in it is ever written.
//!
//! Without `modèle:` the built-in model applies: `templates/articles.yaml` and
//! `templates/modele.yaml` (the generated annexes, each when it has content; the default style).

mod annexes;
mod manifest;
mod style;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::glyphs;
use crate::project::{Numbering, Root};
use crate::rules;
use crate::source::{Sources, Span};
use crate::typography::{grouped, size_text};
use crate::world::{self, Kind, ReadError, World};

pub(crate) use annexes::{GENERATED, PlanEntry, check as check_annexes};
pub(crate) use style::{Style, yes_no};

/// The manifest of a model directory.
pub(crate) const MANIFEST: &str = "modele.yaml";

/// The built-in model's manifest.
const BUILTIN: &str = include_str!("../../templates/modele.yaml");

/// A Caf's model, or the built-in one.
#[derive(Debug, Clone)]
pub(crate) struct CafModel {
    /// The model directory; `None` for the built-in model.
    pub root: Option<Root>,
    /// Every annex in document order, generated or the convention's own.
    pub annexes: Vec<PlanEntry>,
    pub style: Style,
    /// The model's `templates/`, searched after the project's own and before the built-in ones
    /// (by `ctgc build`: the playground has no model directory).
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub templates: Option<Root>,
    /// `articles.yaml` of the model directory, when it has one (canonical path).
    pub articles: Option<PathBuf>,
    pub defaults: Defaults,
}

/// What the model gives when `ctgc.yaml` does not say.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Defaults {
    #[serde(default, alias = "libellés")]
    pub libelles: LabelDefaults,
    #[serde(default, alias = "numérotation")]
    pub numerotation: Option<Numbering>,
}

/// The model's libellés, each one optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct LabelDefaults {
    pub axe: Option<String>,
    pub axes: Option<String>,
    pub objectif: Option<String>,
    pub fiche: Option<String>,
}

impl Default for CafModel {
    /// The built-in model (its manifest is read once per process).
    fn default() -> Self {
        static BUILT_IN: OnceLock<CafModel> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                let mut sources = Sources::new();
                let mut diagnostics = Vec::new();
                manifest::read(
                    &world::MemoryWorld::new(),
                    None,
                    BUILTIN,
                    Path::new(MANIFEST),
                    &mut sources,
                    &mut diagnostics,
                )
            })
            .clone()
    }
}

impl CafModel {
    /// The font files of the model's `fonts/` that stay inside it (canonical paths), sorted.
    pub(crate) fn fonts(&self, world: &dyn World) -> Vec<PathBuf> {
        self.root
            .as_ref()
            .map_or_else(Vec::new, |root| fonts_of(world, root))
    }
}

/// The font files of `fonts/` below ROOT that stay inside it (canonical paths), sorted.
fn fonts_of(world: &dyn World, root: &Root) -> Vec<PathBuf> {
    glyphs::project_fonts(world, &root.canonical)
        .into_iter()
        .filter_map(|font| world.canonicalize(&font).ok())
        .filter(|c| root.contains(c) && world.metadata(c).is_ok_and(|m| m.kind == Kind::File))
        .collect()
}

/// The model that `modèle:` names (WRITTEN, relative to the project directory PROJECT_DIR), read
/// in WORLD; the built-in model when WRITTEN is `None`. KEY is where `modèle:` is written in
/// `ctgc.yaml`, for the diagnostic of a directory that is not a model (the built-in model then
/// applies, and the diagnostic stops the build).
pub(crate) fn load(
    world: &dyn World,
    project_dir: &Path,
    written: Option<&str>,
    key: Option<Span>,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> CafModel {
    let Some(written) = written else {
        return CafModel::default();
    };
    let dir = world::normalize(&project_dir.join(written))
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| project_dir.join(written));
    let not_found = |why: String, diagnostics: &mut Vec<Diagnostic>| {
        let mut d = Diagnostic::new(
            &rules::MODELE_INTROUVABLE,
            format!("modèle « {written} » : {why}"),
        );
        if let Some(key) = key {
            d = d.label(key, "dossier du modèle");
        }
        diagnostics.push(d);
        CafModel::default()
    };
    let root = match Root::open(world, &dir) {
        Ok(root) => root,
        Err(e) => {
            return not_found(
                format!("dossier « {} » illisible : {e}", dir.display()),
                diagnostics,
            );
        }
    };
    let manifest = match root.find(world, Path::new(MANIFEST)) {
        Ok(canonical) => canonical,
        Err(why) => {
            return not_found(
                format!("pas de {MANIFEST} dans « {} » ({why})", dir.display()),
                diagnostics,
            );
        }
    };
    let text = match world::read_limited(world, &manifest, crate::limits::MAX_FILE_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                return not_found(format!("{MANIFEST} n'est pas encodé en UTF-8"), diagnostics);
            }
        },
        Err(ReadError::File(e)) => {
            return not_found(format!("{MANIFEST} illisible : {e}"), diagnostics);
        }
        Err(ReadError::TooLarge(size)) => {
            return not_found(
                format!(
                    "{MANIFEST} dépasse la limite de {} ({} octets)",
                    size_text(crate::limits::MAX_FILE_BYTES, ' '),
                    grouped(size)
                ),
                diagnostics,
            );
        }
    };
    manifest::read(
        world,
        Some(root.clone()),
        &text,
        &root.dir.join(MANIFEST),
        sources,
        diagnostics,
    )
}

#[cfg(test)]
mod tests;
