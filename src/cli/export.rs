//! `ctgc export`

use std::path::PathBuf;

use clap::ValueEnum;

use super::completions::{Offered, tables};
use super::prose::verbatim;
use super::{DiagnosticFormat, EXIT_ERRORS, EXIT_OK, fail, internal};
use crate::compile::{self, Options};
use crate::export::tables::{self, Table};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    #[value(aliases = super::YAML_ALIASES)]
    Yaml,
    Xlsx,
    Csv,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichiers .ctg ou dossiers de projet (par défaut : le dossier courant) ; plusieurs projets
    /// (un portefeuille) pour xlsx et csv, avec une colonne « convention »
    #[arg(value_name = "CHEMIN", default_value = ".", hide_default_value = true)]
    pub paths: Vec<PathBuf>,
    /// Format de sortie : json (par défaut), yaml, xlsx (classeur, avec -o) ou csv (avec --table)
    #[arg(
        long,
        value_enum,
        default_value = "json",
        value_name = "FORMAT",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: Format,
    /// Fichier à écrire (obligatoire pour xlsx ; sinon la sortie standard)
    #[arg(short = 'o', long = "sortie", value_name = "FICHIER")]
    pub out: Option<PathBuf>,
    /// Table écrite en CSV : fiches, financements, indicateurs, valeurs, equipements, bilans, realises
    #[arg(long = "table", value_name = "TABLE", value_parser = Offered(tables), hide_possible_values = true)]
    pub table: Option<String>,
    #[command(flatten)]
    pub state: super::version::State,
}

pub(crate) fn run(args: &Args) -> i32 {
    let upto = match args.state.upto() {
        Ok(u) => u,
        Err(msg) => return fail(msg),
    };
    let tabular = matches!(args.format, Format::Xlsx | Format::Csv);
    if args.paths.len() > 1 && !tabular {
        return fail(
            "plusieurs projets ne s'exportent ensemble qu'en xlsx ou en csv (un portefeuille)",
        );
    }
    if args.format == Format::Xlsx && args.out.is_none() {
        return fail("--format xlsx écrit un classeur : donnez son nom avec -o FICHIER.xlsx");
    }
    let table = match (args.format, &args.table) {
        (Format::Csv, None) => {
            return fail(format!(
                "--format csv écrit une table : choisissez-la avec --table ({})",
                tables::NAMES.join(", ")
            ));
        }
        (Format::Csv, Some(t)) if !tables::NAMES.contains(&t.as_str()) => {
            return fail(format!(
                "table « {} » inconnue (tables : {})",
                verbatim(t),
                tables::NAMES.join(", ")
            ));
        }
        (_, t) => t.clone(),
    };
    let mut exports = Vec::new();
    for path in &args.paths {
        let mut comp = match compile::compile(path, Options::default()) {
            Ok(c) => c,
            Err(msg) => return fail(msg),
        };
        super::check::found_above(path, &comp);
        if let Err(msg) = super::version::select(&mut comp, upto) {
            return fail(msg);
        }
        // Diagnostics go to stderr only; stdout carries the model.
        super::check::report(&comp, DiagnosticFormat::Humain);
        if comp.has_errors() {
            eprintln!("ctgc : export refusé : la convention contient des erreurs");
            return EXIT_ERRORS;
        }
        let name = crate::build::output_name(path, &comp.project);
        exports.push((name, crate::export::export(&comp.model)));
    }
    let bytes: Result<Vec<u8>, String> = match args.format {
        Format::Json => serde_json::to_string_pretty(&exports[0].1)
            .map(|s| (s + "\n").into_bytes())
            .map_err(|e| e.to_string()),
        Format::Yaml => serde_yaml::to_string(&exports[0].1)
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
        Format::Xlsx | Format::Csv => {
            let refs: Vec<(String, &crate::export::Export)> =
                exports.iter().map(|(n, e)| (n.clone(), e)).collect();
            let all = tables::tables(&refs, args.paths.len() > 1);
            if args.format == Format::Xlsx {
                crate::export::xlsx::workbook(&all)
            } else {
                let chosen: Option<&Table> = all.iter().find(|t| Some(t.name) == table.as_deref());
                Ok(chosen.map(tables::csv).unwrap_or_default().into_bytes())
            }
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return internal(e),
    };
    match &args.out {
        Some(file) => match std::fs::write(file, &bytes) {
            Ok(()) => {
                eprintln!("Fichier écrit : {}", verbatim(file.display()));
                EXIT_OK
            }
            Err(e) => fail(format!(
                "impossible d'écrire « {} » : {e}",
                verbatim(file.display())
            )),
        },
        None => {
            super::print_out(bytes);
            EXIT_OK
        }
    }
}
