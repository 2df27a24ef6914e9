//! The command line: clap definitions with French help, and exit codes.
//!
//! Exit codes for every command: 0 success (warnings allowed); 1 the convention has errors;
//! 2 usage, I/O or environment problem; 3 internal failure.

// Printing never panics, and speaks French. std's `println!` and `eprintln!` panic when their
// stream is closed (`ctgc build … 2>&1 | head -1`), which ends the process with code 101. These
// four shadow std's in every module of the command line (a `macro_rules!` is in scope in the
// modules declared after it): a closed stream drops the text, and the command goes on to its own
// exit code. What they print is for a person: it goes through `prose::line` (French typography,
// with `prose::verbatim` around a path or a value typed by the user). Machine output takes
// `print_out`, which writes bytes as they are.
macro_rules! print {
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!($($arg)*)) };
}
macro_rules! println {
    () => { $crate::cli::write_out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::cli::write_err(format_args!($($arg)*)) };
}
macro_rules! eprintln {
    () => { $crate::cli::write_err(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::write_err(format_args!("{}\n", format_args!($($arg)*))) };
}

mod annotations;
mod bilan;
mod build;
mod check;
mod completions;
mod diff;
mod doctor;
mod export;
mod fmt;
mod lsp;
mod new;
pub(crate) mod prose;
mod rules;
mod version;
mod watch;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use prose::verbatim;

pub(crate) const EXIT_OK: i32 = 0;
pub(crate) const EXIT_ERRORS: i32 = 1;
pub(crate) const EXIT_USAGE: i32 = 2;
pub(crate) const EXIT_INTERNAL: i32 = 3;

const TOP_TEMPLATE: &str = "\
{about-with-newline}
Utilisation : {usage}

Commandes :
{subcommands}

Options :
{options}{after-help}";

const SUB_TEMPLATE: &str = "\
{about-with-newline}
Utilisation : {usage}

Arguments :
{positionals}

Options :
{options}{after-help}";

const SUB_TEMPLATE_NO_ARGS: &str = "\
{about-with-newline}
Utilisation : {usage}

Options :
{options}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "ctgc",
    version,
    subcommand_value_name = "COMMANDE",
    about = "ctgc — compilateur de Conventions Territoriales Globales (CTG)",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Exemples :\n  ctgc check conventions/carlades\n  ctgc export conventions/carlades --format json\n  ctgc explain ctg::ref::axe-inconnu"
)]
pub struct Cli {
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help = "Affiche l'aide")]
    _help: Option<bool>,
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "Affiche la version")]
    _version: Option<bool>,
    /// N'affiche que les erreurs : ni avertissements, ni résumé
    #[arg(short = 'q', long = "quiet", global = true)]
    pub quiet: bool,
    /// En dit plus : par exemple le projet trouvé au-dessus du dossier courant
    #[arg(short = 'v', long = "verbose", global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Couleurs : auto (par défaut : sur un terminal, sauf avec NO_COLOR ou TERM=dumb), always ou never
    #[arg(
        long = "color",
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "QUAND",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub color: ColorChoice,
    /// Forme des diagnostics : complet (avec l'extrait du fichier, par défaut) ou court (une ligne chacun)
    #[arg(
        long = "diagnostic-format",
        global = true,
        value_enum,
        default_value = "complet",
        value_name = "FORME",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub diagnostic_format: DiagnosticStyle,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Vérifie une convention : références, numéros, périodes, montants, signataires
    #[command(
        after_help = "Exemples :\n  ctgc check conventions/carlades\n  ctgc check convention.ctg --final\n  ctgc check . --format json\n\nCode de sortie : 0 sans erreur (avertissements permis), 1 si la convention a des erreurs, 2 en cas de problème de fichier ou d'usage."
    )]
    Check(check::Args),
    /// Produit les documents de la convention : PDF archivable (PDF/A), sa source Typst et la page HTML
    #[command(
        after_help = "Exemples :\n  ctgc build conventions/versants-d-aime      → conventions/versants-d-aime/build/versants-d-aime.pdf\n  ctgc build . -o /tmp/ctg --format pdf\n  ctgc build . --pdf-standard a-2b,ua-1 --timings\n\nLe PDF est reproductible : date de création tirée de SOURCE_DATE_EPOCH, sinon de la date de signature.\nUne construction qui échoue ne remplace jamais les documents précédents.\n\nCode de sortie : 0 si les documents sont écrits, 1 si la convention a des erreurs, 2 en cas de problème de\nfichier, d'usage ou d'environnement (typst absent ou trop ancien : la page HTML est tout de même écrite, le PDF\nnon), 3 en cas de défaut des modèles."
    )]
    Build(build::Args),
    /// Produit le bilan annuel d'une année (ou l'évaluation finale) : PDF, source Typst et page HTML
    #[command(
        after_help = "Exemples :\n  ctgc bilan conventions/versants-d-aime --annee 2024   → build/versants-d-aime-bilan-2024.pdf\n  ctgc bilan . --annee 2024 --evaluation-finale --format html\n\nLes options sont celles de ctgc build. Le bilan de la dernière année de la période est l'évaluation finale.\n\nCode de sortie : 0 si les documents sont écrits, 1 si la convention a des erreurs, 2 en cas de problème de\nfichier, d'usage (aucun bilan pour cette année) ou d'environnement, 3 en cas de défaut des modèles."
    )]
    Bilan(bilan::BilanArgs),
    /// Exporte le modèle résolu de la convention : JSON, YAML, classeur XLSX ou table CSV
    #[command(
        after_help = "Exemples :\n  ctgc export conventions/carlades --format json\n  ctgc export . --format yaml > convention.yaml\n  ctgc export . --format xlsx -o convention.xlsx\n  ctgc export . --format csv --table financements > financements.csv\n  ctgc export conventions/* --format xlsx -o portefeuille.xlsx\n  ctgc export . --version initiale     la convention telle que signée, sans ses avenants\n\nLe modèle exporté est la convention consolidée par tous ses avenants (liste « avenants »), sauf\navec --version initiale ou --jusqu-a N."
    )]
    Export(export::Args),
    /// Met les fichiers .ctg dans la forme canonique (sans en changer le sens)
    #[command(
        override_usage = "ctgc fmt [--corriger] [--check [--format humain|github] | --diff] [CHEMIN…]",
        after_help = "Exemples :\n  ctgc fmt                       met en forme le projet du dossier courant\n  ctgc fmt conventions/carlades fiches/02-rpe.ctg\n  ctgc fmt --check .             liste les fichiers à mettre en forme, sans rien écrire\n  ctgc fmt --check --format github .   une annotation GitHub par passage à changer, avec le texte attendu\n  ctgc fmt --diff                ce qui changerait, en différentiel unifié, sans rien écrire\n  ctgc fmt --corriger            corrige aussi 31/12/2026, “Texte” ou « Texte », 2026-2029\n\nLes commentaires et les lignes vides sont gardés ; les textes longs sont réindentés, jamais réécrits.\nUn fichier qui ne se lit pas (erreur de syntaxe) n'est jamais réécrit.\n\nCode de sortie : 0 si tout est en forme (ou vient d'être mis en forme), 1 si --check ou --diff trouve des\nfichiers à mettre en forme ou si un fichier a des erreurs de syntaxe, 2 en cas de problème de fichier ou d'usage."
    )]
    Fmt(fmt::Args),
    /// Dit ce qu'un changement fait à la convention : fiches, champs, financements, signataires…
    #[command(
        override_usage = "ctgc diff ANCIENNE NOUVELLE [--format humain|markdown|json|github] [--exit-code]\n              ctgc diff --git REV [CHEMIN] [--format humain|markdown|json|github] [--exit-code]",
        after_help = "Exemples :\n  ctgc diff ancienne/ nouvelle/                 deux dossiers de projet (ou deux fichiers .ctg)\n  ctgc diff --git HEAD~1                        la version de travail contre le commit précédent\n  ctgc diff --git origin/main conventions/x --format markdown > diff.md\n  ctgc diff --git v1.0 --format json --exit-code\n\nLe différentiel compare les deux conventions compilées, élément par élément, par identifiant :\nune fiche renumérotée est « renumérotée », pas retirée puis ajoutée ; une simple mise en forme ne\nchange rien. Avec --git, l'ancienne version est lue par git dans un dossier temporaire, supprimé ensuite.\n\nCode de sortie : 0 (même s'il y a des changements, sauf avec --exit-code : alors 1), 2 en cas de\nproblème de fichier, de dépôt git ou d'usage."
    )]
    Diff(diff::Args),
    /// Crée un projet de convention prêt à remplir, vérifier et relire par pull requests
    #[command(
        override_usage = "ctgc new DOSSIER [--depot URL] [--modèle DOSSIER]",
        after_help = "Exemples :\n  ctgc new ctg-mon-territoire\n  ctgc new . (dans un dossier vide)\n  ctgc new ctg-mon-territoire --depot https://git.exemple.fr/outils/ctgc.git\n\nLe projet contient ctgc.yaml, convention.ctg (signataires, axes, « à compléter » à remplir),\nfiches/ (une fiche action par fichier), README.md (sa page d'accueil sur GitHub, en français),\nun .gitignore pour build/ et .github/workflows/convention.yml : vérification, PDF et HTML en\nartefacts, et sur chaque pull request un commentaire « ctgc diff » contre la branche de base.\nLe dossier devient un dépôt git sur la branche main (git init -b main), sauf s'il est déjà dans un dépôt.\n\nCode de sortie : 0, ou 2 si le dossier existe et n'est pas vide (aucun fichier n'est remplacé)."
    )]
    New(new::Args),
    /// Reconstruit les documents à chaque enregistrement d'un fichier du projet
    #[command(
        override_usage = "ctgc watch [CHEMIN] [-o DOSSIER] [--format pdf,html] [--typst CHEMIN] [--ouvrir [--port PORT]]",
        after_help = "Exemples :\n  ctgc watch                      le projet du dossier courant\n  ctgc watch conventions/carlades --format html\n  ctgc watch --ouvrir             l'aperçu dans le navigateur, rechargé à chaque enregistrement\n\nÀ chaque enregistrement : les erreurs (et les avertissements nouveaux), ou le temps de construction.\nUn enregistrement qui contient des erreurs ne produit rien : les derniers documents corrects restent\nen place. Ctrl+C pour arrêter."
    )]
    Watch(watch::Args),
    /// Écrit le script de complétion des commandes pour bash, zsh, fish ou PowerShell
    #[command(
        override_usage = "ctgc completions bash|zsh|fish|powershell",
        after_help = "Exemples :\n  ctgc completions bash > ~/.local/share/bash-completion/completions/ctgc\n  ctgc completions zsh > ~/.zfunc/_ctgc        (avec fpath+=(~/.zfunc) dans ~/.zshrc)\n  ctgc completions fish > ~/.config/fish/completions/ctgc.fish\n  ctgc completions powershell >> $PROFILE      (PowerShell, sous Windows)\n\nLes scripts complètent les commandes, les options et leurs valeurs : formats, normes PDF,\ntables d'export, codes des règles de ctgc explain."
    )]
    Completions(completions::Args),
    /// Serveur de langage pour les éditeurs (VS Code…) : vérification pendant la frappe, complétion, navigation
    #[command(
        after_help = "Exemples :\n  ctgc lsp                              lancé par l'éditeur, qui lui parle par l'entrée et la sortie standard\n  code --install-extension ctgc.vsix    l'extension VS Code, qui lance ctgc lsp d'elle-même\n\nPendant la frappe, dans tout le projet : erreurs soulignées, complétion des mots-clés et des identifiants,\ndéfinition, références, survol, renommage, mise en forme (ctgc fmt), plan du fichier et corrections\nproposées (« vouliez-vous dire … ? »).\n\nCode de sortie : 0 quand l'éditeur arrête le serveur, 2 si l'échange est interrompu."
    )]
    Lsp(lsp::Args),
    /// Dit ce qu'une construction utiliserait ici : versions de ctgc et de typst, projet, modèles, polices
    #[command(
        after_help = "Exemples :\n  ctgc doctor                      le projet du dossier courant\n  ctgc doctor conventions/carlades --typst /opt/typst/typst\n\nÀ joindre à un signalement de problème. Sans typst, ctgc doctor dit comment l'obtenir\n(Linux, Windows, macOS).\n\nCode de sortie : 0 si tous les documents peuvent être produits, 2 si typst est introuvable ou inutilisable."
    )]
    Doctor(doctor::Args),
    /// Affiche l'aide de ctgc, ou d'une commande : ctgc help check
    #[command(after_help = "Exemples :\n  ctgc help\n  ctgc help build")]
    Help {
        /// La commande dont afficher l'aide
        #[arg(value_name = "COMMANDE")]
        command: Option<String>,
    },
    /// Liste toutes les règles de vérification
    #[command(after_help = "Exemple :\n  ctgc rules")]
    Rules,
    /// Explique une règle : ce qu'elle vérifie et comment corriger
    #[command(
        after_help = "Exemples :\n  ctgc explain ctg::ref::axe-inconnu\n  ctgc explain axe-inconnu"
    )]
    Explain {
        /// Code de la règle (ctg::famille::nom), ou son seul nom
        #[arg(value_name = "CODE", value_parser = completions::Offered(completions::rule_codes), hide_possible_values = true)]
        code: String,
    },
}

