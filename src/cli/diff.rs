//! `ctgc diff`

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, fail};
use crate::compile::{self, Options};
use crate::diff::{self, revision};
use crate::model::Model;
use crate::project::LoadError;
use crate::typography::count;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Texte lisible dans un terminal
    #[value(alias = "texte")]
    Text,
    /// Markdown, pour un commentaire de pull request
    Markdown,
    /// Un objet JSON (tableau « changements » vide si rien ne change)
    Json,
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
    /// Format : text (défaut, pour un terminal), markdown (commentaire de pull request) ou json
    #[arg(
        long,
        value_enum,
        default_value = "text",
        hide_default_value = true,
        hide_possible_values = true,
        value_name = "FORMAT"
    )]
    pub format: Format,
    /// Sort avec le code 1 s'il y a des changements (comme git diff --exit-code)
    #[arg(long)]
    pub exit_code: bool,
}

/// Compiles one version; its errors are reported as a count (the diff goes on with what was read).
fn model(path: &Path, which: &str, shown: &str) -> Result<Model, LoadError> {
    let comp = compile::compile(path, Options::default())?;
    let errors = comp.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "ctgc : attention : la version {which} contient {} ; le différentiel peut être incomplet \
             (détail : ctgc check {shown})",
            count(errors, "erreur", "erreurs"),
        );
    }
    Ok(comp.model)
}

/// A model that the project did not exist in: everything in the other version is new.
fn empty_model(like: &Model) -> Model {
    Model {
        config: like.config.clone(),
        default_articles: like.default_articles.clone(),
        ..Model::default()
    }
}

pub fn run(args: &Args) -> i32 {
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
            let new = match model(&path, "de travail", &path.display().to_string()) {
                Ok(m) => m,
                Err(msg) => return fail(msg),
            };
            let old = if snap.absent {
                eprintln!(
                    "ctgc : « {} » n'existe pas dans la révision : tout est nouveau",
                    snap.label
                );
                empty_model(&new)
            } else {
                match model(
                    &snap.path,
                    &format!("de {rev}"),
                    &format!("sur la révision {rev}"),
                ) {
                    Ok(m) => m,
                    Err(msg) => {
                        return fail(
                            msg.to_string()
                                .replace(&snap.path.display().to_string(), &snap.label),
                        );
                    }
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
            let old = match model(a, "ancienne", &a.display().to_string()) {
                Ok(m) => m,
                Err(msg) => return fail(msg),
            };
            let new = match model(b, "nouvelle", &b.display().to_string()) {
                Ok(m) => m,
                Err(msg) => return fail(msg),
            };
            (old, new, a.display().to_string(), b.display().to_string())
        }
    };
    let d = diff::compare(&old, &new, ancienne, nouvelle);
    let out = match args.format {
        Format::Text => diff::text::render(&d),
        Format::Markdown => diff::markdown::render(&d),
        Format::Json => match serde_json::to_string_pretty(&d) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("ctgc : erreur interne : {e}");
                return EXIT_INTERNAL;
            }
        },
    };
    super::print_out(out);
    if args.exit_code && !d.is_empty() {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
