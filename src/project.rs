//! A convention project: where its files are and what `ctgc.yaml` says.

mod root;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::world::{Kind, World};

pub(crate) use root::{Refusal, Root, relative};

/// How fiches are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum Numbering {
    /// 1, 2, 3… across the whole plan.
    #[default]
    #[serde(rename = "continue")]
    Continue,
    /// 1.1, 1.2, 2.1… (axe number, then rank in the axe).
    #[serde(rename = "par-axe")]
    PerAxe,
    /// A1, A2, B1… (axes lettered).
    #[serde(rename = "lettres")]
    Letters,
}

/// The words the documents use for the plan's levels.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    #[serde(default = "default_axe")]
    pub axe: String,
    #[serde(default)]
    pub axes: Option<String>,
    #[serde(default = "default_objectif")]
    pub objectif: String,
    #[serde(default = "default_fiche")]
    pub fiche: String,
}

fn default_axe() -> String {
    "axe".into()
}
fn default_objectif() -> String {
    "objectif".into()
}
fn default_fiche() -> String {
    "fiche action".into()
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            axe: default_axe(),
            axes: None,
            objectif: default_objectif(),
            fiche: default_fiche(),
        }
    }
}

impl Labels {
    /// Plural of the axe label: given in `ctgc.yaml`, else made by [`plural`].
    pub(crate) fn axes(&self) -> String {
        self.axes.clone().unwrap_or_else(|| plural(&self.axe))
    }

    pub(crate) fn objectifs(&self) -> String {
        plural(&self.objectif)
    }

    pub(crate) fn fiches(&self) -> String {
        plural(&self.fiche)
    }
}

/// The plural of a label, on its first word (« fiche action » → « fiches action »): unchanged
/// after `s`, `x` or `z`, `x` after `eu` or `au` (« enjeu » → « enjeux »), else `s`.
fn plural(label: &str) -> String {
    let (first, rest) = match label.split_once(' ') {
        Some((first, rest)) => (first, Some(rest)),
        None => (label, None),
    };
    let first = if first.ends_with(['s', 'x', 'z']) {
        first.to_string()
    } else if first.ends_with("eu") || first.ends_with("au") {
        format!("{first}x")
    } else {
        format!("{first}s")
    };
    match rest {
        Some(rest) => format!("{first} {rest}"),
        None => first,
    }
}

/// `ctgc.yaml`. Keys are French; accents are optional.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub principal: Option<String>,
    #[serde(default)]
    pub sortie: Option<String>,
    #[serde(default, alias = "modèles")]
    pub modeles: Option<String>,
    /// The Caf's model directory (`modèle: ../modele-caf`), relative to the project; it may
    /// lead outside the project.
    #[serde(default, alias = "modèle")]
    pub modele: Option<String>,
    #[serde(default, alias = "numérotation")]
    pub numerotation: Numbering,
    #[serde(default, alias = "libellés")]
    pub libelles: Labels,
    /// `typst: "0.15.1"`. Quotes are required: YAML reads `0.10` as the number 0.1.
    #[serde(default, deserialize_with = "version")]
    pub typst: Option<String>,
    /// `seuil-réalisé: 10`: the share (in %) by which a bilan's réalisé may exceed the prévu
    /// before `ctg::bilan::realise-depasse` warns.
    #[serde(default, rename = "seuil-realise", alias = "seuil-réalisé")]
    pub seuil_realise: Option<u32>,
}

impl Config {
    /// The threshold of `ctg::bilan::realise-depasse`, in %: 10 unless `ctgc.yaml` says otherwise.
    pub(crate) fn overrun_threshold(&self) -> u32 {
        self.seuil_realise.unwrap_or(10)
    }
}

/// The start of the messages of ctgc's own deserializers: already French, shown as they are.
pub(crate) const CONFIG_MESSAGE: &str = "configuration : ";

