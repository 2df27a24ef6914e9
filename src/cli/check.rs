//! `ctgc check`

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::{DiagnosticFormat, EXIT_ERRORS, EXIT_OK, fail};
use crate::compile::{self, Compilation, Options};
use crate::diagnostic::{self, Severity};
use crate::typography::count;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichier .ctg, ou dossier de projet avec ctgc.yaml ou convention.ctg (par défaut : le dossier courant)
    #[arg(value_name = "CHEMIN", default_value = ".", hide_default_value = true)]
    pub path: PathBuf,
    /// Vérification avant signature : toute valeur « à compléter » devient une erreur
    #[arg(long = "final")]
    pub final_check: bool,
    /// Format des diagnostics : humain (par défaut), json ou github
    #[arg(
        long,
        value_enum,
        default_value = "humain",
        value_name = "FORMAT",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: DiagnosticFormat,
}

pub(crate) fn run(args: &Args) -> i32 {
    let comp = match compile::compile(
        &args.path,
        Options {
            final_check: args.final_check,
        },
    ) {
        Ok(c) => c,
        Err(msg) => return fail(msg),
    };
    report(&comp, args.format);
    if comp.has_errors() {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// Prints the diagnostics of a compilation in the chosen format. The terminal and GitHub show at
/// most `MAX_SHOWN_PER_RULE` diagnostics of one rule in one file and count the others; JSON
/// gives them all.
pub(crate) fn report(comp: &Compilation, format: DiagnosticFormat) {
    match format {
        DiagnosticFormat::Humain => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let (shown, hidden) = diagnostic::for_terminal(&comp.diagnostics, &comp.sources);
            let mut err = std::io::stderr().lock();
            for d in shown {
                let _ = write!(err, "{}", diagnostic::render(d, &comp.sources, color, 100));
            }
            for h in &hidden {
                let _ = writeln!(err, "{h}");
            }
            let errors = comp
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let warnings = comp.diagnostics.len() - errors;
            let fiches = comp.model.fiches.len();
            let _ = writeln!(
                err,
                "{} : {}, {} ({}).",
                comp.project.main.display(),
                count(errors, "erreur", "erreurs"),
                count(warnings, "avertissement", "avertissements"),
                count(fiches, "fiche", "fiches")
            );
        }
        DiagnosticFormat::Json => {
            let list: Vec<_> = comp
                .diagnostics
                .iter()
                .map(|d| diagnostic::to_json(d, &comp.sources))
                .collect();
            super::print_out(
                serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into()) + "\n",
            );
        }
        DiagnosticFormat::Github => {
            let (shown, hidden) = diagnostic::for_terminal(&comp.diagnostics, &comp.sources);
            for d in shown {
                let j = diagnostic::to_json(d, &comp.sources);
                let level = if d.is_error() { "error" } else { "warning" };
                let mut props = Vec::new();
                if let Some(f) = &j.file {
                    props.push(format!("file={}", escape_property(&github_path(f))));
                }
                if let (Some(l), Some(c)) = (j.line, j.column) {
                    props.push(format!("line={l},col={c}"));
                }
                if let (Some(l), Some(c)) = (j.end_line, j.end_column) {
                    props.push(format!("endLine={l},endColumn={c}"));
                }
                props.push(format!("title={}", escape_property(j.code)));
                let body = if j.help.is_empty() {
                    j.message.clone()
                } else {
                    format!("{} — {}", j.message, j.help)
                };
                super::print_out(format!(
                    "::{level} {}::{}\n",
                    props.join(","),
                    escape_data(&body)
                ));
            }
            for h in &hidden {
                let file = h
                    .file
                    .as_ref()
                    .map(|f| format!("file={},", escape_property(&github_path(f))))
                    .unwrap_or_default();
                super::print_out(format!(
                    "::notice {file}title={}::{}\n",
                    escape_property(h.code),
                    escape_data(&h.to_string())
                ));
            }
        }
    }
}

/// A path as GitHub matches annotations to files: relative to the repository (the workspace),
/// without a leading `./`.
pub(super) fn github_path(file: &str) -> String {
    let path = std::path::Path::new(file);
    let relative = std::env::var_os("GITHUB_WORKSPACE")
        .and_then(|w| {
            path.strip_prefix(w)
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| file.to_string());
    let mut rel = relative.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    rel.to_string()
}

/// GitHub workflow command escaping (data part).
pub(super) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub workflow command escaping (property values).
pub(super) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
