//! A convention project: where its files are and what `ctgc.yaml` says.

use std::path::{Path, PathBuf};

use serde::Deserialize;

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
    /// Plural of the axe label: given, or `x` after `eu`/`au` (enjeux), else `s`.
    pub fn axes(&self) -> String {
        self.axes.clone().unwrap_or_else(|| {
            if self.axe.ends_with("eu") || self.axe.ends_with("au") {
                format!("{}x", self.axe)
            } else {
                format!("{}s", self.axe)
            }
        })
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
    #[serde(default, alias = "numérotation")]
    pub numerotation: Numbering,
    #[serde(default, alias = "libellés")]
    pub libelles: Labels,
    /// `typst: "0.15.1"`. Quotes are required: YAML reads `0.10` as the number 0.1.
    #[serde(default, deserialize_with = "version")]
    pub typst: Option<String>,
}

/// The start of the messages of ctgc's own deserializers: already French, shown as they are.
pub const CONFIG_MESSAGE: &str = "configuration : ";

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

pub const CONFIG_FILE: &str = "ctgc.yaml";
pub const DEFAULT_MAIN: &str = "convention.ctg";

/// Where a project lives.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project directory as the user named it (for display).
    pub dir: PathBuf,
    /// Canonical project directory: includes may not leave it.
    pub root: PathBuf,
    /// The main `.ctg` file (as displayed).
    pub main: PathBuf,
    pub config_file: Option<PathBuf>,
}

/// Finds the project of PATH: a `.ctg` file, or a directory with `ctgc.yaml` or `convention.ctg`.
/// The error is a French message for the user (exit code 2).
pub fn discover(path: &Path) -> Result<Project, String> {
    let meta = std::fs::metadata(path).map_err(|e| {
        format!(
            "impossible de lire « {} » : {}",
            path.display(),
            crate::io_message(&e)
        )
    })?;
    let (dir, main_given) = if meta.is_dir() {
        (path.to_path_buf(), None)
    } else {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        (dir, Some(path.to_path_buf()))
    };
    let root = dir.canonicalize().map_err(|e| {
        format!(
            "impossible de lire « {} » : {}",
            dir.display(),
            crate::io_message(&e)
        )
    })?;
    let config_path = dir.join(CONFIG_FILE);
    let config_file = config_path.is_file().then_some(config_path);
    let main = match main_given {
        Some(m) => m,
        None => {
            let candidate = dir.join(DEFAULT_MAIN);
            if config_file.is_none() && !candidate.is_file() {
                return Err(format!(
                    "« {} » n'est pas un projet de convention : ni {CONFIG_FILE} ni {DEFAULT_MAIN} dans ce dossier",
                    path.display()
                ));
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
