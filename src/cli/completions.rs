//! `ctgc completions`: shell completion scripts, generated from the command-line definition.

use clap::{CommandFactory, ValueEnum};

use super::{Cli, EXIT_OK};

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Interpréteur de commandes : bash, zsh ou fish
    #[arg(value_name = "SHELL", hide_possible_values = true)]
    pub shell: Shell,
}

pub(crate) fn run(args: &Args) -> i32 {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "ctgc", &mut script);
    super::print_out(script);
    EXIT_OK
}