/// A version is text. A number is refused rather than guessed: `0.10` and `0.1` are the same
/// number to YAML, so the version the user meant cannot be told.
fn version<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Version;
    impl serde::de::Visitor<'_> for Version {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("une version entre guillemets")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Err(E::custom(unquoted(&v.to_string())))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Err(E::custom(unquoted(&v.to_string())))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(E::custom(unquoted(&v.to_string())))
        }
    }
    fn unquoted(number: &str) -> String {
        format!(
            "{CONFIG_MESSAGE}la version de typst s'écrit entre guillemets, comme typst: \"0.15.1\" (sans guillemets, YAML la lit comme le nombre {})",
            number.replace('.', ",")
        )
    }
    d.deserialize_any(Version)
}

pub(crate) const CONFIG_FILE: &str = "ctgc.yaml";
pub(crate) const DEFAULT_MAIN: &str = "convention.ctg";

/// Where a project lives.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project directory as the user named it (for display).
    pub dir: PathBuf,
    /// Canonical project directory: includes and logos may not leave it.
    pub root: PathBuf,
    /// The main `.ctg` file (as displayed).
    pub main: PathBuf,
    pub config_file: Option<PathBuf>,
}

/// Why a project could not be read at all (exit code 2): its `Display` is the French message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// A path the analysis needs, as the user would name it, and why it cannot be read.
    Unreadable { path: String, why: String },
    /// A directory with neither `ctgc.yaml` nor `convention.ctg`.
    NotAProject(String),
    /// The main file is a directory.
    MainIsADirectory(String),
    /// The article model is not valid YAML (`name`: the file, or the built-in model).
    Articles { name: String, why: String },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Unreadable { path, why } => {
                write!(f, "impossible de lire « {path} » : {why}")
            }
            LoadError::NotAProject(path) => write!(
                f,
                "« {path} » n'est pas un projet de convention : ni {CONFIG_FILE} ni {DEFAULT_MAIN} dans ce dossier"
            ),
            LoadError::MainIsADirectory(path) => {
                write!(f, "« {path} » est un dossier, pas un fichier .ctg")
            }
            LoadError::Articles { name, why } => write!(f, "« {name} » invalide : {why}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// The error as a diagnostic without a position, for the outputs that machines read
    /// (`check --format json|github`); the terminal shows the `Display`.
    pub fn diagnostic(&self) -> crate::diagnostic::Diagnostic {
        let diagnostic =
            crate::diagnostic::Diagnostic::new(&crate::rules::PROJET_ILLISIBLE, self.to_string());
        match self {
            LoadError::Unreadable { .. } => diagnostic,
            LoadError::NotAProject(_) => diagnostic.help(
                "donnez le dossier du projet (celui de ctgc.yaml ou de convention.ctg), ou créez-en un \
                 avec ctgc new DOSSIER",
            ),
            LoadError::MainIsADirectory(_) => {
                diagnostic.help("« principal » de ctgc.yaml nomme un fichier .ctg, pas un dossier")
            }
            LoadError::Articles { .. } => {
                diagnostic.help("corrigez ce fichier d'articles : sa forme est décrite dans docs/model.md")
            }
        }
    }

    pub(crate) fn unreadable(path: &Path, why: impl std::fmt::Display) -> Self {
        LoadError::Unreadable {
            path: path.display().to_string(),
            why: why.to_string(),
        }
    }
}

/// Whether DIR holds `ctgc.yaml` or `convention.ctg`.
fn is_project(world: &dyn World, dir: &Path) -> bool {
    [CONFIG_FILE, DEFAULT_MAIN]
        .iter()
        .any(|f| is_file(world, &dir.join(f)))
}

/// The nearest directory above DIR that is a project, named from DIR (`..`, `../..`). The
/// search stops at the root of a git repository (the directory holding `.git`) and at the root
/// of the file system.
fn project_above(world: &dyn World, dir: &Path) -> Option<PathBuf> {
    let canonical = world.canonicalize(dir).ok()?;
    let mut shown = dir.to_path_buf();
    for (i, ancestor) in canonical.ancestors().enumerate() {
        if i > 0 {
            shown = match shown.components().next_back() {
                Some(std::path::Component::Normal(_)) => {
                    let parent = shown.parent().unwrap_or(Path::new("")).to_path_buf();
                    if parent.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        parent
                    }
                }
                _ if shown == Path::new(".") => PathBuf::from(".."),
                _ => shown.join(".."),
            };
            if is_project(world, ancestor) {
                return Some(shown);
            }
        }
        if world.metadata(&ancestor.join(".git")).is_ok() {
            return None;
        }
    }
    None
}

