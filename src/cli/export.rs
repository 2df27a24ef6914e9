//! `ctgc export`

use std::path::PathBuf;

use clap::ValueEnum;

use super::{DiagnosticFormat, EXIT_ERRORS, EXIT_OK, fail};
use crate::compile::{self, Options};

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Format {
    Json,
    Yaml,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichier .ctg, ou dossier de projet avec ctgc.yaml ou convention.ctg (par défaut : le dossier courant)
    #[arg(value_name = "CHEMIN", default_value = ".", hide_default_value = true)]
    pub path: PathBuf,
    /// Format de sortie : json (par défaut) ou yaml
    #[arg(
        long,
        value_enum,
        default_value = "json",
        value_name = "FORMAT",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: Format,
    #[command(flatten)]
    pub state: super::version::State,
}

pub(crate) fn run(args: &Args) -> i32 {
    let upto = match args.state.upto() {
        Ok(u) => u,
        Err(msg) => return fail(msg),
    };
    let mut comp = match compile::compile(&args.path, Options::default()) {
        Ok(c) => c,
        Err(msg) => return fail(msg),
    };
    if let Err(msg) = super::version::select(&mut comp, upto) {
        return fail(msg);
    }
    // Diagnostics go to stderr only; stdout carries the model.
    super::check::report(&comp, DiagnosticFormat::Humain);
    if comp.has_errors() {
        eprintln!("ctgc : export refusé : la convention contient des erreurs");
        return EXIT_ERRORS;
    }
    let export = crate::export::export(&comp.model);
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&export)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string()),
        Format::Yaml => serde_yaml::to_string(&export).map_err(|e| e.to_string()),
    };
    match out {
        Ok(s) => {
            super::print_out(s);
            EXIT_OK
        }
        Err(e) => {
            eprintln!("ctgc : erreur interne : {e}");
            super::EXIT_INTERNAL
        }
    }
}
