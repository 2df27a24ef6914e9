//! What `ctgc fmt --diff` and `ctgc fmt --check --format github` print for a project whose files
//! would change in every way the formatter changes them: a keyword respelled, a line split in two
//! (lines added), blank lines dropped (lines removed), a file in CRLF without a final newline.
//! Snapshots in `tests/snapshots/fmt/`; accept changes with
//! `INSTA_UPDATE=always cargo test --test fmt_output` and review them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "ctgc-test-fmt-output-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn ctgc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const MAIN: &str = "\
convention \"Convention territoriale globale de Brasles\" {
  territoire \"Communauté d'agglomération de la région de Château-Thierry\"
  periode 2026 .. 2029
  signature 12 janvier 2026
  lieu \"Brasles\"
  exemplaires 2
  statut projet
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}

signataire caf \"Caisse d'allocations familiales de l'Aisne\" {
  nature caf
  représentant \"Président du conseil d'administration\" à compléter
  représentant \"Directrice\" à compléter
}



signataire agglo \"Communauté d'agglomération de la région de Château-Thierry\" {
  nature epci; représentant \"Président\" à compléter
}

axe pe \"Petite enfance\" {
  objectif pe-accueil \"Accueillir\"
}

inclure \"fiches/*.ctg\"
";

/// A fiche in CRLF, its amount written without spaces, and no newline after the last brace.
const FICHE: &str = "fiche accueil \"Accueillir les jeunes enfants\" {\r\n  axe pe\r\n  objectifs pe-accueil\r\n  champ petite-enfance, jeunesse, parentalité, accès-aux-droits\r\n  pilote agglo\r\n  financement caf 2026 12000€\r\n}";

/// A project with two files to format and one already in canonical form.
fn project(name: &str) -> PathBuf {
    let dir = temp(name);
    std::fs::create_dir_all(dir.join("fiches")).expect("mkdir");
    std::fs::write(dir.join("convention.ctg"), MAIN).expect("write");
    std::fs::write(dir.join("fiches/01-accueil.ctg"), FICHE).expect("write");
    let canonical = ctgc(&dir, &["fmt", "fiches/01-accueil.ctg"]);
    assert_eq!(
        canonical.status.code(),
        Some(0),
        "{}",
        text(&canonical.stderr)
    );
    let formatted = std::fs::read_to_string(dir.join("fiches/01-accueil.ctg")).expect("read");
    std::fs::write(
        dir.join("fiches/02-jeunesse.ctg"),
        formatted.replace("accueil", "jeunes"),
    )
    .expect("write");
    std::fs::write(dir.join("fiches/01-accueil.ctg"), FICHE).expect("write");
    dir
}

fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/fmt");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    [
        "convention.ctg",
        "fiches/01-accueil.ctg",
        "fiches/02-jeunesse.ctg",
    ]
    .iter()
    .map(|f| (dir.join(f), std::fs::read(dir.join(f)).expect("read")))
    .collect()
}

#[test]
fn diff_prints_a_unified_diff_that_patch_applies_and_writes_nothing() {
    let dir = project("diff");
    let before = files(&dir);
    let o = ctgc(&dir, &["fmt", "--diff"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(files(&dir), before, "--diff writes nothing");
    assert_eq!(
        text(&o.stderr),
        "2 fichiers à mettre en forme (lancez «\u{202f}ctgc fmt\u{202f}»), 1 déjà en forme.\n"
    );
    let diff = text(&o.stdout);
    snapshot("diff", &diff);

    // The diff is exactly what `ctgc fmt` does: applied by patch, it gives the formatted files.
    let patched = temp("diff-patched");
    let formatted = temp("diff-formatted");
    for copy in [&patched, &formatted] {
        std::fs::create_dir_all(copy.join("fiches")).expect("mkdir");
        for (path, bytes) in &before {
            let name = path.strip_prefix(&dir).expect("inside");
            std::fs::write(copy.join(name), bytes).expect("write");
        }
    }
    assert_eq!(ctgc(&formatted, &["fmt"]).status.code(), Some(0));
    match Command::new("patch")
        .args(["-p0", "--quiet", "--binary", "-i", "-"])
        .current_dir(&patched)
        .stdin(std::process::Stdio::piped())
        .spawn()
    {
        Ok(mut child) => {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(diff.as_bytes())
                .expect("write");
            assert!(
                child.wait().expect("patch").success(),
                "patch refused:\n{diff}"
            );
            for f in ["convention.ctg", "fiches/01-accueil.ctg"] {
                assert_eq!(
                    text(&std::fs::read(patched.join(f)).expect("read")),
                    text(&std::fs::read(formatted.join(f)).expect("read")),
                    "{f}"
                );
            }
        }
        Err(_) => eprintln!("patch absent : le différentiel n'est pas appliqué"),
    }

    // Once formatted, nothing is left to show.
    let o = ctgc(&formatted, &["fmt", "--diff"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "");
    for d in [&dir, &patched, &formatted] {
        std::fs::remove_dir_all(d).ok();
    }
}

#[test]
fn check_for_github_annotates_each_passage_with_the_expected_text() {
    let dir = project("github");
    let before = files(&dir);
    let o = ctgc(&dir, &["fmt", "--check", "--format", "github", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(files(&dir), before, "--check writes nothing");
    let annotations = text(&o.stdout);
    assert!(
        annotations
            .lines()
            .all(|l| l.starts_with("::warning file=")),
        "{annotations}"
    );
    snapshot("check-github", &annotations);

    // The human format still lists the files, and --format needs --check.
    let o = ctgc(&dir, &["fmt", "--check", "."]);
    assert_eq!(
        text(&o.stdout),
        "./convention.ctg\n./fiches/01-accueil.ctg\n"
    );
    let o = ctgc(&dir, &["fmt", "--format", "github"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--check"), "{}", text(&o.stderr));
    let o = ctgc(&dir, &["fmt", "--check", "--diff"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}
