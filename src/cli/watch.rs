//! `ctgc watch`: the command line of [`crate::watch`].

use std::path::PathBuf;

use super::completions::{Offered, build_formats};
use super::{EXIT_OK, fail};
use crate::build;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichier .ctg, ou dossier de projet (avec ctgc.yaml ou convention.ctg)
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
    /// Sert la page HTML sur http://127.0.0.1 et l'ouvre dans le navigateur ; elle se recharge à chaque reconstruction
    #[arg(long = "ouvrir")]
    pub open: bool,
    /// Port de l'aperçu en direct (défaut : le premier libre à partir de 3630)
    #[arg(long = "port", value_name = "PORT", requires = "open")]
    pub port: Option<u16>,
}

pub(crate) fn run(args: &Args) -> i32 {
    let options = match (
        build::parse_formats(&args.formats),
        build::parse_pdf_standard(crate::typeset::DEFAULT_PDF_STANDARD),
    ) {
        (Ok(formats), Ok(pdf_standard)) => build::Options {
            out_dir: args.out.clone(),
            formats,
            typst: args.typst.clone(),
            typst_lookup: None,
            pdf_standard,
        },
        (Err(msg), _) | (_, Err(msg)) => return fail(msg),
    };
    let config = crate::watch::Config {
        path: args.path.clone(),
        options,
        serve: args.open.then_some(args.port),
    };
    match crate::watch::run(config) {
        Ok(()) => EXIT_OK,
        Err(msg) => fail(msg),
    }
}
