//! `ctgc new`: a convention project ready to be filled in, checked and reviewed in pull requests.

use std::path::{Path, PathBuf};

use super::prose::verbatim;
use super::{EXIT_OK, fail};
use crate::project::LoadError;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dossier du nouveau projet (créé s'il n'existe pas ; il doit être vide)
    #[arg(value_name = "DOSSIER")]
    pub dir: PathBuf,
    /// Dépôt git de ctgc, d'où le workflow l'installe si crates.io n'a pas sa version (par défaut :
    /// le dépôt officiel)
    #[arg(
        long,
        value_name = "URL",
        default_value = env!("CARGO_PKG_REPOSITORY"),
        hide_default_value = true
    )]
    pub depot: String,
    /// Dossier du modèle de convention de la Caf (avec son modele.yaml), que ctgc.yaml nommera
    /// par un chemin relatif au projet
    #[arg(long = "modèle", alias = "modele", value_name = "DOSSIER")]
    pub modele: Option<PathBuf>,
}

/// The files of a new project: path in the project, content with placeholders (see [`files`]).
const FILES: &[(&str, &str)] = &[
    ("ctgc.yaml", include_str!("../../scaffold/ctgc.yaml")),
    (
        "convention.ctg",
        include_str!("../../scaffold/convention.ctg"),
    ),
    (
        "fiches/01-accueil.ctg",
        include_str!("../../scaffold/fiches/01-accueil.ctg"),
    ),
    (
        "fiches/02-information.ctg",
        include_str!("../../scaffold/fiches/02-information.ctg"),
    ),
    ("README.md", include_str!("../../scaffold/README.md")),
    (".gitignore", include_str!("../../scaffold/gitignore")),
    (
        ".github/workflows/convention.yml",
        include_str!("../../scaffold/convention.yml"),
    ),
];

/// The current year (UTC), from the system clock.
fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Civil year of a day count since 1970-01-01 (H. Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

/// The ctgc repository as a web page: what `--depot` names, without `.git` or a final `/`.
fn web_page(depot: &str) -> &str {
    let depot = depot.trim_end_matches('/');
    depot.strip_suffix(".git").unwrap_or(depot)
}

/// Where the French guide for coordinators is, at the version of this ctgc: its pages are
/// `{guide}/index.md`, `{guide}/langage.md`…
fn guide(depot: &str) -> String {
    format!(
        "{}/blob/v{}/docs/guide",
        web_page(depot),
        env!("CARGO_PKG_VERSION")
    )
}

/// `--depot` is written into the workflow (YAML, shell): only the characters of a URL or of a
/// path, nothing that could end a string or run a command.
fn plausible_depot(depot: &str) -> bool {
    !depot.is_empty()
        && depot
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":/._~@%+-".contains(c))
}

/// The project's files with their placeholders filled in: the period (`@AVANT@`, `@DEBUT@`,
/// `@FIN@`: four years from `start`), the versions the workflow installs (`@CTGC_VERSION@`,
/// `@TYPST_VERSION@`), the ctgc repository it installs from (`@DEPOT@`) and the guide's address
/// (`@GUIDE@`, see [`guide`]).
pub(crate) fn files(start: i32, depot: &str) -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .map(|(name, text)| {
            let text = text
                .replace("@AVANT@", &(start - 1).to_string())
                .replace("@DEBUT@", &start.to_string())
                .replace("@FIN@", &(start + 3).to_string())
                .replace("@CTGC_VERSION@", env!("CARGO_PKG_VERSION"))
                .replace("@TYPST_VERSION@", crate::typeset::RECOMMENDED)
                .replace("@DEPOT@", depot)
                .replace("@GUIDE@", &guide(depot));
            (*name, text)
        })
        .collect()
}