// One spelling of format names for every command: the French name is the one help and README
// show; the other spellings users bring from other tools (diff's old `text`, typst's `short`,
// `yml`) are aliases, accepted wherever that format exists. The language and the command line
// only grow: a spelling once accepted stays.

/// Other spellings of `humain`, the format for a person at a terminal.
pub(crate) const HUMAN_ALIASES: [&str; 3] = ["texte", "text", "human"];
/// Other spellings of `markdown`.
pub(crate) const MARKDOWN_ALIASES: [&str; 1] = ["md"];
/// Other spellings of `yaml`.
pub(crate) const YAML_ALIASES: [&str; 1] = ["yml"];

/// Output format of diagnostics.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticFormat {
    /// Rapport lisible (sortie d'erreur)
    #[value(aliases = HUMAN_ALIASES)]
    Humain,
    /// Tableau JSON de diagnostics (sortie standard)
    Json,
    /// Annotations GitHub Actions (sortie standard)
    Github,
}

/// `--color`
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Sur un terminal, sauf avec NO_COLOR ou TERM=dumb
    #[default]
    Auto,
    /// Toujours
    #[value(alias = "toujours")]
    Always,
    /// Jamais
    #[value(alias = "jamais")]
    Never,
}

/// `--diagnostic-format`
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DiagnosticStyle {
    /// Chaque diagnostic avec l'extrait du fichier, l'étiquette et l'aide
    #[default]
    #[value(alias = "full")]
    Complet,
    /// Une ligne par diagnostic : fichier:ligne:colonne: erreur[code]: message
    #[value(alias = "short")]
    Court,
}

