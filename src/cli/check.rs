//! `ctgc check`

use std::io::Write;
use std::path::PathBuf;

use super::annotations::{self, Annotation, Level, escape_property, github_path};
use super::prose::verbatim;
use super::{DiagnosticFormat, DiagnosticStyle, EXIT_ERRORS, EXIT_OK, fail};
use crate::compile::{self, Compilation, Options};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::source::Sources;
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
        Err(e) => {
            // A machine reading stdout gets its usual shape, with the error as one diagnostic.
            let diagnostics = [e.diagnostic()];
            let sources = Sources::default();
            match args.format {
                DiagnosticFormat::Humain => {}
                DiagnosticFormat::Json => print_json(&diagnostics, &sources),
                DiagnosticFormat::Github => print_github(&diagnostics, &sources),
            }
            return fail(e);
        }
    };
    found_above(&args.path, &comp);
    report(&comp, args.format);
    if comp.has_errors() {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// With `--verbose`, says which project is read when it was found above the path given (`cd
/// fiches && ctgc check`). Quiet by default, as cargo and ruff are about the manifest they find:
/// the summary line already names the project's main file.
pub(super) fn found_above(path: &std::path::Path, comp: &Compilation) {
    let given = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf)
    };
    if comp.project.dir != given && super::settings().verbose {
        let which = comp
            .project
            .config_file
            .as_ref()
            .unwrap_or(&comp.project.main);
        eprintln!(
            "ctgc : projet trouvé dans « {} » ({})",
            verbatim(comp.project.dir.display()),
            verbatim(which.display())
        );
    }
}

/// Prints the diagnostics of a compilation in the chosen format. The terminal and GitHub show at
/// most `MAX_SHOWN_PER_RULE` diagnostics of one rule in one file and count the others; JSON
/// gives them all.
pub(crate) fn report(comp: &Compilation, format: DiagnosticFormat) {
    match format {
        DiagnosticFormat::Humain => {
            let settings = super::settings();
            let color = super::color();
            // --quiet: the errors only, and no summary.
            let kept: Vec<Diagnostic> = comp
                .diagnostics
                .iter()
                .filter(|d| !settings.quiet || d.is_error())
                .cloned()
                .collect();
            let (shown, hidden) = diagnostic::for_terminal(&kept, &comp.sources);
            // The diagnostics are written as rendered (typeset by `diagnostic` already, and the
            // short form is a fixed format); ctgc's own lines go through `eprintln!`.
            let mut err = std::io::stderr().lock();
            for d in shown {
                let text = match settings.style {
                    DiagnosticStyle::Complet => diagnostic::render(d, &comp.sources, color, 100),
                    DiagnosticStyle::Court => diagnostic::one_line(d, &comp.sources) + "\n",
                };
                let _ = write!(err, "{text}");
            }
            for h in &hidden {
                eprintln!("{h}");
            }
            if settings.quiet {
                return;
            }
            let errors = comp
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let warnings = comp.diagnostics.len() - errors;
            let fiches = comp.model.fiches.len();
            eprintln!(
                "{} : {}, {} ({}).",
                verbatim(comp.project.main.display()),
                count(errors, "erreur", "erreurs"),
                count(warnings, "avertissement", "avertissements"),
                count(fiches, "fiche", "fiches")
            );
        }
        DiagnosticFormat::Json => print_json(&comp.diagnostics, &comp.sources),
        DiagnosticFormat::Github => print_github(&comp.diagnostics, &comp.sources),
    }
}

/// `--format json`: one array of every diagnostic, on stdout.
fn print_json(diagnostics: &[Diagnostic], sources: &Sources) {
    let list: Vec<_> = diagnostics
        .iter()
        .map(|d| diagnostic::to_json(d, sources))
        .collect();
    super::print_out(serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into()) + "\n");
}

/// `--format github`: one annotation per diagnostic shown, errors first, then a notice per rule
/// and file that repeats too often, and one when GitHub will not show them all.
fn print_github(diagnostics: &[Diagnostic], sources: &Sources) {
    let (shown, hidden) = diagnostic::for_terminal(diagnostics, sources);
    let mut list = Vec::new();
    for d in shown {
        let j = diagnostic::to_json(d, sources);
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
        list.push(Annotation {
            level: if d.is_error() {
                Level::Error
            } else {
                Level::Warning
            },
            properties: props.join(","),
            message: if j.help.is_empty() {
                j.message
            } else {
                format!("{} — {}", j.message, j.help)
            },
        });
    }
    for h in &hidden {
        let file = h
            .file
            .as_ref()
            .map(|f| format!("file={},", escape_property(&github_path(f))))
            .unwrap_or_default();
        list.push(Annotation {
            level: Level::Notice,
            properties: format!("{file}title={}", escape_property(h.code)),
            message: h.to_string(),
        });
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    super::print_out(annotations::ordered(
        list,
        "ctgc check",
        errors,
        diagnostics.len() - errors,
    ));
}