/// The path ctgc.yaml gives to MODEL (as the user names it), relative to the project DIR: the
/// model must be a directory with its manifest.
fn model_path(dir: &Path, model: &Path) -> Result<String, String> {
    let manifest = model.join(crate::caf_model::MANIFEST);
    let model = std::fs::canonicalize(model)
        .ok()
        .filter(|_| manifest.is_file())
        .ok_or_else(|| {
            format!(
                "« {} » n'est pas un dossier de modèle : il doit contenir {}",
                verbatim(model.display()),
                crate::caf_model::MANIFEST
            )
        })?;
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::canonicalize(dir))
        .map(|project| relative_to(&project, &model))
        .map_err(|e| {
            format!(
                "impossible de créer « {} » : {}",
                verbatim(dir.display()),
                crate::io_message(&e)
            )
        })
}

/// TARGET relative to FROM, both canonical: as many `..` as FROM has components below their
/// common ancestor, then the rest of TARGET.
fn relative_to(from: &Path, target: &Path) -> String {
    let (from, target): (Vec<_>, Vec<_>) =
        (from.components().collect(), target.components().collect());
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// The scaffold's ctgc.yaml naming the model at REL: its numbering and libellés are left to the
/// model, which gives its own defaults.
fn with_model(text: &str, rel: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("numérotation:") {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&format!(
        "modèle: {rel}    # le modèle de convention de la Caf : articles, annexes, style, libellés\n\
         # numérotation: et libellés: viennent du modèle ; écrits ici, ils le remplacent.\n"
    ));
    out
}

/// What became of the git repository of a new project.
enum Repository {
    /// `git init -b main` made one.
    Created,
    /// The directory is already inside one (a larger repository).
    Inside,
    /// git is absent, or failed: the user runs the command.
    Missing,
}

/// Makes the project a git repository on `main` (the branch the workflow runs on), unless it is
/// already inside one.
fn init_repository(dir: &Path) -> Repository {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .stdin(std::process::Stdio::null())
            .output()
    };
    match git(&["rev-parse", "--is-inside-work-tree"]) {
        Err(_) => return Repository::Missing,
        Ok(o) if o.status.success() => return Repository::Inside,
        Ok(_) => {}
    }
    match git(&["init", "-q", "-b", "main"]) {
        Ok(o) if o.status.success() => Repository::Created,
        _ => Repository::Missing,
    }
}

fn is_empty_dir(dir: &Path) -> Result<bool, LoadError> {
    let mut entries =
        std::fs::read_dir(dir).map_err(|e| LoadError::unreadable(dir, crate::io_message(&e)))?;
    Ok(entries.next().is_none())
}