/// The options every command shares, set once from the command line.
#[derive(Debug, Default)]
pub(crate) struct Settings {
    pub quiet: bool,
    pub verbose: bool,
    pub color: ColorChoice,
    pub style: DiagnosticStyle,
}

static SETTINGS: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();

pub(crate) fn settings() -> &'static Settings {
    SETTINGS.get_or_init(Settings::default)
}

/// Whether the diagnostics on stderr get colours: `--color`, else a terminal without `NO_COLOR`
/// (no-color.org) and not `TERM=dumb`.
pub(crate) fn color() -> bool {
    use std::io::IsTerminal;
    match settings().color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// The command line as clap reads it and shows it: the derive's definition, and for every
/// command its help template and French typography in each help text.
pub fn command() -> clap::Command {
    french_help(Cli::command())
}

/// CMD and its subcommands, each with the help template that fits it and its texts typeset.
fn french_help(cmd: clap::Command) -> clap::Command {
    let template = if cmd.has_subcommands() {
        TOP_TEMPLATE
    } else if cmd.get_positionals().next().is_some() {
        SUB_TEMPLATE
    } else {
        SUB_TEMPLATE_NO_ARGS
    };
    let typeset =
        |text: Option<&clap::builder::StyledStr>| text.map(|t| prose::help(&t.to_string()));
    type Setter = fn(clap::Command, String) -> clap::Command;
    let texts: [(Option<String>, Setter); 6] = [
        (typeset(cmd.get_about()), |c, t| c.about(t)),
        (typeset(cmd.get_long_about()), |c, t| c.long_about(t)),
        (typeset(cmd.get_before_help()), |c, t| c.before_help(t)),
        (typeset(cmd.get_before_long_help()), |c, t| {
            c.before_long_help(t)
        }),
        (typeset(cmd.get_after_help()), |c, t| c.after_help(t)),
        (typeset(cmd.get_after_long_help()), |c, t| {
            c.after_long_help(t)
        }),
    ];
    let mut cmd = cmd.help_template(prose::help(template));
    // Only the texts the derive set: an unset one stays unset (`long_about` falls back on
    // `about` when it is).
    for (text, set) in texts {
        if let Some(text) = text {
            cmd = set(cmd, text);
        }
    }
    cmd.mut_args(|mut arg| {
        if let Some(help) = typeset(arg.get_help()) {
            arg = arg.help(help);
        }
        if let Some(help) = typeset(arg.get_long_help()) {
            arg = arg.long_help(help);
        }
        arg
    })
    .mut_subcommands(french_help)
}

/// `Cli::try_parse_from` with [`command`]'s help.
fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut matches = command().try_get_matches_from(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command()))
}

