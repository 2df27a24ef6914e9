//! `ctgc doctor`: what a build would use here — ctgc's and typst's versions, the project, its
//! templates and fonts — as `typst info` or `quarto check` say, for a bug report or a new machine.

use std::path::{Path, PathBuf};

use super::prose::verbatim;
use super::{EXIT_OK, EXIT_USAGE};
use crate::compile::{self, Compilation, Options};
use crate::diagnostic::Severity;
use crate::typeset::{self, Version};
use crate::typography::count;
use crate::world::DiskWorld;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Fichier .ctg, ou dossier de projet (par défaut : le dossier courant)
    #[arg(value_name = "CHEMIN", default_value = ".", hide_default_value = true)]
    pub path: PathBuf,
    /// Chemin de l'exécutable typst (sinon : variable CTGC_TYPST, puis le PATH)
    #[arg(long = "typst", value_name = "CHEMIN")]
    pub typst: Option<PathBuf>,
}

/// Exit code 0 when a build can make every document here, 2 when typst is missing or unusable.
pub(crate) fn run(args: &Args) -> i32 {
    let mut out = format!("ctgc       : {}\n", env!("CARGO_PKG_VERSION"));
    let typst = typeset::find(args.typst.as_deref());
    match &typst {
        Ok(t) => {
            let recommended = Version::parse(typeset::RECOMMENDED);
            let note = if recommended == Some(t.version) {
                "la version avec laquelle les modèles sont testés".to_string()
            } else {
                format!(
                    "les modèles sont testés avec typst {} : la mise en page peut différer",
                    typeset::RECOMMENDED
                )
            };
            out.push_str(&format!(
                "typst      : {} — « {} » ({note})\n",
                t.version,
                verbatim(t.path.display())
            ));
        }
        Err(e) => {
            let reason = e.to_string();
            out.push_str(&format!(
                "typst      : non trouvé — {} ; ctgc build n'écrira que la page HTML\n",
                reason.lines().next().unwrap_or_default()
            ));
        }
    }
    match compile::compile(&args.path, Options::default()) {
        Ok(comp) => project(&comp, typst.as_ref().ok(), &mut out),
        Err(e) => out.push_str(&format!("projet     : aucun — {e}\n")),
    }
    // For a person (and a bug report): typeset, the paths in it marked verbatim.
    print!("{out}");
    if typst.is_err() {
        eprintln!("aide : {}", crate::build::pdf::install_help());
        EXIT_USAGE
    } else {
        EXIT_OK
    }
}

/// The project's lines: where it is, the typst it asks for, its templates, fonts and state.
fn project(comp: &Compilation, typst: Option<&typeset::Typst>, out: &mut String) {
    let p = &comp.project;
    let config = p
        .config_file
        .as_ref()
        .map_or(String::from("sans ctgc.yaml"), |f| {
            format!("configuration « {} »", verbatim(f.display()))
        });
    out.push_str(&format!(
        "projet     : « {} » (fichier principal « {} », {config})\n",
        verbatim(p.dir.display()),
        verbatim(p.main.display())
    ));
    if let Some(pinned) = comp.model.config.typst.as_deref() {
        let verdict = match (Version::parse(pinned), typst) {
            (Some(v), Some(t)) if v == t.version => "c'est celui qui sera utilisé".to_string(),
            (Some(_), Some(t)) => format!(
                "typst {} sera utilisé : la mise en page peut différer du document signé",
                t.version
            ),
            (Some(_), None) => "introuvable ici".to_string(),
            (None, _) => "ce n'est pas un numéro de version".to_string(),
        };
        out.push_str(&format!(
            "  typst demandé par ctgc.yaml : {} — {verdict}\n",
            verbatim(pinned)
        ));
    }
    out.push_str(&format!("modèles    : {}\n", templates(comp)));
    let fonts: Vec<String> = crate::glyphs::project_fonts(&DiskWorld, &p.dir)
        .iter()
        .map(|f| verbatim(f.display()).to_string())
        .collect();
    out.push_str(&format!(
        "polices    : celles intégrées à typst (jamais celles du système){}\n",
        if fonts.is_empty() {
            String::new()
        } else {
            format!(", et celles du projet : {}", fonts.join(", "))
        }
    ));
    let of = |s: Severity| comp.diagnostics.iter().filter(|d| d.severity == s).count();
    out.push_str(&format!(
        "convention : {}, {} (ctgc check pour le détail)\n",
        count(of(Severity::Error), "erreur", "erreurs"),
        count(of(Severity::Warning), "avertissement", "avertissements")
    ));
}

/// The templates a build uses: ctgc's own, or which of them the project replaces.
fn templates(comp: &Compilation) -> String {
    match crate::templates::project_dir(&DiskWorld, &comp.project, &comp.model.config) {
        Err(why) => format!("dossier des modèles refusé ({why}) : ceux de ctgc"),
        Ok(None) => "ceux de ctgc".to_string(),
        Ok(Some(root)) => {
            let replaced: Vec<&str> = crate::templates::EMBEDDED
                .iter()
                .map(|(name, _)| *name)
                .filter(|name| root.dir.join(name).is_file())
                .collect();
            let dir = verbatim(Path::new(&root.dir).display());
            if replaced.is_empty() {
                format!("ceux de ctgc (« {dir} » n'en remplace aucun)")
            } else {
                format!("ceux de ctgc, sauf {} de « {dir} »", replaced.join(", "))
            }
        }
    }
}
