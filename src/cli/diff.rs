//! `ctgc diff`

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::annotations::{self, Annotation, Level, escape_property};
use super::prose::verbatim;
use super::{EXIT_ERRORS, EXIT_OK, fail, internal};
use crate::compile::{self, Options};
use crate::diff::{self, revision};
use crate::model::Model;
use crate::project::LoadError;
use crate::typography::{count, french};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Texte lisible dans un terminal
    #[value(aliases = super::HUMAN_ALIASES)]
    Humain,
    /// Markdown, pour un commentaire de pull request
    #[value(aliases = super::MARKDOWN_ALIASES)]
    Markdown,
    /// Un objet JSON (tableau « changements » vide si rien ne change)
    Json,
    /// Annotations GitHub Actions : un avertissement par changement du texte d'une convention
    /// signée fait hors avenant
    Github,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Ancienne puis nouvelle version : fichiers .ctg ou dossiers de projet ; avec --git, le seul chemin de la
    /// version de travail (par défaut : le dossier courant)
    #[arg(value_name = "CHEMIN", num_args = 0..=2)]
    pub paths: Vec<PathBuf>,
    /// Compare la version de travail avec la révision git REV (branche, étiquette ou commit)
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// Format : humain (défaut, pour un terminal), markdown (commentaire de pull request), json ou
    /// github (annotations : texte signé modifié hors avenant)
    #[arg(
        long,
        value_enum,
        default_value = "humain",
        hide_default_value = true,
        hide_possible_values = true,
        value_name = "FORMAT"
    )]
    pub format: Format,
    /// Sort avec le code 1 s'il y a des changements (comme git diff --exit-code)
    #[arg(long)]
    pub exit_code: bool,
}

/// One version to compile: its path, and how the messages name it.
struct Version<'a> {
    path: &'a Path,
    /// « ancienne », « de travail »… (a revision marked [`verbatim`], as the message is printed
    /// through `eprintln!`).
    which: String,
    /// What to run for the details: a path, or « sur la révision REV » (marked as `which`).
    shown: String,
}

/// One version compiled: consolidated by its avenants, and as signed.
struct Models {
    model: Model,
    signed: Model,
}

/// Compiles one version. Its errors are returned as a warning to print (the diff goes on with what
/// was read): the caller prints the warnings of both versions in order.
fn model(v: &Version<'_>) -> Result<(Models, Option<String>), LoadError> {
    let comp = compile::compile(v.path, Options::default())?;
    let errors = comp.diagnostics.iter().filter(|d| d.is_error()).count();
    let warning = (errors > 0).then(|| {
        format!(
            "ctgc : attention : la version {} contient {} ; le différentiel peut être incomplet \
             (détail : ctgc check {})",
            v.which,
            count(errors, "erreur", "erreurs"),
            v.shown
        )
    });
    let models = Models {
        model: comp.model,
        signed: comp.signed,
    };
    Ok((models, warning))
}

/// Compiles the two versions at once, the old one on a helper thread: a diff then costs about
/// one `ctgc check` of the larger version, not two in a row.
fn models(
    old: &Version<'_>,
    new: &Version<'_>,
) -> (Result<Models, LoadError>, Result<Models, LoadError>) {
    let (old, new) = std::thread::scope(|scope| {
        let helper = scope.spawn(|| model(old));
        let new = model(new);
        let old = helper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old, new)
    });
    let print = |r: Result<(Models, Option<String>), LoadError>| {
        r.map(|(m, warning)| {
            if let Some(w) = warning {
                eprintln!("{w}");
            }
            m
        })
    };
    let old = print(old);
    let new = print(new);
    (old, new)
}

/// A model that the project did not exist in: everything in the other version is new.
fn empty_model(like: &Model) -> Model {
    Model {
        config: like.config.clone(),
        default_articles: like.default_articles.clone(),
        ..Model::default()
    }
}