pub fn main() -> i32 {
    let cli = match parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let _ = SETTINGS.set(Settings {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: cli.color,
        style: cli.diagnostic_format,
    });
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Bilan(args) => bilan::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::New(args) => new::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Lsp(args) => lsp::run(&args),
        Command::Doctor(args) => doctor::run(&args),
        Command::Rules => rules::list(),
        Command::Explain { code } => rules::explain(&code),
        // `ctgc help build` is `ctgc build --help`, and an unknown command gets its suggestion.
        Command::Help { command } => {
            let args = ["ctgc"]
                .into_iter()
                .chain(command.as_deref())
                .chain(["--help"]);
            match parse_from(args) {
                Ok(_) => EXIT_OK,
                Err(e) => clap_error(e),
            }
        }
    }
}

/// Writes a command's result on stdout. A closed pipe (`ctgc export … | head`) is not an error
/// of ours, so write errors are ignored rather than turned into a panic as std's `println!` would.
pub(crate) fn print_out(text: impl AsRef<[u8]>) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_ref());
}

/// `print!` of the command line: text for a person, typeset ([`prose::line`]); write errors
/// ignored, as in [`print_out`].
pub(crate) fn write_out(args: std::fmt::Arguments) {
    use std::io::Write;
    let _ = std::io::stdout()
        .lock()
        .write_all(prose::line(&args.to_string()).as_bytes());
}

