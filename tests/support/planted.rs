//! Two versions of the Carladès convention (numbered per axe) that differ by the three planted
//! changes every diff test reads: a fiche added at the end of the first axe, one amount changed,
//! one référent renamed — and whitespace churn in two other files, which must show as nothing.

use std::path::{Path, PathBuf};

pub const NEW_FICHE: &str = "fiche ludotheque \"Créer une ludothèque itinérante\" {
  axe familles
  objectifs pe
  champ parentalité
  pilote csc
  financement caf 2023 .. 2024 5 000 € par an dispositif \"Fonds publics et territoires\"
}
";

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Replaces the first FROM by TO in FILE, which must contain it.
pub fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{} lacks {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

/// Writes `DIR/ancienne` (Carladès as shipped, without its build outputs) and `DIR/nouvelle`
/// (with the three planted changes).
pub fn two_versions(dir: &Path) {
    let carlades = Path::new(env!("CARGO_MANIFEST_DIR")).join("conventions/carlades");
    for side in ["ancienne", "nouvelle"] {
        copy_dir(&carlades, &dir.join(side));
        let _ = std::fs::remove_dir_all(dir.join(side).join("build"));
    }
    let new = dir.join("nouvelle/fiches");
    std::fs::write(new.join("10b-ludotheque.ctg"), NEW_FICHE).expect("write");
    edit(
        &new.join("01-accueil-jeunes-enfants.ctg"),
        "financement caf 2020 .. 2024 20 000 € par an",
        "financement caf 2020 .. 2024 22 000 € par an",
    );
    edit(
        &new.join("02-rpe.ctg"),
        "référent \"Animateur ou animatrice du relais petite enfance\"",
        "référent \"Responsable du relais petite enfance\"",
    );
    // Whitespace churn: indentation and line ends, nothing else.
    let churn = new.join("03-horaires-atypiques.ctg");
    let text = std::fs::read_to_string(&churn).expect("read");
    std::fs::write(
        &churn,
        text.replace("\n  ", "\n\t    ").replace('\n', "\r\n"),
    )
    .expect("write");
    let churn = new.join("04-periscolaire.ctg");
    let text = std::fs::read_to_string(&churn).expect("read");
    std::fs::write(&churn, text.replace("\n\n", "\n\n\n").replace(" .. ", "..")).expect("write");
}

/// `two_versions` in a fresh temporary directory named after NAME.
pub fn two_versions_in(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ctgc-planted-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    two_versions(&dir);
    dir
}
