//! The options every command spells alike: format names and their aliases, completion scripts,
//! machine outputs when the project cannot be read, GitHub annotations past GitHub's limits, and
//! what `--verbose` adds.

mod support;

use std::process::{Command, Output};

use support::scratch::Scratch;

fn ctgc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs ARGS with `--format CANONICAL`, then with each alias in its place: every run must give
/// the same exit code and the same two streams as the canonical name.
fn same_as(args: &[&str], option: &str, canonical: &str, aliases: &[&str]) {
    let run = |name: &str| {
        let mut all = args.to_vec();
        all.extend([option, name]);
        ctgc(&all)
    };
    let reference = run(canonical);
    assert_ne!(
        reference.status.code(),
        Some(2),
        "{args:?} {option} {canonical}: {}",
        stderr(&reference)
    );
    for alias in aliases {
        let o = run(alias);
        assert_eq!(
            o.status.code(),
            reference.status.code(),
            "{args:?} {option} {alias}: {}",
            stderr(&o)
        );
        assert_eq!(stdout(&o), stdout(&reference), "{args:?} {option} {alias}");
        assert_eq!(stderr(&o), stderr(&reference), "{args:?} {option} {alias}");
    }
}

const HUMAN: [&str; 3] = ["texte", "text", "human"];

#[test]
fn the_human_format_is_humain_everywhere_with_the_same_aliases() {
    same_as(
        &["check", "conventions/carlades"],
        "--format",
        "humain",
        &HUMAN,
    );
    let dir = support::planted::two_versions_in("alias");
    let (old, new) = (dir.join("ancienne"), dir.join("nouvelle"));
    let diff = ["diff", old.to_str().unwrap(), new.to_str().unwrap()];
    same_as(&diff, "--format", "humain", &HUMAN);
    same_as(&diff, "--format", "markdown", &["md"]);
    // The human diff is the default, and differs from Markdown: the aliases chose a format.
    let default = ctgc(&diff);
    let markdown = ctgc(&[&diff[..], &["--format", "markdown"]].concat());
    let human = ctgc(&[&diff[..], &["--format", "texte"]].concat());
    assert_eq!(stdout(&default), stdout(&human));
    assert_ne!(stdout(&markdown), stdout(&human));
    std::fs::remove_dir_all(&dir).ok();

    let s = Scratch::new("alias-fmt");
    s.write(
        "convention.ctg",
        "convention \"T\" {\nperiode 2023 .. 2026\n}\n",
    );
    same_as(
        &["fmt", s.dir.to_str().unwrap(), "--check"],
        "--format",
        "humain",
        &HUMAN,
    );
}

#[test]
fn other_format_names_have_their_common_spellings() {
    same_as(
        &["export", "conventions/carlades"],
        "--format",
        "yaml",
        &["yml"],
    );
    same_as(
        &["check", "conventions/carlades"],
        "--diagnostic-format",
        "court",
        &["short"],
    );
    same_as(
        &["check", "conventions/carlades"],
        "--diagnostic-format",
        "complet",
        &["full"],
    );
}

/// The help shows the French names only: the aliases work without crowding it.
#[test]
fn help_shows_the_canonical_names() {
    for command in ["check", "diff", "fmt"] {
        let help = stdout(&ctgc(&[command, "--help"]));
        assert!(help.contains("humain"), "{command}: {help}");
        assert!(!help.contains("text|"), "{command}: {help}");
        assert!(!help.contains("Format : text"), "{command}: {help}");
    }
}

/// The scripts of bash and PowerShell (what the users on Windows have) complete the values of
/// options and arguments, not only their names.
#[test]
fn completion_scripts_offer_the_values() {
    let mut values: Vec<&str> = ctgc::rules::ALL.iter().map(|r| r.code).collect();
    values.extend(["pdf", "html", "a-2b", "ua-1", "a-3u"]);
    values.extend(["fiches", "financements", "equipements", "realises"]);
    values.extend([
        "humain", "json", "github", "markdown", "yaml", "xlsx", "csv", "court",
    ]);
    for shell in ["bash", "powershell"] {
        let o = ctgc(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for value in &values {
            assert!(script.contains(value), "{shell} lacks {value}");
        }
    }
    // `pwsh` is PowerShell by its other name.
    assert_eq!(
        stdout(&ctgc(&["completions", "pwsh"])),
        stdout(&ctgc(&["completions", "powershell"]))
    );
}

/// Offering values to the shells leaves the checking and its French messages to ctgc.
#[test]
fn offered_values_are_still_checked_by_ctgc() {
    let o = ctgc(&["explain", "axe-inconnu"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ctg::ref::axe-inconnu"),
        "{}",
        stdout(&o)
    );
    let o = ctgc(&[
        "export",
        "conventions/carlades",
        "--format",
        "csv",
        "--table",
        "fichs",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("table « fichs » inconnue"),
        "{}",
        stderr(&o)
    );
}