pub(crate) fn run(args: &Args) -> i32 {
    let dir = &args.dir;
    if !plausible_depot(&args.depot) {
        return fail(format!(
            "« {} » n'est pas une adresse de dépôt git : --depot attend une URL comme {}",
            verbatim(&args.depot),
            env!("CARGO_PKG_REPOSITORY")
        ));
    }
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return fail(format!(
                "« {} » existe déjà et n'est pas un dossier",
                verbatim(dir.display())
            ));
        }
        Ok(_) => match is_empty_dir(dir) {
            Ok(true) => {}
            Ok(false) => {
                return fail(format!(
                    "le dossier « {} » n'est pas vide : ctgc new ne remplace aucun fichier ; choisissez un nouveau dossier",
                    verbatim(dir.display())
                ));
            }
            Err(msg) => return fail(msg),
        },
        Err(_) => {}
    }
    let model = match &args.modele {
        Some(model) => match model_path(dir, model) {
            Ok(rel) => Some(rel),
            Err(msg) => return fail(msg),
        },
        None => None,
    };
    for (name, text) in files(current_year(), &args.depot) {
        let text = match (&model, name) {
            (Some(rel), "ctgc.yaml") => with_model(&text, rel),
            _ => text,
        };
        let path = dir.join(name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            return fail(format!(
                "impossible d'écrire « {} » : {}",
                verbatim(path.display()),
                crate::io_message(&e)
            ));
        }
    }
    let d = verbatim(dir.display());
    let git = match init_repository(dir) {
        Repository::Created => format!(
            "Dépôt git créé, sur la branche main (« git init -b main »).\n\n\
             Pour commencer :\n\
             \x20 cd {d}\n\
             \x20 ctgc check          chaque « à compléter » s'affiche en avertissement\n\
             \x20 ctgc watch .        reconstruit les documents à chaque enregistrement\n\
             \x20 git add . && git commit -m \"Convention initiale\""
        ),
        Repository::Inside => format!(
            "« {d} » est dans un dépôt git existant : déplacez .github/workflows/convention.yml\n\
             à la racine de ce dépôt et indiquez-y le dossier du projet (CONVENTION).\n\n\
             Pour commencer :\n\
             \x20 cd {d}\n\
             \x20 ctgc check          chaque « à compléter » s'affiche en avertissement\n\
             \x20 ctgc watch .        reconstruit les documents à chaque enregistrement"
        ),
        Repository::Missing => format!(
            "Pour commencer :\n\
             \x20 cd {d}\n\
             \x20 ctgc check          chaque « à compléter » s'affiche en avertissement\n\
             \x20 ctgc watch .        reconstruit les documents à chaque enregistrement\n\
             \x20 git init -b main && git add . && git commit -m \"Convention initiale\"\n\
             \x20                     (le workflow vérifie la branche main et les pull requests vers elle)"
        ),
    };
    eprintln!(
        "Projet de convention créé dans « {d} » :\n\
         \x20 {d}/ctgc.yaml                          réglages du projet\n\
         \x20 {d}/convention.ctg                     la convention, ses signataires et ses axes\n\
         \x20 {d}/fiches/                            une fiche action par fichier\n\
         \x20 {d}/README.md                          la page d'accueil du projet sur GitHub\n\
         \x20 {d}/.gitignore                         les documents produits (build/) hors du dépôt\n\
         \x20 {d}/.github/workflows/convention.yml   vérification, PDF, HTML et relecture des pull requests\n\
         \n\
         {git}\n\
         \n\
         Le guide (écrire la convention, relire une modification, produire le PDF) :\n\
         \x20 {}",
        verbatim(guide(&args.depot) + "/index.md")
    );
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_is_named_relative_to_the_project() {
        assert_eq!(
            relative_to(Path::new("/srv/ctg/sud"), Path::new("/srv/modeles/caf85")),
            "../../modeles/caf85"
        );
        assert_eq!(relative_to(Path::new("/a/b"), Path::new("/a/b/m")), "m");
        let yaml = with_model(include_str!("../../scaffold/ctgc.yaml"), "../modele-caf");
        assert!(yaml.contains("\nmodèle: ../modele-caf "), "{yaml}");
        assert!(!yaml.contains("\nnumérotation:"), "{yaml}");
        assert!(!yaml.contains("\nlibellés:"), "{yaml}");
        let config: crate::project::Config = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(config.modele.as_deref(), Some("../modele-caf"));
    }

    #[test]
    fn the_clock_gives_a_plausible_year() {
        let y = current_year();
        assert!((2024..2200).contains(&y), "{y}");
    }

    #[test]
    fn placeholders_for_years_are_all_replaced() {
        for (name, text) in files(2031, "https://example.org/ctgc.git") {
            for marker in [
                "@AVANT@",
                "@DEBUT@",
                "@FIN@",
                "@CTGC_VERSION@",
                "@TYPST_VERSION@",
                "@DEPOT@",
                "@GUIDE@",
            ] {
                assert!(!text.contains(marker), "{name}: {marker}");
            }
        }
        let conv = files(2031, "https://example.org/ctgc.git")
            .into_iter()
            .find(|(n, _)| *n == "convention.ctg")
            .expect("main file")
            .1;
        assert!(conv.contains("période 2031 .. 2034"));
    }
}