pub(crate) fn run(args: &Args) -> i32 {
    let (old, new, ancienne, nouvelle) = match &args.git {
        Some(rev) => {
            if args.paths.len() > 1 {
                return fail(
                    "avec --git, donnez un seul chemin : la version de travail (la révision donne l'ancienne)",
                );
            }
            let path = args
                .paths
                .first()
                .cloned()
                .unwrap_or_else(|| PathBuf::from("."));
            let snap = match revision::snapshot(rev, &path) {
                Ok(s) => s,
                Err(msg) => return fail(msg),
            };
            let working_version = Version {
                path: &path,
                which: "de travail".into(),
                shown: verbatim(path.display()).to_string(),
            };
            let (old, new) = if snap.absent {
                let new = model(&working_version).map(|(m, warning)| {
                    if let Some(w) = warning {
                        eprintln!("{w}");
                    }
                    m
                });
                (None, new)
            } else {
                let revision_version = Version {
                    path: &snap.path,
                    which: format!("de {}", verbatim(rev)),
                    shown: format!("sur la révision {}", verbatim(rev)),
                };
                let (old, new) = models(&revision_version, &working_version);
                (Some(old), new)
            };
            let new = match new {
                Ok(m) => m,
                Err(msg) => return fail(msg),
            };
            let old = match old {
                None => {
                    eprintln!(
                        "ctgc : « {} » n'existe pas dans la révision : tout est nouveau",
                        verbatim(&snap.label)
                    );
                    Models {
                        model: empty_model(&new.model),
                        signed: empty_model(&new.model),
                    }
                }
                Some(Ok(m)) => m,
                Some(Err(msg)) => {
                    return fail(
                        msg.to_string()
                            .replace(&snap.path.display().to_string(), &snap.label),
                    );
                }
            };
            let working = if path == Path::new(".") {
                "version de travail".to_string()
            } else {
                format!("{} (version de travail)", path.display())
            };
            (old, new, snap.label.clone(), working)
        }
        None => {
            let [a, b] = args.paths.as_slice() else {
                return fail(
                    "ctgc diff attend deux chemins (l'ancienne puis la nouvelle version), ou --git REV \
                     [CHEMIN] ; voir ctgc diff --help",
                );
            };
            let (old, new) = models(
                &Version {
                    path: a,
                    which: "ancienne".into(),
                    shown: verbatim(a.display()).to_string(),
                },
                &Version {
                    path: b,
                    which: "nouvelle".into(),
                    shown: verbatim(b.display()).to_string(),
                },
            );
            let old = match old {
                Ok(m) => m,
                Err(msg) => return fail(msg),
            };
            let new = match new {
                Ok(m) => m,
                Err(msg) => return fail(msg),
            };
            (old, new, a.display().to_string(), b.display().to_string())
        }
    };
    let d = diff::compare(&old.model, &new.model, ancienne, nouvelle);
    let out = match args.format {
        Format::Github => annotations(&d, &diff::outside_avenants(&old.signed, &new.signed)),
        Format::Humain => diff::text::render(&d),
        Format::Markdown => diff::markdown::render(&d),
        Format::Json => match serde_json::to_string_pretty(&d) {
            Ok(s) => s + "\n",
            Err(e) => return internal(e),
        },
    };
    super::print_out(out);
    if args.exit_code && !d.is_empty() {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// GitHub annotations: a warning for each element of a signed convention whose text changed
/// outside an avenant, then a notice counting the changes (and one when GitHub will not show
/// every warning).
fn annotations(d: &diff::Diff, outside: &[diff::Change]) -> String {
    let mut list = Vec::new();
    let mut subjects: Vec<(&str, Vec<String>)> = Vec::new();
    for c in outside {
        let what = diff::what(c);
        match subjects.iter_mut().find(|(l, _)| *l == c.libelle) {
            Some((_, list)) => list.push(what),
            None => subjects.push((&c.libelle, vec![what])),
        }
    }
    for (libelle, whats) in subjects {
        let body = format!(
            "la convention est signée : {libelle} change hors avenant ({}) — le texte signé ne \
             change que par un avenant (un bloc « avenant N {{ … }} »)",
            whats.join(", ")
        );
        list.push(Annotation {
            level: Level::Warning,
            properties: format!(
                "title={}",
                escape_property(&french("ctgc diff : convention signée"))
            ),
            message: french(&body),
        });
    }
    if !d.is_empty() {
        list.push(Annotation {
            level: Level::Notice,
            properties: format!("title={}", escape_property("ctgc diff")),
            message: french(&format!("{}.", diff::count(d))),
        });
    }
    let warnings = list.iter().filter(|a| a.level == Level::Warning).count();
    annotations::ordered(list, "ctgc diff", 0, warnings)
}
