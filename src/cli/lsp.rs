//! `ctgc lsp`: the language server for editors, on stdin and stdout.

use super::{EXIT_OK, EXIT_USAGE};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Communique par l'entrée et la sortie standard (le seul mode ; accepté pour les éditeurs
    /// qui le demandent)
    #[arg(long)]
    pub stdio: bool,
}

pub(crate) fn run(_args: &Args) -> i32 {
    match crate::lsp::run() {
        Ok(()) => EXIT_OK,
        Err(message) => {
            eprintln!("ctgc lsp : erreur : {message}");
            EXIT_USAGE
        }
    }
}
