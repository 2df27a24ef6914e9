//! `ctgc new`: a convention project ready to be filled in, checked and reviewed in pull requests.

use std::path::{Path, PathBuf};

use super::{EXIT_OK, fail};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dossier du nouveau projet (créé s'il n'existe pas ; il doit être vide)
    #[arg(value_name = "DOSSIER")]
    pub dir: PathBuf,
}

/// The files of a new project: path in the project, content (`@DEBUT@`, `@FIN@`, `@AVANT@` are years).
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

/// The project's files with the period filled in: four years from `start`.
pub fn files(start: i32) -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .map(|(name, text)| {
            let text = text
                .replace("@AVANT@", &(start - 1).to_string())
                .replace("@DEBUT@", &start.to_string())
                .replace("@FIN@", &(start + 3).to_string());
            (*name, text)
        })
        .collect()
}

fn is_empty_dir(dir: &Path) -> Result<bool, String> {
    let mut entries = std::fs::read_dir(dir).map_err(|e| {
        format!(
            "impossible de lire « {} » : {}",
            dir.display(),
            crate::io_message(&e)
        )
    })?;
    Ok(entries.next().is_none())
}

pub fn run(args: &Args) -> i32 {
    let dir = &args.dir;
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return fail(format!(
                "« {} » existe déjà et n'est pas un dossier",
                dir.display()
            ));
        }
        Ok(_) => match is_empty_dir(dir) {
            Ok(true) => {}
            Ok(false) => {
                return fail(format!(
                    "le dossier « {} » n'est pas vide : ctgc new ne remplace aucun fichier ; choisissez un nouveau dossier",
                    dir.display()
                ));
            }
            Err(msg) => return fail(msg),
        },
        Err(_) => {}
    }
    for (name, text) in files(current_year()) {
        let path = dir.join(name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            return fail(format!(
                "impossible d'écrire « {} » : {}",
                path.display(),
                crate::io_message(&e)
            ));
        }
    }
    let d = dir.display();
    eprintln!(
        "Projet de convention créé dans « {d} » :\n\
         \x20 {d}/ctgc.yaml                          réglages du projet\n\
         \x20 {d}/convention.ctg                     la convention, ses signataires et ses axes\n\
         \x20 {d}/fiches/                            une fiche action par fichier\n\
         \x20 {d}/.gitignore                         les documents produits (build/) hors du dépôt\n\
         \x20 {d}/.github/workflows/convention.yml   vérification, PDF, HTML et relecture des pull requests\n\
         \n\
         Pour commencer :\n\
         \x20 cd {d}\n\
         \x20 ctgc check          chaque « à compléter » s'affiche en avertissement\n\
         \x20 ctgc watch .        reconstruit les documents à chaque enregistrement\n\
         \x20 git init && git add . && git commit -m \"Convention initiale\""
    );
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_gives_a_plausible_year() {
        let y = current_year();
        assert!((2024..2200).contains(&y), "{y}");
    }

    #[test]
    fn placeholders_for_years_are_all_replaced() {
        for (name, text) in files(2031) {
            for marker in ["@AVANT@", "@DEBUT@", "@FIN@"] {
                assert!(!text.contains(marker), "{name}: {marker}");
            }
        }
        let conv = files(2031)
            .into_iter()
            .find(|(n, _)| *n == "convention.ctg")
            .expect("main file")
            .1;
        assert!(conv.contains("période 2031 .. 2034"));
    }
}
