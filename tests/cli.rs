//! The command line as a user runs it: exit codes, streams, French messages.

mod support;

use std::process::{Command, Output};

use support::scratch::{HEAD, Scratch};

fn ctgc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctgc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_of_a_clean_example_exits_0() {
    let o = ctgc(&["check", "conventions/carlades"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 erreur"));
}

#[test]
fn check_final_turns_placeholders_into_errors() {
    let o = ctgc(&["check", "conventions/carlades", "--final"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ctg::brouillon::a-completer"));
}

#[test]
fn check_of_a_convention_with_errors_exits_1() {
    let dir = std::env::temp_dir().join(format!("ctgc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("convention.ctg");
    std::fs::write(
        &file,
        "convention \"T\" {\n  période 2023 .. 2026\n}\nfiche f \"F\" { axe inconnu }\n",
    )
    .unwrap();
    let o = ctgc(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("ctg::ref::axe-inconnu"), "{err}");
    assert!(
        err.contains("axe «\u{202f}inconnu\u{202f}» inconnu"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_path_is_a_usage_error_in_french() {
    let o = ctgc(&["check", "nulle/part"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("impossible de lire «\u{202f}nulle/part\u{202f}»\u{202f}: fichier ou dossier introuvable"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_diagnostics_go_to_stdout_with_documented_fields() {
    let o = ctgc(&["check", "conventions/versants-d-aime", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    let list = v.as_array().expect("an array");
    assert!(!list.is_empty());
    for d in list {
        for key in support::JSON_KEYS {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        assert_eq!(d["severity"], "warning");
    }
}

#[test]
fn github_annotations() {
    let o = ctgc(&["check", "conventions/carlades", "--format", "github"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let first = out.lines().next().expect("annotations");
    assert!(
        first.starts_with("::warning file=conventions/carlades/convention.ctg,line="),
        "{first}"
    );
    assert!(
        first.contains("title=ctg%3A%3Abrouillon%3A%3Aa-completer::"),
        "{first}"
    );
}

#[test]
fn export_prints_only_the_model_on_stdout() {
    let o = ctgc(&["export", "conventions/carlades", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    assert_eq!(v["fiches"].as_array().unwrap().len(), 30);
    let o = ctgc(&["export", "conventions/carlades", "--format", "yaml"]);
    let y = String::from_utf8_lossy(&o.stdout);
    assert!(y.starts_with("convention:"), "{}", &y[..40.min(y.len())]);
}

#[test]
fn rules_lists_at_least_25_rules_one_per_line() {
    let o = ctgc(&["rules"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 25);
    for l in &lines {
        let code = l.split_whitespace().next().unwrap();
        assert!(
            code.starts_with("ctg::") && code.is_ascii() && code == code.to_lowercase(),
            "{l}"
        );
        assert!(l.contains("erreur") || l.contains("avertissement"), "{l}");
    }
}

#[test]
fn explain_prints_the_documentation_and_suggests_on_typos() {
    let o = ctgc(&["explain", "ctg::ref::axe-inconnu"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Correction"));
    let o = ctgc(&["explain", "ctg::ref::axe-inconu"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("vouliez-vous dire «\u{202f}ctg::ref::axe-inconnu\u{202f}»\u{202f}?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn clap_errors_are_french() {
    let o = ctgc(&["chek"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("commande inconnue «\u{202f}chek\u{202f}»"),
        "{err}"
    );
    assert!(
        err.contains("vouliez-vous dire «\u{202f}check\u{202f}»\u{202f}?"),
        "{err}"
    );
    let o = ctgc(&["check", "--formt", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("option inconnue"));
    let o = ctgc(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("Utilisation\u{202f}:") && out.contains("Commandes\u{202f}:"),
        "{out}"
    );
}

/// `logo "./logos/caf.svg"`: the path `ctgc check` accepts is the one the documents read (the
/// HTML page used to leave such a logo out, with a warning).
#[test]
fn a_logo_written_from_the_current_directory_is_checked_built_and_embedded() {
    let s = Scratch::new("logo-point");
    let convention = HEAD.replacen(
        "  nature caf\n",
        "  nature caf\n  logo \"./logos/caf.svg\" \"Logo de la Caf de la Savoie\"\n",
        1,
    );
    s.write(
        "convention.ctg",
        format!(
            "{convention}fiche creche \"Maintenir l'offre d'accueil\" {{\n  axe petite-enfance\n  objectifs creche\n  champ petite-enfance\n  pilote cc\n}}\n"
        ),
    );
    s.write(
        "logos/caf.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>",
    );
    let (code, err) = support::scratch::ctgc(&["check", "."], &s.dir);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("ctg::logo"), "{err}");
    let (code, err) =
        support::scratch::ctgc(&["build", ".", "--format", "html", "-o", "sortie"], &s.dir);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("absent de la page"), "{err}");
    let page = std::fs::read_dir(s.path("sortie"))
        .expect("sortie")
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| std::fs::read_to_string(e.path()).expect("page"))
        .expect("une page HTML");
    assert!(
        page.contains("<img src=\"data:image/svg+xml;base64,"),
        "le logo est dans la page"
    );
    // The alternative text with its French typography (« la Caf »: a no-break space).
    assert!(page.contains("alt=\"Logo de la\u{a0}Caf de la\u{a0}Savoie\""));
}

/// `ctgc` with an environment of its own (no typst anywhere unless given).
fn ctgc_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ctgc"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("CTGC_TYPST")
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("runs")
}

/// Without typst anywhere (`PATH` and `CARGO_HOME` emptied), `ctgc build` still writes the page,
/// says the PDF is missing, how to get typst on each system, and exits 2.
#[test]
fn build_without_typst_writes_the_html_and_exits_2() {
    let s = Scratch::new("sans-typst");
    let out = s.path("sortie");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("pays-de-l-aigle.pdf"), b"%PDF ancien").unwrap();
    let empty = s.path("vide");
    std::fs::create_dir_all(&empty).unwrap();
    let empty = empty.to_str().unwrap();
    let o = ctgc_env(
        &[
            "build",
            "conventions/pays-de-l-aigle",
            "-o",
            out.to_str().unwrap(),
        ],
        &[("PATH", empty), ("CARGO_HOME", empty), ("HOME", empty)],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(out.join("pays-de-l-aigle.html").is_file(), "{err}");
    assert!(
        err.contains(
            "ctgc\u{202f}: erreur\u{202f}: PDF non produit\u{202f}: typst est introuvable"
        ),
        "{err}"
    );
    assert!(
        err.contains("n'est pas à jour"),
        "the old PDF is named: {err}"
    );
    for system in [
        "Linux  \u{202f}: ",
        "Windows\u{202f}: winget install --id Typst.Typst",
        "macOS  \u{202f}: brew install typst",
        "cargo install typst-cli --locked --version 0.15.1",
    ] {
        assert!(err.contains(system), "{system}: {err}");
    }
    assert_eq!(
        std::fs::read(out.join("pays-de-l-aigle.pdf")).unwrap(),
        b"%PDF ancien",
        "the previous PDF is left alone"
    );
    // A project with bilans writes every page and says once that the PDFs are missing.
    let bilans = s.path("bilans");
    let o = ctgc_env(
        &[
            "build",
            "conventions/versants-d-aime",
            "-o",
            bilans.to_str().unwrap(),
        ],
        &[("PATH", empty), ("CARGO_HOME", empty), ("HOME", empty)],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        bilans.join("versants-d-aime-bilan-2024.html").is_file(),
        "{err}"
    );
    assert_eq!(err.matches("PDF non produit").count(), 1, "{err}");
    // Only the PDF asked for: nothing can be written, exit 2 with the same help.
    let o = ctgc_env(
        &[
            "build",
            "conventions/pays-de-l-aigle",
            "-o",
            s.path("pdf-seul").to_str().unwrap(),
            "--format",
            "pdf",
        ],
        &[("PATH", empty), ("CARGO_HOME", empty), ("HOME", empty)],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("brew install typst"), "{}", stderr(&o));
    assert!(!s.path("pdf-seul").join("pays-de-l-aigle.html").exists());
}

#[test]
fn doctor_says_what_a_build_would_use() {
    let typst = std::env::var("CTGC_TYPST").unwrap_or_else(|_| {
        let home = std::env::var("HOME").unwrap_or_default();
        format!("{home}/.cargo/bin/typst")
    });
    let o = ctgc_env(&["doctor", "conventions/carlades", "--typst", &typst], &[]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.starts_with(&format!(
            "ctgc      \u{202f}: {}\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{out}"
    );
    assert!(
        out.contains("typst     \u{202f}: 0.15.1 — «\u{202f}"),
        "{out}"
    );
    assert!(
        out.contains("projet    \u{202f}: «\u{202f}conventions/carlades\u{202f}»"),
        "{out}"
    );
    assert!(out.contains("modèles   \u{202f}: ceux de ctgc"), "{out}");
    assert!(out.contains("polices   \u{202f}: "), "{out}");
    assert!(out.contains("convention\u{202f}: 0 erreur"), "{out}");

    let o = ctgc_env(
        &["doctor", "nulle/part", "--typst", "/nonexistent/typst"],
        &[],
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains("typst     \u{202f}: non trouvé — typst introuvable"),
        "{out}"
    );
    assert!(
        out.contains("projet    \u{202f}: aucun — impossible de lire «\u{202f}nulle/part\u{202f}»"),
        "{out}"
    );
    assert!(
        stderr(&o).contains("winget install --id Typst.Typst"),
        "{}",
        stderr(&o)
    );
}

/// `ctgc fmt --corriger` rewrites the word processor's mistakes that have one reading, then
/// formats; a second run changes nothing.
#[test]
fn fmt_corriger_fixes_dates_quotes_and_periods_once() {
    let s = Scratch::new("corriger");
    let fiche = "fiche creche \"Maintenir l'offre d'accueil\" {\n  axe petite-enfance\n  objectifs creche\n  champ petite-enfance\n  pilote cc\n}\n";
    let mistaken = HEAD
        .replacen("signature 13 janvier 2023", "signature 31/12/2022", 1)
        .replacen("lieu \"Aime-la-Plagne\"", "lieu “Aime-la-Plagne”", 1)
        .replacen(
            "territoire \"Communauté de communes de test\"",
            "territoire «\u{a0}Communauté de communes de test\u{a0}»",
            1,
        )
        .replacen("période 2023 .. 2026", "période 2023-2026", 1);
    s.write("convention.ctg", format!("{mistaken}{fiche}"));
    let (code, err) = support::scratch::ctgc(&["check", "."], &s.dir);
    assert_eq!(code, 1, "{err}");
    let (code, err) = support::scratch::ctgc(&["fmt", "--corriger"], &s.dir);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("4 erreurs courantes corrigées"), "{err}");
    let fixed = std::fs::read_to_string(s.path("convention.ctg")).unwrap();
    assert_eq!(
        fixed,
        format!("{HEAD}{fiche}").replacen(
            "signature 13 janvier 2023",
            "signature 31 décembre 2022",
            1
        )
    );
    let (code, err) = support::scratch::ctgc(&["check", "."], &s.dir);
    assert_eq!(code, 0, "{err}");
    // Idempotent: nothing left to correct or format.
    let (code, err) = support::scratch::ctgc(&["fmt", "--corriger", "--check"], &s.dir);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("corrigée"), "{err}");
    assert_eq!(
        std::fs::read_to_string(s.path("convention.ctg")).unwrap(),
        fixed
    );
    // Without --corriger, the same mistakes are only reported (the file does not parse).
    s.write("convention.ctg", format!("{mistaken}{fiche}"));
    let (code, err) = support::scratch::ctgc(&["fmt"], &s.dir);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("guillemets droits"), "{err}");
}

#[test]
fn quiet_shows_errors_only_and_no_summary() {
    let o = ctgc(&["check", "conventions/carlades", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "", "warnings and summary are left out");
    let o = ctgc(&["--quiet", "check", "conventions/carlades", "--final"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("ctg::brouillon::a-completer"), "{err}");
    assert!(!err.contains("avertissement"), "{err}");
    assert!(!err.contains("0 avertissement"), "no summary: {err}");
}

#[test]
fn short_diagnostic_format_is_one_line_each() {
    let o = ctgc(&[
        "check",
        "conventions/carlades",
        "--diagnostic-format",
        "court",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    let (summary, diagnostics) = lines.split_last().expect("lines");
    assert!(summary.contains("0 erreur"), "{err}");
    assert!(!diagnostics.is_empty());
    for line in diagnostics {
        assert!(
            line.starts_with("conventions/carlades/")
                && line.contains(": avertissement[ctg::brouillon::a-completer]: "),
            "{line}"
        );
        let place: Vec<&str> = line.splitn(4, ':').collect();
        assert!(
            place[1].parse::<usize>().is_ok() && place[2].parse::<usize>().is_ok(),
            "{line}"
        );
    }
}

#[test]
fn help_lines_are_french_with_or_without_colours() {
    let o = ctgc(&["check", "conventions/carlades"]);
    let err = stderr(&o);
    assert!(
        err.contains("\n  aide\u{202f}: complétez la valeur"),
        "{err}"
    );
    assert!(!err.contains("help:") && !err.contains('\u{1b}'), "{err}");
    let o = ctgc(&["check", "conventions/carlades", "--color", "always"]);
    let err = stderr(&o);
    assert!(err.contains('\u{1b}'), "colours asked for: {err}");
    assert!(
        err.contains("aide\u{202f}:") && !err.contains("help:"),
        "{err}"
    );
    let o = ctgc(&["check", "conventions/carlades", "--color", "never"]);
    assert!(!stderr(&o).contains('\u{1b}'));
}

#[test]
fn help_command_shows_a_command_s_help() {
    let o = ctgc(&["help", "build"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Utilisation\u{202f}: ctgc build"), "{out}");
    let o = ctgc(&["help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Commandes\u{202f}:"));
    let o = ctgc(&["help", "chek"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("vouliez-vous dire «\u{202f}check\u{202f}»\u{202f}?"),
        "{}",
        stderr(&o)
    );
}

/// A project whose fiches, in their own files, name the Caf as pilot and funder.
fn project_with_fiches(s: &Scratch, convention: &str) {
    s.write(
        "convention.ctg",
        format!("{convention}inclure \"fiches/*.ctg\"\n"),
    );
    for (i, id) in ["creche", "relais", "halte"].iter().enumerate() {
        s.write(
            &format!("fiches/0{}-{id}.ctg", i + 1),
            format!(
                "fiche {id} \"Fiche {id}\" {{\n  axe petite-enfance\n  objectifs creche\n  champ petite-enfance\n  pilote caf\n  partenaires caf, cc\n}}\n"
            ),
        );
    }
}

/// A `}` forgotten after `signataire caf`: one error, not one per mention of the Caf.
#[test]
fn a_missing_brace_is_one_error_without_cascade() {
    let s = Scratch::new("accolade");
    let convention = HEAD.replacen(
        "  représentant \"Directrice\" Mme \"Anne Upravan\"\n}\n",
        "  représentant \"Directrice\" Mme \"Anne Upravan\"\n",
        1,
    );
    assert_ne!(convention, HEAD);
    project_with_fiches(&s, &convention);
    let (code, err) = support::scratch::ctgc(&["check", "."], &s.dir);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("  × ").count(), 1, "{err}");
    assert!(err.contains("ctg::syntaxe::accolade-non-fermee"), "{err}");
    assert!(!err.contains("inconnu"), "{err}");
}

/// `ctgc check fiches/01-creche.ctg` and `cd fiches && ctgc check` check the project above.
#[test]
fn the_project_is_found_by_walking_up() {
    let s = Scratch::new("remonte");
    std::fs::create_dir_all(s.path(".git")).unwrap();
    project_with_fiches(&s, HEAD);
    let (code, err) = support::scratch::ctgc(&["check", "fiches/01-creche.ctg"], &s.dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("0 erreur") && err.contains("(3 fiches)"),
        "{err}"
    );
    let (code, err) = support::scratch::ctgc(&["check"], &s.path("fiches"));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(3 fiches)"), "{err}");
    // Which project was found is said with --verbose only.
    assert!(!err.contains("projet trouvé"), "{err}");
    for verbose in ["-v", "--verbose"] {
        let (code, err) = support::scratch::ctgc(&["check", verbose], &s.path("fiches"));
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("projet trouvé dans «\u{202f}..\u{202f}»"),
            "{err}"
        );
        let (_, err) = support::scratch::ctgc(&["export", verbose], &s.path("fiches"));
        assert!(
            err.contains("projet trouvé dans «\u{202f}..\u{202f}»"),
            "{err}"
        );
    }
    // Given the project itself, there is nothing to say.
    let (_, err) = support::scratch::ctgc(&["check", "-v"], &s.dir);
    assert!(!err.contains("projet trouvé"), "{err}");
    // --verbose and --quiet say opposite things.
    let (code, err) = support::scratch::ctgc(&["check", "-v", "-q"], &s.dir);
    assert_eq!(code, 2, "{err}");
    // The search stops at the repository's root: a fiche of a repository without a project
    // is checked alone.
    let inner = Scratch::new("remonte-depot");
    std::fs::create_dir_all(inner.path("depot/.git")).unwrap();
    inner.write("convention.ctg", HEAD);
    inner.write("depot/fiche.ctg", "fiche f \"F\" {\n  axe inconnu\n}\n");
    let (code, err) = support::scratch::ctgc(&["check", "fiche.ctg"], &inner.path("depot"));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("axe «\u{202f}inconnu\u{202f}» inconnu"),
        "{err}"
    );
}

/// ctgc's own lines follow French typography — an error, the summary, « projet trouvé », a
/// warning, a help — and the paths they quote stay exactly as they are, « : » and spaces
/// included (a project in a directory named `a :b`).
#[test]
fn the_command_line_speaks_with_french_typography_and_keeps_paths() {
    let s = Scratch::new("typographie");
    let project = Scratch {
        dir: s.path("a :b"),
    };
    project_with_fiches(&project, HEAD);
    let broken = Scratch {
        dir: s.path("c ; d ?"),
    };
    broken.write("convention.ctg", "fiche f \"F\" {\n  axe inconnu\n}\n");
    let lines = [
        // An error that quotes a path (a message of the project loader).
        support::scratch::ctgc(&["check", "a :b/nulle :part"], &s.dir),
        // The summary, the path first.
        support::scratch::ctgc(&["check", "a :b"], &s.dir),
        // The project found above, its path quoted.
        support::scratch::ctgc(&["check", "-v"], &project.path("fiches")),
        // A warning: the old version has errors (`ctgc : attention : …`).
        support::scratch::ctgc(&["diff", "c ; d ?", "a :b"], &s.dir),
    ];
    let expected = [
        "ctgc\u{202f}: erreur\u{202f}: impossible de lire «\u{202f}a :b/nulle :part\u{202f}»\u{202f}: ",
        "a :b/convention.ctg\u{202f}: 0 erreur, ",
        "ctgc\u{202f}: projet trouvé dans «\u{202f}..\u{202f}» (../convention.ctg)",
        "ctgc\u{202f}: attention\u{202f}: la version ancienne contient 2 erreurs\u{202f}; le différentiel \
         peut être incomplet (détail\u{202f}: ctgc check c ; d ?)",
    ];
    for ((_, err), expected) in lines.iter().zip(expected) {
        assert!(
            err.contains(expected),
            "« {expected} » attendu dans :\n{err}"
        );
        // ctgc's lines only: the diagnostics above them are checked by their own tests.
        let own: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("ctgc") || l.starts_with("a :b"))
            .collect();
        let faults: Vec<String> = own
            .iter()
            .flat_map(|l| support::typography::faults(&l.replace("c ; d ?", "")))
            .collect();
        assert!(faults.is_empty(), "{faults:?} dans :\n{err}");
    }
    let o = ctgc(&["build", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("Utilisation\u{202f}: ctgc build"), "{help}");
    let faults = support::typography::faults(&help);
    assert!(faults.is_empty(), "{faults:?} dans :\n{help}");
}
