//! `ctgc build`

use std::path::PathBuf;

use super::completions::{Offered, build_formats, pdf_standards};
use super::prose::verbatim;
use super::{DiagnosticFormat, EXIT_ERRORS, EXIT_OK, EXIT_USAGE, fail, internal};
use crate::build::{self, Failure, Log, Options, Skipped};
use crate::compile::{self, Options as CompileOptions};
use crate::typography::{NBSP, size_text};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichier .ctg, ou dossier de projet avec ctgc.yaml ou convention.ctg (par défaut : le dossier courant)
    #[arg(value_name = "CHEMIN", default_value = ".", hide_default_value = true)]
    pub path: PathBuf,
    /// Dossier des documents produits (défaut : « sortie » de ctgc.yaml, sinon build/ dans le projet)
    #[arg(short = 'o', long = "sortie", value_name = "DOSSIER")]
    pub out: Option<PathBuf>,
    /// Formats à produire, séparés par des virgules : pdf, html (défaut : tous)
    #[arg(long = "format", value_name = "FORMATS", value_delimiter = ',',
          value_parser = Offered(build_formats), hide_possible_values = true)]
    pub formats: Vec<String>,
    /// Chemin de l'exécutable typst (sinon : variable CTGC_TYPST, puis le PATH)
    #[arg(long = "typst", value_name = "CHEMIN")]
    pub typst: Option<PathBuf>,
    /// Norme(s) du PDF : a-2b (défaut, archivable), a-2b,ua-1 (archivable et accessible), 1.7…
    #[arg(long = "pdf-standard", value_name = "NORMES", default_value = crate::typeset::DEFAULT_PDF_STANDARD, hide_default_value = true,
          value_parser = Offered(pdf_standards), hide_possible_values = true)]
    pub pdf_standard: String,
    /// Affiche la durée de chaque étape
    #[arg(long = "timings")]
    pub timings: bool,
    /// Construction avant signature : toute valeur « à compléter » devient une erreur
    #[arg(long = "final")]
    pub final_check: bool,
    #[command(flatten)]
    pub state: super::version::State,
}

pub(crate) fn run(args: &Args) -> i32 {
    run_with(args, &|comp| {
        Ok(build::Documents {
            convention: true,
            bilans: build::bilan::every(&comp.model),
        })
    })
}

/// Builds what DOCUMENTS chooses for the checked compilation (`Err`: a French usage message,
/// exit code 2).
pub(crate) fn run_with(
    args: &Args,
    documents: &dyn Fn(&crate::compile::Compilation) -> Result<build::Documents, String>,
) -> i32 {
    let formats = match build::parse_formats(&args.formats) {
        Ok(f) => f,
        Err(msg) => return fail(msg),
    };
    let pdf_standard = match build::parse_pdf_standard(&args.pdf_standard) {
        Ok(s) => s,
        Err(msg) => return fail(msg),
    };
    let upto = match args.state.upto() {
        Ok(u) => u,
        Err(msg) => return fail(msg),
    };
    let wants_pdf = formats.iter().any(|f| f.name == "pdf");
    let options = Options {
        out_dir: args.out.clone(),
        formats,
        typst: args.typst.clone(),
        // typst's `--version` runs while the convention is read and checked.
        typst_lookup: wants_pdf.then(|| crate::typeset::Lookup::start(args.typst.clone())),
        pdf_standard,
    };
    let mut log = Log::default();
    let compiled = log.timings.time("lecture et vérification", || {
        compile::compile(
            &args.path,
            CompileOptions {
                final_check: args.final_check,
            },
        )
    });
    let mut comp = match compiled {
        Ok(c) => c,
        Err(msg) => return fail(msg),
    };
    super::check::found_above(&args.path, &comp);
    if let Err(msg) = super::version::select(&mut comp, upto) {
        return fail(msg);
    }
    super::check::report(&comp, DiagnosticFormat::Humain);
    if comp.has_errors() {
        eprintln!("ctgc : aucun document produit : corrigez d'abord les erreurs ci-dessus");
        return EXIT_ERRORS;
    }
    let documents = match documents(&comp) {
        Ok(d) => d,
        Err(msg) => return fail(msg),
    };
    let result = build::build_documents(&args.path, &comp, &options, &mut log, &documents);
    for w in &log.warnings {
        eprintln!("ctgc : avertissement : {w}");
    }
    let code = match result {
        Ok(written) => {
            // --quiet: errors only; the written documents are no news.
            if !super::settings().quiet {
                eprintln!("Documents écrits :");
                for path in written {
                    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                    eprintln!("  {} ({})", verbatim(path.display()), size_text(size, NBSP));
                }
            }
            if log.skipped.is_empty() {
                EXIT_OK
            } else {
                report_skipped(&log.skipped)
            }
        }
        Err(Failure::Environment(msg)) => fail(msg),
        Err(Failure::Template { message, .. }) => internal(message),
    };
    if args.timings {
        eprint!("{}", log.timings.report());
    }
    code
}

/// The formats left out (the PDF without typst): what is missing, why, and how to get it.
/// Exit code 2: the documents are not all there, a script must not take the build for complete.
fn report_skipped(skipped: &[Skipped]) -> i32 {
    for s in skipped {
        let lines = s.lines();
        eprintln!("ctgc : erreur : {}", lines[0]);
        for line in &lines[1..] {
            eprintln!("  {line}");
        }
    }
    eprintln!("aide : {}", build::pdf::install_help());
    EXIT_USAGE
}