/// The directory a file is in, `.` for a bare file name.
fn directory_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn is_file(world: &dyn World, path: &Path) -> bool {
    world.metadata(path).is_ok_and(|m| m.kind == Kind::File)
}

impl Project {
    /// Finds the project of PATH in WORLD: a `.ctg` file, or a directory with `ctgc.yaml` or
    /// `convention.ctg`.
    pub(crate) fn discover(world: &dyn World, path: &Path) -> Result<Project, LoadError> {
        let meta = world
            .metadata(path)
            .map_err(|e| LoadError::unreadable(path, e))?;
        let (mut dir, mut main_given) = if meta.kind == Kind::Directory {
            (path.to_path_buf(), None)
        } else {
            (directory_of(path), Some(path.to_path_buf()))
        };
        // `cd fiches && ctgc check`, `ctgc check fiches/04.ctg`: the project is the nearest
        // directory above with ctgc.yaml or convention.ctg, as cargo and ruff find theirs.
        if !is_project(world, &dir)
            && let Some(above) = project_above(world, &dir)
        {
            dir = above;
            main_given = None;
        }
        Project::in_dir(world, dir, main_given, path)
    }

    /// The project of one `.ctg` file read alone, in its own directory: no search above it.
    #[cfg(feature = "cli")]
    pub(crate) fn alone(world: &dyn World, path: &Path) -> Result<Project, LoadError> {
        Project::in_dir(world, directory_of(path), Some(path.to_path_buf()), path)
    }

    /// The project in DIR whose main file is MAIN, or the directory's own when none is given
    /// (then DIR must be a project; ASKED is the path the user gave, for the message).
    fn in_dir(
        world: &dyn World,
        dir: PathBuf,
        main: Option<PathBuf>,
        asked: &Path,
    ) -> Result<Project, LoadError> {
        let root = world
            .canonicalize(&dir)
            .map_err(|e| LoadError::unreadable(&dir, e))?;
        let config_path = dir.join(CONFIG_FILE);
        let config_file = is_file(world, &config_path).then_some(config_path);
        let main = match main {
            Some(m) => m,
            None => {
                let candidate = dir.join(DEFAULT_MAIN);
                if config_file.is_none() && !is_file(world, &candidate) {
                    return Err(LoadError::NotAProject(asked.display().to_string()));
                }
                candidate
            }
        };
        Ok(Project {
            dir,
            root,
            main,
            config_file,
        })
    }

    /// Whether a canonical path is inside the project.
    pub(crate) fn contains(&self, canonical: &Path) -> bool {
        canonical.starts_with(&self.root)
    }

    /// How a file is named to the user: relative to the project as it was given.
    pub(crate) fn display(&self, canonical: &Path) -> String {
        match canonical.strip_prefix(&self.root) {
            Ok(rel) => self.dir.join(rel).display().to_string(),
            Err(_) => canonical.display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Labels, plural};

    #[test]
    fn plurals_of_labels() {
        assert_eq!(plural("fiche action"), "fiches action");
        assert_eq!(plural("enjeux"), "enjeux");
        assert_eq!(plural("enjeu"), "enjeux");
        assert_eq!(plural("action"), "actions");
        let labels = Labels {
            axes: Some("grands axes".into()),
            ..Labels::default()
        };
        assert_eq!(labels.axes(), "grands axes", "given in ctgc.yaml");
        assert_eq!(Labels::default().axes(), "axes");
        assert_eq!(Labels::default().objectifs(), "objectifs");
        assert_eq!(Labels::default().fiches(), "fiches action");
    }
}
