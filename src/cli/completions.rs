//! `ctgc completions`: shell completion scripts, generated from the command-line definition,
//! with the values the options take (formats, PDF standards, tables, rule codes).

use std::ffi::OsStr;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::{CommandFactory, ValueEnum};

use super::{Cli, EXIT_OK};

mod powershell;

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    /// PowerShell (Windows), `pwsh` ailleurs
    #[value(alias = "pwsh")]
    Powershell,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Interpréteur de commandes : bash, zsh, fish ou powershell
    #[arg(value_name = "SHELL", hide_possible_values = true)]
    pub shell: Shell,
}

/// A value parser that takes any text and offers a list of values to the completion scripts.
/// The command checks the text itself: its values combine (`--format pdf,html`), ignore case or
/// may be abbreviated (`ctgc explain axe-inconnu`), and a wrong one gets ctgc's French message
/// with the values it knows, not clap's.
#[derive(Clone)]
pub(crate) struct Offered(pub fn() -> Vec<&'static str>);

impl TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(PossibleValue::new)))
    }
}

/// The output formats of `build`, `bilan` and `watch`.
pub(crate) fn build_formats() -> Vec<&'static str> {
    crate::build::RENDERERS.iter().map(|r| r.name).collect()
}

/// The PDF standards typst knows.
pub(crate) fn pdf_standards() -> Vec<&'static str> {
    crate::typeset::PDF_STANDARDS.to_vec()
}

/// The tables of `export --format csv`.
pub(crate) fn tables() -> Vec<&'static str> {
    crate::export::tables::NAMES.to_vec()
}

/// Every rule's code, for `ctgc explain`.
pub(crate) fn rule_codes() -> Vec<&'static str> {
    crate::rules::ALL.iter().map(|r| r.code).collect()
}

pub(crate) fn run(args: &Args) -> i32 {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut command = Cli::command();
    let mut script = Vec::new();
    // `generate` builds the command: global options are then in every subcommand.
    clap_complete::generate(shell, &mut command, "ctgc", &mut script);
    if let Shell::Powershell = args.shell {
        let text = String::from_utf8_lossy(&script).into_owned();
        script = powershell::with_values(&command, &text).into_bytes();
    }
    super::print_out(script);
    EXIT_OK
}
