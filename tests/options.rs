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
        stderr(&o).contains("table «\u{202f}fichs\u{202f}» inconnue"),
        "{}",
        stderr(&o)
    );
}

/// `check --format json` when the project cannot be read: the array of a normal run, holding
/// the error as one diagnostic, and the exit code of a file problem.
fn unreadable_as_json(path: &std::path::Path, why: &str) {
    let o = ctgc(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let list: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    let list = list.as_array().expect("an array, as in a normal run");
    assert_eq!(list.len(), 1, "{list:?}");
    let d = list[0].as_object().expect("an object");
    // The keys of every diagnostic of a normal run, and no other.
    let mut keys: Vec<&str> = d.keys().map(String::as_str).collect();
    let mut expected = support::JSON_KEYS.to_vec();
    expected.sort_unstable();
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(d["code"], "ctg::projet::illisible");
    assert_eq!(d["severity"], "error");
    assert!(d["line"].is_null() && d["file"].is_null(), "{d:?}");
    let message = d["message"].as_str().unwrap_or_default();
    assert!(message.contains(why), "{message}");
    assert!(!d["help"].as_str().unwrap_or_default().is_empty());
    // The terminal still gets the sentence.
    assert!(stderr(&o).contains(why), "{}", stderr(&o));
}

#[test]
fn check_json_carries_the_error_when_the_project_cannot_be_read() {
    let s = Scratch::new("json-illisible");
    unreadable_as_json(&s.path("nulle/part"), "impossible de lire");
    std::fs::create_dir_all(s.path("vide")).unwrap();
    unreadable_as_json(&s.path("vide"), "n'est pas un projet de convention");
    s.write("dossier/ctgc.yaml", "principal: fiches\n");
    std::fs::create_dir_all(s.path("dossier/fiches")).unwrap();
    unreadable_as_json(&s.path("dossier"), "est un dossier, pas un fichier .ctg");
    // A YAML file without which nothing is read: the project's own articles.
    s.write("articles/convention.ctg", support::scratch::HEAD);
    s.write("articles/templates/articles.yaml", "articles: [\n");
    unreadable_as_json(&s.path("articles"), "articles.yaml");
}

#[test]
fn check_github_and_human_when_the_project_cannot_be_read() {
    let o = ctgc(&["check", "nulle/part", "--format", "github"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).starts_with(
            "::error title=ctg%3A%3Aprojet%3A%3Aillisible::impossible de lire «\u{202f}nulle/part\u{202f}»"
        ),
        "{}",
        stdout(&o)
    );
    let o = ctgc(&["check", "nulle/part"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
}

/// A project of N fiches, each in its own file, each naming an axe that does not exist: N
/// errors, one per file (none left out as repeated in one file).
fn project_with_errors(s: &Scratch, n: usize) {
    s.write(
        "convention.ctg",
        format!("{}inclure \"fiches/*.ctg\"\n", support::scratch::HEAD),
    );
    for i in 0..n {
        s.write(
            &format!("fiches/{i:02}.ctg"),
            format!(
                "fiche f{i} \"Fiche {i}\" {{\n  axe inconnu\n  objectifs creche\n  champ petite-enfance\n  pilote caf\n}}\n"
            ),
        );
    }
}

#[test]
fn github_annotations_put_errors_first_and_say_when_github_hides_some() {
    let s = Scratch::new("annotations");
    project_with_errors(&s, 12);
    let o = ctgc(&["check", s.dir.to_str().unwrap(), "--format", "github"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let errors = lines.iter().filter(|l| l.starts_with("::error ")).count();
    let warnings = lines.iter().filter(|l| l.starts_with("::warning ")).count();
    assert!(errors >= 12 && warnings > 0, "{out}");
    let last_error = lines.iter().rposition(|l| l.starts_with("::error "));
    let first_warning = lines.iter().position(|l| l.starts_with("::warning "));
    assert!(last_error < first_warning, "{out}");
    let json = ctgc(&["check", s.dir.to_str().unwrap(), "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let all = all.as_array().expect("array");
    let total_errors = all.iter().filter(|d| d["severity"] == "error").count();
    let notice = format!(
        "::notice title=ctgc check::{total_errors} erreurs, {} avertissement",
        all.len() - total_errors
    );
    let summary: Vec<&&str> = lines.iter().filter(|l| l.starts_with(&notice)).collect();
    assert_eq!(summary.len(), 1, "{notice}\n{out}");
    assert!(
        summary[0].contains(
            "au-delà de 10 erreurs et 10 avertissements ne sont pas affichées par GitHub"
        ),
        "{}",
        summary[0]
    );
    // Within GitHub's limits, no such line.
    let small = Scratch::new("annotations-peu");
    project_with_errors(&small, 2);
    let o = ctgc(&["check", small.dir.to_str().unwrap(), "--format", "github"]);
    assert!(!stdout(&o).contains("au-delà de"), "{}", stdout(&o));
}

#[test]
fn diff_github_says_when_github_hides_warnings() {
    let s = Scratch::new("annotations-diff");
    let signed = support::scratch::HEAD.replacen(
        "  exemplaires 2\n",
        "  exemplaires 2\n  statut signée\n",
        1,
    );
    let fiches = |title: &str| -> String {
        (0..12)
            .map(|i| {
                format!(
                    "fiche f{i} \"{title} {i}\" {{\n  axe petite-enfance\n  objectifs creche\n  champ petite-enfance\n  pilote caf\n}}\n"
                )
            })
            .collect()
    };
    s.write(
        "ancienne/convention.ctg",
        format!("{signed}{}", fiches("Fiche")),
    );
    s.write(
        "nouvelle/convention.ctg",
        format!("{signed}{}", fiches("Action")),
    );
    let o = ctgc(&[
        "diff",
        s.path("ancienne").to_str().unwrap(),
        s.path("nouvelle").to_str().unwrap(),
        "--format",
        "github",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let warnings = out.lines().filter(|l| l.starts_with("::warning ")).count();
    assert_eq!(warnings, 12, "{out}");
    let limit = out
        .lines()
        .position(|l| l.starts_with("::notice title=ctgc diff::0 erreur, 12 avertissements — "));
    let count = out
        .lines()
        .position(|l| l.starts_with("::notice title=ctgc diff::") && !l.contains("au-delà"));
    assert!(limit.is_some() && count.is_some() && limit < count, "{out}");
}

#[test]
fn fmt_check_github_says_when_github_hides_warnings() {
    let s = Scratch::new("annotations-fmt");
    // Twelve fiches, each with one line indented too far: twelve passages to change.
    let fiches: String = (0..12)
        .map(|i| {
            format!(
                "fiche f{i} \"Fiche {i}\" {{\n  axe petite-enfance\n      objectifs creche\n  champ petite-enfance\n  pilote caf\n}}\n\n"
            )
        })
        .collect();
    s.write(
        "convention.ctg",
        format!("{}\n{}\n", support::scratch::HEAD, fiches.trim_end()),
    );
    let o = ctgc(&[
        "fmt",
        s.dir.to_str().unwrap(),
        "--check",
        "--format",
        "github",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::warning ")).count(),
        12,
        "{out}"
    );
    assert!(
        out.lines().last().unwrap_or_default().starts_with(
            "::notice title=ctgc fmt::0 erreur, 12 avertissements — les annotations au-delà de 10"
        ),
        "{out}"
    );
}