/// `eprint!` of the command line: text for a person, typeset; write errors ignored (a closed
/// stderr is nobody's mistake).
pub(crate) fn write_err(args: std::fmt::Arguments) {
    use std::io::Write;
    let _ = std::io::stderr()
        .lock()
        .write_all(prose::line(&args.to_string()).as_bytes());
}

/// Prints an error for the user: `ctgc : erreur : …`. The message may quote a file or a path:
/// characters that would act on the terminal are written as code points.
pub(crate) fn fail(message: impl std::fmt::Display) -> i32 {
    let message = message.to_string();
    eprintln!(
        "ctgc : erreur : {}",
        crate::diagnostic::printable(&message, usize::MAX)
    );
    EXIT_USAGE
}

/// Prints a fault of ctgc's own (`ctgc : erreur interne : …`); exit code 3.
pub(crate) fn internal(message: impl std::fmt::Display) -> i32 {
    eprintln!("ctgc : erreur interne : {message}");
    EXIT_INTERNAL
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

/// clap's messages are English: say the same in French.
fn clap_error(e: clap::Error) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return EXIT_OK;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = e.print();
            return EXIT_USAGE;
        }
        _ => {}
    }
    let invalid = context(&e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(&e, ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »",
            verbatim(context(&e, ContextKind::InvalidSubcommand).unwrap_or_default())
        ),
        ErrorKind::UnknownArgument => format!("option inconnue « {} »", verbatim(&invalid)),
        ErrorKind::MissingRequiredArgument => format!("argument obligatoire manquant : {invalid}"),
        ErrorKind::InvalidValue => {
            let valid = context(&e, ContextKind::ValidValue).unwrap_or_default();
            format!(
                "valeur « {} » invalide pour {invalid} (valeurs possibles : {valid})",
                verbatim(&value)
            )
        }
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!(
                "argument en trop ou incompatible : {invalid}{}",
                verbatim(&value)
            )
        }
        _ => "arguments invalides".to_string(),
    };
    if let Some(s) = context(&e, ContextKind::SuggestedSubcommand)
        .or_else(|| context(&e, ContextKind::SuggestedArg))
    {
        message.push_str(&format!(" ; vouliez-vous dire « {s} » ?"));
    }
    eprintln!("ctgc : erreur : {message}\n\nPour plus d'informations : ctgc --help");
    EXIT_USAGE
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The typeset command reads every command line as the derive's own does: same values, same
    /// kind of error.
    #[test]
    fn the_typeset_help_parses_as_the_derive() {
        command().debug_assert();
        let lines: [&[&str]; 9] = [
            &[
                "ctgc",
                "check",
                "conventions/carlades",
                "--final",
                "--format",
                "json",
            ],
            &[
                "ctgc",
                "-q",
                "build",
                ".",
                "-o",
                "x",
                "--format",
                "pdf,html",
                "--timings",
            ],
            &[
                "ctgc",
                "bilan",
                "--annee",
                "2024",
                "--evaluation-finale",
                "-v",
            ],
            &[
                "ctgc", "export", "a", "b", "--format", "csv", "--table", "fiches",
            ],
            &[
                "ctgc",
                "diff",
                "--git",
                "HEAD~1",
                "--format",
                "markdown",
                "--exit-code",
            ],
            &["ctgc", "fmt", "--check", "--format", "github", "a :b"],
            &["ctgc", "explain", "axe-inconnu", "--color", "never"],
            &["ctgc", "check", "--formt", "json"],
            &["ctgc", "chek"],
        ];
        for line in lines {
            let ours = parse_from(line);
            let derive = Cli::try_parse_from(line);
            match (ours, derive) {
                (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{line:?}"),
                (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind(), "{line:?}"),
                (a, b) => panic!("{line:?}: {a:?} / {b:?}"),
            }
        }
    }

    #[test]
    fn every_help_text_is_typeset_and_says_the_same() {
        let plain = |s: &str| s.replace('\u{202f}', " ");
        let derive = Cli::command();
        let ours = command();
        let build = |c: &clap::Command| c.find_subcommand("build").cloned().expect("build");
        let (derive, ours) = (build(&derive), build(&ours));
        let after = ours.get_after_help().expect("after_help").to_string();
        assert!(after.starts_with("Exemples\u{202f}:\n"), "{after}");
        assert_eq!(
            plain(&after),
            derive.get_after_help().expect("after_help").to_string()
        );
        let arg = |c: &clap::Command| {
            c.get_arguments()
                .find(|a| a.get_id() == "out")
                .and_then(|a| a.get_help())
                .map(ToString::to_string)
                .expect("--sortie")
        };
        assert!(arg(&ours).contains("(défaut\u{202f}: «\u{202f}sortie\u{202f}»"));
        assert_eq!(plain(&arg(&ours)), arg(&derive));
    }
}
